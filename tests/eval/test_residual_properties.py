"""The residual engine against brute force: for random policies (derived facts, overrides with
cycles, instruments with revocations) and random partial facts, every completion of the
unknown facts, enumerated on small domains, falls in exactly one case of each target, and that
case's outcome is what a plain two-valued evaluation of the completion gives. A definite answer
is therefore the same for every completion.

The oracle is written from the language reference alone: the rules of the instruments in force;
derived facts in dependency order, each given, or decided by its applicable rules, or, where no
rule decides it (none applies, or the winners disagree), *free*: it then takes the completion's
own value for it, as a question could give it; the winners among the applicable rules are those
no other applicable rule overrides (transitively) unless it overrides that one back.
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

from gen_eval import policies, queries
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppkm_lang.analysis.space import iv_contains_point
from ppkm_lang.api import Prepared
from ppkm_lang.eval.inputs import InputError, encode
from ppkm_lang.ir.model import And, Const, InSet, Interval, Not, Or, Policy, each_test
from ppkm_lang.ir.model import Test as CondTest  # not a pytest test class

MAX_COMPLETIONS = 300


def reaches(policy: Policy, src: str, dst: str) -> bool:
    seen, todo = set(), [src]
    while todo:
        for nxt in policy.rules[todo.pop()].overrides:
            if nxt == dst:
                return True
            if nxt not in seen and nxt in policy.rules:
                seen.add(nxt)
                todo.append(nxt)
    return False


def holds(cond, point: dict, policy: Policy) -> bool:
    if isinstance(cond, Const):
        return cond.value
    if isinstance(cond, CondTest):
        x = point[cond.fact]
        c = cond.constraint
        if isinstance(c, InSet):
            return x in c.values
        if isinstance(x, str):
            return False
        lo_ok = c.lo is None or x > c.lo or (c.lo_closed and x == c.lo)
        hi_ok = c.hi is None or x < c.hi or (c.hi_closed and x == c.hi)
        return lo_ok and hi_ok
    if isinstance(cond, And):
        return all(holds(c, point, policy) for c in cond.items)
    if isinstance(cond, Or):
        return any(holds(c, point, policy) for c in cond.items)
    if isinstance(cond, Not):
        return not holds(cond.item, point, policy)
    raise TypeError(cond)


def outcome(policy: Policy, rules, target: str, point: dict):
    applying = [r for r in rules if any(a.target == target for a in r.then) and holds(r.when, point, policy)]
    winners = [r for r in applying
               if not any(o is not r and reaches(policy, o.id, r.id) and not reaches(policy, r.id, o.id)
                          for o in applying)]
    if not winners:
        return ("none", None, ())
    values = [next(a.value for a in r.then if a.target == target) for r in winners]
    if all(v == values[0] for v in values):
        return ("value", values[0], tuple(sorted(r.id for r in winners)))
    return ("conflict", None, tuple(sorted(r.id for r in winners)))


def oracle(policy: Policy, at, given: dict, completion: dict, order: list[str]) -> tuple[dict, dict]:
    """The outcome of every target, and the point (every fact's value) it was computed at."""
    live = set(policy.in_force(at))
    rules = [r for r in policy.rules.values() if r.instrument is None or r.instrument in live]
    point = {**completion, **given}
    out = {}
    for d in order:
        if d in given:
            continue
        got = out[d] = outcome(policy, rules, d, point)
        if got[0] == "value":
            point[d] = encode(got[1])
    for m in policy.measures:
        out[m] = outcome(policy, rules, m, point)
    return out, point


def domain(policy: Policy, name: str, space) -> list:
    """Representative values: every bound a condition uses, with its neighbours; every kab/kota
    the policy can tell apart (the gazetteer's, or those it names and one other)."""
    t = policy.facts[name].type
    if t.kind == "enum":
        return list(t.values)
    if t.kind == "bool":
        return ["true", "false"]
    if t.kind == "region":
        return sorted(space.dims[name].full) if name in space.dims else ["KOTA A"]
    points = {t.lo, t.hi}
    for r in policy.rules.values():
        for c in each_test(r.when):
            if c.fact == name and isinstance(c.constraint, Interval):
                points |= {c.constraint.lo, c.constraint.hi}
    import math
    step = Fraction(1) if t.kind == "int" else Fraction(1, 2)
    out = set()
    for p in points - {None}:
        near = {p - step, p, p + step}
        if t.kind == "int":  # whole numbers only: the ones on each side of a bound
            near = {Fraction(f(x)) for x in near for f in (math.floor, math.ceil)}
        out |= near
    return sorted(x for x in out if t.lo <= x <= t.hi)



def in_box(space, box: dict, point: dict) -> bool:
    for d, s in box.items():
        x = point[d]
        if space.dims[d].finite:
            if x not in s:
                return False
        elif not iv_contains_point(s, Fraction(x)):
            return False
    return True


def completions(policy: Policy, unknown: list[str], rng: random.Random, space):
    domains = [domain(policy, f, space) for f in unknown]
    total = 1
    for d in domains:
        total *= len(d)
    if total <= MAX_COMPLETIONS:
        yield from (dict(zip(unknown, combo)) for combo in itertools.product(*domains))
        return
    for _ in range(MAX_COMPLETIONS):
        yield {f: rng.choice(d) for f, d in zip(unknown, domains)}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_completion_falls_in_one_case_with_the_oracles_outcome(data):
    policy = data.draw(policies())
    prepared = Prepared.of(policy)
    order = prepared._answerer.engine.order
    space = prepared._answerer.space
    for _ in range(4):
        at, raw, typed = data.draw(queries(policy))
        try:
            residuals = prepared.residuals(at, raw)
        except InputError:
            continue
        given = {n: encode(v) for n, v in typed.items()}
        unknown = [f for f in policy.facts if f not in given]
        rng = random.Random(repr(sorted(raw.items(), key=str)))
        for completion in completions(policy, unknown, rng, space):
            expected, point = oracle(policy, at, given, completion, order)
            for target, res in residuals.items():
                hits = [o for box, o in res.cases if in_box(space, box, point)]
                assert len(hits) == 1, (target, completion, res.cases)
                got = hits[0]
                want = expected[target]
                assert got.kind == want[0], (target, completion, got, want)
                if got.kind == "value":
                    assert got.value == want[1] and tuple(sorted(got.rules)) == want[2], (target, got, want)
                if got.kind == "conflict":
                    assert tuple(sorted(got.rules)) == want[2]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_answers_and_explanations_tell_the_residuals_story(data):
    """Definite means one value in every case; the explanation names the same deciding rules."""
    policy = data.draw(policies())
    prepared = Prepared.of(policy)
    at, raw, typed = data.draw(queries(policy))
    try:
        answer = prepared.evaluate(at, raw)
    except InputError:
        return
    explanation = prepared.explain(at, raw)
    for name, t in answer.measures.items():
        values = {c.value for c in t.cases}
        kinds = {c.outcome for c in t.cases}
        if t.status == "definite":
            assert kinds == {"value"} and len(values) == 1
        elif t.status == "undetermined":
            assert kinds == {"none"}
        e = explanation.target(name)
        assert e.status == t.status
        if t.status == "definite":
            assert {n.rule for n in e.deciding} == set(t.rules)
