//! Prints the layout dump of a plan: `cargo run -p unei-render --example dump_layout PLAN.json`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump_layout PLAN.json");
        return ExitCode::from(2);
    };
    let template = unei_core::Template::bundled();
    let result = std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|text| unei_core::plan_from_str(&text, &path).map_err(|d| d.to_string()))
        .and_then(|plan| {
            let fonts = unei_render::template_fonts(&template).map_err(|e| e.to_string())?;
            unei_render::layout(&plan, &template, &fonts).map_err(|e| e.to_string())
        });
    match result {
        Ok(doc) => {
            print!("{}", doc.dump());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
