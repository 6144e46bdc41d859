//! Tagged PDF read back with lopdf, for every fixture: the structure tree walked from the
//! catalog, each MCID's text collected from the content streams (through the fonts'
//! ToUnicode maps), and compared with the layout's structure — same text in the same reading
//! order —; nothing painted outside marked content; every MCID in the tree once and in the
//! ParentTree under the element that holds it; every table row's cells TH (with a scope) or TD.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use unei_core::Template;
use unei_render::layout::Item;
use unei_render::{Engine, FontChoice, PdfOptions, PdfStandard, StructElem, StructKid};

fn laid_out(engine: &Engine, name: &str) -> unei_render::Document {
    let path = common::plans_dir().join(format!("{name}.json"));
    let plan = unei_core::plan_from_str(&std::fs::read_to_string(path).unwrap(), name).unwrap();
    engine.layout(&plan).unwrap()
}

fn options(standard: PdfStandard) -> PdfOptions {
    PdfOptions {
        epoch: 0,
        compress_content: true,
        standard,
    }
}

/// What the reader of a tagged PDF sees.
struct Tagged {
    /// Text of each (page, MCID), from the content streams.
    texts: BTreeMap<(usize, i64), String>,
    /// (page, MCID) in structure-tree order, with the structure type holding it.
    order: Vec<(usize, i64, String)>,
    /// Per (page, MCID), the ParentTree's element.
    parents: BTreeMap<(usize, i64), ObjectId>,
    /// The element holding each (page, MCID), as the tree walk found it.
    holders: BTreeMap<(usize, i64), ObjectId>,
    /// Problems found on the way (painting outside marked content, bad table rows).
    problems: Vec<String>,
    headings: Vec<u8>,
}

