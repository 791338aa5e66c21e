"""Immutable result objects of the typed API.

Every result is a frozen dataclass: ``repr``, ``==`` (on the figures, not on the trace), hashing,
``to_dict()`` (the result's fields as plain Python values, as the wire contract lists them) and
``.trace`` (the clauses applied, as :class:`TraceStep`).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from decimal import Decimal
from typing import Any, ClassVar, Dict, Mapping, Sequence, Tuple, Type, TypeVar, Union

__all__ = ["Money", "Result", "TraceStep"]

#: Money as the typed API accepts it: never a float.
Money = Union[Decimal, int, str]

R = TypeVar("R", bound="Result")


@dataclasses.dataclass(frozen=True)
class TraceStep:
    """One step of a decision: the seed clause applied and the figures it found."""

    clause: str
    note: str


def _plain(v: Any) -> Any:
    if isinstance(v, Result):
        return v.to_dict()
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    return v


@dataclasses.dataclass(frozen=True)
class Result:
    """Base of every result: the rule's figures plus the trace of the decision."""

    #: Nested records: field name -> record class (a list of records or one record).
    _nested: ClassVar[Dict[str, Type[Result]]] = {}

    def to_dict(self) -> Dict[str, Any]:
        """The result's fields (without the trace) as plain values: Decimal, date, str, int, bool, lists."""
        return {
            f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self) if f.name != "trace"
        }

    @classmethod
    def _from_native(
        cls: Type[R], d: Mapping[str, Any], trace: Sequence[Tuple[str, str]] = ()
    ) -> R:
        kw: Dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name == "trace":
                continue
            v = d[f.name]
            sub = cls._nested.get(f.name)
            if sub is not None and isinstance(v, list):
                v = tuple(sub._from_native(x) for x in v)
            elif sub is not None and isinstance(v, dict):
                v = sub._from_native(v)
            elif isinstance(v, list):
                v = tuple(v)
            kw[f.name] = v
        if any(f.name == "trace" for f in dataclasses.fields(cls)):
            kw["trace"] = tuple(TraceStep(c, n) for c, n in trace)
        return cls(**kw)



def trace_field() -> Any:
    """The ``trace`` field of a top-level result: not part of ``==`` or ``repr``."""
    return dataclasses.field(default=(), compare=False, repr=False)


def check_date(path: str, v: object) -> None:
    """A date argument must be a ``datetime.date`` (``None`` leaves an optional one out)."""
    if v is None or (isinstance(v, _dt.date) and not isinstance(v, _dt.datetime)):
        return
    raise TypeError(f"{path} must be a datetime.date (not a datetime), not {type(v).__module__}.{type(v).__qualname__}")
