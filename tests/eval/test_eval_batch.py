"""`ppkm eval --facts TABLE`: one answer row per input record in every format, bad records
answered with their status, the residual semantics (definite -> value and citation, else NULL
and a status), and output written atomically with the modes of the umask."""

import csv
import datetime as dt
import io
import json
import os
import stat

import duckdb
import pytest
from test_eval_cli import DEMO, Ctx, call

from ppkm_lang import api
from ppkm_lang.cli import eval as eval_cli
from ppkm_lang.eval.batch import atomic_output

ENGINES = ["python"]  # the DuckDB engine joins when the SQL compiler is installed
try:
    import ppkm_lang.sql  # noqa: F401
    ENGINES.append("duckdb")
except ImportError:
    pass

CASES = """wilayah,kegiatan,positivity,at,id
Kota Medan,makan,,2021-07-22,a1
KOTA MEDAN,mall,4%,2021-07-22,a2
KOTA 5" MEDAN,makan,1,2021-07-22,a3
"KOTA MEDAN,makan,1,2021-07-22,a4
KOTA MEDAN,mall,bad,2021-07-22,a5
KOTA MEDAN,makan,,2021-07-26,a6
KOTA MEDAN,mall,3%,2021-07-22
"KOTA MEDAN",mall,"6",2021-07-22,a8

KOTA MEDAN,mall,4.99,2021-07-23,a9
"""


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def parquet_rows(path):
    con = duckdb.connect()
    cur = con.execute(f"SELECT * FROM read_parquet('{path}')")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def run_table(tmp_path, text, *args, engine="python", name="cases.csv", out="out.csv", ctx=None):
    cases = tmp_path / name
    cases.write_bytes(text.encode() if isinstance(text, str) else text)
    target = tmp_path / out
    code, ctx = call(eval_cli, [DEMO, "--facts", str(cases), "--output", str(target), "--engine", engine, *args],
                     ctx)
    rows = (parquet_rows(target) if out.endswith(".parquet") else rows_of(target.read_text())) \
        if target.exists() else None
    return code, ctx, rows


@pytest.mark.parametrize("engine", ENGINES)
def test_rows_statuses_and_columns(tmp_path, engine):
    code, ctx, rows = run_table(tmp_path, CASES, engine=engine)
    assert code == 2  # some records were bad
    assert len(rows) == 9  # one per record: the blank line is no record
    assert list(rows[0]) == ["wilayah", "kegiatan", "positivity", "at", "id", "level", "level_cite", "level_status",
                             "kapasitas", "kapasitas_cite", "kapasitas_status", "jam_tutup", "jam_tutup_cite",
                             "jam_tutup_status", "row_status", "row_message"]
    a1, a2, a3, a4, a5, a6, short, a8, a9 = rows
    # Definite: value and citation. An empty cell is a fact not given in that row.
    assert a1["kapasitas"] == "0%" and a1["kapasitas_cite"] == "demo_2021 KEDUA huruf b"
    assert a1["kapasitas_status"] == "ok" and a1["row_status"] == "ok" and a1["row_message"] == ""
    assert a1["level"] == "level_4" and a1["level_cite"] == "demo_2021 KESATU huruf a"
    assert a1["jam_tutup"] == "" and a1["jam_tutup_status"] == "undetermined"
    assert a2["kapasitas"] == "50%" and a2["positivity"] == "4%"  # input columns as written
    # Without a gazetteer, a kab/kota the policy does not name is refused; a stray quote
    # inside a cell is kept as written.
    assert a3["row_status"] == "PPK602" and a3["kapasitas"] == "" and a3["kapasitas_status"] == ""
    assert 'KOTA 5" MEDAN' in a3["row_message"]
    assert a4["row_status"] == "PPK604" and "line 5" in a4["row_message"] and "quotes" in a4["row_message"]
    assert a5["row_status"] == "PPK603" and "`bad`" in a5["row_message"] and a5["id"] == "a5"
    assert a6["row_status"] == "no_instrument" and a6["row_message"] == "no instrument in force on 2021-07-26"
    assert a6["kapasitas_status"] == "no_instrument" and a6["kapasitas"] == ""
    assert short["row_status"] == "PPK604" and "4 cells; the header has 5" in short["row_message"]
    assert a8["wilayah"] == "KOTA MEDAN" and a8["kapasitas_status"] == "undetermined"  # 6% is not < 5%
    assert a9["kapasitas"] == "50%" and a9["at"] == "2021-07-23"
    err = ctx.stderr
    for line in (4, 6):
        assert f"line {line}: PPK60" in err  # a bad cell
    for line in (5, 8):
        assert f"PPK604 line {line} " in err  # a malformed record, which names its line itself
    assert "line 2" not in err and "4 of 9 rows could not be evaluated" in err


