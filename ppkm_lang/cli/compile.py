"""`ppkm compile PATH... --to sql --dialect duckdb|spark|postgres`: the policy as one SQL query
(or view) that applies it to every row of a table, for DuckDB, Spark SQL or PostgreSQL.

The query reads a relation (`--source`, default `facts`) with a DATE column `at` and one typed
column per input fact; see dsl/reference.md, "SQL", for the columns and what they hold."""

from __future__ import annotations

import argparse

HELP = "compile policies to a SQL query (DuckDB, Spark SQL, PostgreSQL) over a table of cases"
TARGETS = ("sql",)
DIALECTS = ("duckdb", "spark", "postgres")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="policy files, or directories searched for *.ppkm")
    parser.add_argument("--to", default="sql", metavar="LANG", help="what to write: sql (the default)")
    parser.add_argument("--dialect", default="duckdb", metavar="NAME",
                        help="duckdb (default), spark or postgres")
    parser.add_argument("--source", default="facts", metavar="NAME",
                        help="the table or view the query reads (default: facts)")
    parser.add_argument("--view", metavar="NAME", help="write CREATE VIEW NAME AS <query> instead of the query")
    parser.add_argument("--measure", action="append", default=None, metavar="NAME",
                        help="output only this measure or derived fact (repeatable; default: all)")
    parser.add_argument("--column", action="append", default=None, metavar="FACT",
                        help="the source has a column for this fact (repeatable; default: every input "
                             "fact); facts without a column are not given")


def run(args, ctx) -> int:
    from ppkm_lang.diagnostics.codes import UNSUPPORTED_COMPILE_TARGET
    from ppkm_lang.eval.inputs import InputError
    from ppkm_lang.cli.eval import input_error, load_prepared

    code = UNSUPPORTED_COMPILE_TARGET
    if args.to not in TARGETS:
        return ctx.fail(f"`--to {args.to}` is not a language ppkm compiles to", code=code, hint="use --to sql")
    if args.dialect not in DIALECTS:
        return ctx.fail(f"`--dialect {args.dialect}` is not a SQL dialect ppkm writes", code=code,
                        hint="one of: " + ", ".join(DIALECTS))
    for option, name in (("--source", args.source), ("--view", args.view)):
        if name is not None and not name.strip():
            return ctx.fail(f"`{option}` needs a name", code=code, hint=f"e.g. {option} facts")
    prepared, status = load_prepared(args.paths, ctx)
    if prepared is None:
        return status
    from ppkm_lang.sql import compile_query
    try:
        sql = compile_query(prepared, dialect=args.dialect, source=args.source, columns=args.column,
                            targets=args.measure, view=args.view)
    except InputError as exc:
        return input_error(ctx, exc)
    ctx.write(sql + ";\n")
    return 0
