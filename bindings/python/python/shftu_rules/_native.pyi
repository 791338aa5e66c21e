"""Stubs of the Rust extension ``shftu_rules._native`` (checked with ``mypy.stubtest``)."""

import datetime
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

_Money = Union[Decimal, int, str]
_Answer = Tuple[Dict[str, Any], List[Tuple[str, str]]]

__all__ = [
    "ShftuError",
    "InvalidInput",
    "InvalidJson",
    "UnknownRule",
    "UnknownEdition",
    "CalendarUnavailable",
    "InternalError",
    "__version__",
    "evaluate",
    "rules",
    "call",
    "_panic_for_test",
    "mutual_aid_enroll",
    "mutual_aid_change",
    "mutual_aid_claim_deadline",
    "mutual_aid_adjudicate",
    "checkup_quote",
    "health_point_funding",
    "love_shanghai_trip_check",
    "love_shanghai_goods_check",
    "recuperation_subsidy",
    "labor_relations_guidance_subsidy",
    "labor_relations_reporting",
    "recuperation_sanatorium_allocation",
    "calendar_add_working_days",
    "batch_enroll",
    "batch_adjudicate",
    "batch_checkup_quote",
    "batch_claim_deadline",
    "batch_e_premium",
    "batch_hospital_days",
]

__version__: str

class ShftuError(Exception):
    code: Optional[str]
    path: Optional[str]

class InvalidInput(ShftuError): ...
class InvalidJson(ShftuError): ...
class UnknownRule(ShftuError): ...
class UnknownEdition(ShftuError): ...
class CalendarUnavailable(ShftuError): ...
class InternalError(ShftuError): ...

def evaluate(request: str) -> str: ...
def rules() -> List[str]: ...
def call(rule: str, input: Mapping[str, Any], *, edition: str = "2023", trace: bool = True) -> _Answer: ...
def _panic_for_test() -> None: ...
def mutual_aid_enroll(
    *,
    tier: str,
    channel: str,
    date: datetime.date,
    industry: str,
    birth_date: datetime.date,
    platform_worker: Optional[bool] = None,
    renewing_2022_plan: Optional[bool] = None,
    edition: str = "2023",
) -> _Answer: ...
def mutual_aid_change(
    *,
    from_: str,
    to: str,
    date: datetime.date,
    coverage_end: Optional[datetime.date] = None,
    edition: str = "2023",
) -> _Answer: ...
def mutual_aid_claim_deadline(
    *,
    benefit: str,
    coverage_end: datetime.date,
    event_date: Optional[datetime.date] = None,
    edition: str = "2023",
) -> _Answer: ...
def mutual_aid_adjudicate(
    *, policy: Mapping[str, Any], claims: Iterable[Mapping[str, Any]], edition: str = "2023"
) -> _Answer: ...
def checkup_quote(*, lines: Iterable[Mapping[str, Any]], edition: str = "2023") -> _Answer: ...
def health_point_funding(
    *,
    kind: str,
    points: int,
    district_match: Optional[_Money] = None,
    street_match: Optional[_Money] = None,
    edition: str = "2023",
) -> _Answer: ...
def love_shanghai_trip_check(
    *, kind: str, participants: int, total_cost: _Money, meal_cost: _Money, edition: str = "2023"
) -> _Answer: ...
def love_shanghai_goods_check(
    *, spent_per_person: _Money, amount_per_person: _Money, edition: str = "2023"
) -> _Answer: ...
def recuperation_subsidy(
    *,
    programme: str,
    participants: int,
    days: Optional[int] = None,
    nights: Optional[int] = None,
    cost_per_person: Optional[_Money] = None,
    edition: str = "2023",
) -> _Answer: ...
def labor_relations_guidance_subsidy(*, person_days: int, edition: str = "2023") -> _Answer: ...
def labor_relations_reporting(
    *, last_year_target: int, target: int, as_of: Optional[datetime.date] = None, edition: str = "2023"
) -> _Answer: ...
def recuperation_sanatorium_allocation(
    *, allocated_total: _Money, stays: Iterable[Mapping[str, Any]], edition: str = "2023"
) -> _Answer: ...
def calendar_add_working_days(*, from_: datetime.date, days: int, edition: str = "2023") -> _Answer: ...
def batch_enroll(table: Any, *, edition: str = "2023") -> Any: ...
def batch_adjudicate(table: Any, *, edition: str = "2023") -> Any: ...
def batch_checkup_quote(table: Any, *, edition: str = "2023", money: str = "decimal") -> Any: ...
def batch_claim_deadline(table: Any, *, edition: str = "2023") -> Any: ...
def batch_e_premium(table: Any, *, edition: str = "2023", money: str = "decimal") -> Any: ...
def batch_hospital_days(table: Any, *, tier: str = "E", edition: str = "2023", money: str = "decimal") -> Any: ...
