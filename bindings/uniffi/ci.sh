#!/usr/bin/env bash
# The uniffi binding's suite on a fresh machine (JDK 17, Maven 3.8, Rust; Maven Central reachable):
#   1. mvn install of bindings/uniffi/jvm: cargo builds the cdylib and the library-mode generator, the
#      Kotlin is generated and compiled, the Java JUnit 5 suite runs (every spec/cases vector through
#      evaluate, the typed API), and the JAR (with linux-x86-64/libshftu_rules_uniffi.so) is installed;
#   2. the Java example (examples/java) is compiled against that JAR and run;
#   3. cargo test of the crate: the Rust-side tests and the insta snapshot of the generated Swift.
# Exits non-zero on any failure. SHFTU_MVN_ARGS adds Maven arguments (e.g. -Dmaven.repo.local=…).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/uniffi}"
# The library CI tests is built without cross-crate LTO and with more codegen units: much less build time
# on 2 cores; the code and its overflow checks are the same (unset these to build as released).
export CARGO_PROFILE_RELEASE_LTO="${CARGO_PROFILE_RELEASE_LTO:-off}"
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS="${CARGO_PROFILE_RELEASE_CODEGEN_UNITS:-16}"
read -r -a mvn_args <<< "${SHFTU_MVN_ARGS:-}"
mvn=(mvn -B --no-transfer-progress "${mvn_args[@]}")
start=$(date +%s)
step() { echo "== uniffi: $* ($(( $(date +%s) - start )) s)"; }

step "JVM artifact: cargo build, Kotlin, Java JUnit suite, install (bindings/uniffi/jvm)"
"${mvn[@]}" -f bindings/uniffi/jvm/pom.xml install

step "Java example against the installed JAR (examples/java)"
"${mvn[@]}" -f examples/java/pom.xml verify

step "cargo test: Rust-side tests and the Swift snapshot"
cargo test -p shftu-rules-uniffi --features cli

step "done"
