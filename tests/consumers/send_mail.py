#!/usr/bin/env python3
"""Sends a message file as it is with Python's smtplib (an SMTP client that
is not agendum's), and prints what the server said, as JSON:
{"refused": {"ADDRESS": [CODE, "MESSAGE"], ...}} (empty when every
recipient was taken), or {"error": "...", "refused": {...}} when none was.

Usage: send_mail.py PORT MESSAGE-FILE FROM TO... (to 127.0.0.1:PORT)"""

import json
import smtplib
import sys


def main(port, path, sender, recipients):
    with open(path, "rb") as f:
        message = f.read()
    with smtplib.SMTP("127.0.0.1", int(port), local_hostname="localhost", timeout=30) as smtp:
        try:
            refused = smtp.sendmail(sender, recipients, message)
            out = {"refused": refused}
        except smtplib.SMTPRecipientsRefused as e:
            out = {"error": "every recipient was refused", "refused": e.recipients}
    out["refused"] = {a: [code, msg.decode("utf-8", "replace")] for a, (code, msg) in out["refused"].items()}
    json.dump(out, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]))
