//! `unei schema [-o FILE]`

use std::path::Path;

use crate::exit::Exit;

pub fn run(output: Option<&Path>) -> Exit {
    let schema = unei_core::plan_schema();
    match output {
        None => {
            print!("{schema}");
            Exit::Ok
        }
        Some(path) => match write_atomically(path, schema.as_bytes()) {
            Ok(()) => Exit::Ok,
            Err(e) => {
                eprintln!("{}: cannot write: {e}", path.display());
                Exit::Failure
            }
        },
    }
}

/// Writes to a temporary file beside `path` and renames it into place, so a failure never
/// leaves a partial file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut tmp, bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
