#!/usr/bin/env python3
"""unei's Japanese composition side by side with Typst's (`justify: true`, `lang: "ja"`, the
same font), measured from the PDFs alone, and what justification costs.

  python3 bench/composition.py            release binary (cargo build --release -p unei-cli)
  python3 bench/composition.py --debug    the debug binary the tests built
  python3 bench/composition.py --no-doc   print only; do not rewrite docs/COMPOSITION.md

For the example plan and the stress fixture it renders: unei (the default template:
justified), unei with the template's `justify = false` (ragged right), and Typst compiling the
equivalent document of bench/typst_doc.py in BIZ UDGothic, justified. Each PDF goes through
bench/line_shortfall.py (lines more than 0.1 / 0.5 / 1 em short of their measure, body lines)
and ../shared/tools/kinsoku-check; every page is written as PNG at 150 dpi to
target/composition/ for looking at them side by side. The cost of justification is counted
in instructions (valgrind --tool=callgrind: independent of the machine's load), with the
output sizes. Needs pdfplumber, typst (pip), poppler-utils and valgrind.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import line_shortfall  # noqa: E402
import typst_doc  # noqa: E402

PROFILE = "debug" if "--debug" in sys.argv else "release"
UNEI = os.path.join(ROOT, "target", PROFILE, "unei")
FONTS = os.path.join(ROOT, "assets", "fonts")
PLANS = ["fukushima-r2", "stress-kinsoku"]
OUT = os.path.join(ROOT, "target", "composition")
KINSOKU = os.path.join(ROOT, "..", "shared", "tools", "kinsoku-check")
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", LC_ALL="C.UTF-8")


def ragged_template(tmp):
    """The default template with `justify = false`, as a file extending it."""
    path = os.path.join(tmp, "ragged.toml")
    with open(path, "w", encoding="utf-8") as f:
        f.write('extends = "osaka-default"\nid = "ragged"\nname = "ragged right"\n'
                "[page]\njustify = false\n")
    return path


def unei_pdf(plan, pdf, template=None):
    cmd = [UNEI, "render", plan, "--pdf", pdf] + (["--template", template] if template else [])
    subprocess.run(cmd, check=True, env=ENV, stdout=subprocess.DEVNULL)


def typst_pdf(plan, pdf):
    """The Typst document of the plan, set justified in BIZ UDGothic (the font unei uses)."""
    import typst
    with open(plan, encoding="utf-8") as f:
        doc = typst_doc.document(json.load(f))
    doc = re.sub(r'font: "[^"]*"', 'font: "BIZ UDGothic"', doc, count=1)
    doc = re.sub(r"(#set text\([^\n]*\)\n)", r'\1#set par(justify: true)\n', doc, count=1)
    source = pdf[:-4] + ".typ"
    with open(source, "w", encoding="utf-8") as f:
        f.write(doc)
    typst.compile(source, output=pdf, font_paths=[FONTS])


def kinsoku(pdf):
    out = subprocess.run([sys.executable, KINSOKU, pdf], capture_output=True, text=True).stdout
    found = re.search(r"(\d+) violations", out)
    return int(found.group(1)) if found else None


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def png(pdf, stem):
    subprocess.run(["pdftoppm", "-r", "150", "-png", pdf, os.path.join(OUT, stem)], check=True)


def instructions(cmd):
    """Instructions of one run of `cmd` (callgrind), or None without valgrind."""
    try:
        run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                             capture_output=True, text=True, env=ENV)
    except FileNotFoundError:
        return None
    found = re.search(r"Collected : (\d+)", run.stderr)
    return int(found.group(1)) if found else None


def row(tool, plan, pdf):
    rows = line_shortfall.measure(pdf)
    s = line_shortfall.summary(pdf, rows)
    return {
        "plan": plan,
        "tool": tool,
        "pages": pages(pdf),
        "lines": s["lines"],
        "non_final": s["non_final_lines"],
        "0.1": s["short"]["> 0.1 em"],
        "0.5": s["short"]["> 0.5 em"],
        "1": s["short"]["> 1.0 em"],
        "worst": s["worst_em"],
        "kinsoku": kinsoku(pdf),
        "bytes": os.path.getsize(pdf),
    }


def cost(tmp, ragged):
    """Instructions and sizes of rendering the example justified and ragged."""
    plan = os.path.join(ROOT, "fixtures", "plans", "fukushima-r2.json")
    out = []
    for name, template in (("justified", None), ("ragged", ragged)):
        pdf = os.path.join(tmp, f"cost-{name}.pdf")
        cmd = [UNEI, "render", plan, "--pdf", pdf] + (["--template", template] if template else [])
        out.append({"template": name, "instructions": instructions(cmd), "bytes": None})
        out[-1]["bytes"] = os.path.getsize(pdf) if os.path.exists(pdf) else None
    return out


def table(rows):
    head = ("| plan | set by | pages | lines | non-final lines | > 0.1 em short | > 0.5 em short "
            "| > 1 em short | worst (em) | 禁則 violations | PDF bytes |\n|" + "---|" * 11)
    body = [f"| {r['plan']} | {r['tool']} | {r['pages']} | {r['lines']} | {r['non_final']} | "
            f"{r['0.1']} | {r['0.5']} | {r['1']} | {r['worst']:.2f} | {r['kinsoku']} | {r['bytes']:,} |"
            for r in rows]
    return "\n".join([head] + body)


def write_doc(rows, costs):
    justified, ragged = costs
    ratio = ""
    if justified["instructions"] and ragged["instructions"]:
        extra = justified["instructions"] / ragged["instructions"] - 1
        ratio = f"Justification costs {extra:+.1%} instructions and {justified['bytes'] - ragged['bytes']:+,} bytes."
    text = f"""# Japanese composition: unei beside Typst

