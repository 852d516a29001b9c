"""`ppkm ask` in a real terminal (a pseudo-terminal driven by pexpect): it asks only the facts
that would change the answer, takes numbers or names for choices, re-asks after a bad value,
treats an empty reply as "don't know", and ends with the answer `ppkm eval` gives."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

REPO = Path(__file__).resolve().parents[2]
PPKM = [sys.executable, "-m", "ppkm_lang"]


def spawn(*args: str) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "160"}
    child = pexpect.spawn(sys.executable, ["-m", "ppkm_lang", *args], cwd=str(REPO), env=env,
                          encoding="utf-8", timeout=60, dimensions=(50, 160))
    child.logfile_read = io.StringIO()  # the whole transcript, as the terminal showed it
    return child


def transcript(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return child.logfile_read.getvalue()


def evaluate(*args: str) -> dict:
    out = subprocess.run([*PPKM, "eval", *args, "--format", "json"], cwd=REPO, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def test_ask_asks_only_what_changes_the_answer():
    child = spawn("ask", "policies/", "--at", "2021-04-10", "--set", "wilayah=KOTA BOGOR", "--set", "kegiatan=ibadah")
    child.expect(r"\? rumah_positif_7_hari")
    child.expect("it settles: status")
    child.expect(r"answer \(empty: don't know\)")
    child.sendline("banyak")  # not a number: asked again
    child.expect("is not a whole number")
    child.expect(r"answer \(empty: don't know\)")
    child.sendline("4")
    out = transcript(child)
    assert child.exitstatus == 0, out
    assert "status  ditutup" in out and "KEDUA huruf c" in out
    assert "kapasitas paling banyak  50%" in out and "`kapasitas`" in out  # the label, the identifier after
    assert out.count("\n? ") + out.startswith("? ") == 1  # nothing else was asked: the other measures do not depend on more facts
    expected = evaluate("policies/", "--at", "2021-04-10", "--set", "wilayah=KOTA BOGOR", "--set", "kegiatan=ibadah",
                        "--set", "rumah_positif_7_hari=4")
    assert expected["measures"]["status"]["value"] == "ditutup"


def test_ask_from_nothing_asks_place_and_activity_and_accepts_numbers():
    child = spawn("ask", "policies/", "--at", "2021-07-22")
    child.expect(r"\? wilayah")
    child.sendline("kota medan")
    child.expect(r"\? kegiatan")
    child.expect(r"8\. pusat_perbelanjaan")
    child.sendline("8")
    child.expect(r"\? akses_pusat_perbelanjaan")
    child.sendline("")  # don't know: the answer stays conditional on it
    out = transcript(child)
    assert child.exitstatus == 0, out
    assert "given: wilayah = \"KOTA MEDAN\", kegiatan = pusat_perbelanjaan" in out
    assert "status  conditional" in out
    assert "Next question: tempat yang dituju di mal (`akses_pusat_perbelanjaan`)" in out


def test_ask_ends_cleanly_when_input_ends():
    child = spawn("ask", "policies/", "--at", "2021-04-10", "--set", "wilayah=KOTA BOGOR", "--set", "kegiatan=ibadah")
    child.expect(r"answer \(empty: don't know\)")
    child.sendeof()
    out = transcript(child)
    assert child.exitstatus == 2 and "Traceback" not in out
    assert "the interview ended before it was complete" in out
