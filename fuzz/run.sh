#!/bin/sh
# Runs fuzz targets one after another for SECONDS each (default 600), with
# the memory and time limits the hardening issue asks for. Each target's
# corpus grows in corpus/TARGET, seeded from seeds/; crashes land in
# artifacts/TARGET; the log of each run in logs/TARGET.log.
#
#   fuzz/run.sh 600 load_meeting render_html
#
# Two invocations in parallel use both cores of a two-core machine.
set -u
cd "$(dirname "$0")"
seconds=${1:-600}
shift
mkdir -p logs
for target in "$@"; do
    case $target in
        import_csv) seeds=seeds/csv; extra="-max_len=8192" ;;
        import_xlsx) seeds=seeds/xlsx; extra="-max_len=16384" ;;
        requests) seeds=seeds/requests; extra="-dict=toml.dict -max_len=65536" ;;
        previous_ics) seeds=seeds/ics; extra="-max_len=65536" ;;
        published) seeds=seeds/published; extra="-max_len=65536" ;;
        *) seeds=seeds/meeting; extra="-dict=toml.dict -max_len=65536" ;;
    esac
    mkdir -p "corpus/$target"
    # RUSTC_BOOTSTRAP lets the stable toolchain accept the sanitizer flags.
    # -a: debug assertions and overflow checks on, so an overflow is a crash.
    RUSTC_BOOTSTRAP=1 cargo fuzz run -O -a "$target" "corpus/$target" "$seeds" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=2048 \
        -timeout=10 -print_final_stats=1 $extra \
        > "logs/$target.log" 2>&1
    echo "$target: exit $? ($(grep -E '^stat::number_of_executed_units' "logs/$target.log" || echo no stats))"
done
