#!/usr/bin/env python3
"""The Python batch API scaled out with Apache Spark: ``DataFrame.mapInArrow`` over generated rows.

Three workloads, each generated inside Spark from ``spark.range`` (no row passes through the driver),
run through ``shftu_rules.batch`` one Arrow batch at a time on the executors' Python workers, and
summed in Spark:

* ``premium``  — ``batch.e_premium``: the tier E premium by cover start (``coverage_start`` date32);
* ``checkup``  — ``batch.checkup_quote``: the checkup split (``package`` string, ``count`` int);
* ``hospital`` — ``batch.hospital_days``: hospital-day claims capped per policy. The kernel carries a
  policy's paid days from row to row, so every row of a policy must reach one Python call, in claim
  order: the rows are repartitioned by ``policy_id`` (all rows of a policy in one partition) and
  sorted within each partition by ``policy_id`` then ``id`` (the policy's rows together, in claim
  order). A partition still arrives as several Arrow batches, and a policy may straddle two: the
  function holds back the rows of the batch's last policy and decides them with the next batch.

Each workload draws a few bad rows on purpose (a null or too-late cover start, an unknown package, a
negative count, a zero-day claim): they come back as ``error_code`` / ``error`` with null money and
never fail a task.

The same rows (same formulas over the row id) are then generated with numpy in this process and run
through ``shftu_rules.batch`` directly; the totals (decimal sums, error counts) must be equal exactly.

    python examples/spark/job.py [--rows 10000000] [--master 'local[*]'] [--partitions N]
                                 [--batch-rows 100000] [--workloads premium,checkup,hospital]
                                 [--baseline] [--spark-only]

or the same file with ``spark-submit`` (README.md: on a cluster).

Exits 1 when a Spark total differs from the single-process one.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from decimal import Decimal
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from shftu_rules import batch, checkup

# The checkup packages of the edition, in the library's order; "L9" is not one of them (a bad row).
PACKAGES: List[str] = [p.package for p in checkup.packages().packages]
BAD_PACKAGE = "L9"
WORKLOADS = ("premium", "checkup", "hospital")
Totals = Dict[str, Any]

# ----------------------------------------------------------------------------------------------------
# The rows: one formula per column over the row id, written once as Spark SQL and once with numpy.
# ----------------------------------------------------------------------------------------------------

PREMIUM_SQL = [
    "id",
    # a start on any day of 2023; a null start and a start after the cover end are bad rows
    "CASE WHEN id % 100003 = 7 THEN NULL"
    " WHEN id % 100019 = 11 THEN DATE'2024-03-01'"
    " ELSE date_add(DATE'2023-01-01', CAST((id * 7919) % 365 AS INT)) END AS coverage_start",
]


def checkup_sql() -> List[str]:
    packs = ", ".join(f"'{p}'" for p in PACKAGES)
    return [
        "id",
        f"CASE WHEN id % 50023 = 4 THEN '{BAD_PACKAGE}'"
        f" ELSE element_at(array({packs}), CAST((id * 31) % {len(PACKAGES)} AS INT) + 1) END AS package",
        # a null and a negative count are bad rows (a null is never read as one examination)
        "CASE WHEN id % 70001 = 5 THEN NULL WHEN id % 50021 = 3 THEN -1"
        " ELSE CAST(1 + (id * 13) % 40 AS INT) END AS count",
    ]


def policies(n: int) -> int:
    """Three or four hospital-day claims per policy: policy p's claims are the ids p, p + P, p + 2P, … < n."""
    return max(1, n * 2 // 7)


def hospital_sql(n: int) -> List[str]:
    return [
        "id",
        f"id % {policies(n)} AS policy_id",
        # up to 90 days a claim, three or four claims: the 180-day limit of the period caps many policies
        "CASE WHEN id % 99991 = 13 THEN 0 ELSE CAST(1 + (id * 37) % 90 AS INT) END AS days",
    ]


def premium_rows(n: int) -> pa.Table:
    ids = np.arange(n, dtype=np.int64)
    start = np.datetime64("2023-01-01", "D") + (ids * 7919) % 365
    start[ids % 100019 == 11] = np.datetime64("2024-03-01", "D")
    return pa.table({"id": ids, "coverage_start": pa.array(start, pa.date32(), mask=ids % 100003 == 7)})


def checkup_rows(n: int) -> pa.Table:
    ids = np.arange(n, dtype=np.int64)
    code = ((ids * 31) % len(PACKAGES)).astype(np.int32)
    code[ids % 50023 == 4] = len(PACKAGES)  # BAD_PACKAGE
    count = (1 + (ids * 13) % 40).astype(np.int32)
    count[ids % 50021 == 3] = -1
    package = pa.DictionaryArray.from_arrays(pa.array(code), pa.array(PACKAGES + [BAD_PACKAGE]))
    return pa.table({"id": ids, "package": package, "count": pa.array(count, mask=ids % 70001 == 5)})


def hospital_rows(n: int) -> pa.Table:
    ids = np.arange(n, dtype=np.int64)
    days = (1 + (ids * 37) % 90).astype(np.int32)
    days[ids % 99991 == 13] = 0
    return pa.table({"id": ids, "policy_id": ids % policies(n), "days": days})


# ----------------------------------------------------------------------------------------------------
# The functions mapInArrow runs on the executors: Arrow record batches in, record batches out.
# ----------------------------------------------------------------------------------------------------

DEC = "decimal(18,2)"
PREMIUM_SCHEMA = f"id long, coverage_start date, premium {DEC}, error_code string, error string"
CHECKUP_SCHEMA = (f"id long, package string, count int, unit_price {DEC}, price {DEC}, subsidy {DEC},"
                  f" payable {DEC}, error_code string, error string")
HOSPITAL_SCHEMA = f"id long, policy_id long, days int, paid_days int, payable {DEC}, error_code string, error string"


def premium_map(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for b in batches:
        yield from batch.e_premium(pa.Table.from_batches([b]), keep=True).to_batches()


def checkup_map(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for b in batches:
        yield from batch.checkup_quote(pa.Table.from_batches([b]), keep=True).to_batches()


def _hospital(t: pa.Table) -> Iterator[pa.RecordBatch]:
    r = batch.hospital_days(t, tier="E", keep=True)
    # Spark has no unsigned type: paid_days (uint32, at most the period's day limit) goes out as int.
    r = r.set_column(r.column_names.index("paid_days"), "paid_days", pc.cast(r["paid_days"], pa.int32()))
    yield from r.select(["id", "policy_id", "days", "paid_days", "payable", "error_code", "error"]).to_batches()


def hospital_map(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Rows sorted by (policy_id, id) within the partition; a policy's rows may span two batches."""
    pending: Optional[pa.Table] = None
    for b in batches:
        t = pa.Table.from_batches([b])
        if pending is not None:
            t = pa.concat_tables([pending, t])
        if t.num_rows == 0:
            continue
        # The batch's last policy may go on in the next batch: hold its rows back.
        tail = pc.sum(pc.equal(t["policy_id"], t["policy_id"][-1])).as_py() or 0
        cut = t.num_rows - tail
        if cut:
            yield from _hospital(t.slice(0, cut))
        pending = t.slice(cut)
    if pending is not None and pending.num_rows:
        yield from _hospital(pending)


# ----------------------------------------------------------------------------------------------------
# Spark side
# ----------------------------------------------------------------------------------------------------


def make_spark(master: Optional[str] = None, batch_rows: Optional[int] = 100_000, shuffle_partitions: int = 8,
               driver_memory: Optional[str] = None) -> Any:
    """A Spark session whose Python workers run this interpreter (the venv with shftu_rules).

    ``master``, ``batch_rows``, ``driver_memory`` None: as ``spark-submit`` set them (``python job.py``:
    local[*], Spark's defaults)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("shftu-rules batch API on Spark")
    if master:
        builder = builder.master(master)
    if driver_memory:  # local mode: the driver JVM is the executor
        builder = builder.config("spark.driver.memory", driver_memory)
    if batch_rows:  # the rows per Arrow batch, so per Python call
        builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(batch_rows))
    spark = (
        builder.config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    # The map functions live in this file: ship it to the Python workers (test_spark.py imports them).
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    return spark


def identity_map(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    yield from batches


def spark_output(spark: Any, workload: str, n: int, partitions: int, identity: bool = False) -> Any:
    """The workload's output DataFrame (lazy): generated rows → mapInArrow → result columns.

    ``identity``: the same rows through a mapInArrow that returns its input (Spark's own cost)."""
    rows = spark.range(0, n, 1, partitions)
    if workload == "premium":
        df, f, schema = rows.selectExpr(*PREMIUM_SQL), premium_map, PREMIUM_SCHEMA
    elif workload == "checkup":
        df, f, schema = rows.selectExpr(*checkup_sql()), checkup_map, CHECKUP_SCHEMA
    elif workload == "hospital":
        # Every row of a policy in one partition, in claim order (see the module docstring).
        claims = rows.selectExpr(*hospital_sql(n)).repartition(partitions, "policy_id")
        df, f, schema = claims.sortWithinPartitions("policy_id", "id"), hospital_map, HOSPITAL_SCHEMA
    else:
        raise ValueError(f"unknown workload {workload!r}")
    return df.mapInArrow(identity_map, df.schema) if identity else df.mapInArrow(f, schema)


SUMS = {"premium": ["premium"], "checkup": ["price", "subsidy", "payable"], "hospital": ["paid_days", "payable"]}


def spark_totals(spark: Any, workload: str, n: int, partitions: int) -> Totals:
    return totals_of(spark_output(spark, workload, n, partitions), workload)


def totals_of(out: Any, workload: str) -> Totals:
    """Row count, the sums of the workload's money (and day) columns, and the count of error rows."""
    from pyspark.sql import functions as F

    aggs = [F.count(F.lit(1)).alias("rows")] + [F.sum(c).alias(c) for c in SUMS[workload]]
    aggs.append(F.count("error_code").alias("errors"))
    row = out.agg(*aggs).collect()[0]
    return {k: (int(v) if isinstance(v, int) else v) for k, v in row.asDict().items()}


# ----------------------------------------------------------------------------------------------------
# Single process: the same rows through shftu_rules.batch directly
# ----------------------------------------------------------------------------------------------------

ROWS: Dict[str, Callable[[int], pa.Table]] = {
    "premium": premium_rows, "checkup": checkup_rows, "hospital": hospital_rows,
}


def run_batch(workload: str, table: pa.Table) -> pa.Table:
    if workload == "premium":
        return batch.e_premium(table)
    if workload == "checkup":
        return batch.checkup_quote(table)
    return batch.hospital_days(table, tier="E")


def local_totals(workload: str, n: int) -> Tuple[Totals, float, float]:
    """(totals, seconds generating the rows, seconds in the batch call)."""
    t0 = time.perf_counter()
    table = ROWS[workload](n)
    t1 = time.perf_counter()
    r = run_batch(workload, table)
    t2 = time.perf_counter()
    totals: Totals = {"rows": r.num_rows}
    for c in SUMS[workload]:
        s = pc.sum(r[c]).as_py()
        totals[c] = s if s is None or isinstance(s, Decimal) else int(s)
    totals["errors"] = r.num_rows - r["error_code"].null_count
    return totals, t1 - t0, t2 - t1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--master", default=None, help="default: spark-submit's --master, else local[*]")
    ap.add_argument("--partitions", type=int, default=0, help="partitions of spark.range (default: 4 × cores)")
    ap.add_argument("--batch-rows", type=int, default=None,
                    help="spark.sql.execution.arrow.maxRecordsPerBatch, the rows per Python call "
                         "(default 100,000 when run with python; under spark-submit, its --conf)")
    ap.add_argument("--driver-memory", default=None,
                    help="spark.driver.memory (default 2g when run with python; under spark-submit, its own)")
    ap.add_argument("--workloads", default=",".join(WORKLOADS))
    ap.add_argument("--spark-only", action="store_true",
                    help="skip the single-process check (rows too many for the driver's memory)")
    ap.add_argument("--baseline", action="store_true",
                    help="also time the same rows through an identity mapInArrow (Spark's own cost)")
    args = ap.parse_args()
    workloads = [w for w in args.workloads.split(",") if w]
    n = args.rows

    # Under spark-submit the JVM is already up (PYSPARK_GATEWAY_PORT set): its --driver-memory stands.
    local = "PYSPARK_GATEWAY_PORT" not in os.environ
    spark = make_spark(args.master, args.batch_rows or (100_000 if local else None),
                       driver_memory=args.driver_memory or ("2g" if local else None))
    batch_rows = int(spark.conf.get("spark.sql.execution.arrow.maxRecordsPerBatch"))
    parts = args.partitions or 4 * spark.sparkContext.defaultParallelism
    spark.conf.set("spark.sql.shuffle.partitions", str(parts))
    import pyspark

    sc = spark.sparkContext
    print(f"rows {n:,}, master {sc.master} ({sc.defaultParallelism} cores), {parts} partitions, "
          f"{batch_rows:,} rows per Arrow batch; pyspark {pyspark.__version__}, pyarrow {pa.__version__}, "
          f"Java {sc._jvm.System.getProperty('java.version')}, nproc {os.cpu_count()}", flush=True)
    # Warm-up (not timed): start the Python workers and import shftu_rules in them.
    for w in workloads:
        spark_totals(spark, w, 1000, 2)

    ok = True
    for w in workloads:
        t = time.perf_counter()
        got = spark_totals(spark, w, n, parts)
        spark_s = time.perf_counter() - t
        base_s = None
        if args.baseline:
            t = time.perf_counter()
            spark_output(spark, w, n, parts, identity=True).agg({"id": "count"}).collect()
            base_s = time.perf_counter() - t
        if args.spark_only:
            print(f"\n{w}: " + ", ".join(f"{k} {v}" for k, v in got.items()))
        else:
            want, gen_s, call_s = local_totals(w, n)
            same = got == want
            ok &= same
            print(f"\n{w}: {'totals equal' if same else 'TOTALS DIFFER'}", flush=True)
            for k in want:
                print(f"  {k:>9}: spark {got.get(k)!s:>22}  single process {want[k]!s:>22}")
        print(f"  spark (generate + mapInArrow + sum): {spark_s:7.2f} s  {n / spark_s:12,.0f} rows/s")
        if base_s is not None:
            print(f"  spark, identity mapInArrow instead:  {base_s:7.2f} s  {n / base_s:12,.0f} rows/s")
        if args.spark_only:
            continue
        print(f"  single process, batch call:          {call_s:7.2f} s  {n / call_s:12,.0f} rows/s"
              f"  (+ {gen_s:.2f} s generating with numpy)", flush=True)
    spark.stop()
    print("\nnot checked (--spark-only)" if args.spark_only else "\nall totals equal" if ok else "\nSOME TOTALS DIFFER")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
