"""§1 health points (职工健康服务点): the city subsidy and the 1:1:1 district and street matches."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Optional, Tuple

from . import _native
from ._records import Money, Result, TraceStep, trace_field

__all__ = ["Funding", "Shortfall", "funding"]


@dataclasses.dataclass(frozen=True)
class Shortfall(Result):
    """A match below its minimum."""

    level: str
    amount: Decimal


@dataclasses.dataclass(frozen=True)
class Funding(Result):
    """Result of :func:`funding`."""

    city_subsidy: Decimal
    min_district_match: Decimal
    min_street_match: Decimal
    min_total: Decimal
    compliant: Optional[bool]
    shortfalls: Tuple[Shortfall, ...]
    trace: Tuple[TraceStep, ...] = trace_field()

    _nested = {"shortfalls": Shortfall}


def funding(
    *,
    kind: str,
    points: int,
    district_match: Optional[Money] = None,
    street_match: Optional[Money] = None,
    edition: str = "2023",
) -> Funding:
    """City subsidy for ``points`` new or upgraded points and the minimum matches (§1 四(四))."""
    d, t = _native.health_point_funding(
        kind=kind, points=points, district_match=district_match, street_match=street_match, edition=edition
    )
    return Funding._from_native(d, t)
