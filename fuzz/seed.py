#!/usr/bin/env python3
"""Seeds for evaluate_bytes: every request of the conformance corpus (spec/cases/*.json) and of the README's
sample file (spec/examples/requests.jsonl), as sent and pretty-printed, one file each, named by the hash of its
bytes (so re-seeding adds nothing twice). Usage: fuzz/seed.py <corpus dir of evaluate_bytes>"""
import glob
import hashlib
import json
import os
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
requests = []
for path in sorted(glob.glob(os.path.join(root, "spec/cases/*.json"))):
    with open(path, encoding="utf-8") as f:
        requests += [c["request"] for c in json.load(f) if "request" in c]
with open(os.path.join(root, "spec/examples/requests.jsonl"), encoding="utf-8") as f:
    requests += [json.loads(line) for line in f if line.strip()]
n = 0
for r in requests:
    for text in (json.dumps(r, ensure_ascii=False, separators=(",", ":")), json.dumps(r, ensure_ascii=False, indent=1)):
        data = text.encode("utf-8")
        name = os.path.join(out, "seed-" + hashlib.sha1(data).hexdigest())
        if not os.path.exists(name):
            with open(name, "wb") as f:
                f.write(data)
            n += 1
print(f"seed.py: {n} new seeds of {len(requests)} requests in {out}")
