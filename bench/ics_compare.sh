#!/usr/bin/env bash
# Side by side: `agendum ics` and the Python `icalendar` library writing the
# same 10,000-session calendar (bench/synth_week.py makes the sessions,
# bench/ics_python.py writes them with icalendar, with and without
# add_missing_timezones). Each command runs RUNS times in this one run; the
# best wall time and the best CPU time (user + system, which other load on
# the machine disturbs less) of each are printed, with the ratios.
#
# Usage: bench/ics_compare.sh [SESSIONS] [RUNS]
# Needs: cargo, python3 with icalendar (tests/consumers/requirements.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"
RUNS="${2:-3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet
python3 bench/synth_week.py "$N" > "$WORK/week.toml"
export SOURCE_DATE_EPOCH=1400000000

python3 - "$WORK" "$N" "$RUNS" <<'PY'
import os, resource, subprocess, sys, time

work, n, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
agendum = os.path.join("target", "release", "agendum")
commands = {
    "agendum ics -o (VTIMEZONE, atomic write with fsync)": [agendum, "ics", f"{work}/week.toml", "-o", f"{work}/agendum.ics"],
    "agendum ics > file (VTIMEZONE)": [agendum, "ics", f"{work}/week.toml"],
    "python icalendar (no VTIMEZONE)": [sys.executable, "bench/ics_python.py", n, f"{work}/python.ics"],
    "python icalendar + add_missing_timezones": [sys.executable, "bench/ics_python.py", n, f"{work}/python-tz.ics", "--timezones"],
}
best = {}
inproc = {}
for name, cmd in commands.items():
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        # Standard output goes to a file, as a shell redirection would send it
        # (the Python script writes its own file).
        with open(f"{work}/stdout.ics", "wb") as sink:
            r = subprocess.run(cmd, check=True, stdout=sink, stderr=subprocess.PIPE, text=True)
        for line in r.stderr.splitlines():
            if line.startswith("in-process "):
                inproc.setdefault(name, []).append(float(line.split()[1]))
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    best[name] = (min(walls), min(cpus))
    print(f"{name:55s} wall {min(walls)*1000:9.1f} ms   cpu {min(cpus)*1000:9.1f} ms")

for name, ms in inproc.items():
    print(f"{name:55s} in-process build + write {min(ms):9.1f} ms")

def events(path):
    with open(path, "rb") as f:
        return f.read().count(b"BEGIN:VEVENT")
print(f"events written: agendum {events(f'{work}/agendum.ics')}, python {events(f'{work}/python.ics')}")
a = best["agendum ics -o (VTIMEZONE, atomic write with fsync)"]
s = best["agendum ics > file (VTIMEZONE)"]
for py in ("python icalendar (no VTIMEZONE)", "python icalendar + add_missing_timezones"):
    p = best[py]
    print(f"ratio {py} / agendum: wall {p[0]/a[0]:6.1f}x (-o), {p[0]/s[0]:6.1f}x (> file);"
          f" cpu {p[1]/max(a[1],1e-9):6.1f}x (-o), {p[1]/max(s[1],1e-9):6.1f}x (> file)")
PY

# agendum's own in-process figures (criterion, same 10,000 sessions built in
# memory): compare "build the calendar" + "write the text" with the Python
# in-process figures above.
if [ "${SKIP_CRITERION:-}" != 1 ]; then
  cargo bench --quiet --bench ics -- --warm-up-time 1 --measurement-time 4 2>/dev/null | grep -E "^ics|time:"
fi
