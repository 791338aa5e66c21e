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
venv="${SHFTU_PY_VENV:-$root/target/py/ci-venv}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/py}"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
start=$(date +%s)
step() { echo "== python: $* ($(( $(date +%s) - start )) s)"; }

step "venv at $venv ($("$py" --version))"
"$py" -m venv "$venv"
vpy="$venv/bin/python"

step "pinned tools (bindings/python/requirements-ci.txt)"
"$vpy" -m pip install -q -r bindings/python/requirements-ci.txt
if [ -n "${SHFTU_PY_NOTEBOOK:-1}" ] && [ -f bindings/python/requirements-notebook.txt ]; then
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

if [ -f "$root/examples/analyst.ipynb" ] && [ -n "${SHFTU_PY_NOTEBOOK:-1}" ] && [ "${SHFTU_PY_NOTEBOOK:-1}" != 0 ]; then
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
