"""§6 harmonious labour relations (和谐劳动关系): the evaluation rubric and the guidance subsidy."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
import datetime
from typing import Mapping, Optional, Tuple

from . import _native
from ._records import Result, TraceStep, trace_field

__all__ = ["GuidanceSubsidy", "Reporting", "Score", "guidance_subsidy", "reporting", "score"]



@dataclasses.dataclass(frozen=True)
class Score(Result):
    """Result of :func:`score`."""

    compliance: int
    institution: int
    development: int
    bonus_uncapped: int
    bonus: int
    deductions: int
    total: int
    grade: str
    trace: Tuple[TraceStep, ...] = trace_field()


@dataclasses.dataclass(frozen=True)
class GuidanceSubsidy(Result):
    """Result of :func:`guidance_subsidy`."""

    subsidy: Decimal
    trace: Tuple[TraceStep, ...] = trace_field()


@dataclasses.dataclass(frozen=True)
class Reporting(Result):
    """Result of :func:`reporting`."""

    target_ok: bool
    reasons: Tuple[str, ...]
    min_target: int
    report_due_dates: Tuple[datetime.date, ...]
    next_report_due: Optional[datetime.date]
    target_complete_by: datetime.date
    trace: Tuple[TraceStep, ...] = trace_field()


def score(*, items: Mapping[str, int], edition: str = "2023") -> Score:
    """Score a workplace on the rubric: ``items`` maps item ids (``"1-1-1"``) to points."""
    d, t = _native.call("labor_relations.score", {"items": items}, edition=edition)
    return Score._from_native(d, t)


def guidance_subsidy(*, person_days: int, edition: str = "2023") -> GuidanceSubsidy:
    """The subsidy for ``person_days`` on-site guidance person-days (§6 四)."""
    d, t = _native.labor_relations_guidance_subsidy(person_days=person_days, edition=edition)
    return GuidanceSubsidy._from_native(d, t)


def reporting(
    *, last_year_target: int, target: int, as_of: Optional[datetime.date] = None, edition: str = "2023"
) -> Reporting:
    """Is a district union's target at least last year's; its reporting dates (§6 五)."""
    d, t = _native.labor_relations_reporting(
        last_year_target=last_year_target, target=target, as_of=as_of, edition=edition
    )
    return Reporting._from_native(d, t)
