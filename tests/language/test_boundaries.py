"""What a load reads: regular files only, never without bound, and only inside the files and
directories given (PPK110 for a link that leads out, PPK102 for what cannot be read). A
folder that cannot be listed is reported, never skipped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ppkm_lang.checker import check
from ppkm_lang.diagnostics.codes import IMPORT_NOT_FOUND, OUTSIDE_ROOT, UNREADABLE_FILE
from ppkm_lang.source import MAX_FILE_BYTES, SourceError, read_source

SECRET = "root:x:0:0:secret-first-line:/root:/bin/bash\n"
VOCAB = "fact a: bool\n"
MAIN = "import vocab\nmeasure m: bool\nrule r { when a then m = true }\n"


def _found(paths, **kw):
    result = check(paths, **kw)
    return [(d.code, d.message, str(d.span)) for d in result.diagnostics], result


def _outside_file(tmp_path: Path) -> Path:
    secret = tmp_path / "elsewhere" / "passwd"
    secret.parent.mkdir()
    secret.write_text(SECRET)
    return secret


def test_an_import_through_a_link_out_of_the_folder_is_refused_unread(tmp_path):
    pol = tmp_path / "pol"
    pol.mkdir()
    os.symlink(_outside_file(tmp_path), pol / "vocab.ppkm")
    (pol / "main.ppkm").write_text(MAIN)
    found, result = _found([pol / "main.ppkm"])
    codes = [c for c, _, _ in found]
    assert OUTSIDE_ROOT in codes
    outside = next(m for c, m, _ in found if c == OUTSIDE_ROOT)
    assert "vocab" in outside and "passwd" in outside
    # The target's text is never read, so never quoted.
    assert all("secret-first-line" not in m for _, m, _ in found)
    assert all("secret-first-line" not in s.text for s in result.sources.values())


def test_a_directory_walk_does_not_follow_a_link_out_of_it(tmp_path):
    pol = tmp_path / "pol"
    pol.mkdir()
    os.symlink(_outside_file(tmp_path), pol / "vocab.ppkm")
    (pol / "ok.ppkm").write_text(VOCAB)
    found, result = _found([pol])
    assert any(c == OUTSIDE_ROOT and "vocab.ppkm" in m for c, m, _ in found)
    assert all("secret-first-line" not in s.text for s in result.sources.values())
    assert sorted(Path(n).name for n in result.sources) == ["ok.ppkm"]


def test_a_linked_folder_out_of_the_root_is_reported_not_walked(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.ppkm").write_text("this is not a policy\n")
    pol = tmp_path / "pol"
    pol.mkdir()
    (pol / "ok.ppkm").write_text(VOCAB)
    os.symlink(outside, pol / "more")
    found, result = _found([pol])
    assert [c for c, _, _ in found if c == OUTSIDE_ROOT] == [OUTSIDE_ROOT]
    assert sorted(Path(n).name for n in result.sources) == ["ok.ppkm"]


def test_links_that_stay_inside_the_roots_are_followed(tmp_path):
    pol = tmp_path / "pol"
    (pol / "shared").mkdir(parents=True)
    (pol / "shared" / "vocab.ppkm").write_text(VOCAB)
    (pol / "rules").mkdir()
    os.symlink(pol / "shared" / "vocab.ppkm", pol / "rules" / "vocab.ppkm")
    (pol / "rules" / "main.ppkm").write_text(MAIN)
    found, _ = _found([pol / "rules" / "main.ppkm", pol / "shared"])
    assert not [f for f in found if f[0] in (OUTSIDE_ROOT, IMPORT_NOT_FOUND)], found
    # The same import with only the rules folder given leads out of it.
    found, _ = _found([pol / "rules" / "main.ppkm"])
    assert [c for c, _, _ in found].count(OUTSIDE_ROOT) == 1


def test_a_link_loop_is_no_hang(tmp_path):
    pol = tmp_path / "pol"
    pol.mkdir()
    (pol / "ok.ppkm").write_text(VOCAB)
    os.symlink(pol, pol / "again")
    os.symlink(pol / "loop.ppkm", pol / "loop.ppkm")
    found, result = _found([pol])
    assert sorted(Path(n).name for n in result.sources) == ["ok.ppkm"]
    assert any(c in (OUTSIDE_ROOT, UNREADABLE_FILE) and "loop.ppkm" in m for c, m, _ in found)


def test_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    pol = tmp_path / "pol"
    (pol / "sub").mkdir(parents=True)
    (pol / "ok.ppkm").write_text(VOCAB)
    (pol / "sub" / "hidden.ppkm").write_text(VOCAB)
    real_scandir = os.scandir

    def scandir(path="."):  # as `chmod 000 sub` does for anyone but root
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found, result = _found([pol])
    unreadable = [(m, s) for c, m, s in found if c == UNREADABLE_FILE]
    assert len(unreadable) == 1 and "sub" in unreadable[0][0] and "Permission denied" in unreadable[0][0]
    assert sorted(Path(n).name for n in result.sources) == ["ok.ppkm"]
    assert not result.loaded.ok


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads any folder")
def test_an_unreadable_subfolder_for_real(tmp_path):
    pol = tmp_path / "pol"
    (pol / "sub").mkdir(parents=True)
    (pol / "ok.ppkm").write_text(VOCAB)
    (pol / "sub" / "hidden.ppkm").write_text(VOCAB)
    os.chmod(pol / "sub", 0)
    try:
        found, _ = _found([pol])
    finally:
        os.chmod(pol / "sub", 0o755)
    assert any(c == UNREADABLE_FILE and "sub" in m for c, m, _ in found)


# ---------------------------------------------------------------- files that are not files


def test_dev_zero_as_a_policy_is_refused_at_once():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    with pytest.raises(SourceError, match="not a regular file"):
        read_source(Path("/dev/zero"))
    found, _ = _found(["/dev/zero"])
    assert [c for c, _, _ in found] == [UNREADABLE_FILE]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_a_policy_or_in_a_folder_does_not_block(tmp_path):
    pol = tmp_path / "pol"
    pol.mkdir()
    (pol / "ok.ppkm").write_text(VOCAB)
    os.mkfifo(pol / "pipe.ppkm")
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(_found([pol])[0]), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "a FIFO blocked the load"
    assert any(c == UNREADABLE_FILE and "pipe.ppkm" in m and "not a regular file" in m for c, m, _ in outcome[0])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_cli_with_a_fifo_policy_exits_2_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "p.ppkm")
    run = subprocess.run([sys.executable, "-m", "ppkm_lang", "check", str(tmp_path / "p.ppkm")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "not a regular file" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_a_file_that_grows_past_the_limit_is_not_read_past_it(tmp_path, monkeypatch):
    import ppkm_lang.source as source
    monkeypatch.setattr(source, "MAX_FILE_BYTES", 64)
    big = tmp_path / "big.ppkm"
    big.write_text("fact a: bool\n" * 10)
    with pytest.raises(SourceError, match="limited to 64 bytes"):
        read_source(big)
    assert MAX_FILE_BYTES > 64  # the module constant is untouched outside the test


# ---------------------------------------------------------------- file names that are not UTF-8


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path):
    name = os.fsdecode(b"b\xffad.ppkm")
    path = tmp_path / name
    path.write_text("fact a: bool\n")
    found, result = _found([path])
    assert found and all("\\xff" in s and "\udcff" not in s for _, _, s in found)
    for text in (*result.sources, *(m for _, m, _ in found)):
        text.encode("utf-8")  # no lone surrogate anywhere


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_every_output_format_takes_a_file_name_that_is_not_utf8(tmp_path, fmt):
    # Once `UnicodeEncodeError` for SARIF and text, and raw invalid bytes in JSON.
    path = tmp_path / os.fsdecode(b"b\xffad.ppkm")
    path.write_text("fact a: bool\n")  # an unused fact: one warning naming the file
    run = subprocess.run([sys.executable, "-m", "ppkm_lang", "check", "--format", fmt, path.name],
                         capture_output=True, cwd=tmp_path, timeout=120, env={**os.environ, "PPKM_NO_CACHE": "1"})
    assert run.returncode == 0, run.stderr
    out = run.stdout.decode("utf-8")  # valid UTF-8 throughout
    assert "internal error" not in run.stderr.decode("utf-8", "replace")
    if fmt in ("json", "sarif"):
        document = json.loads(out)
        if fmt == "sarif":
            [result] = document["runs"][0]["results"]
            uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            assert uri == "b%FFad.ppkm"  # the URI carries the file's own byte
        else:
            assert document["findings"][0]["location"]["file"] == "b\\xffad.ppkm"
    else:
        assert "b\\xffad.ppkm" in out


def test_with_exclude_in_ppkm_toml_the_search_keeps_its_boundaries(tmp_path, monkeypatch, capsys):
    # `exclude` makes the command line search the directories itself: the same rules hold.
    from ppkm_lang.cli.main import main
    pol = tmp_path / "pol"
    (pol / "sub").mkdir(parents=True)
    (pol / "sub" / "x.ppkm").write_text(VOCAB)
    (pol / "main.ppkm").write_text(MAIN)
    os.symlink(_outside_file(tmp_path), pol / "vocab.ppkm")
    (tmp_path / "ppkm.toml").write_text('exclude = ["nothing/*"]\n')
    monkeypatch.chdir(tmp_path)
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["check", "pol"]) == 2
    out = capsys.readouterr().out
    assert "secret-first-line" not in out
    assert "PPK110" in out and "PPK102" in out and "Permission denied" in out
