#!/usr/bin/env python3
"""Differential test of `mutual_aid.enroll` and `mutual_aid.adjudicate` against an independent model.

README. `model.py` next to this file is a deliberately simple re-implementation of the two rules in plain
Python, written only from the contract, the seed's §5 (新就业形态劳动者互助保障: 保障对象, 保障内容,
参保方式, 保障期限, 保障费用, 保障变更, 给付申请提交截止时间, 二(四) 衔接), the reference facts (the
2022-2025 holiday calendar and the Civil Code's period rules) and `spec/readings.md` -- never from the Rust
core. This script draws N random requests per rule from a seeded RNG (tiers, channels, industries, flags,
dates 2022-10..2024-02 around every window edge and the edges of the plan's dates, birth dates around the
60th birthday, 2022-plan renewals, workers already enrolled; policies with optional changes of tier (C->D,
C->E, D->E, C->D->E, and changes that do not raise the tier) and 0-12 claims of every benefit with
realistic days, grades and assessed amounts written as strings and as JSON numbers, in any order, event
dates in and out of cover (the first day of cover too), and filing dates across each claim window and
around its last day, including rest-day last days and the edge of the dates the edition answers for; a
few policies, events and filings outside the edition's dates; about 2% invalid inputs with one defect
each). All requests go as JSON Lines to ONE `shftu-rules eval` process: `--cli PATH`, else
`$CARGO_TARGET_DIR/release/shftu-rules` when CARGO_TARGET_DIR is set, else `target/release/shftu-rules`
(built with `cargo build --release -p shftu-rules-cli` if missing).
Each response's `result` (the `trace` is ignored) -- or, for `ok: false`, its error `code` and `path` -- is
compared with the model's answer. It prints `differential: N passed, M failed`, then up to 20 diffs with
their requests, and exits 1 on any mismatch.

    python3 tests/differential/run.py [--n 100000] [--seed 20230101] [--diffs-out FILE]
"""

import argparse
import datetime as dt
import json
import os
import re
import random
import subprocess
import sys
import threading
import time
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # leave no __pycache__ beside the test
sys.path.insert(0, HERE)
import model  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
CLI = os.path.join(TARGET, "release", "shftu-rules")
D = dt.date
DAY = dt.timedelta(days=1)


def iso(d):
    return d.isoformat()


RAW = "@@raw:"
_RAW_RE = re.compile(r'"@@raw:([^"]*)"')


def raw_number(text):
    """A JSON number written exactly as `text` (e.g. 2000.50), spliced in after json.dumps."""
    return RAW + text


def dumps(req):
    return _RAW_RE.sub(lambda m: m.group(1), json.dumps(req, ensure_ascii=False))


def uniform_date(rng, lo, hi):
    return lo + DAY * rng.randint(0, (hi - lo).days)


# ------------------------------------------------------------------------------------- enroll

ENROLL_EDGES = [D(2022, 11, 30), D(2022, 12, 1), D(2022, 12, 31), D(2023, 1, 1), D(2023, 2, 28),
                D(2023, 3, 1), D(2023, 4, 30), D(2023, 5, 1), D(2023, 6, 30), D(2023, 7, 1),
                D(2023, 11, 30), D(2023, 12, 1), D(2023, 12, 31), D(2024, 1, 1)]


