"""Hypothesis strategies for the differential test: small random policies built as IR, and
random queries against them.

Policies have enum, int, percent, bool and region facts; up to two derived facts, the second
possibly depending on the first; 1-18 rules (enough for the dispatch index to split) with
random conditions (`and`/`or`/`not`, open and closed bounds), random `overrides` (cycles
included), rules of no instrument, and up to three instruments with overlapping periods and
revocations.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

from ppkm_lang.ir.model import (BOOL, ENUM, INT, PERCENT, REGION, TRUE, And, Assign, Citation, Fact, InSet,
                                Instrument, Interval, Measure, Not, Or, Policy, RegionMember, RegionSet, Rule,
                                Test, Type, Value)

INPUTS = {
    "e1": Type(ENUM, values=("a", "b", "c", "d")),
    "e2": Type(ENUM, values=("x", "y")),
    "n": Type(INT, lo=Fraction(0), hi=Fraction(10)),
    "p": Type(PERCENT, lo=Fraction(0), hi=Fraction(100)),
    "b": Type(BOOL),
    "w": Type(REGION),
}
DERIVED = {"z1": Type(ENUM, values=("lo", "hi")), "z2": Type(ENUM, values=("u", "v", "t"))}
INT_POINTS = [Fraction(x) for x in (0, 1, 2, 5, 10)] + [Fraction(5, 2)]
PCT_POINTS = [Fraction(x) for x in (0, 5, 15, 100)] + [Fraction(53, 10)]
REGIONS = ["KOTA A", "KOTA B", "KAB. C", "KAB. D"]
UNIVERSE = frozenset(REGIONS + ["KOTA E"])
MEASURES = {"m1": Type(PERCENT, lo=Fraction(0), hi=Fraction(100)), "m2": Type(ENUM, values=("buka", "tutup"))}
M_VALUES = {"m1": [Value(PERCENT, Decimal(x)) for x in ("0", "25", "25.0", "50")],
            "m2": [Value(ENUM, "buka"), Value(ENUM, "tutup")]}
DAY0 = dt.date(2021, 7, 1)


def typ(name: str) -> Type:
    return INPUTS.get(name) or DERIVED[name]


@st.composite
def test_on(draw, names):
    name = draw(st.sampled_from(names))
    t = typ(name)
    if t.kind == ENUM:
        return Test(name, InSet(frozenset(draw(st.sets(st.sampled_from(t.values), min_size=1)))))
    if t.kind == BOOL:
        return Test(name, InSet(frozenset({draw(st.sampled_from(["true", "false"]))})))
    if t.kind == REGION:
        return Test(name, InSet(frozenset(draw(st.sets(st.sampled_from(REGIONS), min_size=1, max_size=3)))))
    points = INT_POINTS if t.kind == INT else PCT_POINTS
    lo, hi = draw(st.none() | st.sampled_from(points)), draw(st.none() | st.sampled_from(points))
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return Test(name, Interval(lo, draw(st.booleans()), hi, draw(st.booleans())))


def condition(names, depth=2):
    leaf = test_on(names)
    if depth == 0:
        return leaf | st.just(TRUE)
    sub = condition(names, depth - 1)
    return st.one_of(
        leaf, leaf, st.just(TRUE),
        st.lists(sub, min_size=2, max_size=3).map(lambda xs: And(tuple(xs))),
        st.lists(sub, min_size=2, max_size=3).map(lambda xs: Or(tuple(xs))),
        sub.map(Not),
    )


def rule_condition(names):
    """Mostly conjunctions led by a test (what the dispatch index keys on), also disjunctions
    of tests, and arbitrary conditions."""
    return st.one_of(
        st.tuples(test_on(names), condition(names, 1)).map(And),
        st.tuples(test_on(names), test_on(names)).map(Or),
        condition(names),
    )


@st.composite
def instruments(draw):
    out = []
    for i in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, 20))
        length = draw(st.integers(0, 10))
        revokes = tuple(draw(st.sets(st.sampled_from([f"i{j}" for j in range(i)]), max_size=1))) if i else ()
        out.append(Instrument(f"i{i}", f"I{i}", first=DAY0 + dt.timedelta(start),
                              last=DAY0 + dt.timedelta(start + length), revokes=revokes))
    return out


@st.composite
def policies(draw):
    inputs = draw(st.lists(st.sampled_from(sorted(INPUTS)), min_size=1, max_size=4, unique=True))
    derived = draw(st.sampled_from([[], ["z1"], ["z1", "z2"]]))
    insts = draw(instruments())
    inst_ids = [i.id for i in insts] + [None]
    rules: list[Rule] = []

    def add_rule(targets_values, names):
        rid = f"r{len(rules)}"
        when = draw(rule_condition(names))
        then = tuple(Assign(t, v) for t, v in targets_values)
        rules.append(Rule(rid, None, draw(st.sampled_from(inst_ids)), when, then,
                          (Citation("i0", "KESATU", ("a",), f"text {rid}"),)))

    for k, d in enumerate(derived):
        visible = inputs + derived[:k]  # a derived fact depends only on earlier ones
        for _ in range(draw(st.integers(1, 4))):
            add_rule([(d, Value(ENUM, draw(st.sampled_from(DERIVED[d].values))))], visible)
    names = inputs + derived
    for _ in range(draw(st.integers(1, 14))):
        ms = draw(st.lists(st.sampled_from(sorted(MEASURES)), min_size=1, max_size=2, unique=True))
        add_rule([(m, draw(st.sampled_from(M_VALUES[m]))) for m in ms], names)
    ids = [r.id for r in rules]
    linked = []
    for r in rules:
        overrides = frozenset(draw(st.sets(st.sampled_from(ids), max_size=2)) - {r.id})
        linked.append(Rule(r.id, r.title, r.instrument, r.when, r.then, r.cites, overrides))
    facts = {n: Fact(n, INPUTS[n]) for n in inputs}
    facts.update({d: Fact(d, DERIVED[d], derived=True) for d in derived})
    regionsets = {"set_ab": RegionSet("set_ab", None, (RegionMember("Kota A", "KOTA A"),
                                                        RegionMember("Kota B", "KOTA B")))}
    return Policy(files=("gen.ppkm",), instruments={i.id: i for i in insts}, facts=facts,
                  measures={m: Measure(m, t) for m, t in MEASURES.items()}, regionsets=regionsets,
                  rules={r.id: r for r in linked},
                  region_universe=draw(st.sampled_from([UNIVERSE, None])))


def _value_of(draw, name: str, t: Type, universe) -> tuple[object, Value]:
    """A raw input (as a user would give it) and the typed value it stands for."""
    if t.kind == ENUM:
        v = draw(st.sampled_from(t.values))
        return v, Value(ENUM, v)
    if t.kind == BOOL:
        v = draw(st.booleans())
        return draw(st.sampled_from([v, "true" if v else "false"])), Value(BOOL, v)
    if t.kind == REGION:
        pool = sorted(universe) if universe is not None else REGIONS[:2]
        key = draw(st.sampled_from(pool))
        spelling = draw(st.sampled_from([key, key.lower(), key.replace("KAB. ", "Kabupaten ").title()]))
        return spelling, Value(REGION, key)
    points = INT_POINTS if t.kind == INT else PCT_POINTS
    if t.kind == INT:
        x = draw(st.integers(0, 10))
        return draw(st.sampled_from([x, str(x)])), Value(INT, Decimal(x))
    near = draw(st.sampled_from(points)) + draw(st.sampled_from([Fraction(0), Fraction(1, 10), Fraction(-1, 10)]))
    x = min(Fraction(100), max(Fraction(0), near))
    d = Decimal(x.numerator) / Decimal(x.denominator)
    return draw(st.sampled_from([f"{d}%", str(d), d])), Value(t.kind, d)


@st.composite
def queries(draw, policy: Policy):
    at = DAY0 + dt.timedelta(draw(st.integers(-1, 32)))
    raw, typed = {}, {}
    for name, fact in policy.facts.items():
        if draw(st.integers(0, 4)) == 0:
            continue  # not given
        if fact.derived and draw(st.booleans()):
            continue  # derived facts are mostly left to their rules
        r, v = _value_of(draw, name, fact.type, policy.region_universe)
        raw[name], typed[name] = r, v
    return at, raw, typed
