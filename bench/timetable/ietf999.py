#!/usr/bin/env python3
"""Converts the IETF's realistic scheduling instance "IETF 999" into an
agendum timetable requests file.

    ietf999.py [DATA.json] [OUT.toml]

Defaults: ../shared/data/ietf999.json (beside the repository), stdout.

Source of the data: the IETF datatracker repository (ietf-tools/datatracker),
ietf/meeting/management/commands/create_dummy_meeting.py, commit
336d762123095127eed10e7c6ce3290b4bb99eaa, Copyright (c) The IETF Trust 2020,
distributed under the BSD 3-Clause licence of the datatracker. The IETF built
it from the IETF 106 (Singapore) session requests and their constraints, as
a dataset of realistic complexity for testing a schedule builder. The JSON
is a transcription of that file; this script only re-expresses it.

What is kept, and how (bench/timetable/README.md lists what is not):
- the grid: the regular timeslots of the 8 breakout rooms, Monday to Friday,
  each day with its own slots; a room's missing slot (Padang and Canning on
  Wednesday 15:20, type "unavail") is `rooms.unavailable`;
- rooms with their capacities; each session's attendees as `attendance`;
- each session's requested duration as `minutes` (it only goes into a slot
  at least that long); the two 150-minute sessions take two slots
  (`length = 2`, `minutes = 150`);
- joint sessions (`joint_with`) as [[joint]] hosted by the requesting group;
- chair_conflict / tech_overlap / key_participant as conflicts / conflicts2
  / conflicts3 (targets without sessions dropped unless they are in a joint
  session, self-conflicts dropped, duplicates merged);
- bethere as [[people]] `required` (hard);
- timerange ("can not meet") as `unavailable`, with the day parts mapped by
  the source's slot names: morning = Morning Session I/II (starting before
  13:00), afternoon-early = Afternoon Session I (13:00-15:00),
  afternoon-late = Afternoon Session II/III (from 15:00);
- time_relation as `days` (one-day-seperation = `free-day-between`);
- wg_adjacent as `adjacent`.
"""
import datetime
import json
import os
import sys
from collections import OrderedDict

BREAKOUT = ["Padang", "Canning", "Collyer", "Sophia", "Olivia", "Hullet", "VIP A", "Orchard"]
DAY_ABBR = {"monday": "Mon", "tuesday": "Tue", "wednesday": "Wed", "thursday": "Thu", "friday": "Fri"}
# Day parts of the datatracker's TimerangeName, by the start of a slot.
PARTS = {"morning": "00:00-13:00", "afternoon-early": "13:00-15:00", "afternoon-late": "15:00-23:59"}
CONFLICT_KEYS = {"chair_conflict": "conflicts", "tech_overlap": "conflicts2", "key_participant": "conflicts3"}


def q(s):
    return json.dumps(s, ensure_ascii=False)


def lst(xs):
    return "[" + ", ".join(q(x) for x in xs) + "]"


def grid(data):
    """Per day (Mon-Fri): the slots of the breakout rooms, and per room the slots it lacks."""
    days = OrderedDict()
    rooms_at = {}
    for t in data["timeslots"]:
        if t["room"] not in BREAKOUT or t["type"] not in ("regular", "unavail"):
            continue
        start = datetime.datetime.fromisoformat(t["time"])
        if start.weekday() > 4:
            continue
        end = start + datetime.timedelta(minutes=t["duration_minutes"])
        key = (start.time(), end.time())
        days.setdefault(start.date(), set()).add(key)
        if t["type"] == "regular":
            rooms_at.setdefault((start.date(), key), set()).add(t["room"])
    out = OrderedDict()
    closed = {r: [] for r in BREAKOUT}
    for d in sorted(days):
        slots = sorted(days[d])
        out[d] = slots
        for k, key in enumerate(slots):
            for r in BREAKOUT:
                if r not in rooms_at.get((d, key), set()):
                    closed[r].append(f"{DAY_ABBR[d.strftime('%A').lower()]}/{k + 1}")
    return out, closed


def fmt_slot(key):
    a, b = key
    return f"{a.strftime('%H:%M')}-{b.strftime('%H:%M')}"


def cannot_meet(names):
    """Slot references for a list of TimerangeName slugs."""
    by_day = OrderedDict()
    for n in names:
        day, part = n.split("-", 1)
        by_day.setdefault(day, []).append(part)
    refs = []
    for day, parts in by_day.items():
        if set(parts) == set(PARTS):
            refs.append(DAY_ABBR[day])
        else:
            refs.extend(f"{DAY_ABBR[day]} {PARTS[p]}" for p in parts)
    return refs


