"""Every diagnostic code is documented once, in the registry (summary, why, example, fix), and
has a fixture or test that produces it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ppkm_lang.diagnostics.codes import all_codes

TESTS = Path(__file__).resolve().parents[1]


def _mentioned_codes() -> set[str]:
    found: set[str] = set()
    for path in TESTS.rglob("*"):
        if path.is_file() and path.suffix in (".py", ".ppkm", ".json", ".csv"):
            found.update(re.findall(r"PPK\d{3}", path.read_text(encoding="utf-8", errors="replace")))
    return found


CODES = all_codes()


def test_codes_are_unique_and_well_formed():
    assert len({c.code for c in CODES}) == len(CODES)
    assert len({c.name for c in CODES}) == len(CODES)
    for c in CODES:
        assert re.fullmatch(r"PPK[1-7]\d{2}", c.code), c.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", c.name), c.name


@pytest.mark.parametrize("code", CODES, ids=lambda c: c.code)
def test_code_is_documented(code):
    for field in ("summary", "why", "example", "fix"):
        assert getattr(code, field).strip(), f"{code.code} lacks `{field}`"
    assert code.summary.rstrip().endswith("."), "the summary is one sentence"


# Codes about policy text are proven by fixtures whose `# expect:` lines the fixture tests
# check; these few are about input or tooling and are proven by the tests named here.
PROVEN_BY_TESTS = {"PPK102": "tests/language/test_unreadable.py",
                   "PPK110": "tests/language/test_boundaries.py",
                   "PPK111": "tests/docs/test_docs_cli.py",
                   "PPK112": "tests/cli/test_outputs.py",
                   "PPK105": "tests/fmt/test_fmt.py"}


def _expected_in_fixtures() -> set[str]:
    found: set[str] = set()
    for path in TESTS.rglob("*.ppkm"):
        found.update(re.findall(r"expect:\s*(PPK\d{3})", path.read_text(encoding="utf-8", errors="replace")))
    return found


@pytest.mark.parametrize("code", CODES, ids=lambda c: c.code)
def test_code_has_a_fixture_or_test(code):
    if code.code.startswith(("PPK6", "PPK7")):  # evaluation input and ppkm.toml, not policies
        assert code.code in _mentioned_codes(), f"no test under tests/ produces {code.code}"
    elif code.code in PROVEN_BY_TESTS:
        test_file = TESTS.parent / PROVEN_BY_TESTS[code.code]
        assert code.code in test_file.read_text(encoding="utf-8")
    else:
        assert code.code in _expected_in_fixtures(), f"no fixture expects {code.code} (`# expect: {code.code} L:C`)"


PACKAGE = TESTS.parent / "ppkm_lang"


def _bare_code_strings(path: Path) -> list[int]:
    """Lines where a string literal is exactly a code text (`"PPK301"`) outside the codes'
    own definitions: findings must be made with the code constants."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and re.fullmatch(r"PPK\d{3}", node.value)]


def test_findings_use_code_constants():
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "diagnostics" and path.name.startswith("codes_"):
            continue
        lines = _bare_code_strings(path)
        if lines:
            offenders[str(path.relative_to(PACKAGE))] = lines
    assert not offenders, f"bare code strings (use the constants of ppkm_lang.diagnostics.codes): {offenders}"


def test_codes_carry_severity_and_input_flag():
    from ppkm_lang.diagnostics import codes
    from ppkm_lang.diagnostics.model import Diagnostic, Severity
    from ppkm_lang.source import Span

    assert codes.UNREADABLE_FILE.input_problem and codes.INVALID_FACT_VALUE.input_problem
    assert not codes.RULE_CONFLICT.input_problem
    span = Span("a.ppkm", 1, 1, 1, 2)
    assert Diagnostic(codes.SHADOWED_RULE, "m", span).severity is Severity.WARNING
    made_here = Diagnostic(codes.COVERAGE_GAP, "m", span, severity=Severity.WARNING)
    assert made_here.severity is Severity.WARNING and made_here.code == "PPK401"
