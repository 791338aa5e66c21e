#!/usr/bin/env bash
# The JVM binding's suite, on a fresh machine (Debian; the package registries reachable). It installs what it
# needs (JDK 17, Maven, the aarch64 cross linker and qemu-user from apt; the Rust target with rustup), then:
#   1. cross-builds the linux-aarch64 JNI library and runs its C smoke test under qemu-aarch64;
#   2. cargo test of the JNI crate (the compact bytes, the generator);
#   3. mvn install of bindings/jvm/java: the linux-x86-64 library, the generated classes, the JUnit suites
#      (the conformance corpus through evaluate and the typed API, the 16-thread trace test, the hardening
#      matrix), the JAR with both natives, its -sources.jar and -javadoc.jar, into the local repository;
#   4. the JAR lists both natives (unzip -l);
#   5. examples/java, a plain pom depending on org.shftu:shftu-rules:0.1.0, built and run from a local
#      repository that holds nothing but the installed artifact (plugins come from Maven Central);
#   6. the Swift package's generated sources against their digest (bindings/swift; no Swift toolchain here).
# Exits non-zero on any failure. SHFTU_MVN_ARGS adds Maven arguments; SHFTU_JVM_AARCH64=0 skips step 1.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/jvm}"
# The libraries CI tests are built without cross-crate LTO and with more codegen units: much less build time
# on 2 cores; the code and its overflow checks are the same (unset these to build as released).
export CARGO_PROFILE_RELEASE_LTO="${CARGO_PROFILE_RELEASE_LTO:-off}"
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS="${CARGO_PROFILE_RELEASE_CODEGEN_UNITS:-16}"
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER="${CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER:-aarch64-linux-gnu-gcc}"
read -r -a mvn_args <<< "${SHFTU_MVN_ARGS:-}"
mvn=(mvn -B --no-transfer-progress "${mvn_args[@]}")
start=$(date +%s)
step() { echo "== jvm: $* ($(( $(date +%s) - start )) s)"; }

step "prerequisites (apt: JDK 17, Maven, gcc-aarch64-linux-gnu, qemu-user-static; rustup: aarch64 target)"
need=()
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
command -v unzip >/dev/null || need+=(unzip)
aarch64="${SHFTU_JVM_AARCH64:-1}"
if [ "$aarch64" = 1 ]; then
  command -v aarch64-linux-gnu-gcc >/dev/null || need+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
  command -v qemu-aarch64-static >/dev/null || need+=(qemu-user-static)
fi
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ "$aarch64" = 1 ] && ! rustup target list --installed | grep -qx aarch64-unknown-linux-gnu; then
  RUSTUP_AUTO_INSTALL=1 rustup target add aarch64-unknown-linux-gnu
fi

if [ "$aarch64" = 1 ]; then
  step "linux-aarch64 JNI library (cross-built), smoke test under qemu-aarch64"
  cargo build --release -p shftu-rules-jvm --lib --target aarch64-unknown-linux-gnu
  so="$CARGO_TARGET_DIR/aarch64-unknown-linux-gnu/release/libshftu_rules_jvm.so"
  file "$so" | grep -q "ARM aarch64"
  aarch64-linux-gnu-gcc -O1 -o "$CARGO_TARGET_DIR/selftest-aarch64" bindings/jvm/tests/selftest.c -ldl
  qemu-aarch64-static -L /usr/aarch64-linux-gnu "$CARGO_TARGET_DIR/selftest-aarch64" "$so"
fi

step "cargo test of the JNI crate (release deps, shared with the library's build)"
cargo test --release -p shftu-rules-jvm

step "JVM artifact: natives, generated classes, JUnit suites, JAR + sources + javadoc (bindings/jvm/java)"
"${mvn[@]}" -f bindings/jvm/java/pom.xml install

step "the JAR carries both natives"
jar=$(ls bindings/jvm/java/target/shftu-rules-*.jar | grep -v -e sources -e javadoc | head -1)
unzip -l "$jar" | grep -E "native/.*libshftu_rules_jvm" | tee /dev/stderr | grep -q "native/linux-x86-64/libshftu_rules_jvm.so"
if [ "$aarch64" = 1 ]; then
  unzip -l "$jar" | grep -q "native/linux-aarch64/libshftu_rules_jvm.so"
fi

step "plain-pom consumer (examples/java) from a clean local repository seeded by the install"
repo="$HOME/.m2/repository"
for a in "${mvn_args[@]}"; do
  case "$a" in -Dmaven.repo.local=*) repo="${a#-Dmaven.repo.local=}" ;; esac
done
installed="$repo/org/shftu/shftu-rules/0.1.0"
for f in shftu-rules-0.1.0.jar shftu-rules-0.1.0-sources.jar shftu-rules-0.1.0-javadoc.jar shftu-rules-0.1.0.pom; do
  test -s "$installed/$f" || { echo "not installed: $installed/$f"; exit 1; }
done
clean="$CARGO_TARGET_DIR/m2-consumer"
# Plugins the consumer needs stay cached between runs; the artifact itself is always the fresh install.
rm -rf "$clean/org/shftu"
mkdir -p "$clean/org/shftu/shftu-rules"
cp -r "$installed" "$clean/org/shftu/shftu-rules/"
mvn -B --no-transfer-progress -Dmaven.repo.local="$clean" -f examples/java/pom.xml clean verify

step "Swift: generated sources (uniffi + typed layer) against generated.sha256"
cargo test -p shftu-rules-swift

step "done"
