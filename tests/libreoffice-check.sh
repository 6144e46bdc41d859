#!/usr/bin/env bash
# Prints every fixture's workbook with LibreOffice (headless) and checks that no cell text is
# cut off: each line of each cell (the workbook's shared strings) must be in the text of
# LibreOffice's PDF. Pages are also rendered as PNG to look at.
#
#   bash tests/libreoffice-check.sh [OUT_DIR]      (default: target/libreoffice-check)
#
# Not part of tests/run.sh: LibreOffice is a ~300 MB install and a cold start takes seconds.
# The row heights are proven by crates/unei-render/tests/xlsx.rs (an independent computation
# from the file's own column widths and row heights); this script is the end-to-end look.
# Cells taller than a printed page (reported by `unei render` as warnings) continue over the
# page edge, where LibreOffice may print a line on both pages; their lines are then only
# checked in pieces.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/libreoffice-check}"

missing=()
command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "libreoffice-check: installing ${missing[*]}" >&2
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

rm -rf "$out"
mkdir -p "$out/png" "$out/profile"
out="$(cd "$out" && pwd)"
# LibreOffice must set the workbook in the font unei measured: the bundled IPAex faces.
cat >"$out/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>$PWD/assets/fonts</dir>
</fontconfig>
EOF
export FONTCONFIG_FILE="$out/fonts.conf"

cargo build --release --quiet -p unei-cli
for plan in fixtures/plans/*.json; do
  name="$(basename "$plan" .json)"
  SOURCE_DATE_EPOCH=1700000000 target/release/unei render "$plan" --xlsx "$out/$name.xlsx" \
    >"$out/$name.warnings.txt"
done
soffice -env:UserInstallation="file://$out/profile" --headless --norestore \
  --convert-to pdf --outdir "$out" "$out"/*.xlsx >/dev/null 2>&1

status=0
for xlsx in "$out"/*.xlsx; do
  name="$(basename "$xlsx" .xlsx)"
  pdf="$out/$name.pdf"
  pdftoppm -r 60 -png "$pdf" "$out/png/$name"
  pdftotext -raw "$pdf" "$out/$name.txt"
  python3 - "$xlsx" "$out/$name.txt" "$name" <<'PY' || status=1
import re, sys, zipfile

xlsx, text_file, name = sys.argv[1:]
with zipfile.ZipFile(xlsx) as z:
    shared = z.read("xl/sharedStrings.xml").decode()
cells = []
for si in re.findall(r"<si>(.*?)</si>", shared, re.S):
    text = "".join(re.findall(r"<t[^>]*>(.*?)</t>", si, re.S))
    for a, b in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(a, b)
    cells.append(text)

def squeeze(s):
    return re.sub(r"\s+", "", s)

# pdftotext separates pages with a form feed; each page starts with the running title (and
# 【様式2】) and ends with the page number, which may fall inside a cell that crosses pages.
pages = open(text_file, encoding="utf-8").read().split("\f")
body = []
for page in pages:
    lines = [l for l in page.split("\n") if l.strip()]
    lines = [l for l in lines if not re.fullmatch(r"\d+ / \d+", l.strip())]
    body.append(squeeze("".join(lines)))
printed = "".join(body)
headers = "".join(pages)

whole = pieces = lost = 0
for cell in cells:
    for line in cell.split("\n"):
        want = squeeze(line)
        if not want:
            continue
        if want in printed or want in squeeze(headers):
            whole += 1
            continue
        chunks = [want[i:i + 8] for i in range(0, len(want), 8)]
        if all(c in printed for c in chunks):
            pieces += 1
        else:
            lost += 1
            gone = [c for c in chunks if c not in printed]
            print(f"{name}: cut off: {line[:40]!r}… (missing {gone[:3]})")
print(f"{name}: {len(pages) - 1} pages, {whole} lines whole, {pieces} across a page edge, {lost} cut off")
sys.exit(1 if lost else 0)
PY
  if [ -s "$out/$name.warnings.txt" ]; then
    sed "s/^/  unei: /" "$out/$name.warnings.txt"
  fi
done
echo "PDFs, text and PNG pages are in $out"
exit $status
