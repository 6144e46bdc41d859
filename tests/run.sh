#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need, then cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -e ../shared/examples/fukushima-r2-published-page.txt ]; then
  echo "tests/run.sh: ../shared (the project's shared folder) must sit beside this checkout" >&2
  exit 2
fi

# The PDF tests check real files with independent tools: pdftotext/pdffonts/pdfinfo/pdftoppm
# (poppler) and qpdf.
missing=()
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v qpdf >/dev/null || missing+=(qpdf)
# An installed family with Book and Bold faces, for choosing a bold face by weight.
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  echo "tests/run.sh: installing ${missing[*]}" >&2
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The outside check of justified lines reads the PDF with pdfplumber.
python3 -c 'import pdfplumber' 2>/dev/null || python3 -m pip install -q pdfplumber

# The PDF standards checklist (../shared/tools/pdf-standards-check, tests/pdf_standards.rs)
# reads the PDF with pikepdf and fontTools: a venv of its own, so no system Python changes.
if ! .venv-tools/bin/python -c 'import pikepdf, fontTools' 2>/dev/null; then
  python3 -m venv .venv-tools
  .venv-tools/bin/python -m pip install -q pikepdf fonttools
fi
.venv-tools/bin/python -c 'import pikepdf, fontTools' || {
  echo "tests/run.sh: pikepdf and fontTools did not install into .venv-tools" >&2
  exit 2
}

# The browser checks (tests/browser_check.rs) drive Debian's Chromium and the Nu HTML checker.
bash tests/browser/setup.sh

cargo test --workspace --locked
