#!/usr/bin/env python3
"""Checks the prose contract (`spec/contract.md`, `spec/contract-additions.md`) against the rule registry
(`shftu-rules describe`), so that the documents cannot drift from what the rules take and answer.

Every rule of the registry has exactly one section, a heading naming it and its clause:

    ### `health_point.funding` (§1 四(四))

and in it an `Input {…}` and a `Result {…}` paragraph that spell its shapes:

    Input {`kind`: `new`|`upgrade`, `points`: count, `funded_before`?: count (…)}
    Result {`compliant`: bool|null, `shortfalls`: [{`level`: `district`|`street`, `amount`: money}], …}

- a field is its name in backticks, then `?` when the field is optional (inputs), then `:` and its type;
- types: `money`, `date`, `datetime`, `bool`, `text`, `count` (a non-negative whole number), `int` (a whole
  number), the codes of a closed set in backticks joined by `|` (or `enum <kind>` naming a long set by its kind in
  the catalogue, e.g. `enum reference.district`), `[type]` for an array (`, …` may follow the
  item), `{…}` for an object, `{key → type}` for a map; `|null` right after the type when the field may be null;
- free text may follow a type (a bound, a default, a remark in parentheses) up to the next `,`, `}` or `]`.

The check fails when a rule has two sections, a section names no rule of the registry, the heading's
clause is not the registry's, or an Input/Result paragraph names a field the shape lacks, omits one, lists them
in another order, marks optional/null differently, or gives another type or other codes. Besides: a section
whose rule takes dates has a `Dates:` line naming each date field (plan dates and answer dates, `spec/errors.md`),
and one whose input takes a closed set with other names (the plan's words) has a `Names:` line naming the field
and at least one of those names. A rule with no prose section is only noted: spec/generated/rules.md, generated
from the registry (tests/docs/generate.py), documents every rule's fields and codes.

Usage: tests/docs/check.py [--cli PATH | --describe FILE]   (`make docs` builds the CLI and runs it)
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parents[2]
DOCS = ["spec/contract.md", "spec/contract-additions.md"]
SCALARS = {"money", "date", "datetime", "bool", "text", "count", "int"}
RULE_ID = re.compile(r"^[a-z_]+\.[a-z_]+$")
HEADING = re.compile(r"^(#{2,4}) (.*)$")


class ParseError(Exception):
    pass


class Parser:
    """A recursive-descent reader of one `{…}` shape written in the documents' notation."""

    def __init__(self, text):
        self.s = text
        self.i = 0

    def peek(self, n=1):
        return self.s[self.i:self.i + n]

    def ws(self):
        while self.i < len(self.s) and self.s[self.i].isspace():
            self.i += 1

    def expect(self, c):
        self.ws()
        if not self.s.startswith(c, self.i):
            raise ParseError(f"expected {c!r} at …{self.s[self.i:self.i + 40]!r}")
        self.i += len(c)

    def backticked(self):
        self.expect("`")
        j = self.s.find("`", self.i)
        if j < 0:
            raise ParseError("unclosed backtick")
        word = self.s[self.i:j]
        self.i = j + 1
        return word

    def shape(self):
        """An object or a map, from its opening brace."""
        self.expect("{")
        self.ws()
        if self.peek() == "`":
            fields = []
            while True:
                fields.append(self.field())
                self.ws()
                c = self.peek()
                self.i += 1
                if c == "}":
                    return {"type": "object", "fields": fields}
                if c != ",":
                    raise ParseError(f"expected ',' or '}}' after field `{fields[-1]['name']}`, found {c!r}")
                self.ws()
        # {key → type}
        j = self.s.find("→", self.i)
        if j < 0:
            raise ParseError(f"an object's fields are backticked names; a map is written {{key → type}}: …{self.s[self.i:self.i + 40]!r}")
        self.i = j + 1
        values, _ = self.value()
        self.expect("}")
        return {"type": "map", "values": values}

    def field(self):
        name = self.backticked()
        optional = False
        if self.peek() == "?":
            optional = True
            self.i += 1
        if self.peek() != ":":
            raise ParseError(f"field `{name}`: expected ':' (or '?:') right after the name")
        self.i += 1
        shape, nullable = self.value()
        return {"name": name, "required": not optional, "nullable": nullable, "shape": shape}

    def value(self):
        """A type, `|null`, then free text up to `,` `}` `]` outside parentheses and backticks."""
        t = self.type_()
        nullable = False
        if self.s.startswith("|null", self.i):
            nullable = True
            self.i += len("|null")
        depth = 0
        while self.i < len(self.s):
            c = self.s[self.i]
            if c == "`":
                j = self.s.find("`", self.i + 1)
                self.i = len(self.s) if j < 0 else j + 1
                continue
            if c in "(（":
                depth += 1
            elif c in ")）":
                depth -= 1
            elif depth <= 0 and c in ",}]":
                break
            self.i += 1
        return t, nullable

    def type_(self):
        self.ws()
        c = self.peek()
        if c == "{":
            return self.shape()
        if c == "[":
            self.i += 1
            items, _ = self.value()
            if self.peek() == ",":  # `, …` after the item
                self.i += 1
                while self.i < len(self.s) and self.s[self.i] != "]":
                    self.i += 1
            self.expect("]")
            return {"type": "array", "items": items}
        if c == "`":
            codes = [self.backticked()]
            while m := re.match(r"\|\s*`", self.s[self.i:]):
                self.i += m.end() - 1
                codes.append(self.backticked())
            return {"type": "enum", "codes": codes}
        m = re.match(r"enum ([a-z_]+\.[a-z_]+)", self.s[self.i:])
        if m:
            self.i += m.end()
            return {"type": "enum", "kind": m.group(1)}
        m = re.match(r"[a-z]+", self.s[self.i:])
        if not m or m.group(0) not in SCALARS:
            raise ParseError(f"unknown type at …{self.s[self.i:self.i + 30]!r} (one of {', '.join(sorted(SCALARS))}, `code`|…, [..], {{..}})")
        self.i += m.end()
        return {"type": m.group(0)}


