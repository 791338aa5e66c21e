#!/usr/bin/env bash
# Long fuzzing runs with cargo-fuzz (libFuzzer); each target's figures are appended to docs/fuzzing.md.
#
# Usage: fuzz/run.sh [seconds per target, default 600] [executions per target: stop there instead]
#   SHFTU_FUZZ_TARGETS="a b"  the targets (default: every target, from `cargo fuzz list`)
#   SHFTU_FUZZ_JOBS=N         targets run at once (default 1; one core each)
#   SHFTU_FUZZ_NICE=N         niceness of the runs (default 19: a long run never starves other work)
#   SHFTU_FUZZ_TIMEOUT=S      seconds one input may take (default 600: libFuzzer times wall-clock seconds, and a
#                             run at nice 19 on a busy machine may wait many seconds for a core; the slowest
#                             input's time is in the log, stat::slowest_unit_time_sec)
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a C++ compiler (libFuzzer is built from source). Builds
# without a sanitizer (`-s none`: the core is safe Rust) in release mode with debug assertions and overflow
# checks (fuzz/Cargo.toml's profile), so any stable toolchain works. The corpus grows in fuzz/corpus/<target>
# (evaluate_bytes is seeded with the conformance corpus's requests: fuzz/seed.py); a crash leaves its input in
# fuzz/artifacts/<target>/ and makes the script exit non-zero after every target has run.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
runs="${2:-}"
limit="-max_total_time=$secs"
[ -z "$runs" ] || limit="-runs=$runs"
targets="${SHFTU_FUZZ_TARGETS:-$(cargo fuzz list --fuzz-dir fuzz)}"
jobs="${SHFTU_FUZZ_JOBS:-1}"
niceness="${SHFTU_FUZZ_NICE:-19}"
timeout="${SHFTU_FUZZ_TIMEOUT:-600}"
log=docs/fuzzing.md
logs=fuzz/logs
mkdir -p "$logs" fuzz/corpus/evaluate_bytes
python3 fuzz/seed.py fuzz/corpus/evaluate_bytes
nice -n "$niceness" cargo fuzz build --fuzz-dir fuzz -s none -O
run_one() {
  local t=$1 out="$logs/$1.log" status=0 t0 t1
  t0=$(date +%s)
  nice -n "$niceness" cargo fuzz run --fuzz-dir fuzz -s none -O "$t" -- "$limit" -rss_limit_mb=2048 -timeout="$timeout" \
    -print_final_stats=1 >"$out" 2>&1 || status=$?
  t1=$(date +%s)
  local execs rate corpus crashes slowest
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$out" | grep -oE '[0-9]+$' || echo '?')
  rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$out" | grep -oE '[0-9]+$' || echo '?')
  slowest=$(grep -oE 'stat::slowest_unit_time_sec: *[0-9]+' "$out" | grep -oE '[0-9]+$' || echo '?')
  corpus=$(find "fuzz/corpus/$t" -type f 2>/dev/null | wc -l)
  crashes=$(find "fuzz/artifacts/$t" -type f 2>/dev/null | wc -l)
  echo "| $(date -u +%F) | $t | $((t1 - t0)) | $execs | $rate | $crashes (exit $status) | $slowest | $corpus | \`fuzz/run.sh $secs${runs:+ $runs}\` (nice $niceness, $jobs at once) |" | tee -a "$log"
  [ "$status" = 0 ] || { tail -40 "$out" >&2; return 1; }
}
export -f run_one
export limit logs log niceness timeout secs runs jobs
printf '%s\n' $targets | xargs -P "$jobs" -I{} bash -c 'run_one {}'
