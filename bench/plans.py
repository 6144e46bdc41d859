"""The plan set of the batch benchmarks: variations of the Fukushima fixture, so every plan
has its own text and characters (and the subset fonts differ from plan to plan)."""
import json
import os


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
