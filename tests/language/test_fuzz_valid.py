"""Fuzzing with *valid* policies (tests/language/policy_text_gen.py), so that the analysis,
the evaluator and the formatter are exercised, not only the parser: no input gives an
internal error; a generated policy loads without a syntax or type error; `check` is
deterministic and gives the same findings before and after `fmt`; `fmt` is idempotent and
never refuses (PPK105). Then the shapes of the adversarial round of issue 15 as fixed seeds,
and mutations of valid policies as broken input.

PPKM_FUZZ_EXAMPLES scales the number of examples (as in test_robustness.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from policy_text_gen import policies, queries
from ppkm_lang import api
from ppkm_lang.checker import check
from ppkm_lang.diagnostics.codes import (BIDI_CONTROL, FORMAT_REFUSED, INVALID_LITERAL, SYNTAX_ERROR,
                                         TOO_DEEPLY_NESTED, lookup)
from ppkm_lang.diagnostics.model import Severity
from ppkm_lang.fmt import format_source, format_text
from ppkm_lang.source import SourceFile

SCALE = int(os.environ.get("PPKM_FUZZ_EXAMPLES", "1000")) / 1000


def _fuzz(n: int):
    return settings(max_examples=max(1, int(n * SCALE)), deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _findings(folder: Path) -> list[tuple[str, str, str]]:
    result = check([folder])
    for d in result.diagnostics:
        lookup(d.code)
        assert d.span.line >= 1 and d.span.column >= 1
    return [(str(d.code), d.subject or "", d.message) for d in result.diagnostics]


def _load_errors(found) -> list:
    # The generator's promise: no syntax, name or type error (PPK1xx, PPK2xx).
    return [f for f in found if f[0][3] in "12" and lookup(f[0]).severity is Severity.ERROR]


@_fuzz(1000)
@given(files=policies())
def test_valid_policies_check_format_and_check_the_same(tmp_path_factory, files):
    folder = _write(tmp_path_factory.mktemp("v"), files)
    found = _findings(folder)
    assert _load_errors(found) == [], files
    assert _findings(folder) == found  # deterministic
    formatted = {}
    for name, text in files.items():
        result = format_source(SourceFile(name, text))
        assert result.diagnostics == (), (name, text)
        assert format_text(result.text) == result.text  # idempotent
        formatted[name] = result.text
    again = _findings(_write(tmp_path_factory.mktemp("f"), formatted))
    assert sorted(again) == sorted(found)


@_fuzz(500)
@given(files=policies(), data=st.data())
def test_valid_policies_evaluate_and_explain_without_an_internal_error(tmp_path_factory, files, data):
    prepared = api.prepare(_write(tmp_path_factory.mktemp("e"), files))
    assert prepared.ok, [d.message for d in prepared.diagnostics if d.severity is Severity.ERROR]
    for _ in range(3):
        at, given = data.draw(queries(files))
        answer = prepared.evaluate(at, given)
        assert answer.at == at
        for name in answer.measures:
            assert answer.status(name) is not None
        prepared.explain(at, given)


@_fuzz(300)
@given(files=policies(edges=True), data=st.data())
def test_the_edges_of_the_calendar_check_and_evaluate(tmp_path_factory, files, data):
    # `in_force 0001-01-01 to 0001-01-02`, revocations from the first day, conditions on
    # 9999-12-31: once `OverflowError` and `ordinal must be >= 1` from check and eval.
    folder = _write(tmp_path_factory.mktemp("d"), files)
    assert _load_errors(_findings(folder)) == []
    prepared = api.prepare(folder)
    at, given = data.draw(queries(files, edges=True))
    prepared.evaluate(at, given)


MUTATIONS = ["delete", "duplicate", "truncate", "swap"]


@_fuzz(1000)
@given(files=policies(), data=st.data())
def test_mutated_valid_policies_give_diagnostics_not_tracebacks(tmp_path_factory, files, data):
    name = data.draw(st.sampled_from(sorted(files)))
    text = files[name]
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, min(len(text), i + 60)))
    op = data.draw(st.sampled_from(MUTATIONS))
    mutated = {"delete": text[:i] + text[j:], "duplicate": text[:j] + text[i:j] + text[j:],
               "truncate": text[:i], "swap": text[j:] + text[:j]}[op]
    folder = _write(tmp_path_factory.mktemp("m"), {**files, name: mutated})
    _findings(folder)
    format_source(SourceFile(name, mutated))  # never raises


# ---------------------------------------------------------------- the adversarial shapes as seeds

VOCAB = "fact b: bool\nfact d: date\nfact p: percent\nmeasure m: bool\n"


def _product(k: int) -> str:
    facts = "".join(f"fact a{i}: bool\nfact b{i}: bool\n" for i in range(k))
    when = " and ".join(f"(a{i} or b{i})" for i in range(k))
    return (f'instrument i "I" {{ in_force 2021-07-01 to 2021-07-31 structure {{ KESATU }} }}\n{facts}'
            f'measure m: bool\nrule r {{ when {when} then m = true cite i KESATU "x" }}\n'
            f'rule s {{ when a0 then m = false cite i KESATU "y" }}\n')


SEEDS = {
    "glued keyword": (VOCAB + "rule r { whenb then m = true }\n", SYNTAX_ERROR),
    "glued date": ('instrument i "x" { in_force 2021-07-03 to2021-07-10 }\n', SYNTAX_ERROR),
    "brackets in a string": (VOCAB + f'rule r "{"(" * 65}" {{ when b then m = true }}\n', None),
    "brackets in a comment": (VOCAB + f'# {"[" * 65}\nrule r {{ when b then m = true }}\n', None),
    "brackets in code": (VOCAB + f'rule r {{ when {"(" * 65}b{")" * 65} then m = true }}\n', TOO_DEEPLY_NESTED),
    "bidi in a string": (VOCAB + 'rule r "a\u202eb" { when b then m = true }\n', BIDI_CONTROL),
    "bidi in a comment": (VOCAB + "# \u2066hidden\u2069\n", BIDI_CONTROL),
    "arabic-indic digit": (VOCAB + "rule r { when p < \u0663% then m = true }\n", SYNTAX_ERROR),
    "full-width digit": (VOCAB + "rule r { when p < \uff15% then m = true }\n", SYNTAX_ERROR),
    "a day that does not exist": (VOCAB + "rule r { when d == 2021-02-30 then m = true }\n", INVALID_LITERAL),
    "empty date range and a conflict": (
        'instrument i "I" { in_force 2021-07-01 to 2021-07-31 structure { KESATU } }\n' + VOCAB
        + 'rule a { when not (d in [2021-07-05, 2021-07-05)) then m = true cite i KESATU "x" }\n'
        + 'rule c { when b then m = false cite i KESATU "y" }\n', None),
    "the first days of the calendar, revoked": (
        'instrument i "I" { in_force 0001-01-01 to 0001-01-02 structure { KESATU } }\n'
        'instrument j "J" { in_force 0001-01-01 to 0001-01-01 revokes i external }\n' + VOCAB
        + 'rule a { when d >= 9999-12-31 then m = true cite i KESATU "x" }\n', None),
    "a product of disjunctions": (_product(8), None),
    "a string of quotes and backslashes": (VOCAB + 'rule r "\\"\\\\\\"" { when b then m = true }\n', None),
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_adversarial_seed(tmp_path, name):
    text, expected = SEEDS[name]
    found = _findings(_write(tmp_path, {"seed.ppkm": text}))
    if expected is not None:
        assert expected in [c for c, _, _ in found], found
    assert FORMAT_REFUSED not in [str(d.code) for d in format_source(SourceFile("seed.ppkm", text)).diagnostics]
