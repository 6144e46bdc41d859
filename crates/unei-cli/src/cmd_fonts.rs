//! `unei fonts check PLAN.json|DIR`: which font draws each character, and which no font can.

use std::collections::BTreeMap;
use std::path::Path;

use unei_core::{Template, outline};
use unei_render::layout::text::FontChain;

use crate::exit::{Exit, load_template};
use crate::pipeline::{FontChoice, engine, plan_files, read_plan};
use crate::ui::{Say, say};

pub fn run(target: &Path, template: Option<&Path>, choice: &FontChoice) -> Exit {
    let Ok(template) = load_template(template) else {
        return Exit::Failure;
    };
    let engine = match engine(template, choice) {
        Ok(engine) => engine,
        Err(failure) => {
            failure.lines.iter().for_each(|l| eprintln!("{l}"));
            return failure.exit;
        }
    };
    let (template, fonts) = (engine.template(), engine.fonts());
    let chain = match FontChain::from_fonts(fonts) {
        Ok(chain) => chain,
        Err(e) => {
            eprintln!("{}", crate::ui::font_error(&e));
            return Exit::Failure;
        }
    };
    let names: Vec<&str> = fonts.iter().map(|f| f.name.as_str()).collect();
    let files = if target.is_dir() {
        plan_files(target)
    } else {
        Ok(vec![target.to_owned()])
    };
    let files = match files {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{}", say(&Say::CannotReadFolder(target, &e)));
            return Exit::Failure;
        }
    };
    files
        .iter()
        .map(|file| check_file(file, template, &chain, &names))
        .max()
        .unwrap_or(Exit::Ok)
}

/// Reports one plan: missing characters with every place they occur, then per-font counts.
fn check_file(file: &Path, template: &Template, chain: &FontChain<'_>, names: &[&str]) -> Exit {
    let loaded = match read_plan(file, template, false) {
        Ok(l) => l,
        Err(failure) => {
            failure.lines.iter().for_each(|l| eprintln!("{l}"));
            return failure.exit;
        }
    };
    let mut by_font: BTreeMap<Option<usize>, BTreeMap<char, Vec<String>>> = BTreeMap::new();
    for item in outline(&loaded.plan, template) {
        for c in item.text.chars().filter(|c| !c.is_whitespace()) {
            let places = by_font
                .entry(chain.font_for(c))
                .or_default()
                .entry(c)
                .or_default();
            if !places.contains(&item.path) {
                places.push(item.path.clone());
            }
        }
    }
    let missing = by_font.remove(&None).unwrap_or_default();
    for (c, places) in &missing {
        let line = Say::NoFontDraws {
            file,
            character: *c,
            places: &places.join(", "),
        };
        println!("{}", say(&line));
    }
    for (font, chars) in &by_font {
        let font_name = font.and_then(|i| names.get(i)).unwrap_or(&"?");
        let listed: String = if *font == Some(0) {
            String::new()
        } else {
            chars.keys().collect()
        };
        let line = Say::FontDraws {
            file,
            font: font_name,
            count: chars.len(),
            characters: &listed,
        };
        println!("{}", say(&line));
    }
    if missing.is_empty() {
        Exit::Ok
    } else {
        Exit::Problems
    }
}
