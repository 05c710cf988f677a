#!/usr/bin/env python3
"""Seeded generator of timetable requests files at three sizes.

    generate.py onem2m|ietf|large SEED OUT.toml

onem2m: a oneM2M TP week (TP plenary + 6 WGs, ~60 sessions, 4 rooms, 5 days x 5 slots).
ietf:   a week of the shape of IETF 999 (the IETF's own instance, see ietf999.py):
        its grid of 60/90/120-minute slots, its 8 rooms, 125 sessions of 102 groups
        with its mix of durations and attendances, 892 conflicting pairs in its
        three priorities (382/427/216) with the same skew, 216 people who must be
        present (378 entries, same groups-per-person), 24 groups' can-not-meet
        times, 4 day relations, 4 joint sessions and one adjacency.
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


# IETF 999's shape (counted on the converted file; bench/timetable/README.md).
IETF_GRID = {0: ["10:00-12:00", "13:30-15:30", "15:50-17:50", "18:10-19:10"],
             1: ["10:00-12:00", "13:30-15:00", "15:20-16:50", "17:10-18:40"],
             2: ["10:00-12:00", "13:30-15:00", "15:20-16:50"],
             3: ["10:00-12:00", "13:30-15:30", "15:50-17:20", "17:40-18:40"],
             4: ["10:00-12:00", "12:20-13:50"]}
IETF_ROOMS = [300, 250, 250, 200, 150, 100, 100, 50]
IETF_MINUTES = [120] * 55 + [90] * 39 + [60] * 25 + [150] * 2
IETF_ATTENDANCE = [15, 25, 30, 30, 40, 50, 50, 50, 55, 60, 60, 75, 75, 80, 100, 100, 100, 100, 125, 150, 150, 200]
IETF_PEOPLE = [(1, 152), (2, 34), (3, 12), (4, 5), (5, 2), (6, 1), (7, 2), (8, 2), (9, 4), (10, 2)]
IETF_PAIRS = (382, 427, 216)
# The can-not-meet patterns of its 24 groups.
IETF_UNAVAILABLE = [["Fri"]] * 8 + [["Wed", "Thu", "Fri"]] * 7 + [["Mon"]] * 3 + [
    ["Wed 13:00-15:00", "Wed 15:00-23:59", "Thu", "Fri"], ["Mon 13:00-15:00", "Mon 15:00-23:59", "Tue", "Wed", "Thu", "Fri"],
    ["Mon", "Tue", "Wed"], ["Mon", "Tue", "Wed", "Thu"], ["Thu 15:00-23:59"], ["Mon 00:00-13:00"]]


def ietf999_like(rng):
    out = []
    week(out, "IETF", 5, IETF_GRID[0], {d: s for d, s in IETF_GRID.items() if d})
    for i, c in enumerate(IETF_ROOMS):
        out.append(f'[[rooms]]\nname = "R{i + 1:02d}"\ncapacity = {c}')
        if i < 2:
            out.append('unavailable = ["Wed/3"]')
        out.append("")
    # 83 groups with one session of their own, 19 with two; 4 joint sessions.
    counts = [1] * 83 + [2] * 19
    rng.shuffle(counts)
    groups = [f"G{i:03d}" for i in range(len(counts))]
    minutes = IETF_MINUTES[:]
    rng.shuffle(minutes)
    areas = 8
    area = {g: rng.randrange(areas) for g in groups}
    # Popular groups conflict with many (IETF 999: 1 to 44 partners).
    pop = {g: rng.lognormvariate(0, 0.7) for g in groups}
    pairs = {}
    for prio, n in enumerate(IETF_PAIRS):
        while sum(1 for p in pairs.values() if p == prio) < n:
            a, b = rng.sample(groups, 2)
            key = (min(a, b), max(a, b))
            w = pop[a] * pop[b] * (4 if area[a] == area[b] else 1)
            if key not in pairs and rng.random() < min(1.0, w / 8):
                pairs[key] = prio
    conf = {g: (set(), set(), set()) for g in groups}
    for (a, b), prio in sorted(pairs.items()):
        if rng.random() < 0.5:
            a, b = b, a
        conf[a][prio].add(b)
    # As in IETF 999, the narrow can-not-meet times are those of groups with one
    # session, and the groups of joint sessions have none.
    ones = [g for g, n in zip(groups, counts) if n == 1]
    restricted = rng.sample(ones, len(IETF_UNAVAILABLE))
    unav = dict(zip(restricted, IETF_UNAVAILABLE))
    free = [g for g in groups if g not in unav]
    twos = [g for g, n in zip(groups, counts) if n == 2]
    rels = dict(zip(rng.sample(twos, 4), ["subsequent-days"] + ["free-day-between"] * 3))
    x, y = rng.sample([g for g in ones if g in free], 2)
    adjacent = {x: y, y: x}
    k = 0
    for g, n in zip(groups, counts):
        att = rng.choice(IETF_ATTENDANCE)
        sess = []
        for _ in range(n):
            m = minutes[k]
            k += 1
            sess.append(f"{{ minutes = {m}, length = 2 }}" if m > 120 else f"{{ minutes = {m} }}")
        c = tuple(set(x) - {g} for x in conf[g])
        extra = f"\nadjacent = {q(adjacent[g])}" if g in adjacent else ""
        group(out, g, f"Chair {g}", att, sess, c, unav.get(g, ()), rels.get(g), extra)
    # People who must be present: most at one group, a few (area directors,
    # IRTF chair) at up to 10 groups of mostly one area, at most 12 sessions each.
    sessions_of = dict(zip(groups, counts))
    n_person = 0
    for size, many in IETF_PEOPLE:
        for _ in range(many):
            home = rng.randrange(areas)
            pool = [g for g in groups if area[g] == home] + rng.sample(groups, 10)
            chosen, load = [], 0
            for g in rng.sample(pool, len(pool)):
                if g not in chosen and load + sessions_of[g] <= 12:
                    chosen.append(g)
                    load += sessions_of[g]
                if len(chosen) == size:
                    break
            n_person += 1
            out.append(f"[[people]]\nname = \"P{n_person:03d}\"\nrequired = {lst(chosen)}\n")
    for size in (2, 2, 2, 4):
        gs = rng.sample(free, size)
        out.append(f"[[joint]]\ngroups = {lst(gs)}\nminutes = {rng.choice([60, 90, 120])}\nattendance = {rng.choice(IETF_ATTENDANCE)}\n")
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
    out = onem2m(rng) if size == "onem2m" else ietf999_like(rng) if size == "ietf" else ietf_like(rng, size)
    with open(path, "w") as f:
        f.write(f"# Generated by bench/timetable/generate.py {size} {seed}\n" + "\n".join(out) + "\n")


if __name__ == "__main__":
    main()
