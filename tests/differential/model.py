"""A deliberately simple, independent model of `mutual_aid.enroll` and `mutual_aid.adjudicate`.

Written only from the contract (spec/contract.md), the plan's §5 (沪工总办〔2023〕15号 五、新就业形态劳动者互助保障),
the reference facts (holiday calendar, 民法典 第二百零一至二百零三条, JR/T 0083-2013) and the project's
readings (spec/readings.md R1-R25). It does not share code or data files with the Rust core: every
figure below is typed in from the seed's 保障内容 table, and the plan's dates from its text.

Validation follows the envelope's two stages: first the request's shape and types (unknown or missing
fields, wrong types, impossible dates, money text), then the rule's own checks in the rule's order
(dates inside the edition, cover ending before it starts, fields a benefit does not take, ranges).

Entry points take the request's `input` (as parsed from the request's JSON text, see `parse_request`)
and return the contract's `result` dict, or raise `RuleError` (a ValueError) with the envelope's error
`code` and `path`.
"""

import datetime as _dt
import json
import os
import re
from decimal import Decimal

D = _dt.date


class RuleError(ValueError):
    def __init__(self, code, path, message=""):
        super().__init__(f"{code} at {path}: {message}")
        self.code = code
        self.path = path


def invalid(path, message=""):
    return RuleError("invalid_input", path, message)


class NumText(str):
    """The text of a JSON number with a fraction or exponent (kept as written, R16)."""


def parse_request(line):
    """Parse one request line as the model sees it: integers as int, other numbers as their text."""
    return json.loads(line, parse_float=NumText)


# --------------------------------------------------------------------------------------------
# Calendar (cn-holidays-2022-2025.json; 民法典 第二百零一至二百零三条)

# The reference calendar as published (spec/calendar/cn-holidays.json is that file, byte for byte); the model
# reads the facts, not the core's code that interprets them.
_HOLIDAYS = os.path.join(os.path.dirname(__file__), "..", "..", "spec", "calendar", "cn-holidays.json")
with open(_HOLIDAYS, encoding="utf-8") as _f:
    _CAL = json.load(_f)
CAL_YEARS = {int(y) for y in _CAL}
REST = {D.fromisoformat(d) for v in _CAL.values() for d in v["rest_days"]}
MAKEUP = {D.fromisoformat(d) for v in _CAL.values() for d in v["makeup_working_days"]}


class CalendarUnavailable(Exception):
    pass


def is_working_day(d):
    if d.year not in CAL_YEARS:
        raise CalendarUnavailable(d)
    if d in MAKEUP:
        return True
    return d.weekday() < 5 and d not in REST


def next_working_day_on_or_after(d):
    while not is_working_day(d):
        d += _dt.timedelta(days=1)
    return d


def last_day_of_month(y, m):
    if m == 12:
        return 31
    return (D(y, m + 1, 1) - _dt.timedelta(days=1)).day


def add_months(d, months):
    """Art. 202: the corresponding day of the final month, or its last day when it has none."""
    total = d.year * 12 + (d.month - 1) + months
    y, m = divmod(total, 12)
    m += 1
    return D(y, m, min(d.day, last_day_of_month(y, m)))


# --------------------------------------------------------------------------------------------
# Input parsing

_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_MONEY_RE = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")
MONEY_MAX = Decimal("999999999999.99")
COUNT_MAX = 4294967295


def parse_date(v, path):
    if not isinstance(v, str) or isinstance(v, NumText) or not _DATE_RE.match(v):
        raise invalid(path, "not a YYYY-MM-DD date")
    try:
        return D.fromisoformat(v)
    except ValueError:
        raise invalid(path, "impossible date")