def gen_enroll(rng):
    r = rng.random()
    if r < 0.5:
        date = uniform_date(rng, D(2022, 12, 1), D(2023, 12, 31))
    elif r < 0.53:
        date = uniform_date(rng, D(2022, 10, 1), D(2024, 2, 29))  # around the plan's dates (R25)
    else:
        date = rng.choice(ENROLL_EDGES) + DAY * rng.randint(-2, 2)
    channel = rng.choice(["group", "group", "group", "individual", "individual"])
    tier = rng.choice(["C", "D", "E", "E", "E"] if channel == "group" else ["C", "D", "E", "E", "E", "E", "E"])
    inp = {"tier": tier, "channel": channel, "date": iso(date)}
    if channel == "individual" and rng.random() < 0.7:
        inp["industry"] = rng.choice(model.PLATFORM_INDUSTRIES)
    else:
        inp["industry"] = rng.choice(model.INDUSTRIES)
    # birth date: often around the 60th birthday at the likely start of cover
    start_guess = rng.choice([D(2023, 1, 1), D(2023, 7, 1), model.first_of_next_month(date)])
    if rng.random() < 0.45:
        sixty = D(start_guess.year - 60, start_guess.month, start_guess.day)
        birth = sixty + DAY * rng.randint(-40, 40)
    else:
        birth = uniform_date(rng, D(1955, 1, 1), D(2005, 12, 31))
    if birth > date:
        birth = date - DAY * rng.randint(0, 7000)
    inp["birth_date"] = iso(birth)
    if rng.random() < 0.05:  # the plan's words for the codes (issue 16)
        for k in ("tier", "channel", "industry"):
            names = [n for n, c in model.NAMES.items() if c == inp[k]]
            if names and rng.random() < 0.6:
                inp[k] = rng.choice(names)
    r = rng.random()
    if channel == "individual":
        if r < 0.65:
            inp["platform_worker"] = True
        elif r < 0.8:
            inp["platform_worker"] = False
        elif r < 0.85:
            inp["platform_worker"] = None
    elif r < 0.3:
        inp["platform_worker"] = rng.choice([True, False, None])
    r = rng.random()
    if r < (0.3 if channel == "group" else 0.08):
        inp["renewing_2022_plan"] = True
    elif r < 0.4:
        inp["renewing_2022_plan"] = rng.choice([False, None])
    r = rng.random()
    if r < 0.08:
        inp["already_enrolled"] = True
    elif r < 0.15:
        inp["already_enrolled"] = rng.choice([False, None])
    if rng.random() < 0.02:
        inp = corrupt_enroll(rng, inp)
    return {"rule": "mutual_aid.enroll", "input": inp}


def corrupt_enroll(rng, inp):
    inp = dict(inp)
    k = rng.randrange(12)
    if k == 0:
        inp["tier"] = rng.choice(["F", "e", "", "CD"])
    elif k == 1:
        inp["channel"] = rng.choice(["team", "Group", ""])
    elif k == 2:
        inp["date"] = rng.choice(["2023-02-30", "2023-13-01", "2023/01/15", "2023-1-5", "20230115"])
    elif k == 3:
        inp["date"] = 20230115
    elif k == 4:
        inp["industry"] = rng.choice(["pilot", "Courier", "taxi"])
    elif k == 5:
        inp[rng.choice(["tierr", "birthdate", "platform", "renewing"])] = "E"
    elif k == 6:
        del inp[rng.choice(["tier", "channel", "date", "industry", "birth_date"])]
    elif k == 7:
        inp[rng.choice(["tier", "channel", "date", "industry", "birth_date"])] = None
    elif k == 8:
        inp["platform_worker"] = rng.choice(["yes", 1, "true"])
    elif k == 9:
        inp[rng.choice(["renewing_2022_plan", "already_enrolled"])] = rng.choice(["no", 0])
    elif k == 10:
        inp["birth_date"] = iso(D.fromisoformat(inp["date"]) + DAY * rng.randint(1, 400))
    else:
        inp["birth_date"] = rng.choice(["1963-02-29", "1985-00-10", 1985])
    return inp


# ------------------------------------------------------------------------------------- adjudicate

# Last days that a rest day or a make-up working day makes interesting (民法典 第二百零三条)
SPECIAL_DAYS = sorted(d for d in model.REST | model.MAKEUP if D(2023, 1, 1) <= d <= D(2025, 12, 31))


PLAN_FIRST, PLAN_LAST = model.PLAN_DATES


