#!/usr/bin/env python3
"""The checkup split against numpy, the same answer (three int64 fen columns: price, subsidy, payable), in one
run: ours with `money="fen"` and with `decimal128`, two columns, and pinned to one core (best of 30 each).
`benches/peers/run.py` stays the judge; this is the quick look. numpy runs first here, in a fresh process,
so glibc maps its 8 MB temporaries afresh on every call (page faults): about half the speed it has in run.py;
`MALLOC_MMAP_THRESHOLD_=1000000000 MALLOC_TRIM_THRESHOLD_=1000000000` gives the fair figure.

    python benches/python/bench_split.py [ROWS]
"""
import time, os, sys
import numpy as np, pyarrow as pa
from shftu_rules import batch, checkup
n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
packs = [p.package for p in checkup.packages().packages]
rng = np.random.default_rng(1)
code = rng.integers(0, len(packs), n); count = rng.integers(1, 50, n)
table = pa.table({"package": pa.DictionaryArray.from_arrays(pa.array(code, pa.int32()), pa.array(packs)), "count": pa.array(count, pa.int32())})
info = {p.package: p for p in checkup.packages().packages}
lut = {k: np.array([int(getattr(info[p], k) * 100) for p in packs], np.int64) for k in ("price", "subsidy", "payable")}
def best(f, k=30):
    b = 1e9
    for _ in range(k):
        t = time.perf_counter(); f(); b = min(b, time.perf_counter() - t)
    return b
cols = ("price", "subsidy", "payable")
tn = best(lambda: {k: lut[k][code] * count for k in cols})
for name, kw in [("fen3", dict(columns=cols, money="fen")), ("dec3", dict(columns=cols)), ("fen2", dict(columns=("subsidy","payable"), money="fen"))]:
    t = best(lambda: batch.checkup_quote(table, **kw))
    print(f"{name}: ours {n/t/1e6:.0f} M/s  numpy {n/tn/1e6:.0f} M/s  ratio {tn/t:.2f}")
cores = os.sched_getaffinity(0)
os.sched_setaffinity(0, {min(cores)})
tn1 = best(lambda: {k: lut[k][code] * count for k in cols})
t1 = best(lambda: batch.checkup_quote(table, columns=cols, money="fen"))
print(f"1 core fen3: ours {n/t1/1e6:.0f} M/s numpy {n/tn1/1e6:.0f} M/s ratio {tn1/t1:.2f}")
