#!/usr/bin/env python3
"""Seeded generator of timetable requests files at three sizes.

    generate.py onem2m|ietf|large SEED OUT.toml

onem2m: a oneM2M TP week (TP plenary + 6 WGs, ~60 sessions, 4 rooms, 5 days x 5 slots).
ietf:   an IETF-size week (~125 sessions, 8 rooms of 50-300 seats, 17 slots, ~1,000
        group conflicts of three priorities, area directors who must be present).
large:  300 sessions, 20 rooms, 18 slots, some double sessions.
The same size and seed always give the same file.
"""
import random
import sys

DAYS = ["2024-03-18", "2024-03-19", "2024-03-20", "2024-03-21", "2024-03-22", "2024-03-23"]
NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lst(xs):
    return "[" + ", ".join(q(x) for x in xs) + "]"


def week(out, wid, days, default, per_day):
    out.append(f'[week]\nid = {q(wid)}\ntimezone = "Europe/Paris"')
    out.append("days = [" + ", ".join(DAYS[:days]) + "]")
    out.append("slots = " + lst(default) + "\n")
    for d, slots in per_day.items():
        out.append(f"[[day]]\ndate = {DAYS[d]}\nslots = {lst(slots)}\n")


def rooms(out, caps, rng, closed=()):
    for i, c in enumerate(caps):
        out.append(f'[[rooms]]\nname = "R{i + 1:02d}"\ncapacity = {c}')
        if i in closed:
            out.append(f"unavailable = {lst([closed[i]])}")
        out.append("")


def group(out, gid, chair, attendance, sessions, conflicts=((), (), ()), unavailable=(), days=None, extra=""):
    out.append(f"[[groups]]\nid = {q(gid)}\nchair = {q(chair)}\nattendance = {attendance}")
    for key, c in zip(("conflicts", "conflicts2", "conflicts3"), conflicts):
        if c:
            out.append(f"{key} = {lst(sorted(c))}")
    if unavailable:
        out.append(f"unavailable = {lst(unavailable)}")
    if days:
        out.append(f"days = {q(days)}")
    out.append("sessions = [" + ", ".join(sessions) + "]" + extra + "\n")


def onem2m(rng):
    out = []
    slots = ["09:00-10:30", "11:00-12:30", "14:00-15:30", "16:00-17:30", "18:00-19:30"]
    week(out, "TP", 5, slots, {})
    rooms(out, [150, 45, 40, 30], rng, {3: "Mon am"})
    wgs = ["REQ", "ARC", "PRO", "SEC", "MAS", "TST"]
    att = {g: rng.randint(15, 40) for g in wgs}
    group(out, "TP", "TP chair", 120, ['{ kind = "coordination", attendance = 20, prefer = ["Wed/5"] }'])
    pairs = [(a, b) for i, a in enumerate(wgs) for b in wgs[i + 1:]]
    rng.shuffle(pairs)
    conf = {g: ([], [], []) for g in wgs}
    for k, (a, b) in enumerate(pairs[:9]):
        conf[a][k % 3].append(b)
    for g in wgs:
        n = rng.randint(7, 9)
        unav = [rng.choice(["Tue pm", "Thu am", "Wed pm"])] if rng.random() < 0.3 else []
        group(out, g, f"{g} chair", att[g], [f"{{ count = {n} }}"], conf[g], unav,
              "subsequent-days" if rng.random() < 0.2 else None)
    out.append('[[people]]\nname = "REQ chair"\nrequired = ["TP"]\n')
    out.append('[[people]]\nname = "SEC chair"\nrequired = ["TP"]\n')
    out.append('[[people]]\nname = "Rapporteur"\nrequired = ["ARC", "SEC"]\n')
    allg = lst(["TP"] + wgs)
    out.append(f'[[joint]]\ngroups = {allg}\nkind = "plenary"\nat = "Mon/1"\nroom = "R01"\nattendance = 140\n')
    out.append(f'[[joint]]\ngroups = {allg}\nkind = "plenary"\nprefer = ["Fri/5"]\nattendance = 140\n')
    for js in [["SEC", "ARC", "PRO"], ["SEC", "REQ"], ["ARC", "PRO"], ["MAS", "ARC"]]:
        out.append(f"[[joint]]\ngroups = {lst(js)}\n")
    return out


