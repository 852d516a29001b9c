"""Hypothesis strategies for small random policies, built directly as IR: 2–4 facts (enums of
2–3 members, an int in [0, 6], a percent with decimal bounds, a bool, a region), an optional
derived fact (computed by rules that do not test it), 1–6 rules with random conditions (open and closed bounds, `and`/`or`/`not`),
random `overrides` (cycles included), an optional table, two instruments (one may revoke the
other, possibly before it starts), and optional coverage, assertion and monotone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

from ppkm_lang.ir.model import (BOOL, ENUM, INT, PERCENT, REGION, TRUE, And, Assertion, Assign, Coverage, Fact,
                                InSet, Instrument, Interval, Measure, Monotone, Not, Or, Policy, Rule, Table,
                                Term, Test, Type, Value)

FACTS = {
    "e1": Type(ENUM, values=("a", "b", "c"), ordered=True),
    "e2": Type(ENUM, values=("x", "y")),
    "n": Type(INT, lo=Fraction(0), hi=Fraction(6)),
    "p": Type(PERCENT),
    "b": Type(BOOL),
    "w": Type(REGION),
}
# Few bounds, so that conditions often meet at one bound from both sides (open and closed).
INT_BOUNDS = [Fraction(x) for x in (0, 2, 5, 6)] + [Fraction(5, 2)]
PCT_BOUNDS = [Fraction(x) for x in (0, 5, 15, 100)] + [Fraction(29, 4)]
REGIONS = ["KOTA A", "KOTA B", "KAB. C"]
MEASURES = {"m1": Type(PERCENT), "m2": Type(PERCENT)}
DERIVED = Type(ENUM, values=("z1", "z2"), ordered=True)
PCT_VALUES = [0, 25, 50, 100]


@st.composite
def interval(draw, bounds):
    lo = draw(st.none() | st.sampled_from(bounds))
    hi = draw(st.none() | st.sampled_from(bounds))
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return Interval(lo, draw(st.booleans()), hi, draw(st.booleans()))


@st.composite
def test_of(draw, facts):
    numeric = [f for f in facts if f in ("n", "p")]
    name = draw(st.sampled_from(numeric) if numeric and draw(st.booleans()) else st.sampled_from(facts))
    typ = FACTS[name] if name in FACTS else DERIVED
    if typ.kind == ENUM:
        vals = draw(st.sets(st.sampled_from(typ.values), min_size=1, max_size=len(typ.values)))
        return Test(name, InSet(frozenset(vals)))
    if typ.kind == BOOL:
        return Test(name, InSet(frozenset({draw(st.sampled_from(["true", "false"]))})))
    if typ.kind == REGION:
        return Test(name, InSet(frozenset(draw(st.sets(st.sampled_from(REGIONS), min_size=1, max_size=2)))))
    return Test(name, draw(interval(INT_BOUNDS if typ.kind == INT else PCT_BOUNDS)))


def condition(facts, depth=2):
    leaf = test_of(facts) | st.just(TRUE)
    if depth == 0:
        return leaf
    sub = condition(facts, depth - 1)
    return st.one_of(
        leaf, leaf,
        st.lists(sub, min_size=2, max_size=3).map(lambda xs: And(tuple(xs))),
        st.lists(sub, min_size=2, max_size=3).map(lambda xs: Or(tuple(xs))),
        sub.map(Not),
    )


def pct(x) -> Value:
    return Value(PERCENT, Decimal(x))


@st.composite
def policies(draw):
    names = draw(st.lists(st.sampled_from(sorted(FACTS)), min_size=1, max_size=3, unique=True))
    if "n" not in names and "p" not in names:
        names.append(draw(st.sampled_from(["n", "p"])))
    if "e1" not in names:
        names.append("e1")
    derived = draw(st.booleans())
    facts = {n: Fact(n, FACTS[n]) for n in names}
    testable = sorted(names)
    targets = ["m1", "m2"]
    if derived:
        facts["z"] = Fact("z", DERIVED, derived=True)
        testable.append("z")
        targets.append("z")
    measures = {m: Measure(m, t) for m, t in MEASURES.items()}

    # One time in four a revocation ends i1 before it starts.
    first_i1 = draw(st.sampled_from([dt.date(2021, 7, 1)] * 3 + [dt.date(2021, 7, 6)]))
    revokes = ("i1",) if draw(st.booleans()) else ()
    instruments = {
        "i1": Instrument("i1", "one", first=first_i1, last=dt.date(2021, 7, 10)),
        "i2": Instrument("i2", "two", first=dt.date(2021, 7, 5), last=dt.date(2021, 7, 12), revokes=revokes),
        # Referred to but not encoded: never in force, whatever its dates say.
        "ix": Instrument("ix", "external", first=dt.date(2021, 7, 1), last=dt.date(2021, 7, 31), external=True),
    }

    n_rules = draw(st.integers(1, 6))
    table_rows = draw(st.integers(0, min(3, n_rules)))
    hit = draw(st.sampled_from(["unique", "any", "first"]))
    ids = [f"t#{i + 1}" if i < table_rows else f"r{i}" for i in range(n_rules)]
    table_instrument = draw(st.sampled_from([None, "i1", "i2"]))
    rules = {}
    for i, rid in enumerate(ids):
        in_table = i < table_rows
        then_targets = (["m1"] if in_table else
                        draw(st.lists(st.sampled_from(targets + ["z"] * derived), min_size=1, max_size=2,
                                      unique=True)))
        then = []
        for t in then_targets:
            if t == "z":
                then.append(Assign(t, Value(ENUM, draw(st.sampled_from(DERIVED.values)))))
            else:
                then.append(Assign(t, pct(draw(st.sampled_from(PCT_VALUES)))))
        overrides = set(draw(st.lists(st.sampled_from(ids), max_size=2)))
        if in_table and hit == "first":
            overrides |= set(ids[i + 1:table_rows])
        overrides.discard(rid)
        # A derived fact's own rules do not test it (a cycle is refused before analysis).
        tests = [f for f in testable if f != "z"] if "z" in then_targets else testable
        when = draw(condition(tests, draw(st.integers(0, 2))))
        if draw(st.booleans()):  # rules that test the ordered fact make monotone checks bite
            level = draw(st.sampled_from(FACTS["e1"].values))
            when = And((Test("e1", InSet(frozenset({level}))), when))
        instrument = table_instrument if in_table else draw(st.sampled_from([None, "i1", "i2"] * 2 + ["ix"]))
        rules[rid] = Rule(rid, None, instrument, when, tuple(then), overrides=frozenset(overrides),
                          table="t" if in_table else None, row=i + 1 if in_table else None)
    tables = {}
    if table_rows:
        tables["t"] = Table("t", None, hit, (), ("m1",), TRUE, tuple(ids[:table_rows]))

    coverages = {}
    if draw(st.booleans()):
        outs = draw(st.lists(st.sampled_from(targets), min_size=1, max_size=2, unique=True))
        coverages["cov"] = Coverage("cov", tuple(outs), draw(condition(testable, 1)),
                                    instrument=draw(st.sampled_from([None, "i1", "i2"])))
    assertions = {}
    if draw(st.booleans()):
        lhs = (Term(1, "m1"),) + ((Term(draw(st.sampled_from([1, -1])), "m2"),) if draw(st.booleans()) else ())
        rhs = (Term(1, value=pct(draw(st.sampled_from([0, 25, 50, 100])))),)
        if draw(st.booleans()):
            lhs, rhs = (Term(1, "m1"),), (Term(1, "m2"),)
        assertions["asr"] = Assertion("asr", None, draw(condition(testable, 1)), lhs,
                                      draw(st.sampled_from(["==", "!=", "<", "<=", ">", ">="])), rhs)
    monotones = {}
    if draw(st.integers(0, 3)):
        monotones["mono"] = Monotone("mono", None, draw(st.sampled_from(["m1", "m2"])),
                                     draw(st.sampled_from(["nonincreasing", "nondecreasing"])), "e1",
                                     draw(condition(testable, 1)))
    return Policy(files=("gen.ppkm",), instruments=instruments, facts=facts, measures=measures, rules=rules,
                  tables=tables, coverages=coverages, assertions=assertions, monotones=monotones)
