#!/usr/bin/env python3
"""Reads iCalendar files with the `icalendar` library and prints, as JSON,
what a calendar application would see: how many of each component there
are, the property names of every VEVENT, and each VEVENT's SUMMARY,
DESCRIPTION and LOCATION. tests/hostile.rs uses it to show that hostile
text stays inside its property.

Usage: count_ics.py FILE... ; exit code 1 if a file does not parse."""

import collections
import json
import sys

from need import need

icalendar = need("icalendar", "icalendar")

out = []
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        data = f.read()
    components = collections.Counter()
    events = []
    for cal in icalendar.Calendar.from_ical(data, multiple=True):
        for c in cal.walk():
            components[c.name] += 1
        for ev in cal.walk("VEVENT"):
            events.append({
                "properties": sorted({k.upper() for k in ev.keys()}),
                "summary": str(ev.get("SUMMARY", "")),
                "description": str(ev.get("DESCRIPTION", "")),
                "location": str(ev.get("LOCATION", "")),
            })
    out.append({"file": path, "components": components, "events": events})
print(json.dumps(out, ensure_ascii=False))
