"""The compiled query run by DuckDB against the Python evaluator, row by row: every target's
value, citation and status and the row's status, for the shipped policies and for random
generated ones (derived facts, overrides with cycles, every hit policy, instruments that
revoke others), on random rows at the boundaries the rules test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest
import sqlglot
from gen_eval import policies
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlcheck import compare, rows

import ppkm_lang
from ppkm_lang.api import Prepared
from ppkm_lang.sql import (ROW_MESSAGE, ROW_STATUS, compile_id_query, compile_plan, compile_query, input_columns,
                            output_columns)
from ppkm_lang.sql.plan import derived_facts

# Each example is one query over a table of rows (planning the query costs DuckDB far more
# than the rows do), so examples are few and tables long.
SETTINGS = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.data_too_large])


def run(prepared, table: list[dict], *, columns=None, targets=None, extra=(), ids=False) -> list[dict]:
    """The query's output for `table` (typed rows), as dicts; `ids`: through the batch's
    id query."""
    con = duckdb.connect()
    typed = input_columns(prepared, columns)
    decl = ", ".join(f'"{c}" {t}' for c, t in [*typed, *((e, "VARCHAR") for e in extra)])
    con.execute(f"CREATE TABLE facts ({decl})")
    names = [c for c, _ in typed] + list(extra)
    if table:
        marks = ", ".join("?" for _ in names)
        con.executemany(f"INSERT INTO facts VALUES ({marks})", [[r.get(n) for n in names] for r in table])
    if ids:
        return _run_ids(con, prepared, columns, targets)
    cur = con.execute(compile_query(prepared, columns=columns, targets=targets) + " ")
    header = [d[0] for d in cur.description]
    out = [dict(zip(header, r)) for r in cur.fetchall()]
    con.close()
    return out


def _run_ids(con, prepared, columns, targets) -> list[dict]:
    """The batch's form of the query (`compile_id_query`: per target the id of its result,
    the class of an enum or region value through an ENUM type), its ids read back into the
    value, citation and status of the printed query's columns."""
    from ppkm_lang.batch.answer_ids import result_triple
    query, results, enums = compile_id_query(prepared, source="facts", columns=columns, targets=targets)
    for name, members in enums.items():
        con.execute(f"CREATE TYPE {name} AS ENUM ({', '.join(sqlglot.exp.Literal.string(m).sql() for m in members)})")
    cur = con.execute(query)
    header = [d[0] for d in cur.description]
    out = []
    for r in cur.fetchall():
        row = dict(zip(header, r))
        for t, by_id in results.items():
            k = row.pop(t)
            value, cite, status = result_triple(by_id[k]) if k is not None else (None, None, None)
            row.update({t: value, f"{t}_cite": cite, f"{t}_status": status})
        out.append(row)
    con.close()
    return out


@pytest.fixture(scope="module")
def shipped(repo_root):
    prepared = ppkm_lang.prepare(repo_root / "policies")
    assert prepared.ok
    return prepared


def targets_of(prepared, columns=None):
    return [c for c, _ in output_columns(prepared, columns)][0::3][:-1]


# ---------------------------------------------------------------------------- the shipped policies


@SETTINGS
@given(data=st.data())
def test_shipped_policies_agree_with_python(shipped, data):
    columns = [c for c, _ in input_columns(shipped)][1:]
    table = data.draw(rows(shipped, columns, max_rows=50))
    compare(shipped, table, run(shipped, table), columns, targets_of(shipped))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.data_too_large])
@given(data=st.data())
def test_shipped_policies_with_columns_left_out(shipped, data):
    every = [c for c, _ in input_columns(shipped)][1:]
    columns = data.draw(st.lists(st.sampled_from(every), unique=True, max_size=6))
    table = data.draw(rows(shipped, columns, max_rows=40))
    compare(shipped, table, run(shipped, table, columns=columns), columns, targets_of(shipped, columns))


@SETTINGS
@given(data=st.data())
def test_shipped_policies_id_query_agrees_with_python(shipped, data):
    """The batch's id query, with some columns left out, against the Python evaluator."""
    every = [c for c, _ in input_columns(shipped)][1:]
    columns = [c for c in every if data.draw(st.integers(0, 4)) > 0]
    table = data.draw(rows(shipped, columns, max_rows=50))
    compare(shipped, table, run(shipped, table, columns=columns, ids=True), columns, targets_of(shipped, columns))


def test_sibolga_dine_in_on_22_july(shipped):
    """Rows checked by hand against Inmendagri 23/2021: Kota Sibolga is level 3 (KESATU huruf c
    angka 2), where eating in is allowed at 25% of capacity until 17:00 (KESEBELAS huruf d)."""
    columns = ["wilayah", "kegiatan"]
    table = [{"at": dt.date(2021, 7, 22), "wilayah": "KOTA SIBOLGA", "kegiatan": "makan_di_tempat"},
             {"at": dt.date(2021, 7, 26), "wilayah": "KOTA SIBOLGA", "kegiatan": "makan_di_tempat"},
             {"at": dt.date(2021, 7, 22), "wilayah": "KOTA SIBOLGA", "kegiatan": None},
             {"at": dt.date(2021, 7, 22), "wilayah": "KOTA NARNIA", "kegiatan": "makan_di_tempat"}]
    out = run(shipped, table, columns=columns)
    assert out[0]["level"] == "level_3" and out[0]["level_status"] == "ok"
    assert out[0]["level_cite"] == "inmendagri_23_2021 KESATU huruf c angka 2"
    assert out[0]["kapasitas"] == 25.0 and out[0]["kapasitas_cite"] == "inmendagri_23_2021 KESEBELAS huruf d angka 1"
    assert out[0]["jam_tutup"] == 17 * 60
    assert out[0][ROW_STATUS] == "ok" and out[0][ROW_MESSAGE] is None
    assert out[1][ROW_STATUS] == "no_instrument" and out[1]["level_status"] == "no_instrument"
    assert out[1][ROW_MESSAGE] == "no instrument in force on 2021-07-26"
    assert out[2][ROW_STATUS] == "PPK603" and out[2]["level"] is None and out[2]["level_status"] is None
    assert out[3][ROW_STATUS] == "PPK602" and "KOTA NARNIA" in out[3][ROW_MESSAGE]
    compare(shipped, table, out, columns, targets_of(shipped, columns))


