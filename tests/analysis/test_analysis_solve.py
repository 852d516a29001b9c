"""Conditions too large to expand (a long `and` of `or`s has 2^k boxes) are decided by
recursive splitting: the same findings, in time that follows the condition's size; a question
the search does not settle within its budget is PPK460, never a claim."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from ppkm_lang.analysis import analyse, normal, solve
from ppkm_lang.analysis.prepare import BOX_LIMIT, Prepared
from ppkm_lang.ir.model import (BOOL, PERCENT, And, Assign, Coverage, Fact, InSet, Measure, Not, Or, Policy, Rule,
                                Type, Value)
from ppkm_lang.ir.model import Test as Is


def _true(name):
    return Is(name, InSet(frozenset({"true"})))


def product(k: int, start: int = 0):
    return And(tuple(Or((_true(f"a{i}"), _true(f"b{i}"))) for i in range(start, start + k)))


def _policy(k, rules, **kw):
    facts = {n: Fact(n, Type(BOOL)) for i in range(k) for n in (f"a{i}", f"b{i}")}
    return Policy(files=("t.ppkm",), facts=facts, measures={"m": Measure("m", Type(PERCENT))},
                  rules={r.id: r for r in rules}, **kw)


def _rule(rid, when, pct, overrides=()):
    return Rule(rid, None, None, when, (Assign("m", Value(PERCENT, Decimal(pct))),), overrides=frozenset(overrides))


def test_the_product_is_too_large_for_boxes_but_not_for_splitting():
    p = _policy(14, [_rule("r", product(14), 0)])
    with pytest.raises(normal.TooMany):
        normal.boxes(Prepared(p).space, product(14), BOX_LIMIT)
    assert Prepared(p).large == {"r"}
    assert analyse(p) == []  # expanded, this was 2^14 boxes paired with each other


def test_two_products_conflict_at_a_point_of_both():
    p = _policy(14, [_rule("r", product(14), 0), _rule("s", product(14), 5)])
    [d] = analyse(p)
    assert d.code == "PPK301"
    assert all(d.witness[f"a{i}"] or d.witness[f"b{i}"] for i in range(14))


def test_products_that_cannot_meet_do_not_conflict():
    never = And((product(14), Not(_true("a0")), Not(_true("b0"))))
    p = _policy(14, [_rule("r", product(14), 0), _rule("s", never, 5)])
    assert [(d.code, d.subject) for d in analyse(p)] == [("PPK304", "s")]


def test_a_product_shadowed_by_the_same_product():
    p = _policy(30, [_rule("r", product(30), 0), _rule("s", product(30), 5, overrides={"r"})])
    [d] = analyse(p)
    assert (d.code, d.subject) == ("PPK303", "r")


def test_a_gap_left_by_a_product_is_found_and_described():
    cover = product(14)
    p = _policy(14, [_rule("r", cover, 0)], coverages={"c": Coverage("c", ("m",), product(13, start=1))})
    [d] = analyse(p)
    assert d.code == "PPK401"
    assert d.witness["a0"] is False and d.witness["b0"] is False


def test_a_search_past_its_budget_is_reported_not_guessed(monkeypatch):
    monkeypatch.setattr(solve, "BUDGET", 5)
    p = _policy(14, [_rule("r", product(14), 0), _rule("s", product(14), 5)])
    found = analyse(p)
    assert [d.code for d in found] == ["PPK460"] * len(found) and found
    assert any("conflict" in d.message for d in found)


def test_splitting_a_condition_finds_exactly_its_points():
    p = _policy(3, [_rule("r", product(3), 0)])
    prep = Prepared(p)
    f = solve.of_cond(prep.space, product(3), {})
    cells = solve.search(prep.space, [f], limit=10_000)
    boxes = normal.boxes(prep.space, product(3))
    points = [{f"{c}{i}": v for i, c, v in zip([0, 0, 1, 1, 2, 2], "ababab", bits)}
              for bits in itertools.product(["true", "false"], repeat=6)]

    def inside(box, point):
        return all(point[d] in s for d, s in box.items())

    for point in points:
        assert sum(inside(c, point) for c in cells) == any(inside(b, point) for b in boxes)
