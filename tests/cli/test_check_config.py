"""`ppkm.toml` settings (select, ignore, exclude, fail-level; unknown keys) and the input and
output options of `check` and `fmt` (`-` for standard input, `--output`), with the real checker."""

import io
import json
import shutil

import pytest

from ppkm_lang.cli.main import main
from ppkm_lang.config import ConfigError, Settings, load_settings

EXAMPLE = "examples/level_wilayah.ppkm"
UNUSED = '\nfact tidak_dipakai: bool "Tidak dipakai."\n'  # one PPK506 warning


@pytest.fixture
def project(tmp_path, monkeypatch, repo_root):
    monkeypatch.delenv("PPKM_GAZETTEER", raising=False)
    monkeypatch.setenv("PPKM_NO_CACHE", "1")
    text = (repo_root / EXAMPLE).read_text(encoding="utf-8")
    (tmp_path / "kebijakan").mkdir()
    (tmp_path / "kebijakan" / "contoh.ppkm").write_text(text + UNUSED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def codes_of(capsys) -> list[str]:
    return [d["code"] for d in json.loads(capsys.readouterr().out)["findings"]]


def test_without_settings_the_warning_is_reported_and_does_not_fail(project, capsys):
    assert main(["check", "kebijakan", "--format", "json"]) == 0
    assert codes_of(capsys) == ["PPK506"]


def test_fail_level_from_the_file_and_the_flag_overrides_it(project, capsys):
    (project / "ppkm.toml").write_text('fail-level = "warning"\n')
    assert main(["check", "kebijakan"]) == 1
    assert main(["check", "kebijakan", "--fail-level", "error"]) == 0


@pytest.mark.parametrize("toml, reported", [
    ('ignore = ["PPK506"]', []),
    ('ignore = ["PPK5"]', []),
    ('select = ["PPK3"]', []),
    ('select = ["PPK5"]', ["PPK506"]),
    # the longer prefix decides, as in ruff
    ('select = ["PPK506"]\nignore = ["PPK5"]', ["PPK506"]),
    ('select = ["PPK5"]\nignore = ["PPK506"]', []),
])
def test_select_and_ignore(project, capsys, toml, reported):
    (project / "ppkm.toml").write_text(toml + '\nfail-level = "warning"\n')
    code = main(["check", "kebijakan", "--format", "json"])
    assert codes_of(capsys) == reported
    assert code == (1 if reported else 0)


def test_exclude_skips_files_found_in_directories_unless_named(project, capsys):
    shutil.copytree(project / "kebijakan", project / "draf")
    (project / "draf" / "contoh.ppkm").write_text("rule rusak {\n", encoding="utf-8")  # a syntax error
    assert main(["check", ".", "--format", "json"]) == 1
    capsys.readouterr()
    (project / "ppkm.toml").write_text('exclude = ["draf"]\n')
    assert main(["check", ".", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["files"] == 1
    assert main(["check", "draf/contoh.ppkm"]) == 1  # named on the command line: checked
    capsys.readouterr()
    assert main(["check", "draf/contoh.ppkm", "--force-exclude", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


@pytest.mark.parametrize("toml, code, fragment", [
    ('fail_level = "warning"', "PPK701", "did you mean `fail-level`?"),
    ('selct = ["PPK3"]', "PPK701", "did you mean `select`?"),
    ('colour = true', "PPK701", "the keys are"),
    ('select = "PPK3"', "PPK702", "list of non-empty strings"),
    ('ignore = ["XYZ"]', "PPK702", "prefix of no code"),
    ('fail-level = "info"', "PPK702", '"error" or "warning"'),
    ('select = [', "PPK702", "not valid TOML"),
])
def test_bad_settings_are_coded_errors(project, capsys, toml, code, fragment):
    (project / "ppkm.toml").write_text(toml + "\n")
    assert main(["check", "kebijakan"]) == 2
    err = capsys.readouterr().err
    assert f"[{code}]" in err and fragment in err
    with pytest.raises(ConfigError) as info:
        load_settings(project)
    assert info.value.code == code


def test_settings_reports_like_ruff():
    s = Settings(select=("PPK3", "PPK506"), ignore=("PPK30", "PPK5"))
    assert [c for c in ("PPK301", "PPK312", "PPK506", "PPK507", "PPK101") if s.reports(c)] == ["PPK312", "PPK506"]
    assert Settings().reports("PPK999")


def test_check_reads_standard_input(project, capsys, monkeypatch):
    text = (project / "kebijakan" / "contoh.ppkm").read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert main(["check", "-", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(d["code"], d["location"]["file"]) for d in out["findings"]] == [("PPK506", "<stdin>")]
    monkeypatch.setattr("sys.stdin", io.StringIO("rule rusak {\n"))
    assert main(["check", "-", "--stdin-filename", "kebijakan/baru.ppkm", "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["findings"][0]["location"]["file"] == "kebijakan/baru.ppkm"


def test_check_stdin_imports_resolve_beside_the_stdin_filename(project, capsys, monkeypatch):
    (project / "kebijakan" / "kosakata.ppkm").write_text('fact dipakai: bool "Dipakai."\n', encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("import kosakata\n"))
    main(["check", "-", "--stdin-filename", "kebijakan/baru.ppkm", "--format", "json"])
    codes = [(d["code"], d["message"]) for d in json.loads(capsys.readouterr().out)["findings"]]
    assert not any(c == "PPK103" for c, _ in codes), codes  # the import was found


def test_check_output_writes_the_report_to_a_file(project, capsys):
    assert main(["check", "kebijakan", "--format", "sarif", "--output", "hasil.sarif"]) == 0
    assert capsys.readouterr().out == ""
    log = json.loads((project / "hasil.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["PPK506"]
    assert main(["check", "kebijakan", "--output", "hasil.txt"]) == 0
    assert "warning[PPK506]" in (project / "hasil.txt").read_text(encoding="utf-8")
    assert not [p for p in project.iterdir() if p.name.startswith(".hasil")]  # no temporary left


def test_check_output_to_a_missing_directory_leaves_nothing(project, capsys):
    assert main(["check", "kebijakan", "--output", "tidak/ada/hasil.txt"]) == 2
    err = capsys.readouterr().err
    assert "PPK112" in err and "`--output tidak/ada/hasil.txt`" in err and "does not exist" in err
    assert not (project / "tidak").exists()


def test_fmt_reads_standard_input_and_writes_standard_output(project, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO('fact  x :  bool   "d."\n'))
    assert main(["fmt", "-"]) == 0
    assert capsys.readouterr().out == 'fact x: bool "d."\n'
    monkeypatch.setattr("sys.stdin", io.StringIO('fact  x :  bool   "d."\n'))
    assert main(["fmt", "-", "--check"]) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO('fact x: bool "d."\n'))
    assert main(["fmt", "-", "--check"]) == 0
    assert main(["fmt", "-", "kebijakan"]) == 2


def test_fmt_skips_excluded_files(project, capsys):
    messy = "fact  x :  bool   \"d.\"\n"
    (project / "draf").mkdir()
    (project / "draf" / "x.ppkm").write_text(messy, encoding="utf-8")
    (project / "ppkm.toml").write_text('exclude = ["draf"]\n')
    assert main(["fmt", "--check", "."]) == 0
    assert main(["fmt", "--check", "draf/x.ppkm"]) == 1  # named: formatted unless --force-exclude
    assert main(["fmt", "--check", "--force-exclude", "draf/x.ppkm"]) == 0
    (project / "ppkm.toml").write_text("")
    assert main(["fmt", "--check", "."]) == 1