def parse_money(v, path):
    if isinstance(v, bool):
        raise invalid(path, "not money")
    if isinstance(v, int):
        if v < 0:
            raise invalid(path, "negative")
        amount = Decimal(v)
    elif isinstance(v, str):  # a JSON string or the text of a JSON number
        if not _MONEY_RE.match(v):
            raise invalid(path, "not money with at most two decimals")
        amount = Decimal(v)
    else:
        raise invalid(path, "not money")
    if amount > MONEY_MAX:
        raise invalid(path, "too large")
    return amount


def parse_count(v, path, lo=0, hi=COUNT_MAX):
    if isinstance(v, bool) or not isinstance(v, int) or not (lo <= v <= hi):
        raise invalid(path, "not a count in range")
    return v


def parse_bool(v, path):
    if v is None:
        return False
    if not isinstance(v, bool):
        raise invalid(path, "not a boolean")
    return v


# The plan's own words a request may use for a code (§5 一(一)-(三), 一(七)3; issue 16).
NAMES = {
    "C类": "C", "C 类": "C", "C类保障": "C", "D类": "D", "D 类": "D", "D类保障": "D",
    "E类": "E", "E 类": "E", "E类保障": "E",
    "团体参保": "group", "团体": "group", "个人参保": "individual", "个人": "individual",
    "物流快递": "courier", "货运驾驶": "freight_driver", "网约送餐": "food_delivery", "网约车司机": "ride_hailing",
    "网约车": "ride_hailing", "护工护理": "caregiver", "家政服务": "domestic_service", "商场信息": "mall_info",
    "房产中介": "real_estate_agent", "物业管理": "property_management", "工地短工": "construction_casual",
    "农业临工": "farm_casual", "保洁环卫": "sanitation", "街面雇员": "street_staff",
    "住院天数补助金": "hospital_days", "住院": "hospital_days", "特种重病保障金": "critical_illness",
    "十二类重大疾病": "critical_illness", "十二类重大疾病（含原位癌）": "critical_illness",
    "重大疾病住院医疗补助金": "ci_medical_subsidy", "意外身故保障金": "accident_death", "意外身故": "accident_death",
    "意外伤残保障金": "accident_disability", "意外伤残": "accident_disability",
    "意外慰问金": "accident_consolation", "疾病身故保障金": "disease_death", "疾病身故": "disease_death",
}


def parse_enum(v, allowed, path):
    if isinstance(v, str) and not isinstance(v, NumText) and NAMES.get(v) in allowed:
        return NAMES[v]
    if not isinstance(v, str) or isinstance(v, NumText) or v not in allowed:
        raise invalid(path, "unknown value")
    return v


def check_object(obj, path, known):
    if not isinstance(obj, dict):
        raise invalid(path, "not an object")
    for k in obj:
        if k not in known:
            raise invalid(f"{path}.{k}", "unknown field")


def required(obj, key, path):
    v = obj.get(key)
    if v is None:
        raise invalid(f"{path}.{key}", "missing")
    return v


def money_str(x):
    return str(Decimal(x).quantize(Decimal("0.01")))


# --------------------------------------------------------------------------------------------
# mutual_aid.enroll (§5 一(一), 一(三)-(五), 二(四); R1-R4, R11)

TIERS = ("C", "D", "E")
RANK = {"C": 0, "D": 1, "E": 2}
INDUSTRIES = ("courier", "freight_driver", "food_delivery", "ride_hailing", "caregiver",
              "domestic_service", "mall_info", "real_estate_agent", "property_management",
              "construction_casual", "farm_casual", "sanitation", "street_staff")
# Named in §5 一(三)2 (网约送餐、货运驾驶、物流快递、网约车司机等行业); the 等 leaves the list open (R23), so
# the model uses them only to generate requests.
PLATFORM_INDUSTRIES = ("courier", "freight_driver", "food_delivery", "ride_hailing")
PLAN_END = D(2023, 12, 31)
# The dates of the 2023 plan (enrolments from December 2022, cover to 2023-12-31) and the dates the
# edition answers for (the claim windows run two years past the cover's end): R25. Filing dates are bounded
# by neither, only by their event.
PLAN_DATES = (D(2022, 12, 1), D(2023, 12, 31))
ANSWER_DATES = (D(2022, 12, 1), D(2025, 12, 31))
ENROLL_REASON_ORDER = ("age_limit", "industry_not_covered", "outside_enrollment_window", "tier_not_offered",
                       "channel_not_eligible", "already_enrolled")


