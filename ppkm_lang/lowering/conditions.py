"""Conditions and table cells -> IR conditions, with name and type checks.

Enum, bool and region tests become `InSet`; numeric tests become `Interval`s with the bounds
exactly as written (open or closed), in the fact's numeric encoding.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.ir.model import (BOOL, ENUM, FALSE, REGION, TIME, TRUE, And, Cond, Fact, InSet, Interval, Not,
                                Or, Test, Type, Value)
from ppkm_lang.lowering import windows
from ppkm_lang.semantics.suggest import did_you_mean
from ppkm_lang.semantics.values import ValueProblem, parse_value
from ppkm_lang.source import Span
from ppkm_lang.syntax import ast
from ppkm_lang.diagnostics.codes import (
    INVALID_OPERATOR, SYNTAX_ERROR, TYPE_MISMATCH, UNKNOWN_NAME, VALUE_OUT_OF_RANGE,
    WRONG_TARGET
)


class CondError(Exception):
    """The first error of a declaration being lowered; the declaration is left out."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def literal(lit: ast.Lit, typ: Type, what: str) -> Value:
    """A literal of policy text as a value of `typ` (`what` names the fact or measure), or a
    CondError pointing at the literal. Region names come back as written."""
    try:
        return parse_value(typ, lit.text, what, token=lit.kind)
    except ValueProblem as problem:
        raise CondError(Diagnostic(problem.code, problem.message, lit.span, help=problem.help)) from None


class Scope:
    """What a condition may name: facts, measures (to say they are not facts), region sets, and
    a resolver from a written region name to its official key."""

    def __init__(self, facts: dict[str, Fact], measures: set[str], regionsets: dict[str, frozenset[str]],
                 resolve_region: Callable[[str, ast.Lit], str]):
        self.facts = facts
        self.measures = measures
        self.regionsets = regionsets
        self.resolve_region = resolve_region

    def fact(self, name: str, span: Span) -> Fact:
        if name in self.facts:
            return self.facts[name]
        if name in self.measures:
            raise CondError(Diagnostic(WRONG_TARGET, f"`{name}` is a measure; conditions test facts", span,
                                       help="declare it as a `fact` (or a `derived` fact) to test it"))
        raise CondError(Diagnostic(UNKNOWN_NAME, f"unknown fact `{name}`", span,
                                   help=did_you_mean(name, self.facts)))

    def member(self, fact: Fact, lit: ast.Lit) -> str:
        """A set member as the InSet stores it."""
        value = literal(lit, fact.type, fact.name)
        if fact.type.kind == BOOL:
            return "true" if value.data else "false"
        if fact.type.kind == REGION:
            return self.resolve_region(value.data, lit)
        return value.data

    def members(self, fact: Fact, lit: ast.Lit) -> frozenset[str]:
        """What one element of a set literal stands for: a value, or, for the name of a group
        of an enum fact, every member of the group (`kegiatan in {makan_minum, mall}`)."""
        if fact.type.kind == ENUM and lit.kind == "name":
            group = fact.type.group(lit.text)
            if group is not None:
                return frozenset(group)
        return frozenset({self.member(fact, lit)})

    def numeric(self, fact: Fact, lit: ast.Lit) -> Fraction:
        return literal(lit, fact.type, fact.name).numeric()

    def named_set(self, fact: Fact, set_name: str, span: Span) -> frozenset[str]:
        if fact.type.kind == ENUM:
            members = fact.type.group(set_name)
            if members is not None:
                return frozenset(members)
            if set_name in fact.type.values:
                return frozenset({set_name})
            groups = [g for g, _ in fact.type.groups]
            raise CondError(Diagnostic(UNKNOWN_NAME, f"`{set_name}` is not a group or member of `{fact.name}`",
                                       span, help=did_you_mean(set_name, groups + list(fact.type.values))))
        if fact.type.kind == REGION:
            if set_name in self.regionsets:
                return self.regionsets[set_name]
            raise CondError(Diagnostic(UNKNOWN_NAME, f"unknown region set `{set_name}`", span,
                                       help=did_you_mean(set_name, self.regionsets)))
        raise CondError(Diagnostic(INVALID_OPERATOR, f"`{fact.name}` is {fact.type.kind}; only enum and region "
                                   "facts are tested against named sets", span))


