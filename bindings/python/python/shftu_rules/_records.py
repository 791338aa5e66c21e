"""The base of the result classes, the trace steps and the input types shared by the generated API.

Every result is an immutable record (a ``NamedTuple`` generated from the rule's result shape): ``repr``,
``==`` and ``hash`` on its figures (never on the trace), ``to_dict()`` (the fields as plain Python values,
as the wire contract lists them) and, for a rule's answer, ``.trace`` (the clauses applied, rendered in
the call's language when first asked for).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Dict, Literal, NamedTuple, Optional, Tuple, Union

__all__ = ["DateLike", "Lang", "Money", "Record", "Result", "TraceStep"]

#: Money as the API accepts it: an exact ``Decimal``, an ``int`` or decimal text — never a ``float``.
Money = Union[Decimal, int, str]
#: A date: ``datetime.date`` or ISO text ``YYYY-MM-DD`` (a ``datetime`` is not a date).
DateLike = Union[datetime.date, str]
#: The languages of notes and messages.
Lang = Literal["en", "zh-CN"]


class TraceStep(NamedTuple):
    """One step of a decision: the clause of the plan applied and what it found."""

    clause: str
    note: str


def _plain(v: Any) -> Any:
    if isinstance(v, Record):
        return v.to_dict()
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


class Record:
    """Base of every generated record (a ``NamedTuple``): ``to_dict()``."""

    __slots__ = ()

    def to_dict(self) -> Dict[str, Any]:
        """The fields as plain values (``Decimal``, ``date``, ``str``, ``int``, ``bool``, lists, dicts)."""
        fields: Tuple[str, ...] = getattr(self, "_fields")
        return {f: _plain(getattr(self, f)) for f in fields}


class Result(Record):
    """Base of a rule's answer: a :class:`Record` with ``.trace``, ``.rule``, ``.edition``, ``.lang``."""

    __slots__ = ()

    def _native_trace(self) -> Any:
        return self.__dict__.get("_t")

    @property
    def trace(self) -> Tuple[TraceStep, ...]:
        """The steps of the decision in the call's language (rendered on first use)."""
        d: Dict[str, Any] = self.__dict__
        steps: Optional[Tuple[TraceStep, ...]] = d.get("_steps")
        if steps is None:
            t = d.get("_t")
            steps = () if t is None else tuple(TraceStep(c, n) for c, n in t.steps())
            d["_steps"] = steps
        return steps

    @property
    def rule(self) -> Optional[str]:
        """The rule that answered."""
        t = self._native_trace()
        return None if t is None else str(t.rule)

    @property
    def edition(self) -> Optional[str]:
        """The edition that answered."""
        t = self._native_trace()
        return None if t is None else str(t.edition)

    @property
    def lang(self) -> Optional[str]:
        """The language of the call."""
        t = self._native_trace()
        return None if t is None else str(t.lang)

    def to_response(self) -> Dict[str, Any]:
        """The answer as the wire contract's response (money as decimal text, dates as ISO text)."""
        return {
            "ok": True,
            "rule": self.rule,
            "edition": self.edition,
            "result": _wire(self.to_dict()),
            "trace": [{"clause": s.clause, "note": s.note} for s in self.trace],
        }


def _wire(v: Any) -> Any:
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, list):
        return [_wire(x) for x in v]
    if isinstance(v, dict):
        return {k: _wire(x) for k, x in v.items()}
    return v
