"""Evaluation inputs: fact values and dates, from the command line (strings) or from Python.

Every value goes through `FactParser.parse`, which either returns a typed `Value` or raises an
`InputError` carrying a stable code (PPK601-PPK604) and a help text. Values are also encoded
here for the compiled conditions: enum members, "true"/"false" and region keys as strings,
numbers as `int` when whole (fast comparisons) and exact `Fraction`s otherwise.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.ir.model import (BOOL, DATE, ENUM, INT, NUMBER, PERCENT, REGION, TEXT, TIME, Fact,
                                InSet, Policy, Test, Value)
from ppkm_lang.ir.model import And, Not, Or
from ppkm_lang.semantics.regions import region_key
from ppkm_lang.semantics.suggest import did_you_mean
from ppkm_lang.source import NO_SPAN, Span
from ppkm_lang.diagnostics.codes import INVALID_FACT_VALUE, MALFORMED_INPUT, UNKNOWN_FACT

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_INT = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


class InputError(Exception):
    """A coded problem with an evaluation input (PPK601-PPK604)."""

    def __init__(self, code: str, message: str, *, help: str | None = None, fact: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.help = help
        self.fact = fact

    def diagnostic(self, span: Span = NO_SPAN) -> Diagnostic:
        return Diagnostic(self.code, self.message, span, help=self.help, subject=self.fact)

    def __str__(self) -> str:
        text = f"{self.code}: {self.message}"
        return f"{text} ({self.help})" if self.help else text


def parse_date(raw: Any, what: str = "the date") -> dt.date:
    """A date from `YYYY-MM-DD` text or a `datetime.date`; PPK603 otherwise."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise InputError(MALFORMED_INPUT, f"{what} `{raw}` is not a calendar date", help="write dates as YYYY-MM-DD")


def encode(value: Value) -> Any:
    """The form a value takes in a compiled condition's environment."""
    kind = value.kind
    if kind == ENUM or kind == TEXT:
        return value.data
    if kind == BOOL:
        return "true" if value.data else "false"
    if kind == REGION:
        return region_key(value.data)
    return exact_number(value.numeric())


def exact_number(x: Fraction) -> int | Fraction:
    return x.numerator if x.denominator == 1 else x


def region_names(policy: Policy) -> set[str]:
    """Every region key the policy can tell apart: the gazetteer's and those the policy names."""
    keys: set[str] = set(policy.region_universe or ())
    for rs in policy.regionsets.values():
        keys.update(region_key(m.official) for m in rs.members)
    region_facts = {n for n, f in policy.facts.items() if f.type.kind == REGION}
    for rule in policy.rules.values():
        _collect_regions(rule.when, region_facts, keys)
        keys.update(region_key(a.value.data) for a in rule.then if a.value.kind == REGION)
    return keys


def _collect_regions(cond, region_facts: set[str], out: set[str]) -> None:
    if isinstance(cond, Test):
        if cond.fact in region_facts and isinstance(cond.constraint, InSet):
            out.update(region_key(v) for v in cond.constraint.values)
    elif isinstance(cond, (And, Or)):
        for c in cond.items:
            _collect_regions(c, region_facts, out)
    elif isinstance(cond, Not):
        _collect_regions(cond.item, region_facts, out)


