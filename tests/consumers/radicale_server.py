#!/usr/bin/env python3
"""Runs the Radicale CalDAV server (as `python -m radicale` does) for one
test, and stops it when the test is done with it: when its standard input
closes (the test dropped its guard, or died) or after LIMIT seconds,
whichever comes first. A server never outlives its test run.

Usage: radicale_server.py LIMIT RADICALE-ARGUMENT...
(for instance: radicale_server.py 600 --config /tmp/x/config)"""

import os
import signal
import sys
import threading

from need import need

need("radicale", "radicale")

from radicale.__main__ import run  # noqa: E402  (after the one-line check)


def stop():
    # Radicale turns SIGTERM into a clean exit of its main loop.
    os.kill(os.getpid(), signal.SIGTERM)


def stop_when_stdin_closes():
    sys.stdin.buffer.read()
    stop()


def main():
    limit = float(sys.argv[1])
    threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
    timer = threading.Timer(limit, stop)
    timer.daemon = True
    timer.start()
    sys.argv = ["radicale", *sys.argv[2:]]
    run()


if __name__ == "__main__":
    main()
