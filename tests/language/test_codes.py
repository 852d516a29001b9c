"""Every diagnostic code is documented once, in the registry (summary, why, example, fix), and
has a fixture or test that produces it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ppkm_lang.diagnostics.registry import all_codes

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
        assert re.fullmatch(r"PPK[1-6]\d{2}", c.code), c.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", c.name), c.name


@pytest.mark.parametrize("code", CODES, ids=lambda c: c.code)
def test_code_is_documented(code):
    for field in ("summary", "why", "example", "fix"):
        assert getattr(code, field).strip(), f"{code.code} lacks `{field}`"
    assert code.summary.rstrip().endswith("."), "the summary is one sentence"


@pytest.mark.parametrize("code", CODES, ids=lambda c: c.code)
def test_code_has_a_fixture_or_test(code):
    assert code.code in _mentioned_codes(), f"no fixture or test under tests/ produces {code.code}"
