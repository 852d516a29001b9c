"""`ppkm schema` on the teaching example, through the real loader."""

import json
from pathlib import Path

import pytest

from ppkm_lang.cli.main import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "zonasi_rt.ppkm"
DECLARATION_KEYS = {"name", "type", "unit", "doc"}


@pytest.fixture(autouse=True)
def plain_env(monkeypatch):
    for name in ("PPKM_DEBUG", "PPKM_GAZETTEER", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


def schema_json(capsys, *paths):
    assert main(["schema", *map(str, paths), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_shape(capsys):
    doc = schema_json(capsys, EXAMPLE)
    assert set(doc) == {"version", "facts", "measures", "instruments"} and doc["version"] == 1
    assert doc["facts"] and doc["measures"] and doc["instruments"]
    for fact in doc["facts"]:
        assert DECLARATION_KEYS | {"derived"} <= set(fact)
        assert set(fact) - DECLARATION_KEYS - {"derived"} <= {"values", "range", "groups", "ordered"}
        assert isinstance(fact["derived"], bool)
    for measure in doc["measures"]:
        assert DECLARATION_KEYS <= set(measure) and "derived" not in measure
    for inst in doc["instruments"]:
        assert set(inst) == {"id", "title", "in_force", "revokes"}
        assert len(inst["in_force"]) == 2


def test_values_follow_the_example(capsys):
    # Facts the teaching example declares (see examples/zonasi_rt.ppkm).
    doc = schema_json(capsys, EXAMPLE)
    facts = {f["name"]: f for f in doc["facts"]}
    assert facts["zona"]["type"] == "enum" and facts["zona"]["derived"] is True
    assert facts["zona"]["values"] == ["hijau", "kuning", "oranye", "merah"]
    assert facts["rumah_positif_7_hari"]["range"] == [0, 100000]
    measures = {m["name"]: m for m in doc["measures"]}
    assert measures["jam_keluar_masuk_rt"]["range"] == ["00:00", "24:00"]
    instruments = {i["id"]: i for i in doc["instruments"]}
    assert instruments["inmendagri_07_2021"]["in_force"] == ["2021-04-06", "2021-04-19"]


def test_text_tables(capsys):
    assert main(["schema", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    for word in ("Facts", "Measures", "Instruments", "rumah_positif_7_hari", "inmendagri_07_2021"):
        assert word in out


def test_syntax_error_exits_1_with_diagnostics_on_stderr(tmp_path, capsys):
    bad = tmp_path / "bad.ppkm"
    bad.write_text("fact zona : enum { merah\n")
    assert main(["schema", str(bad), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "error[PPK1" in captured.err


def test_missing_path_exits_2(tmp_path, capsys):
    assert main(["schema", str(tmp_path / "nope.ppkm")]) == 2
    assert "PPK102" in capsys.readouterr().err


def test_piped_text_cuts_nothing_and_says_ordered(capsys):
    # capsys is not a terminal: the tables take the width their contents need.
    assert main(["schema", str(REPO / "policies")]) == 0
    out = capsys.readouterr().out
    assert "…" not in out
    assert "belajar_mengajar, tempat_kerja, toko_kebutuhan_sehari_hari" in out
    zona = next(line for line in out.splitlines() if line.startswith("│ zona "))
    assert "enum ordered" in zona and "hijau, kuning, oranye, merah" in zona


def test_json_says_which_enums_are_ordered(capsys):
    doc = schema_json(capsys, EXAMPLE)
    facts = {f["name"]: f for f in doc["facts"]}
    assert facts["zona"]["ordered"] is True
    assert all(f["ordered"] is False for f in doc["facts"] + doc["measures"]
               if f["type"] == "enum" and f["name"] != "zona")
