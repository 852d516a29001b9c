"""One batch run, from the facts file to the written answers (see the package docstring)."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

import attrs

from ppkm_lang.batch.answer_ids import AnswerIds
from ppkm_lang.batch.cells import type_cells
from ppkm_lang.batch.read import format_of, read_table, stage_input
from ppkm_lang.batch.targets import target_columns, target_names
from ppkm_lang.batch.write import WIDE, result_relation, write_result
from ppkm_lang.diagnostics.codes import UNREADABLE_FACTS_FILE
from ppkm_lang.eval.inputs import InputError
from ppkm_lang.outfiles import check_target

PYTHON, DUCKDB = "python", "duckdb"
ERRORS_KEPT = 20
MEMORY_LIMIT = "1GB"


@attrs.define
class BatchOptions:
    facts: str  # a path, or "-" for CSV on stdin
    output: str | None = None  # None: CSV on stdout
    engine: str = DUCKDB
    shape: str = WIDE
    measures: list[str] = attrs.field(factory=list)
    default_at: dt.date | None = None
    defaults: dict[str, str] = attrs.field(factory=dict)


@attrs.define
class BatchResult:
    rows: int
    bad_rows: int
    errors: list[tuple[int, str, str]]  # the first few: (line, code, message)
    evaluated: int | None  # fresh evaluations of the Python engine
    seconds: dict[str, float]  # time spent per stage: read, type, evaluate, write


def connect(workdir: Path):
    import duckdb
    spill = workdir / "spill"
    spill.mkdir()
    con = duckdb.connect(":memory:", config={"temp_directory": str(spill), "preserve_insertion_order": True})
    con.execute("SET enable_progress_bar = false")
    # Wide answer tables are sorted back into file order: above this DuckDB spills to disk
    # rather than growing (a 1.3 million row table of the PPKM policies has 170 columns).
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    return con


def run_batch(prepared, options: BatchOptions, stream=None) -> BatchResult:
    """Answer every record of `options.facts`; raises InputError (before writing anything)
    for a file that cannot be read at all, a header problem or an unwritable output."""
    if options.output is not None:
        check_target(Path(options.output))
    with tempfile.TemporaryDirectory(prefix="ppkm-batch-") as tmp:
        workdir = Path(tmp)
        con = connect(workdir)
        try:
            return _run(con, prepared, options, workdir, stream)
        finally:
            con.close()


def _run(con, prepared, options: BatchOptions, workdir: Path, stream) -> BatchResult:
    seconds = {}
    start = time.perf_counter()
    path = stage_input(options.facts, workdir)
    header = read_table(con, path, format_of(options.facts), options.facts, workdir)
    seconds["read"] = time.perf_counter() - start
    start = time.perf_counter()
    typed = type_cells(con, prepared, header, workdir, default_at=options.default_at, defaults=options.defaults)
    seconds["type"] = time.perf_counter() - start
    targets = target_names(prepared.policy, {c.fact for c in typed.facts}, options.measures)
    taken = set(header) & {name for name, _ in target_columns(prepared.policy, targets)}
    if taken:
        name = sorted(taken)[0]
        raise InputError(UNREADABLE_FACTS_FILE, f"the column `{name}` of the facts file has the name of an answer "
                         "column", help="rename it")
    start = time.perf_counter()
    evaluated, aligned = None, False
    ids = AnswerIds(prepared.policy, targets)
    if options.engine == PYTHON:
        from ppkm_lang.batch.python_engine import run_python
        evaluated = run_python(con, prepared, typed, targets, ids, workdir)
        aligned = True
    else:
        from ppkm_lang.batch.sql_engine import run_sql
        aligned = run_sql(con, prepared, typed, targets, ids)
    seconds["evaluate"] = time.perf_counter() - start
    start = time.perf_counter()
    cols = result_relation(con, prepared, typed, targets, ids, aligned=aligned)
    write_result(con, cols, targets, options.output, options.shape, workdir, stream)
    seconds["write"] = time.perf_counter() - start
    rows, bad = con.execute("SELECT count(*), count(__code) FROM typed").fetchone()
    errors = [tuple(r) for r in con.execute(
        f"SELECT __line, __code, __message FROM typed WHERE __code IS NOT NULL ORDER BY __line LIMIT {ERRORS_KEPT}"
    ).fetchall()]
    return BatchResult(rows, bad, errors, evaluated, seconds)


__all__ = ["run_batch", "BatchOptions", "BatchResult", "PYTHON", "DUCKDB"]
