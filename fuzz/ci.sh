#!/usr/bin/env bash
# Short fuzzing for CI (`make fuzz`), from a fresh machine with Rust (rustup, any stable toolchain) and Python 3.
#   1. tools: a C++ compiler for libFuzzer (apt, when missing);
#   2. build: every target of fuzz/fuzz_targets with a plain `cargo build` and the coverage flags cargo-fuzz
#      would pass (no cargo-fuzz to install, no nightly: the targets run without a sanitizer, `-s none`);
#   3. replay: the inputs of fuzz/regressions/<target>/ (findings of earlier runs), each once, deterministically;
#   4. fuzz: each target for SHFTU_FUZZ_SECONDS (default 8), SHFTU_FUZZ_JOBS at once (default 2), from a corpus
#      kept under the target dir between runs (evaluate_bytes seeded with the conformance corpus's requests).
# Exits non-zero on any crash, panic, timeout (30 s for one input) or memory blow-up (2 GB), printing the input to reproduce
# with. About 30 s of fuzzing on 2 cores after the build; docs/fuzzing.md has the figures and the long runs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target/fuzz}"
secs="${SHFTU_FUZZ_SECONDS:-8}"
jobs="${SHFTU_FUZZ_JOBS:-2}"
work="${SHFTU_FUZZ_WORK:-$CARGO_TARGET_DIR/fuzz-ci}"
start=$SECONDS
step() { printf '== [%4ss] %s\n' "$((SECONDS - start))" "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

# ---- 1. tools -------------------------------------------------------------------------------------------
if ! command -v c++ >/dev/null; then
  step "apt-get install g++ (libFuzzer is C++, built from source by libfuzzer-sys)"
  as_root apt-get update -qq && as_root apt-get install -y -qq g++ >/dev/null
fi

# ---- 2. build -------------------------------------------------------------------------------------------
host="$(rustc -vV | sed -n 's/^host: //p')"
targets="$(cd "$here/fuzz_targets" && ls -- *.rs | sed 's/\.rs$//')"
step "build $(echo $targets | wc -w) targets for $host ($(cargo --version))"
# The flags of `cargo fuzz build -s none -O`; --target keeps them off build scripts and proc macros.
RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cllvm-args=-sanitizer-coverage-stack-depth \
-Cllvm-args=-simplifycfg-branch-fold-threshold=0" \
  cargo build -q --release --locked --manifest-path "$here/Cargo.toml" --target "$host" --bins
bin="$CARGO_TARGET_DIR/$host/release"

# ---- 3. replay ------------------------------------------------------------------------------------------
for t in $targets; do
  if [ -d "$here/regressions/$t" ] && [ -n "$(ls -A "$here/regressions/$t")" ]; then
    step "replay fuzz/regressions/$t ($(ls "$here/regressions/$t" | wc -l) inputs)"
    "$bin/$t" -runs=0 "$here/regressions/$t" >"$work.replay.log" 2>&1 || { tail -30 "$work.replay.log" >&2; exit 1; }
  fi
done

# ---- 4. fuzz --------------------------------------------------------------------------------------------
mkdir -p "$work/corpus" "$work/artifacts" "$work/logs"
python3 "$here/seed.py" "$work/corpus/evaluate_bytes" >/dev/null
step "fuzz each target for ${secs}s, $jobs at once"
fuzz_one() {
  local t=$1 status=0
  mkdir -p "$work/corpus/$t"
  "$bin/$t" "$work/corpus/$t" -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/$t-" >"$work/logs/$t.log" 2>&1 || status=$?
  local execs rate
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$work/logs/$t.log" | grep -oE '[0-9]+$' || echo '?')
  rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$work/logs/$t.log" | grep -oE '[0-9]+$' || echo '?')
  printf '   %-20s %9s executions %7s/s  corpus %5s  exit %s\n' "$t" "$execs" "$rate" "$(ls "$work/corpus/$t" | wc -l)" "$status"
  if [ "$status" != 0 ]; then
    grep -vE '^#[0-9]+' "$work/logs/$t.log" | tail -40 >&2
    echo "fuzz/ci.sh: $t failed; reproduce with: $bin/$t $(ls "$work/artifacts/$t-"* 2>/dev/null | head -1)" >&2
    echo "           then add the input to fuzz/regressions/$t/ with the fix" >&2
    return 1
  fi
}
export -f fuzz_one
export bin work secs
failed=0
printf '%s\n' $targets | xargs -P "$jobs" -I{} bash -c 'fuzz_one {}' || failed=1
step "done (exit $failed)"
exit "$failed"
