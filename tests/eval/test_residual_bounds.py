"""A question whose open provisions would split into exponentially many cases is refused with
PPK607, promptly, instead of running without end; given enough facts it is answered."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ppkm_lang import api
from ppkm_lang.eval.inputs import InputError
from ppkm_lang.eval.residual import BOX_LIMIT

K = 14  # 2^14 boxes, four times the limit


def _product_policy(tmp_path: Path, k: int = K) -> Path:
    facts = "\n".join(f"fact a{i}: bool\nfact b{i}: bool" for i in range(k))
    cond = " and ".join(f"(a{i} or b{i})" for i in range(k))
    path = tmp_path / "product.ppkm"
    path.write_text(f"{facts}\nmeasure boleh: bool\nrule r {{\n  when {cond}\n  then boleh = true\n}}\n",
                    encoding="utf-8")
    return path


def test_the_limit_is_below_the_product():
    assert 2 ** K > BOX_LIMIT


def test_a_product_of_alternatives_is_refused_with_a_code(tmp_path):
    prepared = api.prepare(_product_policy(tmp_path), gazetteer=False)
    with pytest.raises(InputError) as err:
        prepared.evaluate("2021-07-02", {"a0": True})
    assert err.value.code == "PPK607"
    assert "`boleh`" in err.value.message and "`r`" in err.value.message
    # The facts to give are named in their natural order.
    assert err.value.help.startswith("give more of the facts it tests: `a1`, `a2`, `a3`")


def test_with_enough_facts_given_the_answer_is_worked_out(tmp_path):
    prepared = api.prepare(_product_policy(tmp_path), gazetteer=False)
    given = {f"a{i}": True for i in range(K - 2)}
    answer = prepared.evaluate("2021-07-02", given)
    target = answer.target("boleh")
    assert target.status == "conditional"
    assert set(target.needs) == {"a12", "b12", "a13", "b13"}
    full = prepared.evaluate("2021-07-02", {**given, "a12": True, "a13": False, "b13": False})
    assert full.target("boleh").status == "undetermined"


def test_the_command_line_refuses_it_with_exit_2(tmp_path):
    path = _product_policy(tmp_path)
    # A generous timeout guards against a hang; it is not a timing target.
    done = subprocess.run([sys.executable, "-m", "ppkm_lang", "--no-gazetteer", "eval", str(path),
                           "--at", "2021-07-02", "--set", "a0=true"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "PPK607" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("verb", ["docs", "diff", "compile"])
def test_verbs_over_every_input_refuse_it_with_the_code_not_an_internal_error(tmp_path, verb):
    path = _product_policy(tmp_path)
    other = tmp_path / "other.ppkm"
    other.write_text(path.read_text(encoding="utf-8").replace("boleh = true", "boleh = false"), encoding="utf-8")
    args = {"docs": ["docs", str(path), "--out", str(tmp_path / "site")],
            "diff": ["diff", str(path), str(other)],
            "compile": ["compile", str(path), "--to", "sql"]}[verb]
    done = subprocess.run([sys.executable, "-m", "ppkm_lang", "--no-gazetteer", *args],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "PPK607" in done.stderr and "internal error" not in done.stderr
    assert not (tmp_path / "site").exists()