def gen_policy(rng):
    tier = rng.choice(["C", "D", "E"])
    r = rng.random()
    if rng.random() < 0.05:  # the claim windows end on or next to a holiday or a make-up day
        target = rng.choice([d for d in SPECIAL_DAYS if d <= D(2025, 12, 31)]) + DAY * rng.randint(-1, 1)
        end = min(max(model.add_months(target, -rng.choice([6, 24])), PLAN_FIRST), PLAN_LAST)
        start = max(end - DAY * rng.randint(0, 364), PLAN_FIRST)
    elif r < 0.80:
        if rng.random() < 0.5:
            start = rng.choice([D(2023, 1, 1), D(2023, 7, 1)])
        else:
            start = D(2023, rng.randint(1, 12), 1)
        end = D(2023, 12, 31)
    elif r < 0.86:  # a cover ending before the plan's end (e.g. a change's own cover to 2023-06-30)
        start = uniform_date(rng, PLAN_FIRST, D(2023, 9, 30))
        end = uniform_date(rng, start, PLAN_LAST)
    elif r < 0.89:  # the first day of the plan's dates
        start, end = PLAN_FIRST, uniform_date(rng, PLAN_FIRST, PLAN_LAST)
    elif r < 0.91:  # outside the edition's dates (R25): the 2022 plan, 2024, 2099
        start, end = rng.choice([(D(2022, 7, 1), D(2023, 6, 30)), (D(2024, 1, 1), D(2024, 12, 31)),
                                 (D(2023, 7, 1), D(2024, 6, 30)), (D(2099, 1, 1), D(2099, 12, 31))])
    else:
        start = uniform_date(rng, D(2023, 1, 1), D(2023, 12, 1))
        end = D(2023, 12, 31)
    pol = {"tier": tier, "coverage_start": iso(start), "coverage_end": iso(end)}
    r = rng.random()
    if tier != "E" and r < 0.45:
        targets = ["D", "E"] if tier == "C" else ["E"]
        if tier == "C" and rng.random() < 0.5:
            targets = [rng.choice(targets)]
        months = []
        m = start
        while True:
            m = model.first_of_next_month(m)
            if m > end:
                break
            months.append(m)
        if len(months) >= len(targets):
            effs = sorted(rng.sample(months, len(targets)))
            pol["changes"] = [{"to": t, "effective_from": iso(e)} for t, e in zip(targets, effs)]
            if rng.random() < 0.3:
                rng.shuffle(pol["changes"])  # the changes' order does not matter
    elif r < 0.52:  # changes that do not raise the tier, or several to the same tier (R18)
        pol["changes"] = [{"to": rng.choice(["C", "D", "E"]),
                           "effective_from": iso(uniform_date(rng, PLAN_FIRST, PLAN_LAST))}
                          for _ in range(rng.randint(1, 4))]
    elif r < 0.55:
        pol["changes"] = [] if rng.random() < 0.5 else None
    if "changes" in pol and pol["changes"] and rng.random() < 0.01:
        pol["changes"][0]["effective_from"] = rng.choice(["2099-01-01", "2022-11-01"])
    return pol, start, end


BENEFIT_WEIGHTS = [("hospital_days", 24), ("critical_illness", 10), ("ci_medical_subsidy", 18),
                   ("accident_death", 8), ("accident_disability", 16), ("accident_consolation", 16),
                   ("disease_death", 10)]


def pick_benefit(rng, focus):
    if focus and rng.random() < 0.7:
        return rng.choice(focus)
    return rng.choices([b for b, _ in BENEFIT_WEIGHTS], [w for _, w in BENEFIT_WEIGHTS])[0]


