"""The browser evaluator (cek.js, run in Chromium) answers what `Prepared.evaluate` answers:
for every measure and derived fact its status (definite, conditional, undetermined,
conflict), the outcomes its cases can still take, the deciding rules of a definite answer and
whether it is about the question; and the questions it asks are questions the Python answer
asks, each one a fact whose value changes an answer. On random policies with every construct,
and on the policy the site was built from."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

import randpolicy
from cekdriver import ANSWER, exported
from docsite import EXAMPLES, POLICIES, needs_chromium
from ppkm_lang import api
from ppkm_lang.docgen.escape import script_json
from ppkm_lang.docgen.export import export, value_json
from ppkm_lang.eval.inputs import InputError

pytestmark = needs_chromium

CEK_JS = Path(api.__file__).resolve().parent / "docgen" / "assets" / "cek.js"


def _outcome(case) -> str:
    if case.outcome == "value":
        v = value_json(case.value)
        return "value " + v.get("num", v.get("key"))
    return case.outcome


def python_answer(prepared, at: str, facts: dict[str, str]) -> dict:
    a = prepared.evaluate(at, facts)
    targets = {}
    for ta in [*a.facts.values(), *a.measures.values()]:
        targets[ta.name] = {"status": ta.status, "outcomes": sorted({_outcome(c) for c in ta.cases}),
                            "relevant": ta.relevant,
                            "rules": sorted(ta.cases[0].rules) if ta.status == "definite" else None}
    return {"in_force": list(a.in_force), "targets": targets,
            "questions": [q.fact for q in a.questions]}


def js_answer(result: dict) -> dict:
    assert result["errors"] == [], result["errors"]
    targets = {}
    for t in [*result["facts"].values(), *result["measures"].values()]:
        targets[t["name"]] = {"status": t["status"], "outcomes": sorted(set(t["outcomes"])),
                              "relevant": t["relevant"], "rules": sorted(t["rules"]) if t.get("rules") is not None else None}
    return {"in_force": result["in_force"], "targets": targets, "questions": result["questions"]}


def compare(prepared, policy_json, at, facts, result) -> bool:
    """Asserts agreement; False when Python refuses the input (the browser must refuse too)."""
    try:
        expected = python_answer(prepared, at, facts)
    except InputError:
        assert result["errors"], f"{at}, {facts}: Python refuses the input, the browser does not"
        return False
    got = js_answer(result)
    assert got["in_force"] == expected["in_force"], f"{at}, {facts}"
    assert got["targets"] == expected["targets"], f"{at}, {facts}"
    # The browser asks only facts that change an answer; each is one the Python answer asks,
    # and the Python answer asks nothing when the browser has nothing to ask.
    assert set(got["questions"]) <= set(expected["questions"]), f"{at}, {facts}"
    assert bool(got["questions"]) == bool(expected["questions"]) or not _splits(expected, prepared, at, facts), \
        f"{at}, {facts}"
    return True


def _splits(expected, prepared, at, facts) -> bool:
    """Some question of the Python answer really changes an answer (tried on its values)."""
    a = prepared.evaluate(at, facts)
    for q in a.questions:
        for v in q.values[:6]:
            b = prepared.evaluate(at, {**facts, q.fact: v})
            for name in q.affects:
                if b.measures[name].status == "definite":
                    return True
    return False


@pytest.fixture(scope="module")
def engine_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>cek</title>")
    page.add_script_tag(path=str(CEK_JS))
    yield page
    context.close()


def _inputs_only(prepared, facts: dict[str, str]) -> dict[str, str]:
    # Derived facts that rules decide are never asked: the page follows them to their inputs.
    derived = set(prepared._answerer.engine.order)
    return {n: v for n, v in facts.items() if n not in derived}


@pytest.mark.parametrize("seed", range(30))
def test_random_policies_agree(engine_page, seed: int):
    policy = randpolicy.policy(seed)
    prepared = api.Prepared.of(policy)
    cases = [(at, _inputs_only(prepared, facts)) for at, facts in randpolicy.queries(seed, 40)]
    policy_json = json.loads(script_json(export(policy)))
    results = engine_page.evaluate(ANSWER, [policy_json, cases])
    for (at, facts), result in zip(cases, results, strict=True):
        compare(prepared, policy_json, at, facts, result)


def test_random_policies_exercise_the_hard_cases():
    """The generator reaches what the comparison is for: conditional answers, conflicts,
    derived facts decided by rules, definite answers and days with no instrument."""
    seen = {"conditional": 0, "conflict": 0, "derived": 0, "none_in_force": 0, "definite": 0, "question": 0}
    for seed in range(30):
        policy = randpolicy.policy(seed)
        prepared = api.Prepared.of(policy)
        for at, facts in randpolicy.queries(seed, 40):
            try:
                a = prepared.evaluate(at, _inputs_only(prepared, facts))
            except InputError:
                continue
            statuses = {t.status for t in a.measures.values()}
            seen["conditional"] += "conditional" in statuses
            seen["conflict"] += "conflict" in statuses
            seen["definite"] += "definite" in statuses
            seen["none_in_force"] += not a.in_force
            seen["derived"] += any(t.status == "definite" for t in a.facts.values())
            seen["question"] += bool(a.questions)
    assert all(count >= 20 for count in seen.values()), seen


def _facts_values(policy, prepared, regions: list[str]) -> dict[str, list[str]]:
    derived = set(prepared._answerer.engine.order)
    out: dict[str, list[str]] = {}
    for name, fact in policy.facts.items():
        t = fact.type
        if name in derived:
            continue
        if t.kind == "enum":
            out[name] = list(t.values)
        elif t.kind == "bool":
            out[name] = ["true", "false"]
        elif t.kind == "region":
            out[name] = regions
        elif t.kind == "int":
            out[name] = ["0", "1", "2", "3", "5", "6", "100"]
        elif t.kind == "percent":
            out[name] = ["0%", "4.9%", "5%", "5.1%", "15%", "50%"]
        elif t.kind == "time":
            out[name] = ["00:00", "17:00", "21:00", "24:00"]
    return out


@pytest.mark.parametrize("site, paths, count", [("examples_site", [EXAMPLES], 200),
                                                 ("policies_site", [POLICIES], 400)])
def test_the_built_policy_agrees(request, engine_page, site: str, paths, count: int):
    built: Path = request.getfixturevalue(site)
    policy_json = exported(built)
    gazetteer = request.getfixturevalue("gazetteer_path") if site == "policies_site" else False
    prepared = api.prepare(paths, gazetteer=gazetteer)
    policy = prepared.policy
    named = sorted({m.official for rs in policy.regionsets.values() for m in rs.members})
    values = _facts_values(policy, prepared, named + policy_json["regions"][:20])
    days = sorted({d for i in policy_json["instruments"] for p in i["periods"] for d in p}) + ["2021-01-01"]
    r = random.Random(7)
    cases = []
    for _ in range(count):
        # Mostly the interview's order: the place and the activity first, then some others.
        facts = {n: r.choice(v) for n, v in values.items() if r.random() < (.7 if n in policy_json["primary"] else .15)}
        cases.append([r.choice(days), facts])
    results = engine_page.evaluate(ANSWER, [policy_json, cases])
    conditional = definite = 0
    for (at, facts), result in zip(cases, results, strict=True):
        if compare(prepared, policy_json, at, facts, result):
            statuses = {t["status"] for t in result["measures"].values()}
            conditional += "conditional" in statuses
            definite += "definite" in statuses
    assert conditional >= count // 10 and definite >= count // 10, (conditional, definite)


def test_the_data_is_small(policies_site):
    """The page's data, gzipped, within the 500 KB the issue allows (printed for the record)."""
    raw = (policies_site / "cek" / "index.html").read_bytes()
    size = len(gzip.compress(raw, mtime=0))
    policy = json.dumps(exported(policies_site), separators=(",", ":")).encode()
    print(f"\nCek aturan page: {len(raw)} bytes, {size} gzipped; policy data {len(gzip.compress(policy))} gzipped")
    assert size <= 500_000


