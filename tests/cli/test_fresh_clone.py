"""A fresh clone answers like any other: the shipped policies, copied alone into an empty
folder, pass their examples and expand Java-Bali provinces with no gazetteer configured."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def ppkm(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PPKM_GAZETTEER", "PPKM_DEBUG")}
    return subprocess.run([sys.executable, "-m", "ppkm_lang", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_policies_pass_their_examples_with_nothing_beside_them(tmp_path):
    shutil.copytree(REPO / "policies", tmp_path / "policies")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["policies"]
    run = ppkm(tmp_path, "test", "policies/")
    assert run.returncode == 0, run.stdout + run.stderr

    run = ppkm(tmp_path, "eval", "policies/", "--at", "2021-07-22", "--set", "wilayah=Kota Bandung",
               "--set", "ppkm_level_4_jawa_bali=false", "--format", "json")
    assert run.returncode == 0, run.stderr
    facts = json.loads(run.stdout)["facts"]
    assert facts["level"]["value"] == "mikro"  # Bandung is in `province "JAWA BARAT"`


def test_check_of_the_policies_reports_no_missing_gazetteer(tmp_path):
    shutil.copytree(REPO / "policies", tmp_path / "policies")
    run = ppkm(tmp_path, "check", "policies/", "--format", "json")
    assert run.returncode == 0, run.stderr
    codes = {d["code"] for d in json.loads(run.stdout)["findings"]}
    assert not codes & {"PPK514", "PPK515"}, codes
