#!/usr/bin/env bash
# CI of the Node binding, from a fresh checkout on a machine with Node 20+, npm and Rust: install the build
# tools (npm ci), build the addon, check that the generated files (generated/) are what the registry gives
# now, build the test addon, run the tests (conformance in English and Chinese, the typed API, errors and
# the panic guard, batch, the declarations under tsc --strict — a positive and a negative test —, hardening,
# the README), then pack the package and run the example project against the tarball. Exits non-zero on
# any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
repo="$(cd ../.. && pwd)"
# A target folder of its own, so that it does not contend with the other crates' builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target/node}"
napi="node node_modules/@napi-rs/cli/dist/cli.js"

step() { echo "== $* ($(date +%T))"; }

step "node $(node --version), npm $(npm --version), $(cargo --version)"
step "npm ci"
npm ci --no-audit --no-fund

step "build the addon (release)"
$napi build --release
# Before anything rewrites them: the committed generated files must be what the generator makes now.
step "generated files are current (scripts/generate.mjs --check)"
node scripts/generate.mjs --check

step "build the test addon (build/test/, with __panicForTest), and the crate's unit tests on the same build"
node scripts/build-test.mjs
cargo test -q -p shftu-rules-node --features test-panic

step "node --test"
node --test tests/*.test.mjs

step "the example project against the packed package (examples/node)"
rm -f shftu-rules-*.tgz
npm pack --silent >/dev/null
"$repo/examples/node/run.sh"

step "Node binding: all passed"
