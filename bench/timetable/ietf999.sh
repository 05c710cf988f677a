#!/usr/bin/env bash
# Benchmarks `agendum timetable` against CP-SAT on the IETF's own instance,
# IETF 999 (converted by ietf999.py), over several seeds, plus a CP-SAT run
# of the room-counting relaxation for a lower bound, and prints the table.
#
#   bench/timetable/ietf999.sh                    # 10 seeds, CP-SAT 60 s with 2 workers
#   SEEDS=3 CPSAT_SECONDS=20 bench/timetable/ietf999.sh
#
# Needs: python3 with ortools (PYTHON names the interpreter, e.g. a venv's).
# Environment: DATA (ietf999.json), SEEDS, CPSAT_SECONDS, CPSAT_WORKERS,
# RELAX_SECONDS (0 skips the relaxation), OUT, PYTHON, AGENDUM_ARGS.
# REUSE=1 keeps the CP-SAT results already in OUT.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
DATA=${DATA:-$root/../shared/data/ietf999.json}
SEEDS=${SEEDS:-10}
CPSAT_SECONDS=${CPSAT_SECONDS:-60}
CPSAT_WORKERS=${CPSAT_WORKERS:-2}
RELAX_SECONDS=${RELAX_SECONDS:-$CPSAT_SECONDS}
OUT=${OUT:-$(mktemp -d)}
PYTHON=${PYTHON:-python3}
AGENDUM_ARGS=${AGENDUM_ARGS:-}
(cd "$root" && cargo build --release --quiet)
agendum="${CARGO_TARGET_DIR:-$root/target}/release/agendum"
mkdir -p "$OUT"
echo "results in $OUT" >&2
python3 "$here/ietf999.py" "$DATA" "$OUT/ietf999.toml"
load() { echo "$1 $(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"; }
for seed in $(seq 1 "$SEEDS"); do
  load "agendum-$seed"
  start=$(date +%s.%N)
  "$agendum" timetable "$OUT/ietf999.toml" --seed "$seed" --format json $AGENDUM_ARGS > "$OUT/agendum-$seed.json" 2>/dev/null || true
  end=$(date +%s.%N)
  echo "$start $end" > "$OUT/agendum-$seed.time"
done
for seed in $(seq 1 "$SEEDS"); do
  if [ "${REUSE:-0}" = 1 ] && [ -s "$OUT/cpsat-$seed.json" ]; then continue; fi
  load "cpsat-$seed"
  (cd "$here" && "$PYTHON" cpsat.py "$OUT/ietf999.toml" "$CPSAT_SECONDS" "$CPSAT_WORKERS" "--seed=$seed" > "$OUT/cpsat-$seed.json")
  echo "done CP-SAT $seed" >&2
done
if [ "$RELAX_SECONDS" != 0 ] && ! { [ "${REUSE:-0}" = 1 ] && [ -s "$OUT/relax.json" ]; }; then
  load relax
  (cd "$here" && "$PYTHON" cpsat.py "$OUT/ietf999.toml" "$RELAX_SECONDS" "$CPSAT_WORKERS" --relax > "$OUT/relax.json")
fi
load end
python3 "$here/table999.py" "$OUT"
