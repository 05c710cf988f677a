#!/usr/bin/env python3
"""A small CalDAV client (RFC 4791) for the tests, on the standard library's
http.client: it stores agendum's calendars on a CalDAV server (Radicale)
the way a client that syncs a feed does, and asks the server which events
fall in a time range.

Usage:
  caldav_client.py mkcalendar URL
      creates the calendar collection URL (MKCALENDAR); prints
      {"status": N, "body": "..."}
  caldav_client.py put URL FILE
      splits FILE into one calendar object per UID (with the VTIMEZONEs its
      TZIDs name, without METHOD, as RFC 4791 4.1 wants) and PUTs each to
      URL/UID.ics; prints [{"uid": "...", "href": "...", "status": N,
      "body": "..."}, ...]
  caldav_client.py report URL START END
      a calendar-query REPORT with a VEVENT time-range filter (START and
      END as 20160718T040000Z); prints the UIDs of the events the server
      returns, sorted: ["...", ...]

The server's answers are printed, not judged: the tests assert on them.
Exit code 1 with a message when the server cannot be reached or FILE is not
a calendar; 3 when icalendar is missing."""

import base64
import http.client
import json
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

from need import need

icalendar = need("icalendar", "icalendar")

# Radicale without authentication takes the user from the Basic header.
AUTH = "Basic " + base64.b64encode(b"agendum:agendum").decode()
TIMEOUT = 30
DAV = "{DAV:}"
CALDAV = "{urn:ietf:params:xml:ns:caldav}"


def request(method, url, body=None, headers=None):
    """(status, body text) of one request."""
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=TIMEOUT)
    try:
        conn.request(
            method,
            u.path,
            body=body.encode("utf-8") if isinstance(body, str) else body,
            headers={"Authorization": AUTH, **(headers or {})},
        )
        resp = conn.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


# Splitting a stream into calendar objects, on the text: every line goes to
# the server as agendum wrote it (only METHOD is left out).


def physical_lines(text):
    """The lines with their own line ends (a bare LF stays a bare LF)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def unfold(raw):
    return re.sub(r"\r?\n[ \t]", "", raw).rstrip("\r\n")


def name_of(line):
    return re.split(r"[;:]", line, maxsplit=1)[0].upper()


def parse(text):
    """The top-level components: dicts {name, begin, end, lines, children},
    where lines are the raw (folded) property lines."""
    logical = []
    for line in physical_lines(text):
        if line[:1] in (" ", "\t") and logical:
            logical[-1] += line
        else:
            logical.append(line)
    top, stack = [], []
    for raw in logical:
        line = unfold(raw)
        if not line.strip():
            continue
        name = name_of(line)
        if name == "BEGIN":
            comp = {"name": line.split(":", 1)[1].strip().upper(), "begin": raw, "lines": [], "children": []}
            (stack[-1]["children"] if stack else top).append(comp)
            stack.append(comp)
        elif name == "END":
            if not stack:
                raise ValueError(f"{line!r} outside any component")
            stack.pop()["end"] = raw
        elif stack:
            stack[-1]["lines"].append(raw)
        else:
            raise ValueError(f"{line!r} outside any component")
    if stack:
        raise ValueError(f"BEGIN:{stack[-1]['name']} is never ended")
    return top


def text_of(comp):
    return comp["begin"] + "".join(comp["lines"]) + "".join(map(text_of, comp["children"])) + comp["end"]


def prop(comp, name):
    for raw in comp["lines"]:
        line = unfold(raw)
        if name_of(line) == name:
            return line.split(":", 1)[1]
    return None


def tzids(comp):
    used = set()
    for raw in comp["lines"]:
        for m in re.finditer(r';TZID=("[^"]*"|[^;:]*)', unfold(raw), re.IGNORECASE):
            used.add(m.group(1).strip('"'))
    for child in comp["children"]:
        used |= tzids(child)
    return used


def objects(text):
    """[(uid, calendar object text)], one per UID of each VCALENDAR."""
    out = []
    for cal in parse(text):
        if cal["name"] != "VCALENDAR":
            raise ValueError(f"{cal['name']} at the top level, not a VCALENDAR")
        head = [raw for raw in cal["lines"] if name_of(unfold(raw)) != "METHOD"]
        zones = {prop(c, "TZID"): c for c in cal["children"] if c["name"] == "VTIMEZONE"}
        by_uid = {}
        for c in cal["children"]:
            if c["name"] == "VTIMEZONE":
                continue
            uid = prop(c, "UID")
            if uid is None:
                raise ValueError(f"a {c['name']} without UID")
            by_uid.setdefault(uid, []).append(c)
        for uid, comps in by_uid.items():
            used = set().union(*map(tzids, comps))
            parts = [text_of(z) for tzid, z in zones.items() if tzid in used]
            parts += [text_of(c) for c in comps]
            out.append((uid, cal["begin"] + "".join(head) + "".join(parts) + cal["end"]))
    return out


def put(url, path):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    results = []
    for uid, obj in objects(text):
        href = url.rstrip("/") + "/" + urllib.parse.quote(uid, safe="@") + ".ics"
        status, body = request("PUT", href, obj, {"Content-Type": "text/calendar; charset=utf-8"})
        results.append({"uid": uid, "href": href, "status": status, "body": body})
    return results


QUERY = """<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter>
    <C:comp-filter name="VCALENDAR">
      <C:comp-filter name="VEVENT">
        <C:time-range start="{start}" end="{end}"/>
      </C:comp-filter>
    </C:comp-filter>
  </C:filter>
</C:calendar-query>
"""


def report(url, start, end):
    status, body = request(
        "REPORT",
        url,
        QUERY.format(start=start, end=end),
        {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
    )
    if status != 207:
        raise ValueError(f"REPORT answered {status}: {body}")
    uids = set()
    for data in ET.fromstring(body).iter(CALDAV + "calendar-data"):
        for cal in icalendar.Calendar.from_ical(data.text or "", multiple=True):
            uids |= {str(ev["UID"]) for ev in cal.walk("VEVENT")}
    return sorted(uids)


def main(argv):
    try:
        if argv[:1] == ["mkcalendar"] and len(argv) == 2:
            status, body = request("MKCALENDAR", argv[1])
            result = {"status": status, "body": body}
        elif argv[:1] == ["put"] and len(argv) == 3:
            result = put(argv[1], argv[2])
        elif argv[:1] == ["report"] and len(argv) == 4:
            result = report(*argv[1:])
        else:
            print(__doc__.split("\n\n")[1], file=sys.stderr)
            return 2
    except (OSError, ValueError, http.client.HTTPException, ET.ParseError) as e:
        print(f"caldav_client.py {' '.join(argv)}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
