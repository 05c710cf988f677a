#!/usr/bin/env python3
"""A deterministic synthetic week for the calendar benchmarks: N sessions of
one meeting in Europe/Berlin across 2016 (both clock changes inside), 28 a
day in 7 rooms and 4 slots. `sessions(n)` is what both writers are given;
run as a script it prints the agendum meeting file (TOML) for them.

Usage: synth_week.py N > week.toml
"""

import datetime as dt
import sys

MEETING = "BIG#1"
UID_PREFIX = "BIG-1"
DOMAIN = "bench.agendum.example"
ZONE = "Europe/Berlin"
VENUE = "Berlin, Germany"
CHAIR = ("Ann Chair", "ann.chair@example.org")
FIRST_DAY = dt.date(2016, 1, 4)
SLOTS = [("08:00", "10:00"), ("10:30", "12:30"), ("14:00", "16:00"), ("16:30", "18:30")]


def sessions(n):
    """(id, day, start, end, room, title, note) for each session."""
    for i in range(n):
        day = FIRST_DAY + dt.timedelta(days=i // 28)
        start, end = SLOTS[(i // 7) % 4]
        yield (f"S{i}", day, start, end, f"Room {i % 7}", f"Session {i}", f"Synthetic session {i}; items, contributions")


def last_day(n):
    return FIRST_DAY + dt.timedelta(days=max(n - 1, 0) // 28)


def toml(n):
    out = [
        "[meeting]",
        f'id = "{MEETING}"',
        'title = "Synthetic benchmark week"',
        'group = "SEC"',
        f'chair = "{CHAIR[0]}"',
        f"dates = {{ start = {FIRST_DAY}, end = {last_day(n)} }}",
        f'timezone = "{ZONE}"',
        f'venue = "{VENUE}"',
        'status = "confirmed"',
        f'calendar_domain = "{DOMAIN}"',
        "",
        "[[groups]]",
        'id = "SEC"',
        "",
        "[[people]]",
        f'name = "{CHAIR[0]}"',
        f'email = "{CHAIR[1]}"',
    ]
    for r in range(7):
        out += ["", "[[rooms]]", f'name = "Room {r}"']
    for sid, day, start, end, room, title, note in sessions(n):
        out += [
            "",
            "[[sessions]]",
            f'id = "{sid}"',
            f'title = "{title}"',
            'kind = "break-out"',
            f"day = {day}",
            f'time = "{start}-{end}"',
            f'room = "{room}"',
            f'notes = ["{note}"]',
        ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(toml(int(sys.argv[1]) if len(sys.argv) > 1 else 10000))
