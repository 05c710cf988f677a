#!/usr/bin/env python3
"""A deterministic synthetic week for the planner at scale: S break-out
sessions (28 a day: 7 rooms x 4 slots of 2 hours, the layout of
synth_week.py), I agenda items and C contributions spread evenly over the
items, with a companion CR every 23rd contribution and a dependency every
31st, as in benches/plan.rs.

Usage: plan_week.py SESSIONS ITEMS CONTRIBUTIONS > week.toml
Then:  /usr/bin/time -v target/release/agendum plan week.toml >/dev/null
"""

import datetime as dt
import sys

FIRST_DAY = dt.date(2016, 1, 4)
SLOTS = ["08:00-10:00", "10:30-12:30", "14:00-16:00", "16:30-18:30"]


def toml(n_sessions, n_items, n_contributions):
    last = FIRST_DAY + dt.timedelta(days=max(n_sessions - 1, 0) // 28)
    out = [
        "[meeting]",
        'id = "BIG#1"',
        'title = "Synthetic planner week"',
        'group = "SEC"',
        'chair = "Ann Chair"',
        f"dates = {{ start = {FIRST_DAY}, end = {last} }}",
        'timezone = "Europe/Berlin"',
        "",
        "[settings]",
        "minutes_per_contribution = 2",
        "minutes_by_type = { CR = 1, LS = 1 }",
        "",
        "[[groups]]",
        'id = "SEC"',
        "",
        "[[people]]",
        'name = "Ann Chair"',
    ]
    for r in range(7):
        out += ["", "[[rooms]]", f'name = "Room {r}"']
    for i in range(n_sessions):
        day = FIRST_DAY + dt.timedelta(days=i // 28)
        out += [
            "",
            "[[sessions]]",
            f'id = "S{i}"',
            'kind = "break-out"',
            f"day = {day}",
            f'time = "{SLOTS[(i // 7) % 4]}"',
            f'room = "Room {i % 7}"',
        ]
    for k in range(n_items):
        out += ["", "[[agenda]]", f'number = "{k // 100 + 1}.{k % 100 + 1}"', f'title = "Topic {k}"']
    for n in range(n_contributions):
        k = n * n_items // n_contributions
        first = (k * n_contributions + n_items - 1) // n_items  # first contribution of item k
        kind = ["CR", "discussion", "LS", "pCR"][n % 4]
        out += [
            "",
            "[[contributions]]",
            f'number = "SEC-{n:06}"',
            f'title = "Contribution {n}"',
            f'item = "{k // 100 + 1}.{k % 100 + 1}"',
            f'type = "{kind}"',
        ]
        if n - first > 0 and n % 23 == 0:
            out.append(f'companion_of = "SEC-{n - 1:06}"')
        elif n - first > 1 and n % 31 == 0:
            out.append(f'depends_on = ["SEC-{n - 2:06}"]')
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    s, i, c = (int(a) for a in sys.argv[1:4])
    sys.stdout.write(toml(s, i, c))
