#!/usr/bin/env python3
"""unei's benchmark, side by side with Typst and LibreOffice, on this machine, in one run.

  python3 bench/bench.py           full run, writes docs/PERFORMANCE.md
  python3 bench/bench.py --quick   debug build, 2 runs, no LibreOffice, no report (CI: the script runs)

Measures whole-process wall time (median), peak RSS (wait4 rusage) and output size for:
unei render → PDF; Typst compiling an equivalent document (bench/typst_doc.py, `pip install typst`);
LibreOffice converting unei's XLSX to PDF (when `soffice` and the XLSX writer are there);
and `unei batch` throughput over 60 generated plan variations (when `unei batch` exists).
"""
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UNEI = os.path.join(ROOT, "target", "release", "unei")
QUICK = "--quick" in sys.argv
if QUICK:
    # CI checks that the script runs, not speed: the debug binary the tests built will do.
    UNEI = os.path.join(ROOT, "target", "debug", "unei")
PLAN = os.path.join(ROOT, "fixtures", "plans", "fukushima-r2.json")
FONTS = os.path.join(ROOT, "assets", "fonts")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import typst_doc  # noqa: E402


def run(cmd, env=None, cwd=None):
    """Wall seconds and peak RSS (KiB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd[0]} failed: {err}")
    return wall, usage.ru_maxrss


def measure(name, cmd, runs, output=None, env=None, cwd=None):
    results = [run(cmd, env, cwd) for _ in range(runs)]
    walls = sorted(w for w, _ in results)
    row = {
        "tool": name,
        "median_ms": statistics.median(walls) * 1000,
        "min_ms": walls[0] * 1000,
        "rss_mb": max(r for _, r in results) / 1024,
        "size_kb": os.path.getsize(output) / 1024 if output and os.path.exists(output) else None,
        "runs": runs,
    }
    print(f"{name:<34} {row['median_ms']:8.1f} ms  (min {row['min_ms']:.1f})  RSS {row['rss_mb']:.1f} MB"
          + (f"  {row['size_kb']:.0f} KB" if row["size_kb"] else ""), flush=True)
    return row


def has_batch():
    return subprocess.run([UNEI, "batch", "--help"], capture_output=True).returncode == 0


def variations(plan, count, folder):
    """`count` different plans: the fixture with each issue's text rotated and renumbered names."""
    for n in range(count):
        p = json.loads(json.dumps(plan))
        p["meta"]["organisation"]["name"] = f"見本{n + 1}区"
        p["issues"] = p["issues"][n % len(p["issues"]):] + p["issues"][:n % len(p["issues"])]
        for k, issue in enumerate(p["issues"]):
            issue["number"] = k + 1
        with open(os.path.join(folder, f"plan-{n + 1:02}.json"), "w", encoding="utf-8") as f:
            json.dump(p, f, ensure_ascii=False, indent=2)


def batch_row(tmp, quick):
    plans = os.path.join(tmp, "plans")
    os.makedirs(plans)
    with open(PLAN, encoding="utf-8") as f:
        variations(json.load(f), 60, plans)
    out = os.path.join(tmp, "batch-out")
    row = measure("unei batch, 60 plans → PDF", [UNEI, "batch", plans, "-o", out, "--format", "pdf", "--quiet"],
                  1 if quick else 5)
    row["plans_per_s"] = 60 / (row["median_ms"] / 1000)
    print(f"{'':<34} {row['plans_per_s']:8.0f} plans/s")
    return row


