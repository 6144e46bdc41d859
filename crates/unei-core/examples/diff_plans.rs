//! Diffs two plan files and prints the number of changes: a minimal caller of the diff API,
//! used to count instructions of the diff alone (`valgrind --tool=callgrind`).

use unei_core::diff::{DiffOptions, diff};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [old, new] = args.as_slice() else {
        return Err("usage: diff_plans OLD.json NEW.json".into());
    };
    let read = |path: &str| -> Result<unei_core::Plan, Box<dyn std::error::Error>> {
        let text = std::fs::read_to_string(path)?;
        unei_core::plan_from_str(&text, path).map_err(|d| d.to_string().into())
    };
    let (old, new) = (read(old)?, read(new)?);
    let result = diff(&old, &new, &DiffOptions::default());
    println!("{} changes", result.changes.len());
    Ok(())
}
