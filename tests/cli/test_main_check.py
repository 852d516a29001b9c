"""`ppkm check`: formats and exit codes, against a stand-in checker whose findings the test
chooses (the real checker's findings are tested with the checker)."""

import json
import sys
import types
from pathlib import Path

import pytest

from ppkm_lang.cli.main import main
from ppkm_lang.diagnostics.model import Diagnostic, Severity
from ppkm_lang.diagnostics.registry import finalize
from ppkm_lang.source import SourceFile, Span

SOURCE = SourceFile("policies/a.ppkm", "rule a {\n  when zona == merah\n}\n")


@pytest.fixture(autouse=True)
def plain_env(monkeypatch):
    for name in ("PPKM_DEBUG", "PPKM_GAZETTEER", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def checker(monkeypatch, demo_codes):
    """Replaces `ppkm_lang.checker` with one that returns `checker.findings`."""
    module = types.ModuleType("ppkm_lang.checker")
    module.findings = []
    module.calls = []

    def check(paths, *, gazetteer=None):
        module.calls.append((list(paths), gazetteer))
        return types.SimpleNamespace(diagnostics=finalize(module.findings),
                                     sources={SOURCE.name: SOURCE}, files=1)

    module.check = check
    monkeypatch.setitem(sys.modules, "ppkm_lang.checker", module)
    return module


def finding(code, message="m", severity=None, file="policies/a.ppkm"):
    return Diagnostic(code, message, Span(file, 2, 8, 2, 12), severity=severity)


def test_clean_exits_0(checker, capsys):
    assert main(["check", "policies/"]) == 0
    assert capsys.readouterr().out.strip() == "no findings in 1 file"
    assert checker.calls == [([Path("policies/")], None)]


def test_error_exits_1_and_renders_text(checker, capsys):
    checker.findings = [finding("PPK991", "rules `a` and `b` conflict")]
    assert main(["check", "policies/a.ppkm"]) == 1
    out = capsys.readouterr().out
    assert "error[PPK991]: rules `a` and `b` conflict" in out
    assert "2 |   when zona == merah" in out and "^^^^" in out
    assert out.rstrip().endswith("1 error in 1 file")
    assert "\x1b[" not in out


@pytest.mark.parametrize("fail_level, code", [("error", 0), ("warning", 1)])
def test_fail_level(checker, fail_level, code):
    checker.findings = [finding("PPK992"), finding("PPK993")]
    assert main(["check", "p", "--fail-level", fail_level]) == code


def test_info_never_fails(checker):
    checker.findings = [finding("PPK993")]
    assert main(["check", "p", "--fail-level", "warning"]) == 0


def test_severity_given_to_the_finding_decides(checker):
    checker.findings = [finding("PPK991", severity=Severity.WARNING)]
    assert main(["check", "p"]) == 0


def test_unreadable_input_exits_2(checker, capsys):
    checker.findings = [finding("PPK102", "`nope` does not exist", file="nope"),
                        finding("PPK991")]
    assert main(["check", "nope", "policies/a.ppkm"]) == 2
    assert "error[PPK102]: `nope` does not exist" in capsys.readouterr().out


def test_json_format(checker, capsys):
    checker.findings = [finding("PPK991"), finding("PPK992")]
    assert main(["check", "p", "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["files"] == 1 and [f["code"] for f in doc["findings"]] == ["PPK991", "PPK992"]


def test_sarif_format_paths_relative_to_the_repository(checker, capsys, monkeypatch, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "policies").mkdir()
    monkeypatch.chdir(tmp_path / "policies")
    checker.findings = [finding("PPK991", file="2021/x.ppkm")]
    assert main(["check", "p", "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "policies/2021/x.ppkm"


def test_github_format(checker, capsys):
    checker.findings = [finding("PPK992", "a, b: c")]
    assert main(["check", "p", "--format", "github", "--fail-level", "warning"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::warning file=policies/a.ppkm,line=2,col=8,")
    assert out.rstrip().endswith("::a, b: c")


def test_gazetteer_is_passed_to_the_checker(checker, tmp_path, monkeypatch):
    (tmp_path / "gaz").mkdir()
    monkeypatch.setenv("PPKM_GAZETTEER", str(tmp_path / "gaz"))
    assert main(["check", "p"]) == 0
    assert checker.calls[-1][1] == tmp_path / "gaz"


def test_missing_path_is_required(checker, capsys):
    assert main(["check"]) == 2
    assert "the following arguments are required: PATH" in capsys.readouterr().err