def plan_date(d, path):
    if not PLAN_DATES[0] <= d <= PLAN_DATES[1]:
        raise invalid(path, "outside the plan's dates")


def first_of_next_month(d):
    return D(d.year + 1, 1, 1) if d.month == 12 else D(d.year, d.month + 1, 1)


def sixtieth_birthday(b):
    try:
        return D(b.year + 60, b.month, b.day)
    except ValueError:  # 29 February in a common year: the day after 28 February
        return D(b.year + 60, 3, 1)


def enroll(inp):
    p = "input"
    check_object(inp, p, ("tier", "channel", "date", "industry", "birth_date", "platform_worker",
                          "renewing_2022_plan", "already_enrolled"))
    tier = parse_enum(required(inp, "tier", p), TIERS, "input.tier")
    channel = parse_enum(required(inp, "channel", p), ("group", "individual"), "input.channel")
    date = parse_date(required(inp, "date", p), "input.date")
    industry = parse_enum(required(inp, "industry", p), INDUSTRIES, "input.industry")
    birth = parse_date(required(inp, "birth_date", p), "input.birth_date")
    platform = parse_bool(inp.get("platform_worker"), "input.platform_worker")
    renewing = parse_bool(inp.get("renewing_2022_plan"), "input.renewing_2022_plan")
    already = parse_bool(inp.get("already_enrolled"), "input.already_enrolled")
    plan_date(date, "input.date")  # R25: the enrolment day is a plan date; the birth date is not
    if birth > date:
        raise invalid("input.birth_date", "born after the date")

    reasons = set()
    if already:  # 一(三)2 一个保障期内每位劳动者只能参保一份 (R21)
        reasons.add("already_enrolled")
    start = None
    if channel == "group":
        if renewing:  # 二(四): E half year from 2023-07-01, in the concentrated window or May-June
            if tier != "E":
                reasons.add("tier_not_offered")
            if D(2022, 12, 1) <= date <= D(2023, 2, 28) or D(2023, 5, 1) <= date <= D(2023, 6, 30):
                start = D(2023, 7, 1)
            else:
                reasons.add("outside_enrollment_window")
        else:
            if D(2022, 12, 1) <= date <= D(2023, 2, 28):  # 一(四)1(1) 集中参保
                start = D(2023, 1, 1)
            elif D(2023, 3, 1) <= date <= D(2023, 11, 30):  # 一(四)1(2) 即时参保
                start = first_of_next_month(date)
            else:
                reasons.add("outside_enrollment_window")
    else:  # 一(三)2 个人参保: E only, platform workers of any of the 13 industries (等, R23); R3: no renewals
        if tier != "E":
            reasons.add("tier_not_offered")
        if not platform or renewing:
            reasons.add("channel_not_eligible")
        candidate = first_of_next_month(date)
        if D(2023, 1, 1) <= candidate <= D(2023, 12, 1):  # R2
            start = candidate
        else:
            reasons.add("outside_enrollment_window")
    if start is not None and sixtieth_birthday(birth) <= start:  # R1
        reasons.add("age_limit")

    if reasons:
        return {"accepted": False, "reasons": [r for r in ENROLL_REASON_ORDER if r in reasons],
                "coverage_start": None, "coverage_end": None, "months": None, "fee": None,
                "fee_kind": None}
    months = (PLAN_END.year - start.year) * 12 + PLAN_END.month - start.month + 1
    if tier == "C":
        fee, kind = "0.00", "none"
    elif tier == "D":
        fee, kind = "120.00", "union_dues"
    else:
        fee, kind = ("72.00" if months > 6 else "36.00"), "premium"
    return {"accepted": True, "reasons": [], "coverage_start": start.isoformat(),
            "coverage_end": PLAN_END.isoformat(), "months": months, "fee": fee, "fee_kind": kind}


