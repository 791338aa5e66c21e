"""shftu_rules: every numeric rule of the Shanghai FTU 2023 worker-service plan (沪工总办〔2023〕15号).

* :func:`evaluate` answers the JSON wire contract, exactly as the Rust core does.
* One module per rule family holds the typed API, one keyword-argument function per rule:
  ``shftu_rules.mutual_aid.enroll(tier="E", channel="group", date=date(2023, 5, 15), ...)``.
  Argument names are the contract's input field names (``from`` is ``from_``).
* :mod:`shftu_rules.batch` runs rules over Arrow tables, pandas or polars data frames.

Errors: :class:`ShftuError` and its subclasses, each with ``.code``, ``.path`` and a message.
"""

from __future__ import annotations

import dataclasses as _dataclasses
import datetime as _datetime
import types as _types
import json as _json
from decimal import Decimal as _Decimal
from typing import Any, Dict, List, Mapping, Tuple, Union

from . import _native
from ._native import (
    CalendarUnavailable,
    InternalError,
    InvalidInput,
    InvalidJson,
    ShftuError,
    UnknownEdition,
    UnknownRule,
)
from ._records import Money, Result, TraceStep, trace_field

__version__: str = _native.__version__

__all__ = [
    "CalendarUnavailable",
    "InternalError",
    "InvalidInput",
    "InvalidJson",
    "Money",
    "Result",
    "RuleResult",
    "ShftuError",
    "TraceStep",
    "UnknownEdition",
    "UnknownRule",
    "call",
    "evaluate",
    "rules",
]


def _json_default(v: object) -> object:
    if isinstance(v, _Decimal):
        return format(v, "f")
    if isinstance(v, _datetime.datetime):
        raise TypeError("a datetime is not a date: pass a datetime.date (or an ISO date string)")
    if isinstance(v, _datetime.date):
        return v.isoformat()
    if isinstance(v, (tuple, set, frozenset)):
        return list(v)
    raise TypeError(f"{type(v).__name__} cannot be sent in a request")


_BY_CODE = {
    cls.code: cls
    for cls in (InvalidInput, InvalidJson, UnknownRule, UnknownEdition, CalendarUnavailable, InternalError)
}


def evaluate(request: Union[Mapping[str, Any], str], *, raise_on_error: bool = False) -> Dict[str, Any]:
    """Answer one request of the wire contract: the same response as the Rust core's ``evaluate``.

    ``request`` is the JSON text, or a dict that is serialised to JSON first (``Decimal`` as its exact
    decimal string, ``date`` as ``YYYY-MM-DD``). The response is a dict (``ok: false`` for a request
    that cannot be evaluated), unless ``raise_on_error`` is true: then such a response raises the
    :class:`ShftuError` subclass of its code, with its ``.code``, ``.path`` and message.
    """
    if isinstance(request, str):
        text = request
    else:
        text = _json.dumps(request, default=_json_default, ensure_ascii=False)
    response: Dict[str, Any] = _json.loads(_native.evaluate(text))
    if raise_on_error and not response.get("ok"):
        err = response.get("error") or {}
        exc = _BY_CODE.get(err.get("code"), ShftuError)(err.get("message", ""))
        exc.code = err.get("code")
        exc.path = err.get("path")
        raise exc
    return response


@_dataclasses.dataclass(frozen=True)
class RuleResult(Result):
    """The result of :func:`call`: the rule id, its fields (money ``Decimal``, dates ``date``) and the trace."""

    rule: str
    fields: Mapping[str, Any]
    trace: Tuple[TraceStep, ...] = trace_field()

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["fields"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __hash__(self) -> int:
        return hash((self.rule, _json.dumps(self.fields, sort_keys=True, default=str)))

    def to_dict(self) -> Dict[str, Any]:
        return dict(self.fields)


def call(rule: str, /, *, edition: str = "2023", **fields: Any) -> RuleResult:
    """Any rule by id, its input fields as keyword arguments (``from`` as ``from_``); typed as the rest
    of the API: money ``Decimal``/``int``/``str`` (a ``float`` is a ``TypeError``), dates ``date``."""
    wire = {(k[:-1] if k.endswith("_") else k): v for k, v in fields.items()}
    d, t = _native.call(rule, wire, edition=edition)
    return RuleResult(rule=rule, fields=_types.MappingProxyType(d), trace=tuple(TraceStep(c, n) for c, n in t))


def rules() -> List[str]:
    """Every rule id the library answers, in the plan's order."""
    return list(_native.rules())


from . import (  # noqa: E402  (the typed API, after the names it uses)
    calendar,
    checkup,
    deadlines,
    fitness_station,
    health_point,
    labor_relations,
    love_shanghai,
    metro_safety,
    model_worker,
    mutual_aid,
    programmes,
    recuperation,
    reference,
    rest_room,
)
