"""§3 recuperation (疗休养): the subsidy per programme."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any, Iterable, Mapping, Optional, Tuple, Union

from . import _native
from ._records import Money, Result, TraceStep, trace_field

__all__ = ["Allocation", "Stay", "StaySettlement", "Subsidy", "sanatorium_allocation", "subsidy"]


@dataclasses.dataclass(frozen=True)
class Subsidy(Result):
    """Result of :func:`subsidy`."""

    accepted: bool
    reasons: Tuple[str, ...]
    subsidy_per_person: Optional[Decimal]
    subsidy_total: Optional[Decimal]
    covered: Tuple[str, ...]
    not_covered: Tuple[str, ...]
    trace: Tuple[TraceStep, ...] = trace_field()


@dataclasses.dataclass(frozen=True)
class Stay:
    """One booked sanatorium stay (input of :func:`sanatorium_allocation`)."""

    participants: int
    cost_per_person: Money
    priority_group: Optional[str] = None


@dataclasses.dataclass(frozen=True)
class StaySettlement(Result):
    """How one stay is settled."""

    status: str
    due: Decimal
    paid: Decimal
    reasons: Tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Allocation(Result):
    """Result of :func:`sanatorium_allocation`."""

    stays: Tuple[StaySettlement, ...]
    due_total: Decimal
    paid_total: Decimal
    left: Decimal
    trace: Tuple[TraceStep, ...] = trace_field()

    _nested = {"stays": StaySettlement}


def _stay(v: Union[Stay, Mapping[str, Any]]) -> Any:
    if isinstance(v, Stay):
        d = {"participants": v.participants, "cost_per_person": v.cost_per_person}
        if v.priority_group is not None:
            d["priority_group"] = v.priority_group
        return d
    return v


def subsidy(
    *,
    programme: str,
    participants: int,
    days: Optional[int] = None,
    nights: Optional[int] = None,
    cost_per_person: Optional[Money] = None,
    edition: str = "2023",
) -> Subsidy:
    """The recuperation subsidy of ``programme`` for ``participants`` (§3 二(四))."""
    d, t = _native.recuperation_subsidy(
        programme=programme,
        participants=participants,
        days=days,
        nights=nights,
        cost_per_person=cost_per_person,
        edition=edition,
    )
    return Subsidy._from_native(d, t)


def sanatorium_allocation(
    *, allocated_total: Money, stays: Iterable[Union[Stay, Mapping[str, Any]]], edition: str = "2023"
) -> Allocation:
    """Settle sanatorium stays against the allocation: priority stays first, then booking order."""
    items: Any = stays if isinstance(stays, (str, bytes, Mapping)) else [_stay(x) for x in stays]
    d, t = _native.recuperation_sanatorium_allocation(allocated_total=allocated_total, stays=items, edition=edition)
    return Allocation._from_native(d, t)
