"""Raw cells -> the typed input columns of the SQL contract, and each row's first input error.

Each distinct cell of a column is read once, in Python, with the policy's own value parser
(`FactParser`, i.e. `semantics.values.parse_value`): a percentage `50%` or `50`, a time
`17:00`, a date `2021-07-22`, `true`/`false`, an enum member, a kab/kota. A kab/kota cell may
be a name in any case, with `Kota`/`Kabupaten`/`Kab.` or, when only one kab/kota has it,
without (`medan` is KOTA MEDAN; `Bogor` is refused: KAB. BOGOR or KOTA BOGOR), or a
Kemendagri code of a kab/kota (`12.73`), kecamatan (`12.73.01`) or desa/kelurahan
(`12.73.01.1001`), which stands for the kab/kota it lies in (`Gazetteer.kabkota_of`).

An empty cell takes the `--set` value of its fact when there is one (and `--at` for `at`);
otherwise the fact is not given in that row, exactly as if its column were absent: the
targets that depend on it come out conditional or undetermined. Columns that name no fact are
passed through to the output as written.

The result is the DuckDB table `typed`: `__line`, `__code` and `__message` (the row's input
error: the record's own, else the first bad cell in column order; NULL when none), the raw
columns (`__raw_0`...), and `at` and one column per fact, typed (see `SQL_TYPES`; NULL on an
error row). The Python side keeps, per column, each distinct cell's value and value class for
the Python engine.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs

from ppkm_lang.batch.read import load_rows, lit, q
from ppkm_lang.diagnostics.codes import INVALID_FACT_VALUE, MALFORMED_INPUT, UNKNOWN_FACT, UNREADABLE_FACTS_FILE
from ppkm_lang.eval.inputs import FactParser, InputError, encode, parse_date
from ppkm_lang.ir.model import BOOL, DATE, ENUM, INT, NUMBER, PERCENT, REGION, TEXT, TIME, Value
from ppkm_lang.semantics.gazetteer import LEVELS
from ppkm_lang.semantics.regions import region_key
from ppkm_lang.semantics.suggest import did_you_mean

AT = "at"
SQL_TYPES = {ENUM: "VARCHAR", REGION: "VARCHAR", TEXT: "VARCHAR", BOOL: "BOOLEAN", INT: "BIGINT",
             NUMBER: "DOUBLE", PERCENT: "DOUBLE", TIME: "INTEGER", DATE: "DATE"}


def sql_value(value: Value) -> Any:
    """A value as its typed column holds it (see the SQL contract)."""
    kind = value.kind
    if kind in (ENUM, REGION, TEXT, BOOL, DATE, TIME):
        return value.data
    if kind == INT:
        return int(value.data)
    return float(value.data)


@attrs.define
class Column:
    """One input column: its name, the fact it gives (None: passed through; `at`: the date),
    and what each distinct raw cell (None for NULL) reads as."""

    name: str
    index: int
    fact: str | None
    kind: str | None = None
    # raw cell -> (Value | datetime.date | None, (code, message) | None)
    cells: dict = attrs.field(factory=dict)


@attrs.define
class Typed:
    header: list[str]
    columns: list[Column]
    facts: list[Column]  # the fact columns, in header order
    at: Column | None  # the `at` column, None when the date comes from `--at`
    default_at: dt.date | None


class _Reader:
    def __init__(self, prepared, defaults: dict[str, str]):
        self.policy = prepared.policy
        self.parser = FactParser(self.policy)
        self.gazetteer = prepared.loaded.gazetteer
        self.defaults = defaults

    def cell(self, fact: str, raw: str | None):
        text = raw.strip() if raw is not None else ""
        if not text:
            if fact not in self.defaults:
                return None, None  # not given in this row
            text = self.defaults[fact]
        try:
            return self.value(fact, text), None
        except InputError as exc:
            return None, (exc.code.code, exc.message if not exc.help else f"{exc.message} ({exc.help})")

    def value(self, fact: str, text: str) -> Value:
        kind = self.policy.facts[fact].type.kind
        if kind != REGION:
            return self.parser.parse(fact, text)
        if any(pattern.fullmatch(text) for level, (_, pattern, _) in LEVELS.items() if level != "provinsi"):
            name = self.gazetteer.kabkota_of(text) if self.gazetteer is not None else None
            if name is None:
                raise InputError(INVALID_FACT_VALUE, f"`{text}` is not a Kemendagri code of a kab/kota, kecamatan or "
                                 "desa/kelurahan in the gazetteer", fact=fact)
            return self.parser.parse(fact, name)
        key = region_key(text)
        bare = self.parser._bare.get(key, [])
        if key not in self.parser.regions and len(bare) == 1:
            key = bare[0]  # `Medan`: the one kab/kota of that name
        return self.parser.parse(fact, key)

    def day(self, raw: str | None, default: dt.date | None):
        text = raw.strip() if raw is not None else ""
        if not text:
            if default is None:
                return None, (MALFORMED_INPUT.code, "the `at` cell is empty and no `--at` was given")
            return default, None
        try:
            return parse_date(text, "the `at` cell"), None
        except InputError as exc:
            return None, (exc.code.code, exc.message)


def classify_header(prepared, header: list[str]) -> list[Column]:
    """The role of each column; PPK601 for a column that looks like a misspelt fact or names a
    measure (a column silently passed through would answer a different question)."""
    policy = prepared.policy
    out = []
    for i, name in enumerate(header):
        if name == AT:
            out.append(Column(name, i, AT))
        elif name in policy.facts:
            out.append(Column(name, i, name, policy.facts[name].type.kind))
        elif name in policy.measures:
            raise InputError(UNKNOWN_FACT, f"the column `{name}` is a measure, not a fact; measures are what the "
                             "answer gives", fact=name)
        else:
            hint = did_you_mean(name, list(policy.facts) + [AT], n=3)
            if hint:
                raise InputError(UNKNOWN_FACT, f"the column `{name}` is not a fact of the policy", fact=name,
                                 help=f"{hint} (rename a column to keep it as it is)")
            out.append(Column(name, i, None))
    return out


def type_cells(con, prepared, header: list[str], workdir: Path, *, default_at: dt.date | None,
               defaults: dict[str, str]) -> Typed:
    """Create the table `typed` from `cells` (see the module's docstring)."""
    columns = classify_header(prepared, header)
    at = next((c for c in columns if c.fact == AT), None)
    if at is None and default_at is None:
        raise InputError(MALFORMED_INPUT, "no date: give `--at YYYY-MM-DD` or an `at` column")
    reader = _Reader(prepared, defaults)
    facts = [c for c in columns if c.fact not in (None, AT)]
    joins, codes, messages, typed_cols = [], [], [], []
    for n, col in enumerate(c for c in columns if c.fact is not None):
        raws = [r for (r,) in con.execute(f"SELECT DISTINCT {q(col.name)} FROM cells").fetchall()]
        if col.fact == AT:
            col.cells = {r: reader.day(r, default_at) for r in raws}
            sql_type = "DATE"
        else:
            col.cells = {r: reader.cell(col.fact, r) for r in raws}
            sql_type = SQL_TYPES[col.kind]
        rows = [(r, sql_value(v) if isinstance(v, Value) else v, *(e or (None, None)))
                for r, (v, e) in col.cells.items()]
        if len(rows) <= LOOKUP_LIMIT:
            value, code, msg = _lookups(con, f"__ppkm_raw{n}", f"c.{q(col.name)}", rows, sql_type)
            codes.append(code)
            messages.append(msg)
            typed_cols.append((value, col.fact))
            continue
        table = f"map{n}"
        load_rows(con, table, workdir, ["raw VARCHAR", f"v {sql_type}", "code VARCHAR", "msg VARCHAR"], rows)
        joins.append(f"LEFT JOIN {table} ON c.{q(col.name)} IS NOT DISTINCT FROM {table}.raw")
        codes.append(f"{table}.code")
        messages.append(f"{table}.msg")
        typed_cols.append((f"{table}.v", col.fact))
    if at is None:
        typed_cols.insert(0, (f"DATE {lit(default_at.isoformat())}", AT))
    raw_cols = [f"c.{q(c.name)} AS __raw_{c.index}" for c in columns]
    code = f"coalesce(CASE WHEN c.__error IS NOT NULL THEN {lit(UNREADABLE_FACTS_FILE.code)} END, {', '.join(codes) or 'NULL'})"
    message = f"coalesce(c.__error, {', '.join(messages) or 'NULL'})"
    # An error row's typed values are NULL: no engine answers from a row it could not read.
    typed = ", ".join(f"CASE WHEN __code IS NULL THEN {q(name)} END AS {q(name)}" for _, name in typed_cols)
    inner = ", ".join([*raw_cols, *(f"{expr} AS {q(name)}" for expr, name in typed_cols)])
    raws = ", ".join(f"__raw_{c.index}" for c in columns)
    con.execute(f"""CREATE TABLE typed AS SELECT __line, __code, __message, {raws}, {typed}
                    FROM (SELECT c.__line, {code} AS __code, {message} AS __message, {inner}
                          FROM cells c {' '.join(joins)}){' ORDER BY __line' if joins else ''}""")
    return Typed(header, columns, facts, at, default_at)


# A column with at most this many distinct cells is typed by lookups in constant lists, a
# projection that keeps the file's order; beyond it, by a join to a table of its cells and a
# sort back into file order (a list literal per distinct cell would grow the query text).
LOOKUP_LIMIT = 10_000


def _lookups(con, type_name: str, raw: str, rows: list[tuple], sql_type: str) -> tuple[str, str, str]:
    """SQL expressions of a column's typed value, error code and message from its raw cell
    `raw`, for `rows` of (raw cell or None, value, code, message): the cell's position among
    the members of an ENUM of the column's cells indexes constant lists (the NULL cell first).
    An ENUM lookup is one hash probe a row; 1.3M rows of four columns by joins and a sort took
    0.75 s of CPU."""
    by_raw = {r[0]: r for r in rows}
    members = [r for r in by_raw if r is not None]
    ordered = [by_raw.get(None, (None, None, None, None)), *(by_raw[m] for m in members)]
    if members:
        con.execute(f"CREATE TYPE {q(type_name)} AS ENUM ({', '.join(lit(m) for m in members)})")
        index = f"coalesce(enum_code({raw}::{q(type_name)}) + 2, 1)"
    else:
        index = "1"
    return tuple(f"([{', '.join(_sql_text(r[k]) for r in ordered)}]::{t}[])[{index}]"
                 for k, t in ((1, sql_type), (2, "VARCHAR"), (3, "VARCHAR")))


def _sql_text(x) -> str:
    """A Python value as a string literal (NULL for None) that casts to its SQL type."""
    if x is None:
        return "NULL"
    if x is True or x is False:
        return "'true'" if x else "'false'"
    if isinstance(x, float):
        return lit(repr(x))
    if isinstance(x, dt.date):
        return lit(x.isoformat())
    return lit(str(x))


__all__ = ["type_cells", "classify_header", "Typed", "Column", "SQL_TYPES", "AT", "sql_value"]
