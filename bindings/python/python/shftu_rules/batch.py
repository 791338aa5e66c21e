"""Rules over whole tables, for analysts (``pip install shftu-rules[batch]`` brings pyarrow).

Each function takes a ``pyarrow.Table`` or ``RecordBatch``, a pandas or polars ``DataFrame``, or anything
with ``__arrow_c_stream__``, its columns named as the rule's input fields, and answers in the same kind
(pandas in → pandas out, with the input's index; polars → polars; Arrow → Arrow): one row per input
row, in the input's order, the result's fields as columns and two nullable columns, ``error_code`` and
``error``. ``keep=[...]`` (or ``keep=True``) carries input columns into the answer, first, so that it
joins back without a key.

Every answer is the core's (``shftu_rules::batch``): a row that cannot be evaluated — a null or NaN in a
required column, an unknown code, a count out of range — gets its error there, naming the row and the
column (``rows[3].count is required …``), and nulls in its result columns; it never fails the batch and
never gets a default value. Codes may be the plan's Chinese names (心功能, E类). Money columns are
decimal, integer or text (a float column is a ``TypeError``: money is never a binary float); a count
column may be ``float64`` when every value is whole (what pandas makes of an integer column with a gap),
otherwise it is a ``TypeError`` that says to ``astype("Int64")``. Date columns are ``date32``/``date64`` or
ISO text (a timestamp column is a ``TypeError``).

Money comes as ``decimal128(18, 2)``, or with ``money="fen"`` as ``int64`` fen in columns named
``X_fen`` (exact; numpy-ready; ``payable_fen.sum() / 100`` is yuan). ``lang="zh-CN"`` writes the errors
in Chinese. The column-kernel functions (:func:`checkup_quote`, :func:`e_premium`) split large tables
over the machine's cores.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Literal, Optional, Sequence, Tuple, Union

try:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.compute as pc  # type: ignore[import-untyped]
except ImportError as e:  # pragma: no cover - exercised in a venv without pyarrow
    raise ImportError(
        "shftu_rules.batch needs pyarrow: install the batch extra, pip install 'shftu-rules[batch]'"
    ) from e

from . import InvalidInput, _native
from ._records import Lang

__all__ = [
    "adjudicate",
    "checkup_quote",
    "claim_deadline",
    "e_premium",
    "enroll",
    "hospital_days",
    "rows",
    "to_arrow",
]

MoneyAs = Literal["decimal", "fen"]
Keep = Union[bool, Sequence[str], None]
CheckupColumn = Literal["unit_price", "price", "subsidy", "payable"]


def to_arrow(data: Any) -> pa.Table:
    """``data`` as a ``pyarrow.Table`` (pyarrow, pandas, polars, a dict of columns, or an Arrow C stream)."""
    return _table(data)[0]


def _table(data: Any) -> Tuple[pa.Table, str]:
    if isinstance(data, pa.Table):
        return data, "arrow"
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data]), "batch"
    module = type(data).__module__.split(".")[0]
    if module == "pandas":
        return pa.Table.from_pandas(data, preserve_index=False), "pandas"
    if module == "polars":
        return data.to_arrow(), "polars"
    if hasattr(data, "__arrow_c_stream__") or isinstance(data, dict):
        return pa.table(data), "arrow"
    raise TypeError(f"expected a pyarrow Table or RecordBatch, a pandas or polars DataFrame, not {type(data).__name__}")


def _answer(out: pa.Table, data: Any, table: pa.Table, kind: str, keep: Keep) -> Any:
    if keep:
        names = list(table.column_names) if keep is True else list(keep)
        clash = [n for n in names if n in out.column_names]
        if clash:
            raise ValueError(f"keep: input columns {clash} have the names of result columns")
        missing = [n for n in names if n not in table.column_names]
        if missing:
            raise ValueError(f"keep: no input columns {missing}")
        out = pa.Table.from_arrays(
            [table.column(n) for n in names] + list(out.columns), names=names + list(out.column_names)
        )
    if kind == "pandas":
        df = out.to_pandas()
        df.index = data.index
        return df
    if kind == "polars":
        import polars as pl

        return pl.from_arrow(out)
    if kind == "batch":
        return out.combine_chunks().to_batches()[0] if out.num_rows else pa.RecordBatch.from_pylist([], schema=out.schema)
    return out


def _fen(money: str) -> bool:
    if money not in ("decimal", "fen"):
        e = InvalidInput(f'money must be "decimal" or "fen", not {money!r}')
        e.code, e.path = "invalid_input", "money"
        raise e
    return money == "fen"


def _column(table: pa.Table, name: str) -> pa.Array:
    if name not in table.column_names:
        raise ValueError(f"the table has no column {name!r} (columns: {', '.join(table.column_names)})")
    col = table.column(name)
    return col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)


def _optional(table: pa.Table, name: str) -> Optional[pa.Array]:
    return _column(table, name) if name in table.column_names else None


def _codes(col: pa.Array, name: str) -> pa.Array:
    """A column of codes as ``dictionary<int32, string>`` (the dictionary is mapped to codes once)."""
    if pa.types.is_dictionary(col.type):
        want = pa.dictionary(pa.int32(), pa.string())
        return col if col.type == want else col.cast(want)
    if pa.types.is_null(col.type):
        col = col.cast(pa.string())
    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type) or str(col.type) == "string_view"):
        raise TypeError(f"column {name!r} holds codes as text (or dictionary-encoded text), not {col.type}")
    return pc.dictionary_encode(col.cast(pa.string())).cast(pa.dictionary(pa.int32(), pa.string()))


def _whole(col: pa.Array, name: str, types: Tuple[Any, ...] = (pa.int32(), pa.int64())) -> pa.Array:
    """A count column as ``int64`` (``int32`` in place): a ``float64`` column only when every value is whole
    (NaN is a null, as pandas means it)."""
    t = col.type
    if t in types:
        return col
    if pa.types.is_integer(t):
        return col.cast(pa.int64(), safe=False)
    if pa.types.is_null(t):
        return col.cast(pa.int64())
    if pa.types.is_floating(t):
        col = pc.if_else(pc.is_nan(col), pa.scalar(None, t), col)
        ok = pc.all(pc.and_(pc.is_finite(col), pc.equal(pc.trunc(col), col))).as_py()
        if ok is not False:
            try:
                return col.cast(pa.int64())
            except (pa.ArrowInvalid, OverflowError):
                pass
        raise TypeError(
            f"column {name!r} holds counts, but it is {t} with values that are not whole numbers: "
            f'counts are whole numbers (in pandas, .astype("Int64") keeps a gap as <NA>)'
        )
    raise TypeError(f"column {name!r} holds counts (whole numbers), not {t}")


def _dates(col: pa.Array, name: str) -> pa.Array:
    t = col.type
    if t == pa.date32():
        return col
    if pa.types.is_timestamp(t):
        raise TypeError(f"column {name!r} holds dates, not timestamps ({t}): convert it with .dt.date or cast(pa.date32())")
    try:
        return col.cast(pa.date32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as e:
        raise TypeError(f"column {name!r} holds dates (date32, date64 or ISO text), not {t}: {e}") from None


# ---- the rules' input fields, from the registry --------------------------------------------------------

_SHAPES: Dict[str, Dict[str, Any]] = {r["id"]: r for r in json.loads(_native.describe())["rules"]}


def _fields(rule: str, skip: Sequence[str] = ()) -> Dict[str, Tuple[str, bool]]:
    """The columns of a rule's input, flattened (a nested object's fields, an array of objects' fields):
    name → (shape type, required — in every object above it too)."""
    out: Dict[str, Tuple[str, bool]] = {}

    def walk(shape: Dict[str, Any], required: bool) -> None:
        for f in shape["fields"]:
            s, req = f["shape"], required and f["required"]
            if f["name"] in skip:
                continue
            if s["type"] == "object":
                walk(s, req)
            elif s["type"] == "array" and s["items"]["type"] == "object":
                walk(s["items"], req)
            else:
                out[f["name"]] = (s["type"], req)

    walk(_SHAPES[rule]["input"], True)
    return out


def _row_table(table: pa.Table, rule: str, skip: Sequence[str] = ()) -> pa.Table:
    """The table as the row readers take it: one record batch; codes and text as ``string``; dates
    ``date32`` (or text); counts integers; money decimal, integer or text, never a float."""
    fields = _fields(rule, skip)
    missing = [n for n, (_, req) in fields.items() if req and n not in table.column_names]
    if missing:
        raise ValueError(f"the table has no column {', '.join(map(repr, missing))} ({rule} reads it)")
    cols: List[pa.Array] = []
    names: List[str] = []
    for name in table.column_names:
        if name not in fields or name in skip:
            continue
        kind = fields[name][0]
        col = _column(table, name)
        t = col.type
        if pa.types.is_dictionary(t):
            col = col.cast(t.value_type)
            t = col.type
        if pa.types.is_large_string(t) or str(t) == "string_view":
            col = col.cast(pa.string())
        if kind in ("count", "int", "long"):
            col = _whole(col, name, (pa.int64(),))
        elif kind == "date":
            if not pa.types.is_string(col.type):
                col = _dates(col, name)
        elif kind in ("money", "decimal"):
            if pa.types.is_floating(t):
                raise TypeError(f"column {name!r} holds money, which is never a binary float: use decimal, integer or text")
            if pa.types.is_decimal(t) or pa.types.is_integer(t):
                col = col.cast(pa.string())  # the exact decimal text, read as the wire's
        elif pa.types.is_integer(t):
            col = col.cast(pa.int64())
        cols.append(col)
        names.append(name)
    return pa.Table.from_arrays(cols, names=names) if names else pa.table({"_": pa.nulls(table.num_rows)}).select([])


# ---- the functions ---------------------------------------------------------------------------------------


def checkup_quote(
    table: Any,
    *,
    columns: Sequence[CheckupColumn] = ("unit_price", "price", "subsidy", "payable"),
    money: MoneyAs = "decimal",
    keep: Keep = None,
    edition: Optional[str] = None,
    lang: Lang = "en",
) -> Any:
    """``checkup.quote`` per row (§9 五): column ``package`` (codes or the plan's names; dictionary-encoded
    or not), optional ``count`` (without the column, one checkup per row; a null count is a bad row).

    Result columns: those of ``columns`` — ``unit_price`` and the row's ``price``, ``subsidy`` (市总补贴)
    and ``payable`` (实付) — in that order (``X_fen`` with ``money="fen"``). Write only what you need:
    ``columns=("subsidy", "payable")`` writes two.
    """
    t, kind = _table(table)
    package = _codes(_column(t, "package"), "package")
    c = _optional(t, "count")
    count = None if c is None else _whole(c, "count")
    out = _native.batch_checkup(package, count, list(columns), fen=_fen(money), edition=edition, lang=lang)
    return _answer(out, table, t, kind, keep)


def e_premium(
    table: Any, *, money: MoneyAs = "decimal", keep: Keep = None, edition: Optional[str] = None, lang: Lang = "en"
) -> Any:
    """The tier E premium for cover starting on each row's ``coverage_start`` (§5 一(五)3): the fee
    :func:`shftu_rules.mutual_aid.enroll` gives an accepted tier-E enrolment starting that day. Result
    column: ``premium``. A null start, or one outside the plan's dates or after the cover's end, is a bad row.
    """
    t, kind = _table(table)
    start = _dates(_column(t, "coverage_start"), "coverage_start")
    out = _native.batch_e_premium(start, fen=_fen(money), edition=edition, lang=lang)
    return _answer(out, table, t, kind, keep)


def hospital_days(
    table: Any,
    *,
    tier: str = "E",
    money: MoneyAs = "decimal",
    keep: Keep = None,
    edition: Optional[str] = None,
    lang: Lang = "en",
) -> Any:
    """Hospital-day claims under the period's day limit (§5 一(二) 住院), decided in row order per policy.

    Columns: ``policy_id`` (any integer or text column), ``days``, optional ``tier`` (else every row has
    the ``tier`` argument). Each row is one claim; the days already paid carry over from row to row of the
    same policy, counted per tier. Result columns: ``payable``, ``paid_days`` and ``reason``
    (``benefit_cap_reached`` when the days were cut, ``not_covered`` for a tier without the benefit).
    """
    t, kind = _table(table)
    pid = _column(t, "policy_id")
    days = _whole(_column(t, "days"), "days", (pa.int64(),))
    tcol = _optional(t, "tier")
    mm = pc.min_max(pid).as_py() if pa.types.is_integer(pid.type) else {"min": None, "max": None}
    lo, hi = mm["min"], mm["max"]
    if lo is not None and hi is not None and lo >= 0 and hi < max(4 * len(pid), 1 << 16):
        # Small non-negative integer ids are the policy numbers themselves (no hashing).
        key, policies = pid.cast(pa.int32()), hi + 1
    else:
        enc = pc.dictionary_encode(pid.cast(pa.string()) if pa.types.is_dictionary(pid.type) else pid)
        key, policies = enc.indices.cast(pa.int32()), len(enc.dictionary)
    out = _native.batch_hospital_days(
        key,
        policies,
        days,
        None if tcol is None else _codes(tcol, "tier"),
        tier,
        fen=_fen(money),
        edition=edition,
        lang=lang,
    )
    return _answer(out, table, t, kind, keep)


def enroll(
    table: Any, *, money: MoneyAs = "decimal", keep: Keep = None, edition: Optional[str] = None, lang: Lang = "en"
) -> Any:
    """``mutual_aid.enroll`` per row: columns ``tier``, ``channel``, ``date``, ``industry``, ``birth_date``,
    optional ``platform_worker``, ``renewing_2022_plan``. Result columns: the fields of
    :class:`shftu_rules.mutual_aid.Enrollment`."""
    t, kind = _table(table)
    out = _native.batch_enroll(_row_table(t, "mutual_aid.enroll"), fen=_fen(money), edition=edition, lang=lang)
    return _answer(out, table, t, kind, keep)


def adjudicate(
    table: Any, *, money: MoneyAs = "decimal", keep: Keep = None, edition: Optional[str] = None, lang: Lang = "en"
) -> Any:
    """``mutual_aid.adjudicate`` over a population of policies: each row is a claim of the policy
    ``policy_id`` (any integer or text column), the policy's ``tier``, ``coverage_start`` and
    ``coverage_end`` repeated on each of its rows, then the claim's ``benefit``, ``event_date``,
    ``filed_on`` and optional ``days``, ``grade``, ``amount``. Each policy's claims are decided together, as
    one request would decide them. Result columns: the fields of :class:`shftu_rules.mutual_aid.ClaimDecision`.

    A row that cannot be read, whose policy columns differ from its policy's first row, or that the rule
    refuses (a filing before the event) gets its error and is left out of its policy's claims. Tier changes
    are not a column: decide a policy with upgrades with :func:`shftu_rules.mutual_aid.adjudicate`.
    """
    t, kind = _table(table)
    pid = _column(t, "policy_id")
    key = pc.dictionary_encode(pid.cast(pa.string()) if pa.types.is_dictionary(pid.type) else pid).indices
    rows_ = _row_table(t, "mutual_aid.adjudicate", skip=("changes",))
    out = _native.batch_adjudicate(rows_, key.cast(pa.int32()), fen=_fen(money), edition=edition, lang=lang)
    return _answer(out, table, t, kind, keep)


def rows(
    rule: str,
    table: Any,
    *,
    money: MoneyAs = "decimal",
    keep: Keep = None,
    edition: Optional[str] = None,
    lang: Lang = "en",
) -> Any:
    """Any rule whose input is flat, one row per request (e.g. ``mutual_aid.claim_deadline``): the columns
    are its input fields, the answer's columns its result's fields."""
    if rule not in _SHAPES:
        raise _unknown_rule(rule)
    t, kind = _table(table)
    out = _native.batch_rows(rule, _row_table(t, rule), fen=_fen(money), edition=edition, lang=lang)
    return _answer(out, table, t, kind, keep)


def claim_deadline(
    table: Any, *, keep: Keep = None, edition: Optional[str] = None, lang: Lang = "en"
) -> Any:
    """``mutual_aid.claim_deadline`` per row: ``benefit``, ``coverage_end``, optional ``event_date``.
    Result columns: ``last_day``, ``basis``, ``period``."""
    return rows("mutual_aid.claim_deadline", table, keep=keep, edition=edition, lang=lang)


def _unknown_rule(rule: str) -> Exception:
    from . import UnknownRule

    e = UnknownRule(f"unknown rule {rule!r}")
    e.code, e.path = "unknown_rule", "rule"
    return e
