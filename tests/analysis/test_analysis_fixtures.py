"""Every policy under tests/analysis/fixtures: good/ ones analyse with no finding; bad/ ones (a
file, or a directory read as one policy) produce exactly the findings written inline where
their primary span starts:

    rule oranye { ... }  # expect: PPK305 oranye {"rumah": 3, "at": "2021-04-06"}

that is, the code, the subject and the witness (as JSON; none written means no witness).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ppkm_lang.analysis import analyse
from ppkm_lang.diagnostics.model import Severity
from ppkm_lang.loader import load

HERE = Path(__file__).parent / "fixtures"
EXPECT = re.compile(r"#\s*expect:\s*(PPK\d{3})(?:\s+([^\s{]+))?(?:\s+(\{.*\}))?\s*$")


def _cases(kind: str) -> list[Path]:
    return sorted(p for p in (HERE / kind).iterdir() if p.suffix == ".ppkm" or p.is_dir())


def _files(path: Path) -> list[Path]:
    return sorted(path.rglob("*.ppkm")) if path.is_dir() else [path]


def _expected(path: Path) -> list[tuple]:
    out = []
    for f in _files(path):
        for number, line in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1):
            m = EXPECT.search(line)
            if m:
                witness = json.loads(m.group(3)) if m.group(3) else None
                out.append((m.group(1), f.name, number, m.group(2), witness))
    return sorted(out, key=repr)


def _analysed(path: Path):
    result = load([path], gazetteer=False)  # the fixtures are written for the names they mention
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert result.policy is not None and not errors, [d.message for d in errors]
    return analyse(result.policy)


def _actual(findings) -> list[tuple]:
    return sorted(((d.code, Path(d.span.file).name, d.span.line, d.subject, d.witness) for d in findings), key=repr)


@pytest.mark.parametrize("path", _cases("good"), ids=lambda p: p.name)
def test_good_fixture_has_no_finding(path):
    assert [f"{d.code} {d.span} {d.message}" for d in _analysed(path)] == []


@pytest.mark.parametrize("path", _cases("bad"), ids=lambda p: p.name)
def test_bad_fixture_has_exactly_its_expected_findings(path):
    expected = _expected(path)
    assert expected, f"{path.name} states no expectation"
    assert _actual(_analysed(path)) == expected


def test_every_analysis_code_has_a_bad_fixture():
    from ppkm_lang.diagnostics.codes import all_codes

    mine = {c.code for c in all_codes() if c.code[3] in "34"}
    covered = {e[0] for p in _cases("bad") for e in _expected(p)}
    assert mine <= covered, sorted(mine - covered)


def test_the_teaching_example_is_clean(repo_root):
    assert [d.message for d in _analysed(repo_root / "examples" / "zonasi_rt.ppkm")] == []
