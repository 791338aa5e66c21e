"""§3 "love Shanghai" outings (爱心接力): trip budgets, meal shares and goods caps."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Tuple

from . import _native
from ._records import Money, Result, TraceStep, trace_field

__all__ = ["GoodsCheck", "TripCheck", "goods_check", "trip_check"]



@dataclasses.dataclass(frozen=True)
class TripCheck(Result):
    """Result of :func:`trip_check`."""

    compliant: bool
    violations: Tuple[str, ...]
    per_person_cap: Decimal
    max_total: Decimal
    max_meal_cost: Decimal
    trace: Tuple[TraceStep, ...] = trace_field()


@dataclasses.dataclass(frozen=True)
class GoodsCheck(Result):
    """Result of :func:`goods_check`."""

    compliant: bool
    cap: Decimal
    remaining_before: Decimal
    excess: Decimal
    trace: Tuple[TraceStep, ...] = trace_field()


def trip_check(
    *, kind: str, participants: int, total_cost: Money, meal_cost: Money, edition: str = "2023"
) -> TripCheck:
    """Is a trip within the per-person cap and the meal share (§3 一(四)1–2)?"""
    d, t = _native.love_shanghai_trip_check(
        kind=kind, participants=participants, total_cost=total_cost, meal_cost=meal_cost, edition=edition
    )
    return TripCheck._from_native(d, t)


def goods_check(*, spent_per_person: Money, amount_per_person: Money, edition: str = "2023") -> GoodsCheck:
    """Does a purchase of goods stay under the yearly cap per person (§3 一(四)3)?"""
    d, t = _native.love_shanghai_goods_check(
        spent_per_person=spent_per_person, amount_per_person=amount_per_person, edition=edition
    )
    return GoodsCheck._from_native(d, t)
