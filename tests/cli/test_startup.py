"""What a command imports and when it judges its inputs: only the verb asked for, nothing for
`--version`, and a malformed `--at` or `--set` before the policy is read."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ppkm_lang.cli import main as cli


REPO = Path(__file__).resolve().parents[2]


def imported_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    script = ("import sys, json\nfrom ppkm_lang.cli.main import main\n"
              f"try:\n    {code}\nexcept SystemExit:\n    pass\n"
              "print(json.dumps(sorted(sys.modules)), file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         cwd=REPO, env={**os.environ, **(env or {})})
    return set(json.loads(run.stderr.strip().splitlines()[-1]))


def test_version_imports_no_verb_rich_lark_or_metadata():
    modules = imported_after("main(['--version'])")
    assert not {m for m in modules if m.startswith(("rich", "lark", "importlib.metadata", "attr"))}
    assert not {m for m in modules if m.startswith("ppkm_lang.cli.") and m not in
                ("ppkm_lang.cli.main", "ppkm_lang.cli.common")}


def test_a_verb_imports_only_its_own_module():
    modules = imported_after("main(['check', '--help'])")
    verbs = {m for m in modules if m.startswith("ppkm_lang.cli.")} - {"ppkm_lang.cli.main", "ppkm_lang.cli.common"}
    assert verbs == {"ppkm_lang.cli.check"}


def test_a_json_answer_from_the_cache_needs_neither_rich_nor_the_parser(tmp_path):
    env = {"PPKM_CACHE_DIR": str(tmp_path / "cache"), "PPKM_NO_CACHE": ""}
    query = ("main(['eval', 'policies/', '--at', '2021-07-22', '--set', 'wilayah=KOTA SIBOLGA', "
             "'--set', 'kegiatan=makan_di_tempat', '--format', 'json'])")
    first = imported_after(query, env)  # fills the cache
    assert "ppkm_lang.syntax.parser" in first
    again = imported_after(query, env)
    assert not {m for m in again if m.startswith(("rich", "lark", "ppkm_lang.syntax", "ppkm_lang.lowering"))}
    assert "ppkm_lang.eval.answering" in again


def test_a_json_check_from_the_cache_needs_neither_rich_nor_the_lints_nor_the_analysis(tmp_path):
    env = {"PPKM_CACHE_DIR": str(tmp_path / "cache"), "PPKM_NO_CACHE": ""}
    query = "main(['check', 'policies/', '--format', 'json'])"
    first = imported_after(query, env)  # fills the cache
    assert {"ppkm_lang.lint", "ppkm_lang.analysis"} <= first
    again = imported_after(query, env)
    assert not {m for m in again if m.startswith(("rich", "lark", "ppkm_lang.lint", "ppkm_lang.analysis",
                                                   "ppkm_lang.syntax"))}
    assert "ppkm_lang.checker" in again


def test_help_lists_every_verb(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for verb in cli.available_verbs():
        assert verb in out


@pytest.fixture
def no_load(monkeypatch):
    from ppkm_lang import loader
    monkeypatch.setattr(loader, "load", lambda *a, **k: pytest.fail("the policy was loaded"))


@pytest.mark.parametrize("argv, message", [
    (["eval", "policies/", "--at", "2021-13-45", "--set", "kegiatan=x"], "the `--at` date `2021-13-45` is not a calendar date"),
    (["eval", "policies/", "--at", "2021-07-22", "--set", "kegiatan"], "`--set kegiatan` is not `fact=value`"),
    (["explain", "policies/", "--at", "yesterday"], "the `--at` date `yesterday` is not a calendar date"),
])
def test_malformed_inputs_are_reported_before_the_load(no_load, capsys, argv, message):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "[PPK603]" in err


def test_values_that_need_the_policy_are_judged_after_it(capsys):
    assert cli.main(["eval", "examples/", "--at", "2021-07-22", "--set", "no_such_fact=1"]) == 2
    assert "[PPK601]" in capsys.readouterr().err
