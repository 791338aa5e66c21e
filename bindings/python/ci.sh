#!/usr/bin/env bash
# The Python binding's suite on a fresh machine (CPython 3.9+ with pip, Rust present; apt for the CJK font):
# a venv with pinned tools, `pip install ./bindings/python` (maturin builds the wheel), the generated typed
# API checked against the registry, mypy --strict (the package, an example with the Literal types, and
# examples that must fail), stubtest of the extension's stubs, pytest (typed, conformance in en and zh-CN,
# hardening, batch, plots, README), then the notebook. Exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

py="${PYTHON:-python3}"
notebook="${SHFTU_PY_NOTEBOOK:-1}"   # 0: skip executing examples/analyst.ipynb
venv="${SHFTU_PY_VENV:-$root/target/py/ci-venv}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/py}"
# The wheel CI tests is built without cross-crate LTO and with more codegen units: about half the build
# time on 2 cores; the code and its overflow checks are the same (set these to build as released).
export CARGO_PROFILE_RELEASE_LTO="${CARGO_PROFILE_RELEASE_LTO:-off}"
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS="${CARGO_PROFILE_RELEASE_CODEGEN_UNITS:-16}"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
start=$(date +%s)
step() { echo "== python: $* ($(( $(date +%s) - start )) s)"; }

font=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
if [ ! -e "$font" ] && command -v apt-get >/dev/null; then
  step "apt-get install fonts-noto-cjk (the Chinese charts' font)"
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq fonts-noto-cjk >/dev/null
fi

step "venv at $venv ($("$py" --version))"
"$py" -m venv "$venv"
vpy="$venv/bin/python"
export PATH="$venv/bin:$PATH" VIRTUAL_ENV="$venv"

step "pinned tools (bindings/python/requirements-ci.txt)"
"$vpy" -m pip install -q -r bindings/python/requirements-ci.txt
if [ "$notebook" != 0 ]; then
  "$vpy" -m pip install -q -r bindings/python/requirements-notebook.txt
fi

step "pip install ./bindings/python (release wheel)"
"$vpy" -m pip install -q --no-build-isolation --force-reinstall --no-deps ./bindings/python

cd "$root/bindings/python"
step "the generated typed API is the registry's (tools/gen_typed.py --check)"
"$vpy" tools/gen_typed.py --check

step "mypy --strict: the package and tests/typing/ok_literals.py"
"$vpy" -m mypy --strict python/shftu_rules tests/typing/ok_literals.py

step "mypy --strict must fail on a misspelt package code, tier and language"
for bad in tests/typing/bad_package.py tests/typing/bad_tier.py; do
  if out=$("$vpy" -m mypy --strict "$bad" 2>&1); then
    echo "$bad type-checks, but it must not:"; echo "$out"; exit 1
  fi
  echo "$out" | grep -q 'error: ' || { echo "$out"; exit 1; }
  echo "$bad: refused as it must be ($(echo "$out" | grep -c 'error: ') errors)"
done
out=$("$vpy" -m mypy --strict tests/typing/bad_package.py 2>&1 || true)
echo "$out" | grep -q "'L9'" || { echo "the refusal does not name L9: $out"; exit 1; }

step "stubtest: the extension's stubs against the compiled module"
# Run from outside the source tree so the installed package is the one checked.
(cd "$CARGO_TARGET_DIR" && "$vpy" -m mypy.stubtest shftu_rules._native)

step "pytest"
"$vpy" -m pytest tests -p no:cacheprovider -q

if [ "$notebook" != 0 ]; then
  step "examples/analyst.ipynb (nbclient, its charts in Chinese)"
  (cd "$root/examples" && "$vpy" - <<'PYEOF'
import warnings

import nbformat
from nbclient import NotebookClient

nb = nbformat.read("analyst.ipynb", as_version=4)
NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
missing = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
           if "missing from font" in str(o.get("text", "")) or "Glyph" in str(o.get("text", ""))]
assert not missing, f"the notebook drew characters its font does not have: {missing[:2]}"
print("analyst.ipynb: executed", sum(c.cell_type == "code" for c in nb.cells), "code cells")
PYEOF
  )
fi
step "done"
