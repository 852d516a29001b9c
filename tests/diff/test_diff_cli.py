"""`ppkm diff`: planted changes reported exactly (regions, witnesses, both sides' citations,
kab/kota counts and weights), the three ways of naming the sides, the formats and exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ppkm_lang.cli.main import main

HERE = Path(__file__).resolve().parent
FIX = HERE / "fixtures"
REPO = HERE.parents[1]


def run(capsys, *argv):
    code = main(["--no-color", "diff", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--format", "json")
    return code, json.loads(out)


def test_planted_threshold_and_value_changes_are_reported_exactly(capsys):
    code, doc = as_json(capsys, FIX / "zonasi_old.ppkm", FIX / "zonasi_new.ppkm")
    assert code == 1 and doc["version"] == 1 and doc["kind"] == "policies" and not doc["equivalent"]
    got = {(c["target"], c["text"], c["old"]["text"], c["new"]["text"]) for c in doc["changes"]}
    period = "from 2021-04-06 to 2021-04-19"
    assert got == {
        ("zona", f"`rumah_positif_7_hari` == 5 and {period}", "oranye", "merah"),
        ("batas_kerumunan", f"`rumah_positif_7_hari` == 5 and {period}", "no rule decides it", "3"),
        ("jam_keluar_masuk_rt", f"`rumah_positif_7_hari` == 5 and {period}", "no rule decides it", "21:00"),
        ("jam_keluar_masuk_rt", f"`rumah_positif_7_hari` >= 6 and {period}", "20:00", "21:00"),
    }
    zona = next(c for c in doc["changes"] if c["target"] == "zona")
    assert zona["witness"] == {"rumah_positif_7_hari": 5, "at": "2021-04-06"}
    assert [c["label"] for c in zona["old"]["cites"]] == ["inmendagri_07_2021 KEDUA huruf c"]
    assert [c["label"] for c in zona["new"]["cites"]] == ["inmendagri_07_2021 KEDUA huruf d"]
    assert (zona["old"]["rules"], zona["new"]["rules"]) == (["zona_rt#3"], ["zona_rt#4"])
    assert zona["when"]["rumah_positif_7_hari"] == {"ranges": [{"min": 5, "min_inclusive": True,
                                                                "max": 5, "max_inclusive": True}]}


def test_a_planted_kab_kota_is_the_whole_impact_with_its_weight(capsys):
    code, doc = as_json(capsys, FIX / "level_old.ppkm", FIX / "level_new.ppkm", "--weights", FIX / "penduduk.csv")
    assert code == 1
    assert {c["target"] for c in doc["changes"]} == {"level", "layanan", "kapasitas", "jam_tutup"}
    assert doc["impact"]["regions"] == 1 and doc["impact"]["names"] == ["KOTA BINJAI"]
    assert doc["impact"]["weight"] == 291842
    level = next(c for c in doc["changes"] if c["target"] == "level")
    assert (level["old"]["value"], level["new"]["value"]) == ("mikro", "level_3")
    assert level["witness"]["wilayah"] == "KOTA BINJAI" and level["regions"] == {"count": 1, "all": False, "names": ["KOTA BINJAI"]}
    assert doc["impact"]["by_target"]["kapasitas"] == {"changes": 1, "regions": 1, "weight": 291842}


def test_text_and_markdown_show_both_sides_with_citations(capsys):
    code, out, _ = run(capsys, FIX / "level_old.ppkm", FIX / "level_new.ppkm")
    assert code == 1
    assert "old: mikro  (inmendagri_23_2021 KESATU huruf d)" in out
    assert "new: level_3  (inmendagri_23_2021 KESATU huruf c angka 2)" in out
    assert "kab/kota: 1 (KOTA BINJAI)" in out and "1 kab/kota touched" in out
    code, out, _ = run(capsys, FIX / "level_old.ppkm", FIX / "level_new.ppkm", "--format", "markdown")
    assert code == 1 and "| where | old | new | example | kab/kota |" in out
    assert "level\\_3 (inmendagri\\_23\\_2021 KESATU huruf c angka 2)" in out and "1: KOTA BINJAI" in out


def test_a_policy_against_itself_is_equivalent(capsys):
    code, out, _ = run(capsys, FIX / "zonasi_old.ppkm", FIX / "zonasi_old.ppkm")
    assert code == 0 and "equivalent" in out
    code, doc = as_json(capsys, FIX / "zonasi_old.ppkm", FIX / "zonasi_old.ppkm")
    assert code == 0 and doc["equivalent"] and doc["changes"] == []


def test_two_days_of_the_shipped_policies(capsys):
    code, doc = as_json(capsys, REPO / "policies", "--at", "2021-04-10", "--vs", "2021-07-22")
    assert code == 1 and doc["kind"] == "dates"
    assert doc["old"]["in_force"] == ["inmendagri_07_2021"] and doc["new"]["in_force"] == ["inmendagri_23_2021"]
    essential = [c for c in doc["changes"] if c["target"] == "sektor_esensial"]
    assert [(c["witness"], c["old"]["value"], c["new"]["value"]) for c in essential] == [
        ({"sektor": "proyek_vital_nasional"}, False, True)]
    assert {c["label"] for c in essential[0]["new"]["cites"]} >= {"inmendagri_23_2021 KESEBELAS huruf c"}
    assert doc["impact"]["regions"] == 514 and len(doc["impact"]["names"]) == 514
    assert essential[0]["regions"] == {"count": 514, "all": True, "names": []}
    code, doc = as_json(capsys, REPO / "policies", "--at", "2021-07-22", "--vs", "2021-07-23")
    assert code == 0 and doc["equivalent"]


@pytest.fixture
def repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copy(FIX / "zonasi_old.ppkm", tmp_path / "zonasi.ppkm")
    env = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    subprocess.run(["git", *env, "commit", "-qm", "old"], cwd=tmp_path, check=True)
    shutil.copy(FIX / "zonasi_new.ppkm", tmp_path / "zonasi.ppkm")
    return tmp_path


def test_rev_compares_the_working_tree_with_a_revision(capsys, repo, monkeypatch):
    monkeypatch.chdir(repo)
    code, doc = as_json(capsys, "zonasi.ppkm", "--rev", "HEAD")
    assert code == 1 and len(doc["changes"]) == 4 and doc["old"]["label"] == "HEAD:zonasi.ppkm"
    code, out, err = run(capsys, "zonasi.ppkm", "--rev", "no-such-branch")
    assert code == 2 and "PPK621" in err


def test_input_problems_exit_2(capsys, tmp_path):
    bad = tmp_path / "w.csv"
    bad.write_text("KOTA ATLANTIS,12\n")
    code, _, err = run(capsys, FIX / "level_old.ppkm", FIX / "level_new.ppkm", "--weights", bad)
    assert code == 2 and "PPK622" in err and "KOTA ATLANTIS" in err
    bad.write_text("kab/kota,penduduk\nKOTA MEDAN,banyak\n")
    code, _, err = run(capsys, FIX / "level_old.ppkm", FIX / "level_new.ppkm", "--weights", bad)
    assert code == 2 and "PPK622" in err
    code, _, err = run(capsys, FIX / "level_old.ppkm")
    assert code == 2 and "OLD and NEW" in err
    code, _, err = run(capsys, FIX / "level_old.ppkm", "--vs", "2021-07-22")
    assert code == 2 and "`--vs` needs `--at`" in err
    code, _, err = run(capsys, FIX / "level_old.ppkm", tmp_path / "missing.ppkm")
    assert code == 2
    code, _, err = run(capsys, FIX / "level_old.ppkm", FIX / "level_new.ppkm", "--measure", "kapasitass")
    assert code == 2 and "kapasitas" in err
    code, _, err = run(capsys, FIX / "level_old.ppkm", FIX / "level_new.ppkm", "--output", tmp_path)
    assert code == 2 and "PPK" in err


def test_output_file_and_markdown(capsys, tmp_path):
    target = tmp_path / "review.md"
    code, out, _ = run(capsys, FIX / "zonasi_old.ppkm", FIX / "zonasi_new.ppkm", "--format", "markdown",
                       "--output", target)
    text = target.read_text(encoding="utf-8")
    assert code == 1 and out == "" and text.startswith("### ppkm diff: ")
    assert "**4 region(s) differ** in 3 of 3 measures and derived facts" in text
    assert "oranye → merah" in text and "kab/kota" not in text


def test_rev_with_a_directory_of_policies(capsys, tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder = tmp_path / "p"
    folder.mkdir()
    shutil.copy(FIX / "level_old.ppkm", folder / "level.ppkm")
    env = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    subprocess.run(["git", *env, "commit", "-qm", "old"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    code, doc = as_json(capsys, "p", "--rev", "HEAD")
    assert code == 0 and doc["equivalent"]
    shutil.copy(FIX / "level_new.ppkm", folder / "level.ppkm")
    code, doc = as_json(capsys, "p", "--rev", "HEAD", "--measure", "level")
    assert code == 1 and doc["impact"]["names"] == ["KOTA BINJAI"] and doc["compared"] == ["level"]
