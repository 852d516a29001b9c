"""The browser evaluator (cek.js, run in Chromium) answers exactly what the Python evaluator
answers: on random policies with every construct, and on the policy the site was built from."""

from __future__ import annotations

from pathlib import Path

import pytest

import randpolicy
from cekdriver import RUN, exported
from docsite import EXAMPLES, POLICIES, needs_chromium
from ppkm_lang import api
from ppkm_lang.docgen.export import export, value_json
from ppkm_lang.eval.engine import Evaluator
from ppkm_lang.eval.inputs import InputError

pytestmark = needs_chromium

CEK_JS = Path(api.__file__).resolve().parent / "docgen" / "assets" / "cek.js"

def python_answer(policy, at: str, facts: dict[str, str]) -> dict:
    # cek.js implements the compiled evaluator's full evaluation (three-valued conditions).
    d = Evaluator(policy).decide(at, facts)
    return {
        "in_force": list(d.in_force),
        "measures": {n: [value_json(m.value)["text"], m.rule] for n, m in d.measures.items()},
        "undetermined": sorted(u.name for u in d.undetermined),
        "conflicts": sorted([c.name, c.kind, sorted(k.rule for k in c.candidates)] for c in d.conflicts),
        "derived": {n: (value_json(f.value)["text"] if f.value is not None else None)
                    for n, f in d.facts.items() if not f.given},
    }


def js_answer(result: dict) -> dict:
    assert result["errors"] == []
    return {
        "in_force": result["in_force"],
        "measures": {n: [m["value"], m["rule"]] for n, m in result["measures"].items()},
        "undetermined": sorted(result["undetermined"]),
        "conflicts": sorted([c["name"], c["kind"], sorted(k["rule"] for k in c["candidates"])]
                            for c in result["conflicts"]),
        "derived": {n: f["value"] for n, f in result["facts"].items() if not f["given"]},
    }


@pytest.fixture(scope="module")
def engine_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>cek</title>")
    page.add_script_tag(path=str(CEK_JS))
    yield page
    context.close()


@pytest.mark.parametrize("seed", range(40))
def test_random_policies_agree(engine_page, seed: int):
    policy = randpolicy.policy(seed)
    cases = randpolicy.queries(seed, 60)
    results = engine_page.evaluate(RUN, [export(policy), cases])
    for (at, facts), result in zip(cases, results, strict=True):
        expected = python_answer(policy, at, facts)
        assert js_answer(result) == expected, f"seed {seed}, {at}, {facts}"


def test_random_policies_exercise_the_hard_cases():
    """The generator reaches what the comparison is for: conflicts, overrides that decide,
    derived facts decided by rules, undetermined facts and days with no instrument."""
    seen = {"conflict": 0, "override": 0, "derived": 0, "none_in_force": 0, "measure": 0}
    for seed in range(40):
        policy = randpolicy.policy(seed)
        for at, facts in randpolicy.queries(seed, 60):
            d = Evaluator(policy).decide(at, facts)
            seen["conflict"] += bool(d.conflicts)
            seen["measure"] += bool(d.measures)
            seen["none_in_force"] += not d.in_force
            seen["derived"] += any(not f.given and f.value is not None for f in d.facts.values())
            seen["override"] += any(policy.rules[m.rule].overrides for m in d.measures.values())
    assert all(count >= 20 for count in seen.values()), seen


def _facts_values(policy, regions: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, fact in policy.facts.items():
        t = fact.type
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


@pytest.mark.parametrize("site, paths, count", [("examples_site", [EXAMPLES], 300),
                                                 ("policies_site", [POLICIES], 800)])
def test_the_built_policy_agrees(request, engine_page, site: str, paths, count: int):
    import random
    built: Path = request.getfixturevalue(site)
    policy_json = exported(built)
    gazetteer = request.getfixturevalue("gazetteer_path") if site == "policies_site" else _gazetteer()
    policy = api.load(paths, gazetteer=gazetteer).policy
    named = sorted({m.official for rs in policy.regionsets.values() for m in rs.members})
    values = _facts_values(policy, named + policy_json["regions"][:20])
    days = sorted({d for i in policy_json["instruments"] for p in i["periods"] for d in p})
    r = random.Random(7)
    cases = []
    for _ in range(count):
        facts = {n: r.choice(v) for n, v in values.items() if r.random() < .3}
        cases.append([r.choice(days), facts])
    results = engine_page.evaluate(RUN, [policy_json, cases])
    decided = 0
    for (at, facts), result in zip(cases, results, strict=True):
        try:
            expected = python_answer(policy, at, facts)
        except InputError:
            continue
        assert js_answer(result) == expected, f"{at}, {facts}"
        decided += bool(expected["measures"])
    assert decided >= count // 10


def _gazetteer():
    return False  # the examples site is built without a gazetteer (see docsite.build)


LANGUAGE_GOOD = Path(__file__).resolve().parents[1] / "language" / "fixtures" / "good"


@pytest.mark.parametrize("name", ["night_restaurant.ppkm", "as_at_level_2.ppkm", "ordered_compare.ppkm"])
def test_windows_applied_rules_and_ordered_enums_agree(engine_page, name: str):
    """Windows past midnight, midnight written both ways, rules made by `apply` and ordered
    comparisons: every combination of the facts (each also left out) answers alike."""
    import itertools
    policy = api.load([LANGUAGE_GOOD / name], gazetteer=False).policy
    values = _facts_values(policy, [])
    for fact in policy.facts.values():
        if fact.type.kind == "time":
            values[fact.name] += ["00:01", "17:59", "18:00", "23:59"]
        elif fact.type.kind == "int":
            values[fact.name] = ["0", "11", "12", "30"]
    names = sorted(values)
    days = sorted({str(r) for i in policy.instruments.values() for r in (i.first, i.last) if r is not None})
    cases = [[day, {n: v for n, v in zip(names, combo) if v is not None}]
             for day in days for combo in itertools.product(*([None] + values[n] for n in names))]
    results = engine_page.evaluate(RUN, [export(policy), cases])
    for (at, facts), result in zip(cases, results, strict=True):
        assert js_answer(result) == python_answer(policy, at, facts), f"{name}, {at}, {facts}"
