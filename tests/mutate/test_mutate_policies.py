"""The shipped policies keep the mutation score recorded in policies/README.md."""

from __future__ import annotations

import json
from pathlib import Path

from ppkm_lang.cli.main import main

REPO = Path(__file__).resolve().parents[2]
RECORDED = 100  # policies/README.md, "Mutation score"


def test_policies_keep_their_mutation_score(capsys):
    code = main(["--no-color", "test", str(REPO / "policies"), "--mutate", "--min-score", str(RECORDED),
                 "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0, doc["score"]
    assert doc["score"] >= RECORDED and doc["examples"]["failed"] == 0
    assert doc["survived"] == 0 and doc["equivalent"] == 3
    equivalent = {r["change"] for r in doc["results"] if r["status"] == "equivalent"}
    assert equivalent == {  # explained in policies/README.md
        "rule `prioritas_07_a`: `wilayah` set (6 kab/kota) widened by KAB. BOGOR",
        "rule `prioritas_07_e`: `wilayah` set (5 kab/kota) widened by KAB. PACITAN",
        "rule `level_mikro_jawa_bali_23`: `wilayah` set (128 kab/kota) widened by KAB. LOMBOK BARAT",
    }
