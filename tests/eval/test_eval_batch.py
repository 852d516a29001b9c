"""Batch CSV: one output row per input row, bad rows reported without disturbing the others,
and output written atomically."""

import csv
import datetime as dt
import io

import pytest
from rich.console import Console
from test_eval_cli import DEMO, Ctx, call

from ppkm_lang import api
from ppkm_lang.eval.engine import Evaluator
from ppkm_lang.cli import eval as eval_cli
from ppkm_lang.eval.batch import atomic_output, output_header, read_csv_rows, run_batch
from ppkm_lang.eval.inputs import InputError

CASES = """wilayah,kegiatan,positivity,at
Kota Medan,makan,,
KOTA SIBOLGA,makan,,
,mall,4%,
,mall,bad,
KOTA MEDAN,makan,,2021-07-26
,mall,3%,2021-07-2x
,mall
KOTA MEDAN,makan,,2021-07-23
"""


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_batch_rows_errors_and_at_column(tmp_path):
    cases = tmp_path / "cases.csv"
    cases.write_text(CASES)
    out = tmp_path / "out.csv"
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", str(cases), "--output", str(out)])
    assert code == 2  # some rows were bad
    rows = rows_of(out.read_text())
    assert [r["row"] for r in rows] == [str(i) for i in range(1, 9)]
    assert list(rows[0]) == ["row", "at", "kapasitas", "jam_tutup", "kapasitas_cite", "jam_tutup_cite",
                             "note", "error"]
    assert rows[0]["kapasitas"] == "0%" and rows[0]["kapasitas_cite"] == "demo_2021 KEDUA huruf b"
    assert rows[0]["at"] == "2021-07-22" and rows[0]["error"] == ""
    assert "PPK602" in rows[1]["error"] and rows[1]["kapasitas"] == ""  # unknown region, no gazetteer
    assert rows[2]["kapasitas"] == "50%"
    assert "PPK603" in rows[3]["error"]
    assert rows[4]["at"] == "2021-07-26" and rows[4]["note"] == "no instrument in force on 2021-07-26"
    assert rows[4]["error"] == "" and rows[4]["kapasitas"] == ""
    assert "PPK603" in rows[5]["error"] and rows[5]["at"] == "2021-07-2x"
    assert "PPK604" in rows[6]["error"]  # too few cells
    assert rows[7]["kapasitas"] == "0%" and rows[7]["at"] == "2021-07-23"
    err = ctx.stderr
    for n in (2, 4, 6, 7):
        assert f"row {n}: " in err
    assert "row 1:" not in err and "4 of 8 rows could not be evaluated" in err


def test_batch_to_stdout_with_set_defaults(tmp_path):
    cases = tmp_path / "cases.csv"
    cases.write_text("kegiatan,positivity\nmall,\nmall,6\nmakan,\n")
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", str(cases), "--set", "positivity=1",
                                "--set", "wilayah=KOTA MEDAN"])
    assert code == 0, ctx.stderr
    rows = rows_of(ctx.stdout)
    assert [r["kapasitas"] for r in rows] == ["50%", "", "0%"]


def test_header_problems_stop_before_any_row(tmp_path):
    cases = tmp_path / "cases.csv"
    for text, code_text in (("kegiatn\nmakan\n", "PPK601"), ("kegiatan,kegiatan\nmakan,makan\n", "PPK604"),
                            ("", "PPK604")):
        cases.write_text(text)
        out = tmp_path / "out.csv"
        code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", str(cases), "--output", str(out)])
        assert code == 2 and f"[{code_text}]" in ctx.stderr
        assert not out.exists()
    cases.write_text("kegiatan\nmakan\n")
    code, ctx = call(eval_cli, [DEMO, "--facts", str(cases)])
    assert code == 2 and "[PPK603]" in ctx.stderr  # no date anywhere


def test_cache_gives_the_same_rows_as_fresh_evaluation():
    loaded = api.load(DEMO)
    ev = Evaluator(loaded.policy)
    header, rows = read_csv_rows("kegiatan,positivity,wilayah\n" + "".join(
        f"{k},{p},{w}\n" for k in ("makan", "mall") for p in ("1", "4.99", "5", "5.01", "")
        for w in ("KOTA MEDAN", "")) * 3)
    rows = list(rows)
    assert all(isinstance(r, str) for r in rows)  # plain lines take the fast path
    buf = io.StringIO()
    summary = run_batch(ev, header, rows, buf, default_at=dt.date(2021, 7, 22), defaults={})
    assert summary.rows == len(rows) and not summary.errors
    assert summary.evaluated < len(rows)  # repeated classes came from the cache
    got = list(csv.reader(io.StringIO(buf.getvalue())))
    assert got[0] == output_header(ev) and len(got) == len(rows) + 1
    for out, line in zip(got[1:], rows):
        facts = {h: c for h, c in zip(header, line.split(",")) if c}
        d = ev.decide("2021-07-22", facts)
        expected = d.measures.get("kapasitas")
        assert len(out) == len(got[0])
        assert out[2] == (str(expected.value) if expected else "")
        assert out[4] == (expected.cite if expected else "")


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


def test_batch_interrupted_midway_keeps_previous_output(tmp_path, monkeypatch):
    cases = tmp_path / "cases.csv"
    cases.write_text("kegiatan\n" + "makan\n" * 50)
    out = tmp_path / "out.csv"
    out.write_text("previous\n")
    import ppkm_lang.eval.batch as batch

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch._Batch, "result", boom)
    with pytest.raises(KeyboardInterrupt):
        call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", str(cases), "--output", str(out)])
    assert out.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.csv", "out.csv"]


def test_read_csv_rows_needs_a_header():
    with pytest.raises(InputError) as info:
        read_csv_rows("")
    assert info.value.code == "PPK604"
    header, rows = read_csv_rows('a,b\n"x\ny",2\n')
    assert header == ["a", "b"] and list(rows) == [["x\ny", "2"]]


def test_unreadable_rows_do_not_stop_the_batch(tmp_path):
    cases = tmp_path / "cases.csv"
    cases.write_bytes(b"kegiatan\nmakan\nmall\x00\nmakan\n")
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", str(cases)])
    rows = rows_of(ctx.stdout)
    assert len(rows) == 3 and code == 2
    assert rows[0]["error"] == "" and rows[1]["error"] != "" and rows[2]["error"] == ""


def test_progress_bar_only_on_a_terminal(tmp_path):
    cases = tmp_path / "cases.csv"
    cases.write_text("kegiatan\n" + "makan\nmall\n" * 5000)
    out = tmp_path / "out.csv"
    ctx = Ctx()
    ctx.err = Console(file=io.StringIO(), force_terminal=True, width=100)
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", str(cases), "--output", str(out)], ctx)
    assert code == 0 and len(rows_of(out.read_text())) == 10000
    assert "evaluating" in ctx.err.file.getvalue()  # the bar was drawn on stderr
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", str(cases), "--output", str(out)])
    assert ctx.stderr == ""  # not a terminal: no bar
