#!/usr/bin/env python3
"""Prints the IETF 999 tables from the results ietf999.sh left in a directory.

    table999.py OUT

Every timetable is scored by model.py (independently of the tool that made
it); agendum's own figure is cross-checked against that score. The lower
bound is the best one proved: CP-SAT's on the full model (any seed) or on
the room-counting relaxation (cpsat.py --relax), whichever is higher; the
reference cost is the best timetable any tool found in any run."""
import glob
import json
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(__file__))
from model import Instance  # noqa: E402

KINDS = ["conflict1", "conflict2", "conflict3", "days", "adjacent", "spread", "same-room"]


def load(path):
    try:
        with open(path) as f:
            return json.loads(f.read() or "{}")
    except (OSError, json.JSONDecodeError):
        return {}


def score_agendum(inst, report):
    rooms = [r["name"] for r in inst.rooms]
    assign = [None] * len(inst.sessions)
    for p in report.get("timetable", []):
        assign[inst.key[(p["group"], p["id"])]] = (p["start"], rooms.index(p["room"]))
    if any(a is None for a in assign):
        return None
    return inst.evaluate(assign)


def pct(a, b):
    if a is None or b is None or b <= 0:
        return "-"
    return f"{100.0 * (a - b) / b:.1f}%"


def money(x):
    return "-" if x is None else f"{x:,.0f}"


def kinds(k):
    return ", ".join(f"{n} {k[n]:,}" for n in KINDS if k.get(n)) or "0"


def main():
    out = sys.argv[1]
    inst = Instance(os.path.join(out, "ietf999.toml"))
    seeds = sorted(int(re.search(r"agendum-(\d+)\.json$", p).group(1))
                   for p in glob.glob(os.path.join(out, "agendum-*.json")))
    rows = []
    for s in seeds:
        a = load(os.path.join(out, f"agendum-{s}.json"))
        t0, t1 = (float(x) for x in open(os.path.join(out, f"agendum-{s}.time")).read().split())
        ev = score_agendum(inst, a) if a else None
        c = load(os.path.join(out, f"cpsat-{s}.json"))
        rows.append(dict(seed=s, a=a, a_time=t1 - t0, a_eval=ev, c=c))
    relax = load(os.path.join(out, "relax.json"))
    feasible = [r["a_eval"][1] for r in rows if r["a_eval"] and r["a_eval"][0] == 0]
    feasible += [r["c"]["soft"] for r in rows if r["c"].get("hard") == 0]
    best = min(feasible) if feasible else None
    bounds = [r["c"].get("bound") for r in rows if r["c"].get("bound") is not None]
    if relax.get("bound") is not None:
        bounds.append(relax["bound"])
    lb = max([0.0] + bounds)

    a_ok = [r for r in rows if r["a_eval"] and r["a_eval"][0] == 0]
    c_ok = [r for r in rows if r["c"].get("hard") == 0]
    a_soft = [r["a_eval"][1] for r in a_ok]
    c_soft = [r["c"]["soft"] for r in c_ok]
    agree = sum(1 for r in rows if r["a_eval"] and r["a"].get("soft") == r["a_eval"][1] and r["a"].get("hard") == r["a_eval"][0])
    no_c1 = sum(1 for r in a_ok if not r["a_eval"][2].get("conflict1"))
    c_no_c1 = sum(1 for r in c_ok if not r["c"]["kinds"].get("conflict1"))
    le = sum(1 for r in rows if r["a_eval"] and r["c"].get("soft") is not None and r["a_eval"][1] <= r["c"]["soft"])
    n = len(rows)
    print("| tool | runs with 0 hard | runs without a first-priority conflict | soft cost, mean (min-max) | vs best known | vs lower bound | time (s), mean (max) |")
    print("|---|---|---|---|---|---|---|")
    def line(name, ok, c1, soft, times):
        mean = statistics.mean(soft) if soft else None
        span = f"{money(mean)} ({money(min(soft))}-{money(max(soft))})" if soft else "-"
        tm = f"{statistics.mean(times):.2f} ({max(times):.2f})" if times else "-"
        print(f"| {name} | {len(ok)}/{n} | {c1}/{n} | {span} | {pct(mean, best)} | {pct(mean, lb)} | {tm} |")
    line("agendum", a_ok, no_c1, a_soft, [r["a_time"] for r in rows])
    line("CP-SAT (time to its best)", c_ok, c_no_c1, c_soft,
         [r["c"]["trace"][-1][0] for r in rows if r["c"].get("trace")])
    print()
    print(f"Best timetable any tool found: {money(best)}. Lower bound: {money(lb)} "
          f"(CP-SAT's bound on the full model, best of {len([r for r in rows if r['c'].get('bound') is not None])} runs: "
          f"{money(max([r['c']['bound'] for r in rows if r['c'].get('bound') is not None], default=None))}; "
          f"on the relaxation: {money(relax.get('bound'))}, status {relax.get('status', 'not run')}). "
          f"agendum <= CP-SAT on {le}/{n} seeds; model.py agrees with agendum's own score on {agree}/{n}.")
    print()
    print("| seed | agendum soft | by kind | time (s) | CP-SAT soft (60 s) | by kind | at (s) | CP-SAT bound |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        ev, c = r["a_eval"], r["c"]
        a_txt = money(ev[1]) if ev and ev[0] == 0 else (f"{ev[0]} hard" if ev else "-")
        c_txt = money(c.get("soft")) if c.get("hard") == 0 else (f"{c['hard']} hard" if "hard" in c else c.get("status", "-"))
        at = c["trace"][-1][0] if c.get("trace") else None
        print(f"| {r['seed']} | {a_txt} | {kinds(ev[2]) if ev else '-'} | {r['a_time']:.2f} | {c_txt} | "
              f"{kinds(c.get('kinds', {}))} | {'-' if at is None else f'{at:.1f}'} | {money(c.get('bound'))} |")


if __name__ == "__main__":
    main()
