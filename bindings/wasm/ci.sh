#!/usr/bin/env bash
# CI of the WebAssembly package and the worker-facing page, from a fresh machine with Rust (rustup),
# Node 20+, npm and Python 3 (Debian/Ubuntu for Chromium). Installs what is missing and runs:
#   1. tools: the wasm32 target, wasm-bindgen-cli (pinned to the crate's wasm-bindgen), npm devDependencies
#      (binaryen's wasm-opt, playwright-core, axe-core, typescript), Chromium and CJK fonts from apt;
#   2. clippy on the crate for wasm32 (on the host the crate is empty);
#   3. the package (build.sh: cargo, wasm-bindgen, wasm-opt, generated API) and its size against the budget;
#   4. the panic-hook build (dev profile) for the panic test;
#   5. the Node tests: the whole conformance corpus, typed calls, hostile input, panics, tsc;
#   6. the browser tests: the page in headless Chromium (skipped with a message only when Chromium could
#      not be installed).
# Everything installed is reused on the next run (each step checks first). Exits non-zero on any failure.
# SHFTU_WASM_LINT=0 skips the clippy step (its dependencies are checked for wasm32 apart from the build).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$here"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target/wasm}"
start=$SECONDS
step() { printf '== [%4ss] %s\n' "$((SECONDS - start))" "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

step "node $(node --version), npm $(npm --version), $(cargo --version)"

# ---- 1. tools ----------------------------------------------------------------------------------------
# (Outputs are read whole before grep -q: under pipefail, grep -q closing the pipe early fails the pipeline.)
targets="$(rustup target list --installed)"
if ! grep -qx wasm32-unknown-unknown <<<"$targets"; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
want="$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
  # Not --locked: the CLI's lockfile pins a webpki-roots that the registry no longer serves.
  step "cargo install wasm-bindgen-cli --version $want"
  cargo install -q wasm-bindgen-cli --version "$want"
fi
stamp=node_modules/.shftu-ci-stamp
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(sha256sum package-lock.json | cut -d' ' -f1)" ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
  sha256sum package-lock.json | cut -d' ' -f1 >"$stamp"
fi
chromium="${SHFTU_CHROMIUM:-/usr/bin/chromium}"
fonts="$(fc-list 2>/dev/null || true)"
if [ ! -x "$chromium" ] || ! grep -q 'Noto Sans CJK' <<<"$fonts"; then
  step "apt-get install chromium fonts-noto-cjk"
  if command -v apt-get >/dev/null && as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; then
    :
  else
    echo "ci.sh: Chromium could not be installed here; the browser tests will be skipped" >&2
  fi
fi
browser=0
[ -x "$chromium" ] && browser=1

# ---- 2. lint (the crate is empty on the host, so the workspace's clippy does not see it) ------------------
if [ "${SHFTU_WASM_LINT:-1}" = 1 ]; then
  step "cargo clippy -p shftu-rules-wasm --target wasm32-unknown-unknown"
  (cd "$repo" && cargo clippy -q -p shftu-rules-wasm --no-deps --target wasm32-unknown-unknown --all-targets -- -D warnings)
fi

# ---- 3. the package ----------------------------------------------------------------------------------
step "build.sh"
./build.sh

# ---- 4. the panic-hook build ---------------------------------------------------------------------------
step "build.sh (panic-hook, dev profile) into pkg-panic"
SHFTU_WASM_PROFILE=dev SHFTU_WASM_FEATURES=panic-hook SHFTU_WASM_OUT="$here/pkg-panic" ./build.sh >/dev/null

# ---- the native core, for the reference answers --------------------------------------------------------
cli_target="${SHFTU_CLI_TARGET_DIR:-$repo/target}"
export SHFTU_CLI="${SHFTU_CLI:-$cli_target/release/shftu-rules}"
if [ ! -x "$SHFTU_CLI" ]; then
  step "cargo build --release -p shftu-rules-cli (the reference answers)"
  (cd "$repo" && CARGO_TARGET_DIR="$cli_target" cargo build -q --release -p shftu-rules-cli)
fi

# Both suites run, whatever the first gives; the script fails if either did.
failed=()

# ---- 5. Node -----------------------------------------------------------------------------------------
step "node --test tests/*.test.mjs"
SHFTU_WASM_REQUIRE_PANIC=1 node --test tests/*.test.mjs || failed+=(node)

# ---- 6. the browser ----------------------------------------------------------------------------------
step "node --test tests/browser/ (headless Chromium)"
SHFTU_WASM_REQUIRE_BROWSER=$browser node --test tests/browser/*.test.mjs || failed+=(browser)
out="${SHFTU_WASM_WEB_OUT:-$repo/target/wasm-web}"
if [ "$browser" = 1 ] && compgen -G "$out/screens/*.png" >/dev/null; then
  step "screenshots: $(echo "$out"/screens/*.png)"
fi
if [ "${#failed[@]}" -gt 0 ]; then
  step "FAILED: ${failed[*]}"
  exit 1
fi
step "done"
