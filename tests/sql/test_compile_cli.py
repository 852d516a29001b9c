"""`ppkm compile`: the printed query runs in DuckDB and agrees with `ppkm eval`; bad options
are coded (PPK620) and exit 2; a policy with errors exits as `ppkm check` does."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from ppkm_lang.cli.main import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "zonasi_rt.ppkm"


@pytest.fixture(autouse=True)
def plain_env(monkeypatch):
    for name in ("PPKM_DEBUG", "PPKM_GAZETTEER", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


def compiled(capsys, *args) -> str:
    assert main(["compile", str(EXAMPLE), *args]) == 0
    out = capsys.readouterr().out
    assert out.endswith(";\n")
    return out


def eval_json(capsys, at: str, **facts) -> dict:
    sets = [x for k, v in facts.items() for x in ("--set", f"{k}={v}")]
    assert main(["eval", str(EXAMPLE), "--at", at, *sets, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_query_agrees_with_eval(capsys):
    sql = compiled(capsys, "--to", "sql", "--dialect", "duckdb", "--source", "rt")
    con = duckdb.connect()
    con.execute("CREATE TABLE rt (\"at\" DATE, rumah_positif_7_hari BIGINT, rt_id VARCHAR)")  # `at` is a keyword
    cases = [("2021-04-10", 0), ("2021-04-10", 2), ("2021-04-10", 5), ("2021-04-10", 6), ("2021-04-19", 6),
             ("2021-04-20", 6), ("2021-04-05", 1)]
    con.executemany("INSERT INTO rt VALUES (?, ?, ?)", [(a, n, f"RT {i}") for i, (a, n) in enumerate(cases)])
    cur = con.execute(sql.rstrip(";\n"))
    header = [d[0] for d in cur.description]
    rows = [dict(zip(header, r)) for r in cur.fetchall()]
    assert header[0] == "rt_id" and header[-2:] == ["row_status", "row_message"]
    for (at, n), row in zip(cases, rows):
        answer = eval_json(capsys, at, rumah_positif_7_hari=n)
        zona = answer["facts"]["zona"]
        if zona["status"] == "definite":
            assert (row["zona"], row["zona_cite"], row["zona_status"]) == (zona["value"], zona["cite"], "ok")
        else:
            assert row["zona"] is None and row["zona_status"] in ("no_instrument", zona["status"])
        for m in ("batas_kerumunan", "jam_keluar_masuk_rt"):
            t = answer["measures"][m]
            if t["status"] == "definite":
                assert row[m + "_status"] == "ok" and row[m + "_cite"] == t["cite"]
            else:
                assert row[m] is None
        assert row["row_status"] == ("ok" if answer["in_force"] else "no_instrument")
    assert rows[3]["zona"] == "merah" and rows[3]["jam_keluar_masuk_rt"] == 20 * 60
    assert rows[3]["batas_kerumunan"] == 3


def test_view_measure_and_column_options(capsys):
    sql = compiled(capsys, "--dialect", "postgres", "--view", "ppkm_rt", "--measure", "batas_kerumunan")
    assert sql.startswith('CREATE VIEW "ppkm_rt" AS SELECT')
    assert '"batas_kerumunan_status"' in sql and '"jam_keluar_masuk_rt"' not in sql
    spark = compiled(capsys, "--dialect", "spark", "--column", "zona")
    assert "`zona`" in spark and "`rumah_positif_7_hari`" not in spark  # zona given, the count not read


@pytest.mark.parametrize("args, fragment", [
    (["--dialect", "oracle"], "--dialect oracle"),
    (["--to", "javascript"], "--to javascript"),
    (["--measure", "zonz"], "zonz"),
    (["--column", "rumah"], "rumah"),
    (["--source", " "], "--source"),
])
def test_bad_options_are_coded_and_exit_2(capsys, args, fragment):
    assert main(["compile", str(EXAMPLE), *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "[PPK620]" in captured.err and fragment in captured.err


def test_policy_errors_exit_like_check(tmp_path, capsys):
    bad = tmp_path / "bad.ppkm"
    bad.write_text("fact zona : enum { merah\n")
    assert main(["compile", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "PPK1" in captured.err
    assert main(["compile", str(tmp_path / "nope.ppkm")]) == 2
    assert "PPK102" in capsys.readouterr().err
