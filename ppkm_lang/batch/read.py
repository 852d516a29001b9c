"""Reading a table of cases into DuckDB: one row of raw text per record, never fewer.

CSV (`.csv`, `.txt`, anything else not named below, and `-` for stdin): UTF-8 (a BOM is
allowed). The header row names the columns and decides the delimiter: `;` when it holds
more `;` than `,` (as spreadsheets in the Indonesian locale write), else `,`. A record is
one line; blank lines are skipped. Cells may be quoted (`"KOTA MEDAN, X"`, `""` for a quote
inside); a quote inside an unquoted cell (`KOTA 5" MEDAN`) is kept as written. A line whose
quotes do not close, or that has more or fewer cells than the header, is a *malformed
record*: it still gets its output row, whose status is PPK604 and whose message names the
line, and the lines after it are read as usual (a quoted cell cannot span lines).

Parquet (`.parquet`, `.pq`): a record per row; typed columns are read as text (`DATE` as
`YYYY-MM-DD`, `BOOLEAN` as `true`/`false`, numbers as written by DuckDB).

JSON lines (`.jsonl`, `.ndjson`): one JSON object per line; the columns are the keys in order
of first appearance; a line that is not a JSON object is a malformed record; `null` is an
empty cell; a nested value is a cell that no fact type accepts.

The table `cells` has `__line` (the record's line in the file, or its row number in a Parquet
file, from 1), `__error` (NULL, or why the record could not be read) and one VARCHAR column per
header column.
"""

from __future__ import annotations

import csv
import os
import stat
import sys
from pathlib import Path

from ppkm_lang.diagnostics.codes import UNREADABLE_FACTS_FILE
from ppkm_lang.eval.inputs import InputError

CSV, PARQUET, JSONL = "csv", "parquet", "jsonl"
_BY_SUFFIX = {".parquet": PARQUET, ".pq": PARQUET, ".jsonl": JSONL, ".ndjson": JSONL}


def format_of(path: str) -> str:
    return CSV if path == "-" else _BY_SUFFIX.get(Path(path).suffix.lower(), CSV)


def q(name: str) -> str:
    """`name` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def lit(text: str) -> str:
    """`text` as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _problem(message: str, help: str | None = None) -> InputError:
    return InputError(UNREADABLE_FACTS_FILE, message, help=help)