def _interval(op: str, x) -> Interval:
    return {
        "<": Interval(None, False, x, False), "<=": Interval(None, False, x, True),
        ">": Interval(x, False, None, False), ">=": Interval(x, True, None, False),
        "==": Interval(x, True, x, True),
    }[op]


def _ordered_set(typ: Type, op: str, member: str) -> frozenset[str]:
    i = typ.values.index(member)
    pick = {"<": lambda j: j < i, "<=": lambda j: j <= i, ">": lambda j: j > i, ">=": lambda j: j >= i}[op]
    return frozenset(v for j, v in enumerate(typ.values) if pick(j))


def compare(scope: Scope, name: str, op: str, lit: ast.Lit, span: Span) -> Cond:
    fact = scope.fact(name, span)
    if fact.type.kind == TIME:
        return windows.compare(name, op, scope.numeric(fact, lit), span)
    if fact.type.is_numeric:
        x = scope.numeric(fact, lit)
        if op == "!=":
            return Not(Test(name, Interval(x, True, x, True), span))
        return Test(name, _interval(op, x), span)
    if fact.type.kind == ENUM and lit.kind == "name" and op in ("==", "!=") \
            and fact.type.group(lit.text) is not None:
        members = frozenset(fact.type.group(lit.text))
        test = Test(name, InSet(members), span)
        return Not(test) if op == "!=" else test
    member = scope.member(fact, lit)
    if op == "==":
        return Test(name, InSet(frozenset({member})), span)
    if op == "!=":
        return Not(Test(name, InSet(frozenset({member})), span))
    if fact.type.kind == ENUM and fact.type.ordered:
        return Test(name, InSet(_ordered_set(fact.type, op, member)), span)
    if fact.type.kind == ENUM:
        raise CondError(Diagnostic(INVALID_OPERATOR, f"`{op}` compares members in order, and the enum of `{name}` is not "
                                   "`ordered`", span, help=f"declare `fact {name}: enum ordered {{...}}` (members from "
                                   "lowest to highest) to compare them, or test with `==`, `!=` or `in`"))
    raise CondError(Diagnostic(INVALID_OPERATOR, f"`{op}` does not apply to `{name}` ({fact.type.describe()})", span,
                               help="use `==`, `!=` or `in`"))