def gen_amount(rng):
    r = rng.random()
    if r < 0.15:
        v = Decimal(rng.choice(["2000", "80000", "79999.99", "2000.01", "80000.00"]))
    elif r < 0.6:
        v = Decimal(rng.randint(2000, 80000))
    else:
        v = Decimal(rng.randint(200000, 8000000)) / 100
    form = rng.random()
    if form < 0.4:
        return str(v.quantize(Decimal("0.01")))
    if form < 0.55:
        return str(v)
    if form < 0.7:
        return raw_number(str(v.quantize(Decimal(rng.choice(["0.01", "0.1", "1"])), rounding="ROUND_DOWN")))
    if form < 0.85 and v == v.to_integral_value():
        return int(v)
    return float(v)  # written by json as its shortest text, e.g. 12345.6


def gen_claim(rng, start, end, focus):
    b = pick_benefit(rng, focus)
    lo, hi = max(start, PLAN_FIRST), min(end, PLAN_LAST)
    if lo > hi:
        lo, hi = start, end
    r = rng.random()
    if b == "accident_disability" and r < 0.1:
        event = rng.choice(SPECIAL_DAYS) - DAY * 180
        if not lo <= event <= hi:
            event = uniform_date(rng, lo, hi)
    elif r < 0.84:
        event = uniform_date(rng, lo, hi)
    elif r < 0.88:  # no waiting period: the first day of cover (R22), or the day before
        event = start if rng.random() < 0.7 else start - DAY
    elif r < 0.94:  # before cover, mostly inside the plan's dates
        event = start - DAY * rng.randint(1, 60)
        if event < PLAN_FIRST and rng.random() < 0.9:
            event = PLAN_FIRST if start > PLAN_FIRST else start
    else:  # after cover, mostly inside the plan's dates
        event = end + DAY * rng.randint(1, 60)
        if event > PLAN_LAST and rng.random() < 0.9:
            event = PLAN_LAST if end < PLAN_LAST else end
    last = model.nominal_last_day(b, end, event)
    r = rng.random()
    if r < 0.6:
        filed = uniform_date(rng, event, max(event, min(event + DAY * 120, last)))
    elif r < 0.85:
        filed = max(event, last + DAY * rng.randint(-4, 6))
    else:
        filed = uniform_date(rng, event, max(event, last + DAY * 200))
    if filed > model.ANSWER_DATES[1] and rng.random() < 0.95:  # the edition answers to 2025-12-31 (R25)
        filed = max(event, uniform_date(rng, model.ANSWER_DATES[1] - DAY * 10, model.ANSWER_DATES[1]))
    c = {"benefit": b, "event_date": iso(event), "filed_on": iso(filed)}
    if rng.random() < 0.03:  # the plan's words for the benefit (issue 16)
        c["benefit"] = rng.choice([n for n, code in model.NAMES.items() if code == b])
    if b == "hospital_days":
        r = rng.random()
        c["days"] = rng.randint(1, 30) if r < 0.7 else rng.randint(31, 120) if r < 0.9 else rng.randint(121, 200)
    elif b == "accident_disability":
        c["grade"] = rng.randint(1, 10)
    elif b == "ci_medical_subsidy":
        c["amount"] = gen_amount(rng)
    if rng.random() < 0.03:
        c[rng.choice(["days", "grade", "amount"])] = None  # null counts as absent (R15)
        if b == "hospital_days" and c.get("days") is None:
            c["days"] = 1
        if b == "accident_disability" and c.get("grade") is None:
            c["grade"] = 3
        if b == "ci_medical_subsidy" and c.get("amount") is None:
            c["amount"] = "2000.00"
    # key order varies
    if rng.random() < 0.3:
        items = list(c.items())
        rng.shuffle(items)
        c = dict(items)
    return c


