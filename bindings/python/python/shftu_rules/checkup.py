"""§9 checkups (职工健康体检): package prices, the city union's subsidy and what the worker pays."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any, Iterable, Mapping, Tuple, Union

from . import _native
from ._records import Result, TraceStep, trace_field

__all__ = ["Quote", "QuoteLine", "QuoteTotal", "QuotedLine", "quote"]


@dataclasses.dataclass(frozen=True)
class QuoteLine:
    """One line of a quote request (input of :func:`quote`)."""

    package: str
    count: int = 1


@dataclasses.dataclass(frozen=True)
class QuotedLine(Result):
    """One quoted line: unit amounts and the line's totals."""

    package: str
    count: int
    unit_price: Decimal
    unit_subsidy: Decimal
    unit_payable: Decimal
    price: Decimal
    subsidy: Decimal
    payable: Decimal


@dataclasses.dataclass(frozen=True)
class QuoteTotal(Result):
    """The quote's totals."""

    price: Decimal
    subsidy: Decimal
    payable: Decimal


@dataclasses.dataclass(frozen=True)
class Quote(Result):
    """Result of :func:`quote`."""

    lines: Tuple[QuotedLine, ...]
    total: QuoteTotal
    trace: Tuple[TraceStep, ...] = trace_field()

    _nested = {"lines": QuotedLine, "total": QuoteTotal}


def _line(v: Union[QuoteLine, Mapping[str, Any]]) -> Any:
    if isinstance(v, QuoteLine):
        return {"package": v.package, "count": v.count}
    return v


def quote(*, lines: Iterable[Union[QuoteLine, Mapping[str, Any]]], edition: str = "2023") -> Quote:
    """Price, subsidy and payable of ``lines`` (each a :class:`QuoteLine` or ``{"package", "count"}``)."""
    items: Any = lines if isinstance(lines, (str, bytes, Mapping)) else [_line(x) for x in lines]
    d, t = _native.checkup_quote(lines=items, edition=edition)
    return Quote._from_native(d, t)