# --------------------------------------------------------------------------------------------
# mutual_aid.adjudicate (§5 一(二), 一(六), 一(七); R5-R11, R14, R15)

BENEFITS = ("hospital_days", "critical_illness", "ci_medical_subsidy", "accident_death",
            "accident_disability", "accident_consolation", "disease_death")
ACCIDENT = ("accident_death", "accident_disability", "accident_consolation")
DEATHS = ("accident_death", "disease_death")
K = Decimal

# The seed's 保障内容 table, by tier C / D / E (None: the tier has no such benefit).
HOSPITAL_RATE = {"C": None, "D": K(60), "E": K(300)}
HOSPITAL_MAX_DAYS = 180
HOSPITAL_LIMIT = {"C": None, "D": K(10800), "E": K(54000)}
CRITICAL_SUM = {"C": None, "D": K(10000), "E": K(20000)}
CI_MEDICAL_CAP = {"C": None, "D": None, "E": K(340000)}
CI_MEDICAL_MIN, CI_MEDICAL_MAX = K(2000), K(80000)
ACCIDENT_SUM = {"C": K(20000), "D": K(60000), "E": K(150000)}  # death, and disability at grade 1
CONSOLATION_EACH = K(500)
CONSOLATION_CAP = {"C": K(2000), "D": K(6000), "E": K(6000)}
DISEASE_DEATH_SUM = {"C": None, "D": K(10000), "E": K(20000)}
ACCIDENT_CAP = {"C": K(20000), "D": K(60000), "E": K(306000)}
TOTAL_CAP = {"C": K(20000), "D": K(90800), "E": K(720000)}

# R11: reasons are listed in the order of spec/reasons.md (and of the contract).
CLAIM_REASON_ORDER = ("not_covered", "event_outside_coverage", "claim_window_expired",
                      "death_benefit_already_paid")


def nominal_last_day(benefit, coverage_end, event_date):
    """§5 一(七)3 with R5; Arts. 201-202 (before moving off a rest day)."""
    if benefit == "disease_death":
        return add_months(coverage_end, 6)
    if benefit == "accident_disability":
        return event_date + _dt.timedelta(days=180)
    return add_months(coverage_end, 24)


def benefit_offered(benefit, tier):
    return {
        "hospital_days": HOSPITAL_RATE,
        "critical_illness": CRITICAL_SUM,
        "ci_medical_subsidy": CI_MEDICAL_CAP,
        "accident_death": ACCIDENT_SUM,
        "accident_disability": ACCIDENT_SUM,
        "accident_consolation": CONSOLATION_CAP,
        "disease_death": DISEASE_DEATH_SUM,
    }[benefit][tier] is not None


