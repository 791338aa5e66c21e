"""The batch API: Arrow, pandas and polars in; one row out per row in; batch == scalar."""

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

D = datetime.date
PACKAGES = ["L1", "L2", "L3", "L4", "cardio", "blood", "female_two", "tumor", "stroke"]
INDUSTRIES = ["courier", "freight_driver", "food_delivery", "ride_hailing", "caregiver", "sanitation", "street_staff"]
BENEFITS = [
    "hospital_days",
    "critical_illness",
    "ci_medical_subsidy",
    "accident_death",
    "accident_disability",
    "accident_consolation",
    "disease_death",
]


def test_checkup_quote_columns_and_types() -> None:
    t = pa.table({"package": ["L1", "cardio", "nope", None], "count": pa.array([2, None, 1, 1], pa.int32())})
    out = batch.checkup_quote(t)
    assert out.num_rows == 4
    assert out.schema.field("payable").type == pa.decimal128(18, 2)
    rows = out.to_pylist()
    q = checkup.quote(lines=[{"package": "L1", "count": 2}]).lines[0]
    assert rows[0]["unit_price"] == q.unit_price and rows[0]["payable"] == q.payable and rows[0]["error"] is None
    assert rows[1]["subsidy"] == checkup.quote(lines=[{"package": "cardio", "count": 1}]).total.subsidy
    assert rows[2]["error_code"] == "invalid_input" and rows[2]["payable"] is None
    assert rows[3]["error_code"] == "invalid_input"


def test_dictionary_encoded_strings_and_record_batches() -> None:
    t = pa.table({"package": pa.array(["L1", "L2", None, "L1", "zz"]).dictionary_encode(),
                  "count": pa.array([1, -2, 1, 3, 1], pa.int8())})
    out = batch.checkup_quote(t.to_batches()[0]).to_pylist()
    assert [r["error_code"] for r in out] == [None, "invalid_input", "invalid_input", None, "invalid_input"]
    assert "zero or more" in out[1]["error"] and out[3]["payable"] == 3 * out[0]["payable"]
    chunked = pa.concat_tables([t.slice(0, 2), t.slice(2)])
    assert batch.checkup_quote(chunked).to_pylist() == out


def test_pandas_and_polars_frames() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    rows = {
        "tier": ["E", "D"],
        "channel": ["group", "group"],
        "date": [D(2023, 5, 15), D(2023, 1, 10)],
        "industry": ["courier", "sanitation"],
        "birth_date": [D(1990, 1, 1), D(1970, 6, 1)],
    }
    want = batch.enroll(pa.table(rows)).to_pylist()
    got_pd = batch.enroll(pd.DataFrame(rows).astype({"tier": "category"})).to_pylist()
    got_pl = batch.enroll(pl.DataFrame(rows).with_columns(pl.col("industry").cast(pl.Categorical))).to_pylist()
    assert got_pd == want and got_pl == want
    assert want[0]["fee"] == Decimal("72.00") and want[1]["fee_kind"] == "union_dues"


def test_float_money_column_is_a_type_error_naming_it() -> None:
    t = pa.table(
        {
            "policy_id": ["a"],
            "tier": ["E"],
            "coverage_start": [D(2023, 1, 1)],
            "coverage_end": [D(2023, 12, 31)],
            "benefit": ["ci_medical_subsidy"],
            "event_date": [D(2023, 3, 1)],
            "filed_on": [D(2023, 4, 1)],
            "amount": [5000.0],
        }
    )
    with pytest.raises(TypeError, match="amount"):
        batch.adjudicate(t)


def test_timestamp_column_is_a_type_error() -> None:
    t = pa.table({"benefit": ["disease_death"], "coverage_end": pa.array([datetime.datetime(2023, 12, 31)])})
    with pytest.raises(TypeError, match="coverage_end"):
        batch.claim_deadline(t)


def test_missing_column_is_an_error_for_the_call() -> None:
    with pytest.raises(ValueError, match="package"):
        batch.checkup_quote(pa.table({"pkg": ["L1"]}))


