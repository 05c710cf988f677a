#!/usr/bin/env python3
"""Serves a folder over HTTP on 127.0.0.1 for one test (Python's own
http.server, as a static host or a forge's pages would serve a site), and
stops when its standard input closes (the test dropped its guard, or died)
or after LIMIT seconds, whichever comes first.

Usage: static_server.py FOLDER LIMIT
Prints the port it listens on, then serves."""

import functools
import http.server
import os
import sys
import threading


class Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar; charset=utf-8",
        ".xml": "application/atom+xml",
    }

    def log_message(self, format, *args):  # noqa: A002  (the base class's name)
        sys.stderr.write("%s\n" % (format % args))


def main():
    folder, limit = sys.argv[1], float(sys.argv[2])
    handler = functools.partial(Quiet, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)

    def stop():
        os._exit(0)

    def stop_when_stdin_closes():
        sys.stdin.buffer.read()
        stop()

    threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
    timer = threading.Timer(limit, stop)
    timer.daemon = True
    timer.start()
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
