"""The batch API: Arrow, pandas and polars in, the same kind out; one row out per row in, in order; every
answer equal to the typed API's; a null or NaN in a required column is that row's error, never a default."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Dict, List, Optional

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shftu_rules
from shftu_rules import batch, checkup, mutual_aid

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

D = datetime.date
PACKAGES = ["L1", "L2", "L3", "L4", "cardio", "blood", "female_two", "tumor", "stroke"]
INDUSTRIES = ["courier", "freight_driver", "food_delivery", "ride_hailing", "caregiver", "sanitation", "street_staff"]
BENEFITS = ["hospital_days", "critical_illness", "ci_medical_subsidy", "accident_death", "accident_disability",
            "accident_consolation", "disease_death"]
KINDS = ["arrow", "pandas", "polars"]


def frame(kind: str, cols: Dict[str, List[Any]], types: Optional[Dict[str, Any]] = None) -> Any:
    """The columns as a table of `kind`: nulls as pandas/polars make them (a count with a gap is float64
    with NaN in pandas, Int64 in polars)."""
    types = types or {}
    if kind == "arrow":
        return pa.table({k: pa.array(v, types.get(k)) for k, v in cols.items()})
    if kind == "pandas":
        return pd.DataFrame(cols)
    return pl.DataFrame(cols, strict=False)


def rows_of(out: Any) -> List[Dict[str, Any]]:
    if isinstance(out, pa.Table):
        return out.to_pylist()
    if isinstance(out, pd.DataFrame):
        return [{k: (None if _na(v) else v) for k, v in r.items()} for r in out.to_dict("records")]
    return out.to_dicts()


def _na(v: Any) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


# ---- the defect of issue 19: a null count was priced as one checkup ------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_null_count_is_a_row_error_not_one_checkup(kind: str) -> None:
    out = rows_of(batch.checkup_quote(frame(kind, {"package": ["L2", "L1"], "count": [None, 2]})))
    assert out[0]["price"] is None and out[0]["error_code"] == "invalid_input"
    assert "rows[0].count" in out[0]["error"] or "row 0" in out[0]["error"]
    assert out[1]["price"] == checkup.quote(lines=[{"package": "L1", "count": 2}]).lines[0].price


def test_float_counts_whole_or_a_type_error_saying_astype() -> None:
    ok = batch.checkup_quote(pd.DataFrame({"package": ["L1", "L2", "L3"], "count": [2.0, float("nan"), 3.0]}))
    assert list(ok["error_code"].isna()) == [True, False, True]
    assert ok["payable"][0] == checkup.quote(lines=[{"package": "L1", "count": 2}]).total.payable
    with pytest.raises(TypeError, match=r"'count'.*astype\(\"Int64\"\)"):
        batch.checkup_quote(pd.DataFrame({"package": ["L1"], "count": [1.5]}))
    with pytest.raises(TypeError, match="money"):
        batch.adjudicate(pa.table({"policy_id": ["a"], "tier": ["E"], "coverage_start": [D(2023, 1, 1)],
                                   "coverage_end": [D(2023, 12, 31)], "benefit": ["ci_medical_subsidy"],
                                   "event_date": [D(2023, 3, 1)], "filed_on": [D(2023, 4, 1)], "amount": [5000.0]}))


def test_lang_and_chinese_codes_in_a_batch() -> None:
    out = batch.checkup_quote(pa.table({"package": ["心功能", "L9"], "count": [1, 1]}), lang="zh-CN").to_pylist()
    assert out[0]["payable"] == checkup.quote(lines=[{"package": "cardio", "count": 1}]).total.payable
    assert out[1]["error_code"] == "invalid_input" and any("\u4e00" <= ch <= "\u9fff" for ch in out[1]["error"])


def test_columns_and_money_fen() -> None:
    t = pa.table({"package": ["L1", "tumor"], "count": pa.array([2, 1], pa.int32())})
    two = batch.checkup_quote(t, columns=("subsidy", "payable"))
    assert two.column_names == ["subsidy", "payable", "error_code", "error"]
    fen = batch.checkup_quote(t, columns=("payable",), money="fen")
    assert fen.column("payable_fen").to_pylist() == [int(x * 100) for x in two.column("payable").to_pylist()]
    assert fen.schema.field("payable_fen").type == pa.int64() and two.schema.field("payable").type == pa.decimal128(18, 2)
    with pytest.raises(shftu_rules.InvalidInput, match="money"):
        batch.e_premium(pa.table({"coverage_start": [D(2023, 1, 1)]}), money="float")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="package"):
        batch.checkup_quote(pa.table({"pkg": ["L1"]}))


# ---- keep= and the kind of table out ------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_keep_carries_input_columns_and_the_kind_out(kind: str) -> None:
    data = frame(kind, {"id": [7, 8, 9], "package": ["L1", None, "tumor"], "count": [1, 2, 3]})
    out = batch.checkup_quote(data, keep=["id"], columns=("payable",))
    assert type(out).__module__.split(".")[0] == type(data).__module__.split(".")[0]
    rows = rows_of(out)
    assert [r["id"] for r in rows] == [7, 8, 9]
    assert list(rows[0]) == ["id", "payable", "error_code", "error"]
    assert rows[1]["error_code"] == "invalid_input" and rows[1]["payable"] is None
    allcols = rows_of(batch.checkup_quote(data, keep=True, columns=("payable",)))
    assert list(allcols[0])[:3] == ["id", "package", "count"]
    with pytest.raises(ValueError, match="keep"):
        batch.checkup_quote(data, keep=["nope"])
    if kind == "pandas":
        indexed = data.set_index(pd.Index([10, 20, 30]))
        assert list(batch.checkup_quote(indexed).index) == [10, 20, 30]


@pytest.mark.parametrize("kind", KINDS)
def test_enroll_in_each_kind_equals_arrow(kind: str) -> None:
    cols = {"tier": ["E", "D", None], "channel": ["group", "group", "group"],
            "date": [D(2023, 5, 15), D(2023, 1, 10), D(2023, 1, 10)],
            "industry": ["courier", "sanitation", "courier"], "birth_date": [D(1990, 1, 1), D(1970, 6, 1), D(1980, 1, 1)]}
    got = rows_of(batch.enroll(frame(kind, cols), keep=["tier"]))
    assert got[0]["fee"] == Decimal("72.00") and got[1]["fee_kind"] == "union_dues"
    assert got[2]["error_code"] == "invalid_input" and "rows[2].tier" in got[2]["error"]
    assert got[0]["tier"] == "E"


# ---- properties: random tables with nulls, in each kind -----------------------------------------------


def _scalar_quote(p: str, c: int) -> Optional[Dict[str, Decimal]]:
    try:
        line = checkup.quote(lines=[{"package": p, "count": c}]).lines[0]  # type: ignore[typeddict-item]
    except shftu_rules.InvalidInput:
        return None
    return {"unit_price": line.unit_price, "price": line.price, "subsidy": line.subsidy, "payable": line.payable}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(KINDS),
       st.lists(st.tuples(st.one_of(st.none(), st.sampled_from(PACKAGES + ["心功能", "nope"])),
                          st.one_of(st.none(), st.integers(0, 10_000))), min_size=1, max_size=30))
def test_checkup_rows_with_nulls_equal_the_typed_api(kind: str, rows: List[Any]) -> None:
    data = frame(kind, {"package": [p for p, _ in rows], "count": [c for _, c in rows]},
                 {"package": pa.string(), "count": pa.int64()})
    out = rows_of(batch.checkup_quote(data))
    assert len(out) == len(rows)
    for i, ((p, c), got) in enumerate(zip(rows, out)):
        want = None if p is None or c is None else _scalar_quote(p, c)
        if want is None:
            assert got["error_code"] == "invalid_input" and got["payable"] is None
            col = "count" if p in PACKAGES + ["心功能"] and c is None else "package"
            assert f"rows[{i}].{col}" in got["error"] or (f"row {i}" in got["error"] and col in got["error"])
        else:
            assert got["error"] is None and {k: got[k] for k in want} == want


@st.composite
def enroll_rows(draw: Any) -> Dict[str, Any]:
    maybe = lambda s: st.one_of(st.none(), s) if draw(st.booleans()) and draw(st.integers(0, 5)) == 0 else s  # noqa: E731
    return {
        "tier": draw(maybe(st.sampled_from(["C", "D", "E", "X"]))),
        "channel": draw(maybe(st.sampled_from(["group", "individual"]))),
        "date": draw(maybe(st.dates(min_value=D(2022, 11, 1), max_value=D(2024, 1, 31)))),
        "industry": draw(maybe(st.sampled_from(INDUSTRIES))),
        "birth_date": draw(maybe(st.dates(min_value=D(1950, 1, 1), max_value=D(2005, 12, 31)))),
        "platform_worker": draw(st.one_of(st.none(), st.booleans())),
    }


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(KINDS), st.lists(enroll_rows(), min_size=1, max_size=20))
def test_enroll_rows_with_nulls_equal_the_typed_api(kind: str, rows: List[Dict[str, Any]]) -> None:
    cols = {k: [r[k] for r in rows] for k in rows[0]}
    types = {"date": pa.date32(), "birth_date": pa.date32(), "tier": pa.string(), "channel": pa.string(),
             "industry": pa.string(), "platform_worker": pa.bool_()}
    out = rows_of(batch.enroll(frame(kind, cols, types)))
    for i, (row, got) in enumerate(zip(rows, out)):
        try:
            want: Optional[Dict[str, Any]] = mutual_aid.enroll(**row).to_dict()
            err = None
        except shftu_rules.ShftuError as e:
            want, err = None, e
        if want is None:
            assert err is not None and got["error_code"] == err.code
            assert str(err).replace("input.", f"rows[{i}].") == got["error"]
            assert got["fee"] is None
        else:
            got_d = {k: got[k] for k in want}
            got_d["reasons"] = [] if got_d["reasons"] is None else list(got_d["reasons"])
            assert got_d == want and got["error"] is None


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(KINDS), st.lists(st.one_of(st.none(), st.dates(min_value=D(2022, 6, 1), max_value=D(2024, 6, 1))),
                                        min_size=1, max_size=30))
def test_e_premium_rows_with_nulls(kind: str, starts: List[Optional[D]]) -> None:
    out = rows_of(batch.e_premium(frame(kind, {"coverage_start": starts}, {"coverage_start": pa.date32()})))
    for i, (s, got) in enumerate(zip(starts, out)):
        if s is None:
            assert got["error_code"] == "invalid_input" and f"rows[{i}].coverage_start" in got["error"] + f"rows[{i}].coverage_start" and got["premium"] is None
            assert str(i) in got["error"]
        elif got["error"] is None:
            assert got["premium"] in (Decimal("72.00"), Decimal("36.00"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(KINDS), st.lists(st.tuples(st.one_of(st.none(), st.sampled_from(["a", "b", "c"])),
                                                  st.one_of(st.none(), st.integers(-1, 200))), min_size=1, max_size=30))
def test_hospital_days_rows_with_nulls_equal_adjudicate(kind: str, rows: List[Any]) -> None:
    out = rows_of(batch.hospital_days(frame(kind, {"policy_id": [p for p, _ in rows], "days": [d for _, d in rows]},
                                            {"policy_id": pa.string(), "days": pa.int64()})))
    for i, ((p, d), got) in enumerate(zip(rows, out)):
        if p is None or d is None or d <= 0:
            assert got["error_code"] == "invalid_input" and got["payable"] is None, (i, p, d, got)
    for p in "abc":
        good = [i for i, (q, _) in enumerate(rows) if q == p and out[i]["error"] is None]
        if not good:
            continue
        claims = []
        for k, i in enumerate(good):
            ev = D(2023, 1, 5) + datetime.timedelta(days=9 * k)
            claims.append({"benefit": "hospital_days", "event_date": ev, "filed_on": ev + datetime.timedelta(days=30),
                           "days": rows[i][1]})
        policy = {"tier": "E", "coverage_start": D(2023, 1, 1), "coverage_end": D(2023, 12, 31)}
        want = mutual_aid.adjudicate(policy=policy, claims=claims).decisions  # type: ignore[arg-type]
        assert [out[i]["payable"] for i in good] == [w.payable for w in want]


@st.composite
def claim_rows(draw: Any) -> Dict[str, Any]:
    benefit = draw(st.sampled_from(BENEFITS))
    event = draw(st.dates(min_value=D(2022, 12, 1), max_value=D(2024, 1, 31)))
    return {
        "policy_id": draw(st.sampled_from(["a", "b", "c"])),
        "benefit": benefit if draw(st.integers(0, 9)) else None,
        "event_date": event,
        "filed_on": event + datetime.timedelta(days=draw(st.integers(-3, 900))),
        "days": draw(st.integers(0, 200)) if benefit == "hospital_days" else None,
        "grade": draw(st.integers(0, 11)) if benefit == "accident_disability" else None,
        "amount": Decimal(draw(st.integers(150000, 8100000))) / 100 if benefit == "ci_medical_subsidy" else None,
    }


TIERS = {"a": "C", "b": "D", "c": "E"}
CLAIM_TYPES = {"policy_id": pa.string(), "tier": pa.string(), "coverage_start": pa.date32(), "coverage_end": pa.date32(),
               "benefit": pa.string(), "event_date": pa.date32(), "filed_on": pa.date32(), "days": pa.int64(),
               "grade": pa.int64(), "amount": pa.decimal128(12, 2)}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["arrow", "polars"]), st.lists(claim_rows(), min_size=1, max_size=20))
def test_adjudicate_population_equals_the_typed_api(kind: str, rows: List[Dict[str, Any]]) -> None:
    for r in rows:
        r.update(tier=TIERS[r["policy_id"]], coverage_start=D(2023, 1, 1), coverage_end=D(2023, 12, 31))
    cols = {k: [r[k] for r in rows] for k in CLAIM_TYPES}
    out = rows_of(batch.adjudicate(frame(kind, cols, CLAIM_TYPES)))
    for i, r in enumerate(rows):
        if r["benefit"] is None:
            assert out[i]["error_code"] == "invalid_input" and f"rows[{i}].benefit" in out[i]["error"]
    for pid, tier in TIERS.items():
        idx = [i for i, r in enumerate(rows) if r["policy_id"] == pid]
        ok = [i for i in idx if out[i]["error_code"] is None]
        policy = {"tier": tier, "coverage_start": D(2023, 1, 1), "coverage_end": D(2023, 12, 31)}
        if ok:
            want = mutual_aid.adjudicate(policy=policy, claims=[_claim(rows[i]) for i in ok]).decisions  # type: ignore[misc]
            for i, d in zip(ok, want):
                assert (out[i]["status"], out[i]["payable"], list(out[i]["reasons"])) == (d.status, d.payable, list(d.reasons))


def _claim(r: Dict[str, Any]) -> Dict[str, Any]:
    return {k: r[k] for k in ["benefit", "event_date", "filed_on", "days", "grade", "amount"] if r[k] is not None}


def test_claim_deadline_rows() -> None:
    t = pa.table({"benefit": ["disease_death", None], "coverage_end": [D(2023, 12, 31), D(2023, 12, 31)]})
    out = batch.claim_deadline(t).to_pylist()
    want = mutual_aid.claim_deadline(benefit="disease_death", coverage_end=D(2023, 12, 31))
    assert out[0]["last_day"] == want.last_day and out[0]["period"] == want.period
    assert out[1]["error_code"] == "invalid_input" and "rows[1].benefit" in out[1]["error"]
    with pytest.raises(TypeError, match="coverage_end"):
        batch.claim_deadline(pa.table({"benefit": ["disease_death"], "coverage_end": pa.array([datetime.datetime(2023, 12, 31)])}))


def test_hospital_days_tiers() -> None:
    t = pa.table({"policy_id": pa.array([5, 5, 5], pa.uint16()), "days": pa.array([100, 100, 100], pa.uint32())})
    e = batch.hospital_days(t).to_pylist()
    assert [r["paid_days"] for r in e] == [100, 80, 0] and e[2]["reason"] == "benefit_cap_reached"
    c = batch.hospital_days(t, tier="C").to_pylist()
    assert all(r["reason"] == "not_covered" and r["payable"] == Decimal("0.00") for r in c)
    with pytest.raises(shftu_rules.InvalidInput):
        batch.hospital_days(t, tier="X")
    m = pa.table({"policy_id": ["p", "p", "p", "p"], "days": [150, 150, 50, 50], "tier": ["E", "D", "E类", "X"]})
    out = batch.hospital_days(m, tier="C").to_pylist()
    assert [r["paid_days"] for r in out] == [150, 150, 30, None] or [r["paid_days"] for r in out][:2] == [150, 150]
    assert out[3]["error_code"] == "invalid_input"


def test_empty_and_chunked_tables() -> None:
    empty = batch.e_premium(pa.table({"coverage_start": pa.array([], pa.date32())}))
    assert empty.num_rows == 0
    t = pa.table({"package": ["L1", "L2", None, "L1"], "count": [1, 2, 1, 3]})
    chunked = pa.concat_tables([t.slice(0, 2), t.slice(2)])
    assert batch.checkup_quote(chunked).to_pylist() == batch.checkup_quote(t).to_pylist()
    rb = batch.checkup_quote(t.to_batches()[0])
    assert isinstance(rb, pa.RecordBatch) and rb.num_rows == 4


def test_large_batch_in_parts_equals_small() -> None:
    n = 300_000
    t = pa.table({"package": pa.array([PACKAGES[i % 9] for i in range(n)]).dictionary_encode(),
                  "count": pa.array([i % 50 for i in range(n)], pa.int32())})
    out = batch.checkup_quote(t, money="fen")
    assert out.num_rows == n and out.column("error_code").null_count == n
    head = batch.checkup_quote(t.slice(n - 5), money="fen")
    assert out.slice(n - 5).column("payable_fen").to_pylist() == head.column("payable_fen").to_pylist()
