#!/usr/bin/env bash
# Generates the Swift package's sources (never checked in) into bindings/swift/Sources/: uniffi's bindings of
# the library and the typed layer of the registry; checks their digest against generated.sha256.
# Then, on a Mac: build-xcframework.sh, and `swift build` (see README.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../.."
SHFTU_SWIFT_WRITE=1 cargo test -p shftu-rules-swift --test swift
echo "generated $here/Sources"
