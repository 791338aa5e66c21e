#!/usr/bin/env python3
"""Writes spec/schema/generated/contract.schema.json — the JSON Schema of the wire contract — from the rule
registry (`shftu-rules describe`), so that no schema is kept by hand: every rule's input and result shape,
the codes of every closed set (inputs also take the catalogue's other names), the limits as `maxItems`.

Usage: tests/schema/generate.py [--check] [--cli PATH]
  --check  exit 1 when the file on disk differs from what the registry gives (CI runs this)
"""
import argparse
import json
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parents[2]
out_path = root / "spec/schema/generated/contract.schema.json"

MONEY = {"type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$", "description": "yuan with exactly two decimals"}
MONEY_IN = {"anyOf": [{"type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,2})?$"}, {"type": "number", "minimum": 0}],
            "description": "a decimal string or a JSON number read from its text; at most two decimals"}
DATE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}
DATETIME_IN = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?$",
               "description": "Shanghai time, seconds optional"}
DATETIME_OUT = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$"}


def schema(shape, d, inp):
    t = shape["type"]
    if t == "money":
        return {"$ref": "#/$defs/money_in"} if inp else {"$ref": "#/$defs/money"}
    if t == "date":
        return {"$ref": "#/$defs/date"}
    if t == "datetime":
        return DATETIME_IN if inp else DATETIME_OUT
    if t == "bool":
        return {"type": "boolean"}
    if t == "count":
        return {"type": "integer", "minimum": 0, "maximum": 4294967295}
    if t == "int":
        return {"type": "integer", "minimum": -2147483648, "maximum": 2147483647}
    if t == "long":
        return {"type": "integer"}
    if t == "decimal":
        return {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"}
    if t == "text":
        return {"type": "string"}
    if t == "enum":
        e = d["enums"][shape["kind"]]
        names = list(e["codes"]) + ([a for a in e["aliases"] if a not in e["codes"]] if inp else [])
        return {"type": "string", "enum": names, "title": e["name"]}
    if t == "array":
        return {"type": "array", "items": schema(shape["items"], d, inp)}
    if t == "map":
        v = schema(shape["values"], d, inp)
        # In inputs a null value is read as not given (the rubric's items, the programmes' counts).
        return {"type": "object", "additionalProperties": {"anyOf": [v, {"type": "null"}]} if inp else v}
    if t == "object":
        props, required = {}, []
        for f in shape["fields"]:
            s = schema(f["shape"], d, inp)
            if f.get("limit"):
                s = dict(s, maxItems=d["limits"][f["limit"]])
            if f["doc"]:
                s = dict(s, description=f["doc"])
            if inp and not f["required"]:
                s = {"anyOf": [s, {"type": "null"}], **({"description": f["doc"]} if f["doc"] else {})}
            if not inp and f["nullable"]:
                s = {"anyOf": [s, {"type": "null"}], **({"description": f["doc"]} if f["doc"] else {})}
            props[f["name"]] = s
            if f["required"]:
                required.append(f["name"])
        return {"type": "object", "title": shape["name"], "properties": props, "required": required, "additionalProperties": False}
    raise ValueError(f"unknown shape {t}")


def generate(d):
    rules = {r["id"]: {"title": r["title"]["en"], "description": r["title"]["zh-CN"],
                       "input": schema(r["input"], d, True), "result": schema(r["output"], d, False)} for r in d["rules"]}
    step = {"type": "object", "properties": {"clause": {"type": "string"}, "note": {"type": "string"}, "code": {"type": "string"},
                                             "params": {"type": "array", "items": {"type": "object", "properties": {
                                                 "id": {"type": "string"}, "value": {}, "clause": {"type": "string"}},
                                                 "required": ["id", "value", "clause"], "additionalProperties": False}}},
            "required": ["clause", "note"], "additionalProperties": False}
    defs = {
        "money": MONEY, "money_in": MONEY_IN, "date": DATE,
        "trace": {"type": "array", "items": step},
        "request": {"type": "object", "properties": {
            "rule": {"type": "string", "enum": [r["id"] for r in d["rules"]]}, "input": {},
            "edition": {"type": "string"}, "lang": {"type": "string", "enum": d["langs"]},
            "trace": {"type": "string", "enum": ["notes", "full", "off"]}},
            "required": ["rule", "input"], "additionalProperties": False},
        "error_response": {"type": "object", "properties": {
            "ok": {"const": False}, "rule": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "error": {"type": "object", "properties": {
                "code": {"type": "string", "enum": d["errors"] + ["internal_error"]}, "message": {"type": "string"},
                "path": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
                "required": ["code", "message", "path"], "additionalProperties": False}},
            "required": ["ok", "rule", "error"], "additionalProperties": False},
        "ok_response": {"type": "object", "properties": {
            "ok": {"const": True}, "rule": {"type": "string"}, "edition": {"type": "string"},
            "result": {"type": "object"}, "trace": {"$ref": "#/$defs/trace"}},
            "required": ["ok", "rule", "edition", "result", "trace"], "additionalProperties": False},
        "rules": rules,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.invalid/shftu-rules/contract.schema.json",
        "title": "shftu-rules wire contract",
        "description": "Generated by tests/schema/generate.py from `shftu-rules describe` (the rule registry). Do not edit.",
        "$defs": defs,
        "oneOf": [{"$ref": "#/$defs/ok_response"}, {"$ref": "#/$defs/error_response"}],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--cli", default=str(root / "target/release/shftu-rules"))
    a = ap.parse_args()
    d = json.loads(subprocess.run([a.cli, "describe"], check=True, capture_output=True, text=True).stdout)
    text = json.dumps(generate(d), indent=1, ensure_ascii=False) + "\n"
    if a.check:
        if not out_path.exists() or out_path.read_text() != text:
            print(f"{out_path.relative_to(root)} is not what the registry gives: run tests/schema/generate.py", file=sys.stderr)
            return 1
        print("schema: generated file up to date")
        return 0
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text)
    print(f"wrote {out_path.relative_to(root)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