@pytest.mark.parametrize("engine", ENGINES)
def test_conditional_when_a_deciding_fact_is_absent(tmp_path, engine):
    code, ctx, rows = run_table(tmp_path, "kegiatan,wilayah\nmall,KOTA MEDAN\nmakan,\n", "--at", "2021-07-22",
                                engine=engine)
    assert code == 0, ctx.stderr
    assert rows[0]["kapasitas"] == "" and rows[0]["kapasitas_status"] == "conditional"  # positivity decides
    assert rows[0]["row_status"] == "ok" and rows[0]["level"] == "level_4"
    # `at` comes from --at: it is added in front.
    assert list(rows[0])[:3] == ["at", "kegiatan", "wilayah"] and rows[0]["at"] == "2021-07-22"
    # No region: the level, and so the capacity for makan, depend on it.
    assert rows[1]["level_status"] == "conditional" and rows[1]["kapasitas_status"] == "conditional"


@pytest.mark.parametrize("engine", ENGINES)
def test_rows_agree_with_prepared_evaluate(tmp_path, engine):
    """The oracle: each row equals `Prepared.evaluate` on its own facts; the cache is used."""
    prepared = api.prepare(DEMO, gazetteer=False)
    lines = ["kegiatan,positivity,wilayah,at"]
    for k in ("makan", "mall", ""):
        for p in ("1", "4.99", "5", "5.01", "", "100%"):
            for w in ("KOTA MEDAN", ""):
                for at in ("2021-07-21", "2021-07-25", "2021-07-26"):
                    lines.append(f"{k},{p},{w},{at}")
    code, ctx, rows = run_table(tmp_path, "\n".join(lines + lines[1:]) + "\n", engine=engine)
    assert code == 0, ctx.stderr
    assert len(rows) == 2 * (len(lines) - 1)
    for row in rows:
        facts = {n: row[n] for n in ("kegiatan", "positivity", "wilayah") if row[n]}
        answer = prepared.evaluate(row["at"], facts)
        for name in ("level", "kapasitas", "jam_tutup"):
            t = answer.target(name)
            if not answer.in_force:
                assert row[f"{name}_status"] == "no_instrument"
                continue
            status = {"definite": "ok"}.get(t.status, t.status)
            assert row[f"{name}_status"] == status
            assert row[name] == (str(t.value) if t.status == "definite" else "")
            assert row[f"{name}_cite"] == (t.cite if t.status == "definite" else "")


def test_python_engine_evaluates_each_class_combination_once(tmp_path):
    from ppkm_lang.batch import BatchOptions, run_batch
    cases = tmp_path / "c.csv"
    cases.write_text("kegiatan,positivity\n" + "mall,1\nmall,2\nmall,4.9\nmall,7\nmakan,\n" * 200)
    prepared = api.prepare(DEMO, gazetteer=False)
    result = run_batch(prepared, BatchOptions(str(cases), str(tmp_path / "o.csv"), engine="python",
                                              default_at=dt.date(2021, 7, 22)))
    assert result.rows == 1000 and result.bad_rows == 0
    assert result.evaluated == 3  # mall below 5%, mall at or above, makan


def test_semicolon_csv_stdin_and_set_defaults(tmp_path, monkeypatch):
    text = "kegiatan;positivity;wilayah\nmall;4,5;KOTA MEDAN\nmall;;kota medan\nmakan;1;\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", "-", "--engine", "python",
                                "--set", "positivity=1", "--set", "wilayah=KOTA MEDAN"])
    rows = rows_of(ctx.stdout)
    assert len(rows) == 3 and list(rows[0])[:4] == ["at", "kegiatan", "positivity", "wilayah"]
    assert rows[0]["row_status"] == "PPK603" and "point" in rows[0]["row_message"]  # 4,5: a decimal comma
    assert rows[1]["kapasitas"] == "50%"  # the empty cell took --set positivity=1
    assert rows[2]["kapasitas"] == "0%" and rows[2]["level"] == "level_4"  # --set wilayah
    assert code == 2


