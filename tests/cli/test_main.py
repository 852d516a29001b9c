"""The CLI frame: exit codes, verb discovery and the no-traceback promise."""

import importlib.machinery
import os
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

from ppkm_lang._version import FALLBACK_VERSION, __version__
from ppkm_lang.cli import main as cli

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def plain_env(monkeypatch):
    for name in ("PPKM_DEBUG", "PPKM_GAZETTEER", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


def fake_verb(monkeypatch, name, run, add_arguments=lambda parser: None):
    module_name = f"ppkm_fake_verb_{name}"
    module = types.ModuleType(module_name)
    module.__spec__ = importlib.machinery.ModuleSpec(module_name, None)
    module.HELP = f"the {name} verb"
    module.add_arguments = add_arguments
    module.run = run
    monkeypatch.setitem(sys.modules, module_name, module)
    monkeypatch.setitem(cli.VERBS, name, module_name)
    return module


def test_version(capsys):
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"ppkm {__version__}"


def test_version_agrees_with_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["version"] == FALLBACK_VERSION == __version__


def test_no_arguments_shows_help_and_exits_2(capsys):
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert "usage: ppkm" in err and "check" in err


def test_help_exits_0(capsys):
    assert cli.main(["--help"]) == 0
    assert "verbs" in capsys.readouterr().out


def test_unknown_verb_suggests_a_close_one(capsys):
    assert cli.main(["chek", "policies/"]) == 2
    err = capsys.readouterr().err
    assert "error: unknown verb `chek`" in err
    assert "did you mean `check`?" in err


def test_unknown_verb_after_global_options(capsys):
    assert cli.main(["--gazetteer", "x", "--no-color", "frobnicate"]) == 2
    assert "unknown verb `frobnicate`" in capsys.readouterr().err


def test_listed_verb_without_a_module_is_not_offered(monkeypatch, capsys):
    monkeypatch.setitem(cli.VERBS, "fmt", "ppkm_lang.cli.no_such_module_here")
    assert "fmt" not in cli.load_verbs()
    assert cli.main(["fmt", "x.ppkm"]) == 2
    assert "`fmt` is not available" in capsys.readouterr().err


def test_usage_error_inside_a_verb_exits_2(capsys):
    assert cli.main(["check", "--format", "xml", "p"]) == 2
    err = capsys.readouterr().err
    assert "error: argument --format: invalid choice" in err
    assert "Traceback" not in err


def test_verb_gets_its_arguments_and_return_code(monkeypatch):
    seen = {}

    def run(args, ctx):
        seen.update(vars(args))
        return 1

    fake_verb(monkeypatch, "demo", run, lambda p: p.add_argument("thing"))
    assert cli.main(["demo", "x"]) == 1
    assert seen["thing"] == "x" and seen["verb"] == "demo"


def test_global_options_before_or_after_the_verb(monkeypatch, tmp_path):
    got = []
    fake_verb(monkeypatch, "demo", lambda args, ctx: got.append((ctx.gazetteer, ctx.no_color)) or 0)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gaz").mkdir()
    assert cli.main(["--gazetteer", "gaz", "demo"]) == 0
    assert cli.main(["demo", "--gazetteer", "gaz", "--no-color"]) == 0
    assert cli.main(["--no-color", "demo"]) == 0
    assert got == [(tmp_path / "gaz", False), (tmp_path / "gaz", True), (None, True)]


def test_missing_configured_gazetteer_is_a_usage_error(monkeypatch, tmp_path, capsys):
    fake_verb(monkeypatch, "demo", lambda args, ctx: ctx.gazetteer and 0)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["demo", "--gazetteer", "missing-dir"]) == 2
    err = capsys.readouterr().err
    assert "error: gazetteer not found" in err and "missing-dir" in err


def test_unexpected_exception_is_an_internal_error_without_traceback(monkeypatch, capsys):
    def run(args, ctx):
        raise ValueError("the analysis went wrong\nsecond line")

    fake_verb(monkeypatch, "demo", run)
    assert cli.main(["demo"]) == 2
    err = capsys.readouterr().err
    assert "internal error: ValueError: the analysis went wrong" in err
    assert "second line" not in err and "Traceback" not in err
    assert "report" in err and "PPKM_DEBUG=1" in err


def test_debug_reraises(monkeypatch):
    def run(args, ctx):
        raise ValueError("boom")

    fake_verb(monkeypatch, "demo", run)
    monkeypatch.setenv("PPKM_DEBUG", "1")
    with pytest.raises(ValueError, match="boom"):
        cli.main(["demo"])


def test_keyboard_interrupt_exits_130(monkeypatch):
    def run(args, ctx):
        raise KeyboardInterrupt

    fake_verb(monkeypatch, "demo", run)
    assert cli.main(["demo"]) == 130


def test_broken_pipe_is_quiet(monkeypatch, capsys):
    def run(args, ctx):
        raise BrokenPipeError

    fake_verb(monkeypatch, "demo", run)
    assert cli.main(["demo"]) == 141
    assert capsys.readouterr().err == ""


def test_a_verb_module_that_fails_to_import_does_not_hide_the_others(monkeypatch, tmp_path,
                                                                     capsys):
    (tmp_path / "ppkm_fake_broken.py").write_text('raise RuntimeError("half-written verb")\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "ppkm_fake_broken", raising=False)
    monkeypatch.setitem(cli.VERBS, "broken", "ppkm_fake_broken")
    verbs = cli.load_verbs()
    assert "check" in verbs and "broken" in verbs
    assert cli.main(["broken", "anything"]) == 2
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: half-written verb" in err
    assert "Traceback" not in err


def test_colour_is_off_with_no_color(monkeypatch):
    from ppkm_lang.cli.common import Context

    monkeypatch.setenv("NO_COLOR", "1")
    assert Context().no_color and Context().out.color_system is None
    monkeypatch.setenv("NO_COLOR", "")
    assert not Context().no_color
    assert Context(no_color=True).err.color_system is None


def test_console_script_and_module_entry_points():
    # A real process: `python -m ppkm_lang` exits with main()'s code and prints no traceback.
    env = {k: v for k, v in os.environ.items() if k != "PPKM_DEBUG"}
    done = subprocess.run([sys.executable, "-m", "ppkm_lang", "nope"], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=60)
    assert done.returncode == 2
    assert "unknown verb `nope`" in done.stderr and "Traceback" not in done.stderr
    assert "\x1b[" not in done.stderr  # not a terminal: no colour
