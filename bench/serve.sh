#!/usr/bin/env bash
# `agendum serve` and the site it serves, on the six-group TP week
# (schedules/tp-week/*.toml), release build:
# - the site's build: the median wall time of RUNS runs of `agendum site`
#   (load, build, compare with the folder; the first run writes it), next
#   to `agendum --version` (the process start) measured in the same run;
# - 1,000 conditional GETs of a feed (If-None-Match with its ETag) on
#   loopback: one keep-alive connection, then 4 connections of 250 at once;
#   every answer must be a 304. Loopback only, a fixed count.
#
# Usage: bench/serve.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-21}"
WORK="$(mktemp -d)"
BIN="${CARGO_TARGET_DIR:-target}/release/agendum"
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

cargo build --release --quiet
export SOURCE_DATE_EPOCH=1400000000

python3 - "$BIN" "$WORK" "$RUNS" <<'PY'
import glob, os, statistics, subprocess, sys, time

agendum, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(glob.glob("schedules/tp-week/*.toml"))

def median(cmd):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000

start = median([agendum, "--version"])
site = median([agendum, "site", *files, "-o", os.path.join(work, "site")])
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(work, "site")) for f in fs)
count = sum(len(fs) for _, _, fs in os.walk(os.path.join(work, "site")))
print(f"agendum site (6 files): {site:.1f} ms median of {runs} ({start:.1f} ms of it is the process start); bundle {count} files, {size} bytes")
PY

"$BIN" serve schedules/tp-week/*.toml --port 0 >"$WORK/url" 2>"$WORK/log" &
SERVER=$!
for _ in $(seq 100); do
    if grep -q 'http://' "$WORK/url"; then break; fi
    sleep 0.05
done
URL="$(grep -o 'http://[^ ]*' "$WORK/url")"

python3 - "$URL" <<'PY'
import http.client, sys, threading, time
from urllib.parse import urlparse

url = urlparse(sys.argv[1])
path = "/group/sec.ics"

def connect():
    return http.client.HTTPConnection(url.hostname, url.port, timeout=10)

c = connect()
c.request("GET", path)
r = c.getresponse()
r.read()
etag = r.getheader("ETag")
assert r.status == 200 and etag, (r.status, etag)

def run(n, statuses):
    c = connect()
    for _ in range(n):
        c.request("GET", path, headers={"If-None-Match": etag})
        r = c.getresponse()
        r.read()
        statuses.append(r.status)
    c.close()

statuses = []
t = time.perf_counter()
run(1000, statuses)
one = time.perf_counter() - t
assert statuses == [304] * 1000, "not all 304"

lists = [[] for _ in range(4)]
threads = [threading.Thread(target=run, args=(250, l)) for l in lists]
t = time.perf_counter()
for th in threads: th.start()
for th in threads: th.join()
four = time.perf_counter() - t
assert all(s == 304 for l in lists for s in l) and sum(map(len, lists)) == 1000, "not all 304"
print(f"agendum serve: 1,000 conditional GETs of {path}, all 304: {one*1000:.0f} ms on one connection, {four*1000:.0f} ms on 4 connections at once")
PY
