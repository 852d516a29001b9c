"""`ppkm schema PATH...`: the facts a question can give, the measures an answer holds and the
instruments in the policy, as tables or as JSON for tools that build forms or queries."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from ppkm_lang.diagnostics import render_text
from ppkm_lang.diagnostics.model import Severity
from ppkm_lang.diagnostics.registry import finalize
from ppkm_lang.ir.model import Policy, Type
from ppkm_lang.schema import schema_json, type_json

HELP = "list the facts, measures and instruments of a policy"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="policy files, or directories searched for *.ppkm")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text tables (default) or json")


def run(args, ctx) -> int:
    from ppkm_lang.loader import load

    result = load([Path(p) for p in args.paths], gazetteer=ctx.gazetteer)
    errors = [d for d in finalize(result.diagnostics) if d.severity is Severity.ERROR]
    if errors or result.policy is None:
        # Diagnostics go to stderr so that stdout never holds half a schema.
        render_text.render(errors, result.sources, ctx.err, files=len(result.sources))
        if any(d.code.input_problem for d in errors):
            return 2
        return 1
    if args.format == "json":
        ctx.write(json.dumps(schema_json(result.policy), indent=2, ensure_ascii=False) + "\n")
    else:
        render_tables(result.policy, ctx.out)
    return 0


# ---------------------------------------------------------------------------- JSON


# ---------------------------------------------------------------------------- tables


def render_tables(policy: Policy, console) -> None:
    facts = Table(title="Facts", title_justify="left")
    _columns(facts, "name", "type", "values / range", "unit", "doc")
    for fact in policy.facts.values():
        cells = _type_cells(fact.name, fact.type, fact.doc)
        if fact.derived:
            cells[1].append(" (derived)")
        facts.add_row(*cells)
    measures = Table(title="Measures", title_justify="left")
    _columns(measures, "name", "type", "values / range", "unit", "doc")
    for measure in policy.measures.values():
        measures.add_row(*_type_cells(measure.name, measure.type, measure.doc))
    instruments = Table(title="Instruments", title_justify="left")
    _columns(instruments, "id", "title", "in force", "revokes")
    for inst in policy.instruments.values():
        period = f"{_text(inst.first)} .. {_text(inst.last)}"
        instruments.add_row(Text(inst.id), Text(inst.title), Text(period),
                            Text(", ".join(inst.revokes)))
    for table in (facts, measures, instruments):
        if console.is_terminal:
            console.print(table)
        else:
            # Piped or redirected: no screen to fit, so nothing is cut; every value is whole.
            wide = console.options.update_width(1_000_000)
            width, console.width = console.width, max(console.measure(table, options=wide).maximum, 20)
            try:
                console.print(table)
            finally:
                console.width = width


def _columns(table: Table, first: str, *rest: str) -> None:
    # Names are what people copy into `--set`: keep them whole, and let the prose columns wrap.
    table.add_column(first, no_wrap=True)
    for column in rest:
        table.add_column(column)


def _type_cells(name: str, t: Type, doc: str | None) -> list[Text]:
    info = type_json(t)
    if "values" in info:
        shown = ", ".join(render_text.format_value(v) for v in info["values"])
        for group, members in info.get("groups", {}).items():
            shown += f"\n{group} = {{{', '.join(members)}}}"
    elif "range" in info:
        lo, hi = info["range"]
        shown = "" if lo is None and hi is None else f"{_text(lo) or '..'} .. {_text(hi) or '..'}"
    else:
        shown = ""
    first_line = (doc or "").strip().splitlines()[0] if (doc or "").strip() else ""
    kind = "enum ordered" if info.get("ordered") else t.kind
    return [Text(name), Text(kind), Text(shown), Text(t.unit or ""), Text(first_line)]


def _text(x) -> str:
    return "" if x is None else render_text.format_value(x)
