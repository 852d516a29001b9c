"""Mutation testing on a fixture whose survivors and equivalent mutants are known by reading
it: a redundant rule (every mutant of its condition, and leaving it out, changes no answer),
boundaries no example pins, an instrument whose first and last days no example names."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from ppkm_lang import api
from ppkm_lang.cli.main import main
from ppkm_lang.ir.model import PERCENT, Type, Value
from ppkm_lang.testing.mutants import other_value, step_of
from ppkm_lang.testing.mutate import EQUIVALENT, KILLED, SURVIVED, mutation_test

FIX = Path(__file__).resolve().parent / "fixtures"
SOURCE = FIX / "redundant.ppkm"

EXPECTED = {
    "rule `umum`: `rumah > 3` -> `rumah > 2`": SURVIVED,  # 3 houses: no example
    "rule `umum`: `rumah > 3` -> `rumah > 4`": KILLED,  # e_empat
    "rule `umum`: `rumah > 3` -> `rumah >= 3`": SURVIVED,
    "rule `umum`: `batas = 3` -> `batas = 4`": KILLED,
    "rule `umum` left out": KILLED,
    "rule `ketat`: `rumah > 5` -> `rumah > 4`": EQUIVALENT,  # `umum` gives the same value
    "rule `ketat`: `rumah > 5` -> `rumah > 6`": EQUIVALENT,
    "rule `ketat`: `rumah > 5` -> `rumah >= 5`": EQUIVALENT,
    "rule `ketat`: `batas = 3` -> `batas = 4`": SURVIVED,  # a conflict above 5 houses, untested
    "rule `ketat` left out": EQUIVALENT,
    "rule `jam_malam`: `rumah >= 10` -> `rumah >= 9`": SURVIVED,
    "rule `jam_malam`: `rumah >= 10` -> `rumah >= 11`": SURVIVED,  # e_dua_belas is above both
    "rule `jam_malam`: `rumah >= 10` -> `rumah > 10`": SURVIVED,
    "rule `jam_malam`: `jam = 20:00` -> `jam = 21:00`": KILLED,
    "rule `jam_malam` left out": KILLED,
    "instrument `contoh_2021`: in force from 2021-04-06 -> 2021-04-05": SURVIVED,
    "instrument `contoh_2021`: in force from 2021-04-06 -> 2021-04-07": SURVIVED,
    "instrument `contoh_2021`: in force until 2021-04-19 -> 2021-04-18": SURVIVED,
    "instrument `contoh_2021`: in force until 2021-04-19 -> 2021-04-20": SURVIVED,
}


def _report(path: Path):
    prepared = api.prepare(path, gazetteer=False)
    assert prepared.ok, prepared.diagnostics
    return prepared, mutation_test(prepared.policy)


def test_known_survivors_kills_and_equivalent_mutants():
    _, report = _report(SOURCE)
    assert {r.change: r.status for r in report.results} == EXPECTED
    assert (report.count(KILLED), report.count(SURVIVED), report.count(EQUIVALENT)) == (5, 10, 4)
    assert report.score == pytest.approx(100 * 5 / 15)
    m1 = report.results[0]
    assert m1.location.line == 17 and m1.difference.startswith("`batas`: no rule decides it -> 3 where `rumah` == 3")
    killed = {r.change: r.killed_by for r in report.results if r.status == KILLED}
    assert killed["rule `umum`: `rumah > 3` -> `rumah > 4`"] == "e_empat"


def test_every_suggested_example_holds_on_the_original_and_kills_its_mutant(tmp_path):
    _, report = _report(SOURCE)
    for r in report.survivors():
        path = tmp_path / f"{r.id}.ppkm"
        path.write_text(SOURCE.read_text(encoding="utf-8") + "\n" + r.suggestion + "\n", encoding="utf-8")
        prepared, again = _report(path)
        assert prepared.examples().ok, (r.suggestion, prepared.examples().results)
        status = {x.id: x for x in again.results}[r.id]
        assert status.change == r.change and status.status == KILLED, r.suggestion
        assert status.killed_by.startswith("contoh_")


def test_cli_text_json_and_min_score(capsys):
    code = main(["--no-color", "test", str(SOURCE), "--mutate"])
    out = capsys.readouterr().out
    assert code == 0 and "SURVIVED m1" in out and "example contoh_umum_m1 {" in out
    assert "19 mutants: 5 killed, 10 survived, 4 equivalent" in out and "mutation score 33.3%" in out
    code = main(["--no-color", "test", str(SOURCE), "--mutate", "--format", "json", "--min-score", "30"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and doc["version"] == 1 and doc["score"] == 33.33 and doc["equivalent"] == 4
    assert doc["examples"] == {"total": 3, "passed": 3, "failed": 0}
    survivor = next(r for r in doc["results"] if r["status"] == SURVIVED)
    assert survivor["example"].startswith("example ") and survivor["location"]["line"] == 17
    code = main(["--no-color", "test", str(SOURCE), "--mutate", "--min-score", "50"])
    assert code == 1 and "below --min-score 50%" in capsys.readouterr().err
    assert main(["--no-color", "test", str(SOURCE), "--min-score", "50"]) == 2
    assert main(["--no-color", "test", str(SOURCE), "--mutate", "--min-score", "150"]) == 2


def test_smallest_steps_and_changed_values():
    assert step_of(PERCENT, Fraction(53, 10)) == Fraction(1, 10)
    assert step_of(PERCENT, Fraction(5)) == 1
    pct = Type(PERCENT, lo=Fraction(0), hi=Fraction(100))
    from decimal import Decimal
    assert other_value(pct, Value(PERCENT, Decimal("100"))) == Value(PERCENT, Decimal("99"))
    assert other_value(pct, Value(PERCENT, Decimal("2.5"))) == Value(PERCENT, Decimal("2.6"))


def test_the_fast_example_check_agrees_with_the_test_runner():
    """A mutant is judged by running its examples through the residual engine directly; that
    must agree with `ppkm test` (the runner and its answers) example by example."""
    import random

    from ppkm_lang.api import Prepared
    from ppkm_lang.eval.residual import ResidualEngine
    from ppkm_lang.testing.mutate import MutationRun
    from ppkm_lang.testing.mutants import mutants
    from ppkm_lang.testing.runner import PASS, run_example

    prepared = api.prepare(FIX.parents[2] / "policies")
    run = MutationRun(prepared.policy)
    chosen = random.Random(13).sample(mutants(prepared.policy, run.regions()), 25)
    disagreements, failing = [], 0
    for m in chosen:
        engine = ResidualEngine(m.policy, space=run.space)
        answer = Prepared.of(m.policy).evaluate
        for item in list(run._candidates(m))[:20]:
            fast = run.examples.passes(engine, m.policy, item)
            slow = run_example(answer, item[0]).status == PASS
            failing += not slow
            if fast != slow:
                disagreements.append((m.change, item[0].name, fast, slow))
    assert not disagreements
    assert failing >= 5  # the sample holds mutants that examples kill
