"""Diagnostics as JSON, for scripts and editors.

    {"version": 1, "files": N, "findings": [
      {"code": "PPK301", "name": "rule-conflict", "severity": "error", "kind": "conflict",
       "message": "...",
       "location": {"file", "line", "column", "end_line", "end_column"},
       "related": [{"file", "line", "column", "end_line", "end_column", "message"}],
       "witness": {"fact": value} | null,
       "help": "..." | null}]}

Lines and columns are 1-based; `end_column` is exclusive. The shape is versioned: a change
that could break a reader bumps `version`.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ppkm_lang.diagnostics.model import Diagnostic

FORMAT_VERSION = 1


def render(diagnostics: Iterable[Diagnostic], *, files: int) -> str:
    # The text of `json.dumps(document, indent=2)`, made one finding at a time: the whole
    # document as Python objects took several hundred MB for 200,000 findings.
    parts = ["    " + json.dumps(finding(d), indent=2, ensure_ascii=False).replace("\n", "\n    ")
             for d in diagnostics]
    head = json.dumps({"version": FORMAT_VERSION, "files": files}, indent=2, ensure_ascii=False)[:-2]
    findings = "[\n" + ",\n".join(parts) + "\n  ]" if parts else "[]"
    return f'{head},\n  "findings": {findings}\n}}\n'


def finding(diag: Diagnostic) -> dict[str, Any]:
    code = diag.code
    return {
        "code": diag.code,
        "name": code.name,
        "severity": diag.severity.value,
        "kind": code.kind,
        "message": diag.message,
        "location": diag.span.to_json(),
        "related": [{**r.span.to_json(), "message": r.message} for r in diag.related],
        "witness": witness_json(diag.witness),
        "help": diag.help,
    }


def witness_json(witness: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if witness is None:
        return None
    return {str(k): jsonable(v) for k, v in witness.items()}


def jsonable(value: Any) -> Any:
    """`value` as something `json.dumps` accepts, without losing exactness.

    Numbers stay numbers when JSON's decimal text can carry them exactly (5.3% of a witness
    is `5.3`); otherwise they become strings (`"1/3"`). IR values use their own `to_json`.
    """
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return jsonable(to_json())
    if isinstance(value, Fraction):
        return _number(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        return _number(Fraction(value))
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        items = [jsonable(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return str(value)


def _number(x: Fraction) -> int | float | str:
    if x.denominator == 1:
        return x.numerator
    text = decimal_text(x)
    if text is None:
        return f"{x.numerator}/{x.denominator}"
    as_float = float(text)
    # JSON carries the float's shortest repr; keep it only if that reads back as the same value.
    return as_float if Fraction(repr(as_float)) == x else text


def decimal_text(x: Fraction) -> str | None:
    """The exact decimal notation of `x` ("5.3", "-0.125"), or None if it does not terminate."""
    den = x.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return None
    places = max(twos, fives)
    scaled = abs(x.numerator) * (10 ** places // x.denominator)
    digits = str(scaled).rjust(places + 1, "0")
    whole, frac = digits[: len(digits) - places], digits[len(digits) - places:]
    text = whole + ("." + frac.rstrip("0") if frac.rstrip("0") else "")
    return ("-" if x < 0 else "") + text
