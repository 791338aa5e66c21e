"""The README's Python examples run as written (each ```python block, in order, in one namespace)."""

from __future__ import annotations

import pathlib
import re
from typing import Any, Dict

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_blocks_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "the README has Python examples"
    namespace: Dict[str, Any] = {}
    for i, code in enumerate(blocks):
        exec(compile(code, f"{README.name} block {i + 1}", "exec"), namespace)  # noqa: S102
