#!/usr/bin/env python3
"""The same timetabling model in Google OR-Tools CP-SAT, as a peer for agendum.

    cpsat.py REQUESTS.toml SECONDS [WORKERS] [--relax] [--seed=N]

With --relax it solves a relaxation (rooms counted, not chosen) whose bound
is a lower bound of the real optimum, for weeks where the full model proves
none.

Hard constraints are constraints; soft ones are the objective, with the same
weights and definitions as agendum (bench/timetable/model.py scores the
result independently). Prints one JSON line: status, best cost, lower bound,
the time each improving solution was found, and the evaluated cost."""
import json
import sys
import time

from ortools.sat.python import cp_model

from model import Instance


def relaxed_domains(inst):
    """Start slots only (room 0 stands for "some room"): where at least one room is clean."""
    out = []
    for k in range(len(inst.sessions)):
        starts = sorted({t for (t, r) in inst.domains[k]})
        out.append([(t, 0) for t in starts])
    return out


def build(inst, relax=False):
    """The model; with `relax`, a relaxation whose optimum is a lower bound
    of the real one: rooms are not chosen, only counted (per slot, the
    sessions that need at least c seats are at most the open rooms that seat
    c, for every attendance level c), and the two costs that need rooms
    (same-room, adjacent) are dropped."""
    m = cp_model.CpModel()
    S, T, R = len(inst.sessions), inst.T, len(inst.rooms)
    doms = relaxed_domains(inst) if relax else inst.domains
    x = {}
    for k in range(S):
        vs = [m.NewBoolVar(f"x{k}_{t}_{r}") for (t, r) in doms[k]]
        for (t, r), v in zip(doms[k], vs):
            x[k, t, r] = v
        m.AddExactlyOne(vs)
    # Occupancy of slot t by session k (in any room), and of room r.
    occ = {}
    room_occ = {}
    for (k, t, r), v in x.items():
        for dt in range(inst.sessions[k]["length"]):
            occ.setdefault((k, t + dt), []).append(v)
            room_occ.setdefault((r, t + dt), []).append(v)
    if relax:
        levels = sorted({0} | {s["att"] for s in inst.sessions if not s["small_ok"]})
        for t in range(T):
            for c in levels:
                open_rooms = sum(1 for room in inst.rooms if room["avail"][t] and room["cap"] >= c)
                terms = [v for (k, u, r), v in x.items()
                         if u <= t < u + inst.sessions[k]["length"]
                         and (c == 0 or (not inst.sessions[k]["small_ok"] and inst.sessions[k]["att"] >= c))]
                if len(terms) > open_rooms:
                    m.Add(sum(terms) <= open_rooms)
    else:
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
        if not relax and inst.unary_hard(k, t, r):
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
            D[k, d] = sum(v for (t, r) in doms[k] if inst.day_of[t] == d for v in [x[k, t, r]])
    for a, b, gap in inst.links:
        if gap == "adjacent":
            if relax:
                continue  # a relaxation may drop a cost that is never negative
            la, lb = inst.sessions[a]["length"], inst.sessions[b]["length"]
            oks = []
            for (t, r) in doms[a]:
                nxt = [x[b, u, r] for u in (t + la, t - lb)
                       if (b, u, r) in x and 0 <= u < T and inst.day_of[u] == inst.day_of[t]]
                if nxt:
                    ok = m.NewBoolVar("")
                    m.Add(ok <= x[a, t, r])
                    m.Add(ok <= sum(nxt))
                    oks.append(ok)
            cost.append(w["adjacent"] * (1 - sum(oks)))
            continue
        ok_days = []
        for d in range(len(inst.days)):
            if gap == 1:
                days = [e for e in (d - 1, d + 1) if 0 <= e < len(inst.days)]
            else:
                days = [e for e in range(len(inst.days)) if abs(e - d) >= gap]
            others = [D[b, e] for e in days]
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
        if relax:
            continue
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
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    relax = "--relax" in sys.argv[1:]
    seed = next((int(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--seed=")), 1)
    path, seconds = args[0], float(args[1])
    workers = int(args[2]) if len(args) > 2 else 2
    t0 = time.time()
    inst = Instance(path)
    m, x = build(inst, relax)
    built = time.time() - t0
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    trace = Trace(time.time())
    status = solver.Solve(m, trace)
    out = dict(status=solver.StatusName(status), build_s=round(built, 2), bound=solver.BestObjectiveBound(),
               trace=trace.points)
    if relax:
        # Only the bound (and the relaxed optimum, when proved) mean anything.
        out.update(relaxed_best=solver.ObjectiveValue() if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None)
    elif status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        assign = [None] * len(inst.sessions)
        for (k, t, r), v in x.items():
            if solver.Value(v):
                assign[k] = (t, r)
        hard, soft, kinds = inst.evaluate(assign)
        out.update(best=solver.ObjectiveValue(), hard=hard, soft=soft, kinds=kinds)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
