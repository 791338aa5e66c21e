#!/usr/bin/env bash
# Runs every fuzz target for a while and appends the figures to docs/fuzzing.md.
# Usage: fuzz/run.sh [seconds per target, default 600] [executions per target: stop there instead]
# Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain RUSTC_BOOTSTRAP=1 lets it pass -Z flags.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
runs="${2:-}"
limit="-max_total_time=$secs"
[ -z "$runs" ] || limit="-runs=$runs"
export RUSTC_BOOTSTRAP=1
log=docs/fuzzing.md
mkdir -p docs
[ -f "$log" ] || printf '# Fuzzing runs\n\n| date | target | seconds | executions | exec/s | crashes | corpus |\n|---|---|---|---|---|---|---|\n' > "$log"
for t in evaluate_bytes requests_structured adjudicate_typed; do
  out=$(mktemp)
  status=0
  cargo fuzz run --fuzz-dir fuzz -s none "$t" -- "$limit" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$out" 2>&1 || status=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$out" | grep -oE '[0-9]+$' || echo '?')
  rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$out" | grep -oE '[0-9]+$' || echo '?')
  corpus=$(ls "fuzz/corpus/$t" 2>/dev/null | wc -l)
  crashes=$(ls fuzz/artifacts/"$t" 2>/dev/null | wc -l)
  echo "| $(date -u +%F) | $t | $secs | $runs | $rate | $crashes (exit $status) | $corpus |" | tee -a "$log"
  [ "$status" = 0 ] || { tail -40 "$out"; exit "$status"; }
done
