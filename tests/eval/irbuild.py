"""Small builders for hand-made IR in the evaluator's tests (no parser involved)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from ppkm_lang.ir.model import (BOOL, ENUM, INT, PERCENT, REGION, TIME, TRUE, And, Assign, Citation,
                                Example, Fact, InSet, Instrument, Interval, Measure, Not, Or, Policy,
                                RegionMember, RegionSet, Rule, Test, Type, Value)

D = dt.date


def enum(*values, ordered=False, groups=()):
    return Type(ENUM, values=tuple(values), ordered=ordered, groups=tuple(groups))


INT_T = Type(INT, lo=Fraction(0), hi=Fraction(1000))
PCT_T = Type(PERCENT, lo=Fraction(0), hi=Fraction(100))
TIME_T = Type(TIME, lo=Fraction(0), hi=Fraction(1440))
BOOL_T = Type(BOOL)
REGION_T = Type(REGION)


def is_(fact, *values):
    return Test(fact, InSet(frozenset(values)))


def between(fact, lo=None, hi=None, lo_closed=True, hi_closed=False):
    f = lambda x: None if x is None else Fraction(x)  # noqa: E731
    return Test(fact, Interval(f(lo), lo_closed, f(hi), hi_closed))


def and_(*items):
    return And(tuple(items))


def or_(*items):
    return Or(tuple(items))


def not_(item):
    return Not(item)


def val(kind, data):
    if kind in (INT, PERCENT) and not isinstance(data, Decimal):
        data = Decimal(str(data))
    return Value(kind, data)


def enumv(x):
    return Value(ENUM, x)


def pct(x):
    return val(PERCENT, x)


def time(hhmm: str):
    h, m = hhmm.split(":")
    return Value(TIME, int(h) * 60 + int(m))


def rule(id, when=TRUE, then=(), instrument="inst", overrides=(), cites=None, title=None, table=None, row=None):
    assigns = tuple(Assign(t, v) for t, v in then)
    if cites is None:
        cites = (Citation(instrument or "vocab", "KESATU", ("a",), f"text of {id}"),)
    return Rule(id, title, instrument, when, assigns, cites, frozenset(overrides), table=table, row=row)


def instrument(id, first, last, revokes=(), external=False):
    return Instrument(id, id.replace("_", " "), first=first, last=last, revokes=tuple(revokes), external=external)


def policy(*, facts=(), measures=(), rules=(), instruments=None, regionsets=(), universe=None, examples=()):
    if instruments is None:
        instruments = [instrument("inst", D(2021, 7, 21), D(2021, 7, 25))]
    return Policy(
        files=("test.ppkm",),
        instruments={i.id: i for i in instruments},
        facts={f.name: f for f in facts},
        measures={m.name: m for m in measures},
        regionsets={r.name: r for r in regionsets},
        rules={r.id: r for r in rules},
        examples={e.name: e for e in examples},
        region_universe=None if universe is None else frozenset(universe),
    )


def fact(name, typ, derived=False):
    return Fact(name, typ, derived=derived)


def measure(name, typ):
    return Measure(name, typ)


def regionset(name, *officials):
    return RegionSet(name, name, tuple(RegionMember(o.title(), o) for o in officials))


def example(name, at, given=(), expect=(), undetermined=(), no_instrument=False):
    return Example(name, None, at, tuple(Assign(t, v) for t, v in given),
                   tuple(Assign(t, v) for t, v in expect), tuple(undetermined), no_instrument)


__all__ = [n for n in dir() if not n.startswith("_")]
