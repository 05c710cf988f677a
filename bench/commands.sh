#!/usr/bin/env bash
# Every command on real weeks, against the process start: the median wall
# time of RUNS runs of each command on the two seeds, the six-group TP week
# and a generated 300-session week, next to `agendum --version` measured in
# the same run, with the ratio. Then `agendum check` on the 100,000-session
# week of examples/synth_week.rs.
# (site, next and history are timed too; the site's later runs find it
# written and change nothing.)
#
# Usage: bench/commands.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-21}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet
cargo run --release --quiet --features bench-data --example synth_week -- "$WORK/big" >/dev/null
python3 bench/synth_week.py 300 > "$WORK/week300.toml"
cp schedules/sec-24-montreal.toml "$WORK/montreal.toml"
cp -r schedules/notices "$WORK/notices"
export SOURCE_DATE_EPOCH=1400000000

python3 - "$WORK" "$RUNS" <<'PY'
import glob, os, statistics, subprocess, sys, time

work, runs = sys.argv[1], int(sys.argv[2])
agendum = os.path.abspath(os.path.join("target", "release", "agendum"))

def median(cmd):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
        times.append(time.perf_counter() - t)
        if r.returncode not in (0, 1):
            sys.exit(f"{' '.join(cmd)} exited {r.returncode}")
    return statistics.median(times) * 1000

weeks = {
    "sec-10-berlin": [os.path.abspath("schedules/sec-10-berlin.toml")],
    "sec-24-montreal": [f"{work}/montreal.toml"],
    "tp-week": sorted(os.path.abspath(p) for p in glob.glob("schedules/tp-week/*.toml")),
    "300 sessions": [f"{work}/week300.toml"],
}
start = median([agendum, "--version"])
print(f"agendum --version: {start:.1f} ms (median of {runs})")
print(f"{'week':<16} {'command':<34} {'ms':>7} {'x start':>8}")
worst = 0.0
for name, files in weeks.items():
    commands = {
        "check": ["check", *files],
        "render text": ["render", *files],
        "render markdown": ["render", *files, "--format", "markdown"],
        "render html": ["render", *files, "--format", "html"],
        "render docx -o": ["render", *files, "-o", "out.docx"],
        "render --report": ["render", *files, "--report"],
        "render --open": ["render", *files, "--open"],
        "render --week": ["render", *files, "--week"],
        "ics": ["ics", *files],
        "ics --method request -o DIR": ["ics", *files, "--method", "request", "-o", "invites"],
        "invite --dry-run": ["invite", *files, "-o", "mail", "--dry-run"],
        "site -o DIR": ["site", *files, "-o", "site"],
    }
    if len(files) == 1:
        commands["plan"] = ["plan", files[0]]
    if name == "sec-24-montreal":
        commands["record --dry-run"] = ["record", files[0], "SEC-2016-0136", "noted", "--dry-run"]
        commands["next -o --force"] = ["next", files[0], "--id", "SEC#25", "--dates", "2016-10-10..14", "-o", "next.toml", "--force"]
        commands["history"] = ["history", "SEC-2016-0136", files[0]]
    for label, args in commands.items():
        ms = median([agendum, *args])
        worst = max(worst, ms / start)
        print(f"{name:<16} {label:<34} {ms:7.1f} {ms / start:8.2f}")
print(f"worst ratio to the process start: {worst:.2f}")
big = sorted(glob.glob(f"{work}/big/*.toml"))
ms = median([agendum, "check", *big]) if runs <= 5 else min(median([agendum, "check", *big]) for _ in range(1))
print(f"check on the 100,000-session week ({len(big)} files): {ms:.0f} ms")
PY