def ietf_like(rng, size):
    out = []
    if size == "ietf":
        grid = {0: 3, 1: 4, 2: 4, 3: 3, 4: 3}
        caps = [300, 200, 150, 100, 100, 80, 60, 50]
        plan = [1] * 60 + [2] * 25 + [3] * 5
        n_conf = 1000
        areas = 8
        doubles = 0.0
    else:
        grid = {d: 3 for d in range(6)}
        caps = sorted([rng.choice([40, 50, 60, 80, 100, 120, 150, 200, 250, 300]) for _ in range(20)], reverse=True)
        caps[0] = 400
        plan = [1] * 80 + [2] * 50 + [3] * 30 + [4] * 5
        n_conf = 2500
        areas = 12
        doubles = 0.08
    all_slots = ["09:00-11:00", "11:30-13:00", "14:30-16:00", "16:30-18:00"]
    days = len(grid)
    week(out, size.upper(), days, all_slots[:3], {d: all_slots[:n] for d, n in grid.items() if n != 3})
    rooms(out, caps, rng, {len(caps) - 1: "Mon am"})
    rng.shuffle(plan)
    groups = [f"G{i:03d}" for i in range(len(plan))]
    area = {g: i % areas for i, g in enumerate(groups)}
    conf = {g: (set(), set(), set()) for g in groups}
    pairs = set()
    while len(pairs) < n_conf:
        a, b = rng.sample(groups, 2)
        if (b, a) in pairs or (a, b) in pairs:
            continue
        pairs.add((a, b))
        # Groups of one area conflict more, and more strongly.
        same = area[a] == area[b]
        prio = rng.choices([0, 1, 2], weights=[3, 3, 2] if same else [1, 3, 6])[0]
        conf[a][prio].add(b)
    # Two area directors per area must be at a few groups of their area each,
    # at most 12 slots per director.
    people = []
    for ar in range(areas):
        mine = [g for g in groups if area[g] == ar]
        for k in range(2):
            chosen, load = [], 0
            for g in rng.sample(mine, len(mine)):
                n = plan[groups.index(g)]
                if load + n <= 10:
                    chosen.append(g)
                    load += n
                if len(chosen) >= 5:
                    break
            people.append((f"AD {ar}-{k}", chosen))
    for i, g in enumerate(groups):
        n = plan[i]
        att = min(int(rng.lognormvariate(3.7, 0.6)) + 10, caps[1])
        length = 2 if rng.random() < doubles else 1
        sess = [f"{{ count = {n}, length = {length} }}" if length > 1 else f"{{ count = {n} }}"]
        unav = [rng.choice(["Mon am", "Tue pm", "Fri"])] if rng.random() < 0.1 else []
        rel = "subsequent-days" if n == 2 and rng.random() < 0.3 else None
        group(out, g, f"Chair {g}", att, sess, conf[g], unav, rel)
    for name, gs in people:
        out.append(f"[[people]]\nname = {q(name)}\nrequired = {lst(gs)}\n")
    # A pinned plenary that needs every area's first group free.
    firsts = [g for g in groups if groups.index(g) < areas]
    out.append(f'[[joint]]\ngroups = {lst(firsts)}\nkind = "plenary"\nprefer = ["Wed/3"]\nattendance = 250\n')
    return out


def main():
    size, seed, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(f"{size}-{seed}")
    out = onem2m(rng) if size == "onem2m" else ietf_like(rng, size)
    with open(path, "w") as f:
        f.write(f"# Generated by bench/timetable/generate.py {size} {seed}\n" + "\n".join(out) + "\n")


if __name__ == "__main__":
    main()
