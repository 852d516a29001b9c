"""The gazetteer on the command line: the shipped list by default, another by option, none
with --no-gazetteer, and a configured path that cannot be used is a usage error."""

import json

import pytest

from ppkm_lang.cli import main as cli

PROVINCE = 'regionset jawa_barat {\n  province "JAWA BARAT"\n}\n'


@pytest.fixture(autouse=True)
def plain_env(monkeypatch, tmp_path):
    for name in ("PPKM_DEBUG", "PPKM_GAZETTEER", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.ppkm").write_text(PROVINCE, encoding="utf-8")


def codes(capsys, *argv) -> tuple[int, set[str]]:
    code = cli.main([*argv, "check", "p.ppkm", "--format", "json"])
    out = capsys.readouterr().out
    return code, {d["code"] for d in json.loads(out)["findings"]} if out else set()


def test_the_shipped_list_expands_a_province(capsys):
    assert not codes(capsys)[1] & {"PPK514", "PPK515"}


def test_no_gazetteer_is_explicit(capsys):
    assert {"PPK514", "PPK515"} <= codes(capsys, "--no-gazetteer")[1]


def test_both_options_are_a_usage_error(capsys, tmp_path):
    (tmp_path / "g").mkdir()
    assert cli.main(["--gazetteer", "g", "--no-gazetteer", "check", "p.ppkm"]) == 2
    assert "cannot be used together" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["flag", "env", "toml"])
def test_a_configured_path_that_is_not_a_directory_exits_2(capsys, monkeypatch, tmp_path, where):
    argv = ["check", "p.ppkm"]
    if where == "flag":
        argv = ["--gazetteer", "/dev/zero", *argv]
    elif where == "env":
        monkeypatch.setenv("PPKM_GAZETTEER", "/dev/zero")
    else:
        (tmp_path / "ppkm.toml").write_text('gazetteer = "/dev/zero"\n', encoding="utf-8")
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "is not a directory" in err and "Traceback" not in err