Written by `python3 bench/composition.py` ({PROFILE} build); re-run it after a change to the
composer. Every number comes from the PDFs alone: `bench/line_shortfall.py` (lines of ruled
cells, each measured against its cell's right rule minus the padding; a line is *final* when
it ends its cell, precedes a new item or a change of weight, or ends a sentence) and the shared
`kinsoku-check`. Typst sets the equivalent document of `bench/typst_doc.py` with
`#set par(justify: true)`, `lang: "ja"` and the same font (BIZ UDGothic, from `assets/fonts/`);
its table cells are padded 5 pt, unei's 4 pt, so the measures differ by 2 pt.

{table(rows)}

"Ragged" is unei with the template's `justify = false` (the spreadsheet look): punctuation is
still set tight, nothing is squeezed in or spread out. Body lines are the lines of the form's
cells (labels included); the pages as PNG (150 dpi) are in `target/composition/`.

## What justification costs

Rendering the example (`unei render fixtures/plans/fukushima-r2.json --pdf …`, whole process):

| template | instructions (callgrind) | PDF bytes |
|---|---|---|
| justified (default) | {justified['instructions'] or 'n/a':,} | {justified['bytes'] or 'n/a':,} |
| ragged (`justify = false`) | {ragged['instructions'] or 'n/a':,} | {ragged['bytes'] or 'n/a':,} |

{ratio}
"""
    with open(os.path.join(ROOT, "docs", "COMPOSITION.md"), "w", encoding="utf-8") as f:
        f.write(text)


def main():
    if not os.path.exists(UNEI):
        raise SystemExit(f"{UNEI} missing: cargo build --{PROFILE} -p unei-cli (or pass --debug)")
    os.makedirs(OUT, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        ragged = ragged_template(tmp)
        for name in PLANS:
            plan = os.path.join(ROOT, "fixtures", "plans", f"{name}.json")
            for tool, make in (
                ("unei (justified)", lambda pdf: unei_pdf(plan, pdf)),
                ("unei (ragged)", lambda pdf: unei_pdf(plan, pdf, ragged)),
                ("Typst (justified)", lambda pdf: typst_pdf(plan, pdf)),
            ):
                stem = f"{name}-{tool.split()[0].lower()}-{tool.split()[1][1:-1]}"
                pdf = os.path.join(OUT, f"{stem}.pdf")
                make(pdf)
                png(pdf, stem)
                rows.append(row(tool, name, pdf))
                r = rows[-1]
                print(f"{name:<16} {tool:<18} pages {r['pages']}  lines {r['lines']:4}  non-final "
                      f"{r['non_final']:4}  short >0.1/0.5/1 em: {r['0.1']}/{r['0.5']}/{r['1']}  "
                      f"worst {r['worst']:.2f} em  禁則 {r['kinsoku']}", flush=True)
        costs = cost(tmp, ragged)
        for c in costs:
            print(f"render the example, {c['template']}: {c['instructions']} instructions, {c['bytes']} bytes")
    if "--no-doc" not in sys.argv:
        write_doc(rows, costs)


if __name__ == "__main__":
    main()
