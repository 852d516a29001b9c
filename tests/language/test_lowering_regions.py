"""Region names are normalised and region sets expanded once, by lowering; later stages compare
official names and never normalise or expand again."""

from __future__ import annotations

import re
from pathlib import Path

from ppkm_lang.ir import model as ir
from ppkm_lang.loader import load

PACKAGE = Path(__file__).resolve().parents[2] / "ppkm_lang"

POLICY = '''
fact wilayah: region
measure kapasitas: percent
interpretation ejaan { question "q" decision "d" reason "r" }
regionset sumatra {
  "Kota Medan"
  "kabupaten  deli serdang"
  "Kota Sibolgaa" = "KOTA SIBOLGA" per ejaan
}
regionset luas {
  include sumatra
  province "DAERAH ISTIMEWA YOGYAKARTA"
  "KAB. BERAU"
}
rule r {
  when wilayah in luas
  then kapasitas = 50%
}
'''


def _load(tmp_path, gazetteer):
    path = tmp_path / "p.ppkm"
    path.write_text(POLICY, encoding="utf-8")
    loaded = load([path], gazetteer=gazetteer)
    assert [d.code for d in loaded.diagnostics] == []
    return loaded.policy


def test_a_region_set_carries_its_expanded_official_names(tmp_path, gazetteer):
    policy = _load(tmp_path, gazetteer)
    assert policy.regionsets["sumatra"].expanded == {"KOTA MEDAN", "KAB. DELI SERDANG", "KOTA SIBOLGA"}
    luas = policy.regionsets["luas"].expanded
    assert policy.regionsets["sumatra"].expanded | {"KAB. BERAU", "KOTA YOGYAKARTA", "KAB. SLEMAN"} <= luas
    assert len(luas) == 3 + 5 + 1  # DI Yogyakarta has five kab/kota
    test = policy.rules["r"].when
    assert isinstance(test, ir.Test) and test.constraint == ir.InSet(luas)


def test_evaluation_analysis_and_docs_do_not_normalise_again():
    later = [p for d in ("eval", "analysis", "docgen") for p in (PACKAGE / d).rglob("*.py")]
    users = [p.relative_to(PACKAGE).as_posix() for p in later if re.search(r"\bregion_key\b", p.read_text())]
    # eval/inputs reads region names typed by a person, which is where normalising belongs.
    assert users == ["eval/inputs.py"]