def parse_adjudicate(inp):
    """Stage 1: the request's shape and types (what a reader refuses)."""
    check_object(inp, "input", ("policy", "claims"))
    pol = required(inp, "policy", "input")
    pp = "input.policy"
    check_object(pol, pp, ("tier", "coverage_start", "coverage_end", "changes"))
    tier = parse_enum(required(pol, "tier", pp), TIERS, pp + ".tier")
    start = parse_date(required(pol, "coverage_start", pp), pp + ".coverage_start")
    end = parse_date(required(pol, "coverage_end", pp), pp + ".coverage_end")
    changes = []
    ch = pol.get("changes")
    if ch is not None:
        if not isinstance(ch, list):
            raise invalid(pp + ".changes", "not an array")
        for i, c in enumerate(ch):
            cp = f"{pp}.changes[{i}]"
            check_object(c, cp, ("to", "effective_from"))
            changes.append((parse_enum(required(c, "to", cp), TIERS, cp + ".to"),
                            parse_date(required(c, "effective_from", cp), cp + ".effective_from")))
    cl = required(inp, "claims", "input")
    if not isinstance(cl, list):
        raise invalid("input.claims", "not an array")
    claims = []
    for i, c in enumerate(cl):
        cp = f"input.claims[{i}]"
        check_object(c, cp, ("benefit", "event_date", "filed_on", "days", "grade", "amount"))
        benefit = parse_enum(required(c, "benefit", cp), BENEFITS, cp + ".benefit")
        event = parse_date(required(c, "event_date", cp), cp + ".event_date")
        filed = parse_date(required(c, "filed_on", cp), cp + ".filed_on")
        days = grade = amount = None  # null counts as absent (R15)
        if c.get("days") is not None:
            days = parse_count(c["days"], cp + ".days")
        if c.get("grade") is not None:
            grade = parse_count(c["grade"], cp + ".grade")
        if c.get("amount") is not None:
            amount = parse_money(c["amount"], cp + ".amount")
        claims.append({"benefit": benefit, "event": event, "filed": filed, "days": days,
                       "grade": grade, "amount": amount})
    return tier, start, end, changes, claims


def validate_adjudicate(start, end, changes, claims):
    """Stage 2: the rule's own checks, in its order (R15, R25)."""
    pp = "input.policy"
    plan_date(start, pp + ".coverage_start")
    plan_date(end, pp + ".coverage_end")
    if end < start:
        raise invalid(pp + ".coverage_end", "cover ends before it starts")
    for i, (_, eff) in enumerate(changes):
        plan_date(eff, f"{pp}.changes[{i}].effective_from")
    for i, c in enumerate(claims):
        cp = f"input.claims[{i}]"
        plan_date(c["event"], cp + ".event_date")
        # R25: a filing date is not bounded above (a late filing is claim_window_expired); never before its event.
        if c["filed"] < c["event"]:
            raise invalid(cp + ".filed_on", "filed before the event")
        for field, owner in (("days", "hospital_days"), ("grade", "accident_disability"),
                             ("amount", "ci_medical_subsidy")):
            if (c[field] is not None) != (c["benefit"] == owner):
                raise invalid(f"{cp}.{field}", "required for / does not apply to this benefit")
        if c["days"] == 0:
            raise invalid(cp + ".days", "at least one day")
        if c["grade"] is not None and not 1 <= c["grade"] <= 10:
            raise invalid(cp + ".grade", "a grade from 1 to 10")
        if c["amount"] is not None and not (CI_MEDICAL_MIN <= c["amount"] <= CI_MEDICAL_MAX):
            raise invalid(cp + ".amount", "assessed subsidy outside 2,000..80,000")


def decision_key(i, c):
    """R19: claims are decided by event day, then filing day, then benefit (the table's order), then
    their own figures; equal claims keep the request's order (they are interchangeable)."""
    def opt(v):
        return (0,) if v is None else (1, v)
    return (c["event"], c["filed"], BENEFITS.index(c["benefit"]), opt(c["days"]), opt(c["grade"]),
            opt(c["amount"]), i)