def test_region_codes_and_names_through_the_gazetteer(tmp_path):
    ctx = Ctx(gazetteer=None)  # the embedded 2020 list
    text = ("wilayah,kegiatan\n12.71,makan\n12.71.01,makan\n12.71.01.1001,makan\n12.73,makan\nmedan,makan\n"
            "kabupaten berau,makan\n12.71.99,makan\n99.99,makan\nBogor,makan\n")
    code, ctx, rows = run_table(tmp_path, text, "--at", "2021-07-22", ctx=ctx)
    levels = [r["level"] for r in rows]
    assert levels[:3] == ["level_4"] * 3  # Kota Medan by kab/kota, kecamatan and desa code
    assert levels[3] == "level_3" and levels[4] == "level_4" and levels[5] == "level_3"  # Sibolga; medan; Berau
    assert [r["row_status"] for r in rows[6:]] == ["PPK602"] * 3  # no such kecamatan or kab/kota; two Bogors
    assert "Kemendagri code" in rows[6]["row_message"] and rows[6]["wilayah"] == "12.71.99"
    assert code == 2


def _formats(tmp_path, good, bad_csv_lines, bad_json_lines):
    """The same table in every format; `good`: (kegiatan, positivity) rows."""
    header = "kegiatan,positivity"
    csv_text = "\n".join([header, *(f"{k},{p}" for k, p in good), *bad_csv_lines]) + "\n"
    semi = csv_text.replace(",", ";")
    jsonl = "\n".join([*(json.dumps({"kegiatan": k, "positivity": p}) for k, p in good), *bad_json_lines]) + "\n"
    parquet = tmp_path / "cases.parquet"
    src = tmp_path / "src.csv"
    src.write_text("\n".join([header, *(f"{k},{p}" for k, p in good), "makan,lima", "maka,1", "mall,1e999999999"]) + "\n")
    duckdb.connect().execute(f"COPY (SELECT * FROM read_csv('{src}', all_varchar=true)) TO '{parquet}' "
                             "(FORMAT parquet)")
    return {"cases.csv": csv_text, "semi.csv": semi, "cases.jsonl": jsonl, "cases.parquet": parquet.read_bytes()}


@pytest.mark.parametrize("engine", ENGINES)
def test_one_output_row_per_record_in_every_format(tmp_path, engine):
    good = [("mall", "1"), ("makan", ""), ("mall", "9")]
    files = _formats(tmp_path, good, ['"makan,1', "mall,1,2", "mall,x"],
                     ['{"kegiatan": "mall"', '[1]', '{"kegiatan": "mall", "positivity": {"a": 1}}'])
    for name, data in files.items():
        for out in ("out.csv", "out.parquet"):
            code, ctx, rows = run_table(tmp_path, data, "--at", "2021-07-22", engine=engine, name=name, out=out)
            assert len(rows) == 6, (name, out)
            statuses = [r["row_status"] for r in rows]
            assert statuses[:3] == ["ok", "ok", "ok"], (name, statuses)
            assert all(s.startswith("PPK60") for s in statuses[3:]), (name, statuses)
            kap = [r["kapasitas"] for r in rows[:3]]
            assert kap == ([50.0, None, None] if out.endswith(".parquet") else ["50%", "", ""]), (name, out)
            assert code == 2