def gen_out_of_order(rng):
    """Upgraded policy; big claims from the higher tier first, then earlier (lower-tier) events: whatever
    their order, each is held to its own tier's caps counting what was paid before it by event day (R19:
    就高, 不叠加); C->D->E policies too."""
    tier = rng.choice(["C", "D"])
    start, end = D(2023, 1, 1), D(2023, 12, 31)
    eff = D(2023, rng.randint(2, 12), 1)
    pol = {"tier": tier, "coverage_start": iso(start), "coverage_end": iso(end),
           "changes": [{"to": rng.choice(["D", "E"]) if tier == "C" else "E", "effective_from": iso(eff)}]}
    if tier == "C" and eff.month > 2 and rng.random() < 0.4:
        pol["changes"] = [{"to": "E", "effective_from": iso(eff)},
                          {"to": "D", "effective_from": iso(D(2023, rng.randint(2, eff.month - 1), 1))}]
    claims = []
    for _ in range(rng.randint(2, 7)):
        c = gen_claim(rng, eff, end, ["ci_medical_subsidy", "hospital_days", "accident_disability",
                                      "critical_illness"])
        c["filed_on"] = iso(D.fromisoformat(c["event_date"]) + DAY * rng.randint(0, 60))
        claims.append(c)
    for _ in range(rng.randint(1, 6)):
        c = gen_claim(rng, start, eff - DAY, ["hospital_days", "hospital_days", "accident_consolation",
                                              "disease_death", "accident_disability"])
        c["filed_on"] = iso(D.fromisoformat(c["event_date"]) + DAY * rng.randint(0, 60))
        claims.append(c)
    for _ in range(rng.randint(0, 3)):
        claims.append(gen_claim(rng, start, end, ["hospital_days"]))
    return {"rule": "mutual_aid.adjudicate", "input": {"policy": pol, "claims": claims[:12]}}


def gen_adjudicate(rng):
    if rng.random() < 0.1:
        return gen_out_of_order(rng)
    pol, start, end = gen_policy(rng)
    focus = None
    if rng.random() < 0.3:
        focus = rng.sample([b for b, _ in BENEFIT_WEIGHTS], rng.randint(1, 2))
    n = rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    claims = [gen_claim(rng, start, end, focus) for _ in range(n)]
    r = rng.random()
    if r < 0.3:
        claims.sort(key=lambda c: c["event_date"])
    elif r < 0.45:
        claims.sort(key=lambda c: c["event_date"], reverse=True)  # the higher tier's claims first (R19)
    elif r < 0.55 and claims:
        claims += [dict(rng.choice(claims)) for _ in range(rng.randint(1, 3))]  # identical claims
        rng.shuffle(claims)
        claims = claims[:12]
    inp = {"policy": pol, "claims": claims}
    if rng.random() < 0.02:
        inp = corrupt_adjudicate(rng, inp)
    return {"rule": "mutual_aid.adjudicate", "input": inp}


