"""Mutants of a lowered policy: copies with one small change each, made on the IR (no parsing).

The changes are the slips a person encoding an instrument makes: a threshold moved by the
smallest step its literal is written in, `<` and `<=` swapped, a table row or a rule left out,
an `overrides` left out, an assigned value changed, a region set one kab/kota wider or narrower,
an in-force date one day off. A mutant keeps the spans of what it changes, so that it can be
reported at the place in the source.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Iterator

import attrs

from ppkm_lang.analysis.space import OTHER_REGION
from ppkm_lang.ir.model import (BOOL, DATE, ENUM, INT, NUMBER, PERCENT, REGION, TEXT, TIME, And, Assign, Cond,
                                InSet, Interval, Not, Or, Policy, Rule, Test, Type, Value, format_time)
from ppkm_lang.source import Span

THRESHOLD, COMPARISON, DROP_ROW, DROP_RULE, DROP_OVERRIDES, VALUE, REGION_WIDER, REGION_NARROWER, IN_FORCE = (
    "threshold", "comparison", "drop-row", "drop-rule", "drop-overrides", "value", "region-wider",
    "region-narrower", "in-force")
OPERATORS = (THRESHOLD, COMPARISON, DROP_ROW, DROP_RULE, DROP_OVERRIDES, VALUE, REGION_WIDER, REGION_NARROWER,
             IN_FORCE)


@attrs.frozen
class Mutant:
    id: str
    operator: str
    change: str  # what was changed, in words
    subject: str  # the rule or instrument changed
    location: Span
    policy: Policy = attrs.field(eq=False, repr=False)
    rules: tuple[str, ...] = ()  # the rules changed; empty for an in-force date (every rule of it)
    instrument: str | None = None  # the instrument whose dates moved
    fact: str | None = None  # the fact whose test changed (the others are tested as before, or less)


# ---------------------------------------------------------------------------- conditions


def tests_of(cond: Cond, path: tuple = ()) -> Iterator[tuple[tuple, Test]]:
    """Every test of a condition with its position (indexes into And/Or items, 0 for Not)."""
    if isinstance(cond, Test):
        yield path, cond
    elif isinstance(cond, (And, Or)):
        for i, c in enumerate(cond.items):
            yield from tests_of(c, (*path, i))
    elif isinstance(cond, Not):
        yield from tests_of(cond.item, (*path, 0))


def replace_at(cond: Cond, path: tuple, new: Cond) -> Cond:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(cond, (And, Or)):
        items = list(cond.items)
        items[head] = replace_at(items[head], rest, new)
        return type(cond)(tuple(items))
    if isinstance(cond, Not):
        return Not(replace_at(cond.item, rest, new))
    raise ValueError("no test at that position")  # pragma: no cover - positions come from tests_of


def step_of(kind: str, x: Fraction) -> Fraction:
    """The smallest step of a literal: one for whole numbers, minutes and days; otherwise one
    unit of its last decimal (5.3% moves by 0.1%)."""
    if kind in (INT, TIME, DATE) or x.denominator == 1:
        return Fraction(1)
    d = Decimal(x.numerator) / Decimal(x.denominator)
    return Fraction(1, 10 ** max(0, -d.normalize().as_tuple().exponent))


def _num(kind: str, x: Fraction) -> str:
    if kind == TIME:
        return format_time(int(x))
    if kind == DATE:
        return dt.date.fromordinal(int(x)).isoformat()
    d = Decimal(x.numerator) / Decimal(x.denominator)
    text = format(d.normalize(), "f")
    return text + ("%" if kind == PERCENT else "")


def interval_text(fact: str, kind: str, c: Interval) -> str:
    if c.lo is not None and c.hi is not None and c.lo == c.hi and c.lo_closed and c.hi_closed:
        return f"{fact} == {_num(kind, c.lo)}"
    parts = []
    if c.lo is not None:
        parts.append(f"{fact} {'>=' if c.lo_closed else '>'} {_num(kind, c.lo)}")
    if c.hi is not None:
        parts.append(f"{fact} {'<=' if c.hi_closed else '<'} {_num(kind, c.hi)}")
    return " and ".join(parts) or fact


# ---------------------------------------------------------------------------- values


def other_value(t: Type, v: Value) -> Value | None:
    """A different value of the same type: the next enum member, the other truth value, one step
    more for numbers (one step less at the top of the range), a changed text."""
    kind = v.kind
    if kind == ENUM:
        members = list(t.values) if t.values else []
        if len(members) < 2 or v.data not in members:
            return None
        return Value(ENUM, members[(members.index(v.data) + 1) % len(members)])
    if kind == BOOL:
        return Value(BOOL, not v.data)
    if kind == TEXT:
        return Value(TEXT, f"{v.data} (diubah)")
    if kind in (INT, NUMBER, PERCENT):
        x = Fraction(v.data)
        step = step_of(kind, x)
        up = x + step
        top = t.hi if t.hi is not None else (Fraction(100) if kind == PERCENT else None)
        new = x - step if top is not None and up > top else up
        return Value(kind, Decimal(new.numerator) / Decimal(new.denominator))
    if kind == TIME:
        return Value(TIME, v.data + 60 if v.data + 60 <= 1440 else v.data - 60)
    if kind == DATE:
        return Value(DATE, v.data + dt.timedelta(days=1))
    return None


# ---------------------------------------------------------------------------- generation


class _Maker:
    def __init__(self, policy: Policy, regions: tuple[str, ...]):
        self.policy = policy
        self.regions = regions
        self.out: list[Mutant] = []

    def add(self, operator: str, change: str, subject: str, location: Span, policy: Policy,
            rules: tuple[str, ...] = (), instrument: str | None = None, fact: str | None = None) -> None:
        self.out.append(Mutant(f"m{len(self.out) + 1}", operator, change, subject, location, policy, rules,
                               instrument, fact))

    def with_rule(self, rule: Rule) -> Policy:
        rules = dict(self.policy.rules)
        rules[rule.id] = rule
        return attrs.evolve(self.policy, rules=rules)

    def without_rule(self, rid: str) -> Policy:
        rules = {k: r for k, r in self.policy.rules.items() if k != rid}
        return attrs.evolve(self.policy, rules=rules)

    def rule(self, rule: Rule) -> None:
        where = f"row {rule.row} of table `{rule.table}`" if rule.table else f"rule `{rule.id}`"
        for path, test in tests_of(rule.when):
            self.test(rule, path, test, where)
        for i, a in enumerate(rule.then):
            t = self.policy.output_type(a.target)
            new = other_value(t, a.value) if t is not None else None
            if new is None:
                continue
            then = list(rule.then)
            then[i] = Assign(a.target, new, a.span)
            self.add(VALUE, f"{where}: `{a.target} = {a.value}` -> `{a.target} = {new}`", rule.id, a.span,
                     self.with_rule(attrs.evolve(rule, then=tuple(then))), (rule.id,))
        if rule.table:
            self.add(DROP_ROW, f"{where} left out", rule.id, rule.span, self.without_rule(rule.id), (rule.id,))
        else:
            self.add(DROP_RULE, f"{where} left out", rule.id, rule.span, self.without_rule(rule.id), (rule.id,))
            if rule.overrides:
                names = ", ".join(sorted(rule.overrides))
                self.add(DROP_OVERRIDES, f"{where}: `overrides` left out (it beat {names})", rule.id, rule.span,
                         self.with_rule(attrs.evolve(rule, overrides=frozenset())), (rule.id,))

    def test(self, rule: Rule, path: tuple, test: Test, where: str) -> None:
        fact = self.policy.facts.get(test.fact)
        kind = fact.type.kind if fact is not None else None
        c = test.constraint
        span = test.span if test.span.line else rule.span

        def put(new_c, operator: str, change: str) -> None:
            new = replace_at(rule.when, path, Test(test.fact, new_c, test.span))
            self.add(operator, f"{where}: {change}", rule.id, span, self.with_rule(attrs.evolve(rule, when=new)),
                     (rule.id,), fact=test.fact)

        if isinstance(c, Interval):
            if kind is None:
                return
            before = interval_text(test.fact, kind, c)
            for end in ("lo", "hi"):
                x = getattr(c, end)
                if x is None:
                    continue
                step = step_of(kind, x)
                for sign in (-1, 1):
                    moved = attrs.evolve(c, **{end: x + sign * step})
                    if c.lo == c.hi and c.lo is not None:  # `== x` moves as a whole
                        moved = attrs.evolve(c, lo=x + sign * step, hi=x + sign * step)
                    put(moved, THRESHOLD, f"`{before}` -> `{interval_text(test.fact, kind, moved)}`")
                if c.lo == c.hi and c.lo is not None:
                    break
            for end in ("lo_closed", "hi_closed"):
                if getattr(c, end[:2]) is None or (c.lo == c.hi):
                    continue
                swapped = attrs.evolve(c, **{end: not getattr(c, end)})
                put(swapped, COMPARISON, f"`{before}` -> `{interval_text(test.fact, kind, swapped)}`")
        elif isinstance(c, InSet) and kind == REGION:
            members = sorted(c.values)
            outside = self.neighbour(c.values)
            if outside is not None:
                put(InSet(c.values | {outside}), REGION_WIDER,
                    f"`{test.fact}` set ({len(members)} kab/kota) widened by {outside}")
            if len(members) > 1:
                put(InSet(c.values - {members[0]}), REGION_NARROWER,
                    f"`{test.fact}` set ({len(members)} kab/kota) narrowed: {members[0]} left out")

    def neighbour(self, members: frozenset) -> str | None:
        """The kab/kota outside the set that comes next to its members in `regions` (the
        Kemendagri coding order, so usually one of the same province)."""
        order = self.regions
        where = [i for i, r in enumerate(order) if r in members]
        start = where[-1] if where else -1
        for i in [*range(start + 1, len(order)), *range(start, -1, -1)]:
            r = order[i]
            if r not in members and r != OTHER_REGION:
                return r
        return None

    def instrument(self, inst_id: str) -> None:
        inst = self.policy.instruments[inst_id]
        for end in ("first", "last"):
            day = getattr(inst, end)
            if day is None:
                continue
            for delta in (-1, 1):
                moved = day + dt.timedelta(days=delta)
                insts = dict(self.policy.instruments)
                insts[inst_id] = attrs.evolve(inst, **{end: moved})
                word = "in force from" if end == "first" else "in force until"
                self.add(IN_FORCE, f"instrument `{inst_id}`: {word} {day.isoformat()} -> {moved.isoformat()}",
                         inst_id, inst.span, attrs.evolve(self.policy, instruments=insts), (), inst_id)


def mutants(policy: Policy, regions: tuple[str, ...] = ()) -> list[Mutant]:
    """Every mutant of the policy, in source order (rules, then instruments). `regions`: the
    kab/kota a region set may be widened with, in the order to try them."""
    maker = _Maker(policy, regions)
    for rule in policy.rules.values():
        maker.rule(rule)
    for inst_id, inst in policy.instruments.items():
        if not inst.external and inst.first is not None:
            maker.instrument(inst_id)
    return maker.out


__all__ = ["Mutant", "mutants", "OPERATORS", "THRESHOLD", "COMPARISON", "DROP_ROW", "DROP_RULE",
           "DROP_OVERRIDES", "VALUE", "REGION_WIDER", "REGION_NARROWER", "IN_FORCE", "other_value", "step_of",
           "tests_of", "replace_at"]