def stage_input(path: str, workdir: Path) -> Path:
    """The file to read: stdin copied into `workdir`; a path that is not a regular file (a
    FIFO, a device) is refused before anything is read."""
    if path == "-":
        staged = workdir / "stdin.csv"
        with open(staged, "wb") as out:
            while block := sys.stdin.buffer.read(1 << 20):
                out.write(block)
        return staged
    p = Path(path)
    try:
        info = os.stat(p)
    except OSError as exc:
        raise _problem(f"cannot read the facts file `{path}`: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _problem(f"the facts file `{path}` is not a regular file", "give a file (or `-` for stdin)")
    return p


def read_table(con, path: Path, fmt: str, display: str, workdir: Path) -> list[str]:
    """Create the table `cells` from the file; its header (column names, in order)."""
    if fmt == PARQUET:
        return _read_parquet(con, path, display)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _problem(f"the facts file `{display}` is not UTF-8 text (line {line})",
                       "save it as UTF-8 (CSV UTF-8 in a spreadsheet)") from None
    sep = next((chr(c) for c in range(1, 32) if c not in (9, 10, 13) and chr(c) not in text), None)
    if sep is None:  # pragma: no cover - a file holding every control character
        raise _problem(f"the facts file `{display}` holds control characters")
    _read_lines(con, path, sep, display)
    if fmt == JSONL:
        return _jsonl_cells(con, display)
    first = text.split("\n", 1)[0].rstrip("\r")
    return _csv_cells(con, first, display, workdir)


def _read_lines(con, path: Path, sep: str, display: str) -> None:
    import duckdb
    try:
        con.execute(f"CREATE TABLE lines AS SELECT rtrim(line, chr(13)) AS line FROM read_csv({lit(str(path))}, "
                    f"columns={{'line': 'VARCHAR'}}, header=false, auto_detect=false, delim={lit(sep)}, quote='', "
                    "escape='', strict_mode=false, max_line_size=16777216)")
    except duckdb.Error as exc:
        raise _problem(f"cannot read the facts file `{display}`: {str(exc).splitlines()[0]}") from None
    # Line numbers: the table keeps the file's order, so a row's position is its line. A view,
    # not a copy of every line.
    con.execute("CREATE VIEW numbered AS SELECT rowid + 1 AS __line, line FROM lines")


def delimiter_of(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _csv_cells(con, first: str, display: str, workdir: Path) -> list[str]:
    if not first.lstrip("\ufeff").strip():
        raise _problem(f"the facts file `{display}` is empty or its first line is blank: it needs a header row "
                       "naming the facts")
    first = first.lstrip("\ufeff")
    delim = delimiter_of(first)
    try:
        header = [h.strip() for h in next(csv.reader([first], delimiter=delim, strict=True))]
    except csv.Error as exc:
        raise _problem(f"the header row of `{display}` cannot be read: {exc}") from None
    _check_header(header, display)
    width = len(header)
    # Lines without a quote are split in SQL; the others are read by the csv module here.
    quoted = con.execute("SELECT __line, line FROM numbered WHERE __line > 1 AND contains(line, '\"')").fetchall()
    parsed: list[tuple] = []
    for number, line in quoted:
        try:
            cells = next(csv.reader([line], delimiter=delim, strict=True))
            error = None if len(cells) == width else _width_error(number, len(cells), width)
        except csv.Error as exc:
            cells, error = [], f"line {number} cannot be read as CSV ({exc}): check its quotes: {_excerpt(line)}"
        if error is not None:
            cells = []
        cells = ([c if c != "" else None for c in cells] + [None] * width)[:width]
        parsed.append((number, error, *cells))
    load_rows(con, "quoted", workdir, ["__line BIGINT", "__error VARCHAR", *(f"c{i} VARCHAR" for i in range(width))],
               parsed)
    cols = ", ".join(f"CASE WHEN __bad THEN NULL ELSE nullif(parts[{i + 1}], '') END AS {q(h)}"
                     for i, h in enumerate(header))
    qcols = ", ".join(f"c{i} AS {q(h)}" for i, h in enumerate(header))
    split = f"""
          SELECT __line, CASE WHEN __bad THEN 'line ' || __line || ' has ' || len(parts) || ' cells; the header has '
                 || {width} END AS __error, {cols}
          FROM (SELECT __line, parts, len(parts) <> {width} AS __bad
                FROM (SELECT __line, string_split(line, {lit(delim)}) AS parts FROM numbered
                      WHERE __line > 1 AND line IS NOT NULL AND trim(line) <> '' AND NOT contains(line, '"')))"""
    if parsed:
        con.execute(f"""CREATE TABLE cells AS SELECT __line, __error, {', '.join(q(h) for h in header)} FROM (
                        {split} UNION ALL SELECT __line, __error, {qcols} FROM quoted) ORDER BY __line""")
    else:  # the usual file: a projection of the lines keeps their order, no sort needed
        con.execute(f"CREATE TABLE cells AS {split}")
    con.execute("DROP VIEW numbered")
    con.execute("DROP TABLE lines")
    con.execute("DROP TABLE quoted")
    return header


def load_rows(con, table: str, workdir: Path, columns: list[str], rows) -> None:
    """Create `table` (columns as `name TYPE`) holding `rows` of Python values (None for NULL),
    through a CSV file in `workdir`: DuckDB reads it far faster than row-by-row inserts."""
    path = workdir / f"{table}.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.writelines(map(row_text, rows))
    read_rows_file(con, table, path, columns)
    path.unlink()


def cell_text(x) -> str:
    """A Python value as a cell of the files `read_rows_file` reads: NULL empty and unquoted,
    text and dates quoted, numbers and booleans bare."""
    if x is None:
        return ""
    if x is True or x is False:
        return "true" if x else "false"
    if isinstance(x, (int, float)):
        return repr(x)
    if isinstance(x, str):
        return '"' + x.replace('"', '""') + '"'
    return f'"{x}"'


def row_text(row) -> str:
    return ",".join(map(cell_text, row)) + "\n"


def read_rows_file(con, table: str, path: Path, columns: list[str]) -> None:
    """Create `table` from a header-less CSV file written as `load_rows` writes them (strings
    quoted, numbers bare, NULL as an empty unquoted cell)."""
    spec = ", ".join(f"{lit(c.split(' ', 1)[0])}: {lit(c.split(' ', 1)[1])}" for c in columns)
    con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv({lit(str(path))}, columns={{{spec}}}, header=false, "
                "auto_detect=false, delim=',', quote='\"', escape='\"', allow_quoted_nulls=false)")


def _width_error(number: int, got: int, width: int) -> str:
    return f"line {number} has {got} cells; the header has {width}"


def _excerpt(line: str, limit: int = 60) -> str:
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _check_header(header: list[str], display: str) -> None:
    seen: set[str] = set()
    for name in header:
        if not name:
            raise _problem(f"the header row of `{display}` has an empty column name")
        if name in seen:
            raise _problem(f"the column `{name}` appears twice in the header of `{display}`")
        seen.add(name)


def _jsonl_cells(con, display: str) -> list[str]:
    con.execute("""CREATE TABLE objects AS SELECT __line, line,
                   CASE WHEN json_valid(line) THEN json_type(line) = 'OBJECT' ELSE false END AS __ok
                   FROM numbered WHERE line IS NOT NULL AND trim(line) <> ''""")
    keys = [k for (k,) in con.execute(
        "SELECT k FROM (SELECT unnest(json_keys(line)) AS k, __line FROM objects WHERE __ok) "
        "GROUP BY k ORDER BY min(__line), k").fetchall()]
    if not keys:
        raise _problem(f"the facts file `{display}` holds no JSON object", 'write one object per line: {"fact": value}')
    _check_header(keys, display)
    cols = ", ".join(f"CASE WHEN __ok THEN nullif(json_extract_string(line, {lit(_json_path(k))}), '') END AS {q(k)}" for k in keys)
    con.execute(f"""CREATE TABLE cells AS SELECT __line,
                    CASE WHEN NOT __ok THEN 'line ' || __line || ' is not a JSON object' END AS __error, {cols}
                    FROM objects ORDER BY __line""")
    con.execute("DROP TABLE objects")
    con.execute("DROP VIEW numbered")
    con.execute("DROP TABLE lines")
    return keys


def _json_path(key: str) -> str:
    return '$."' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _read_parquet(con, path: Path, display: str) -> list[str]:
    import duckdb
    try:
        names = [d[0] for d in con.execute(f"SELECT * FROM read_parquet({lit(str(path))}) LIMIT 0").description]
    except duckdb.Error as exc:
        raise _problem(f"the facts file `{display}` is not a readable Parquet file: {str(exc).splitlines()[0]}") from None
    header = [n.strip() for n in names]
    _check_header(header, display)
    cols = ", ".join(f"nullif(CAST({q(n)} AS VARCHAR), '') AS {q(h)}" for n, h in zip(names, header))
    con.execute(f"""CREATE TABLE cells AS SELECT file_row_number + 1 AS __line, NULL::VARCHAR AS __error, {cols}
                    FROM read_parquet({lit(str(path))}, file_row_number=true) ORDER BY __line""")
    return header


__all__ = ["read_table", "stage_input", "format_of", "delimiter_of", "q", "lit", "CSV", "PARQUET", "JSONL"]
