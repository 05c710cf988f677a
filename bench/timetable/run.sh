#!/usr/bin/env bash
# Benchmarks `agendum timetable` against CP-SAT and conference-scheduler on
# generated weeks at three sizes, and prints the table.
#
#   bench/timetable/run.sh                       # 10 seeds, CP-SAT 60 s, conference-scheduler 300 s
#   SEEDS=3 CPSAT_SECONDS=20 bench/timetable/run.sh
#
# Needs: python3 with `pip install ortools conference-scheduler`.
# Environment: SEEDS, SIZES, CPSAT_SECONDS, CPSAT_WORKERS, CS_SECONDS, OUT, AGENDUM_ARGS.
# CS_SECONDS=0 skips conference-scheduler. REUSE=1 keeps the CP-SAT and
# conference-scheduler results already in OUT (they do not depend on agendum),
# so only agendum is rerun.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
SEEDS=${SEEDS:-10}
SIZES=${SIZES:-"onem2m ietf large"}
CPSAT_SECONDS=${CPSAT_SECONDS:-60}
CPSAT_WORKERS=${CPSAT_WORKERS:-2}
CS_SECONDS=${CS_SECONDS:-300}
OUT=${OUT:-$(mktemp -d)}
AGENDUM_ARGS=${AGENDUM_ARGS:-}
(cd "$root" && cargo build --release --quiet)
agendum="${CARGO_TARGET_DIR:-$root/target}/release/agendum"
mkdir -p "$OUT"
echo "instances and results in $OUT" >&2
for size in $SIZES; do
  for seed in $(seq 1 "$SEEDS"); do
    base="$OUT/$size-$seed"
    python3 "$here/generate.py" "$size" "$seed" "$base.toml"
    start=$(date +%s.%N)
    "$agendum" timetable "$base.toml" --seed "$seed" --format json $AGENDUM_ARGS > "$base.agendum.json" 2>/dev/null || true
    end=$(date +%s.%N)
    echo "$start $end" > "$base.agendum.time"
    # A short run (construction + 20,000 moves): how fast agendum reaches a given cost.
    start=$(date +%s.%N)
    "$agendum" timetable "$base.toml" --seed "$seed" --iterations 20000 --format json > "$base.quick.json" 2>/dev/null || true
    end=$(date +%s.%N)
    echo "$start $end" > "$base.quick.time"
    if [ "${REUSE:-0}" = 1 ] && [ -s "$base.cpsat.json" ]; then
      :
    else
      (cd "$here" && python3 cpsat.py "$base.toml" "$CPSAT_SECONDS" "$CPSAT_WORKERS" > "$base.cpsat.json")
    fi
    if [ "${REUSE:-0}" = 1 ] && [ -s "$base.cs.json" ]; then
      :
    elif [ "$CS_SECONDS" = 0 ]; then
      echo '{"status": "NOT_RUN", "reason": "skipped (CS_SECONDS=0)"}' > "$base.cs.json"
    elif [ "$size" != large ]; then
      (cd "$here" && timeout $((CS_SECONDS + 120)) python3 pycon_scheduler.py "$base.toml" "$CS_SECONDS" > "$base.cs.json" || echo '{"status": "TIMEOUT"}' > "$base.cs.json")
    else
      echo '{"status": "NOT_RUN", "reason": "300 sessions x 360 room slots: the clash constraints alone are tens of millions of rows"}' > "$base.cs.json"
    fi
    echo "done $size $seed" >&2
  done
done
python3 "$here/table.py" "$OUT" $SIZES
