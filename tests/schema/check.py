"""Validates every conformance vector against spec/schema/generated/contract.schema.json (generated from the
registry by tests/schema/generate.py).

For each case: a valid-shaped request's input is checked against the rule's input schema when the case
answered ok; every recorded response against the envelope schema and, when ok, the rule's result schema.
A rule of the cases without a schema fails the check (exit 1), as does any failure. Run: python3 tests/schema/check.py
"""
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(__file__).resolve().parents[2]
schema = json.loads((root / "spec/schema/generated/contract.schema.json").read_text())
defs = schema["$defs"]


def validator(sub):
    return jsonschema.Draft202012Validator({**sub, "$defs": defs}, format_checker=jsonschema.FormatChecker())


envelope = validator({"oneOf": schema["oneOf"]})
failures, checked, missing = [], 0, set()
for f in sorted((root / "spec/cases").glob("*.json")):
    for case in json.loads(f.read_text()):
        resp = case.get("response")
        if resp is None:
            continue
        checked += 1
        for e in envelope.iter_errors(resp):
            failures.append(f"{f.name} / {case['name']}: response: {e.message}")
        req = case["request"]
        if resp.get("ok") and isinstance(req, dict):
            rule = req["rule"]
            if rule not in defs["rules"]:
                missing.add(rule)
                continue
            for part, value in (("input", req["input"]), ("result", resp["result"])):
                for e in validator(defs["rules"][rule][part]).iter_errors(value):
                    failures.append(f"{f.name} / {case['name']}: {part} at {list(e.absolute_path)}: {e.message}")
print(f"schema: {checked - len(failures)} passed, {len(failures)} failed")
for x in failures:
    print("  " + x)
if missing:
    print("rules without a schema (the registry has no such rule):", ", ".join(sorted(missing)))
sys.exit(1 if failures or missing or checked == 0 else 0)
