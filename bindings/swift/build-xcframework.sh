#!/usr/bin/env bash
# Builds ShftuRulesFFI.xcframework (iOS device, iOS simulator, macOS) on a Mac with Xcode and rustup.
# Not run by CI (no Apple toolchain there); the Swift it wraps is snapshot-tested by cargo test.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${targets[@]}"
for t in "${targets[@]}"; do
  # The crate builds a staticlib (libshftu_rules_swift.a), what Apple platforms link.
  cargo build --release -p shftu-rules-swift --lib --target "$t"
done
lib=libshftu_rules_swift.a
out="$root/target/xcframework"
rm -rf "$out" "$here/ShftuRulesFFI.xcframework"
mkdir -p "$out/ios-sim" "$out/macos"
lipo -create target/aarch64-apple-ios-sim/release/$lib target/x86_64-apple-ios/release/$lib -output "$out/ios-sim/$lib"
lipo -create target/aarch64-apple-darwin/release/$lib target/x86_64-apple-darwin/release/$lib -output "$out/macos/$lib"
headers="$here/Sources/shftu_rulesFFI/include"
xcodebuild -create-xcframework \
  -library target/aarch64-apple-ios/release/$lib -headers "$headers" \
  -library "$out/ios-sim/$lib" -headers "$headers" \
  -library "$out/macos/$lib" -headers "$headers" \
  -output "$here/ShftuRulesFFI.xcframework"
echo "built $here/ShftuRulesFFI.xcframework"
