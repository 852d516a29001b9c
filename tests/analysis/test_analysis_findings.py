"""Findings on hand-built IR: messages and regions as people read them, witnesses for dates
and regions, precedence cycles, enum assertions, purity, and odd IR that must not crash."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from fractions import Fraction as F

from ppkm_lang.analysis import analyse
from ppkm_lang.analysis.space import OTHER_REGION
from ppkm_lang.ir.model import (DATE, ENUM, INT, PERCENT, REGION, TRUE, Assertion, Assign, Coverage, Fact, InSet,
                                Instrument, Interval, Measure, Monotone, Not, Policy, Rule, Term, Type, Value)
from ppkm_lang.ir.model import Test as Is


def pct(x) -> Value:
    return Value(PERCENT, Decimal(x))


def rule(rid, when, *then, overrides=(), instrument=None) -> Rule:
    return Rule(rid, None, instrument, when, tuple(Assign(t, v) for t, v in then), overrides=frozenset(overrides))


def policy(facts, rules, **kw) -> Policy:
    measures = kw.pop("measures", {"m": Measure("m", Type(PERCENT))})
    return Policy(files=("t.ppkm",), facts={f.name: f for f in facts}, measures=measures,
                  rules={r.id: r for r in rules}, **kw)


POS = Fact("positivity", Type(PERCENT))
LEVEL = Fact("level", Type(ENUM, values=("level_3", "level_4"), ordered=True))


def test_the_five_percent_hole_is_named_exactly():
    p = policy([POS], [rule("t#1", Is("positivity", Interval(None, False, F(5), False)), ("m", pct(1))),
                       rule("t#2", Is("positivity", Interval(F(5), False, F(15), False)), ("m", pct(5)))],
               coverages={"t": Coverage("t", ("m",), TRUE)})
    [d] = analyse(p)
    assert d.code == "PPK401" and d.subject == "t"
    assert d.witness == {"positivity": 5}
    assert d.message.endswith("where `positivity` == 5% or `positivity` >= 15%")


def test_an_overrides_cycle_resolves_nothing():
    p = policy([LEVEL], [rule("a", TRUE, ("m", pct(0)), overrides={"b"}),
                         rule("b", TRUE, ("m", pct(25)), overrides={"a"})])
    [d] = analyse(p)
    assert (d.code, d.subject) == ("PPK301", "b")
    assert d.witness == {}


def test_a_date_fact_and_the_day_appear_in_the_witness():
    tanggal = Fact("tanggal", Type(DATE))
    day = F(dt.date(2021, 7, 26).toordinal())
    inst = Instrument("i", "i", first=dt.date(2021, 7, 21), last=dt.date(2021, 7, 25))
    p = policy([tanggal], [rule("a", Is("tanggal", Interval(day, True, None, False)), ("m", pct(0)), instrument="i"),
                           rule("b", Is("tanggal", Interval(None, False, day, True)), ("m", pct(50)), instrument="i")],
               instruments={"i": inst})
    [d] = analyse(p)
    assert d.witness == {"tanggal": "2021-07-26", "at": "2021-07-21"}


def test_regions_without_a_gazetteer_have_one_other_region():
    wilayah = Fact("wilayah", Type(REGION))
    p = policy([wilayah], [rule("medan", Is("wilayah", InSet(frozenset({"KOTA MEDAN"}))), ("m", pct(0)))],
               coverages={"c": Coverage("c", ("m",), TRUE)})
    [d] = analyse(p)
    assert d.witness == {"wilayah": OTHER_REGION}
    assert d.message.endswith('where `wilayah` != "KOTA MEDAN"')


def test_regions_with_a_gazetteer_range_over_it():
    wilayah = Fact("wilayah", Type(REGION))
    universe = frozenset({"KOTA MEDAN", "KOTA BINJAI", "KAB. KARO"})
    p = policy([wilayah], [rule("medan", Is("wilayah", InSet(frozenset({"KOTA MEDAN"}))), ("m", pct(0)))],
               coverages={"c": Coverage("c", ("m",), TRUE)}, region_universe=universe)
    [d] = analyse(p)
    assert d.witness == {"wilayah": "KAB. KARO"}
    assert d.message.endswith('where `wilayah` != "KOTA MEDAN"')


def test_enum_assertions_compare_members():
    status = Measure("status", Type(ENUM, values=("dibuka", "ditutup")))
    p = policy([LEVEL], [rule("l4", Is("level", InSet(frozenset({"level_4"}))), ("status", Value(ENUM, "dibuka")))],
               measures={"status": status},
               assertions={"tutup": Assertion("tutup", None, Is("level", InSet(frozenset({"level_4"}))),
                                              (Term(1, "status"),), "==", (Term(1, value=Value(ENUM, "ditutup")),))})
    [d] = analyse(p)
    assert (d.code, d.subject) == ("PPK451", "tutup")
    assert d.witness == {"level": "level_4", "status": "dibuka"}


def test_monotone_ignores_conflicting_cells_and_gaps_between_levels():
    levels = Fact("level", Type(ENUM, values=("l1", "l2", "l3"), ordered=True))
    p = policy([levels], [rule("l1", Is("level", InSet(frozenset({"l1"}))), ("m", pct(50))),
                          rule("l3a", Is("level", InSet(frozenset({"l3"}))), ("m", pct(25))),
                          rule("l3b", Is("level", InSet(frozenset({"l3"}))), ("m", pct(75)))],
               monotones={"mono": Monotone("mono", None, "m", "nonincreasing", "level")})
    assert [d.code for d in analyse(p)] == ["PPK301"]  # l3 has no single value to compare


def test_analyse_is_pure_and_stable():
    p = policy([POS, LEVEL], [rule("a", Is("level", InSet(frozenset({"level_4"}))), ("m", pct(0))),
                              rule("b", Is("positivity", Interval(F(5), True, None, False)), ("m", pct(25))),
                              rule("c", Not(Is("positivity", Interval(F(5), True, None, False))), ("m", pct(25)),
                                   overrides={"b"})],
               coverages={"cov": Coverage("cov", ("m",), Is("level", InSet(frozenset({"level_3"}))))})
    before = copy.deepcopy(p)
    first = analyse(p)
    assert first == analyse(p) and [d.witness for d in first] == [d.witness for d in analyse(p)]
    assert p == before and p.rules == before.rules and p.coverages == before.coverages


def test_odd_ir_does_not_crash():
    """Type errors are reported before analysis; whatever IR slips through must not crash it."""
    rumah = Fact("rumah", Type(INT, lo=F(0), hi=F(10)))
    p = policy([rumah, LEVEL], [
        rule("unknown_fact", Is("tidak_ada", InSet(frozenset({"x"}))), ("m", pct(0))),
        rule("set_on_number", Is("rumah", InSet(frozenset({"3"}))), ("m", pct(0))),
        rule("interval_on_enum", Is("level", Interval(F(1), True, None, False)), ("m", pct(0))),
        rule("no_then", TRUE),
        rule("unknown_target", TRUE, ("tidak_ada", pct(0))),
        rule("unknown_override", TRUE, ("m", pct(0)), overrides={"tidak_ada"}),
        rule("unknown_instrument", TRUE, ("m", pct(0)), instrument="tidak_ada"),
    ], monotones={"numeric_over": Monotone("numeric_over", None, "m", "nonincreasing", "rumah"),
                  "unknown_over": Monotone("unknown_over", None, "m", "nonincreasing", "tidak_ada")},
        assertions={"unknown_measure": Assertion("unknown_measure", None, TRUE, (Term(1, "tidak_ada"),), "==",
                                                 (Term(1, value=pct(1)),))},
        coverages={"unknown_output": Coverage("unknown_output", ("tidak_ada",), TRUE, instrument="tidak_ada")})
    codes = {(d.code, d.subject) for d in analyse(p)}
    assert ("PPK304", "unknown_instrument") in codes
