#!/usr/bin/env python3
"""The same timetabling model in Google OR-Tools CP-SAT, as a peer for agendum.

    cpsat.py REQUESTS.toml SECONDS [WORKERS]

Hard constraints are constraints; soft ones are the objective, with the same
weights and definitions as agendum (bench/timetable/model.py scores the
result independently). Prints one JSON line: status, best cost, lower bound,
the time each improving solution was found, and the evaluated cost."""
import json
import sys
import time

from ortools.sat.python import cp_model

from model import Instance


def build(inst):
    m = cp_model.CpModel()
    S, T, R = len(inst.sessions), inst.T, len(inst.rooms)
    x = {}
    for k in range(S):
        vs = [m.NewBoolVar(f"x{k}_{t}_{r}") for (t, r) in inst.domains[k]]
        for (t, r), v in zip(inst.domains[k], vs):
            x[k, t, r] = v
        m.AddExactlyOne(vs)
    # Occupancy of slot t by session k (in any room), and of room r.
    occ = {}
    room_occ = {}
    for (k, t, r), v in x.items():
        for dt in range(inst.sessions[k]["length"]):
            occ.setdefault((k, t + dt), []).append(v)
            room_occ.setdefault((r, t + dt), []).append(v)
    for vs in room_occ.values():
        if len(vs) > 1:
            m.AddAtMostOne(vs)
    busy = {}
    for k in range(S):
        for t in range(T):
            if (k, t) in occ:
                busy[k, t] = occ[k, t]
    # Groups and required people: at most one session per slot.
    G = {}
    for g in range(len(inst.groups)):
        mine = [k for k, s in enumerate(inst.sessions) if g in s["groups"]]
        for t in range(T):
            terms = [v for k in mine for v in busy.get((k, t), [])]
            if terms:
                m.AddAtMostOne(terms)
                G[g, t] = terms
    for p in range(len(inst.people)):
        mine = [k for k, s in enumerate(inst.sessions) if p in s["people"]]
        for t in range(T):
            terms = [v for k in mine for v in busy.get((k, t), [])]
            if len(terms) > 1:
                m.AddAtMostOne(terms)
    # Hard unary violations the domain could not avoid are forbidden.
    for (k, t, r), v in x.items():
        if inst.unary_hard(k, t, r):
            m.Add(v == 0)
    cost = []
    # Conflicts: both groups busy, not in one joint session.
    for (g, h), w in inst.conflicts.items():
        both = [k for k, s in enumerate(inst.sessions) if g in s["groups"] and h in s["groups"]]
        for t in range(T):
            if (g, t) in G and (h, t) in G:
                z = m.NewBoolVar("")
                joint = [v for k in both for v in busy.get((k, t), [])]
                m.Add(z >= sum(G[g, t]) + sum(G[h, t]) - 1 - 2 * sum(joint))
                cost.append(w * z)
    w = inst.weights
    # Preferred times.
    for k, s in enumerate(inst.sessions):
        if s["prefer"] and w["preferred_time"]:
            good = [v for (kk, t, r), v in x.items() if kk == k and t in s["prefer"]]
            cost.append(w["preferred_time"] * (1 - sum(good)))
    # Day of each session, as booleans.
    D = {}
    for k in range(S):
        for d in range(len(inst.days)):
            D[k, d] = sum(v for (t, r) in inst.domains[k] if inst.day_of[t] == d for v in [x[k, t, r]])
    for a, b, gap in inst.links:
        ok_days = []
        for d in range(len(inst.days)):
            others = [D[b, e] for e in (d - gap, d + gap) if 0 <= e < len(inst.days)]
            if not others:
                continue
            md = m.NewBoolVar("")
            m.Add(md <= D[a, d])
            m.Add(md <= sum(others))
            ok_days.append(md)
        cost.append(w["days"] * (1 - sum(ok_days)))
    for g in range(len(inst.groups)):
        mine = [k for k, s in enumerate(inst.sessions) if s["own"] and s["host"] == g]
        if not mine:
            continue
        for d in range(len(inst.days)):
            n = sum(D[k, d] for k in mine)
            for j in range(1, len(mine)):
                y = m.NewIntVar(0, len(mine), "")
                m.Add(y >= n - j)
                cost.append(w["spread"] * y)
        used = []
        for r in range(R):
            u = m.NewBoolVar("")
            for k in mine:
                for t in range(T):
                    if (k, t, r) in x:
                        m.AddImplication(x[k, t, r], u)
            used.append(u)
        m.Add(sum(used) >= 1)
        cost.append(w["same_room"] * (sum(used) - 1))
    m.Minimize(sum(cost))
    return m, x


class Trace(cp_model.CpSolverSolutionCallback):
    def __init__(self, start):
        super().__init__()
        self.start = start
        self.points = []

    def on_solution_callback(self):
        self.points.append((round(time.time() - self.start, 3), self.ObjectiveValue()))


def main():
    path, seconds = sys.argv[1], float(sys.argv[2])
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    t0 = time.time()
    inst = Instance(path)
    m, x = build(inst)
    built = time.time() - t0
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 1
    trace = Trace(time.time())
    status = solver.Solve(m, trace)
    out = dict(status=solver.StatusName(status), build_s=round(built, 2), bound=solver.BestObjectiveBound(),
               trace=trace.points)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        assign = [None] * len(inst.sessions)
        for (k, t, r), v in x.items():
            if solver.Value(v):
                assign[k] = (t, r)
        hard, soft, kinds = inst.evaluate(assign)
        out.update(best=solver.ObjectiveValue(), hard=hard, soft=soft, kinds=kinds)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
