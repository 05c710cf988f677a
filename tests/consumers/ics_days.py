#!/usr/bin/env python3
"""The days of a calendar as the `icalendar` library reads it, so a test can
ask a CalDAV server for one day and know what it must answer.

For each local date some event starts on (in the zone of its DTSTART), the
day's bounds in UTC (local midnight to the next local midnight) and the
UIDs of every event that overlaps that interval (DTSTART before the day's
end and DTEND after its start, as a CalDAV time-range filter means), as
JSON: [{"day": "2016-07-18", "zone": "America/Toronto", "start":
"20160718T040000Z", "end": "20160719T040000Z", "uids": [...]}, ...].

Usage: ics_days.py FILE ; exit code 1 if FILE does not parse, 3 if
icalendar is missing."""

import datetime as dt
import json
import sys

from need import need

icalendar = need("icalendar", "icalendar")

UTC = dt.timezone.utc


def stamp(t):
    return t.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def main(path):
    with open(path, "rb") as f:
        data = f.read()
    events = []
    for cal in icalendar.Calendar.from_ical(data, multiple=True):
        for ev in cal.walk("VEVENT"):
            start, end = ev["DTSTART"].dt, ev["DTEND"].dt
            if not isinstance(start, dt.datetime) or start.tzinfo is None:
                raise ValueError(f"{ev['UID']}: DTSTART {start!r} is not a time in a zone")
            events.append((str(ev["UID"]), start, end))
    days = {}
    for _, start, _ in events:
        zone = start.tzinfo
        midnight = dt.datetime.combine(start.date(), dt.time(0), tzinfo=zone)
        following = dt.datetime.combine(start.date() + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
        days[(start.date(), str(zone))] = (midnight, following)
    out = []
    for (date, zone), (lo, hi) in sorted(days.items(), key=lambda kv: kv[1]):
        uids = sorted({uid for uid, s, e in events if s < hi and e > lo})
        out.append({"day": date.isoformat(), "zone": zone, "start": stamp(lo), "end": stamp(hi), "uids": uids})
    json.dump(out, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1]))
    except (OSError, ValueError, KeyError) as e:
        print(f"ics_days.py: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
