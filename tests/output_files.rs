//! Output files get the permissions any new file gets under the user's umask (issue 18:
//! they were 0600, the temporary file's, so a web server or a colleague could not read them).

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use crate::common;

/// Runs `unei ARGS` under `umask`.
fn unei_under_umask(umask: &str, args: &[&str]) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_unei"))
        .args(args)
        .env("LC_ALL", "C.UTF-8")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .current_dir(common::root())
        .output()
        .unwrap()
}

#[test]
fn rendered_and_imported_files_follow_the_umask() {
    for (umask, mode) in [("022", 0o644), ("027", 0o640), ("002", 0o664)] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().to_str().unwrap();
        let o = unei_under_umask(
            umask,
            &["render", "fixtures/plans/fukushima-r2.json", "-o", out],
        );
        assert!(o.status.success(), "{}", common::stderr(&o));
        let xlsx = dir.path().join("fukushima-r2.xlsx");
        let json = dir.path().join("back.json");
        let o = unei_under_umask(
            umask,
            &[
                "import",
                xlsx.to_str().unwrap(),
                "-o",
                json.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{}", common::stderr(&o));
        for name in [
            "fukushima-r2.pdf",
            "fukushima-r2.xlsx",
            "fukushima-r2.html",
            "back.json",
        ] {
            let meta = std::fs::metadata(dir.path().join(name)).unwrap();
            assert_eq!(
                meta.permissions().mode() & 0o777,
                mode,
                "{name} under umask {umask}"
            );
        }
    }
}