def adjudicate(inp):
    tier0, start, end, changes, claims = parse_adjudicate(inp)
    validate_adjudicate(start, end, changes, claims)
    paid = {b: K(0) for b in BENEFITS}
    days_used = 0
    accident_paid = K(0)
    total_paid = K(0)
    death_paid = False
    decisions = [None] * len(claims)
    for i in sorted(range(len(claims)), key=lambda k: decision_key(k, claims[k])):
        c = claims[i]
        b, event = c["benefit"], c["event"]
        tier = tier0
        for to, eff in changes:  # 一(六): raised by every change in force on the event day (R18)
            if eff <= event and RANK[to] > RANK[tier]:
                tier = to
        reasons = set()
        if not benefit_offered(b, tier):
            reasons.add("not_covered")
        if not (start <= event <= end):  # 不设免责期: the first day of cover is covered (R22)
            reasons.add("event_outside_coverage")
        last = nominal_last_day(b, end, event)
        if c["filed"] > last:  # R10: the calendar only for claims after the nominal last day
            try:
                last = next_working_day_on_or_after(last)
            except CalendarUnavailable:
                raise RuleError("calendar_unavailable", f"input.claims[{i}].filed_on")
            if c["filed"] > last:
                reasons.add("claim_window_expired")
        if b in DEATHS and death_paid:  # R14
            reasons.add("death_benefit_already_paid")
        if reasons:
            decisions[i] = {"status": "rejected", "payable": "0.00",
                            "reasons": [r for r in CLAIM_REASON_ORDER if r in reasons]}
            continue

        cap_reasons = []
        if b == "hospital_days":
            rate = HOSPITAL_RATE[tier]
            asked = rate * c["days"]
            d = min(c["days"], max(HOSPITAL_MAX_DAYS - days_used, 0))
            amt = rate * d
            benefit_left = max(HOSPITAL_LIMIT[tier] - paid[b], K(0))
            if d < c["days"] or benefit_left < amt:
                cap_reasons.append("benefit_cap_reached")
            amt = min(amt, benefit_left)
        else:
            if b == "critical_illness":
                asked, cap = CRITICAL_SUM[tier], CRITICAL_SUM[tier]
            elif b == "ci_medical_subsidy":
                asked, cap = c["amount"], CI_MEDICAL_CAP[tier]
            elif b == "accident_death":
                asked, cap = ACCIDENT_SUM[tier], ACCIDENT_SUM[tier]
            elif b == "accident_disability":
                asked = (ACCIDENT_SUM[tier] * (11 - c["grade"]) / 10).quantize(K("0.01"), rounding="ROUND_DOWN")
                cap = ACCIDENT_SUM[tier]
            elif b == "accident_consolation":
                asked, cap = CONSOLATION_EACH, CONSOLATION_CAP[tier]
            else:
                asked, cap = DISEASE_DEATH_SUM[tier], DISEASE_DEATH_SUM[tier]
            amt = asked
            left = max(cap - paid[b], K(0))
            if left < amt:
                cap_reasons.append("benefit_cap_reached")
                amt = left
        # R19: caps counted once per period across tiers -- what any tier paid counts against this one's
        if b in ACCIDENT:
            left = max(ACCIDENT_CAP[tier] - accident_paid, K(0))
            if left < amt:
                cap_reasons.append("accident_cap_reached")
                amt = left
        left = max(TOTAL_CAP[tier] - total_paid, K(0))
        if left < amt:
            cap_reasons.append("total_cap_reached")
            amt = max(left, K(0))

        if b == "hospital_days":
            # 最高给付180天: a day paid even in part is a day given (so no more than 180 days are ever
            # paid); only the total cap can leave a part of a day (R8).
            rate = HOSPITAL_RATE[tier]
            days_used += int((amt / rate).to_integral_value(rounding="ROUND_CEILING"))
        paid[b] += amt
        total_paid += amt
        if b in ACCIDENT:
            accident_paid += amt
        if b in DEATHS and amt > 0:
            death_paid = True
        if amt == 0:
            status = "rejected"
        elif amt < asked:
            status = "partially_paid"
        else:
            status = "paid"
        decisions[i] = {"status": status, "payable": money_str(amt), "reasons": cap_reasons}
    return {"decisions": decisions, "total_payable": money_str(total_paid)}


RULES = {"mutual_aid.enroll": enroll, "mutual_aid.adjudicate": adjudicate}


def evaluate(request):
    """The envelope's essentials: ('ok', result) or ('error', code, path)."""
    rule = request.get("rule")
    if rule not in RULES:
        return ("error", "unknown_rule", None)
    if request.get("edition", "2023") != "2023":
        return ("error", "unknown_edition", None)
    try:
        return ("ok", RULES[rule](request.get("input")))
    except RuleError as e:
        return ("error", e.code, e.path)
