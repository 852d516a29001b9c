"""Differential test: the compiled evaluator agrees with the reference interpreter
(reference_interp.py, which walks the IR directly) on random facts, for random small policies
and for the repository's policies."""

import datetime as dt
import random

import pytest
from gen_eval import policies, queries
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference_interp import evaluate as reference
from reference_interp import from_decision

from ppkm_lang import api
from ppkm_lang.eval.engine import Evaluator


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_compiled_matches_reference_on_random_policies(data):
    policy = data.draw(policies())
    with_memo, without_memo = Evaluator(policy), Evaluator(policy, memo=False)
    for _ in range(6):
        at, raw, typed = data.draw(queries(policy))
        expected = reference(policy, at, typed)
        assert from_decision(without_memo.decide(at, raw)) == expected
        assert from_decision(with_memo.decide(at, raw)) == expected


def _policy_dirs(repo_root):
    return [p for p in (repo_root / "policies", repo_root / "examples") if p.is_dir() and any(p.rglob("*.ppkm"))]


def _random_value(rng: random.Random, fact, ev: Evaluator, points: dict):
    t = fact.type
    if t.kind == "enum":
        return rng.choice(t.values)
    if t.kind == "bool":
        return rng.choice(["true", "false"])
    if t.kind == "region":
        return rng.choice(sorted(ev.parser.regions))
    base = rng.choice(points.get(fact.name) or [t.lo or 0])
    if t.kind == "time":
        minutes = max(0, min(1440, int(base) + rng.choice([-1, 0, 1])))
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if t.kind == "date":
        return (dt.date.fromordinal(int(base)) + dt.timedelta(rng.choice([-1, 0, 1]))).isoformat()
    x = base + rng.choice([0, 1, -1]) * (1 if t.kind == "int" else 0.5)
    lo, hi = t.lo if t.lo is not None else x, t.hi if t.hi is not None else x
    x = min(max(x, lo), hi)
    return str(int(x)) if t.kind == "int" else str(float(x))


def test_compiled_matches_reference_on_repository_policies(repo_root, gazetteer_path):
    dirs = _policy_dirs(repo_root)
    if not dirs:
        pytest.skip("no policies in the repository yet")
    from ppkm_lang.eval.compile import collect_constraints
    for folder in dirs:
        loaded = api.load(folder, gazetteer=gazetteer_path)
        assert loaded.policy is not None
        policy = loaded.policy
        ev = Evaluator(policy)
        constraints: dict = {}
        for r in policy.rules.values():
            collect_constraints(r.when, constraints)
        points = {f: [b for c in cs if hasattr(c, "lo") for b in (c.lo, c.hi) if b is not None]
                  for f, cs in constraints.items()}
        days = [d for i in policy.instruments.values() if i.first for d in (i.first, i.last)] or [dt.date(2021, 7, 22)]
        rng = random.Random(20210722)
        for _ in range(400):
            at = rng.choice(days) + dt.timedelta(rng.randint(-2, 2))
            facts = {n: _random_value(rng, f, ev, points) for n, f in policy.facts.items()
                     if rng.random() < 0.8 and not (f.derived and rng.random() < 0.7)}
            decision = ev.decide(at, facts)
            typed = {n: r.value for n, r in decision.facts.items() if r.given}
            assert from_decision(decision) == reference(policy, at, typed), (at, facts)
