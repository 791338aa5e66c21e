"""Working days on the PRC holiday calendar (调休 make-up days count, statutory holidays do not)."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Tuple

from . import _native
from ._records import Result, TraceStep, trace_field

__all__ = ["AddWorkingDays", "add_working_days"]


@dataclasses.dataclass(frozen=True)
class AddWorkingDays(Result):
    """Result of :func:`add_working_days`."""

    date: datetime.date
    trace: Tuple[TraceStep, ...] = trace_field()


def add_working_days(*, from_: datetime.date, days: int, edition: str = "2023") -> AddWorkingDays:
    """The ``days``-th working day after ``from_`` (``from_`` not counted)."""
    d, t = _native.calendar_add_working_days(from_=from_, days=days, edition=edition)
    return AddWorkingDays._from_native(d, t)
