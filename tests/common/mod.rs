//! What the end-to-end tests share: where the checkout is and how the real binary is run
//! (fixed locale and SOURCE_DATE_EPOCH, so messages and bytes do not depend on the machine).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // each test file uses a part

use std::path::PathBuf;
use std::process::{Command, Output};

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `unei` binary with English messages and a fixed date, run from the workspace root.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_unei"));
    command
        .env("LC_ALL", "C.UTF-8")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .current_dir(root());
    command
}

pub fn unei(args: &[&str]) -> Output {
    command().args(args).output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
