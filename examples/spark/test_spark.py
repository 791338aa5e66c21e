"""examples/spark/job.py, small: 200,000 rows on local[2] (make spark).

The Spark totals (mapInArrow over shftu_rules.batch on the executors) equal the single-process totals
of the same rows exactly; bad rows come back as error columns without failing a task; the hospital-day
job needs its policy hold-back across Arrow batches.
"""

from __future__ import annotations

import os
import sys
from decimal import Decimal
from typing import Any, Dict, Iterator

import pyarrow as pa
import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import job  # noqa: E402

N = 200_000
PARTITIONS = 4
BATCH_ROWS = 20_000  # several Arrow batches per partition: policies straddle batch boundaries


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    s = job.make_spark("local[2]", BATCH_ROWS, shuffle_partitions=PARTITIONS, driver_memory="1g")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def outputs(spark: Any) -> Iterator[Dict[str, Any]]:
    """Each workload's Spark output, computed once (cached) for the totals and the error-row checks."""
    dfs = {w: job.spark_output(spark, w, N, PARTITIONS).cache() for w in job.WORKLOADS}
    yield dfs
    for df in dfs.values():
        df.unpersist()


@pytest.mark.parametrize("workload", job.WORKLOADS)
def test_spark_totals_equal_single_process(outputs: Dict[str, Any], workload: str) -> None:
    got = job.totals_of(outputs[workload], workload)
    want, _, _ = job.local_totals(workload, N)
    assert got == want
    assert got["rows"] == N and got["errors"] > 0
    for c in job.SUMS[workload]:
        assert got[c] > 0
        if c != "paid_days":
            assert isinstance(got[c], Decimal) and got[c] == got[c].quantize(Decimal("0.01"))


def errors(df: Any) -> list:
    return [r.asDict() for r in df.where("error_code IS NOT NULL").orderBy("id").collect()]


def test_bad_premium_rows_are_error_columns(outputs: Dict[str, Any]) -> None:
    out = outputs["premium"]
    assert dict(out.dtypes)["premium"] == "decimal(18,2)"
    bad = errors(out)
    assert [r["id"] for r in bad] == [7, 11, 100010, 100030]
    for r in bad:
        assert r["premium"] is None and r["error_code"] == "invalid_input"
    assert bad[0]["coverage_start"] is None and "coverage_start is null" in bad[0]["error"]
    assert str(bad[1]["coverage_start"]) == "2024-03-01" and "outside the dates" in bad[1]["error"]


def test_bad_checkup_rows_are_error_columns(outputs: Dict[str, Any]) -> None:
    out = outputs["checkup"]
    bad = errors(out)
    assert [r["id"] for r in bad] == sorted([4, 50027, 100050, 150073] + [3, 50024, 100045, 150066] + [5, 70006, 140007])
    for r in bad:
        assert r["price"] is None and r["subsidy"] is None and r["payable"] is None
        if r["package"] == job.BAD_PACKAGE:
            assert "package is not one of the rule's codes" in r["error"]
        elif r["count"] is None:
            # A null count is that row's error, never one examination (issue 19).
            assert "count is null" in r["error"]
        else:
            assert r["count"] == -1 and "count is out of the rule's range" in r["error"]


def test_bad_hospital_rows_are_error_columns(outputs: Dict[str, Any]) -> None:
    bad = errors(outputs["hospital"])
    assert [r["id"] for r in bad] == [13, 100004, 199995]
    assert all(r["days"] == 0 and r["payable"] is None and "days is out of the rule's range" in r["error"] for r in bad)


def test_hospital_needs_the_hold_back(spark: Any) -> None:
    """Deciding each Arrow batch on its own splits the policies at batch edges: more days get paid."""

    def per_batch(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for b in batches:
            yield from job._hospital(pa.Table.from_batches([b]))

    rows = spark.range(0, N, 1, PARTITIONS).selectExpr(*job.hospital_sql(N))
    naive = (rows.repartition(PARTITIONS, "policy_id").sortWithinPartitions("policy_id", "id")
             .mapInArrow(per_batch, job.HOSPITAL_SCHEMA).agg({"paid_days": "sum"}).collect()[0][0])
    want, _, _ = job.local_totals("hospital", N)
    assert naive > want["paid_days"]