def test_large_files_with_malformed_records_keep_every_row(tmp_path):
    """Issue: one stray quote used to swallow every later row (and took quadratic time)."""
    n = 100_000
    lines = ["kegiatan,positivity"]
    for i in range(n):
        if i % 997 == 0:
            lines.append('"mall,1')  # an unclosed quote
        elif i % 991 == 0:
            lines.append('mall,5"')
        else:
            lines.append(("mall," if i % 2 else "makan,") + str(i % 9))
    text = "\n".join(lines) + "\n"
    for name, data in (("big.csv", text), ("big.jsonl", "\n".join(
            json.dumps({"kegiatan": ln.split(",")[0], "positivity": ln.split(",")[-1]}) if '"' not in ln else ln
            for ln in lines[1:]) + "\n")):
        code, ctx, rows = run_table(tmp_path, data, "--at", "2021-07-22", name=name)
        assert len(rows) == n, name
        bad = sum(r["row_status"].startswith("PPK") for r in rows)
        assert bad == len([i for i in range(n) if i % 997 == 0 or (i % 991 == 0 and i % 997)]), name
        assert rows[-1]["row_status"] == "ok" and code == 2
    # Parquet has no malformed records, but bad cells: the same count of rows and of bad ones.
    src, parquet = tmp_path / "src.csv", tmp_path / "big.parquet"
    src.write_text("\n".join(ln.replace('5"', '5x').replace('"', '') for ln in lines) + "\n")
    duckdb.connect().execute(f"COPY (SELECT * FROM read_csv('{src}', all_varchar=true, header=true)) TO '{parquet}' "
                             "(FORMAT parquet)")
    code, ctx = call(eval_cli, [DEMO, "--facts", str(parquet), "--at", "2021-07-22", "--output",
                                str(tmp_path / "big-out.parquet"), "--engine", "python"])
    (rows, bad), = duckdb.connect().execute(
        f"SELECT count(*), count(*) FILTER (row_status <> 'ok') FROM '{tmp_path / 'big-out.parquet'}'").fetchall()
    assert rows == n and bad == len([i for i in range(n) if i % 991 == 0 and i % 997]) and code == 2


def test_long_format_and_measure_selection(tmp_path):
    text = "kegiatan,positivity\nmall,1\nmakan,\n"
    code, ctx, rows = run_table(tmp_path, text, "--at", "2021-07-22", "--measure", "kapasitas")
    assert [c for c in rows[0]] == ["at", "kegiatan", "positivity", "kapasitas", "kapasitas_cite",
                                    "kapasitas_status", "row_status", "row_message"]
    code, ctx, rows = run_table(tmp_path, text, "--at", "2021-07-22", "--format", "long", "--measure", "kapasitas",
                                "--measure", "level")
    assert code == 0, ctx.stderr
    assert [(r["kegiatan"], r["measure"], r["value"], r["measure_status"]) for r in rows] == [
        ("mall", "level", "", "conditional"), ("mall", "kapasitas", "50%", "ok"),
        ("makan", "level", "", "conditional"), ("makan", "kapasitas", "", "conditional")]
    assert list(rows[0]) == ["at", "kegiatan", "positivity", "measure", "value", "cite", "measure_status",
                             "row_status", "row_message"]


def test_header_problems_stop_before_any_row(tmp_path):
    for text, code_text in (("kegiatn\nmakan\n", "PPK601"), ("kegiatan,kegiatan\nmakan,makan\n", "PPK604"),
                            ("", "PPK604"), ("kapasitas\n1\n", "PPK601"), ("kegiatan,row_status\nmakan,x\n", "PPK604")):
        code, ctx, rows = run_table(tmp_path, text, "--at", "2021-07-22")
        assert code == 2 and f"[{code_text}]" in ctx.stderr, text
        assert rows is None
    code, ctx, rows = run_table(tmp_path, "kegiatan\nmakan\n")
    assert code == 2 and "[PPK603]" in ctx.stderr  # no date anywhere
    code, ctx, rows = run_table(tmp_path, b"kegiatan\nmak\xffan\n", "--at", "2021-07-22")
    assert code == 2 and "not UTF-8" in ctx.stderr and "line 2" in ctx.stderr


def test_other_columns_pass_through(tmp_path):
    code, ctx, rows = run_table(tmp_path, "rt_id,kegiatan,catatan\n001,makan,=1+1\n002,mall,-5\n", "--at",
                                "2021-07-22")
    assert [r["rt_id"] for r in rows] == ["001", "002"]  # as written, leading zeros kept
    # Spreadsheet-safe CSV: a formula is shown as text; a negative number stays a number.
    assert rows[0]["catatan"] == "'=1+1" and rows[1]["catatan"] == "-5"