fn read(pdf: &[u8]) -> Tagged {
    let doc = Document::load_mem(pdf).unwrap();
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let mut tagged = Tagged {
        texts: BTreeMap::new(),
        order: Vec::new(),
        parents: BTreeMap::new(),
        holders: BTreeMap::new(),
        problems: Vec::new(),
        headings: Vec::new(),
    };
    for (n, page) in pages.iter().enumerate() {
        read_page(&doc, n, *page, &mut tagged);
    }
    let catalog = doc.catalog().unwrap();
    let root = deref(&doc, catalog.get(b"StructTreeRoot").unwrap());
    let parent_tree = deref(&doc, root.get(b"ParentTree").unwrap());
    let nums = parent_tree.get(b"Nums").unwrap().as_array().unwrap();
    for pair in nums.chunks(2) {
        let key = pair[0].as_i64().unwrap();
        let page = pages
            .iter()
            .position(|p| {
                let d = doc.get_dictionary(*p).unwrap();
                d.get(b"StructParents").unwrap().as_i64().unwrap() == key
            })
            .unwrap();
        for (mcid, elem) in pair[1].as_array().unwrap().iter().enumerate() {
            let id = elem.as_reference().unwrap();
            tagged.parents.insert((page, mcid as i64), id);
        }
    }
    let top = root.get(b"K").unwrap().as_reference().unwrap();
    walk(&doc, &pages, top, &mut tagged);
    tagged
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Dictionary {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn name_of(d: &Dictionary, key: &[u8]) -> String {
    String::from_utf8(d.get(key).unwrap().as_name().unwrap().to_vec()).unwrap()
}

/// Walks a structure element: records its MCIDs in order and checks table rows.
fn walk(doc: &Document, pages: &[ObjectId], id: ObjectId, out: &mut Tagged) {
    let elem = doc.get_dictionary(id).unwrap();
    let role = name_of(elem, b"S");
    if let Some(level) = role.strip_prefix('H').and_then(|l| l.parse().ok()) {
        out.headings.push(level);
    }
    let own_page = elem.get(b"Pg").ok().map(|p| {
        pages
            .iter()
            .position(|x| *x == p.as_reference().unwrap())
            .unwrap()
    });
    let kids = match elem.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => vec![],
    };
    for kid in kids {
        match kid {
            Object::Integer(mcid) => {
                let page = own_page.expect("an MCID kid needs the element's /Pg");
                out.order.push((page, mcid, role.clone()));
                out.holders.insert((page, mcid), id);
            }
            Object::Dictionary(mcr) => {
                let pg = mcr.get(b"Pg").unwrap().as_reference().unwrap();
                let page = pages.iter().position(|x| *x == pg).unwrap();
                let mcid = mcr.get(b"MCID").unwrap().as_i64().unwrap();
                out.order.push((page, mcid, role.clone()));
                out.holders.insert((page, mcid), id);
            }
            Object::Reference(child) => {
                let child_dict = doc.get_dictionary(child).unwrap();
                let child_role = name_of(child_dict, b"S");
                let parent = child_dict.get(b"P").unwrap().as_reference().unwrap();
                assert_eq!(parent, id, "{child_role}'s /P is its parent");
                if role == "TR" && child_role != "TH" && child_role != "TD" {
                    out.problems.push(format!("TR holds {child_role}"));
                }
                if child_role == "TH" {
                    let scope = child_dict
                        .get(b"A")
                        .ok()
                        .and_then(|a| deref(doc, a).get(b"Scope").ok())
                        .and_then(|s| s.as_name().ok());
                    if scope.is_none() {
                        out.problems.push("TH without /Scope".into());
                    }
                }
                walk(doc, pages, child, out);
            }
            other => out.problems.push(format!("{role} has kid {other:?}")),
        }
    }
}

/// The content stream of one page: each MCID's text, and painting outside marked content.
fn read_page(doc: &Document, n: usize, page: ObjectId, out: &mut Tagged) {
    let fonts = unicode_maps(doc, page);
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    // The open marked-content sequences: Some(mcid) or None for an artifact.
    let mut open: Vec<Option<i64>> = Vec::new();
    let mut font = None;
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" => {
                let mcid = op.operands.get(1).and_then(|p| match p {
                    Object::Dictionary(d) => d.get(b"MCID").ok()?.as_i64().ok(),
                    _ => None,
                });
                assert!(mcid.is_some(), "page {n}: BDC without an MCID");
                open.push(mcid);
                assert!(
                    out.texts
                        .insert((n, mcid.unwrap()), String::new())
                        .is_none(),
                    "page {n}: MCID {mcid:?} used twice"
                );
            }
            "BMC" => {
                let tag = op.operands[0].as_name().unwrap();
                assert_eq!(tag, b"Artifact", "page {n}: BMC {tag:?}");
                open.push(None);
            }
            "EMC" => {
                open.pop().expect("EMC without BDC/BMC");
            }
            "Tf" => font = Some(op.operands[0].as_name().unwrap().to_vec()),
            "TJ" | "Tj" | "re" | "f" | "S" | "B" | "b" | "s" | "F" | "f*" | "B*" => {
                if open.is_empty() && op.operator != "re" {
                    out.problems
                        .push(format!("page {n}: {} outside marked content", op.operator));
                }
                if op.operator == "re" && open.is_empty() {
                    out.problems
                        .push(format!("page {n}: re outside marked content"));
                }
                if let (Some(Some(mcid)), "TJ") = (open.last(), op.operator.as_str()) {
                    let map = &fonts[font.as_ref().unwrap()];
                    let text = out.texts.get_mut(&(n, *mcid)).unwrap();
                    for item in op.operands[0].as_array().unwrap() {
                        if let Object::String(bytes, _) = item {
                            for code in bytes.chunks(2) {
                                let code = u16::from_be_bytes([code[0], code[1]]);
                                text.push(map[&code]);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    assert!(open.is_empty(), "page {n}: marked content left open");
}

/// Each font resource's ToUnicode map (the `bfchar` pairs printpdf writes).
fn unicode_maps(doc: &Document, page: ObjectId) -> BTreeMap<Vec<u8>, BTreeMap<u16, char>> {
    let mut maps = BTreeMap::new();
    for (name, font) in doc.get_page_fonts(page).unwrap() {
        let id = font.get(b"ToUnicode").unwrap().as_reference().unwrap();
        let stream = doc.get_object(id).unwrap().as_stream().unwrap();
        let cmap = String::from_utf8(stream.decompressed_content().unwrap()).unwrap();
        let mut map = BTreeMap::new();
        for line in cmap.lines() {
            let parts: Vec<&str> = line.split_whitespace().collect();
            if let [code, uni] = parts[..]
                && code.starts_with('<')
                && uni.starts_with('<')
            {
                let hex = |s: &str| u32::from_str_radix(s.trim_matches(['<', '>']), 16).unwrap();
                map.insert(hex(code) as u16, char::from_u32(hex(uni)).unwrap());
            }
        }
        maps.insert(name, map);
    }
    maps
}

/// The layout's structure as (page, item) runs in reading order, with each run's drawn text.
fn layout_order(document: &unei_render::Document) -> Vec<(usize, usize, String)> {
    document
        .structure
        .runs()
        .into_iter()
        .map(|(page, item)| {
            let Item::Text(run) = &document.pages[page].items[item] else {
                panic!("the structure names a box");
            };
            (page, item, run.glyphs.iter().map(|g| g.ch).collect())
        })
        .collect()
}

#[test]
fn every_fixture_reads_in_the_layouts_order_with_nothing_untagged() {
    let engine = Engine::new(Template::bundled(), &FontChoice::default()).unwrap();
    for name in common::fixture_names() {
        let document = laid_out(&engine, &name);
        let pdf = engine
            .pdf(&document, &options(PdfStandard::A2aUa1))
            .unwrap();
        let tagged = read(&pdf);
        assert!(tagged.problems.is_empty(), "{name}: {:?}", tagged.problems);
        // Reading order: the tree's MCIDs' texts are the layout's structure, run by run.
        let from_pdf: Vec<&str> = tagged
            .order
            .iter()
            .map(|(page, mcid, _)| tagged.texts[&(*page, *mcid)].as_str())
            .collect();
        let expected = layout_order(&document);
        let from_layout: Vec<&str> = expected.iter().map(|(_, _, t)| t.as_str()).collect();
        assert_eq!(from_pdf, from_layout, "{name}: reading order");
        // Every MCID painted is in the tree once, and the ParentTree names its element.
        assert_eq!(tagged.order.len(), tagged.texts.len(), "{name}");
        assert_eq!(tagged.parents, tagged.holders, "{name}: ParentTree");
        // Headings: the title first, no level skipped on the way down.
        assert_eq!(tagged.headings.first(), Some(&1), "{name}");
        for pair in tagged.headings.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{name}: headings {:?}",
                tagged.headings
            );
        }
    }
}

/// Every text run the structure leaves out is furniture, and every run of the form is in it.
#[test]
fn only_furniture_and_repeated_headers_are_artifacts() {
    let engine = Engine::new(Template::bundled(), &FontChoice::default()).unwrap();
    let furniture = [
        "labels.title",
        "page_number",
        "labels.form2_tag",
        "labels.form2_side_label",
        "labels.draft_mark",
    ];
    for name in common::fixture_names() {
        let document = laid_out(&engine, &name);
        let tagged: std::collections::BTreeSet<(usize, usize)> =
            document.structure.runs().into_iter().collect();
        assert_eq!(
            tagged.len(),
            document.structure.runs().len(),
            "{name}: a run twice"
        );
        let mut header_texts = std::collections::BTreeSet::new();
        for elem in document.structure.walk() {
            if elem.role.name() == "TH" {
                header_texts.extend(texts(&document, elem));
            }
        }
        for (p, page) in document.pages.iter().enumerate() {
            for (i, item) in page.items.iter().enumerate() {
                let Item::Text(run) = item else { continue };
                let is_tagged = tagged.contains(&(p, i));
                let is_furniture = furniture.contains(&run.source.as_str());
                let title_on_first_page = p == 0 && run.source == "labels.title";
                if title_on_first_page {
                    assert!(is_tagged, "{name}: the title is the H1");
                } else if is_furniture {
                    assert!(!is_tagged, "{name}: furniture {:?} tagged", run.text);
                } else if !is_tagged {
                    assert!(
                        header_texts.contains(&run.text),
                        "{name}: page {} run {:?} ({}) is neither tagged nor a repeated header",
                        p + 1,
                        run.text,
                        run.source
                    );
                }
            }
        }
    }
}

fn texts(document: &unei_render::Document, elem: &StructElem) -> Vec<String> {
    elem.kids
        .iter()
        .filter_map(|k| match k {
            StructKid::Run { page, item } => match &document.pages[*page].items[*item] {
                Item::Text(run) => Some(run.text.clone()),
                Item::Box(_) => None,
            },
            StructKid::Elem(_) => None,
        })
        .collect()
}

#[test]
fn untagged_standards_write_no_marked_content() {
    let engine = Engine::new(Template::bundled(), &FontChoice::default()).unwrap();
    let document = laid_out(&engine, "fukushima-r2");
    for standard in [PdfStandard::A2b, PdfStandard::None] {
        let pdf = engine.pdf(&document, &options(standard)).unwrap();
        let doc = Document::load_mem(&pdf).unwrap();
        let catalog = doc.catalog().unwrap();
        assert!(catalog.get(b"StructTreeRoot").is_err(), "{standard:?}");
        assert_eq!(
            catalog.get(b"Metadata").is_ok(),
            standard == PdfStandard::A2b,
            "{standard:?}: XMP only for PDF/A"
        );
        let page = *doc.get_pages().values().next().unwrap();
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        assert!(
            content.operations.iter().all(|op| op.operator != "BDC"),
            "{standard:?}"
        );
    }
}

/// Issue 18: the tagged example within a tenth of the untagged one.
#[test]
fn tagging_costs_at_most_a_tenth_of_the_file() {
    let engine = Engine::new(Template::bundled(), &FontChoice::default()).unwrap();
    let document = laid_out(&engine, "fukushima-r2");
    let size = |s| engine.pdf(&document, &options(s)).unwrap().len();
    let (tagged, untagged) = (size(PdfStandard::A2aUa1), size(PdfStandard::None));
    assert!(
        tagged * 10 <= untagged * 11,
        "tagged {tagged} bytes, untagged {untagged} bytes"
    );
}

/// A table row split across pages (the stress plan has one) stays one TR with the runs of
/// both pages, and its repeated header is not read again.
#[test]
fn a_row_split_across_pages_is_one_table_row() {
    let engine = Engine::new(Template::bundled(), &FontChoice::default()).unwrap();
    let mut split_rows = 0;
    for name in common::fixture_names() {
        let document = laid_out(&engine, &name);
        for elem in document.structure.walk() {
            if elem.role.name() != "TR" {
                continue;
            }
            let pages: std::collections::BTreeSet<usize> =
                elem.runs().into_iter().map(|(page, _)| page).collect();
            if pages.len() > 1 {
                split_rows += 1;
                assert!(
                    elem.kids.iter().all(
                        |k| matches!(k, StructKid::Elem(e) if ["TD", "TH"].contains(&e.role.name()))
                    ),
                    "{name}: a split row's kids are its cells"
                );
            }
        }
    }
    assert!(split_rows > 0, "no fixture splits a table row across pages");
}

/// A structure element read back from the file.
struct Node {
    role: String,
    scope: Option<String>,
    /// (page, MCID) of its own content.
    mcids: Vec<(usize, i64)>,
    kids: Vec<Node>,
}

impl Node {
    fn read(doc: &Document, pages: &[ObjectId], id: ObjectId) -> Node {
        let elem = doc.get_dictionary(id).unwrap();
        let own_page = elem.get(b"Pg").ok().and_then(|p| {
            let p = p.as_reference().ok()?;
            pages.iter().position(|x| *x == p)
        });
        let kids = match elem.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => vec![],
        };
        let mut node = Node {
            role: name_of(elem, b"S"),
            scope: elem
                .get(b"A")
                .ok()
                .and_then(|a| deref(doc, a).get(b"Scope").ok())
                .and_then(|s| s.as_name().ok())
                .map(|s| String::from_utf8_lossy(s).into_owned()),
            mcids: Vec::new(),
            kids: Vec::new(),
        };
        for kid in kids {
            match kid {
                Object::Integer(mcid) => node.mcids.push((own_page.unwrap(), mcid)),
                Object::Dictionary(mcr) => {
                    let pg = mcr.get(b"Pg").unwrap().as_reference().unwrap();
                    let page = pages.iter().position(|x| *x == pg).unwrap();
                    node.mcids
                        .push((page, mcr.get(b"MCID").unwrap().as_i64().unwrap()));
                }
                Object::Reference(child) => node.kids.push(Node::read(doc, pages, child)),
                _ => {}
            }
        }
        node
    }

    /// Its text and its descendants', in order.
    fn text(&self, tagged: &Tagged) -> String {
        let own: String = self
            .mcids
            .iter()
            .map(|k| tagged.texts[k].as_str())
            .collect();
        own + &self.kids.iter().map(|k| k.text(tagged)).collect::<String>()
    }

    fn all(&self) -> Vec<&Node> {
        let mut out = vec![self];
        for kid in &self.kids {
            out.extend(kid.all());
        }
        out
    }
}

/// What a screen reader user hears with each amount: in 様式1 each amount is a TD whose
/// column header (the 主な具体的取組 label's parenthetical) says 予算額, beside the TD of its
/// 取組; in 様式2, where it prints under its 具体的取組 heading that names 予算額, it ends that
/// heading (as the web page's heading holds it). And 様式3's items head their rows.
#[test]
fn every_amount_is_read_under_a_header_naming_its_budget() {
    let engine = Engine::new(Template::bundled(), &FontChoice::default()).unwrap();
    let template = Template::bundled();
    let mut amounts_checked = 0;
    for name in common::fixture_names() {
        let path = common::plans_dir().join(format!("{name}.json"));
        let plan =
            unei_core::plan_from_str(&std::fs::read_to_string(path).unwrap(), &name).unwrap();
        let labels = unei_core::Labeler::new(&plan, &template);
        let document = engine.layout(&plan).unwrap();
        let pdf = engine
            .pdf(&document, &options(PdfStandard::A2aUa1))
            .unwrap();
        let tagged = read(&pdf);
        let doc = Document::load_mem(&pdf).unwrap();
        let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
        let root = deref(&doc, doc.catalog().unwrap().get(b"StructTreeRoot").unwrap());
        let tree = Node::read(
            &doc,
            &pages,
            root.get(b"K").unwrap().as_reference().unwrap(),
        );
        let mut budget_cells: Vec<String> = Vec::new();
        let mut headings: Vec<String> = Vec::new();
        for node in tree.all() {
            if node.role.starts_with('H') {
                headings.push(node.text(&tagged));
            }
            if node.role != "Table" {
                continue;
            }
            let (head, body) = node.kids.split_first().unwrap();
            let headers: Vec<String> = head.kids.iter().map(|th| th.text(&tagged)).collect();
            assert!(
                head.kids.iter().all(|k| k.role == "TH"),
                "{name}: {headers:?}"
            );
            let is_reform = headers.first() == Some(&labels.get("reform_item"));
            for tr in body {
                assert_eq!(tr.kids.len(), headers.len(), "{name}: {headers:?}: a row");
                for (col, cell) in tr.kids.iter().enumerate() {
                    let text = cell.text(&tagged);
                    if is_reform && col == 0 {
                        assert_eq!(
                            (cell.role.as_str(), cell.scope.as_deref()),
                            ("TH", Some("Row")),
                            "{name}: 様式3's item {text:?} heads its row"
                        );
                    } else if headers[col].contains("予算額") && !text.is_empty() {
                        assert_eq!(cell.role, "TD", "{name}: {text:?}");
                        budget_cells.push(text);
                    }
                }
            }
        }
        let mut form1: Vec<String> = plan
            .issues
            .iter()
            .flat_map(|i| &i.initiatives)
            .filter_map(|it| it.amount.as_ref().map(|a| a.text().to_owned()))
            .collect();
        form1.sort();
        budget_cells.sort();
        assert_eq!(
            budget_cells, form1,
            "{name}: the cells under 予算額 are the amounts"
        );
        let form2 = plan
            .issues
            .iter()
            .filter_map(|i| i.form2.as_ref())
            .flat_map(|f| &f.strategies)
            .flat_map(|s| &s.initiatives)
            .filter_map(|it| it.amount.as_ref().map(|a| a.text().to_owned()));
        for amount in form2 {
            assert!(
                headings.iter().any(|h| h.ends_with(&amount)
                    && h[..h.len() - amount.len()].contains("予算額")),
                "{name}: 様式2's {amount} ends a heading naming 予算額: {headings:?}"
            );
            amounts_checked += 1;
        }
        amounts_checked += form1.len();
    }
    assert!(amounts_checked > 20, "only {amounts_checked} amounts");
}

/// A 主な具体的取組 label without the parenthetical naming the amounts (an author's wording)
/// names no amount column: its lines stay a list, each amount at the end of its item.
#[test]
fn a_label_naming_no_amounts_keeps_the_list() {
    let engine = Engine::new(Template::bundled(), &FontChoice::default()).unwrap();
    let path = common::plans_dir().join("fukushima-r2.json");
    let mut plan =
        unei_core::plan_from_str(&std::fs::read_to_string(path).unwrap(), "fukushima-r2").unwrap();
    plan.labels
        .insert("initiatives".to_owned(), "主な具体的取組".to_owned());
    let document = engine.layout(&plan).unwrap();
    let dump = document.structure.dump(&document.pages);
    assert!(!dump.contains("TH 主な具体的取組"), "{dump}");
    assert!(dump.contains("H3 主な具体的取組\n  L\n"), "{dump}");
    assert!(
        dump.contains("LBody 中学生の被災地訪問事業(231千円)"),
        "{dump}"
    );
}

/// An initiative without an amount in a budget table still has its 予算額 cell (empty), so
/// every amount below stays in its column.
#[test]
fn an_initiative_without_an_amount_keeps_its_empty_amount_cell() {
    let engine = Engine::new(Template::bundled(), &FontChoice::default()).unwrap();
    let path = common::plans_dir().join("fukushima-r2.json");
    let mut plan =
        unei_core::plan_from_str(&std::fs::read_to_string(path).unwrap(), "fukushima-r2").unwrap();
    plan.issues[0].initiatives[1].amount = None;
    let document = engine.layout(&plan).unwrap();
    let dump = document.structure.dump(&document.pages);
    let rows = "    TR\n      TD ・中学生の被災地訪問事業\n      TD\n    TR\n      TD ・地域のつながりづくりへの支援\n      TD (15,224千円)\n";
    assert!(dump.contains(rows), "{dump}");
    let pdf = engine
        .pdf(&document, &options(PdfStandard::A2aUa1))
        .unwrap();
    assert!(read(&pdf).problems.is_empty());
}
