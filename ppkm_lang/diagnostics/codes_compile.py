"""Diagnostic codes (see registry.py for the ranges): 62x, compiling a policy for another engine."""
from ppkm_lang.diagnostics.model import Severity
from ppkm_lang.diagnostics.registry import define

UNSUPPORTED_COMPILE_TARGET = define(
    "PPK620", "unsupported-compile-target", "input", Severity.ERROR,
    "`ppkm compile` is asked for a target language or SQL dialect it does not write, or for an "
    "input column, output or relation name it cannot use.",
    why="A query for another dialect, or over columns the policy does not have, would fail in the "
        "database or, worse, run with another meaning.",
    example="ppkm compile policies/ --to sql --dialect oracle",
    fix="Use `--to sql` with `--dialect duckdb`, `spark` or `postgres`; name only facts of the policy "
        "with `--column` and only measures or derived facts with `--measure`.",
    input_problem=True)
