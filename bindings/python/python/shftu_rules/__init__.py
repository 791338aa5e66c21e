"""shftu_rules: every numeric rule of the Shanghai FTU 2023 worker-service plan (沪工总办〔2023〕15号).

* :func:`evaluate` answers the JSON wire contract, byte for byte as the Rust core does.
* One module per family of rules holds the typed API, one keyword function per rule, generated from the
  rule registry: ``shftu_rules.mutual_aid.enroll(tier="E", channel="group", date=date(2023, 5, 15), ...)``.
  Argument names are the contract's input field names (``from`` is ``from_``); every function also takes
  ``edition="2023"`` and ``lang="en" | "zh-CN"``.
* :func:`call` reaches any rule by id; :func:`explain` writes a clerk-ready text of an answer.
* :mod:`shftu_rules.batch` runs rules over Arrow tables, pandas or polars data frames
  (``pip install shftu-rules[batch]``); :mod:`shftu_rules.plots` draws the analyst's charts in Chinese.

Errors: :class:`ShftuError` and its subclasses, each with ``.code``, ``.path`` and a message.
"""

from __future__ import annotations

import json as _json
import sys as _sys
from typing import Any, Dict, List, Mapping, Union

import os as _os

# The extension's allocator (mimalloc) keeps the pages a freed batch answer used for the next one, instead
# of returning them to the OS after 10 ms and faulting them in again (read when the extension loads).
_os.environ.setdefault("MIMALLOC_PURGE_DELAY", "1000")

from . import _native  # noqa: E402
from ._native import (  # noqa: E402
    CalendarUnavailable,
    InternalError,
    InvalidInput,
    InvalidJson,
    LimitExceeded,
    ShftuError,
    UnknownEdition,
    UnknownRule,
)
from ._records import DateLike, Lang, Money, Record, Result, TraceStep  # noqa: E402
from .generated import *  # noqa: F401,F403,E402  (the families of rules)
from .generated import CLASSES as _CLASSES  # noqa: E402
from .generated import FAMILIES as _FAMILIES  # noqa: E402

__version__: str = _native.__version__

_native.register_classes(dict(_CLASSES))
for _family in _FAMILIES:  # `import shftu_rules.mutual_aid` as well as `from shftu_rules import mutual_aid`
    _sys.modules[f"{__name__}.{_family}"] = _sys.modules[f"{__name__}.generated.{_family}"]

__all__ = [
    "CalendarUnavailable",
    "DateLike",
    "InternalError",
    "InvalidInput",
    "InvalidJson",
    "Lang",
    "LimitExceeded",
    "Money",
    "Record",
    "Result",
    "ShftuError",
    "TraceStep",
    "UnknownEdition",
    "UnknownRule",
    "call",
    "describe",
    "evaluate",
    "evaluate_json",
    "explain",
    "rules",
    *_FAMILIES,
]

_BY_CODE = {
    cls.code: cls
    for cls in (InvalidInput, InvalidJson, UnknownRule, UnknownEdition, CalendarUnavailable, LimitExceeded, InternalError)
}


def evaluate(request: Union[Mapping[str, Any], str, bytes], *, raise_on_error: bool = False) -> Dict[str, Any]:
    """Answer one request of the wire contract: the same response as the Rust core's ``evaluate``.

    ``request`` is the JSON text (``str`` or ``bytes``) or a dict (a ``Decimal`` is read as its exact
    text, a ``date`` as ``YYYY-MM-DD``; a ``float`` in the input is refused as the typed API refuses it:
    money and counts are never binary floats). ``"lang": "zh-CN"`` in the request answers in Chinese.
    A request over the ``request_bytes`` limit (4 MiB) is refused before it is read. The response is a
    dict (``ok: false`` for a request that cannot be evaluated), unless ``raise_on_error`` is true: then
    such a response raises the :class:`ShftuError` subclass of its code, with ``.code``, ``.path`` and
    the message.
    """
    response: Dict[str, Any] = _native.evaluate_dict(request)  # json.loads of the answer, built in Rust
    if raise_on_error and not response.get("ok"):
        err = response.get("error") or {}
        exc = _BY_CODE.get(err.get("code"), ShftuError)(err.get("message", ""))
        exc.code = err.get("code")
        exc.path = err.get("path")
        raise exc
    return response


def evaluate_json(request: Union[Mapping[str, Any], str, bytes]) -> str:
    """Answer one request with the response's JSON text itself — byte for byte what the CLI, Node's
    ``evaluateJson``, the JVM and WASM answer. The fast path for services that pass JSON through: no
    ``json.loads`` of the answer (which costs more than the rule itself). Otherwise as :func:`evaluate`.
    """
    return _native.evaluate(request)


def call(rule: str, /, *, edition: str = "2023", lang: Lang = "en", **fields: Any) -> Result:
    """Any rule by id, its input fields as keyword arguments (``from`` as ``from_``), typed as the rest
    of the API; the answer is the rule's result record (its class from the registry)."""
    wire = {(k[:-1] if k.endswith("_") else k): v for k, v in fields.items()}
    r: Result = _native.call(rule, wire, edition, lang)
    return r


def explain(response: Union[Result, Mapping[str, Any], str], lang: Lang = "en") -> str:
    """A plain-text account of an answer a clerk can hand over — the decision, the figures, the clauses in
    order, what to do next — in ``lang``. ``response`` is a typed result, an :func:`evaluate` response
    or its JSON text."""
    if isinstance(response, Result):
        response = response.to_response()
    text = response if isinstance(response, str) else _json.dumps(response, ensure_ascii=False)
    return _native.explain(text, lang)


def rules() -> List[str]:
    """Every rule id the library answers, in the plan's order."""
    return list(_native.rules())


def describe() -> Dict[str, Any]:
    """The rule registry as data: every rule's input and result shapes, the closed sets of codes with
    their labels and Chinese names, the error codes, the limits and the languages."""
    d: Dict[str, Any] = _json.loads(_native.describe())
    return d