def test_adjudicate_groups_by_policy_in_row_order_and_isolates_bad_rows() -> None:
    pol = {"tier": "E", "coverage_start": D(2023, 1, 1), "coverage_end": D(2023, 12, 31)}
    claims = [
        ("p1", {"benefit": "hospital_days", "event_date": D(2023, 3, 1), "filed_on": D(2023, 4, 1), "days": 100}),
        ("p2", {"benefit": "accident_death", "event_date": D(2023, 3, 1), "filed_on": D(2023, 4, 1)}),
        ("p1", {"benefit": "hospital_days", "event_date": D(2023, 5, 1), "filed_on": D(2023, 4, 1), "days": 5}),
        ("p1", {"benefit": "hospital_days", "event_date": D(2023, 6, 1), "filed_on": D(2023, 7, 1), "days": 100}),
        ("p2", {"benefit": "disease_death", "event_date": D(2023, 5, 1), "filed_on": D(2023, 6, 1)}),
    ]
    cols: Dict[str, List[Any]] = {k: [] for k in ["policy_id", "tier", "coverage_start", "coverage_end", "benefit", "event_date", "filed_on", "days"]}
    for pid, c in claims:
        cols["policy_id"].append(pid)
        for k, v in pol.items():
            cols[k].append(v)
        for k in ["benefit", "event_date", "filed_on"]:
            cols[k].append(c[k])
        cols["days"].append(c.get("days"))
    out = batch.adjudicate(pa.table(cols)).to_pylist()
    # Row 2 is filed before its event: an error for that row only.
    assert out[2]["error_code"] == "invalid_input" and out[2]["status"] is None
    good_p1 = [c for i, (p, c) in enumerate(claims) if p == "p1" and i != 2]
    want_p1 = mutual_aid.adjudicate(policy=pol, claims=good_p1).decisions
    assert [out[0]["payable"], out[3]["payable"]] == [d.payable for d in want_p1]
    assert out[3]["status"] == "partially_paid" and out[3]["reasons"] == ["benefit_cap_reached"]
    want_p2 = mutual_aid.adjudicate(policy=pol, claims=[c for p, c in claims if p == "p2"]).decisions
    assert [out[1]["status"], out[4]["status"]] == [d.status for d in want_p2]
    assert out[4]["reasons"] == ["death_benefit_already_paid"]


# ---- properties -------------------------------------------------------------------------------------

dates_2023 = st.dates(min_value=D(2022, 11, 1), max_value=D(2024, 1, 31))


@st.composite
def enroll_rows(draw: Any) -> Dict[str, Any]:
    return {
        "tier": draw(st.sampled_from(["C", "D", "E", "X"])),
        "channel": draw(st.sampled_from(["group", "individual"])),
        "date": draw(dates_2023),
        "industry": draw(st.sampled_from(INDUSTRIES)),
        "birth_date": draw(st.dates(min_value=D(1950, 1, 1), max_value=D(2005, 12, 31))),
        "platform_worker": draw(st.booleans()),
        "renewing_2022_plan": draw(st.booleans()),
    }


def scalar_enroll(row: Dict[str, Any]) -> Dict[str, Any]:
    try:
        d = mutual_aid.enroll(**row).to_dict()
    except shftu_rules.ShftuError as e:
        return {"error_code": e.code}
    d["error_code"] = None
    return d


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(enroll_rows(), min_size=1, max_size=30))
def test_batch_enroll_equals_scalar(rows: List[Dict[str, Any]]) -> None:
    out = batch.enroll(pa.Table.from_pylist(rows)).to_pylist()
    for row, got in zip(rows, out):
        want = scalar_enroll(row)
        if want["error_code"] is not None:
            assert got["error_code"] == want["error_code"]
            continue
        assert {k: got[k] for k in want} == want


@st.composite
def claim_rows(draw: Any) -> Dict[str, Any]:
    benefit = draw(st.sampled_from(BENEFITS))
    event = draw(st.dates(min_value=D(2022, 12, 1), max_value=D(2024, 1, 31)))
    return {
        "policy_id": draw(st.sampled_from(["a", "b", "c"])),
        "benefit": benefit,
        "event_date": event,
        "filed_on": event + datetime.timedelta(days=draw(st.integers(-3, 900))),
        "days": draw(st.integers(0, 200)) if benefit == "hospital_days" else None,
        "grade": draw(st.integers(0, 11)) if benefit == "accident_disability" else None,
        "amount": Decimal(draw(st.integers(150000, 8100000))) / 100 if benefit == "ci_medical_subsidy" else None,
    }


