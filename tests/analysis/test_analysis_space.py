"""Laws of the set algebra under the analysis: interval sets (dense and integer) agree with
pointwise membership, boxes with their definition, and witnesses are the simple numbers a
person would pick."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from ppkm_lang.analysis import normal
from ppkm_lang.analysis.space import (NEG, POS, Dim, Space, iv_complement, iv_contains_point, iv_intersect,
                                      iv_norm, iv_subset)
from ppkm_lang.analysis.witness import nice_in
from ppkm_lang.ir.model import And, InSet, Interval, Not, Or
from ppkm_lang.ir.model import Test as Is

ENDS = [F(x, 2) for x in range(0, 13)]  # 0, 1/2, ..., 6
PROBES = [F(x, 4) for x in range(-4, 29)]  # every quarter from -1 to 7


@st.composite
def ivsets(draw, integer: bool):
    pieces = []
    for _ in range(draw(st.integers(0, 3))):
        lo = draw(st.none() | st.sampled_from(ENDS))
        hi = draw(st.none() | st.sampled_from(ENDS))
        pieces.append((lo, draw(st.booleans()), hi, draw(st.booleans())))
    return iv_norm(pieces, integer), pieces


def member(pieces, x, integer: bool) -> bool:
    if integer and x.denominator != 1:
        return False
    for lo, lc, hi, hc in pieces:
        above = lo is None or x > lo or (lc and x == lo)
        below = hi is None or x < hi or (hc and x == hi)
        if above and below:
            return True
    return False


def points(integer: bool):
    return [p for p in PROBES if not integer or p.denominator == 1]


@settings(max_examples=300)
@given(st.booleans(), st.data())
def test_interval_sets_agree_with_membership(integer, data):
    a, raw_a = data.draw(ivsets(integer))
    b, raw_b = data.draw(ivsets(integer))
    for x in points(integer):
        in_a, in_b = member(raw_a, x, integer), member(raw_b, x, integer)
        assert iv_contains_point(a, x) == in_a
        assert iv_contains_point(iv_intersect(a, b), x) == (in_a and in_b)
        assert iv_contains_point(iv_norm(a + b, integer), x) == (in_a or in_b)
        assert iv_contains_point(iv_complement(a, integer), x) == (not in_a)
    assert iv_subset(iv_intersect(a, b), a)
    if all(member(raw_a, x, integer) <= member(raw_b, x, integer) for x in points(integer)):
        # The probes are dense enough between the ends to decide inclusion.
        assert iv_subset(a, b)
    assert iv_norm(a, integer) == a  # canonical


def test_integer_sets_are_closed_and_merged():
    assert iv_norm([(F(5), False, F(6), False)], True) == ()
    assert iv_norm([(F(1), True, F(2), True), (F(3), True, F(4), True)], True) == ((1, True, 4, True),)
    assert iv_norm([(F(5, 2), False, None, False)], True) == ((3, True, POS, False),)
    assert iv_norm([(F(5), False, F(6), False)], False) == ((5, False, 6, False),)


def test_witness_points_are_simple():
    assert nice_in(F(5), True, F(5), True, False) == 5
    assert nice_in(F(5), False, F(15), False, False) == 6
    assert nice_in(F(5), False, F(11, 2), False, False) == F(51, 10)
    assert nice_in(F(1, 4), False, F(1, 2), False, False) == F(3, 10)
    assert nice_in(NEG, False, F(5), False, False) == 4
    assert nice_in(NEG, False, F(9, 2), True, False) == F(9, 2)
    assert nice_in(F(15), True, F(100), True, False) == 15
    assert nice_in(NEG, False, POS, False, False) == 0


def _space() -> Space:
    return Space({
        "e": Dim("e", "enum", finite=True, full=frozenset("abc"), order=tuple("abc")),
        "n": Dim("n", "int", finite=False, integer=True, full=iv_norm([(F(0), True, F(6), True)], True)),
    })


def test_conditions_become_exact_boxes():
    space = _space()
    cond = And((Not(Is("e", InSet(frozenset("a")))), Or((Is("n", Interval(F(2), False, F(4), False)),
                                                          Is("n", Interval(F(5), True, None, False))))))
    got = normal.boxes(space, cond)
    expected = {(frozenset("bc"), ((3, True, 3, True),)), (frozenset("bc"), ((5, True, 6, True),))}
    assert {(b["e"], b["n"]) for b in got} == expected
    assert normal.boxes(space, Not(Is("n", Interval(None, False, None, False)))) == []


def test_box_difference_is_disjoint_and_exact():
    space = _space()
    a = {"n": iv_norm([(F(0), True, F(6), True)], True)}
    b = {"e": frozenset("a"), "n": iv_norm([(F(2), True, F(3), True)], True)}
    pieces = space.box_difference(a, b)
    for i, p in enumerate(pieces):
        for q in pieces[i + 1:]:
            assert space.box_intersect(p, q) is None
    covered = {(e, n) for p in pieces for e in p.get("e", "abc") for n in range(7)
               if iv_contains_point(p.get("n", space.full("n")), n)}
    assert covered == {(e, n) for e in "abc" for n in range(7) if not (e == "a" and n in (2, 3))}


def _space3() -> Space:
    space = _space()
    space.dims["p"] = Dim("p", "percent", finite=False, full=iv_norm([(F(0), True, F(100), True)], False))
    return space


@st.composite
def boxes3(draw):
    space = _space3()
    out = []
    for _ in range(draw(st.integers(0, 40))):
        box = {}
        if draw(st.booleans()):
            box["e"] = frozenset(draw(st.sets(st.sampled_from("abc"), min_size=1)))
        for d, ends in (("n", [F(x) for x in range(7)]), ("p", [F(x) for x in (0, 5, 15, 100)] + [F(29, 4)])):
            if draw(st.booleans()):
                lo, hi = sorted(draw(st.lists(st.sampled_from(ends), min_size=2, max_size=2)))
                s = iv_norm([(lo, draw(st.booleans()), hi, draw(st.booleans()))], d == "n")
                s = space.intersect(d, s, space.full(d))
                if not s:
                    break
                box[d] = s
        else:
            out.append(space.canonical(box))
    return out


@settings(max_examples=300)
@given(boxes3())
def test_the_pair_index_finds_exactly_the_intersecting_pairs(boxes):
    from ppkm_lang.analysis import pairs

    space = _space3()
    truth = {(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
             if space.box_intersect(boxes[i], boxes[j]) is not None}
    assert {(i, j) for i, j, _ in pairs.overlapping(space, boxes)} == truth
    for d in (None, "e", "n", "p"):  # whichever dimension the index uses, no pair is lost
        proposed = set(pairs._candidates(space, d, boxes))
        assert truth <= proposed
        assert all(i < j for i, j in proposed)


@settings(max_examples=200)
@given(boxes3())
def test_merging_boxes_for_messages_keeps_their_union(boxes):
    space = _space3()
    merged = normal.merge(space, boxes)
    percents = (F(0), F(2), F(5), F(6), F(29, 4), F(10), F(15), F(50), F(100))
    probes = [(e, n, p) for e in "abc" for n in range(7) for p in percents]

    def inside(box, point):
        e, n, p = point
        return (e in box.get("e", "abc") and iv_contains_point(box.get("n", space.full("n")), n)
                and iv_contains_point(box.get("p", space.full("p")), p))

    for point in probes:
        assert any(inside(b, point) for b in boxes) == any(inside(b, point) for b in merged)
    assert len(merged) <= len(boxes)
