#!/usr/bin/env bash
# Bounded fuzzing before a release (not part of CI: it runs for minutes).
# cargo-fuzz needs a nightly compiler this project does not use, so the fuzz targets are
# proptest properties run with many more cases than CI's (each ≥ 60 s on 2 cores):
#   - JSON loader + validator: arbitrary text, mutated and truncated plans (unei-core)
#   - layout + PDF: random valid plans (unei-render)
#   - page importer and Excel importer: truncated/damaged inputs (unei-import)
# A failure is saved by proptest in the test's *.proptest-regressions file; commit it and add
# the input to tests/bad-inputs/ as a case.
set -euo pipefail
cd "$(dirname "$0")/.."
export PROPTEST_CASES="${PROPTEST_CASES:-20000}"
start=$(date +%s)
cargo test --release -p unei-core --test properties
cargo test --release -p unei-render --test properties
cargo test --release -p unei-import --test properties
cargo test --release -p unei-import never_panic
echo "fuzz: $(( $(date +%s) - start )) s with PROPTEST_CASES=$PROPTEST_CASES"
