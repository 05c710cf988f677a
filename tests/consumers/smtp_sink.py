#!/usr/bin/env python3
"""An SMTP server for one test (aiosmtpd) that delivers every message into a
folder instead of a mailbox: NNNN.eml is the message as received (the DATA,
byte for byte) and NNNN.json its envelope, {"mail_from": "...", "rcpt_tos":
["...", ...], "mail_options": [...], "rcpt_options": [...]}. Each file is
written to a temporary name and renamed, so a reader sees whole messages.

It listens on 127.0.0.1 on a free port, which it prints on the first line
of its standard output once it accepts connections. It stops when its
standard input closes (the test dropped its guard, or died) or after LIMIT
seconds, whichever comes first.

--refuse ADDRESS (repeatable) answers RCPT TO:<ADDRESS> with 550, as a
server does for a mailbox that does not exist; the other recipients of the
message still get it.

Usage: smtp_sink.py DIR LIMIT [--refuse ADDRESS]..."""

import argparse
import asyncio
import json
import os
import socket
import sys
import threading

from need import need

need("aiosmtpd", "aiosmtpd")

from aiosmtpd.smtp import SMTP  # noqa: E402  (after the one-line check)


class Sink:
    """The aiosmtpd handler: refuses the given recipients, writes the rest."""

    def __init__(self, folder, refuse):
        self.folder = folder
        self.refuse = {a.lower() for a in refuse}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, f"{self.count:04}")
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "mail_options": envelope.mail_options,
            "rcpt_options": envelope.rcpt_options,
        }
        write(base + ".eml", envelope.original_content)
        write(base + ".json", json.dumps(meta, indent=1).encode())
        return "250 OK: delivered"


def write(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, path)


async def serve(folder, limit, refuse):
    loop = asyncio.get_running_loop()
    done = loop.create_future()

    def stop():
        if not done.done():
            done.set_result(None)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    handler = Sink(folder, refuse)
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="localhost", enable_SMTPUTF8=True, loop=loop),
        sock=sock,
    )
    loop.call_later(limit, stop)

    def stop_when_stdin_closes():
        sys.stdin.buffer.read()
        loop.call_soon_threadsafe(stop)

    threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
    print(sock.getsockname()[1], flush=True)
    await done
    # Not waiting for open connections: the test is over.
    server.close()


def main():
    parser = argparse.ArgumentParser(description="An SMTP server that writes what it receives into a folder.")
    parser.add_argument("folder")
    parser.add_argument("limit", type=float)
    parser.add_argument("--refuse", action="append", default=[])
    args = parser.parse_args()
    asyncio.run(serve(args.folder, args.limit, args.refuse))


if __name__ == "__main__":
    main()