def test_other_columns_pass_through_first(shipped):
    table = [{"at": dt.date(2021, 7, 22), "wilayah": "KOTA SIBOLGA", "kegiatan": "makan_di_tempat",
              "rt": "RT 01", "desa": "12.73.01.1001"}]
    out = run(shipped, table, columns=["wilayah", "kegiatan"], extra=("rt", "desa"))
    assert list(out[0])[:3] == ["rt", "desa", "level"]
    assert out[0]["rt"] == "RT 01" and out[0]["desa"] == "12.73.01.1001"
    assert "wilayah" not in out[0] and "at" not in out[0]


def test_targets_choose_the_output_columns(shipped):
    table = [{"at": dt.date(2021, 7, 22), "wilayah": "KOTA SIBOLGA", "kegiatan": "makan_di_tempat"}]
    out = run(shipped, table, columns=["wilayah", "kegiatan"], targets=["kapasitas", "jam_tutup"])
    assert list(out[0]) == ["kapasitas", "kapasitas_cite", "kapasitas_status", "jam_tutup", "jam_tutup_cite",
                            "jam_tutup_status", ROW_STATUS, ROW_MESSAGE]


def test_view_and_dialects(shipped):
    con = duckdb.connect()
    decl = ", ".join(f'"{c}" {t}' for c, t in input_columns(shipped))
    con.execute(f"CREATE TABLE rt ({decl})")
    con.execute(compile_query(shipped, source="rt", view="ppkm"))
    assert con.execute("SELECT count(*) FROM ppkm").fetchone() == (0,)
    spark = compile_query(shipped, dialect="spark")
    assert "`at`" in spark and "EXCEPT" in spark and "STRING" in spark
    postgres = compile_query(shipped, dialect="postgres", view="v")
    assert postgres.startswith('CREATE VIEW "v" AS') and "EXCLUDE" not in postgres and "EXCEPT (" not in postgres
    for dialect, text in (("spark", spark), ("postgres", postgres)):
        sqlglot.parse_one(text, read=dialect)  # at least well formed for the dialect's grammar
    with pytest.raises(ValueError):
        compile_query(shipped, dialect="oracle")


def test_plans_are_small(shipped):
    """Every target is a short decision list per period (the region lists are written once)."""
    plan = compile_plan(shipped)
    assert max(len(cells) for lists in plan.lists.values() for cells in lists) < 100
    assert len(compile_query(shipped)) < 400_000


@SETTINGS
@given(data=st.data())
def test_every_input_kind_agrees_with_python(data):
    """Time, date, number and percent facts at and beside their tested bounds; conflicts."""
    prepared = kinds()
    columns = [c for c, _ in input_columns(prepared)][1:]
    columns = [c for c in columns if data.draw(st.integers(0, 6)) > 0]
    table = data.draw(rows(prepared, columns, max_rows=40))
    out = run(prepared, table, columns=columns)
    compare(prepared, table, out, columns, targets_of(prepared, columns))
    compare(prepared, table, run(prepared, table, columns=columns, ids=True), columns, targets_of(prepared, columns))


def kinds():
    prepared = ppkm_lang.prepare(Path(__file__).parent / "fixtures" / "kinds.ppkm")
    assert prepared.ok
    return prepared


def test_kinds_reach_conflicts_and_typed_values():
    prepared = kinds()
    table = [{"at": dt.date(2021, 7, 3), "sektor": "keuangan", "positivity": 5.0, "buka": True,
              "tanggal_acara": dt.date(2021, 7, 3), "jam": 20 * 60, "rasio": 8.0},
             {"at": dt.date(2021, 7, 3), "sektor": "kritikal", "positivity": 5.5, "buka": False,
              "tanggal_acara": dt.date(2021, 7, 3), "jam": 20 * 60 + 1, "rasio": 8.0}]
    out = run(prepared, table)
    assert out[0]["wfo"] == 50.0 and out[0]["tutup_status"] == "conflict" and out[0][ROW_STATUS] == "conflict"
    assert "`tutup`" in out[0][ROW_MESSAGE]
    assert out[1]["hari"] == dt.date(2021, 7, 5) and out[1]["batas_status"] == "conflict"
    compare(prepared, table, out, [c for c, _ in input_columns(prepared)][1:], targets_of(prepared))


# ---------------------------------------------------------------------------- generated policies


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.data_too_large])
@given(policy=policies(), data=st.data())
def test_generated_policies_agree_with_python(policy, data):
    prepared = Prepared.of(policy)
    derived = derived_facts(policy)
    inputs = [n for n in policy.facts if n not in derived]
    # Sometimes a column is left out (not given) or a derived fact is given as a column.
    columns = [c for c in inputs if data.draw(st.integers(0, 5)) > 0]
    columns += [d for d in policy.facts if d in derived and data.draw(st.integers(0, 3)) == 0]
    columns = [n for n in policy.facts if n in columns]
    table = data.draw(rows(prepared, columns, max_rows=40))
    compare(prepared, table, run(prepared, table, columns=columns), columns, targets_of(prepared, columns))
    compare(prepared, table, run(prepared, table, columns=columns, ids=True), columns, targets_of(prepared, columns))
