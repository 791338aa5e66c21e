#!/usr/bin/env bash
# Builds the WebAssembly package into bindings/wasm/pkg (and copies it to web/vendor/shftu-rules-wasm for
# the page):
#   1. cargo: the crate for wasm32-unknown-unknown, profile wasm-release (opt-level z, fat LTO, one codegen
#      unit, panic = abort);
#   2. wasm-bindgen (the CLI pinned to the crate's version): the JS glue for the web, with the reset
#      function the wrapper uses after a trap;
#   3. wasm-opt -Oz (binaryen from npm; Debian's binaryen 108 writes modules that fail to load);
#   4. scripts/gen.mjs: the typed functions, error classes, TypeScript declarations and package.json,
#      from the registry the module describes;
#   5. the size report, and a check of the budget: the .wasm at most 600 KB gzipped.
# Environment: CARGO_TARGET_DIR (default <repo>/target/wasm), SHFTU_WASM_PROFILE (default wasm-release;
# `dev` for a quick unoptimised build), SHFTU_WASM_FEATURES (e.g. panic-hook, for the panic test's
# build), SHFTU_WASM_OUT (default bindings/wasm/pkg), SHFTU_WASM_WEB=0 to skip the copy to web/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target/wasm}"
profile="${SHFTU_WASM_PROFILE:-wasm-release}"
features="${SHFTU_WASM_FEATURES:-}"
out="${SHFTU_WASM_OUT:-$here/pkg}"
budget=$((600 * 1024))

need() { command -v "$1" >/dev/null || { echo "build.sh: $1 is missing ($2)" >&2; exit 1; }; }
need wasm-bindgen "cargo install wasm-bindgen-cli --version 0.2.130 (ci.sh does it)"
need node "Node 20 or later"
want="$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' "$here/Cargo.toml")"
have="$(wasm-bindgen --version | awk '{print $2}')"
[ "$want" = "$have" ] || { echo "build.sh: wasm-bindgen CLI $have, the crate pins $want" >&2; exit 1; }
[ -x "$here/node_modules/.bin/wasm-opt" ] || (cd "$here" && npm ci --no-audit --no-fund)

# The profile, unless the workspace's Cargo.toml declares it.
cfg=()
if [ "$profile" = wasm-release ] && ! grep -q '^\[profile\.wasm-release\]' "$repo/Cargo.toml"; then
  cfg=(--config 'profile.wasm-release.inherits="release"' --config 'profile.wasm-release.opt-level="z"'
       --config 'profile.wasm-release.lto=true' --config 'profile.wasm-release.codegen-units=1'
       --config 'profile.wasm-release.panic="abort"')
fi
echo "== cargo build -p shftu-rules-wasm --target wasm32-unknown-unknown --profile $profile ${features:+--features $features}"
(cd "$repo" && cargo build -q -p shftu-rules-wasm --target wasm32-unknown-unknown --profile "$profile" \
  ${features:+--features "$features"} "${cfg[@]}")
dir="$profile"; [ "$profile" = dev ] && dir=debug
raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$dir/shftu_rules_wasm.wasm"

echo "== wasm-bindgen --target web"
rm -rf "$out" && mkdir -p "$out/wasm"
wasm-bindgen --target web --experimental-reset-state-function --no-typescript --out-dir "$out/wasm" "$raw"
bg="$out/wasm/shftu_rules_wasm_bg.wasm"
if [ "$profile" != dev ]; then
  echo "== wasm-opt -Oz"
  "$here/node_modules/.bin/wasm-opt" -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue "$bg" -o "$bg.opt"
  mv "$bg.opt" "$bg"
fi

echo "== generate the typed API from describe()"
cp "$here"/js/api.js "$here"/js/web.js "$here"/js/index.js "$here"/js/node.js "$here/README.md" "$out/"
node "$here/scripts/gen.mjs" "$out"

size=$(stat -c %s "$bg")
gz=$(gzip -9 -c "$bg" | wc -c)
printf '== size: %s: %d bytes, %d bytes gzipped (gzip -9); budget %d bytes gzipped\n' "${bg#"$repo"/}" "$size" "$gz" "$budget"
if [ "$profile" = wasm-release ] && [ "$gz" -gt "$budget" ]; then
  echo "build.sh: the .wasm is over the size budget" >&2
  exit 1
fi

if [ "${SHFTU_WASM_WEB:-1}" = 1 ] && [ "$out" = "$here/pkg" ]; then
  vendor="$repo/web/vendor/shftu-rules-wasm"
  rm -rf "$vendor" && mkdir -p "$vendor/wasm"
  cp "$out"/*.js "$vendor/" && cp "$out"/wasm/* "$vendor/wasm/"
  echo "== copied to ${vendor#"$repo"/}"
fi
