"""`ppkm docs`: usage problems exit 2 with a message and never touch the output directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from docsite import EXAMPLES, REPO
from ppkm_lang.cli.main import main


@pytest.fixture(autouse=True)
def _plain(monkeypatch):
    for name in ("PPKM_DEBUG", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


def test_missing_policy_path(tmp_path: Path, capsys):
    assert main(["docs", str(tmp_path / "nope"), "--out", str(tmp_path / "site")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_refuses_to_replace_a_directory_that_is_not_a_site(tmp_path: Path, capsys):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    assert main(["docs", str(EXAMPLES), "--out", str(out)]) == 2
    assert "refusing to replace" in capsys.readouterr().err
    assert (out / "notes.txt").read_text() == "keep me"


def test_unreadable_policy_is_an_input_problem(tmp_path: Path, capsys):
    bad = tmp_path / "bad.ppkm"
    bad.write_text("rule r { when zona = merah }\n")
    assert main(["docs", str(bad), "--out", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert "PPK101" in err and "no site was built" in err
    assert not (tmp_path / "site").exists()


def test_missing_config_file(tmp_path: Path, capsys):
    assert main(["docs", str(EXAMPLES), "--out", str(tmp_path / "s"), "--config", str(tmp_path / "x.yml")]) == 2
    assert "x.yml" in capsys.readouterr().err


def test_broken_hand_written_page_fails_the_strict_build(tmp_path: Path, capsys):
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    (docs / "index.md").write_text("# Beranda\n\n[rusak](tidak-ada.md)\n")
    (docs / "en" / "index.md").write_text("# Home\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text((REPO / "mkdocs.yml").read_text())
    assert main(["docs", str(EXAMPLES), "--out", str(tmp_path / "site"), "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert "tidak-ada.md" in err and "could not build" in err


def test_help_lists_the_options(capsys):
    assert main(["docs", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--out DIR" in out and "policies/" in out


def test_builds_without_a_configuration(tmp_path: Path, monkeypatch, capsys):
    # No mkdocs.yml and no hand-written pages: built-in settings and a generated front page.
    monkeypatch.chdir(tmp_path)
    assert main(["docs", str(EXAMPLES), "--out", "out"]) == 0
    assert "built" in capsys.readouterr().out
    for page in ("out/index.html", "out/en/index.html", "out/cek/index.html"):
        assert (tmp_path / page).is_file()
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="instrumen/"' in home and 'href="cek/"' in home
