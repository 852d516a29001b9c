"""The answer table and its files.

Wide (the default): the input columns as written (with `--at` and no `at` column, an `at`
column holding that date comes first), then the answer columns of `targets`, one row per
input record, in the order of the file. Long (`--format long`): the input columns, then
`measure` (a target's name), `value`, `cite`, `measure_status`, `row_status` and
`row_message`, one row per record and target.

CSV output writes values as `ppkm eval` does (`50%`, `17:00`, `2021-07-22`, `true`), NULL as
an empty cell, and makes text cells safe for spreadsheets (`outfiles.spreadsheet_safe`: a
cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return, and not a number, gets a
leading `'`). Parquet output keeps the types of the SQL contract (percent as DOUBLE in percent
units, time as INTEGER minutes after midnight, dates as DATE) and the text as written.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
from pathlib import Path

from ppkm_lang.batch.answer_ids import AnswerIds
from ppkm_lang.batch.cells import AT, Typed
from ppkm_lang.batch.read import lit, q
from ppkm_lang.batch.targets import row_names, target_kind
from ppkm_lang.ir.model import BOOL, DATE, INT, NUMBER, PERCENT, TIME
from ppkm_lang.outfiles import SPREADSHEET_SAFE_SQL, atomic_path

WIDE, LONG = "wide", "long"
PARQUET_SUFFIXES = (".parquet", ".pq")


def output_format(path: str | None) -> str:
    return "parquet" if path and Path(path).suffix.lower() in PARQUET_SUFFIXES else "csv"


def _text(expr: str, kind: str | None) -> str:
    """A typed expression as the text `ppkm eval` writes (NULL stays NULL)."""
    if kind == PERCENT:
        return f"regexp_replace(CAST({expr} AS VARCHAR), '\\.0$', '') || '%'"
    if kind == NUMBER:
        return f"regexp_replace(CAST({expr} AS VARCHAR), '\\.0$', '')"
    if kind == TIME:
        return f"printf('%02d:%02d', {expr} // 60, {expr} % 60)"
    if kind == BOOL:
        return f"CASE WHEN {expr} THEN 'true' WHEN NOT {expr} THEN 'false' END"
    if kind in (INT, DATE):
        return f"CAST({expr} AS VARCHAR)"
    return SPREADSHEET_SAFE_SQL.format(x=f"CAST({expr} AS VARCHAR)")  # answer text may be an ENUM


def result_relation(con, prepared, typed: Typed, targets: list[str], ids: AnswerIds, *,
                    aligned: bool = False) -> list[tuple[str, str | None, str]]:
    """Create the view `result` (typed answer rows in file order, input errors applied) and
    return its columns as (name, kind or None for raw text, SQL expression in `result`).
    `answers` holds per target the id of the row's result (`answer_ids`), turned here into
    the value, cite and status cells. `aligned`: `answers` holds every column of `typed` in
    file order, so no join or sort is needed (a sort would carry every answer column of
    every row)."""
    policy = prepared.policy
    cols: list[tuple[str, str | None, str]] = []
    select = []
    status, message = row_names(policy)
    a = "t." if aligned else "a."
    if typed.at is None:
        select.append(f"DATE {lit(typed.default_at.isoformat())} AS {q(AT)}")
        cols.append((AT, DATE, q(AT)))
    for c in typed.columns:
        select.append(f"t.__raw_{c.index} AS {q(c.name)}")
        cols.append((c.name, None, q(c.name)))
    for name in targets:
        cells = ids.cells(con, name, f"(CASE WHEN t.__code IS NULL THEN {a}{q(name)} END)")
        for column, expr in zip((name, f"{name}_cite", f"{name}_status"), cells):
            select.append(f"{expr} AS {q(column)}")
            cols.append((column, target_kind(policy, name) if column == name else None, q(column)))
    for name in (status, message):
        select.append(f"CASE WHEN t.__code IS NULL THEN {a}{q(name)} ELSE t.__{'message' if name == message else 'code'} "
                      f"END AS {q(name)}")
        cols.append((name, None, q(name)))
    source = "answers t" if aligned else "typed t LEFT JOIN answers a USING (__line) ORDER BY t.__line"
    con.execute(f"CREATE VIEW result AS SELECT {', '.join(select)} FROM {source}")
    return cols


def _wide_select(cols, csv_out: bool) -> str:
    if not csv_out:
        return ", ".join(expr for _, _, expr in cols)
    return ", ".join(f"{_text(expr, kind)} AS {q(name)}" for name, kind, expr in cols)


def _long_select(cols, targets: list[str], csv_out: bool) -> str:
    row_status, row_message = cols[-2][0], cols[-1][0]
    inputs = [c for c in cols if c[0] not in {*targets, *(f"{t}_cite" for t in targets),
                                              *(f"{t}_status" for t in targets), row_status, row_message}]
    kinds = {name: kind for name, kind, _ in cols}
    head = ", ".join(_text(expr, kind) + f" AS {q(name)}" if csv_out else expr for name, kind, expr in inputs)
    parts = []
    for n, t in enumerate(targets):
        value = _text(q(t), kinds[t])
        status = _text(q(row_status), None) if csv_out else q(row_status)
        message = _text(q(row_message), None) if csv_out else q(row_message)
        parts.append(f"SELECT {head + ', ' if head else ''}{lit(t)} AS measure, {value} AS value, "
                     f"{q(t + '_cite')} AS cite, {q(t + '_status')} AS measure_status, {status} AS {q(row_status)}, "
                     f"{message} AS {q(row_message)}, __n, {n} AS __t FROM (SELECT *, row_number() OVER () AS __n FROM result)")
    names = ", ".join([*(q(name) for name, _, _ in inputs), "measure", "value", "cite", "measure_status",
                       q(row_status), q(row_message)])
    return f"{names} FROM ({' UNION ALL '.join(parts)}) ORDER BY __n, __t"


def write_result(con, cols, targets: list[str], out: str | None, shape: str, workdir: Path, stream=None) -> None:
    """Write `result` to `out` (atomically) or, as CSV, to `stream` (a text stream; stdout)."""
    fmt = output_format(out)
    csv_out = fmt == "csv"
    if shape == LONG:
        query = "SELECT " + _long_select(cols, targets, csv_out)
    else:
        query = f"SELECT {_wide_select(cols, csv_out)} FROM result"
    options = "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULL ''" if csv_out else "FORMAT parquet"
    if out is None:
        tmp = workdir / "stdout.csv"
        _copy(con, f"COPY ({query}) TO {lit(str(tmp))} ({options})")
        stream = stream if stream is not None else sys.stdout
        with open(tmp, encoding="utf-8", newline="") as fh:
            shutil.copyfileobj(fh, stream)
        stream.flush()
        return
    with atomic_path(Path(out)) as tmp, _one_thread(con, not csv_out):
        _copy(con, f"COPY ({query}) TO {lit(str(tmp))} ({options})")


def _copy(con, statement: str) -> None:
    con.execute(statement)


@contextlib.contextmanager
def _one_thread(con, parquet: bool):
    """One thread for a Parquet copy: in parallel, with the file's order kept, each thread
    holds a row group of every answer column (some 300 MB for the PPKM policies) and the
    groups wait to be written in order; near the memory limit that thrashed (500k rows: 36 s
    for the copy on two threads, 8 s on one, on the loaded 2-core machine). Smaller row
    groups would bound that too, but DuckDB then writes the rows out of order."""
    if not parquet:
        yield
        return
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {int(threads)}")


__all__ = ["result_relation", "write_result", "output_format", "WIDE", "LONG"]
