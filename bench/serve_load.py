#!/usr/bin/env python3
"""Load test of `unei serve`: N requests from C concurrent clients mixing the endpoints.

  python3 bench/serve_load.py [--binary target/release/unei] [--requests 200] [--clients 16]
                              [--jobs 2]

Starts the server on an ephemeral loopback port, then C threads send N requests in all, in a
fixed mix (request i of the run is kind i % 8):
  2/8 POST /api/render?format=pdf   (fixtures/plans/fukushima-r2.json)
  1/8 POST /api/render?format=xlsx  (the same plan)
  1/8 POST /api/import              (fixtures/workbooks/gen-a-unmapped-note.xlsx)
  2/8 POST /api/validate            (the plan)
  1/8 GET  /                        (the upload page)
  1/8 GET  /healthz
Every answer must be 200: anything else, or a connection error, is an error. Prints the
throughput, p50/p95/max latency per kind and overall, the errors, and the load average before
and after (the machine's load is part of the numbers). Exit 1 when any request failed.
Standard library only.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = os.path.join(ROOT, "fixtures/plans/fukushima-r2.json")
WORKBOOK = os.path.join(ROOT, "fixtures/workbooks/gen-a-unmapped-note.xlsx")

MIX = [
    ("render pdf", "POST", "/api/render?format=pdf", "plan"),
    ("validate", "POST", "/api/validate", "plan"),
    ("import", "POST", "/api/import?name=note.xlsx", "workbook"),
    ("page", "GET", "/", None),
    ("render pdf", "POST", "/api/render?format=pdf", "plan"),
    ("render xlsx", "POST", "/api/render?format=xlsx", "plan"),
    ("validate", "POST", "/api/validate", "plan"),
    ("healthz", "GET", "/healthz", None),
]


def start(binary, jobs):
    env = dict(os.environ, LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH="1700000000")
    server = subprocess.Popen(
        [binary, "--lang", "en", "serve", "--addr", "127.0.0.1:0", "--jobs", str(jobs)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True, cwd=ROOT,
    )
    for line in server.stderr:
        found = re.search(r"listening on (http://\S+?)/? ", line)
        if found:
            threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()
            return server, found.group(1).rstrip("/")
    raise SystemExit("the server did not start")


def one(base, kind, bodies):
    name, method, path, body = kind
    data = bodies[body] if body else None
    request = urllib.request.Request(base + path, data=data, method=method)
    if body == "plan":
        request.add_header("Content-Type", "application/json")
    elif body:
        request.add_header("Content-Type", "application/octet-stream")
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=300) as answer:
            answer.read()
            status = answer.status
    except urllib.error.HTTPError as e:
        status = e.code
    except OSError as e:
        status = f"{type(e).__name__}: {e}"
    return name, status, time.perf_counter() - start


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, "target/release/unei"))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    bodies = {"plan": open(PLAN, "rb").read(), "workbook": open(WORKBOOK, "rb").read()}
    server, base = start(args.binary, args.jobs)
    results, lock, counter = [], threading.Lock(), iter(range(args.requests))

    def client():
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            result = one(base, MIX[i % len(MIX)], bodies)
            with lock:
                results.append(result)

    load_before = os.getloadavg()
    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    load_after = os.getloadavg()
    server.terminate()
    server.wait(timeout=60)

    errors = [(n, s) for n, s, _ in results if s != 200]
    print(f"unei serve --jobs {args.jobs}: {len(results)} requests from {args.clients} clients "
          f"in {wall:.2f} s = {len(results) / wall:.1f} requests/s; errors: {len(errors)}")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} "
          f"({os.cpu_count()} cores)")
    print(f"{'kind':<12} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    kinds = sorted({n for n, _, _ in results})
    for kind in kinds + ["all"]:
        times = [t * 1000 for n, _, t in results if kind in (n, "all")]
        print(f"{kind:<12} {len(times):>4} {statistics.median(times):>8.1f} "
              f"{percentile(times, 95):>8.1f} {max(times):>8.1f}")
    for name, status in errors[:20]:
        print(f"error: {name}: {status}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
