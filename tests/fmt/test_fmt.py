"""The formatter: golden pairs (`x.ppkm` -> `x.ppkm.formatted`), idempotence, and the law that
formatting never changes what a file parses to, on every policy file in the repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from ppkm_lang.cli.main import main
from ppkm_lang.fmt import _shape, format_source, format_text
from ppkm_lang.source import SourceFile
from ppkm_lang.syntax.parser import parse

HERE = Path(__file__).parent
REPO = HERE.parents[1]
CASES = sorted((HERE / "cases").glob("*.ppkm"))
CORPUS = sorted(p for d in ("examples", "policies", "tests/language/fixtures/good") for p in (REPO / d).rglob("*.ppkm"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden(case):
    expected = case.with_name(case.name + ".formatted").read_text(encoding="utf-8")
    assert format_text(case.read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_idempotent_and_meaning_preserving(path):
    source = SourceFile(path.name, path.read_text(encoding="utf-8"))
    result = format_source(source)
    assert result.diagnostics == ()
    assert format_text(result.text) == result.text
    assert not result.changed, f"run `ppkm fmt {path.relative_to(REPO)}`: shipped files are kept formatted"
    assert _shape(parse(SourceFile("a", result.text))[0].items) == _shape(parse(source)[0].items)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([p.read_text(encoding="utf-8") for p in CORPUS]), st.data())
def test_whitespace_noise_formats_back(text, data):
    """Indenting lines anyhow and adding trailing blanks formats back to the same text."""
    lines = text.split("\n")
    noisy = []
    for line in lines:
        pad = data.draw(st.sampled_from(["", " ", "   ", "\t"]))
        noisy.append(pad + line + data.draw(st.sampled_from(["", " ", "  "])))
    noisy_text = "\n".join(noisy)
    assert format_text(noisy_text) == format_text(text)


def test_cli_check_and_write(tmp_path, capsys):
    f = tmp_path / "a.ppkm"
    f.write_text((HERE / "cases" / "messy.ppkm").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["fmt", "--check", str(f)]) == 1
    assert main(["fmt", str(f)]) == 0
    assert f.read_text(encoding="utf-8") == (HERE / "cases" / "messy.ppkm.formatted").read_text(encoding="utf-8")
    assert main(["fmt", "--check", str(f)]) == 0


def test_cli_refuses_broken_file_without_touching_it(tmp_path):
    f = tmp_path / "b.ppkm"
    f.write_text("rule r {\n   when zona = merah }\n", encoding="utf-8")
    assert main(["fmt", str(f)]) == 1
    assert f.read_text(encoding="utf-8") == "rule r {\n   when zona = merah }\n"


def test_refuses_a_result_that_would_change_the_meaning(monkeypatch):
    """The safety net: if the layout pass ever altered a token, PPK105 keeps the file as is."""
    import ppkm_lang.fmt as fmt

    monkeypatch.setattr(fmt, "format_text", lambda text: text.replace("merah", "hijau"))
    source = SourceFile("z.ppkm", "fact zona: enum { hijau, merah }\nrule r { when zona == merah then m = 1 }\n")
    result = fmt.format_source(source)
    assert [d.code for d in result.diagnostics] == ["PPK105"]
    assert result.text == source.text and not result.changed


def test_cli_reports_an_unwritable_directory_and_keeps_the_file(tmp_path, monkeypatch, capsys):
    import ppkm_lang.cli.fmt as cli_fmt

    f = tmp_path / "c.ppkm"
    original = (HERE / "cases" / "messy.ppkm").read_text(encoding="utf-8")
    f.write_text(original, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(cli_fmt.tempfile, "mkstemp", refuse)
    assert main(["fmt", str(f)]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert f.read_text(encoding="utf-8") == original
