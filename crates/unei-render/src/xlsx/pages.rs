//! Manual page breaks: where the PDF starts a page, and wherever else a page would overflow.
//! A spreadsheet row cannot continue on the next page, so rows move whole; a label or table
//! header stays with the row after it, as in the PDF.

/// One form row on a sheet, as pagination sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Block {
    pub height_px: u32,
    /// A label, table header or heading: never last on a page.
    pub keep_with_next: bool,
    /// The PDF starts a new page with this row.
    pub pdf_break_before: bool,
}

/// Page heights in pixels: the first page, and later ones (less the repeated rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PageRoom {
    pub first_px: u32,
    pub later_px: u32,
}

/// Indices of the blocks that start a new page (the first block is never listed).
pub(crate) fn page_starts(blocks: &[Block], room: PageRoom) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut used = 0;
    let mut capacity = room.first_px;
    for (i, block) in blocks.iter().enumerate() {
        // A row kept with the one before it never starts a page: the chain moved as a whole
        // already, or it is taller than a page and breaking it up would only strand the label.
        let kept = i > 0 && blocks[i - 1].keep_with_next;
        let overflows = used + lead_px(blocks, i) > capacity;
        if used > 0 && !kept && (block.pdf_break_before || overflows) {
            starts.push(i);
            used = 0;
            capacity = room.later_px;
        }
        used += block.height_px;
    }
    starts
}

/// Height block `i` needs on its page: with the blocks it keeps with.
fn lead_px(blocks: &[Block], i: usize) -> u32 {
    let mut total = 0;
    for block in &blocks[i..] {
        total += block.height_px;
        if !block.keep_with_next {
            break;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(height_px: u32, keep_with_next: bool, pdf_break_before: bool) -> Block {
        Block {
            height_px,
            keep_with_next,
            pdf_break_before,
        }
    }

    const ROOM: PageRoom = PageRoom {
        first_px: 100,
        later_px: 80,
    };

    #[test]
    fn rows_move_whole_to_the_next_page() {
        let blocks = [
            block(60, false, false),
            block(30, false, false),
            block(20, false, false),
        ];
        assert_eq!(page_starts(&blocks, ROOM), [2]);
    }

    #[test]
    fn labels_stay_with_what_follows() {
        let blocks = [
            block(60, false, false),
            block(20, true, false),
            block(30, false, false),
        ];
        assert_eq!(
            page_starts(&blocks, ROOM),
            [1],
            "the label moves with its content"
        );
    }

    #[test]
    fn pdf_breaks_are_kept_and_later_pages_are_shorter() {
        let blocks = [
            block(10, false, false),
            block(10, false, true),
            block(50, false, false),
            block(25, false, false),
        ];
        assert_eq!(page_starts(&blocks, ROOM), [1, 3], "60 + 25 > 80 on page 2");
    }

    #[test]
    fn a_row_taller_than_a_page_still_gets_a_page_of_its_own() {
        let blocks = [
            block(10, false, false),
            block(500, false, false),
            block(10, false, false),
        ];
        assert_eq!(page_starts(&blocks, ROOM), [1, 2]);
    }

    #[test]
    fn a_header_is_not_stranded_above_a_row_taller_than_a_page() {
        let blocks = [
            block(50, false, false),
            block(10, true, false),
            block(500, false, true),
            block(10, false, false),
        ];
        assert_eq!(page_starts(&blocks, ROOM), [1, 3]);
    }
}
