//! Tagged PDF: the layout's structure ([`StructElem`]) as marked content and a structure
//! tree. [`Marks`] gives each run the structure names a marked-content id (MCID) on its page,
//! in drawing order; the page writer wraps that run's operators in `/Tag <</MCID n>> BDC … EMC`
//! and everything else (furniture runs, fills, rules) in `/Artifact BMC … EMC`.
//! [`add_structure`] then writes the structure tree, its ParentTree, the pages' /StructParents
//! and /Tabs, and /MarkInfo into the lopdf document.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId};

use super::PdfError;
use super::content::Content;
use crate::layout::{Document, Role, Scope, StructElem, StructKid};

/// The MCID and structure type of every tagged run, by page and item index.
#[derive(Debug, Default)]
pub(super) struct Marks {
    pages: Vec<BTreeMap<usize, (i64, &'static str)>>,
}

impl Marks {
    pub fn new(doc: &Document) -> Self {
        let mut roles: Vec<BTreeMap<usize, &'static str>> = vec![BTreeMap::new(); doc.pages.len()];
        for elem in doc.structure.walk() {
            for kid in &elem.kids {
                if let StructKid::Run { page, item } = kid
                    && let Some(page) = roles.get_mut(*page)
                {
                    page.insert(*item, elem.role.name());
                }
            }
        }
        let pages = roles
            .into_iter()
            .map(|page| {
                // BTreeMap order is item order, which is drawing order.
                (0..)
                    .zip(page)
                    .map(|(mcid, (item, role))| (item, (mcid, role)))
                    .collect()
            })
            .collect();
        Marks { pages }
    }

    /// The MCID of a run, when the structure names it.
    fn mcid(&self, page: usize, item: usize) -> Option<i64> {
        self.pages.get(page)?.get(&item).map(|(mcid, _)| *mcid)
    }

    /// Opens a run's marked content: its structure type with its MCID, or an artifact
    /// (page furniture).
    pub fn begin(&self, out: &mut Content, page: usize, item: usize) {
        match self.pages.get(page).and_then(|p| p.get(&item)) {
            Some((mcid, role)) => out.begin_marked(role, *mcid),
            None => out.op("/Artifact BMC"),
        }
    }
}

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

/// Writes the structure tree of `doc` into `lo`; `pages` are the page objects in order.
pub(super) fn add_structure(
    lo: &mut lopdf::Document,
    doc: &Document,
    marks: &Marks,
    pages: &[ObjectId],
) -> Result<(), PdfError> {
    let root = lo.new_object_id();
    let mut writer = TreeWriter {
        lo,
        marks,
        pages,
        parents: vec![Vec::new(); pages.len()],
    };
    let top = writer.elem(&doc.structure, root);
    let nums = writer
        .parents
        .iter()
        .enumerate()
        .flat_map(|(page, parents)| {
            let refs = parents.iter().map(|id| Object::Reference(*id)).collect();
            [Object::Integer(page as i64), Object::Array(refs)]
        })
        .collect();
    let parent_tree = Dictionary::from_iter(vec![("Nums", Object::Array(nums))]);
    let tree_root = Dictionary::from_iter(vec![
        ("Type", name("StructTreeRoot")),
        ("K", Object::Reference(top)),
        ("ParentTree", Object::Dictionary(parent_tree)),
        ("ParentTreeNextKey", Object::Integer(pages.len() as i64)),
    ]);
    lo.objects.insert(root, Object::Dictionary(tree_root));
    for (n, page) in pages.iter().enumerate() {
        let page = lo
            .get_dictionary_mut(*page)
            .map_err(super::post::assemble)?;
        page.set("StructParents", Object::Integer(n as i64));
        page.set("Tabs", name("S"));
    }
    let catalog = lo.catalog_mut().map_err(super::post::assemble)?;
    catalog.set("StructTreeRoot", Object::Reference(root));
    let mark_info = Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]);
    catalog.set("MarkInfo", Object::Dictionary(mark_info));
    Ok(())
}

struct TreeWriter<'a> {
    lo: &'a mut lopdf::Document,
    marks: &'a Marks,
    pages: &'a [ObjectId],
    /// Per page, the element holding each MCID (index = MCID): the ParentTree's arrays.
    parents: Vec<Vec<ObjectId>>,
}

impl TreeWriter<'_> {
    /// Writes `elem` and its descendants under `parent`; returns its object id.
    fn elem(&mut self, elem: &StructElem, parent: ObjectId) -> ObjectId {
        let id = self.lo.new_object_id();
        let first_page = elem.kids.iter().find_map(|k| match k {
            StructKid::Run { page, .. } => Some(*page),
            StructKid::Elem(_) => None,
        });
        let mut kids = Vec::with_capacity(elem.kids.len());
        for kid in &elem.kids {
            match kid {
                StructKid::Elem(e) => kids.push(Object::Reference(self.elem(e, id))),
                StructKid::Run { page, item } => {
                    let Some(mcid) = self.marks.mcid(*page, *item) else {
                        continue;
                    };
                    if let Some(parents) = self.parents.get_mut(*page) {
                        let at = mcid as usize;
                        if parents.len() <= at {
                            parents.resize(at + 1, id);
                        }
                        parents[at] = id;
                    }
                    kids.push(self.content_ref(*page, mcid, first_page));
                }
            }
        }
        // /Type is optional for structure elements and marked-content references: left out,
        // the file stays within a tenth of the untagged one.
        let mut d = Dictionary::from_iter(vec![
            ("S", name(elem.role.name())),
            ("P", Object::Reference(parent)),
        ]);
        if let Some(page) = first_page.and_then(|p| self.pages.get(p)) {
            d.set("Pg", Object::Reference(*page));
        }
        if let Role::TH(scope) = elem.role {
            let scope = match scope {
                Scope::Column => "Column",
                Scope::Row => "Row",
            };
            let a = Dictionary::from_iter(vec![("O", name("Table")), ("Scope", name(scope))]);
            d.set("A", Object::Dictionary(a));
        }
        match kids.len() {
            0 => {}
            1 => d.set("K", kids.remove(0)),
            _ => d.set("K", Object::Array(kids)),
        }
        self.lo.objects.insert(id, Object::Dictionary(d));
        id
    }

    /// An MCID on the element's own page is a bare integer; one on another page (a row split
    /// across pages) a marked-content reference naming its page.
    fn content_ref(&self, page: usize, mcid: i64, own_page: Option<usize>) -> Object {
        if own_page == Some(page) {
            return Object::Integer(mcid);
        }
        let mut mcr =
            Dictionary::from_iter(vec![("Type", name("MCR")), ("MCID", Object::Integer(mcid))]);
        if let Some(pg) = self.pages.get(page) {
            mcr.set("Pg", Object::Reference(*pg));
        }
        Object::Dictionary(mcr)
    }
}
