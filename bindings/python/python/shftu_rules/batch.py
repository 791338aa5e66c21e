"""Rules over whole tables, for analysts.

Each function takes a ``pyarrow.Table`` or ``RecordBatch``, a pandas or polars ``DataFrame`` (converted
through Arrow), or anything with ``__arrow_c_stream__``; the columns are named as the rule's input
fields. String columns may be dictionary-encoded (pandas ``category``, polars ``Categorical``). Money
columns are decimal, integer or text (a float column is a ``TypeError`` naming it); date columns are
``date32``/``date64`` or ISO text (a timestamp column is a ``TypeError``).

The answer is a ``pyarrow.Table`` with one row per input row, in order: the result's fields as columns
(money as ``decimal128(18, 2)``, dates as ``date32``, reason codes as ``list<string>``), and nullable
``error_code`` / ``error`` columns. A row that cannot be evaluated gets its error there and nulls in
the result columns; it never fails the batch. Rows are evaluated without a trace.

The kernel-backed functions (:func:`checkup_quote`, :func:`e_premium`, :func:`hospital_days`) also take
``money="fen"``: each amount column ``X`` then comes as ``X_fen``, an ``int64`` column of fen (1 yuan =
100 fen, exact), for numpy-speed arithmetic on whole populations — ``payable_fen.sum() / 100`` is the
total in yuan, with no float on the way.
"""

from __future__ import annotations

from typing import Any, Literal

import pyarrow as pa  # type: ignore[import-untyped]

from . import _native

__all__ = ["adjudicate", "checkup_quote", "claim_deadline", "e_premium", "enroll", "hospital_days", "to_arrow"]


def to_arrow(data: Any) -> pa.Table:
    """``data`` as a ``pyarrow.Table`` (pyarrow, pandas, polars, or an Arrow C stream)."""
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    module = type(data).__module__.split(".")[0]
    if module == "pandas":
        return pa.Table.from_pandas(data, preserve_index=False)
    if module == "polars":
        return data.to_arrow()
    if hasattr(data, "__arrow_c_stream__") or isinstance(data, dict):
        return pa.table(data)
    raise TypeError(
        f"expected a pyarrow Table or RecordBatch, a pandas or polars DataFrame, not {type(data).__name__}"
    )


def enroll(table: Any, *, edition: str = "2023") -> pa.Table:
    """``mutual_aid.enroll`` per row.

    Columns: ``tier``, ``channel``, ``date``, ``industry``, ``birth_date``, optional
    ``platform_worker``, ``renewing_2022_plan`` (booleans, default false). Result columns:
    ``accepted``, ``reasons``, ``coverage_start``, ``coverage_end``, ``months``, ``fee``, ``fee_kind``.
    """
    out: pa.Table = _native.batch_enroll(to_arrow(table), edition=edition)
    return out


def adjudicate(table: Any, *, edition: str = "2023") -> pa.Table:
    """``mutual_aid.adjudicate`` over claims grouped by ``policy_id``, decided in row order per policy.

    Columns: ``policy_id`` and the policy's ``tier``, ``coverage_start``, ``coverage_end`` (repeated on
    each of its rows), then the claim's ``benefit``, ``event_date``, ``filed_on`` and optional ``days``,
    ``grade``, ``amount``. Result columns: ``status``, ``payable``, ``reasons``. A claim row that cannot
    be evaluated gets an error and is left out of its policy's sequence. Tier changes are not a column:
    use the typed :func:`shftu_rules.mutual_aid.adjudicate` for policies with upgrades.
    """
    out: pa.Table = _native.batch_adjudicate(to_arrow(table), edition=edition)
    return out


def checkup_quote(table: Any, *, edition: str = "2023", money: Literal["decimal", "fen"] = "decimal") -> pa.Table:
    """``checkup.quote`` per row: column ``package``, optional ``count`` (default 1).

    Result columns: ``unit_price`` and the row's ``price``, ``subsidy`` and ``payable`` (with
    ``money="fen"``: ``unit_price_fen``, ``price_fen``, ``subsidy_fen``, ``payable_fen`` as ``int64``).
    """
    out: pa.Table = _native.batch_checkup_quote(to_arrow(table), edition=edition, money=money)
    return out


def claim_deadline(table: Any, *, edition: str = "2023") -> pa.Table:
    """``mutual_aid.claim_deadline`` per row: ``benefit``, ``coverage_end``, optional ``event_date``.

    Result columns: ``last_day``, ``basis``, ``period``.
    """
    out: pa.Table = _native.batch_claim_deadline(to_arrow(table), edition=edition)
    return out


def e_premium(table: Any, *, edition: str = "2023", money: Literal["decimal", "fen"] = "decimal") -> pa.Table:
    """The tier E premium for cover starting on each row's ``coverage_start`` (§5 一(五)3).

    Column: ``coverage_start`` (``date32`` is read in place, without a copy; ``date64``, ISO text and
    pandas/polars date columns through Arrow also work). Cover runs to the edition's coverage end: the
    full-year premium when more than six calendar months are covered, else the half-year one — the
    ``fee`` that :func:`shftu_rules.mutual_aid.enroll` gives an accepted tier E enrolment whose
    ``coverage_start`` is that day. Result column: ``premium`` (``decimal128(18, 2)``; with
    ``money="fen"``, ``premium_fen`` as ``int64``). A null start, or a
    start after the coverage end, is a bad row (``error_code`` ``invalid_input``, the message naming the
    column and the row).

    Backed by the core's fixed-point column kernel (``batch::e_premium_by_start``): use it for whole
    populations; :func:`enroll` applies every enrolment rule (tier, channel, windows, age) per row.
    """
    out: pa.Table = _native.batch_e_premium(to_arrow(table), edition=edition, money=money)
    return out


def hospital_days(
    table: Any, *, tier: str = "E", edition: str = "2023", money: Literal["decimal", "fen"] = "decimal"
) -> pa.Table:
    """Hospital-day claims under the period's day limit (§5 一(二) 住院), decided in row order per policy.

    Columns: ``policy_id`` (any integer or string column, dictionary-encoded or not), ``days`` (any
    integer column), optional ``tier`` (``"C"``/``"D"``/``"E"``; without the column every row has the
    ``tier`` argument). Each row is one ``hospital_days`` claim, in time and in cover; the days already
    paid carry over from row to row of the same policy. Result columns: ``paid_days`` (``uint32``) and
    ``payable`` (``decimal128(18, 2)``; with ``money="fen"``, ``payable_fen`` as ``int64``) — what
    :func:`shftu_rules.mutual_aid.adjudicate` pays for the policy's hospital-day claims in that order.

    A table with rows of several tiers is decided tier by tier: the rows of one tier form their own
    sequences, so a policy's day count is kept per tier (a tier change within a period is for
    :func:`adjudicate` or the typed API). A null ``policy_id``/``days``/``tier``, a day count out of
    range, zero days, or a tier without the hospital-day benefit (C) is a bad row: it gets
    ``error_code``/``error``, nulls in the result columns, and is left out of its policy's sequence.

    Backed by the core's fixed-point column kernel (``batch::hospital_days_cap``); for claims of other
    benefits, claim windows or cover dates use :func:`adjudicate`.
    """
    out: pa.Table = _native.batch_hospital_days(to_arrow(table), tier=tier, edition=edition, money=money)
    return out
