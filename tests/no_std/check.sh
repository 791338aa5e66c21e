#!/usr/bin/env bash
# The core is no_std: (1) no dependency of it turns on a `std` feature; (2) a no_std staticlib links it.
set -euo pipefail
cd "$(dirname "$0")/../.."
if cargo tree -p shftu-rules -e normal,features --prefix none | grep -E 'feature "std"'; then
  echo "no_std check: a dependency of the core enables its std feature (above)" >&2
  exit 1
fi
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}/no_std" cargo build --quiet --release --manifest-path tests/no_std/Cargo.toml
echo "no_std check: the core links into a #![no_std] staticlib and no dependency enables std"
