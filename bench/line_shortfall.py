#!/usr/bin/env python3
"""How far each line of a PDF ends short of its measure, from the PDF alone (any PDF made of
ruled cells: unei's, or Typst's tables). An outside check of justification: it knows nothing
of unei's layout.

  python3 bench/line_shortfall.py FILE.pdf...          summary per file
  python3 bench/line_shortfall.py FILE.pdf --list 0.5   and every non-final line > 0.5 em short
  python3 bench/line_shortfall.py FILE.pdf --json       the numbers as JSON

Needs `pip install pdfplumber`. For each line of text (characters on one baseline inside one
cell; a cell is bounded by the nearest vertical rules left and right of the text, drawn as
rectangles or lines), the measure ends at the cell's right rule minus the padding (the
most common inset of line starts from their left rule on that page: cells are padded alike).
The shortfall is (measure end - end of the line's last character's advance) / font size.

A line ends its paragraph, and may be short, when it is the last line of its cell on the
page, when the next line of the cell starts a new item (a list marker ・•◆■●○※, or a number
and a space), starts left of this line, changes weight (a bold heading before body text),
or when this line ends a sentence (。．！？ possibly followed by closing brackets). Every other
line is *non-final* and should reach its measure when the text is justified. Limits: a
paragraph split across pages counts its last line on the first page as final; a paragraph
whose non-final line happens to end with 。 is not checked there.
"""
import json
import re
import sys
from collections import Counter

import pdfplumber

MARKERS = "・•◆■●○※◇□"
SENTENCE_END = re.compile(r"[。．！？!?.][」』）)】〕]*$")
NUMBERED = re.compile(r"^[0-9０-９]+[ 　.．)）]")


def verticals(page):
    """Vertical rules as (x, top, bottom): rectangle sides and vertical lines."""
    out = []
    for r in page.rects:
        out.append((r["x0"], r["top"], r["bottom"]))
        out.append((r["x1"], r["top"], r["bottom"]))
    for ln in page.lines:
        if abs(ln["x0"] - ln["x1"]) < 0.01:
            out.append((ln["x0"], ln["top"], ln["bottom"]))
    return out


def horizontals(page):
    """Horizontal rules as (y, x0, x1): rectangle tops and bottoms and horizontal lines."""
    out = []
    for r in page.rects:
        out.append((r["top"], r["x0"], r["x1"]))
        out.append((r["bottom"], r["x0"], r["x1"]))
    for ln in page.lines:
        if abs(ln["top"] - ln["bottom"]) < 0.01:
            out.append((ln["top"], ln["x0"], ln["x1"]))
    return out


def ruled_between(rules, line, nxt):
    """A horizontal rule across the cell between two lines: they are in different cells."""
    left, right = line["cell"]
    low, high = line["bottom"], nxt["top"]
    return any(low - 0.5 <= y <= high + 0.5 and x0 <= left + 1 and x1 >= right - 1
               for y, x0, x1 in rules)


def cell_of(rules, x, y):
    """The nearest rules left and right of (x, y) that span y."""
    spanning = [r for r in rules if r[1] - 0.5 <= y <= r[2] + 0.5]
    left = max((r[0] for r in spanning if r[0] <= x), default=None)
    right = min((r[0] for r in spanning if r[0] >= x), default=None)
    if left is None or right is None:
        return None
    return (round(left, 1), round(right, 1))


def page_lines(page):
    """Lines of text on a page: {cell, top, bottom, chars (printed), text} in reading order."""
    rules = verticals(page)
    lines = {}
    for c in page.chars:
        mid_x = (c["x0"] + c["x1"]) / 2
        mid_y = (c["top"] + c["bottom"]) / 2
        cell = cell_of(rules, mid_x, mid_y)
        if cell is None:
            continue  # page furniture outside the form's cells
        key = (cell, round(c["bottom"], 0))
        lines.setdefault(key, []).append(c)
    out = []
    for (cell, _), chars in lines.items():
        chars.sort(key=lambda c: c["x0"])
        printed = [c for c in chars if c["text"].strip()]
        if not printed:
            continue
        out.append({
            "cell": cell,
            "top": min(c["top"] for c in printed),
            "bottom": max(c["bottom"] for c in printed),
            "chars": printed,
            "text": "".join(c["text"] for c in chars).strip(),
        })
    out.sort(key=lambda ln: (ln["cell"][0], ln["top"]))
    return out


def bold(char):
    return "bold" in char["fontname"].lower()


def text_of(line):
    return line["text"]


def classify(lines, rules):
    """Marks each line final (may be short) or not, per cell."""
    by_cell = {}
    for ln in lines:
        by_cell.setdefault(ln["cell"], []).append(ln)
    for cell_lines in by_cell.values():
        cell_lines.sort(key=lambda ln: ln["top"])
        for ln, nxt in zip(cell_lines, cell_lines[1:] + [None]):
            text = text_of(ln)
            if nxt is None or ruled_between(rules, ln, nxt):
                final = True
            else:
                first = text_of(nxt)
                final = (
                    first[0] in MARKERS
                    or bool(NUMBERED.match(first))
                    or nxt["chars"][0]["x0"] < ln["chars"][0]["x0"] - 1.0
                    or bold(nxt["chars"][0]) != bold(ln["chars"][-1])
                    or bool(SENTENCE_END.search(text))
                )
            ln["final"] = final


def measure(path):
    rows = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            lines = page_lines(page)
            if not lines:
                continue
            insets = Counter(round(ln["chars"][0]["x0"] - ln["cell"][0], 1) for ln in lines)
            pad = insets.most_common(1)[0][0]
            classify(lines, horizontals(page))
            for ln in lines:
                last = ln["chars"][-1]
                size = Counter(round(c["size"], 1) for c in ln["chars"]).most_common(1)[0][0]
                short = (ln["cell"][1] - pad - last["x1"]) / size
                rows.append({"page": number, "text": text_of(ln), "final": ln["final"], "short_em": short})
    return rows


def summary(path, rows):
    body = [r for r in rows if not r["final"]]
    counts = {f"> {t} em": sum(r["short_em"] > t for r in body) for t in (0.05, 0.1, 0.5, 1.0)}
    return {
        "file": path,
        "lines": len(rows),
        "non_final_lines": len(body),
        "short": counts,
        "worst_em": max((r["short_em"] for r in body), default=0.0),
    }


def main(argv):
    paths = [a for a in argv if a.endswith(".pdf")]
    if not paths:
        print(__doc__)
        return 2
    listing = float(argv[argv.index("--list") + 1]) if "--list" in argv else None
    results = []
    for path in paths:
        rows = measure(path)
        s = summary(path, rows)
        results.append(s)
        if "--json" not in argv:
            c = s["short"]
            print(f"{path}: {s['lines']} lines, {s['non_final_lines']} non-final; short by "
                  f"> 0.1 em: {c['> 0.1 em']}, > 0.5 em: {c['> 0.5 em']}, > 1 em: {c['> 1.0 em']}; "
                  f"worst {s['worst_em']:.2f} em")
        if listing is not None:
            for r in rows:
                if not r["final"] and r["short_em"] > listing:
                    print(f"    p{r['page']} {r['short_em']:.2f} em: {r['text']}")
    if "--json" in argv:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