def lower(scope: Scope, c: ast.CondAst) -> Cond:
    if isinstance(c, ast.AndC):
        return And(tuple(lower(scope, i) for i in c.items))
    if isinstance(c, ast.OrC):
        return Or(tuple(lower(scope, i) for i in c.items))
    if isinstance(c, ast.NotC):
        return Not(lower(scope, c.item))
    if isinstance(c, ast.Always):
        return TRUE
    if isinstance(c, ast.Compare):
        return compare(scope, c.name, c.op, c.value, c.span)
    if isinstance(c, ast.Between):
        fact = scope.fact(c.name, c.span)
        if not fact.type.is_numeric or c.lo_op not in ("<", "<=") or c.hi_op not in ("<", "<="):
            raise CondError(Diagnostic(INVALID_OPERATOR, "a range is written `low < fact < high` (or with `<=`) on a "
                                       "numeric fact", c.span))
        lo, hi = scope.numeric(fact, c.lo), scope.numeric(fact, c.hi)
        if fact.type.kind == TIME:
            iv = ast.IntervalLit(c.lo, c.lo_op == "<=", c.hi, c.hi_op == "<=", c.span)
            return windows.window(c.name, lo, hi, iv, c.span)
        if lo > hi:
            raise CondError(Diagnostic(VALUE_OUT_OF_RANGE, f"the range is empty: {c.lo.text} > {c.hi.text}", c.span,
                                       help=f"write the smaller bound first: `{c.hi.text} {c.lo_op} {c.name} "
                                       f"{c.hi_op} {c.lo.text}`"))
        return Test(c.name, Interval(lo, c.lo_op == "<=", hi, c.hi_op == "<="), c.span)
    if isinstance(c, ast.InInterval):
        return interval_test(scope, c.name, c.interval, c.span)
    if isinstance(c, ast.InSetLit):
        fact = scope.fact(c.name, c.span)
        if fact.type.is_numeric:
            raise CondError(Diagnostic(INVALID_OPERATOR, f"`{c.name}` is numeric; test it with an interval such as "
                                       "`[1, 2]`", c.span))
        values = frozenset().union(*(scope.members(fact, v) for v in c.values))
        test = Test(c.name, InSet(values), c.span)
        return Not(test) if c.negated else test
    if isinstance(c, ast.InNamed):
        fact = scope.fact(c.name, c.span)
        test = Test(c.name, InSet(scope.named_set(fact, c.set_name, c.set_span)), c.span)
        return Not(test) if c.negated else test
    if isinstance(c, ast.BoolFact):
        fact = scope.fact(c.name, c.span)
        if fact.type.kind != BOOL:
            raise CondError(Diagnostic(TYPE_MISMATCH, f"`{c.name}` is {fact.type.describe()}, not bool; compare it "
                                       "with a value", c.span))
        return Test(c.name, InSet(frozenset({"true"})), c.span)
    raise CondError(Diagnostic(SYNTAX_ERROR, "unsupported condition", getattr(c, "span")))  # pragma: no cover


def interval_test(scope: Scope, name: str, iv: ast.IntervalLit, span: Span) -> Cond:
    fact = scope.fact(name, span)
    if not fact.type.is_numeric:
        raise CondError(Diagnostic(INVALID_OPERATOR, f"`{name}` is {fact.type.describe()}; intervals apply to numbers, "
                                   "percentages, times and dates", span, help="use a set: `in {a, b}`"))
    lo, hi = scope.numeric(fact, iv.lo), scope.numeric(fact, iv.hi)
    if fact.type.kind == TIME:
        return windows.window(name, lo, hi, iv, span)
    if iv.overnight:
        raise CondError(Diagnostic(INVALID_OPERATOR, f"`overnight` applies to time windows; `{name}` is "
                                   f"{fact.type.describe()}", iv.span, help="remove `overnight`"))
    if lo > hi:
        raise CondError(Diagnostic(VALUE_OUT_OF_RANGE, f"the interval is empty: {iv.lo.text} > {iv.hi.text}", iv.span,
                                   help=f"write the smaller bound first: `[{iv.hi.text}, {iv.lo.text}]`"))
    return Test(name, Interval(lo, iv.lo_closed, hi, iv.hi_closed), span)


def lower_cell(scope: Scope, fact_name: str, cell: ast.Cell) -> Cond:
    """A table cell tests the column's input fact; `-` is any value."""
    if not cell.tests:
        return TRUE
    parts = []
    for t in cell.tests:
        if isinstance(t, ast.CmpTest):
            parts.append(compare(scope, fact_name, t.op, t.value, t.span))
        elif isinstance(t, ast.IntervalLit):
            parts.append(interval_test(scope, fact_name, t, t.span))
        elif isinstance(t, ast.SetTest):
            parts.append(lower(scope, ast.InSetLit(fact_name, t.values, t.negated, t.span)))
        else:  # EqTest: a value, or the name of a group or region set
            fact = scope.fact(fact_name, t.span)
            lit = t.value
            if lit.kind == "name" and fact.type.kind in (ENUM, REGION) and (
                    fact.type.group(lit.text) is not None or lit.text in scope.regionsets):
                parts.append(Test(fact_name, InSet(scope.named_set(fact, lit.text, lit.span)), t.span))
            else:
                parts.append(compare(scope, fact_name, "==", lit, t.span))
    return parts[0] if len(parts) == 1 else And(tuple(parts))


__all__ = ["Scope", "CondError", "lower", "lower_cell", "compare", "FALSE"]
