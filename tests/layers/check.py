#!/usr/bin/env python3
"""The core's module graph has no import cycle, and the rule families do not import each other.

Reads every `crate::<module>` reference in core/src (use lines, paths, derives), maps the crate root's
re-exports (`crate::Money`, `crate::Wire`, …) to the module that defines them, and fails on:
  * a cycle (a strongly connected component of more than one module, printed with its edges);
  * a rule family that imports another family (rule modules depend on the ground floor only);
  * a family or lower floor that imports the registry or the engine.
Prints the layers it found. Usage: tests/layers/check.py [--dot]
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parents[2] / "core" / "src"

# Re-exports of the crate root and macros, to the module that defines them.
ROOT_ITEMS = {
    "Money": "money", "Rounding": "money", "Calendar": "calendar", "Error": "error", "Lang": "msg", "Msg": "msg",
    "Limit": "limits", "Limits": "limits", "DateRange": "params", "Edition": "params", "Param": "params",
    "ParameterInfo": "params", "Tiered": "params", "EDITIONS": "params", "PARAMETERS": "params", "Rule": "registry",
    "RuleInfo": "registry", "RULES": "registry", "Trace": "trace", "TraceStep": "trace", "Engine": "engine",
    "Options": "engine", "TraceMode": "engine", "evaluate": "engine", "evaluate_value": "engine",
    "wire_enum": "read", "Wire": "read", "Described": "shape", "DEFAULT_EDITION": "lib", "edition": "lib",
}
# Families: the rule modules (one per programme of the plan, plus the cross-cutting ones).
GROUND = {"money", "period", "msg", "error", "limits", "params", "trace", "calendar", "shape", "read", "json", "ser", "text"}
UPPER = {"registry", "engine", "batch", "explain", "describe", "wire", "lib"}


def modules():
    out = {}
    for f in sorted(root.rglob("*.rs")):
        rel = f.relative_to(root)
        name = rel.parts[0].removesuffix(".rs")
        out.setdefault(name, []).append(f)
    return out


def edges(mods):
    es = {}
    pat = re.compile(r"\b(?:crate|\$crate)::(?:\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
    for name, files in mods.items():
        targets = set()
        for f in files:
            text = f.read_text()
            text = re.sub(r"//[^\n]*", "", text)  # comments and doc comments name modules in prose
            for m in pat.finditer(text):
                items = [m.group(2)] if m.group(2) else [x.strip().split("::")[0] for x in m.group(1).split(",")]
                for it in items:
                    it = it.strip()
                    if not it or it == "self":
                        continue
                    t = ROOT_ITEMS.get(it, it)
                    if t in mods and t != name:
                        targets.add(t)
        es[name] = targets
    return es


def sccs(es):
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in es.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in es:
        if v not in index:
            visit(v)
    return out


def main():
    mods = modules()
    es = edges(mods)
    if "--dot" in sys.argv:
        print("digraph core {")
        for a, bs in sorted(es.items()):
            for b in sorted(bs):
                print(f'  "{a}" -> "{b}";')
        print("}")
        return 0
    fails = []
    for comp in sccs(es):
        if len(comp) > 1:
            inner = sorted(f"{a} -> {b}" for a in comp for b in es[a] if b in comp)
            fails.append("import cycle among " + ", ".join(sorted(comp)) + ": " + "; ".join(inner))
    families = {m for m in mods if m not in GROUND | UPPER}
    for a in sorted(families):
        for b in sorted(es[a]):
            if b in families:
                fails.append(f"rule family {a} imports rule family {b} (families use the ground floor only)")
            if b in UPPER:
                fails.append(f"rule family {a} imports {b}")
    for a in sorted(GROUND):
        for b in sorted(es.get(a, ())):
            if b in families or b in UPPER:
                fails.append(f"ground module {a} imports {b}")
    # Layers: longest path from the ground.
    depth = {}

    def d(v, seen=()):
        if v in depth:
            return depth[v]
        if v in seen:
            return 0
        depth[v] = 1 + max((d(w, seen + (v,)) for w in es[v]), default=-1)
        return depth[v]

    for v in es:
        d(v)
    for lvl in sorted(set(depth.values()), reverse=True):
        print(f"layer {lvl}: " + ", ".join(sorted(v for v in depth if depth[v] == lvl)))
    if fails:
        print("\n".join(fails), file=sys.stderr)
        print(f"layers: {len(fails)} problem(s)", file=sys.stderr)
        return 1
    print(f"layers: {len(mods)} modules, no import cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main())
