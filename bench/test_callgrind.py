#!/usr/bin/env python3
"""The instruction-count guard's own test: it must fail on growth over the tolerance and pass
within it, and the committed baseline must say why it was taken. Runs in CI (`.ci/run`)
without valgrind: it checks the comparison, not a measurement."""
import contextlib
import io
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import callgrind  # noqa: E402


def compare(counts, baseline):
    with contextlib.redirect_stdout(io.StringIO()):
        return callgrind.compare(counts, {"counts": baseline})


class Guard(unittest.TestCase):
    def test_growth_over_the_tolerance_fails_the_case(self):
        base = {"render": 1_000_000, "batch10": 5_000_000, "per-plan": 400_000}
        grown = {"render": 1_100_001, "batch10": 5_000_000, "per-plan": 400_000}
        self.assertEqual(compare(grown, base), ["render"])
        grown = {"render": 1_000_000, "batch10": 5_000_000, "per-plan": 440_001}
        self.assertEqual(compare(grown, base), ["per-plan"])

    def test_growth_within_the_tolerance_and_shrinking_pass(self):
        base = {"render": 1_000_000, "batch10": 5_000_000, "per-plan": 400_000}
        self.assertEqual(compare({"render": 1_100_000, "batch10": 4_000_000, "per-plan": 1}, base), [])

    def test_a_case_missing_from_the_baseline_is_new_not_a_failure(self):
        self.assertEqual(compare({"render": 5}, {}), [])

    def test_the_committed_baseline_has_every_case_and_a_reason(self):
        with open(callgrind.BASELINE, encoding="utf-8") as f:
            baseline = json.load(f)
        self.assertTrue(baseline["reason"].strip())
        formats = {f"{case}-{kind}" for case, _ in callgrind.FORMATS for kind in ("batch1", "batch10", "per-plan")}
        self.assertEqual(set(baseline["counts"]), {"render", "batch10", "per-plan", "render-ja"} | formats)
        counts = baseline["counts"]
        self.assertEqual(counts["per-plan"], (counts["batch10"] - counts["render"]) // 9)
        # Japanese messages cost no more than English ones (within 1 %).
        self.assertLess(counts["render-ja"], counts["render"] * 1.01)
        for case, _ in callgrind.FORMATS:
            one, ten = counts[f"{case}-batch1"], counts[f"{case}-batch10"]
            self.assertEqual(counts[f"{case}-per-plan"], (ten - one) // 9)

    def test_a_format_s_per_plan_growth_fails_it(self):
        base = {"xlsx-batch1": 10_000_000, "xlsx-batch10": 46_000_000, "xlsx-per-plan": 4_000_000}
        grown = dict(base, **{"xlsx-per-plan": 4_400_001})
        self.assertEqual(compare(grown, base), ["xlsx-per-plan"])


if __name__ == "__main__":
    unittest.main()
