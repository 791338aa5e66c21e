"""Must FAIL `mypy --strict` (bindings/python/ci.sh): "F" is not a tier, "zh" is not a language."""

from __future__ import annotations

import datetime

from shftu_rules import mutual_aid

mutual_aid.enroll(tier="F", channel="group", date=datetime.date(2023, 5, 15), industry="courier", birth_date="1990-01-01")
mutual_aid.enroll(tier="E", channel="group", date="2023-05-15", industry="courier", birth_date="1990-01-01", lang="zh")
