"""The timetabling problem of a requests file, read in Python the way agendum
reads it (same session order and ids, same slot references, same default
weights), and an independent evaluator of a timetable's cost. Shared by the
CP-SAT and conference-scheduler peers so every tool is scored by one function."""
import itertools
import tomllib

DEFAULT_WEIGHTS = dict(conflict1=100000, conflict2=10000, conflict3=1000, days=1000, adjacent=1000,
                       preferred_time=10000, same_room=100, spread=500, fairness=100, moved=0)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class Instance:
    def __init__(self, path):
        import datetime
        with open(path, "rb") as f:
            r = tomllib.load(f)
        w = r["week"]
        grids = {d["date"]: d["slots"] for d in r.get("day", [])}
        self.days = [(d, grids.get(d, w["slots"])) for d in w["days"]]
        self.offset, self.day_of, self.day_end, self.start_hour = [], [], [], []
        self.start_min, self.minutes = [], []
        def clock(text):
            h, m = text.strip().split(":")
            return int(h) * 60 + int(m)
        for i, (d, slots) in enumerate(self.days):
            self.offset.append(len(self.day_of))
            for s in slots:
                a, b = s.split("-")
                self.day_of.append(i)
                self.day_end.append(self.offset[-1] + len(slots))
                self.start_hour.append(int(s.split(":")[0]))
                self.start_min.append(clock(a))
                self.minutes.append(clock(b) - clock(a))
        self.clock = clock
        self.T = len(self.day_of)
        self.weights = dict(DEFAULT_WEIGHTS, **r.get("weights", {}))
        self.rooms = []
        for room in r.get("rooms", []):
            avail = [True] * self.T
            for u in room.get("unavailable", []):
                for t in self.cover(u):
                    avail[t] = False
            self.rooms.append(dict(name=room["name"], cap=room["capacity"], avail=avail))
        self.groups = r.get("groups", [])
        gi = {g["id"]: i for i, g in enumerate(self.groups)}
        self.gi = gi
        people = {}
        def person(n):
            return people.setdefault(n, len(people))
        required = [[person(g["chair"])] for g in self.groups]
        for p in r.get("people", []):
            k = person(p["name"])
            for g in p.get("required", []):
                if k not in required[gi[g]]:
                    required[gi[g]].append(k)
        self.people = people
        self.gunav = []
        conf = {}
        for i, g in enumerate(self.groups):
            un = [False] * self.T
            for u in g.get("unavailable", []):
                for t in self.cover(u):
                    un[t] = True
            self.gunav.append(un)
            for key, wk in (("conflicts", "conflict1"), ("conflicts2", "conflict2"), ("conflicts3", "conflict3")):
                for h in g.get(key, []):
                    a, b = min(i, gi[h]), max(i, gi[h])
                    conf[(a, b)] = max(conf.get((a, b), 0), self.weights[wk])
        self.conflicts = {k: v for k, v in conf.items() if v > 0}
        self.sessions = []
        own = [[] for _ in self.groups]
        for i, g in enumerate(self.groups):
            n = 0
            for spec in g.get("sessions", []):
                for _ in range(spec.get("count", 1)):
                    n += 1
                    own[i].append(len(self.sessions))
                    self.sessions.append(self.session(f"S{n}", i, [i], True, spec, spec.get("attendance", g.get("attendance", 0))))
        jn = [0] * len(self.groups)
        for spec in r.get("joint", []):
            members = []
            for g in spec["groups"]:
                if gi[g] not in members:
                    members.append(gi[g])
            host = gi[spec["host"]] if "host" in spec else members[0]
            att = spec.get("attendance", sum(self.groups[g].get("attendance", 0) for g in members))
            for _ in range(spec.get("count", 1)):
                jn[host] += 1
                self.sessions.append(self.session(f"J{jn[host]}", host, members, False, spec, att))
        for s in self.sessions:
            # Plenary and coordination sessions block every group, as in agendum.
            if s["kind"] in ("plenary", "coordination"):
                s["groups"] = [s["host"]] + [g for g in range(len(self.groups)) if g != s["host"]]
        for s in self.sessions:
            s["people"] = sorted({p for g in s["groups"] for p in required[g]})
        # (a, b, kind): kind 1 = next day, 2 = at least one free day between, "adjacent".
        self.links = []
        for i, g in enumerate(self.groups):
            rel = g.get("days")
            if rel:
                gap = 1 if rel == "subsequent-days" else 2
                for a, b in zip(own[i], own[i][1:]):
                    self.links.append((a, b, gap))
        for i, g in enumerate(self.groups):
            if "adjacent" in g:
                self.links.append((own[i][0], own[gi[g["adjacent"]]][0], "adjacent"))
        self.key = {(self.groups[s["host"]]["id"], s["id"]): k for k, s in enumerate(self.sessions)}
        self.domains = [self.domain(k) for k in range(len(self.sessions))]

    def session(self, sid, host, groups, own, spec, att):
        return dict(id=sid, host=host, groups=groups, own=own, kind=spec.get("kind", "break-out" if own else "joint"), length=spec.get("length", 1), att=att,
                    minutes=spec.get("minutes", 0),
                    at=self.single(spec["at"]) if "at" in spec else None,
                    room=[r["name"] for r in self.rooms].index(spec["room"]) if "room" in spec else None,
                    prefer=[self.single(p) for p in spec.get("prefer", [])],
                    small_ok=spec.get("allow_small_room", False))

    def day(self, text):
        for i, (d, _) in enumerate(self.days):
            if str(d) == text:
                return i
        low = text.lower()
        for i, (d, _) in enumerate(self.days):
            if WEEKDAYS[d.weekday()].startswith(low):
                return i
        raise ValueError(text)

    def single(self, text):
        d, n = text.split("/")
        return self.offset[self.day(d.strip())] + int(n) - 1

    def cover(self, text):
        t = text.strip()
        if "/" in t:
            return [self.single(t)]
        if " " in t:
            d, half = t.split(" ", 1)
            i = self.day(d)
            ts = range(self.offset[i], self.offset[i] + len(self.days[i][1]))
            if ":" in half:
                a, b = (self.clock(x) for x in half.split("-"))
                return [x for x in ts if a <= self.start_min[x] < b]
            return [x for x in ts if (self.start_hour[x] < 12) == (half.strip().lower() == "am")]
        i = self.day(t)
        return list(range(self.offset[i], self.offset[i] + len(self.days[i][1])))

    def fits(self, t, length):
        return t + length <= self.day_end[t]

    def unary_hard(self, k, t, r):
        s = self.sessions[k]
        h = 0
        for x in range(t, t + s["length"]):
            h += not self.rooms[r]["avail"][x]
            h += sum(self.gunav[g][x] for g in s["groups"])
        h += (not s["small_ok"]) and self.rooms[r]["cap"] < s["att"]
        h += s["at"] is not None and s["at"] != t
        h += s["room"] is not None and s["room"] != r
        h += s["minutes"] > sum(self.minutes[t:t + s["length"]])
        return h

    def link_ok(self, a, b, kind, assign):
        (ta, ra), (tb, rb) = assign[a], assign[b]
        da, db = self.day_of[ta], self.day_of[tb]
        if kind == "adjacent":
            la, lb = self.sessions[a]["length"], self.sessions[b]["length"]
            return ra == rb and da == db and (ta + la == tb or tb + lb == ta)
        return abs(da - db) == kind if kind == 1 else abs(da - db) >= kind

    def domain(self, k):
        L = self.sessions[k]["length"]
        allp = [(t, r) for t in range(self.T) if self.fits(t, L) for r in range(len(self.rooms))]
        clean = [p for p in allp if self.unary_hard(k, *p) == 0]
        return clean or allp

    def evaluate(self, assign):
        """assign[k] = (start, room). Returns (hard, soft, by_kind)."""
        w = self.weights
        kinds = {}
        def add(kind, c):
            kinds[kind] = kinds.get(kind, 0) + c
        hard = 0
        at = [[] for _ in range(self.T)]
        for k, (t, r) in enumerate(assign):
            hard += self.unary_hard(k, t, r)
            for x in range(t, t + self.sessions[k]["length"]):
                at[x].append(k)
            s = self.sessions[k]
            if s["prefer"] and t not in s["prefer"]:
                add("preferred-time", w["preferred_time"])
        for x in range(self.T):
            for a, b in itertools.combinations(at[x], 2):
                sa, sb = self.sessions[a], self.sessions[b]
                hard += len(set(sa["groups"]) & set(sb["groups"]))
                hard += len(set(sa["people"]) & set(sb["people"]))
                hard += assign[a][1] == assign[b][1]
                for g in sa["groups"]:
                    for h in sb["groups"]:
                        c = self.conflicts.get((min(g, h), max(g, h)), 0)
                        if c:
                            kind = "conflict1" if c == w["conflict1"] else "conflict2" if c == w["conflict2"] else "conflict3"
                            add(kind, c)
        for a, b, kind in self.links:
            if not self.link_ok(a, b, kind, assign):
                add("adjacent", w["adjacent"]) if kind == "adjacent" else add("days", w["days"])
        for g in range(len(self.groups)):
            mine = [k for k, s in enumerate(self.sessions) if s["own"] and s["host"] == g]
            per_day = {}
            for k in mine:
                d = self.day_of[assign[k][0]]
                per_day[d] = per_day.get(d, 0) + 1
            for n in per_day.values():
                if n > 1:
                    add("spread", w["spread"] * n * (n - 1) // 2)
            rooms = {assign[k][1] for k in mine}
            if len(rooms) > 1:
                add("same-room", w["same_room"] * (len(rooms) - 1))
        return hard, sum(kinds.values()), kinds