def convert(data):
    days, closed = grid(data)
    rooms = {r["name"]: r["capacity"] for r in data["rooms"]}
    sessions = [s for s in data["sessions"] if s["duration_minutes"] > 0]
    skipped = [s for s in data["sessions"] if s["duration_minutes"] <= 0]
    groups = OrderedDict()
    for s in sessions:
        groups.setdefault(s["group"], []).append(s)
    joint_only = []
    for s in sessions:
        for g in s["joint_with"]:
            if g not in groups and g not in joint_only:
                joint_only.append(g)
    declared = set(groups) | set(joint_only)
    by_source = {}
    for c in data["constraints"]:
        by_source.setdefault(c["source"], []).append(c)

    out = []
    w = out.append
    w("# IETF 999 as an agendum timetable requests file, written by bench/timetable/ietf999.py.")
    w("# Source: the IETF datatracker (ietf-tools/datatracker),")
    w("# ietf/meeting/management/commands/create_dummy_meeting.py, commit")
    w("# 336d762123095127eed10e7c6ce3290b4bb99eaa, (c) The IETF Trust 2020 (BSD 3-Clause):")
    w("# the IETF 106 session requests and constraints, as the IETF's realistic test instance.")
    w(f"# {len(sessions)} sessions of {len(groups)} groups; skipped: "
      + ", ".join(f"{s['group']} #{s['session_index']} ({s['duration_minutes']} min)" for s in skipped) + ".")
    w("# Chairs are not in the data: each group's chair is a stand-in person of its own")
    w("# (\"<group> chairs\"); the people who must be there are the bethere entries.")
    dates = list(days)
    w("\n[week]")
    w(f'id = "{data["meeting"]["number"]}"')
    w('timezone = "Asia/Singapore"')
    w('venue = "IETF 999 (IETF 106 data), Singapore"')
    w("days = [" + ", ".join(d.isoformat() for d in dates) + "]")
    w("slots = " + lst(fmt_slot(k) for k in days[dates[0]]))
    for d in dates[1:]:
        w(f"\n[[day]]\ndate = {d.isoformat()}\nslots = " + lst(fmt_slot(k) for k in days[d]))
    for r in BREAKOUT:
        w(f"\n[[rooms]]\nname = {q(r)}\ncapacity = {rooms[r]}")
        if closed[r]:
            w("unavailable = " + lst(closed[r]))
    people = OrderedDict()
    for g in groups:
        for c in by_source.get(g, []):
            if c["kind"] == "bethere" and g not in people.setdefault(c["person"], []):
                people[c["person"]].append(g)
    for p, gs in people.items():
        w(f"\n[[people]]\nname = {q(p)}\nrequired = {lst(gs)}")
    joints = []
    for g in list(groups) + joint_only:
        w(f"\n[[groups]]\nid = {q(g)}\nchair = {q(g + ' chairs')}")
        lists = {"conflicts": [], "conflicts2": [], "conflicts3": []}
        unavailable, days_rel, adjacent = [], None, None
        for c in by_source.get(g, []):
            k = c["kind"]
            if k in CONFLICT_KEYS:
                t = c["target"]
                if t != g and t in declared and t not in lists[CONFLICT_KEYS[k]]:
                    lists[CONFLICT_KEYS[k]].append(t)
            elif k == "timerange":
                unavailable.extend(cannot_meet(c["value"]["cannot_meet"]))
            elif k == "time_relation":
                days_rel = {"subsequent-days": "subsequent-days", "one-day-seperation": "free-day-between"}[c["value"]]
            elif k == "wg_adjacent":
                adjacent = c["target"]
        for key, xs in lists.items():
            if xs:
                w(f"{key} = {lst(xs)}")
        if unavailable:
            w(f"unavailable = {lst(unavailable)}")
        if days_rel:
            w(f'days = "{days_rel}"')
        if adjacent:
            w(f"adjacent = {q(adjacent)}")
        own = []
        for s in groups.get(g, []):
            if s["joint_with"]:
                joints.append(s)
                continue
            spec = (s["duration_minutes"], s["attendees"] or 0)
            if own and own[-1][0] == spec:
                own[-1][1] += 1
            else:
                own.append([spec, 1])
        for (minutes, att), count in own:
            length = 2 if minutes > 120 else 1
            fields = ([f"count = {count}"] if count > 1 else []) + ([f"length = {length}"] if length > 1 else []) \
                + [f"minutes = {minutes}", f"attendance = {att}"]
            w("[[groups.sessions]]\n" + "\n".join(fields))
    for s in joints:
        members = [s["group"]] + s["joint_with"]
        length = 2 if s["duration_minutes"] > 120 else 1
        w(f"\n[[joint]]\ngroups = {lst(members)}\nhost = {q(s['group'])}")
        if length > 1:
            w(f"length = {length}")
        w(f"minutes = {s['duration_minutes']}\nattendance = {s['attendees'] or 0}")
        w(f"title = {q(' / '.join(members) + ' joint session')}")
    return "\n".join(out) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "..", "shared", "data", "ietf999.json")
    path = sys.argv[1] if len(sys.argv) > 1 else default
    with open(path, encoding="utf-8") as f:
        text = convert(json.load(f))
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