def compare(doc, shape, where, errors):
    """Differences between a documented shape and the registry's, each as one line of `errors`."""
    dt, st = doc["type"], shape["type"]
    if st == "long" and dt == "int":
        return
    if dt != st:
        errors.append(f"{where}: documented as {dt}, the registry has {st}")
        return
    if st == "enum":
        if "kind" in doc:
            if doc["kind"] != shape["kind"]:
                errors.append(f"{where}: documented as enum {doc['kind']}, the registry has enum {shape['kind']}")
        elif doc["codes"] != shape["codes"]:
            errors.append(f"{where}: codes {'|'.join(doc['codes'])}, the registry has {'|'.join(shape['codes'])}")
    elif st == "array":
        compare(doc["items"], shape["items"], where + "[]", errors)
    elif st == "map":
        compare(doc["values"], shape["values"], where + "{}", errors)
    elif st == "object":
        dn = [f["name"] for f in doc["fields"]]
        sn = [f["name"] for f in shape["fields"]]
        for n in dn:
            if n not in sn:
                errors.append(f"{where}: names `{n}`, which the registry's {shape.get('name', 'shape')} lacks")
        for n in sn:
            if n not in dn:
                errors.append(f"{where}: omits `{n}` of the registry's {shape.get('name', 'shape')}")
        common_d = [n for n in dn if n in sn]
        common_s = [n for n in sn if n in dn]
        if common_d != common_s:
            errors.append(f"{where}: fields in the order {', '.join(common_d)}; the registry's is {', '.join(common_s)}")
        sf = {f["name"]: f for f in shape["fields"]}
        for f in doc["fields"]:
            s = sf.get(f["name"])
            if s is None:
                continue
            w = f"{where}.{f['name']}"
            if f["required"] != s["required"]:
                errors.append(f"{w}: documented as {'required' if f['required'] else 'optional (?)'}, the registry has it {'required' if s['required'] else 'optional'}")
            if f["nullable"] != s["nullable"]:
                errors.append(f"{w}: documented {'with' if f['nullable'] else 'without'} |null, the registry has it {'nullable' if s['nullable'] else 'never null'}")
            compare(f["shape"], s["shape"], w, errors)


def paths(shape, prefix=""):
    """Every field of an object shape as (path, field): `visits[].date`, `policy.changes[].to`."""
    for f in shape.get("fields", []):
        p = prefix + f["name"]
        yield p, f
        s = f["shape"]
        while s["type"] == "array":
            p += "[]"
            s = s["items"]
        if s["type"] == "object":
            yield from paths(s, p + ".")


def sections(text):
    """(rule id, heading text, section text) for every heading whose first backticked word is a rule id."""
    lines = text.splitlines()
    heads = []
    for n, line in enumerate(lines):
        m = HEADING.match(line)
        if m:
            heads.append((n, len(m.group(1)), m.group(2)))
    for k, (n, level, head) in enumerate(heads):
        ticks = re.findall(r"`([^`]*)`", head)
        if not ticks or not RULE_ID.match(ticks[0]) or not head.startswith("`"):
            continue
        end = next((m for m, lv, _ in heads[k + 1:] if lv <= level), len(lines))
        yield ticks[0], head, "\n".join(lines[n + 1:end])