TIERS = {"a": "C", "b": "D", "c": "E"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(claim_rows(), min_size=1, max_size=25))
def test_batch_adjudicate_equals_scalar(rows: List[Dict[str, Any]]) -> None:
    for r in rows:
        r.update(tier=TIERS[r["policy_id"]], coverage_start=D(2023, 1, 1), coverage_end=D(2023, 12, 31))
    table = pa.Table.from_pylist(rows, schema=pa.schema([
        ("policy_id", pa.string()), ("tier", pa.string()), ("coverage_start", pa.date32()),
        ("coverage_end", pa.date32()), ("benefit", pa.string()), ("event_date", pa.date32()),
        ("filed_on", pa.date32()), ("days", pa.int64()), ("grade", pa.int64()), ("amount", pa.decimal128(12, 2)),
    ]))
    out = batch.adjudicate(table).to_pylist()
    for pid, tier in TIERS.items():
        idx = [i for i, r in enumerate(rows) if r["policy_id"] == pid]
        policy = {"tier": tier, "coverage_start": D(2023, 1, 1), "coverage_end": D(2023, 12, 31)}
        # The scalar reference: leave out the rows the batch refused, decide the rest in order.
        ok = [i for i in idx if out[i]["error_code"] is None]
        for i in idx:
            if out[i]["error_code"] is not None:
                with pytest.raises(shftu_rules.InvalidInput):
                    mutual_aid.adjudicate(policy=policy, claims=[_claim(rows[i])])
        if not ok:
            continue
        want = mutual_aid.adjudicate(policy=policy, claims=[_claim(rows[i]) for i in ok]).decisions
        for i, d in zip(ok, want):
            assert (out[i]["status"], out[i]["payable"], out[i]["reasons"]) == (d.status, d.payable, list(d.reasons))


def _claim(r: Dict[str, Any]) -> Dict[str, Any]:
    return {k: r[k] for k in ["benefit", "event_date", "filed_on", "days", "grade", "amount"] if r[k] is not None}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PACKAGES), st.one_of(st.none(), st.integers(0, 10_000))), min_size=1, max_size=40))
def test_batch_checkup_equals_scalar(rows: List[Any]) -> None:
    t = pa.table({"package": [p for p, _ in rows], "count": pa.array([c for _, c in rows], pa.int64())})
    out = batch.checkup_quote(t).to_pylist()
    for (p, c), got in zip(rows, out):
        line = checkup.quote(lines=[{"package": p, "count": 1 if c is None else c}]).lines[0]
        assert (got["unit_price"], got["price"], got["subsidy"], got["payable"]) == (
            line.unit_price, line.price, line.subsidy, line.payable,
        )


money_cents = st.integers(min_value=200_000, max_value=8_000_000)


@settings(max_examples=100, deadline=None)
@given(money_cents, st.sampled_from(["decimal", "str", "int"]))
def test_money_round_trips_exactly(cents: int, form: str) -> None:
    value = Decimal(cents).scaleb(-2)
    arg: Any = {"decimal": value, "str": format(value, "f"), "int": cents // 100}[form]
    exact = value if form != "int" else Decimal(cents // 100)
    a = mutual_aid.adjudicate(
        policy={"tier": "E", "coverage_start": D(2023, 1, 1), "coverage_end": D(2023, 12, 31)},
        claims=[{"benefit": "ci_medical_subsidy", "event_date": D(2023, 3, 1), "filed_on": D(2023, 4, 1), "amount": arg}],
    )
    assert a.total_payable == exact and a.total_payable.as_tuple().exponent == -2
    col = pa.array([exact], pa.decimal128(18, 2))
    t = pa.table({
        "policy_id": ["x"], "tier": ["E"], "coverage_start": [D(2023, 1, 1)], "coverage_end": [D(2023, 12, 31)],
        "benefit": ["ci_medical_subsidy"], "event_date": [D(2023, 3, 1)], "filed_on": [D(2023, 4, 1)], "amount": col,
    })
    assert batch.adjudicate(t).column("payable").to_pylist() == [exact]


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10**14 - 1))
def test_decimal_text_forms_agree(cents: int) -> None:
    value = Decimal(cents).scaleb(-2)
    forms: List[Optional[Any]] = [value, format(value, "f"), value.normalize() if value else value]
    answers = {shftu_rules.love_shanghai.goods_check(spent_per_person=f, amount_per_person=0).excess for f in forms}
    assert len(answers) == 1


# ---- column-kernel batch functions: e_premium, hospital_days ----------------------------------------

COVER_END = D(2023, 12, 31)