LANGUAGE_GOOD = Path(__file__).resolve().parents[1] / "language" / "fixtures" / "good"


@pytest.mark.parametrize("name", ["night_restaurant.ppkm", "as_at_level_2.ppkm", "ordered_compare.ppkm"])
def test_windows_applied_rules_and_ordered_enums_agree(engine_page, name: str):
    """Windows past midnight, midnight written both ways, rules made by `apply` and ordered
    comparisons: every combination of the facts (each also left out) answers alike."""
    import itertools
    prepared = api.prepare([LANGUAGE_GOOD / name], gazetteer=False)
    policy = prepared.policy
    values = _facts_values(policy, prepared, [])
    for fact in policy.facts.values():
        if fact.name not in values:
            continue
        if fact.type.kind == "time":
            values[fact.name] += ["00:01", "17:59", "18:00", "23:59"]
        elif fact.type.kind == "int":
            values[fact.name] = ["0", "11", "12", "30"]
    names = sorted(values)
    days = sorted({str(r) for i in policy.instruments.values() for r in (i.first, i.last) if r is not None})
    cases = [[day, {n: v for n, v in zip(names, combo) if v is not None}]
             for day in days for combo in itertools.product(*([None] + values[n] for n in names))]
    policy_json = json.loads(script_json(export(policy)))
    results = engine_page.evaluate(ANSWER, [policy_json, cases])
    for (at, facts), result in zip(cases, results, strict=True):
        compare(prepared, policy_json, at, facts, result)
