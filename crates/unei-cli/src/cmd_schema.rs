//! `unei schema [-o FILE]`

use std::path::Path;

use crate::exit::Exit;
use crate::pipeline::write_atomically;

pub fn run(output: Option<&Path>) -> Exit {
    let schema = unei_core::plan_schema();
    match output {
        None => {
            print!("{schema}");
            Exit::Ok
        }
        Some(path) => match write_atomically(path, schema.as_bytes()) {
            Ok(()) => {
                let wrote = crate::ui::Say::Wrote {
                    file: path,
                    pages: None,
                    bytes: schema.len(),
                };
                eprintln!("{}", crate::ui::say(&wrote));
                Exit::Ok
            }
            Err(e) => {
                eprintln!("{}", crate::pipeline::cannot_write(path, &e));
                Exit::Failure
            }
        },
    }
}
