#!/usr/bin/env python3
"""Parse iCalendar files with two independent Python libraries and print,
for each file and each parser, every VEVENT's UID, SEQUENCE, STATUS, SUMMARY
and its start and end in UTC, as JSON.

Parsers:
- "icalendar": the `icalendar` library as applications use it (TZIDs that
  name an IANA zone are read with the system's zone database);
- "icalendar-vtimezone": the same library, but every time is placed with a
  zone built from the file's own VTIMEZONE (lookup_tzid=False), so the
  VTIMEZONE itself is what is tested;
- "vobject": vobject, which builds its zones from the VTIMEZONEs.

Usage: parse_ics.py FILE... ; exit code 1 with a message if a file does not parse.
"""

import datetime as dt
import json
import sys

from need import need

icalendar = need("icalendar", "icalendar")
vobject = need("vobject", "vobject")


def utc(value):
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError(f"floating time {value}: every time must carry a zone")
        return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    raise ValueError(f"not a date-time: {value!r}")


def with_icalendar(data, own_zones):
    out = []
    for cal in icalendar.Calendar.from_ical(data, multiple=True):
        zones = {}
        if own_zones:
            for vtz in cal.walk("VTIMEZONE"):
                zones[str(vtz["TZID"])] = vtz.to_tz(lookup_tzid=False)
        for ev in cal.walk("VEVENT"):
            times = []
            for name in ("DTSTART", "DTEND"):
                prop = ev[name]
                value = prop.dt
                tzid = prop.params.get("TZID")
                if own_zones and tzid is not None:
                    if tzid not in zones:
                        raise ValueError(f"TZID {tzid} has no VTIMEZONE")
                    naive = value.replace(tzinfo=None)
                    # The first occurrence of a repeated time, as RFC 5545 says.
                    value = naive.replace(tzinfo=zones[tzid], fold=0)
                times.append(utc(value))
            out.append(
                {
                    "uid": str(ev["UID"]),
                    "sequence": int(ev.get("SEQUENCE", 0)),
                    "status": str(ev.get("STATUS", "")),
                    "summary": str(ev.get("SUMMARY", "")),
                    "start": times[0],
                    "end": times[1],
                    "method": str(cal.get("METHOD", "")),
                }
            )
    return out


def with_vobject(text):
    # vobject keeps every VTIMEZONE it has seen by TZID, process-wide: forget
    # them, so each file is read with its own VTIMEZONEs (as a client that
    # opens only this file would).
    vars(vobject.icalendar)["__tzidMap"].clear()
    out = []
    for cal in vobject.readComponents(text, validate=True):
        method = cal.contents.get("method", [None])[0]
        for ev in cal.contents.get("vevent", []):
            out.append(
                {
                    "uid": ev.uid.value,
                    "sequence": int(ev.sequence.value) if hasattr(ev, "sequence") else 0,
                    "status": ev.status.value if hasattr(ev, "status") else "",
                    "summary": ev.summary.value if hasattr(ev, "summary") else "",
                    "start": utc(ev.dtstart.value),
                    "end": utc(ev.dtend.value),
                    "method": method.value if method is not None else "",
                }
            )
    return out


def main(paths):
    result = {}
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        text = data.decode("utf-8")
        try:
            result[path] = {
                "icalendar": with_icalendar(data, own_zones=False),
                "icalendar-vtimezone": with_icalendar(data, own_zones=True),
                "vobject": with_vobject(text),
            }
        except Exception as e:  # report which file and parser failed
            print(f"{path}: {type(e).__name__}: {e}", file=sys.stderr)
            return 1
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