def _enroll_e(day: D, channel: str) -> Any:
    return mutual_aid.enroll(tier="E", channel=channel, date=day, industry="courier", birth_date=D(1990, 1, 1),
                             platform_worker=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.dates(min_value=D(2022, 11, 15), max_value=D(2024, 1, 31)),
                          st.sampled_from(["group", "individual"]),
                          st.sampled_from(["enrol", "null", "raw"]),
                          st.dates(min_value=D(2022, 1, 1), max_value=D(2024, 12, 31))),
                min_size=1, max_size=40))
def test_batch_e_premium_equals_enroll_fee(rows: List[Any]) -> None:
    starts: List[Optional[D]] = []
    want: List[Optional[Decimal]] = []
    for day, channel, kind, raw in rows:
        e = _enroll_e(day, channel)
        if kind == "enrol" and e.accepted and e.coverage_start is not None and e.fee is not None:
            starts.append(e.coverage_start)
            want.append(e.fee)
        elif kind == "null":
            starts.append(None)
            want.append(None)
        else:
            # Any start: after the coverage end it is a bad row, else one of the two premiums.
            starts.append(raw)
            want.append(None)
    out = batch.e_premium(pa.table({"coverage_start": pa.array(starts, pa.date32())}))
    assert out.schema.field("premium").type == pa.decimal128(18, 2)
    assert out.column_names == ["premium", "error_code", "error"]
    for start, w, got in zip(starts, want, out.to_pylist()):
        if start is None or start > COVER_END:
            assert got["premium"] is None and got["error_code"] == "invalid_input"
            assert "coverage_start" in got["error"]
        elif w is not None:
            assert (got["premium"], got["error_code"], got["error"]) == (w, None, None)
        else:
            assert got["premium"] in (Decimal("72.00"), Decimal("36.00")) and got["error_code"] is None


def test_e_premium_bad_rows_name_the_row_and_never_fail_the_batch() -> None:
    t = pa.table({"coverage_start": pa.array([D(2023, 1, 1), None, D(2024, 1, 1), D(2023, 7, 1)], pa.date32())})
    out = batch.e_premium(t).to_pylist()
    assert [r["premium"] for r in out] == [Decimal("72.00"), None, None, Decimal("36.00")]
    assert [r["error_code"] for r in out] == [None, "invalid_input", "invalid_input", None]
    assert "row 1" in out[1]["error"] and "row 2" in out[2]["error"] and "coverage end" in out[2]["error"]
    # A sliced (offset) column is read at its offset.
    assert batch.e_premium(t.slice(2)).column("premium").to_pylist() == [None, Decimal("36.00")]


def test_e_premium_date_forms_agree() -> None:
    days = [D(2023, 1, 1), D(2023, 6, 30), D(2023, 7, 1), D(2023, 12, 31), D(2024, 2, 1)]
    want = batch.e_premium(pa.table({"coverage_start": pa.array(days, pa.date32())})).to_pylist()
    forms = [
        pa.table({"coverage_start": pa.array(days, pa.date64())}),
        pa.table({"coverage_start": [d.isoformat() for d in days]}),
        pa.table({"coverage_start": pa.array(days, pa.date32()).dictionary_encode()}),
        pa.table({"coverage_start": pa.array(days, pa.date32())}).to_batches()[0],
        pa.concat_tables([pa.table({"coverage_start": pa.array(days[:2], pa.date32())}),
                          pa.table({"coverage_start": pa.array(days[2:], pa.date32())})]),
    ]
    for f in forms:
        assert batch.e_premium(f).to_pylist() == want
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    assert batch.e_premium(pd.DataFrame({"coverage_start": days})).to_pylist() == want
    assert batch.e_premium(pl.DataFrame({"coverage_start": days})).to_pylist() == want
    with pytest.raises(TypeError, match="coverage_start"):
        batch.e_premium(pa.table({"coverage_start": [datetime.datetime(2023, 1, 1)]}))
    with pytest.raises(ValueError, match="coverage_start"):
        batch.e_premium(pa.table({"start": days}))


HOSPITAL_IDS: Dict[str, List[Any]] = {
    "int_range": [0, 1, 2],
    "int_sparse": [-7, 10**15, 42],
    "str": ["a", "b", "c"],
}


def _hospital_claims(days: List[int]) -> List[Dict[str, Any]]:
    out = []
    for i, n in enumerate(days):
        ev = D(2023, 1, 5) + datetime.timedelta(days=9 * i)
        out.append({"benefit": "hospital_days", "event_date": ev, "filed_on": ev + datetime.timedelta(days=30), "days": n})
    return out