def corrupt_adjudicate(rng, inp):
    inp = json.loads(json.dumps(inp))
    pol, claims = inp["policy"], inp["claims"]
    k = rng.randrange(16)
    if k == 0:
        pol["tier"] = rng.choice(["F", "e", ""])
    elif k == 1:
        pol["coverage_end"] = iso(D.fromisoformat(pol["coverage_start"]) - DAY * rng.randint(1, 30))
    elif k == 2:
        pol[rng.choice(["coverage_start", "coverage_end"])] = rng.choice(["2023-02-29", "2023-04-31", "2023.01.01"])
    elif k == 3:
        pol["changes"] = [{"to": "E", "effective": "2023-06-01"}]
    elif k == 4:
        pol["changes"] = [{"to": "F", "effective_from": "2023-06-01"}]
    elif k == 5:
        inp["claims"] = {}
    elif k == 6:
        del inp[rng.choice(["policy", "claims"])]
    elif k == 7:
        inp["claimz"] = []
    elif k == 8 and rng.random() < 0.2:
        return rng.choice([[], "x", None, 3])
    if k <= 7 or not claims:
        return inp
    i = rng.randrange(len(claims))
    c = claims[i]
    b = c["benefit"]
    if k == 8:
        c["benefit"] = rng.choice(["hospital", "death", "Accident_death"])
    elif k == 9:
        c["filed_on"] = iso(D.fromisoformat(c["event_date"]) - DAY * rng.randint(1, 30))
    elif k == 10:
        c["event_date"] = rng.choice(["2023-02-30", "2023-9-01", 20230301])
    elif k == 11:
        if b == "hospital_days":
            c["days"] = rng.choice([0, -1, "3", 2.5, True])
        elif b == "accident_disability":
            c["grade"] = rng.choice([0, 11, -1, "3", 1.5])
        elif b == "ci_medical_subsidy":
            c["amount"] = rng.choice(["1999.99", "80000.01", "2000.125", "-2000", "abc", 100000, -5,
                                      "2e3", "1,000.00", True, raw_number("2000.125"),
                                      raw_number("2e3"), raw_number("-2000"), raw_number("5000.100"),
                                      raw_number("1999.99"), None, [], {}])
        else:
            c[rng.choice(["days", "grade", "amount"])] = rng.choice([1, 5, "100.00"])
    elif k == 12:
        if b == "hospital_days":
            c["grade"] = 2
        elif b == "ci_medical_subsidy":
            c["days"] = 3
        else:
            c["amount"] = "100.00"
    elif k == 13:
        req = {"hospital_days": "days", "accident_disability": "grade", "ci_medical_subsidy": "amount"}.get(b)
        if req:
            del c[req]
        else:
            del c[rng.choice(["event_date", "filed_on", "benefit"])]
    elif k == 14:
        c["note"] = "x"
    else:
        c["days"] = 3 if b != "hospital_days" else 1
        if b == "hospital_days":
            c["grade"] = 1
    return inp


# ------------------------------------------------------------------------------------- runner

def ensure_cli(cli):
    if cli == CLI and not os.path.exists(cli):
        subprocess.run(["cargo", "build", "--release", "-p", "shftu-rules-cli"], cwd=ROOT, check=True)


def core_answer(resp):
    if resp.get("ok"):
        return ("ok", resp.get("result"))
    err = resp.get("error") or {}
    return ("error", err.get("code"), err.get("path"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100000, help="requests per rule (default 100000)")
    ap.add_argument("--seed", type=int, default=20230101, help="RNG seed")
    ap.add_argument("--diffs-out", help="write every mismatch as JSON Lines to this file")
    ap.add_argument("--cli", default=CLI, help=f"the shftu-rules binary (default {CLI})")
    args = ap.parse_args()

    ensure_cli(args.cli)
    t0 = time.time()
    rng = random.Random(args.seed)
    lines = []
    for _ in range(args.n):
        lines.append(dumps(gen_enroll(rng)))
    for _ in range(args.n):
        lines.append(dumps(gen_adjudicate(rng)))

    proc = subprocess.Popen([args.cli, "eval"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)

    def feed():
        try:
            for ln in lines:
                proc.stdin.write(ln.encode("utf-8") + b"\n")
        finally:
            proc.stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()

    passed = failed = 0
    diffs = []
    out = open(args.diffs_out, "w", encoding="utf-8") if args.diffs_out else None
    for i, ln in enumerate(lines):
        raw = proc.stdout.readline()
        if not raw:
            print(f"the CLI stopped after {i} responses", file=sys.stderr)
            failed += len(lines) - i
            break
        core = core_answer(json.loads(raw))
        mine = model.evaluate(model.parse_request(ln))
        if core == mine:
            passed += 1
            continue
        failed += 1
        d = {"line": i + 1, "request": ln, "core": core, "model": mine}
        if len(diffs) < 20:
            diffs.append(d)
        if out:
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
    writer.join()
    proc.wait()
    if out:
        out.close()

    print(f"({2 * args.n} requests, seed {args.seed}, {time.time() - t0:.1f} s)")
    print(f"differential: {passed} passed, {failed} failed")
    for d in diffs:
        print(f"--- line {d['line']}")
        print("request:", d["request"])
        print("core:   ", json.dumps(d["core"], ensure_ascii=False))
        print("model:  ", json.dumps(d["model"], ensure_ascii=False))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