def labelled(body, label):
    """The text of the `Label:` paragraph of a section (its first line and those that continue it), or None."""
    lines = body.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(label + ":"):
            out = [line]
            for more in lines[i + 1:]:
                if not more.strip() or more.startswith(("- ", "Input {", "Result {", "Names:", "Dates:", "#", "|")):
                    break
                out.append(more)
            return " ".join(out)
    return None


def paragraph(body, label):
    """The `Input {…}` / `Result {…}` paragraph of a section, from its brace to the brace that closes it."""
    lines = body.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(label + " {")]
    if len(starts) != 1:
        return None, len(starts)
    text = " ".join(line.strip() for line in lines[starts[0]:])
    return text[len(label) + 1:], 1


def check(d):
    errors = []
    rules = {r["id"]: r for r in d["rules"]}
    seen = {}
    for rel in DOCS:
        text = (root / rel).read_text(encoding="utf-8")
        for rid, head, body in sections(text):
            where = f"{rel}, `{rid}`"
            if rid not in rules:
                errors.append(f"{where}: a section for a rule the registry does not have")
                continue
            if rid in seen:
                errors.append(f"{where}: a second section (the first is in {seen[rid]})")
                continue
            seen[rid] = rel
            r = rules[rid]
            m = re.match(r"^`[^`]*` \((.*)\)$", head)
            if not m:
                errors.append(f"{where}: the heading is not \"`{rid}` ({r['clause']})\"")
            elif m.group(1) != r["clause"]:
                errors.append(f"{where}: the heading cites ({m.group(1)}), the registry ({r['clause']})")
            for label, key in (("Input", "input"), ("Result", "output")):
                para, n = paragraph(body, label)
                if para is None:
                    errors.append(f"{where}: {n} lines start with \"{label} {{\" (one is needed)")
                    continue
                try:
                    doc = Parser(para).shape()
                except ParseError as e:
                    errors.append(f"{where} {label}: cannot read it: {e}")
                    continue
                compare(doc, r[key], f"{where} {label}", errors)
            fields = list(paths(r["input"]))
            dates = [p for p, f in fields if f["shape"]["type"] in ("date", "datetime")
                     or (f["shape"]["type"] == "array" and f["shape"]["items"]["type"] == "date")]
            if dates:
                line = labelled(body, "Dates")
                named = set(re.findall(r"`([^`]*)`", line or ""))
                missing = [p for p in dates if p not in named]
                if line is None:
                    errors.append(f"{where}: no \"Dates:\" line (the rule takes {', '.join(dates)})")
                elif missing:
                    errors.append(f"{where}: the Dates line does not name {', '.join(f'`{p}`' for p in missing)}")
            named_sets = []
            for p, f in fields:
                s = f["shape"]
                while s["type"] == "array":
                    s = s["items"]
                if s["type"] == "enum" and d["enums"][s["kind"]]["aliases"]:
                    named_sets.append((p, d["enums"][s["kind"]]["aliases"]))
            if named_sets:
                line = labelled(body, "Names")
                if line is None:
                    errors.append(f"{where}: no \"Names:\" line (inputs {', '.join(p for p, _ in named_sets)} take the plan's words)")
                else:
                    for p, aliases in named_sets:
                        if f"`{p}`" not in line:
                            errors.append(f"{where}: the Names line does not name `{p}`")
                        elif not any(a in body for a in aliases):
                            errors.append(f"{where}: none of the names of `{p}` ({', '.join(sorted(aliases)[:3])}, …) is given")
    # A rule without a prose section is documented by spec/generated/rules.md (from the registry): noted, not
    # an error, so that a new rule needs no sixth hand-edited file; a section, where written, must be exact.
    for rid in rules:
        if rid not in seen:
            print(f"note: `{rid}` has no prose section in {' or '.join(DOCS)} (spec/generated/rules.md documents it)")
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR") or root / "target")
    ap.add_argument("--cli", default=str(target / "release/shftu-rules"),
                    help="the CLI whose `describe` is the registry (default: the release build of the target dir)")
    ap.add_argument("--describe", help="read the registry from this file instead of running the CLI")
    a = ap.parse_args()
    if a.describe:
        d = json.loads(pathlib.Path(a.describe).read_text(encoding="utf-8"))
    else:
        d = json.loads(subprocess.run([a.cli, "describe"], check=True, capture_output=True, text=True).stdout)
    errors = check(d)
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        print(f"tests/docs/check.py: {len(errors)} difference(s) between the contract documents and the registry", file=sys.stderr)
        return 1
    print(f"tests/docs/check.py: {len(d['rules'])} rules, each documented with exactly its input and result shapes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
