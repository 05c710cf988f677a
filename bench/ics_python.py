#!/usr/bin/env python3
"""The comparison writer for bench/ics_compare.sh: the same synthetic
sessions as `agendum ics` gets (bench/synth_week.py), written as an
iCalendar file with the Python `icalendar` library, with the same
properties per event. With --timezones it also adds the VTIMEZONE
(`Calendar.add_missing_timezones`), as agendum always does.

Usage: ics_python.py N OUT.ics [--timezones]
"""

import datetime as dt
import os
import sys
import time
from zoneinfo import ZoneInfo

import icalendar

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synth_week as w  # noqa: E402


def main(n, out, timezones):
    started = time.perf_counter()
    zone = ZoneInfo(w.ZONE)
    stamp = dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), dt.timezone.utc)
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", "-//agendum bench//icalendar//EN")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", w.MEETING)
    for sid, day, start, end, room, title, note in w.sessions(n):
        ev = icalendar.Event()
        ev.add("uid", f"{w.UID_PREFIX}-{sid}@{w.DOMAIN}")
        ev.add("dtstamp", stamp)
        t0 = dt.datetime.combine(day, dt.time.fromisoformat(start), zone)
        t1 = dt.datetime.combine(day, dt.time.fromisoformat(end), zone)
        ev.add("dtstart", t0)
        ev.add("dtend", t1)
        ev.add("sequence", 0)
        ev.add("status", "CONFIRMED")
        ev.add("summary", f"{w.MEETING} {sid} {title.replace(sid, '').strip()} (break-out)")
        ev.add("location", f"{room}, {w.VENUE}")
        ev.add(
            "description",
            f"Synthetic benchmark week, {w.VENUE}\nBreak-out {sid}, {day:%A} {day}, {start}-{end} {w.ZONE}\n"
            f"Groups: SEC\nChair: {w.CHAIR[0]}\n\n{note}",
        )
        ev.add("categories", ["SEC", "break-out"])
        ev.add("transp", "OPAQUE")
        org = icalendar.vCalAddress(f"mailto:{w.CHAIR[1]}")
        org.params["cn"] = icalendar.vText(w.CHAIR[0])
        ev.add("organizer", org)
        cal.add_component(ev)
    if timezones:
        cal.add_missing_timezones()
    with open(out, "wb") as f:
        f.write(cal.to_ical())
    # Build and write only (no interpreter start-up, no imports), for the
    # in-process comparison with criterion's figures.
    print(f"in-process {(time.perf_counter() - started) * 1000:.1f} ms", file=sys.stderr)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], "--timezones" in sys.argv[3:])
