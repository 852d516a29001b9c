"""Every fixture under tests/language/fixtures: good/ files check with no finding at all; each
bad/ file (or directory, checked as one policy) produces exactly the findings written inline
as `# expect: CODE LINE:COL` comments (`# expect: CODE` alone: somewhere in that file)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ppkm_lang.checker import check

HERE = Path(__file__).parent / "fixtures"
EXPECT = re.compile(r"#\s*expect:\s*(PPK\d{3})(?:\s+(\d+):(\d+))?")


def _cases(kind: str):
    root = HERE / kind
    return sorted(p for p in root.iterdir() if p.suffix == ".ppkm" or p.is_dir())


def _expected(path: Path) -> list[tuple[str, str, int | None, int | None]]:
    files = sorted(path.rglob("*.ppkm")) if path.is_dir() else [path]
    out = []
    for f in files:
        for m in EXPECT.finditer(f.read_text(encoding="utf-8")):
            out.append((m.group(1), f.name, int(m.group(2)) if m.group(2) else None,
                        int(m.group(3)) if m.group(3) else None))
    return sorted(out, key=lambda e: (e[1], e[0], e[2] or 0))


def _run(path: Path, gazetteer):
    gaz = False if "no_gazetteer" in path.name else gazetteer  # False: no gazetteer at all
    return check([path], gazetteer=gaz).diagnostics


@pytest.mark.parametrize("path", _cases("good"), ids=lambda p: p.name)
def test_good_fixture_is_clean(path, gazetteer):
    findings = _run(path, gazetteer)
    assert [f"{d.code} {d.span} {d.message}" for d in findings] == []


@pytest.mark.parametrize("path", _cases("bad"), ids=lambda p: p.name)
def test_bad_fixture_reports_exactly_what_it_expects(path, gazetteer):
    findings = _run(path, gazetteer)
    actual = sorted(((d.code, Path(d.span.file).name, d.span.line, d.span.column) for d in findings),
                    key=lambda e: (e[1], e[0], e[2]))
    expected = _expected(path)
    loose = [(c, f) for c, f, line, _ in expected if line is None]
    strict = [e for e in expected if e[2] is not None]
    assert sorted(a for a in actual if (a[0], a[1]) not in loose) == sorted(strict), "\n".join(
        f"{d.code} {d.span} {d.message}" for d in findings)
    for code, name in loose:
        assert any(a[0] == code and a[1] == name for a in actual)


@pytest.mark.parametrize("path", _cases("good"), ids=lambda p: p.name)
def test_good_fixture_examples_pass(path, gazetteer):
    from ppkm_lang.api import prepare, run_examples
    report = run_examples(prepare([path], gazetteer=gazetteer))
    assert report.passed == report.total, [(r.name, r.status, r.message, [d.line() for d in r.differences])
                                           for r in report.results if r.status != "pass"]
