#!/usr/bin/env bash
# The Python binding's suite on a fresh machine (CPython 3.9+ with pip, Rust present):
# a venv with pinned tools, `pip install ./bindings/python` (maturin builds the abi3 wheel),
# mypy --strict on the package, stubtest of the stubs against the compiled module, then pytest.
# Exits non-zero on any failure.
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

step "venv at $venv ($("$py" --version))"
"$py" -m venv "$venv"
vpy="$venv/bin/python"
export PATH="$venv/bin:$PATH" VIRTUAL_ENV="$venv"

step "pinned tools (bindings/python/requirements-ci.txt)"
"$vpy" -m pip install -q -r bindings/python/requirements-ci.txt
if [ "$notebook" != 0 ]; then
  "$vpy" -m pip install -q -r bindings/python/requirements-notebook.txt
fi

step "pip install ./bindings/python (release wheel, abi3)"
"$vpy" -m pip install -q --no-build-isolation --force-reinstall --no-deps ./bindings/python

cd "$root/bindings/python"
step "mypy --strict on the package"
"$vpy" -m mypy --strict python/shftu_rules

step "stubtest: the stubs against the compiled module"
# Run from outside the source tree so the installed package is the one checked.
(cd "$root/target" && "$vpy" -m mypy.stubtest shftu_rules)

step "pytest"
"$vpy" -m pytest tests -p no:cacheprovider

if [ "$notebook" != 0 ]; then
  step "examples/analyst.ipynb (nbclient)"
  (cd "$root/examples" && "$vpy" - <<'PYEOF'
import nbformat
from nbclient import NotebookClient

nb = nbformat.read("analyst.ipynb", as_version=4)
NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
print("analyst.ipynb: executed", sum(c.cell_type == "code" for c in nb.cells), "code cells")
PYEOF
  )
fi
step "done"