def main():
    quick = QUICK
    runs = 2 if quick else 20
    profile = [] if quick else ["--release"]
    subprocess.run(["cargo", "build", *profile, "-q", "-p", "unei-cli"], cwd=ROOT, check=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "unei.pdf")
        rows.append(measure("unei render → PDF", [UNEI, "render", PLAN, "--pdf", pdf], runs, pdf, env))
        # What justification costs: the same render with the template's ragged right.
        ragged = os.path.join(tmp, "ragged.toml")
        with open(ragged, "w", encoding="utf-8") as f:
            f.write('extends = "osaka-default"\nid = "ragged"\nname = "ragged"\n[page]\njustify = false\n')
        rpdf = os.path.join(tmp, "ragged.pdf")
        rows.append(measure(RAGGED, [UNEI, "render", PLAN, "--pdf", rpdf, "--template", ragged], runs, rpdf, env))
        typ = os.path.join(tmp, "plan.typ")
        with open(PLAN, encoding="utf-8") as f, open(typ, "w", encoding="utf-8") as t:
            t.write(typst_doc.document(json.load(f)))
        tpdf = os.path.join(tmp, "typst.pdf")
        compile_py = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])"
        try:
            import typst  # noqa: F401
            rows.append(measure("Typst (python binding) → PDF", [sys.executable, "-c", compile_py, typ, tpdf, FONTS],
                                max(2, runs // 2), tpdf))
        except ImportError:
            print("typst not installed (pip install typst): skipped")
        if not quick:
            rows += libreoffice_rows(tmp, env, quick)
        if has_batch():
            rows.append(batch_row(tmp, quick))
    ratio_lines = ratios(rows)
    for line in ratio_lines:
        print(line)
    if not quick:
        write_report(rows, ratio_lines, micro_benchmarks())


def libreoffice_rows(tmp, env, quick):
    soffice = shutil.which("soffice")
    xlsx = os.path.join(tmp, "unei.xlsx")
    made = subprocess.run([UNEI, "render", PLAN, "--xlsx", xlsx], capture_output=True, env=env).returncode == 0
    if not soffice or not made:
        print("LibreOffice or unei's XLSX writer not available: LibreOffice row skipped")
        return []
    profile = "file://" + os.path.join(tmp, "lo-profile")
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp, xlsx]
    run(cmd)  # first start creates the profile; not counted
    return [measure("LibreOffice: unei XLSX → PDF", cmd, 1 if quick else 3, os.path.join(tmp, "unei.pdf"))]


def micro_benchmarks():
    """criterion's median for each stage (font loading, line breaking, layout, PDF, XLSX, import)."""
    lines = []
    for package, bench in [("unei-render", "render"), ("unei-render", "xlsx"), ("unei-import", "import")]:
        out = subprocess.run(["cargo", "bench", "-q", "-p", package, "--bench", bench, "--", "--quick"],
                             cwd=ROOT, capture_output=True, text=True).stdout.splitlines()
        name = None
        for line in out:
            if "time:" in line:
                parts = line.split("time:")
                name = (parts[0].strip() or name or "?")
                middle = parts[1].strip(" []").split()[2:4]
                lines.append(f"| {name} | {' '.join(middle)} |")
                name = None
            elif line.strip():
                name = line.strip()
    return lines


RAGGED = "unei render → PDF, ragged (justify = false)"


def ratios(rows):
    by = {r["tool"]: r for r in rows}
    unei = by.get("unei render → PDF")
    other = by.get("Typst (python binding) → PDF")
    lines = []
    ragged = by.get(RAGGED)
    if unei and ragged:
        lines.append(f"justification costs: time ×{unei['median_ms'] / ragged['median_ms']:.3f}, "
                     f"PDF size ×{unei['size_kb'] / ragged['size_kb']:.3f} (justified / ragged)")
    if unei and other:
        lines.append(f"unei / Typst time: {unei['median_ms'] / other['median_ms']:.3f} (target ≤ 0.25)")
        if unei["size_kb"] and other["size_kb"]:
            lines.append(f"unei / Typst PDF size: {unei['size_kb'] / other['size_kb']:.2f}")
    return lines


def write_report(rows, ratio_lines, micro):
    cpu = platform.processor() or platform.machine()
    with open("/proc/cpuinfo") as f:
        model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), cpu)
    lines = [
        "# Performance",
        "",
        f"Measured {date.today().isoformat()} by `python3 bench/bench.py` on {model}, {os.cpu_count()} cores,",
        f"Linux {platform.release()}. Whole processes, cold start each run; median of the runs; peak RSS from wait4.",
        "Input: `fixtures/plans/fukushima-r2.json` (3 pages). Typst compiles an equivalent document",
        "(`bench/typst_doc.py`: same text, A4, IPAex Gothic 10.5 pt, same tables).",
        "",
        "| tool | median ms | min ms | peak RSS MB | output KB | runs |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        size = f"{r['size_kb']:.0f}" if r["size_kb"] else "–"
        lines.append(f"| {r['tool']} | {r['median_ms']:.1f} | {r['min_ms']:.1f} | {r['rss_mb']:.1f} | {size} | {r['runs']} |")
    lines.append("")
    lines += [f"- {l}" for l in ratio_lines]
    for r in rows:
        if "plans_per_s" in r:
            lines.append(f"- batch throughput: {r['plans_per_s']:.0f} plans/s (target ≥ 200)")
    lines += ["", "Stages (criterion, `cargo bench -- --quick`, median):", "", "| stage | time |", "|---|---:|"]
    lines += micro
    lines.append("")
    os.makedirs(os.path.join(ROOT, "docs"), exist_ok=True)
    with open(os.path.join(ROOT, "docs", "PERFORMANCE.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("wrote docs/PERFORMANCE.md")


if __name__ == "__main__":
    main()