def test_formula_cells_are_neutralised(tmp_path):
    text = 'wilayah,kegiatan,at\nKOTA MEDAN,makan,"=HYPERLINK(""http://x"",""y"")"\nKOTA MEDAN,makan,@SUM(A1)\n'
    code, ctx, rows = run_table(tmp_path, text)
    assert rows[0]["at"] == '\'=HYPERLINK("http://x","y")' and rows[0]["row_status"] == "PPK603"
    assert rows[1]["at"] == "'@SUM(A1)"
    from ppkm_lang.outfiles import spreadsheet_safe
    assert [spreadsheet_safe(c) for c in ("=a", "+a", "-a", "@a", "\ta", "\ra", "-5", "+2.5%", "a=", "")] == [
        "'=a", "'+a", "'-a", "'@a", "'\ta", "'\ra", "-5", "+2.5%", "a=", ""]


# ------------------------------------------------------------------ output files


def test_output_mode_follows_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        code, ctx, rows = run_table(tmp_path, "kegiatan\nmakan\n", "--at", "2021-07-22")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o640
    existing = tmp_path / "keep.csv"
    existing.write_text("x")
    existing.chmod(0o664)
    run_table(tmp_path, "kegiatan\nmakan\n", "--at", "2021-07-22", out="keep.csv")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o664 and "kapasitas" in existing.read_text()


