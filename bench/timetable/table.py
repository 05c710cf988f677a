#!/usr/bin/env python3
"""Prints the benchmark table from the results run.sh left in a directory.

Every timetable is scored by model.py (independently of the tool that made it);
agendum's own figure is cross-checked against that score."""
import glob
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(__file__))
from model import Instance  # noqa: E402


def load(path):
    try:
        with open(path) as f:
            return json.loads(f.read() or "{}")
    except (OSError, json.JSONDecodeError):
        return {}


def gap(a, b):
    """(a - b) / b in percent, with 0/0 = 0."""
    if a is None or b is None:
        return None
    if b <= 0:
        return None  # a zero bound proves nothing about the gap
    return 100.0 * (a - b) / b


def fmt(xs, unit=""):
    xs = [x for x in xs if x is not None]
    if not xs:
        return "-"
    if any(x == float("inf") for x in xs):
        return "inf"
    return f"{statistics.mean(xs):.2f}{unit} (max {max(xs):.2f})"


def speedup(p, a_soft, a_time, q, q_time):
    """conference-scheduler's time over agendum's time to a cost at least as
    good: the short run's time when it is already as good, else the full run's."""
    if not p.get("solve_s") or p.get("soft") is None or a_soft is None:
        return None
    if q.get("hard") == 0 and q.get("soft") is not None and q["soft"] <= p["soft"]:
        return p["solve_s"] / q_time
    return p["solve_s"] / a_time if a_soft <= p["soft"] else None


def main():
    out, sizes = sys.argv[1], sys.argv[2:]
    print("| size | tool | runs with 0 hard | soft vs CP-SAT best | soft vs CP-SAT bound | time (s) | note |")
    print("|---|---|---|---|---|---|---|")
    for size in sizes:
        rows = {"agendum": [], "cpsat": [], "cs": []}
        mismatches = 0
        bounds = []
        n = 0
        for toml in sorted(glob.glob(f"{out}/{size}-*.toml")):
            base = toml[:-5]
            n += 1
            inst = Instance(toml)
            a, c, p = load(base + ".agendum.json"), load(base + ".cpsat.json"), load(base + ".cs.json")
            t = open(base + ".agendum.time").read().split()
            a_time = float(t[1]) - float(t[0])
            best, bound = c.get("best"), c.get("bound")
            if best is not None:
                bound = max(bound or 0, 0)
            a_soft = a_hard = None
            if "timetable" in a and len(a["timetable"]) == len(inst.sessions):
                assign = [None] * len(inst.sessions)
                rooms = [r["name"] for r in inst.rooms]
                for e in a["timetable"]:
                    assign[inst.key[(e["group"], e["id"])]] = (e["start"], rooms.index(e["room"]))
                a_hard, a_soft, _ = inst.evaluate(assign)
                if a_soft != a["soft"] or a_hard != a["hard"]:
                    mismatches += 1
            # CP-SAT: time to its best, and to agendum's cost.
            trace = c.get("trace", [])
            t_best = trace[-1][0] if trace else None
            t_reach = next((tt for tt, v in trace if a_soft is not None and v <= a_soft), None)
            q = load(base + ".quick.json")
            tq = open(base + ".quick.time").read().split()
            q_time = float(tq[1]) - float(tq[0])
            rows["agendum"].append(dict(hard0=a_hard == 0, soft=a_soft, g_best=gap(a_soft, best), g_bound=gap(a_soft, bound), time=a_time))
            rows["cpsat"].append(dict(hard0=c.get("hard") == 0, soft=c.get("soft"), g_best=0.0 if best is not None else None,
                                      g_bound=gap(best, bound), time=t_best, reach=t_reach, status=c.get("status")))
            rows["cs"].append(dict(hard0=p.get("hard") == 0, soft=p.get("soft"), g_best=gap(p.get("soft"), best),
                                   g_bound=gap(p.get("soft"), bound), time=p.get("solve_s"), status=p.get("status"),
                                   speedup=speedup(p, a_soft, a_time, q, q_time)))
            bounds.append(bound)
        for tool, rs in rows.items():
            zero = sum(r["hard0"] for r in rs)
            note = ""
            if tool == "agendum":
                better = sum(1 for r in rs if r["g_best"] is not None and r["g_best"] <= 0)
                within = sum(1 for r in rs if r["g_best"] is not None and r["g_best"] <= 1)
                note = f"<= CP-SAT best in {better}/{n}, within 1% in {within}/{n}; model.py agrees with agendum's own score in {n - mismatches}/{n}"
            if tool == "cpsat":
                reach = [r["reach"] for r in rs if r["reach"] is not None]
                statuses = sorted({r["status"] for r in rs if r["status"]})
                pos = [b for b in bounds if b and b > 0]
                note = f"bound > 0 in {len(pos)}/{n} runs; status {','.join(statuses)}; reached agendum's cost in {len(reach)}/{n} runs" + (f", after {statistics.mean(reach):.1f} s on average" if reach else "")
            if tool == "cs":
                statuses = sorted({r["status"] for r in rs if r["status"]})
                sp = [r["speedup"] for r in rs if r["speedup"]]
                note = f"status {','.join(statuses)}" + (f"; its time / agendum's time {statistics.mean(sp):.0f}x (min {min(sp):.0f}x) with agendum's cost <= its own" if sp else "")
            name = {"agendum": "agendum", "cpsat": "CP-SAT (time to its best)", "cs": "conference-scheduler"}[tool]
            print(f"| {size} | {name} | {zero}/{n} | {fmt([r['g_best'] for r in rs], '%')} | {fmt([r['g_bound'] for r in rs], '%')} | {fmt([r['time'] for r in rs])} | {note} |")


if __name__ == "__main__":
    main()
