#!/usr/bin/env bash
# CI of the Node binding, from a fresh machine with Node 20+, npm and Rust: install the build tool
# (npm ci), build the addon, check that the committed index.d.ts and index.mjs are what the build
# makes, and run the tests. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
repo="$(cd ../.. && pwd)"
# A target folder of its own, so that it does not contend with the other crates' builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target/node}"

echo "== node $(node --version), npm $(npm --version), $(cargo --version)"
echo "== npm ci"
npm ci --no-audit --no-fund
# check:dts builds, then compares the generated files with the checked-out ones; it runs before a
# plain build, which would already have rewritten them.
echo "== npm run check:dts (builds the addon)"
npm run check:dts
echo "== npm run build"
npm run build
echo "== npm test"
npm test
