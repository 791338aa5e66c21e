#!/usr/bin/env bash
# Installs the packed shftu-rules (bindings/node/shftu-rules-0.1.0.tgz, from `npm pack` there) into this
# project as another project would, compiles typed.ts with tsc --strict, runs the ESM, CommonJS and
# TypeScript programs and compares what they print with expected-output.txt. Run by bindings/node/ci.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
test -f ../../bindings/node/shftu-rules-0.1.0.tgz || { echo "no ../../bindings/node/shftu-rules-0.1.0.tgz: run npm pack in bindings/node" >&2; exit 1; }
rm -rf node_modules/shftu-rules dist
npm install --no-audit --no-fund --no-package-lock --prefer-offline >/dev/null
npm run --silent build
npm start --silent > /tmp/shftu-rules-example-output.txt
diff -u expected-output.txt /tmp/shftu-rules-example-output.txt
echo "examples/node: the packed package installs and runs (ESM, CommonJS, TypeScript strict)"
