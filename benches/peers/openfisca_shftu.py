"""A minimal OpenFisca tax-benefit system for the three peer workloads (``benches/peers/run.py``).

Written the way an OpenFisca country package is written — entities, variables with formulas, parameters —
but in one module, and with its parameters built from the values the ``shftu_rules`` library answers
(``run.py`` asks the library and passes them in; no amount is typed here).

Entities: ``row`` (the person entity: one checkup line, one enrolment or one hospital-day claim) and
``policy`` (a mutual-aid policy, its ``claim`` members in row order).

Money is ``float`` in yuan, as OpenFisca models money (``float32`` arrays); every amount of these workloads is a
whole number of yuan below 2**24 fen, so it is exact and ``run.py`` compares it to the fen.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Dict, List, Mapping

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.indexed_enums import Enum
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import DateUnit
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

YEAR = DateUnit.YEAR
ETERNITY = DateUnit.ETERNITY
START = "2023-01-01"  # the parameters' start: the 2023 edition

Row = build_entity(
    key="row",
    plural="rows",
    label="One input row: a checkup line, an enrolment or a hospital-day claim",
    is_person=True,
)
Policy = build_entity(
    key="policy",
    plural="policies",
    label="A mutual-aid policy; its claims are its members, in row (time) order",
    roles=[{"key": "claim", "plural": "claims", "label": "Claim"}],
)


def tax_benefit_system(lib: Mapping[str, Any]) -> TaxBenefitSystem:
    """The system, its parameters from ``lib`` (the values ``run.py`` read from ``shftu_rules``).

    ``lib`` keys: ``packages`` (names, in the library's order), ``price``/``subsidy``/``payable`` (yuan per
    package), ``e_premium_full``, ``e_premium_half``, ``e_half_year_months``, ``coverage_end`` (a
    ``datetime.date``), ``hospital_daily``, ``hospital_max_days`` (tier E).
    """
    packages: List[str] = list(lib["packages"])
    Package = Enum("Package", [(p, p) for p in packages])  # type: ignore[misc]

    class checkup_package(Variable):
        value_type = Enum
        possible_values = Package
        default_value = Package[packages[0]]
        entity = Row
        definition_period = YEAR
        label = "Checkup package of the line"

    class checkup_count(Variable):
        value_type = int
        default_value = 1
        entity = Row
        definition_period = YEAR
        label = "Number of workers on the line"

    # The package table column as a lookup array in the enum's order, indexed by the enum's codes. OpenFisca's
    # documented fancy indexing (``parameters(period).checkup.price[package]``) answers the same but builds one
    # node per row in Python, ~1.5 s per million rows and column here: the faster form is used.
    def _table(column: str):  # type: ignore[no-untyped-def]
        def lookup(parameters: Any, period: Any) -> np.ndarray:
            node = parameters(period).checkup[column]
            return np.array([node[p] for p in packages], dtype=np.float64)

        return lookup

    price_table, subsidy_table, payable_table = _table("price"), _table("subsidy"), _table("payable")

    class checkup_price(Variable):
        value_type = float
        entity = Row
        definition_period = YEAR
        label = "Price of the line (§9 五 体检计划汇总表)"

        def formula(row, period, parameters):
            return price_table(parameters, period)[row("checkup_package", period)] * row("checkup_count", period)

    class checkup_subsidy(Variable):
        value_type = float
        entity = Row
        definition_period = YEAR
        label = "City union's share of the line (市总补贴)"

        def formula(row, period, parameters):
            return subsidy_table(parameters, period)[row("checkup_package", period)] * row("checkup_count", period)

    class checkup_payable(Variable):
        value_type = float
        entity = Row
        definition_period = YEAR
        label = "Enterprise's share of the line (实付)"

        def formula(row, period, parameters):
            return payable_table(parameters, period)[row("checkup_package", period)] * row("checkup_count", period)

    class coverage_start(Variable):
        value_type = date
        entity = Row
        definition_period = ETERNITY
        label = "First day of cover"

    class months_covered(Variable):
        value_type = int
        entity = Row
        definition_period = YEAR
        label = "Calendar months from the start's month to the coverage end's month, both counted"

        def formula(row, period, parameters):
            p = parameters(period).mutual_aid
            start = row("coverage_start", period).astype("datetime64[M]").astype(np.int64)  # months since 1970-01
            return p.coverage_end_month - start + 1

    class e_premium(Variable):
        value_type = float
        entity = Row
        definition_period = YEAR
        label = "Tier E premium (§5 一(五)3): full year when more than half a year is covered, else half"

        def formula(row, period, parameters):
            p = parameters(period).mutual_aid
            return np.where(row("months_covered", period) > p.e_half_year_months, p.e_premium_full, p.e_premium_half)

    class hospital_days(Variable):
        value_type = int
        entity = Row
        definition_period = YEAR
        label = "Days in hospital claimed"

    class hospital_days_before(Variable):
        value_type = int
        entity = Row
        definition_period = YEAR
        label = "Days claimed on the same policy by its earlier claims (row order)"

        def formula(row, period, parameters):
            # OpenFisca has no cumulative sum within an entity: walk the members' positions (a claim's
            # position in its policy is its row order), carrying the running total per policy.
            policy = row.simulation.populations["policy"]  # the group population itself, not a projector
            days = row("hospital_days", period)
            position = policy.members_position
            before = np.zeros(row.count, dtype=np.int32)
            running = policy.filled_array(0, dtype=np.int32)
            for k in range(int(position.max()) + 1 if row.count else 0):
                at_k = position == k
                before[at_k] = policy.project(running)[at_k]
                running = running + policy.value_nth_person(k, days)
            return before

    class hospital_paid_days(Variable):
        value_type = int
        entity = Row
        definition_period = YEAR
        label = "Days paid: the claim's days, within what the period's day limit leaves (§5 一(二) 住院)"

        def formula(row, period, parameters):
            limit = parameters(period).mutual_aid.hospital_max_days
            used = np.minimum(row("hospital_days_before", period), limit)
            return np.minimum(row("hospital_days", period), limit - used)

    class hospital_payable(Variable):
        value_type = float
        entity = Row
        definition_period = YEAR
        label = "Payable for the claim: days paid × the daily amount"

        def formula(row, period, parameters):
            return row("hospital_paid_days", period) * parameters(period).mutual_aid.hospital_daily

    tbs = TaxBenefitSystem([Row, Policy])
    for v in (checkup_package, checkup_count, checkup_price, checkup_subsidy, checkup_payable, coverage_start,
              months_covered, e_premium, hospital_days, hospital_days_before, hospital_paid_days, hospital_payable):
        tbs.add_variable(v)
    end = lib["coverage_end"]

    def value(x: Any) -> Dict[str, Any]:
        return {"values": {START: {"value": x}}}

    tbs.parameters = ParameterNode("", data={
        "checkup": {col: {p: value(float(lib[col][p])) for p in packages} for col in ("price", "subsidy", "payable")},
        "mutual_aid": {
            "e_premium_full": value(float(lib["e_premium_full"])),
            "e_premium_half": value(float(lib["e_premium_half"])),
            "e_half_year_months": value(int(lib["e_half_year_months"])),
            # the coverage end's month, as months since 1970-01 (a parameter is a number, not a date)
            "coverage_end_month": value((end.year - 1970) * 12 + end.month - 1),
            "hospital_daily": value(float(lib["hospital_daily"])),
            "hospital_max_days": value(int(lib["hospital_max_days"])),
        },
    })
    tbs.Package = Package  # type: ignore[attr-defined]
    return tbs