def test_a_symlinked_output_is_followed(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    run_table(tmp_path, "kegiatan\nmakan\n", "--at", "2021-07-22", out="link.csv")
    assert link.is_symlink() and "kapasitas" in real.read_text()


@pytest.mark.parametrize("where", ["missing/out.csv", "."])
def test_output_into_a_missing_folder_or_onto_a_folder(tmp_path, where):
    cases = tmp_path / "c.csv"
    cases.write_text("kegiatan\nmakan\n")
    for argv in (["--facts", str(cases)], ["--set", "kegiatan=makan"]):
        code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", *argv, "--output", str(tmp_path / where)])
        assert code == 2 and "[PPK112]" in ctx.stderr and "Traceback" not in ctx.stderr


def test_interrupted_batch_leaves_no_partial_file(tmp_path, monkeypatch):
    cases = tmp_path / "cases.csv"
    cases.write_text("kegiatan\n" + "makan\n" * 50)
    out = tmp_path / "out.csv"
    out.write_text("previous\n")
    import ppkm_lang.batch.write as write

    real_execute = duckdb.DuckDBPyConnection.execute

    def boom(con, query, *args, **kwargs):
        if query.startswith("COPY"):
            real_execute(con, query, *args, **kwargs)  # the partial file exists...
            raise KeyboardInterrupt  # ...when the user presses Ctrl-C
        return real_execute(con, query, *args, **kwargs)

    monkeypatch.setattr(write, "_copy", lambda con, query: boom(con, query))
    with pytest.raises(KeyboardInterrupt):
        call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", str(cases), "--output", str(out)])
    assert out.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.csv", "out.csv"]


def test_stale_temporary_files_of_killed_runs_are_swept(tmp_path):
    from ppkm_lang.outfiles import STALE_SECONDS, sweep_stale
    stale = tmp_path / ".out.csv.ppkm-999999999-abcd.tmp"
    fresh = tmp_path / ".out.csv.ppkm-999999998-abcd.tmp"
    mine = tmp_path / f".out.csv.ppkm-{os.getpid()}-abcd.tmp"
    other = tmp_path / ".notes.tmp"
    for p in (stale, fresh, mine, other):
        p.write_text("x")
    old = os.stat(stale).st_mtime - STALE_SECONDS - 10
    for p in (stale, mine, other):
        os.utime(p, (old, old))
    assert sweep_stale(tmp_path) == [stale]
    assert fresh.exists() and mine.exists() and other.exists()


def test_atomic_output_leaves_nothing_half_written(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old contents\n")
    with pytest.raises(RuntimeError):
        with atomic_output(target) as fh:
            fh.write("new, partial")
            raise RuntimeError("interrupted")
    assert target.read_text() == "old contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    with atomic_output(target) as fh:
        fh.write("complete\n")
    assert target.read_text() == "complete\n"


# ------------------------------------------------------------------ one case from JSON


@pytest.mark.parametrize("text", ['{"positivity": ' + "9" * 5000 + "}", "[" * 100_000 + "]" * 100_000,
                                  '{"positivity": 1e999999999}'])
def test_hostile_json_facts_are_refused_quickly(tmp_path, text):
    facts = tmp_path / "f.json"
    facts.write_text(text)
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", str(facts)])
    assert code == 2 and "[PPK604]" in ctx.stderr and "Traceback" not in ctx.stderr


def test_a_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", str(fifo)])
    assert code == 2 and "not a regular file" in ctx.stderr


def test_shipped_policies_semicolon_csv_and_parquet_keyed_by_desa_codes(tmp_path):
    """The PPKM policies have a measure `status` (hence `row_status`). Desa codes stand for
    their kab/kota."""
    from pathlib import Path
    policies = str(Path(__file__).resolve().parents[2] / "policies")
    text = ("at;wilayah;kegiatan;rumah_positif_7_hari\n2021-07-22;12.73.01.1001;makan_di_tempat;0\n"
            "2021-07-22;12.71.01.1001;makan_di_tempat;0\n2021-04-10;32.71.01.1001;ibadah;7\n2021-07-22;12.71.01.9999;"
            "ibadah;0\n")
    src = tmp_path / "rt.csv"
    src.write_text(text)
    parquet = tmp_path / "rt.parquet"
    duckdb.connect().execute(f"COPY (SELECT * FROM read_csv('{src}', delim=';', all_varchar=true)) TO '{parquet}' "
                             "(FORMAT parquet)")
    outs = []
    for source in (src, parquet):
        out = tmp_path / f"out-{source.suffix[1:]}.csv"
        code, ctx = call(eval_cli, [policies, "--facts", str(source), "--output", str(out), "--engine", "python"],
                         Ctx(gazetteer=None))
        rows = rows_of(out.read_text())
        assert len(rows) == 4 and code == 2
        assert list(rows[0])[-2:] == ["row_status", "row_message"] and "status_status" in rows[0]
        assert [r["row_status"] for r in rows] == ["ok", "ok", "ok", "PPK602"]
        assert rows[0]["level"] == "level_3" and rows[1]["level"] == "level_4"  # Sibolga, Medan
        assert rows[0]["kapasitas_cite"].startswith("inmendagri_23_2021")
        assert rows[2]["zona"] == "merah" and rows[2]["status"] == "ditutup"
        outs.append([{k: v for k, v in r.items() if k != "at"} for r in rows])
    assert outs[0] == outs[1]


@pytest.mark.skipif("duckdb" not in ENGINES, reason="the SQL compiler (ppkm_lang.sql) is not installed")
@pytest.mark.parametrize("out", ["out.csv", "out.parquet"])
def test_both_engines_write_the_same_file(tmp_path, out):
    """The differential test: the same table through DuckDB and Python gives identical output."""
    lines = ["kegiatan,positivity,wilayah,at,id"]
    for i, (k, p, w, at) in enumerate((k, p, w, at) for k in ("makan", "mall", "") for p in ("1", "4.99", "5", "", "x")
                                      for w in ("KOTA MEDAN", "", "KOTA X") for at in ("2021-07-21", "2021-07-26", "")):
        lines.append(f"{k},{p},{w},{at},r{i}")
    lines.append('"broken,1,KOTA MEDAN,2021-07-22,q')
    text = "\n".join(lines) + "\n"
    got = {}
    for engine in ("duckdb", "python"):
        code, ctx, rows = run_table(tmp_path, text, "--at", "2021-07-22", engine=engine, out=f"{engine}-{out}")
        got[engine] = rows
    assert got["duckdb"] == got["python"]
    assert len(got["python"]) == len(lines) - 1


@pytest.mark.skipif("duckdb" not in ENGINES, reason="the SQL compiler (ppkm_lang.sql) is not installed")
def test_engines_agree_and_keep_the_order_on_a_full_table(tmp_path):
    """Every row gives every fact (one compiled query over the whole table, no join): the
    order is the file's, bad rows included, and both engines agree."""
    import random
    rng = random.Random(3)
    lines = ["id,kegiatan,positivity,wilayah,at"]
    for i in range(3000):
        bad = rng.random() < 0.05
        lines.append(f"r{i},{rng.choice(['makan', 'mall'])},{'x' if bad else rng.choice(['1', '4.99', '5', '80%'])},"
                     f"KOTA MEDAN,{rng.choice(['2021-07-21', '2021-07-25', '2021-07-26'])}")
    text = "\n".join(lines) + "\n"
    got = {}
    for engine in ENGINES:
        code, ctx, rows = run_table(tmp_path, text, engine=engine, out=f"{engine}.csv")
        assert [r["id"] for r in rows] == [f"r{i}" for i in range(3000)]
        got[engine] = rows
    assert got["duckdb"] == got["python"]
    assert {r["row_status"] for r in got["duckdb"]} == {"ok", "no_instrument", "PPK603"}


@pytest.mark.parametrize("engine", ENGINES)
def test_rules_of_no_instrument_apply_on_any_day_in_both_engines(tmp_path, engine):
    # A rule that belongs to no instrument applies always (as `Prepared.evaluate` answers);
    # the Python engine once answered every such row NULL with `no_instrument`.
    policy = tmp_path / "p.ppkm"
    policy.write_text("fact a: bool\nmeasure boleh: bool\nrule r {\n  when a\n  then boleh = true\n}\n",
                      encoding="utf-8")
    cases = tmp_path / "cases.csv"
    cases.write_text("a\ntrue\nfalse\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code, _ = call(eval_cli, [str(policy), "--at", "2021-07-02", "--facts", str(cases), "--output", str(out),
                              "--engine", engine])
    assert code == 0
    rows = rows_of(out.read_text())
    prepared = api.prepare(policy, gazetteer=False)
    assert prepared.evaluate("2021-07-02", {"a": True}).target("boleh").value.data is True
    assert [(r["boleh"], r["boleh_status"], r["row_status"]) for r in rows] == [
        ("true", "ok", "no_instrument"), ("", "no_instrument", "no_instrument")]


def _mixed_table(rng, n, regions, activities, dates, numbers):
    """Rows with every pattern of empty cells, bad cells, an unreadable record and dates with
    and without instruments in force, shuffled."""
    lines = []
    for i in range(n):
        cells = [rng.choice(dates), rng.choice(regions), rng.choice(activities), rng.choice(numbers)]
        for j in range(1, 4):
            if rng.random() < 0.15:
                cells[j] = ""
        lines.append(",".join(cells) + f",r{i}")
    lines.insert(n // 2, f'{dates[0]},"{regions[0]},{activities[0]},1,broken')
    return lines


def _run_shipped(tmp_path, text, engine, out):
    from pathlib import Path
    policies = str(Path(__file__).resolve().parents[2] / "policies")
    src = tmp_path / "rt.csv"
    src.write_text(text, encoding="utf-8")
    target = tmp_path / out
    code, ctx = call(eval_cli, [policies, "--facts", str(src), "--output", str(target), "--engine", engine])
    assert code == 2, ctx.err  # some rows are bad
    return parquet_rows(target) if out.endswith(".parquet") else rows_of(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize("out", ["out.csv", "out.parquet"])
def test_python_engine_decision_lists_answer_as_the_residual_engine(tmp_path, monkeypatch, out):
    """The Python engine answers each class combination through the compiled decision lists,
    without the residual engine; with the residual engine alone (as before, and where the
    SQL compiler is not installed) every cell of every row is the same, in file order, bad
    rows and every pattern of empty cells included."""
    import random

    from ppkm_lang.batch import python_engine
    pytest.importorskip("ppkm_lang.sql")
    rng = random.Random(11)
    lines = _mixed_table(rng, 1500, ["KOTA MEDAN", "KOTA SIBOLGA", "KAB. BOGOR", "12.73", "Bogor", "KOTA X"],
                         ["makan_di_tempat", "ibadah", "pusat_perbelanjaan", "area_publik", "tidur"],
                         ["2021-04-08", "2021-07-22", "2021-07-24", "2021-07-30", "2021-13-01", ""],
                         ["0", "1", "2", "3", "5", "6", "40", "-1", "x"])
    text = "at,wilayah,kegiatan,rumah_positif_7_hari,id\n" + "\n".join(lines) + "\n"

    def no_residual(self, *a):
        raise AssertionError("the residual engine ran")

    with monkeypatch.context() as m:
        m.setattr(python_engine.PythonEngine, "_fresh", no_residual)
        lists = _run_shipped(tmp_path, text, "python", "lists-" + out)
    with monkeypatch.context() as m:
        m.setattr(python_engine, "has_planner", lambda: False)
        residual = _run_shipped(tmp_path, text, "python", "residual-" + out)
    assert lists == residual
    ids = [r["id"] for r in lists]
    assert ids[:750] == [f"r{i}" for i in range(750)] and ids[751:] == [f"r{i}" for i in range(750, 1500)]
    statuses = {r["row_status"] for r in lists}
    assert {"ok", "no_instrument", "PPK602", "PPK603", "PPK604"} - statuses == set(), statuses
    assert {r["kapasitas_status"] for r in lists} >= {"ok", "conditional"}


@pytest.mark.skipif("duckdb" not in ENGINES, reason="the SQL compiler (ppkm_lang.sql) is not installed")
def test_engines_agree_on_the_shipped_policies_with_mixed_empty_cells(tmp_path):
    """Rows that leave different facts empty are answered by different compiled queries in
    the DuckDB engine, whose result ids are renumbered into one dictionary per target; the
    Python engine numbers its own. Both write the same cells, as plain text in CSV and as
    VARCHAR in Parquet (the ENUMs of the write do not leak into the file), in file order."""
    import random
    rng = random.Random(5)
    lines = _mixed_table(rng, 1200, ["KOTA MEDAN", "KOTA SIBOLGA", "KOTA BOGOR", "32.01", "KOTA X"],
                         ["makan_di_tempat", "ibadah", "pusat_perbelanjaan", "area_publik"],
                         ["2021-04-08", "2021-07-22", "2021-07-30"], ["0", "1", "4", "9", "x"])
    text = "at,wilayah,kegiatan,rumah_positif_7_hari,id\n" + "\n".join(lines) + "\n"
    for out in ("out.csv", "out.parquet"):
        got = {engine: _run_shipped(tmp_path, text, engine, f"{engine}-{out}") for engine in ("duckdb", "python")}
        assert got["duckdb"] == got["python"]
        rows = got["duckdb"]
        assert len(rows) == 1201 and rows[0]["id"] == "r0" and rows[-1]["id"] == "r1199"
        assert len({r["kapasitas_cite"] for r in rows}) > 2 and len({r["zona"] for r in rows}) > 2
    con = duckdb.connect()
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
                             f"'{tmp_path / 'duckdb-out.parquet'}')").fetchall())
    assert types["zona"] == types["zona_cite"] == types["status_status"] == types["row_status"] == "VARCHAR"
    assert types["kapasitas"] == "DOUBLE"
    csv_text = (tmp_path / "duckdb-out.csv").read_text(encoding="utf-8")
    assert "kapasitas_cite" in csv_text.splitlines()[0] and ",ok," in csv_text


@pytest.mark.parametrize("engine", ENGINES)
def test_wide_columns_typed_by_a_join_give_the_same_rows(tmp_path, engine, monkeypatch):
    """A column of many distinct cells is typed by a join and a sort, a narrow one by ENUM
    lookups: both give the same rows, errors and defaults included."""
    import ppkm_lang.batch.cells as cells

    lines = CASES.splitlines()
    text = "\n".join([*lines, *(f"KOTA MEDAN,mall,{p / 10}%,2021-07-22,b{p}" for p in range(60))]) + "\n"
    _, _, lookups = run_table(tmp_path, text, "--set", "positivity=2%", engine=engine, out="a.csv")
    monkeypatch.setattr(cells, "LOOKUP_LIMIT", 0)
    _, _, joined = run_table(tmp_path, text, "--set", "positivity=2%", engine=engine, out="b.csv")
    assert joined == lookups
    assert {r["row_status"] for r in lookups} >= {"ok", "PPK602", "PPK604"}
    assert lookups[0]["positivity"] == "" and lookups[0]["kapasitas"] != ""  # the default fills the empty cell
