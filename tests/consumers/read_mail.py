#!/usr/bin/env python3
"""Reads back the messages an SMTP sink (smtp_sink.py) received, with
Python's `email` package as a mail client parses them, and the calendar
parts with `icalendar`, as JSON: one object per message, in the order they
arrived:

  {"file": "DIR/0001.eml",
   "envelope": {"mail_from": "...", "rcpt_tos": ["...", ...], ...},
   "headers": {"From": "...", "To": "...", "Cc": "...", "Subject": "...",
               "Message-ID": "...", "Date": "...", "MIME-Version": "..."},
   "to": ["addr@example.org", ...], "cc": [...],   (addresses only)
   "defects": ["...", ...],         (what the parser found wrong, any part)
   "mime": {"content_type": "multipart/mixed", "params": {...},
            "disposition": null, "filename": null, "parts": [...]},
   "text": "the first text/plain part that is not an attachment, decoded",
   "calendars": [{"content_type": "text/calendar", "method_param": "REQUEST",
                  "path": "DIR/parts/0001-1.ics", "METHOD": "REQUEST",
                  "events": [{"uid": "...", "sequence": 0, "summary": "...",
                              "status": "...",
                              "organizer": {"value": "mailto:...", "params": {...}},
                              "attendees": [{"value": "mailto:...",
                                             "params": {"CN": "...", ...}}]}]}]}

A header the message does not have is null. Each text/calendar (or
application/ics) part is also written to DIR/parts/NNNN-K.ics, byte for byte
as sent (only the transfer encoding undone; the line end before the MIME
boundary belongs to the boundary), so a test can give it to every other
calendar consumer.

Usage: read_mail.py DIR ; exit code 1 if a message cannot be read, 3 if
icalendar is missing."""

import email
import email.policy
import json
import os
import sys

from need import need

icalendar = need("icalendar", "icalendar")

HEADERS = ["From", "To", "Cc", "Subject", "Message-ID", "Date", "MIME-Version"]
CALENDAR_TYPES = {"text/calendar", "application/ics"}


def tree(part):
    node = {
        "content_type": part.get_content_type(),
        "params": dict(part["Content-Type"].params) if part["Content-Type"] else {},
        "disposition": part.get_content_disposition(),
        "filename": part.get_filename(),
        "transfer_encoding": part.get("Content-Transfer-Encoding"),
    }
    if part.is_multipart():
        node["parts"] = [tree(p) for p in part.iter_parts()]
    return node


def address(prop):
    return {"value": str(prop), "params": {k: str(v) for k, v in prop.params.items()}}


def calendar(part, path):
    # The bytes as sent, transfer encoding undone, line ends kept (the
    # email package's get_content() would turn CRLF into LF).
    raw = part.get_payload(decode=True)
    with open(path, "wb") as f:
        f.write(raw)
    cals = icalendar.Calendar.from_ical(raw, multiple=True)
    events = []
    for cal in cals:
        for ev in cal.walk("VEVENT"):
            attendees = ev.get("ATTENDEE", [])
            if not isinstance(attendees, list):
                attendees = [attendees]
            events.append(
                {
                    "uid": str(ev.get("UID", "")),
                    "sequence": int(ev.get("SEQUENCE", 0)),
                    "summary": str(ev.get("SUMMARY", "")),
                    "status": str(ev.get("STATUS", "")),
                    "organizer": address(ev["ORGANIZER"]) if "ORGANIZER" in ev else None,
                    "attendees": [address(a) for a in attendees],
                }
            )
    methods = sorted({str(c.get("METHOD", "")) for c in cals})
    return {
        "content_type": part.get_content_type(),
        "method_param": part.get_param("method"),
        "path": path,
        "METHOD": methods[0] if len(methods) == 1 else methods,
        "events": events,
    }


def read(folder, eml):
    base = eml[: -len(".eml")]
    with open(os.path.join(folder, eml), "rb") as f:
        # From bytes: message_from_binary_file reads through a text layer
        # that turns every CRLF into LF.
        msg = email.message_from_bytes(f.read(), policy=email.policy.default)
    envelope = {}
    if os.path.exists(os.path.join(folder, base + ".json")):
        with open(os.path.join(folder, base + ".json")) as f:
            envelope = json.load(f)
    text = None
    calendars = []
    defects = []
    parts = os.path.join(folder, "parts")
    os.makedirs(parts, exist_ok=True)
    for part in msg.walk():
        defects += [f"{part.get_content_type()}: {type(d).__name__}: {d}" for d in part.defects]
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if kind == "text/plain" and text is None and part.get_content_disposition() != "attachment":
            text = part.get_content()
        elif kind in CALENDAR_TYPES:
            path = os.path.join(parts, f"{base}-{len(calendars) + 1}.ics")
            calendars.append(calendar(part, path))

    def addresses(name):
        header = msg[name]
        return [a.addr_spec for a in header.addresses] if header is not None else []

    return {
        "file": os.path.join(folder, eml),
        "envelope": envelope,
        "headers": {h: (str(msg[h]) if msg[h] is not None else None) for h in HEADERS},
        "to": addresses("To"),
        "cc": addresses("Cc"),
        "defects": defects,
        "mime": tree(msg),
        "text": text,
        "calendars": calendars,
    }


def main(folder):
    names = sorted(n for n in os.listdir(folder) if n.endswith(".eml"))
    out = []
    for name in names:
        try:
            out.append(read(folder, name))
        except Exception as e:  # say which message, in one line
            print(f"read_mail.py: {name}: {type(e).__name__}: {e}", file=sys.stderr)
            return 1
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
