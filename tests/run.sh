#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need, then cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -e ../shared/examples/fukushima-r2-published-page.txt ]; then
  echo "tests/run.sh: ../shared (the project's shared folder) must sit beside this checkout" >&2
  exit 2
fi

cargo test --workspace --locked
