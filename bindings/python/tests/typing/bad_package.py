"""Must FAIL `mypy --strict` (bindings/python/ci.sh): "L9" is not a package code."""

from __future__ import annotations

from shftu_rules import checkup

checkup.quote(lines=[{"package": "L9", "count": 1}])
