"""§5 mutual-aid plan for gig workers (新就业形态劳动者互助保障): tiers C, D, E.

Every function takes keyword arguments named as the wire contract's input fields (``from`` is
``from_``, a Python keyword), an optional ``edition`` (default ``"2023"``), and returns an immutable
result with a ``.trace``. Money in as ``Decimal``, ``int`` or ``str`` (a ``float`` is a ``TypeError``),
out as ``Decimal``; dates are ``datetime.date`` (a ``datetime`` is a ``TypeError``).
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import Any, Iterable, Mapping, Optional, Tuple, Union

from . import _native
from ._records import Money, Result, TraceStep, trace_field

__all__ = [
    "Adjudication",
    "ChangeOutcome",
    "Claim",
    "ClaimDeadline",
    "ClaimDecision",
    "Enrollment",
    "Policy",
    "TierChange",
    "adjudicate",
    "change",
    "claim_deadline",
    "enroll",
]



@dataclasses.dataclass(frozen=True)
class Enrollment(Result):
    """Result of :func:`enroll`."""

    accepted: bool
    reasons: Tuple[str, ...]
    coverage_start: Optional[datetime.date]
    coverage_end: Optional[datetime.date]
    months: Optional[int]
    fee: Optional[Decimal]
    fee_kind: Optional[str]
    trace: Tuple[TraceStep, ...] = trace_field()


@dataclasses.dataclass(frozen=True)
class ChangeOutcome(Result):
    """Result of :func:`change`."""

    accepted: bool
    reasons: Tuple[str, ...]
    fee: Optional[Decimal]
    effective_from: Optional[datetime.date]
    trace: Tuple[TraceStep, ...] = trace_field()


@dataclasses.dataclass(frozen=True)
class ClaimDeadline(Result):
    """Result of :func:`claim_deadline`."""

    last_day: datetime.date
    basis: str
    period: str
    trace: Tuple[TraceStep, ...] = trace_field()


@dataclasses.dataclass(frozen=True)
class ClaimDecision(Result):
    """The decision on one claim."""

    status: str
    payable: Decimal
    reasons: Tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Adjudication(Result):
    """Result of :func:`adjudicate`: one decision per claim, in order, and the total."""

    decisions: Tuple[ClaimDecision, ...]
    total_payable: Decimal
    trace: Tuple[TraceStep, ...] = trace_field()

    _nested = {"decisions": ClaimDecision}


@dataclasses.dataclass(frozen=True)
class TierChange:
    """An upgrade in force from ``effective_from`` on (input of :func:`adjudicate`)."""

    to: str
    effective_from: datetime.date


@dataclasses.dataclass(frozen=True)
class Policy:
    """The policy claims are made under (input of :func:`adjudicate`)."""

    tier: str
    coverage_start: datetime.date
    coverage_end: datetime.date
    changes: Tuple[Union[TierChange, Mapping[str, Any]], ...] = ()


@dataclasses.dataclass(frozen=True)
class Claim:
    """One claim (input of :func:`adjudicate`)."""

    benefit: str
    event_date: datetime.date
    filed_on: datetime.date
    days: Optional[int] = None
    grade: Optional[int] = None
    amount: Optional[Money] = None


def _mapping(v: Any) -> Any:
    """A dataclass input as a mapping of its set fields (mappings pass through)."""
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {
            f.name: _mapping_list(getattr(v, f.name))
            for f in dataclasses.fields(v)
            if getattr(v, f.name) is not None
        }
    return v


def _mapping_list(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return [_mapping(x) for x in v]
    return v


def enroll(
    *,
    tier: str,
    channel: str,
    date: datetime.date,
    industry: str,
    birth_date: datetime.date,
    platform_worker: bool = False,
    renewing_2022_plan: bool = False,
    edition: str = "2023",
) -> Enrollment:
    """May this worker join ``tier`` through ``channel`` on ``date``; cover dates, months and fee (§5 一(三)–(五))."""
    d, t = _native.mutual_aid_enroll(
        tier=tier,
        channel=channel,
        date=date,
        industry=industry,
        birth_date=birth_date,
        platform_worker=platform_worker,
        renewing_2022_plan=renewing_2022_plan,
        edition=edition,
    )
    return Enrollment._from_native(d, t)


def change(
    *,
    from_: str,
    to: str,
    date: datetime.date,
    coverage_end: Optional[datetime.date] = None,
    edition: str = "2023",
) -> ChangeOutcome:
    """Fee and effective date of moving up from tier ``from_`` to ``to`` (§5 一(六))."""
    d, t = _native.mutual_aid_change(from_=from_, to=to, date=date, coverage_end=coverage_end, edition=edition)
    return ChangeOutcome._from_native(d, t)


def claim_deadline(
    *,
    benefit: str,
    coverage_end: datetime.date,
    event_date: Optional[datetime.date] = None,
    edition: str = "2023",
) -> ClaimDeadline:
    """The last day to claim ``benefit``, counted as the Civil Code counts periods (§5 一(七)3)."""
    d, t = _native.mutual_aid_claim_deadline(
        benefit=benefit, coverage_end=coverage_end, event_date=event_date, edition=edition
    )
    return ClaimDeadline._from_native(d, t)


def adjudicate(
    *,
    policy: Union[Policy, Mapping[str, Any]],
    claims: Iterable[Union[Claim, Mapping[str, Any]]],
    edition: str = "2023",
) -> Adjudication:
    """Decide ``claims`` in order under ``policy``'s caps (§5 一(二), 一(六), 一(七)).

    ``policy`` and each claim are the dataclasses :class:`Policy` / :class:`Claim` or mappings with the
    wire contract's keys.
    """
    items: Any = claims if isinstance(claims, (str, bytes, Mapping)) else [_mapping(c) for c in claims]
    d, t = _native.mutual_aid_adjudicate(policy=_mapping(policy), claims=items, edition=edition)
    return Adjudication._from_native(d, t)



# Generated by tools/gen_typed.py.
from ._rules import MutualAidPaymentDue  # noqa: E402
from ._rules import mutual_aid_payment_due as payment_due  # noqa: E402

__all__ += ["MutualAidPaymentDue", "payment_due"]
