"""The diff against brute force: for random pairs of small policies (independent ones, and one
policy with a few random edits), every point of the enumerated domains (every date around the
instruments' periods, every completion of the facts of both sides) lies in a reported region
exactly when the two sides' plain evaluations differ there, and then with both sides' outcomes;
every reported region's witness is such a point."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sys
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))

import attrs  # noqa: E402
from gen_eval import DAY0, policies  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_residual_properties import domain, in_box, oracle  # noqa: E402

from ppkm_lang.analysis.derive import derived_order  # noqa: E402
from ppkm_lang.analysis.space import AT  # noqa: E402
from ppkm_lang.diff import diff_dates, diff_policies  # noqa: E402
from ppkm_lang.ir.model import BOOL, ENUM, Value  # noqa: E402

MAX_POINTS = 60


def _key(o):
    kind, value, _ = o
    return (kind, value) if kind != "conflict" else (kind,)


def _change_key(side):
    o = side.outcome
    return (o.kind, o.value) if o.kind != "conflict" else (o.kind,)


def _merged(old, new):
    return attrs.evolve(new, facts={**old.facts, **new.facts},
                        rules={**{f"o{k}": r for k, r in old.rules.items()}, **{f"n{k}": r for k, r in new.rules.items()}})


def _points(both, space, rng):
    names = list(both.facts)
    domains = [domain(both, f, space) for f in names]
    total = 1
    for d in domains:
        total *= len(d)
    if total <= MAX_POINTS:
        return [dict(zip(names, combo)) for combo in itertools.product(*domains)]
    return [{f: rng.choice(d) for f, d in zip(names, domains)} for _ in range(MAX_POINTS)]


def _check(old, new, diff, days, rng):
    space = diff.space
    both = _merged(old, new)
    orders = derived_order(old), derived_order(new)
    by_target: dict = {}
    for c in diff.changes:
        by_target.setdefault(c.target, []).append(c)
    for day in days:
        for completion in _points(both, space, rng):
            eo, _ = oracle(old, day, {}, completion, orders[0])
            en, _ = oracle(new, day, {}, completion, orders[1])
            point = {**completion, AT: day.toordinal()}
            for target in diff.targets:
                a = eo.get(target, ("none", None, ()))
                b = en.get(target, ("none", None, ()))
                hits = [c for c in by_target.get(target, ()) if in_box(space, c.box, point)]
                if _key(a) == _key(b):
                    assert not hits, (target, point, a, hits)
                else:
                    assert len(hits) == 1, (target, point, a, b, hits)
                    assert _change_key(hits[0].old) == _key(a) and _change_key(hits[0].new) == _key(b)


def _witness_point(space, policy_facts, witness, day):
    out = {}
    for name, fact in policy_facts.items():
        if name in witness:
            raw = witness[name]
            t = fact.type
            if t.kind == BOOL:
                out[name] = "true" if raw else "false"
            elif t.kind == ENUM or isinstance(raw, str) and not raw.endswith("%"):
                out[name] = raw
            else:
                out[name] = Fraction(str(raw).rstrip("%"))
        elif space.dims.get(name) is not None and space.dims[name].finite:
            out[name] = space.dims[name].order[0]
        else:
            out[name] = Fraction(0)
    at = dt.date.fromisoformat(witness[AT]) if AT in witness else day
    return out, at


@st.composite
def edited(draw, policy):
    """The policy with one to three random edits: a value changed, a rule dropped, an
    instrument's dates moved, an `overrides` dropped."""
    rules = dict(policy.rules)
    insts = dict(policy.instruments)
    for _ in range(draw(st.integers(1, 3))):
        what = draw(st.sampled_from(["value", "drop", "date", "overrides"]))
        if what == "date" and insts:
            i = draw(st.sampled_from(sorted(insts)))
            shift = dt.timedelta(draw(st.sampled_from([-1, 1, 3])))
            field = draw(st.sampled_from(["first", "last"]))
            insts[i] = attrs.evolve(insts[i], **{field: getattr(insts[i], field) + shift})
            continue
        if not rules:
            continue
        rid = draw(st.sampled_from(sorted(rules)))
        rule = rules[rid]
        if what == "drop":
            del rules[rid]
        elif what == "overrides":
            rules[rid] = attrs.evolve(rule, overrides=frozenset())
        else:
            a = rule.then[0]
            t = policy.output_type(a.target)
            if t.kind == ENUM:
                v = Value(ENUM, draw(st.sampled_from(t.values)))
            else:
                v = Value(t.kind, draw(st.sampled_from([encode_d(x) for x in ("0", "25", "50", "75")])))
            rules[rid] = attrs.evolve(rule, then=(attrs.evolve(a, value=v), *rule.then[1:]))
    return attrs.evolve(policy, rules=rules, instruments=insts)


def encode_d(x):
    from decimal import Decimal
    return Decimal(x)


DAYS = [DAY0 + dt.timedelta(k) for k in range(-1, 33, 7)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_diff_of_an_edited_policy_is_exact(data):
    old = data.draw(policies())
    new = data.draw(edited(old))
    diff = diff_policies(old, new)
    rng = random.Random(len(old.rules))
    _check(old, new, diff, DAYS + [DAY0 + dt.timedelta(k) for k in (0, 20, 30)], rng)
    facts = {**old.facts, **new.facts}
    for c in diff.changes:
        point, day = _witness_point(diff.space, facts, c.witness, DAY0)
        a = oracle(old, day, {}, point, derived_order(old))[0].get(c.target, ("none", None, ()))
        b = oracle(new, day, {}, point, derived_order(new))[0].get(c.target, ("none", None, ()))
        assert _key(a) == _change_key(c.old) and _key(b) == _change_key(c.new), (c, point, day)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_diff_of_two_unrelated_policies_is_exact(data):
    old = data.draw(policies())
    new = data.draw(policies())
    diff = diff_policies(old, new)
    _check(old, new, diff, DAYS, random.Random(len(new.rules)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_diff_of_two_dates_is_exact(data):
    policy = data.draw(policies())
    d1 = DAY0 + dt.timedelta(data.draw(st.integers(-1, 32)))
    d2 = DAY0 + dt.timedelta(data.draw(st.integers(-1, 32)))
    diff = diff_dates(policy, d1, d2)
    space = diff.space
    order = derived_order(policy)
    rng = random.Random(d1.toordinal())
    for completion in _points(policy, space, rng):
        a, _ = oracle(policy, d1, {}, completion, order)
        b, _ = oracle(policy, d2, {}, completion, order)
        for target in diff.targets:
            hits = [c for c in diff.changes if c.target == target and in_box(space, c.box, completion)]
            if _key(a[target]) == _key(b[target]):
                assert not hits, (target, completion)
            else:
                assert len(hits) == 1, (target, completion, a[target], b[target])


def test_a_policy_against_itself_is_equivalent():
    from hypothesis import find
    policy = find(policies(), lambda p: len(p.rules) >= 5)
    assert diff_policies(policy, policy).equivalent
    assert diff_dates(policy, DAY0, DAY0).equivalent


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_diff_of_a_mutant_is_exact(data):
    from ppkm_lang.testing.mutants import mutants
    old = data.draw(policies())
    found = mutants(old, tuple(sorted(old.region_universe or ())))
    if not found:
        return
    for m in data.draw(st.lists(st.sampled_from(found), min_size=1, max_size=3, unique_by=lambda m: m.id)):
        diff = diff_policies(old, m.policy)
        _check(old, m.policy, diff, DAYS + [DAY0 + dt.timedelta(k) for k in (0, 20, 30)], random.Random(3))
