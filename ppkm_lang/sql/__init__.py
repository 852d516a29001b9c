"""Policies compiled to SQL: one query applies the instruments to every row of a table.

    from ppkm_lang.sql import input_columns, compile_query
    input_columns(prepared)            # [("at", "DATE"), ("wilayah", "VARCHAR"), ...]
    compile_query(prepared, dialect="duckdb", source="facts")

The query reads a relation with a DATE column `at` and one typed column per input fact, and
gives, per row, each target (derived facts not given, then measures) with its citation and
status, then the row's `row_status` and `row_message`. It is generated from the residual engine (one
run per set of instruments in force, see `sql.plan`), so it has the Python evaluator's
semantics: a value only where no unknown fact could change it, NULL with the status otherwise.
sqlglot writes it for DuckDB, Spark SQL and PostgreSQL (`sql.emit`). The contract with the
batch readers is in BATCH.md terms: see dsl/reference.md, "SQL".
"""

from __future__ import annotations

from typing import Iterable

from ppkm_lang.sql.emit import AT, DIALECTS, ROW_MESSAGE, ROW_STATUS, sql_type
from ppkm_lang.sql.plan import Plan, build, choose_columns, choose_targets

__all__ = ["input_columns", "output_columns", "compile_query", "compile_id_query", "compile_plan", "DIALECTS", "ROW_STATUS",
           "ROW_MESSAGE"]


def input_columns(prepared, columns: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(column, SQL type) of what the query reads, `at` first: the input facts (no rule assigns
    them), or the facts named in `columns` (derived facts among them are then given)."""
    policy = prepared._require()
    cols = choose_columns(policy, columns)
    return [(AT, "DATE")] + [(c, sql_type(policy.facts[c].type)) for c in cols]


def output_columns(prepared, columns: Iterable[str] | None = None,
                   targets: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(column, SQL type) of what the query adds after the passed-through columns."""
    policy = prepared._require()
    cols = choose_columns(policy, columns)
    out = []
    for t in choose_targets(policy, cols, targets):
        out += [(t, sql_type(policy.output_type(t))), (f"{t}_cite", "VARCHAR"), (f"{t}_status", "VARCHAR")]
    return out + [(ROW_STATUS, "VARCHAR"), (ROW_MESSAGE, "VARCHAR")]


def compile_plan(prepared, columns: Iterable[str] | None = None, targets: Iterable[str] | None = None) -> Plan:
    """The decision lists the query is made of (cached per policy, columns and targets)."""
    key = (tuple(columns) if columns is not None else None, tuple(targets) if targets is not None else None)
    cache = prepared.__dict__.setdefault("_sql_plans", {})
    plan = cache.get(key)
    if plan is None:
        plan = cache[key] = build(prepared, columns, targets)
    return plan


def compile_query(prepared, *, dialect: str = "duckdb", source: str = "facts",
                  columns: Iterable[str] | None = None, targets: Iterable[str] | None = None,
                  view: str | None = None, passthrough: Iterable[str] | None = None) -> str:
    """The SQL text. `source`: the input relation; `columns`: the fact columns it has (default
    every input fact; a fact whose column is absent is not given); `targets`: the outputs
    (default all); `view`: wrap it in CREATE [OR REPLACE] VIEW; `passthrough`: the other
    columns to copy first (default: every other column, where the dialect can say so; none
    for PostgreSQL). Raises PolicyError for a policy with errors, InputError (PPK620) for a
    column or target the policy does not have, ValueError for an unknown dialect."""
    from sqlglot import exp

    from ppkm_lang.sql.emit import build_query

    if dialect not in DIALECTS:
        raise ValueError(f"unknown SQL dialect `{dialect}`; one of: {', '.join(DIALECTS)}")
    columns = tuple(columns) if columns is not None else None
    targets = tuple(targets) if targets is not None else None
    passthrough = tuple(passthrough) if passthrough is not None else None
    key = (dialect, source, columns, targets, view, passthrough)
    cache = prepared.__dict__.setdefault("_sql_texts", {})
    hit = cache.get(key)
    if hit is not None:
        return hit
    plan = compile_plan(prepared, columns, targets)
    query = build_query(plan, prepared.space, dialect=dialect, source=source, passthrough=passthrough)
    if view is not None:
        query = exp.Create(this=exp.Table(this=exp.to_identifier(view, quoted=True)), kind="VIEW",
                           expression=query, replace=dialect != "postgres")
    if len(cache) > 32:
        cache.clear()
    text = cache[key] = query.sql(dialect=dialect)
    return text


def compile_id_query(prepared, *, source: str, columns: Iterable[str] | None = None,
                     targets: Iterable[str] | None = None) -> tuple[str, dict, dict]:
    """The DuckDB query of `compile_query` with each target as one column of result ids
    (see `sql.emit.build_query`), per target the `plan.Result` of each id, in id order, and
    the ENUM types (name -> members) the query uses, which the caller creates first."""
    from ppkm_lang.sql.emit import build_query

    columns = tuple(columns) if columns is not None else None
    targets = tuple(targets) if targets is not None else None
    key = (source, columns, targets)
    cache = prepared.__dict__.setdefault("_sql_id_texts", {})
    hit = cache.get(key)
    if hit is not None:
        return hit
    plan = compile_plan(prepared, columns, targets)
    ids: dict = {}
    enums: dict = {}
    query = build_query(plan, prepared.space, dialect="duckdb", source=source, ids=ids, enums=enums)
    if len(cache) > 32:
        cache.clear()
    hit = cache[key] = (query.sql(dialect="duckdb"), ids, enums)
    return hit
