#!/usr/bin/env python3
"""Instruction counts of unei under callgrind: repeatable on a shared, noisy machine where wall
time is not. The guard CI runs (`.ci/run`), and the per-stage breakdown in docs/PERFORMANCE.md.

  python3 bench/callgrind.py              measure, compare with bench/instructions.json,
                                          exit 1 when a case grew more than 10 %
  python3 bench/callgrind.py --update --reason "why"
                                          measure and write bench/instructions.json (commit it
                                          on its own, the reason in the file and the message)
  python3 bench/callgrind.py --breakdown  also print where the instructions go (inclusive
                                          counts of the stage functions, callgrind_annotate)
  --binary PATH                           measure that binary instead of building target/release/unei
  --keep DIR                              keep the callgrind output files there (for callgrind_annotate)

Cases (SOURCE_DATE_EPOCH fixed, --jobs 1 so one thread does the work):
  render   `unei render fixtures/plans/fukushima-r2.json --pdf out.pdf`, the whole process
  batch10  `unei batch` of 10 plan variations to PDF, the whole process
  per-plan (batch10 − render) / 9: what one more plan costs once the process is warm
  render-ja  the render with `--lang ja` (Japanese messages; the Japanese command-line
           texts are built only for help and mistakes)
  xlsx-batch1, xlsx-batch10, xlsx-per-plan
           `unei batch --format xlsx` of the first plan and of all 10, and (10 − 1) / 9
  html-batch1, html-batch10, html-per-plan
           the same with `--format html`
Needs valgrind (apt install valgrind); fails when it is missing.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = os.path.join(ROOT, "fixtures", "plans", "fukushima-r2.json")
BASELINE = os.path.join(ROOT, "bench", "instructions.json")
TOLERANCE = 0.10
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plans import variations  # noqa: E402

# Stages of a render: (label, pattern of the function whose inclusive count it is). A label
# starting with "-" is the difference of the first pattern's count and the second's.
STAGES = [
    # Everything outside the Rust main thread's and the worker threads' entry points.
    ("start-up: loader, libc, Rust runtime", "-", "TOTAL", r"^std::sys::backtrace::__rust_begin_short_backtrace$"),
    ("template: the bundled TOML", r"^unei_core::template::Template::bundled$"),
    ("engine: font chain found and parsed", r"^unei_render::engine::Engine::new$"),
    ("plan: read, JSON, validation, positions", r"^unei::pipeline::read_plan_as$"),
    ("  JSON", r"^unei_core::json::plan_from_str$"),
    ("  validation", r"^unei_core::validate::validate$"),
    ("layout", r"^unei_render::layout::layout_with$"),
    ("  composer (line breaking, justification)", r"^unei_render::linebreak::compose$"),
    ("  glyph ids, advances and ink boxes (cached per face)", r"^unei_render::layout::text::FontChain::drawn$"),
    ("PDF", r"^unei_render::pdf::write_pdf$"),
    ("  subsetting (our glyph copier)", r"^unei_render::pdf::subset::subset$"),
    ("  printpdf: document objects (lopdf)", r"^printpdf::serialize::to_lopdf_doc$"),
    ("    content streams (printpdf's operators)", r"^printpdf::serialize::translate_operations$"),
    ("    fonts: widths, ToUnicode maps (printpdf)", r"^printpdf::serialize::prepare_fonts_for_serialization$"),
    ("  page content streams (written as bytes)", r"^unei_render::pdf::page_content$"),
    ("  font objects: /W, ToUnicode, program", r"^unei_render::pdf::font_objects::add$"),
    ("  structure tree (tagged PDF)", r"^unei_render::pdf::tagged::add_structure$"),
    ("  compression (libdeflate)", r"^unei_render::pdf::deflate::zlib(_at)?$"),
    ("  save: objects, object streams, /ID", r"^unei_render::pdf::(post::save_with_content_id|write::save)$"),
    ("    SHA-256 (software under valgrind)", r"^sha2::sha256::soft::unroll::compress$"),
    ("write the file", r"^unei::pipeline::write_atomically$"),
]

# Stages of a batch to XLSX or HTML (same conventions as STAGES).
FORMAT_STAGES = [
    ("plan: read, JSON, validation, positions", r"^unei::pipeline::read_plan_as$"),
    ("characters no font draws (a walk of the text)", r"^unei_render::engine::Engine::missing_glyphs$"),
    ("XLSX", r"^unei_render::xlsx::write_xlsx$"),
    ("  sheets planned: rows, heights, page breaks", r"^unei_render::xlsx::placement::place_sheets$"),
    ("    the PDF's page breaks (its rows, paginated undrawn)", r"^unei_render::layout::printed_row_pages$"),
    ("  rust_xlsxwriter: sheets, styles, zip", r"^unei_render::xlsx::book::write$"),
    ("  document language (package copied)", r"^unei_render::xlsx::package::with_language$"),
    ("HTML", r"^unei_render::html::write_html$"),
    ("write the file", r"^unei::pipeline::write_atomically$"),
]

# Batches to one format: (case prefix, `--format` value).
FORMATS = [("xlsx", "xlsx"), ("html", "html")]


def valgrind():
    tool = shutil.which("valgrind")
    if not tool:
        raise SystemExit("valgrind not found: apt-get install valgrind (the instruction-count guard needs it)")
    return tool


def build():
    subprocess.run(["cargo", "build", "--release", "--locked", "-q", "-p", "unei-cli"], cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "release", "unei")


def callgrind(binary, args, out_file, cwd):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", LC_ALL="C.UTF-8", LANG="C.UTF-8")
    cmd = [valgrind(), "--tool=callgrind", f"--callgrind-out-file={out_file}", binary, *args]
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed under callgrind:\n{proc.stderr[-3000:]}")
    with open(out_file) as f:
        for line in f:
            if line.startswith("totals:") or line.startswith("summary:"):
                return int(line.split()[1])
    raise SystemExit(f"{out_file}: no totals line")


def batch_args(plans, out, fmt):
    return ["batch", plans, "-o", out, "--format", fmt, "--jobs", "1", "--quiet"]


def measure(binary, tmp):
    plans, first = os.path.join(tmp, "plans"), os.path.join(tmp, "first")
    os.makedirs(plans)
    os.makedirs(first)
    with open(PLAN, encoding="utf-8") as f:
        variations(json.load(f), 10, plans)
    shutil.copy(os.path.join(plans, "plan-01.json"), first)
    files = {"render": os.path.join(tmp, "render.callgrind"), "batch10": os.path.join(tmp, "batch.callgrind")}
    counts = {
        "render": callgrind(binary, ["render", PLAN, "--pdf", os.path.join(tmp, "out.pdf")], files["render"], ROOT),
        "batch10": callgrind(binary, batch_args(plans, os.path.join(tmp, "out"), "pdf"), files["batch10"], ROOT),
    }
    counts["per-plan"] = (counts["batch10"] - counts["render"]) // 9
    # Staff's PCs speak Japanese: the same render with Japanese messages must cost the same.
    ja_args = ["--lang", "ja", "render", PLAN, "--pdf", os.path.join(tmp, "out-ja.pdf")]
    counts["render-ja"] = callgrind(binary, ja_args, os.path.join(tmp, "render-ja.callgrind"), ROOT)
    for case, fmt in FORMATS:
        for name, folder in ((f"{case}-batch1", first), (f"{case}-batch10", plans)):
            files[name] = os.path.join(tmp, f"{name}.callgrind")
            counts[name] = callgrind(binary, batch_args(folder, os.path.join(tmp, name), fmt), files[name], ROOT)
        counts[f"{case}-per-plan"] = (counts[f"{case}-batch10"] - counts[f"{case}-batch1"]) // 9
    return counts, files


def inclusive_costs(out_file):
    """Function name → inclusive instruction count, from callgrind_annotate."""
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out_file],
                          capture_output=True, text=True, check=True).stdout
    costs = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\([^)]*\)\s+[^:\s]*:(.*?)(?:\s+\[[^\]]*\])?$", line)
        if m:
            costs.setdefault(m.group(2).strip(), int(m.group(1).replace(",", "")))
    return costs


def stage_counts(out_file, total, stages=STAGES):
    costs = inclusive_costs(out_file)

    def find(pattern):
        if pattern == "TOTAL":
            return total
        return next((c for name, c in costs.items() if re.search(pattern, name)), None)

    counts = []
    for label, *patterns in stages:
        if patterns[0] == "-":
            whole, part = find(patterns[1]), find(patterns[2])
            counts.append((label, None if whole is None or part is None else whole - part))
        else:
            counts.append((label, find(patterns[0])))
    return counts


def breakdown(files, counts):
    """Markdown table: each stage of one render, and of one more plan in a batch."""
    render = stage_counts(files["render"], counts["render"])
    batch = stage_counts(files["batch10"], counts["batch10"])
    lines = ["| stage | one render | one more plan in a batch |", "|---|---:|---:|"]
    for (label, one), (_, ten) in zip(render, batch):
        per_plan = (ten - one) / 9 if one is not None and ten is not None else None
        cell = lambda n: "–" if n is None else f"{n / 1e6:.2f} M"
        lines.append(f"| {label} | {cell(one)} | {cell(per_plan if per_plan and per_plan > 0 else None)} |")
    lines.append(f"| **whole process** | **{counts['render'] / 1e6:.2f} M** | **{counts['per-plan'] / 1e6:.2f} M** |")
    return lines


def format_breakdown(files, counts, case):
    """Markdown table: each stage of a batch of one plan to a format, and of one more plan."""
    one_key, ten_key = f"{case}-batch1", f"{case}-batch10"
    one = stage_counts(files[one_key], counts[one_key], FORMAT_STAGES)
    ten = stage_counts(files[ten_key], counts[ten_key], FORMAT_STAGES)
    lines = [f"| {case.upper()} stage | batch of one plan | one more plan |", "|---|---:|---:|"]
    for (label, a), (_, b) in zip(one, ten):
        if a is None and b is None:
            continue
        cell = lambda n: "–" if n is None else f"{n / 1e6:.2f} M"
        more = (b - a) / 9 if a is not None and b is not None else None
        lines.append(f"| {label} | {cell(a)} | {cell(more if more and more > 0 else None)} |")
    lines.append(f"| **whole process** | **{counts[one_key] / 1e6:.2f} M** | **{counts[f'{case}-per-plan'] / 1e6:.2f} M** |")
    return lines


def compare(counts, baseline):
    failed = []
    print(f"{'case':<10} {'baseline':>15} {'now':>15} {'change':>8}")
    for case, now in counts.items():
        base = baseline.get("counts", {}).get(case)
        change = f"{100 * (now - base) / base:+.1f} %" if base else "new"
        print(f"{case:<10} {base or 0:>15,} {now:>15,} {change:>8}")
        if base and now > base * (1 + TOLERANCE):
            failed.append(case)
    return failed


def main():
    args = sys.argv[1:]
    reason = None
    if "--update" in args:
        if "--reason" not in args or not args[args.index("--reason") + 1:]:
            raise SystemExit('--update needs --reason "why the counts changed"')
        reason = args[args.index("--reason") + 1]
    binary = args[args.index("--binary") + 1] if "--binary" in args else build()
    with tempfile.TemporaryDirectory() as tmp:
        counts, files = measure(binary, tmp)
        if "--breakdown" in args:
            print("\n".join(breakdown(files, counts)) + "\n")
            for case, _ in FORMATS:
                print("\n".join(format_breakdown(files, counts, case)) + "\n")
        if "--keep" in args:
            keep = args[args.index("--keep") + 1]
            os.makedirs(keep, exist_ok=True)
            for name, path in files.items():
                shutil.copy(path, os.path.join(keep, f"{name}.callgrind"))
    if reason is not None:
        with open(BASELINE, "w", encoding="utf-8") as f:
            json.dump({"reason": reason, "counts": counts}, f, indent=2)
            f.write("\n")
        print(f"wrote {os.path.relpath(BASELINE, ROOT)}: {counts}")
        return
    try:
        with open(BASELINE, encoding="utf-8") as f:
            baseline = json.load(f)
    except FileNotFoundError:
        compare(counts, {})
        raise SystemExit(f"{BASELINE} missing: run with --update --reason WHY and commit it")
    failed = compare(counts, baseline)
    if failed:
        raise SystemExit(f"instruction count grew more than {TOLERANCE:.0%} over the baseline: {', '.join(failed)} "
                         "(if on purpose: python3 bench/callgrind.py --update, committed on its own with the reason)")
    print(f"within {TOLERANCE:.0%} of the baseline")


if __name__ == "__main__":
    main()
