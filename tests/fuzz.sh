#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo fuzz + libFuzzer) of the plan loader, the template loader,
# the workbook importer (raw bytes, and hostile XML inside valid zips) and the page importer.
#
#   bash tests/fuzz.sh [SECONDS]          each target for SECONDS (default 60; CI runs 60)
#   bash tests/fuzz.sh SECONDS TARGET...  only these targets
#   PROPERTIES=1 bash tests/fuzz.sh       also the proptest properties with many more cases
#
# cargo fuzz needs nightly-only compiler flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain
# accept them. No sanitizer: the code under test forbids `unsafe`, and without AddressSanitizer
# the build takes half the time and the targets run faster (panics and aborts are what we hunt). Seeds come from fixtures/ and tests/bad-inputs/ (copied into
# tests/fuzz/corpus/, which libFuzzer grows; not committed). A crash stops the run with exit 1
# and leaves its input in tests/fuzz/artifacts/TARGET/: add it to tests/bad-inputs/ as a case.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(plan_loader template_loader workbook_import page_import)
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "tests/fuzz.sh: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked --quiet
fi

corpus=tests/fuzz/corpus
seed() { # seed TARGET PREFIX-BYTE FILE...
  local target=$1 prefix=$2
  shift 2
  mkdir -p "$corpus/$target"
  for file in "$@"; do
    local out="$corpus/$target/seed-$(basename "$file")"
    if [ -n "$prefix" ]; then
      { printf "\\x$prefix"; cat "$file"; } > "$out"
    else
      cp "$file" "$out"
    fi
  done
}
seed plan_loader "" fixtures/plans/*.json tests/bad-inputs/*.json
seed template_loader "" templates/*.toml
for f in fixtures/workbooks/*.xlsx; do seed workbook_import 00 "$f"; done
for f in fixtures/workbooks/*.xls; do seed workbook_import 01 "$f"; done
for f in fixtures/workbooks/*.ods; do seed workbook_import 02 "$f"; done
seed page_import 00 fixtures/pages/*.txt ../shared/examples/*.txt
seed page_import 01 fixtures/pages/*.html

start=$(date +%s)
for target in "${targets[@]}"; do
  cargo fuzz build --fuzz-dir tests/fuzz --sanitizer none "$target"
done
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for target in "${targets[@]}"; do
  echo "tests/fuzz.sh: $target for ${seconds} s" >&2
  mkdir -p "tests/fuzz/artifacts/$target"
  if ! cargo fuzz run --fuzz-dir tests/fuzz --sanitizer none "$target" "$corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="tests/fuzz/artifacts/$target/" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "tests/fuzz.sh: $target FAILED: the input is in tests/fuzz/artifacts/$target/" >&2
    exit 1
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done ' "$log" >&2 || true
done

if [ "${PROPERTIES:-0}" = 1 ]; then
  export PROPTEST_CASES="${PROPTEST_CASES:-20000}"
  cargo test --release -p unei-core --test properties
  cargo test --release -p unei-render --test properties
  cargo test --release -p unei-import --test properties
fi
echo "tests/fuzz.sh: done in $(( $(date +%s) - start )) s" >&2