def _daily(tier: str) -> Decimal:
    pol = {"tier": tier, "coverage_start": D(2023, 1, 1), "coverage_end": COVER_END}
    return mutual_aid.adjudicate(policy=pol, claims=_hospital_claims([1])).total_payable


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(HOSPITAL_IDS)), st.booleans(), st.booleans(),
       st.lists(st.tuples(st.integers(0, 2), st.one_of(st.none(), st.integers(-1, 200))), min_size=1, max_size=36),
       st.lists(st.sampled_from(["C", "D", "E"]), min_size=3, max_size=3))
def test_batch_hospital_days_equals_adjudicate(ids: str, dictionary: bool, tier_column: bool,
                                               rows: List[Any], tiers: List[str]) -> None:
    keys = HOSPITAL_IDS[ids]
    if not tier_column:
        tiers = ["E", "E", "E"]
    pid = pa.array([keys[p] for p, _ in rows])
    if dictionary:
        pid = pid.dictionary_encode()
    cols: Dict[str, Any] = {"policy_id": pid, "days": pa.array([d for _, d in rows], pa.int64())}
    if tier_column:
        cols["tier"] = [tiers[p] for p, _ in rows]
    out = batch.hospital_days(pa.table(cols)).to_pylist()
    assert len(out) == len(rows)
    for p in range(3):
        idx = [i for i, (q, _) in enumerate(rows) if q == p]
        for i in idx:
            d = rows[i][1]
            if d is None or d <= 0 or tiers[p] == "C":
                # Bad rows: marked, nulls in the result, left out of the policy's sequence.
                assert out[i]["error_code"] == "invalid_input" and out[i]["payable"] is None, (i, d, out[i])
                assert out[i]["paid_days"] is None and out[i]["error"]
        good = [i for i in idx if out[i]["error_code"] is None]
        if not good:
            continue
        policy = {"tier": tiers[p], "coverage_start": D(2023, 1, 1), "coverage_end": COVER_END}
        want = mutual_aid.adjudicate(policy=policy, claims=_hospital_claims([rows[i][1] for i in good])).decisions
        daily = _daily(tiers[p])
        for i, dec in zip(good, want):
            assert out[i]["payable"] == dec.payable
            assert out[i]["payable"] == daily * out[i]["paid_days"]
            assert out[i]["paid_days"] <= rows[i][1]


def test_hospital_days_tier_argument_and_column() -> None:
    t = pa.table({"policy_id": pa.array([5, 5, 5], pa.uint16()), "days": pa.array([100, 100, 100], pa.uint32())})
    e = batch.hospital_days(t).to_pylist()
    d = batch.hospital_days(t, tier="D").to_pylist()
    assert [r["paid_days"] for r in e] == [100, 80, 0] and e[2]["payable"] == Decimal("0.00")
    assert d[0]["payable"] == _daily("D") * 100
    c = batch.hospital_days(t, tier="C").to_pylist()
    assert all(r["error_code"] == "invalid_input" and "tier C" in r["error"] for r in c)
    with pytest.raises(shftu_rules.InvalidInput):
        batch.hospital_days(t, tier="X")
    # Mixed tiers: each tier's rows are their own sequence, a policy's day count kept per tier.
    m = pa.table({"policy_id": ["p", "p", "p", "p"], "days": [150, 150, 50, 50], "tier": ["E", "D", "E", "X"]})
    out = batch.hospital_days(m, tier="C").to_pylist()
    assert [r["paid_days"] for r in out] == [150, 150, 30, None]
    assert out[3]["error_code"] == "invalid_input"


def test_hospital_days_bad_cells_are_bad_rows_only() -> None:
    t = pa.table({
        "policy_id": pa.array(["a", None, "a", "a", "b"]).dictionary_encode(),
        "days": pa.array([120, 10, None, -3, 2**40], pa.int64()),
    })
    out = batch.hospital_days(t).to_pylist()
    assert out[0]["paid_days"] == 120 and out[0]["error"] is None
    assert ["policy_id" in out[1]["error"], "days" in out[2]["error"], "days" in out[3]["error"], "days" in out[4]["error"]] == [True] * 4
    assert all(r["error_code"] == "invalid_input" and r["payable"] is None for r in out[1:])
    with pytest.raises(TypeError, match="days"):
        batch.hospital_days(pa.table({"policy_id": [1], "days": [1.5]}))
    with pytest.raises(ValueError, match="days"):
        batch.hospital_days(pa.table({"policy_id": [1]}))


