"""Evaluation inputs: fact values and dates, from the command line (strings) or from Python.

Every value goes through `FactParser.parse`, which finds the fact, reads the value with the
policy's own value parser (`semantics.values.parse_value`, the same messages as for policy
text) and, for a kab/kota, finds the region; it returns a typed `Value` or raises an
`InputError` carrying a stable code (PPK601-PPK604) and a help text. Values are also encoded
here for the compiled conditions: enum members, "true"/"false" and region official names as
strings, numbers as `int` when whole (fast comparisons) and exact `Fraction`s otherwise.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.diagnostics.model import Code
from ppkm_lang.ir.model import BOOL, ENUM, REGION, TEXT, WINDOW, And, Fact, InSet, Not, Or, Policy, Test, Value
from ppkm_lang.semantics.regions import region_key
from ppkm_lang.semantics.suggest import did_you_mean
from ppkm_lang.semantics.values import ValueProblem, non_ascii_digit, parse_value
from ppkm_lang.semantics.values import parse_date as read_date
from ppkm_lang.source import NO_SPAN, Span
from ppkm_lang.diagnostics.codes import INVALID_FACT_VALUE, MALFORMED_INPUT, UNKNOWN_FACT


class InputError(Exception):
    """A coded problem with an evaluation input (PPK601-PPK604)."""

    def __init__(self, code: Code, message: str, *, help: str | None = None, fact: str | None = None):
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
    day = read_date(text)
    if day is None:
        raise InputError(MALFORMED_INPUT, f"{what} `{raw}` is not a calendar date",
                         help=non_ascii_digit(text) or "write dates as YYYY-MM-DD")
    return day


def encode(value: Value) -> Any:
    """The form a value takes in a compiled condition's environment."""
    kind = value.kind
    if kind == ENUM or kind == TEXT or kind == WINDOW:
        return value.data
    if kind == BOOL:
        return "true" if value.data else "false"
    if kind == REGION:
        return value.data  # an official name: FactParser and lowering resolved it
    return exact_number(value.numeric())


def exact_number(x: Fraction) -> int | Fraction:
    return x.numerator if x.denominator == 1 else x


def region_names(policy: Policy) -> set[str]:
    """Every region official name the policy can tell apart: the gazetteer's and those the
    policy names (lowering has normalised them all)."""
    keys: set[str] = set(policy.region_universe or ())
    for rs in policy.regionsets.values():
        keys.update(rs.expanded)
    region_facts = {n for n, f in policy.facts.items() if f.type.kind == REGION}
    for rule in policy.rules.values():
        _collect_regions(rule.when, region_facts, keys)
        keys.update(a.value.data for a in rule.then if a.value.kind == REGION)
    return keys


def _collect_regions(cond, region_facts: set[str], out: set[str]) -> None:
    if isinstance(cond, Test):
        if cond.fact in region_facts and isinstance(cond.constraint, InSet):
            out.update(cond.constraint.values)
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
        """The typed value of fact `name` given as `raw` (text, a Python value or a `Value`)."""
        fact = self.fact(name)
        try:
            value = parse_value(fact.type, raw, name)
        except ValueProblem as problem:
            raise InputError(problem.code, problem.message, help=problem.help, fact=name) from None
        if fact.type.kind != REGION:
            return value
        if isinstance(raw, Value) and not self.has_gazetteer:
            # A typed region comes from a policy (an example's `given`): the loader checked it
            # against the gazetteer when there was one; without one, the IR's region
            # dimension is the names the policy mentions plus any other kab/kota.
            return Value(REGION, region_key(value.data))
        try:
            return Value(REGION, self._region(value.data))
        except InputError as exc:
            exc.fact = name
            raise

    def _region(self, raw: str) -> str:
        key = region_key(raw)
        if key in self.regions:
            return key
        hint = did_you_mean(key, self.regions, n=3, quote='"', first=self._bare.get(key, []))
        if not self.has_gazetteer:
            extra = ("no gazetteer is configured, so only the kab/kota the policy names are known; "
                     "configure one (--gazetteer, PPKM_GAZETTEER or ppkm.toml) to ask about others")
            hint = f"{hint} {extra}" if hint else extra
        where = "of the gazetteer" if self.has_gazetteer else "the policy names"
        raise InputError(INVALID_FACT_VALUE, f'"{raw}" is not a kab/kota {where}', help=hint)


def split_assignment(text: str) -> tuple[str, str]:
    """`fact=value` from `--set`; PPK603 when there is no `=`."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise InputError(MALFORMED_INPUT, f"`--set {text}` is not `fact=value`", help="e.g. --set level=level_3")
    return name.strip(), value.strip()


__all__ = ["InputError", "FactParser", "parse_date", "split_assignment", "encode", "exact_number",
           "region_names"]