class FactParser:
    """Parses and validates fact values for one policy."""

    def __init__(self, policy: Policy):
        self.policy = policy
        self.regions = frozenset(region_names(policy))
        self.has_gazetteer = policy.region_universe is not None
        # Bare names ("MEDAN") to the keys they may abbreviate ("KOTA MEDAN"), for suggestions.
        self._bare: dict[str, list[str]] = {}
        for key in self.regions:
            head, _, rest = key.partition(" ")
            if head in ("KAB.", "KOTA") and rest:
                self._bare.setdefault(rest, []).append(key)

    def fact(self, name: str) -> Fact:
        fact = self.policy.facts.get(name)
        if fact is not None:
            return fact
        if name in self.policy.measures:
            raise InputError(UNKNOWN_FACT, f"`{name}` is a measure, not a fact; measures are what the policy "
                             "decides", fact=name, help="give facts only; the answer lists the measures")
        raise InputError(UNKNOWN_FACT, f"unknown fact `{name}`", fact=name,
                         help=did_you_mean(name, self.policy.facts, n=3) or
                         "known facts: " + ", ".join(sorted(self.policy.facts)))

    def parse(self, name: str, raw: Any) -> Value:
        """The typed value of fact `name` given as `raw` (text or a Python value)."""
        fact = self.fact(name)
        try:
            value = self._value(fact, raw)
        except InputError as exc:
            exc.fact = name
            raise
        return value

    # ------------------------------------------------------------------ per type
    def _value(self, fact: Fact, raw: Any) -> Value:
        typ = fact.type
        kind = typ.kind
        if isinstance(raw, Value):
            if raw.kind != kind:
                raise InputError(INVALID_FACT_VALUE, f"`{fact.name}` is {typ.describe()}; {raw.kind} value `{raw}` "
                                 "does not fit")
            if kind == REGION and not self.has_gazetteer and isinstance(raw.data, str) and raw.data.strip():
                # A typed region comes from a policy (an example's `given`): the loader checked it
                # against the gazetteer when there was one; without one, the IR's region
                # dimension is the names the policy mentions plus any other kab/kota.
                return Value(REGION, region_key(raw.data))
            raw = raw.data if kind != TIME else _time_text(raw.data)
        if kind == ENUM:
            return Value(ENUM, self._member(fact, raw))
        if kind == BOOL:
            return Value(BOOL, _bool(fact, raw))
        if kind == REGION:
            return Value(REGION, self._region(fact, raw))
        if kind == TIME:
            return self._bounded(fact, Value(TIME, _time(fact, raw)))
        if kind == DATE:
            return self._bounded(fact, Value(DATE, parse_date(raw, f"the value `{raw}` of `{fact.name}`")))
        if kind in (INT, NUMBER, PERCENT):
            number = _decimal(fact, raw)
            if kind == INT and number != number.to_integral_value():
                raise InputError(INVALID_FACT_VALUE, f"`{fact.name}` is a whole number; `{raw}` is not")
            return self._bounded(fact, Value(kind, number))
        if kind == TEXT and isinstance(raw, str):
            return Value(TEXT, raw)
        raise InputError(INVALID_FACT_VALUE, f"`{fact.name}` ({typ.describe()}) cannot be given as input")

    def _member(self, fact: Fact, raw: Any) -> str:
        allowed = fact.type.values
        text = raw.strip() if isinstance(raw, str) else raw
        if isinstance(text, str) and text in allowed:
            return text
        group = fact.type.group(text) if isinstance(text, str) else None
        hint = did_you_mean(str(text), allowed, n=3)
        allowed_text = "allowed values: " + ", ".join(allowed)
        if group is not None:
            message = f"`{text}` is a group of `{fact.name}`; give one of its members ({', '.join(group)})"
        else:
            message = f"`{text}` is not a value of `{fact.name}`"
        raise InputError(INVALID_FACT_VALUE, message, help=f"{hint} {allowed_text}" if hint else allowed_text)

    def _region(self, fact: Fact, raw: Any) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise InputError(INVALID_FACT_VALUE, f"`{fact.name}` is a kab/kota name; `{raw}` is not",
                             help='give the official name, e.g. "KOTA MEDAN" or "KAB. BERAU"')
        key = region_key(raw)
        if key in self.regions:
            return key
        hint = did_you_mean(key, self.regions, n=3, quote='"', first=self._bare.get(key, []))
        if not self.has_gazetteer:
            extra = ("no gazetteer is configured, so only the kab/kota the policy names are known; "
                     "configure one (--gazetteer, PPKM_GAZETTEER or ppkm.toml) to ask about others")
            hint = f"{hint} {extra}" if hint else extra
        raise InputError(INVALID_FACT_VALUE, f'"{raw}" is not a kab/kota {"of the gazetteer" if self.has_gazetteer else "the policy names"}',
                         help=hint)

    def _bounded(self, fact: Fact, value: Value) -> Value:
        typ = fact.type
        x = value.numeric()
        if (typ.lo is not None and x < typ.lo) or (typ.hi is not None and x > typ.hi):
            lo = "" if typ.lo is None else _show(fact, typ.lo)
            hi = "" if typ.hi is None else _show(fact, typ.hi)
            raise InputError(INVALID_FACT_VALUE, f"{value} is outside the range of `{fact.name}` [{lo}, {hi}]")
        return value


def _show(fact: Fact, x: Fraction) -> str:
    from ppkm_lang.ir.model import value_from_numeric
    return str(value_from_numeric(fact.type.kind, x))


def _bool(fact: Fact, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
        return raw.strip().lower() == "true"
    raise InputError(INVALID_FACT_VALUE, f"`{raw}` is not a value of `{fact.name}`", help="allowed values: true, false")


def _decimal(fact: Fact, raw: Any) -> Decimal:
    where = f"`{fact.name}`"
    if isinstance(raw, bool):
        raise InputError(INVALID_FACT_VALUE, f"{where} is a number, not true/false")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise InputError(MALFORMED_INPUT, f"{where} must be a finite number, not `{raw}`")
        return raw
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise InputError(MALFORMED_INPUT, f"{where} must be a finite number, not `{raw}`")
        return Decimal(repr(raw))
    if isinstance(raw, Fraction):
        exact = Decimal(raw.numerator) / Decimal(raw.denominator)
        if Fraction(exact) != raw:
            raise InputError(MALFORMED_INPUT, f"{where} must be a decimal number; {raw} has no exact decimal form")
        return exact
    if isinstance(raw, str):
        text = raw.strip()
        if fact.type.kind == PERCENT and text.endswith("%"):
            text = text[:-1].strip()
        if _DECIMAL.match(text):
            try:
                return Decimal(text)
            except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
                pass
        unit = " (e.g. `5.3%` or `5.3`)" if fact.type.kind == PERCENT else ""
        raise InputError(MALFORMED_INPUT, f"the value `{raw}` of {where} is not a number{unit}",
                         help="write decimals with a point: `5.3`")
    raise InputError(MALFORMED_INPUT, f"the value `{raw!r}` of {where} is not a number")


def _time(fact: Fact, raw: Any) -> int:
    if isinstance(raw, dt.time):
        if raw.second or raw.microsecond:
            raise InputError(MALFORMED_INPUT, f"`{fact.name}` is a time of day in whole minutes")
        return raw.hour * 60 + raw.minute
    if isinstance(raw, str):
        m = _TIME.match(raw.strip())
        if m:
            h, mi = int(m.group(1)), int(m.group(2))
            if mi < 60 and (h < 24 or (h == 24 and mi == 0)):
                return h * 60 + mi
    raise InputError(MALFORMED_INPUT, f"the value `{raw}` of `{fact.name}` is not a time of day",
                     help="write times as HH:MM, from 00:00 to 24:00")


def _time_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def split_assignment(text: str) -> tuple[str, str]:
    """`fact=value` from `--set`; PPK603 when there is no `=`."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise InputError(MALFORMED_INPUT, f"`--set {text}` is not `fact=value`", help="e.g. --set level=level_3")
    return name.strip(), value.strip()
