#!/usr/bin/env python3
"""The PyCon UK conference-scheduler (PuLP + CBC) as a peer for agendum.

    pycon_scheduler.py REQUESTS.toml SECONDS

Its model places events into (venue, time) slots with hard constraints only:
groups and required people become tags (events sharing a tag never run at
the same time); rooms that are closed, too small, or at a time a group
cannot meet become slot unavailability. It has no soft constraints, so its
timetable is scored afterwards by bench/timetable/model.py. Sessions longer
than one slot cannot be expressed (a double session would need two slots of
one room), so such instances are reported as not expressible."""
import datetime
import json
import sys
import time

import pulp
from conference_scheduler import scheduler
from conference_scheduler.resources import Event, Slot

from model import Instance


def main():
    path, seconds = sys.argv[1], float(sys.argv[2])
    t0 = time.time()
    inst = Instance(path)
    if any(s["length"] > 1 for s in inst.sessions):
        print(json.dumps(dict(status="NOT_EXPRESSIBLE", reason="sessions longer than one slot")))
        return
    base = datetime.datetime(2024, 1, 1)
    slots, where = [], []
    for t in range(inst.T):
        for r, room in enumerate(inst.rooms):
            slots.append(Slot(venue=room["name"], starts_at=base + datetime.timedelta(hours=2 * t),
                              duration=90, capacity=room["cap"], session=f"t{t}"))
            where.append((t, r))
    events = []
    for k, s in enumerate(inst.sessions):
        dom = set(inst.domains[k])
        clean = {p for p in dom if inst.unary_hard(k, *p) == 0}
        unavailable = [slots[i] for i, p in enumerate(where) if p not in clean]
        tags = [f"g{g}" for g in s["groups"]] + [f"p{p}" for p in s["people"]]
        events.append(Event(name=f"{k}", duration=90, demand=s["att"], tags=tags, unavailability=unavailable))
    built = time.time() - t0
    solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=seconds)
    t1 = time.time()
    try:
        sol = scheduler.solution(events=events, slots=slots, solver=solver)
    except ValueError as e:
        print(json.dumps(dict(status="NO_SOLUTION", reason=str(e), build_s=round(built, 2),
                              solve_s=round(time.time() - t1, 2))))
        return
    solve_s = time.time() - t1
    assign = [None] * len(inst.sessions)
    for e, i in sol:
        assign[e] = where[i]
    if any(a is None for a in assign):
        print(json.dumps(dict(status="INCOMPLETE", build_s=round(built, 2), solve_s=round(solve_s, 2))))
        return
    hard, soft, kinds = inst.evaluate(assign)
    print(json.dumps(dict(status="FEASIBLE", build_s=round(built, 2), solve_s=round(solve_s, 2),
                          hard=hard, soft=soft, kinds=kinds)))


if __name__ == "__main__":
    main()
