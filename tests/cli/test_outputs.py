"""Output paths are judged before any work (PPK112 for a missing folder or a directory where
a file is wanted) and a site directory is replaced only when its marker lists everything in
it (PPK111). `ppkm docs` itself is tested in tests/docs/test_docs_cli.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ppkm_lang.cli.main import main
from ppkm_lang.cli.outputs import SITE_MARKER, file_problem, site_problem, site_swap
from ppkm_lang.diagnostics.codes import OUTPUT_NOT_REPLACEABLE, UNUSABLE_OUTPUT_PATH

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


@pytest.fixture(autouse=True)
def _plain(monkeypatch):
    for name in ("PPKM_DEBUG", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("fmt", ["text", "json", "junit"])
def test_test_output_into_a_missing_folder_is_a_coded_error(tmp_path, capsys, fmt):
    # Once an internal error (FileNotFoundError from the temporary file beside the output).
    target = tmp_path / "reports" / "junit.xml"
    assert main(["test", str(EXAMPLES), "--format", fmt, "--output", str(target)]) == 2
    err = capsys.readouterr().err
    assert "PPK112" in err and "does not exist" in err and "internal error" not in err
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize("fmt", ["text", "json", "junit"])
def test_test_output_onto_a_folder_is_a_coded_error(tmp_path, capsys, fmt):
    # Once an internal error (IsADirectoryError when the report was moved into place).
    folder = tmp_path / "reports"
    folder.mkdir()
    assert main(["test", str(EXAMPLES), "--format", fmt, "--output", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "PPK112" in err and "is a directory" in err and "internal error" not in err
    assert list(folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


VERBS_WITH_AN_OUTPUT_FILE = {
    "check": ["check", str(EXAMPLES)],
    "test": ["test", str(EXAMPLES)],
    "diff": ["diff", str(EXAMPLES / "level_wilayah.ppkm"), str(EXAMPLES / "level_wilayah.ppkm")],
}


@pytest.mark.parametrize("verb", sorted(VERBS_WITH_AN_OUTPUT_FILE))
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_every_output_file_is_judged_the_same_way(tmp_path, capsys, verb, fmt):
    # `check --output` into a missing folder was once an internal error (OutputError), after
    # the whole check had run.
    argv = VERBS_WITH_AN_OUTPUT_FILE[verb] + ["--format", fmt, "--output"]
    assert main(argv + [str(tmp_path / "reports" / "r.txt")]) == 2
    err = capsys.readouterr().err
    assert "PPK112" in err and "does not exist" in err and "internal error" not in err
    folder = tmp_path / "folder"
    folder.mkdir()
    assert main(argv + [str(folder)]) == 2
    err = capsys.readouterr().err
    assert "PPK112" in err and "is a directory" in err and "internal error" not in err
    assert list(folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


def test_check_output_is_judged_before_the_check_runs(tmp_path, capsys, monkeypatch):
    import ppkm_lang.checker

    def boom(*args, **kwargs):
        raise AssertionError("the check ran for a report with nowhere to go")
    monkeypatch.setattr(ppkm_lang.checker, "check", boom)
    assert main(["check", str(EXAMPLES), "--output", str(tmp_path / "missing" / "r.txt")]) == 2
    assert "PPK112" in capsys.readouterr().err


def test_check_output_to_a_good_path_still_writes(tmp_path, capsys):
    target = tmp_path / "report.json"
    assert main(["check", str(EXAMPLES / "level_wilayah.ppkm"), "--format", "json", "--output", str(target)]) in (0, 1)
    assert target.read_text(encoding="utf-8").lstrip().startswith("{")
    assert capsys.readouterr().out == ""


def test_test_output_to_a_good_path_still_writes(tmp_path, capsys):
    target = tmp_path / "junit.xml"
    assert main(["test", str(EXAMPLES), "--format", "junit", "--output", str(target)]) in (0, 1)
    assert target.read_text(encoding="utf-8").startswith("<?xml")


def test_file_problem_cases(tmp_path):
    assert file_problem(tmp_path / "new.txt") is None
    assert file_problem(tmp_path).code == UNUSABLE_OUTPUT_PATH
    assert file_problem(tmp_path / "missing" / "x").code == UNUSABLE_OUTPUT_PATH
    (tmp_path / "plain").write_text("")
    assert file_problem(tmp_path / "plain" / "x").code == UNUSABLE_OUTPUT_PATH



def test_file_problem_follows_a_link_to_where_it_leads(tmp_path):
    # A link into a missing folder passed, and the write failed later with an internal error.
    link = tmp_path / "report.txt"
    os.symlink(tmp_path / "missing" / "r.txt", link)
    problem = file_problem(link)
    assert problem.code == UNUSABLE_OUTPUT_PATH and "missing` does not exist" in problem.message
    (tmp_path / "missing").mkdir()
    assert file_problem(link) is None


def test_file_problem_refuses_a_folder_that_cannot_be_written(tmp_path, monkeypatch):
    # Tests often run as root, for whom every folder is writable: ask `os.access` instead.
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode))
    problem = file_problem(tmp_path / "r.txt")
    assert problem.code == UNUSABLE_OUTPUT_PATH and "not writable" in problem.message


def test_site_problem_cases(tmp_path):
    assert site_problem(tmp_path / "new") is None
    empty = tmp_path / "empty"
    empty.mkdir()
    assert site_problem(empty) is None
    other = tmp_path / "other"
    other.mkdir()
    (other / "index.html").write_text("")
    assert site_problem(other).code == OUTPUT_NOT_REPLACEABLE
    # A marker lists what may go; a file it does not list stops the replacement.
    (other / SITE_MARKER).write_text("# header\nindex.html\n")
    assert site_problem(other) is None
    (other / "sub").mkdir()
    (other / "sub" / "x.txt").write_text("")
    problem = site_problem(other)
    assert problem.code == OUTPUT_NOT_REPLACEABLE and "sub/x.txt" in problem.message
    # A link is an entry of its own, never followed.
    (other / "sub" / "x.txt").unlink()
    os.symlink(tmp_path, other / "sub" / "up")
    assert site_problem(other).code == OUTPUT_NOT_REPLACEABLE


def test_site_swap_replaces_whole_or_not_at_all(tmp_path):
    out = tmp_path / "site"
    with site_swap(out) as staged:
        (staged.path / "index.html").write_text("one")
    assert (out / "index.html").read_text() == "one"
    assert (out / SITE_MARKER).read_text().splitlines()[1:] == ["index.html"]
    with pytest.raises(RuntimeError):
        with site_swap(out) as staged:
            (staged.path / "index.html").write_text("two")
            raise RuntimeError("the build broke")
    assert (out / "index.html").read_text() == "one"
    with site_swap(out) as staged:
        (staged.path / "index.html").write_text("three")
        staged.keep = False
    assert (out / "index.html").read_text() == "one"
    with site_swap(out) as staged:
        (staged.path / "page.html").write_text("four")
    assert sorted(p.name for p in out.iterdir()) == [SITE_MARKER, "page.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging or old folder left
    mode = out.stat().st_mode & 0o777
    assert mode == 0o777 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_a_link_to_the_site_stays_a_link(tmp_path):
    real = tmp_path / "real"
    with site_swap(real) as staged:
        (staged.path / "index.html").write_text("one")
    link = tmp_path / "link"
    os.symlink(real, link)
    assert site_problem(link) is None
    with site_swap(link) as staged:
        (staged.path / "index.html").write_text("two")
    assert link.is_symlink() and (real / "index.html").read_text() == "two"


def _dead_pid() -> int:
    import subprocess
    import sys
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _left(tmp_path: Path, kind: str, pid: int, host: str | None = None) -> Path:
    from ppkm_lang.cli.outputs import _host
    folder = tmp_path / f".site.ppkm-{kind}-{host or _host()}-{pid}-ab12_x9z"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "index.html").write_text("half a site")
    return folder


def test_the_next_build_removes_what_a_killed_build_left(tmp_path):
    # A build killed outright (SIGKILL) left `.site.building-*` beside the site for good.
    dead = _dead_pid()
    stale = _left(tmp_path, "building", dead)
    running = _left(tmp_path, "building", os.getppid())  # a build still running: kept
    elsewhere = _left(tmp_path, "building", dead, host="another.host")  # its pid means nothing here
    (tmp_path / "unrelated").mkdir()
    with site_swap(tmp_path / "site") as staged:
        assert staged.path.name.startswith(".site.ppkm-building-") and f"-{os.getpid()}-" in staged.path.name
        (staged.path / "index.html").write_text("one")
    assert not stale.exists() and running.exists() and elsewhere.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", "unrelated", running.name, elsewhere.name])


def test_an_old_site_parked_by_a_killed_swap_goes_back(tmp_path):
    from ppkm_lang.cli.outputs import sweep_staging
    # Killed between moving the old site aside and moving the new one in: the site is missing.
    parked = _left(tmp_path, "old", _dead_pid())
    (parked / "en").rename(parked / "site")
    assert sweep_staging(tmp_path / "site") == [parked]
    assert (tmp_path / "site" / "index.html").read_text() == "half a site"


@pytest.mark.parametrize("stop", ["error", "ctrl-c", "sigterm"])
def test_an_interrupted_build_leaves_no_staging_folder(tmp_path, stop):
    import signal
    out = tmp_path / "site"
    with site_swap(out) as staged:
        (staged.path / "index.html").write_text("one")
    before = signal.getsignal(signal.SIGTERM)
    expected = {"error": RuntimeError, "ctrl-c": KeyboardInterrupt, "sigterm": SystemExit}[stop]
    with pytest.raises(expected):
        with site_swap(out) as staged:
            (staged.path / "index.html").write_text("two")
            if stop == "sigterm":
                os.kill(os.getpid(), signal.SIGTERM)  # the handler raises SystemExit(143)
                raise AssertionError("SIGTERM did not stop the build")
            raise expected("stopped")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (out / "index.html").read_text() == "one"
    assert signal.getsignal(signal.SIGTERM) == before