def test_hospital_days_from_pandas_and_polars() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    rows = {"policy_id": ["x", "y", "x"], "days": [170, 5, 20]}
    want = batch.hospital_days(pa.table(rows)).to_pylist()
    assert [r["paid_days"] for r in want] == [170, 5, 10]
    assert batch.hospital_days(pd.DataFrame(rows).astype({"policy_id": "category"})).to_pylist() == want
    assert batch.hospital_days(pl.DataFrame(rows).with_columns(pl.col("policy_id").cast(pl.Categorical))).to_pylist() == want


def test_kernel_batches_on_empty_and_sliced_tables() -> None:
    empty = batch.e_premium(pa.table({"coverage_start": pa.array([], pa.date32())}))
    assert empty.num_rows == 0 and empty.schema.field("premium").type == pa.decimal128(18, 2)
    none = batch.hospital_days(pa.table({"policy_id": pa.array([], pa.int64()), "days": pa.array([], pa.int64())}))
    assert none.num_rows == 0 and none.schema.field("paid_days").type == pa.uint32()
    t = pa.table({"policy_id": [1, 1, 2, 1], "days": pa.array([100, 50, 10, 50], pa.uint32())})
    # The slice starts a fresh sequence: its first row of policy 1 is the first claim.
    assert batch.hospital_days(t.slice(1)).column("paid_days").to_pylist() == [50, 10, 50]
    assert batch.hospital_days(t).column("paid_days").to_pylist() == [100, 50, 10, 30]


def _fen(col: List[Optional[Decimal]]) -> List[Optional[int]]:
    return [None if x is None else int(x * 100) for x in col]


def test_money_fen_is_the_decimal_answer_in_int64_fen() -> None:
    # Every kernel-backed function: the same rows, errors and nulls; each amount column X as X_fen.
    ck = pa.table({"package": ["L1", "tumor", "nope", None, "stroke"], "count": pa.array([1, 3, 1, 1, None], pa.int64())})
    starts = pa.table({"coverage_start": pa.array([D(2023, 1, 1), D(2023, 7, 31), None, D(2024, 2, 1)], pa.date32())})
    hd = pa.table({"policy_id": [7, 7, 8, 7], "days": pa.array([150, 50, 0, 10], pa.int64())})
    for f, table, amounts in [
        (batch.checkup_quote, ck, ["unit_price", "price", "subsidy", "payable"]),
        (batch.e_premium, starts, ["premium"]),
        (batch.hospital_days, hd, ["payable"]),
    ]:
        dec, fen = f(table), f(table, money="fen")  # type: ignore[operator]
        assert dec.num_rows == fen.num_rows == table.num_rows
        for name in amounts:
            assert fen.schema.field(f"{name}_fen").type == pa.int64() and f"{name}" not in fen.column_names
            assert fen.column(f"{name}_fen").to_pylist() == _fen(dec.column(name).to_pylist())
        assert fen.column("error_code").to_pylist() == dec.column("error_code").to_pylist()
        assert fen.column("error").to_pylist() == dec.column("error").to_pylist()
        assert dec.column("error_code").null_count < table.num_rows  # the tables hold good and bad rows
        assert dec.column("error_code").null_count > 0
    with pytest.raises(shftu_rules.InvalidInput, match="money"):
        batch.e_premium(starts, money="float")  # type: ignore[arg-type]


def test_hospital_days_refusals_name_their_cause() -> None:
    t = pa.table({"policy_id": [1, 1, 2], "days": pa.array([0, 5, 5], pa.int64()), "tier": ["E", "E", "C"]})
    out = batch.hospital_days(t).to_pylist()
    assert "at least 1" in out[0]["error"] and out[1]["error"] is None
    assert "tier C has no hospital-day benefit" in out[2]["error"]


def test_dictionary_package_column_with_bad_and_null_values() -> None:
    # Dictionary keys of several integer widths, read in place; a bad value or a null key is a bad row.
    for index_type in [pa.int8(), pa.uint16(), pa.int32(), pa.int64()]:
        keys = pa.array([0, 1, None, 2, 0], index_type)
        col = pa.DictionaryArray.from_arrays(keys, pa.array(["L1", "nope", "tumor"]))
        out = batch.checkup_quote(pa.table({"package": col})).to_pylist()
        assert [r["payable"] for r in out] == [Decimal("155.00"), None, None, Decimal("150.00"), Decimal("155.00")]
        assert out[1]["error_code"] == out[2]["error_code"] == "invalid_input"
        assert "package" in out[1]["error"] and "required" in out[2]["error"]
