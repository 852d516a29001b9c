"""`ppkm eval`'s text shows the policy's labels for facts, measures and enum members, the
identifier after them among the details; an unlabelled policy shows identifiers as before."""

from __future__ import annotations

from pathlib import Path

from ppkm_lang.cli.main import main

REPO = Path(__file__).resolve().parents[2]


def _eval(capsys, paths, *args) -> str:
    capsys.readouterr()
    assert main(["eval", *map(str, paths), *args]) == 0
    return capsys.readouterr().out


def test_labels_with_identifiers_in_the_details(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = _eval(capsys, [REPO / "policies"], "--at", "2021-07-22", "--set", "wilayah=KOTA SIBOLGA",
                "--set", "kegiatan=makan_di_tempat")
    # Inmendagri 23/2021 KESEBELAS d.1: dine-in at 25% of capacity; KESATU c.2: Sibolga at level 3.
    assert "kapasitas paling banyak  25%" in out and "(`kapasitas`, rule `l3_makan_kapasitas`)" in out
    assert "level PPKM  PPKM Level 3" in out and "(`level`, rule `level_3_23`)" in out
    assert "  kapasitas  25%" not in out


def test_an_unlabelled_policy_shows_identifiers(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = _eval(capsys, [REPO / "examples"], "--no-gazetteer", "--at", "2021-07-22", "--set", "wilayah=KOTA SIBOLGA",
                "--set", "kegiatan=makan_di_tempat")
    assert "  kapasitas  25%" in out and "`kapasitas`" not in out


def test_a_closed_activity_sets_its_other_measures_apart(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    # Inmendagri 07/2021 KEDUA c: houses of worship closed in zona oranye (4 houses with cases);
    # KESEMBILAN f: worship at 50% capacity, which holds only while they are open.
    out = _eval(capsys, [REPO / "policies"], "--at", "2021-04-10", "--set", "wilayah=KOTA SEMARANG",
                "--set", "kegiatan=ibadah", "--set", "rumah_positif_7_hari=4")
    question = out[out.index("For this question"):out.index("Derived facts")]
    closed, apart = question.split("Other provisions for this activity (apply when it is open)\n")
    assert "status  ditutup" in closed and "50%" not in closed
    assert "kapasitas paling banyak  50%" in apart and "KESEMBILAN huruf f" in apart
    # Where nothing closes it (Sibolga, dine-in) the measures stand together.
    out = _eval(capsys, [REPO / "policies"], "--at", "2021-07-22", "--set", "wilayah=KOTA SIBOLGA",
                "--set", "kegiatan=makan_di_tempat")
    assert "Other provisions" not in out
