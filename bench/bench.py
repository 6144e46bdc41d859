#!/usr/bin/env python3
"""unei's wall-clock benchmark, side by side with Typst and LibreOffice, on this machine, in one run.

  python3 bench/bench.py           full run; rewrites the measured section of docs/PERFORMANCE.md
  python3 bench/bench.py --quick   debug build, 2 rounds, no report (CI: the script runs)
  --runs N                         rounds (default 20)
  --no-build                       measure target/release/unei as it is (built from this tree)

Whole processes, cold start each; the tools run interleaved (one run of each per round), so a
change of machine load hits all of them alike. Each row gives the median, min and max wall
time, peak RSS and minor page faults (wait4), and the output size; the load average is printed
before and after, beside the numbers. On a shared machine use `bench/callgrind.py` (instruction
counts) for decisions: wall time is only as good as the quietest run.

Rows:
- floor: a trivial Rust binary (bench/floor.rs) that starts, reads the plan and writes as many
  bytes as unei's PDF — what any tool pays; unei's time above it is its own work;
- unei render → PDF / XLSX / HTML of fixtures/plans/fukushima-r2.json;
- Typst compiling the equivalent document (bench/typst_doc.py, same text in the same font:
  BIZ UDGothic from assets/fonts, passed as a font path): the Typst CLI when `typst` is on the
  PATH (`cargo install typst-cli --locked`), else the Python binding (`pip install typst`)
  minus its own start-up (`python -c "import typst"`, timed in the same rounds);
- LibreOffice converting unei's XLSX to PDF, when `soffice` is installed;
- `unei batch` of 60 plan variations (bench/plans.py) to PDF on all cores and on one, and to
  XLSX and to HTML on one (separate lines: each format has its own goal, ≤ 2 ms CPU per plan;
  until 2026-12 one line measured XLSX + HTML together).
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
QUICK = "--quick" in sys.argv
RUNS = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else (2 if QUICK else 20)
# CI checks that the script runs, not speed: the debug binary the tests built will do.
UNEI = os.path.join(ROOT, "target", "debug" if QUICK else "release", "unei")
FLOOR = os.path.join(ROOT, "target", "bench-floor")
PLAN = os.path.join(ROOT, "fixtures", "plans", "fukushima-r2.json")
FONTS = os.path.join(ROOT, "assets", "fonts")
REPORT = os.path.join(ROOT, "docs", "PERFORMANCE.md")
BEGIN, END = "<!-- bench.py: measured section, rewritten by each full run -->", "<!-- /bench.py -->"
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import typst_doc  # noqa: E402
from plans import variations  # noqa: E402


TIME = shutil.which("time", path="/usr/bin:/bin")


def run(cmd, env=None):
    """Wall seconds, peak RSS (KiB), minor page faults and CPU seconds of one process.

    The peak RSS comes from GNU time around the command when it is installed: wait4's
    ru_maxrss of a child forked from this Python counts the forked Python (~20 MB) too."""
    with tempfile.NamedTemporaryFile("r") as rss:
        wrapped = [TIME, "-f", "%M", "-o", rss.name, *cmd] if TIME else cmd
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{cmd[0]} failed: {err}")
        peak = int(rss.read().split()[-1]) if TIME else usage.ru_maxrss
    return wall, peak, usage.ru_minflt, usage.ru_utime + usage.ru_stime


class Tool:
    def __init__(self, name, cmd, output=None, env=None, plans=None):
        self.name, self.cmd, self.output, self.env, self.plans = name, cmd, output, env, plans
        self.results = []

    def once(self):
        self.results.append(run(self.cmd, self.env))

    def row(self):
        walls = sorted(w * 1000 for w, _, _, _ in self.results)
        row = {
            "tool": self.name,
            "median_ms": statistics.median(walls),
            "min_ms": walls[0],
            "max_ms": walls[-1],
            "rss_mb": max(r for _, r, _, _ in self.results) / 1024,
            "faults": int(statistics.median(f for _, _, f, _ in self.results)),
            "cpu_ms": statistics.median(c * 1000 for _, _, _, c in self.results),
            "size_kb": os.path.getsize(self.output) / 1024 if self.output and os.path.exists(self.output) else None,
            "runs": len(walls),
        }
        if self.plans:
            row["per_plan_ms"] = row["median_ms"] / self.plans
            row["cpu_per_plan_ms"] = row["cpu_ms"] / self.plans
            row["plans_per_s"] = self.plans / (row["median_ms"] / 1000)
        return row


def load():
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def build():
    profile = [] if QUICK else ["--release"]
    subprocess.run(["cargo", "build", *profile, "--locked", "-q", "-p", "unei-cli"], cwd=ROOT, check=True)
    rustc = shutil.which("rustc")
    if rustc:
        subprocess.run([rustc, "-O", "-o", FLOOR, os.path.join(ROOT, "bench", "floor.rs")], check=True)


def typst_tools(tmp):
    """The Typst CLI, else the Python binding plus a start-up row to subtract; [] if neither."""
    typ = os.path.join(tmp, "plan.typ")
    with open(PLAN, encoding="utf-8") as f, open(typ, "w", encoding="utf-8") as t:
        t.write(typst_doc.document(json.load(f)))
    out = os.path.join(tmp, "typst.pdf")
    cli = shutil.which("typst")
    if cli:
        return [Tool("Typst CLI → PDF", [cli, "compile", "--font-path", FONTS, "--ignore-system-fonts", typ, out], out)]
    try:
        import typst  # noqa: F401
    except ImportError:
        print("Typst: neither the CLI (cargo install typst-cli --locked) nor the binding (pip install typst)")
        return []
    compile_py = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])"
    return [Tool("Typst (python binding) → PDF", [sys.executable, "-c", compile_py, typ, out, FONTS], out),
            Tool("python -c 'import typst' (start-up)", [sys.executable, "-c", "import typst"])]


def libreoffice_tool(tmp, env):
    soffice = shutil.which("soffice")
    xlsx = os.path.join(tmp, "lo.xlsx")
    if not soffice or subprocess.run([UNEI, "render", PLAN, "--xlsx", xlsx], capture_output=True, env=env).returncode:
        print("LibreOffice not installed: its row is skipped")
        return []
    profile = "file://" + os.path.join(tmp, "lo-profile")
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp, xlsx]
    run(cmd)  # the first start creates the profile; not counted
    return [Tool("LibreOffice: unei XLSX → PDF", cmd, os.path.join(tmp, "lo.pdf"))]


def tools(tmp, env):
    pdf, xlsx, html = (os.path.join(tmp, f"unei.{e}") for e in ("pdf", "xlsx", "html"))
    plans = os.path.join(tmp, "plans")
    os.makedirs(plans)
    with open(PLAN, encoding="utf-8") as f:
        variations(json.load(f), 60, plans)
    subprocess.run([UNEI, "render", PLAN, "--pdf", pdf], env=env, check=True, capture_output=True)
    out = [Tool("unei render → PDF", [UNEI, "render", PLAN, "--pdf", pdf], pdf, env)]
    if os.path.exists(FLOOR):
        out.insert(0, Tool("floor (start, read plan, write PDF bytes)",
                           [FLOOR, PLAN, os.path.join(tmp, "floor.out"), str(os.path.getsize(pdf))], None, env))
    # What justification costs: the same render with the template's ragged right.
    ragged, rpdf = os.path.join(tmp, "ragged.toml"), os.path.join(tmp, "ragged.pdf")
    with open(ragged, "w", encoding="utf-8") as f:
        f.write('extends = "osaka-default"\nid = "ragged"\nname = "ragged"\n[page]\njustify = false\n')
    out.append(Tool("unei render → PDF, ragged right", [UNEI, "render", PLAN, "--pdf", rpdf, "--template", ragged],
                    rpdf, env))
    out += [Tool("unei render → XLSX", [UNEI, "render", PLAN, "--xlsx", xlsx], xlsx, env),
            Tool("unei render → HTML", [UNEI, "render", PLAN, "--html", html], html, env)]
    out += typst_tools(tmp)
    if not QUICK:
        out += libreoffice_tool(tmp, env)
    batch = [UNEI, "batch", plans, "--quiet", "-o"]
    out += [Tool("unei batch, 60 plans → PDF", batch + [os.path.join(tmp, "b1"), "--format", "pdf"], None, env, 60),
            Tool("unei batch, 60 plans → PDF, --jobs 1",
                 batch + [os.path.join(tmp, "b2"), "--format", "pdf", "--jobs", "1"], None, env, 60),
            Tool("unei batch, 60 plans → XLSX, --jobs 1",
                 batch + [os.path.join(tmp, "b3"), "--format", "xlsx", "--jobs", "1"], None, env, 60),
            Tool("unei batch, 60 plans → HTML, --jobs 1",
                 batch + [os.path.join(tmp, "b4"), "--format", "html", "--jobs", "1"], None, env, 60)]
    return out


def ratio_lines(rows):
    by = {r["tool"]: r for r in rows}
    unei, floor = by.get("unei render → PDF"), by.get("floor (start, read plan, write PDF bytes)")
    lines = []
    if unei and floor:
        lines.append(f"unei above the floor: {unei['median_ms'] - floor['median_ms']:.1f} ms")
    typst = by.get("Typst CLI → PDF")
    label = "Typst CLI"
    if not typst and "Typst (python binding) → PDF" in by:
        binding, startup = by["Typst (python binding) → PDF"], by["python -c 'import typst' (start-up)"]
        typst = dict(binding, median_ms=binding["median_ms"] - startup["median_ms"])
        label = "Typst binding minus Python start-up"
    if unei and typst:
        lines.append(f"unei / {label} time: {unei['median_ms'] / typst['median_ms']:.3f} (target ≤ 0.25)")
        if unei["size_kb"] and typst["size_kb"]:
            lines.append(f"unei / Typst PDF size: {unei['size_kb'] / typst['size_kb']:.2f}")
    for r in rows:
        if "plans_per_s" in r:
            lines.append(f"{r['tool']}: {r['plans_per_s']:.0f} plans/s, {r['per_plan_ms']:.2f} ms per plan, "
                         f"{r['cpu_per_plan_ms']:.2f} ms CPU per plan")
    return lines


def table(rows):
    lines = ["| tool | median ms | min ms | max ms | CPU ms | peak RSS MB | minor faults | output KB | runs |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        size = f"{r['size_kb']:.1f}" if r["size_kb"] else "–"
        lines.append(f"| {r['tool']} | {r['median_ms']:.1f} | {r['min_ms']:.1f} | {r['max_ms']:.1f} | {r['cpu_ms']:.1f} | "
                     f"{r['rss_mb']:.1f} | {r['faults']} | {size} | {r['runs']} |")
    return lines


def write_report(rows, ratios, loads):
    with open("/proc/cpuinfo") as f:
        model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), platform.machine())
    section = [
        BEGIN,
        f"Measured {date.today().isoformat()} by `python3 bench/bench.py` on {model}, {os.cpu_count()} cores, "
        f"Linux {platform.release()}; {loads[0]} before, {loads[1]} after. Interleaved rounds, cold "
        "process each run; CPU time and minor faults from wait4, peak RSS from GNU time.",
        "",
        *table(rows),
        "",
        *[f"- {line}" for line in ratios],
        END,
    ]
    text = open(REPORT, encoding="utf-8").read() if os.path.exists(REPORT) else "# Performance\n\n" + BEGIN + END
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + "\n".join(section) + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n" + "\n".join(section) + "\n"
    with open(REPORT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(REPORT, ROOT)}")


def main():
    if "--no-build" not in sys.argv:
        build()
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", LC_ALL="C.UTF-8")
    loads = [load()]
    print(loads[0], flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        all_tools = tools(tmp, env)
        for n in range(RUNS):
            for tool in all_tools:
                tool.once()
            print(f"round {n + 1}/{RUNS} ({load()})", flush=True)
        rows = [t.row() for t in all_tools]
    loads.append(load())
    print("\n".join(table(rows)))
    ratios = ratio_lines(rows)
    print("\n".join(ratios))
    print(loads[1])
    if not QUICK:
        write_report(rows, ratios, loads)


if __name__ == "__main__":
    main()
