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
from ppkm_lang.diagnostics.render_json import jsonable
from ppkm_lang.ir.model import (BOOL, DATE, ENUM, TIME, Fact, Instrument, Measure, Policy, Type,
                                value_from_numeric)

HELP = "list the facts, measures and instruments of a policy"
FORMAT_VERSION = 1


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


def schema_json(policy: Policy) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "facts": [_declaration(f, derived=f.derived) for f in policy.facts.values()],
        "measures": [_declaration(m) for m in policy.measures.values()],
        "instruments": [_instrument(i) for i in policy.instruments.values()],
    }


def _declaration(decl: Fact | Measure, *, derived: bool | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"name": decl.name}
    out.update(type_json(decl.type))
    out["doc"] = decl.doc
    if derived is not None:
        out["derived"] = derived
    return out


def type_json(t: Type) -> dict[str, Any]:
    """`type`, then `values` (enum, bool) or `range` (numeric kinds), `groups`, `unit`."""
    out: dict[str, Any] = {"type": t.kind}
    if t.kind == ENUM:
        out["values"] = list(t.values)
        if t.groups:
            out["groups"] = {name: list(members) for name, members in t.groups}
    elif t.kind == BOOL:
        out["values"] = [True, False]
    elif t.is_numeric:
        out["range"] = [_bound(t.kind, t.lo), _bound(t.kind, t.hi)]
    out["unit"] = t.unit
    return out


def _bound(kind: str, x) -> Any:
    if x is None:
        return None
    if kind in (TIME, DATE):  # minutes and ordinals read back as "HH:MM" and ISO dates
        return value_from_numeric(kind, x).to_json()
    return jsonable(x)


def _instrument(inst: Instrument) -> dict[str, Any]:
    return {
        "id": inst.id,
        "title": inst.title,
        "in_force": [jsonable(inst.first), jsonable(inst.last)],
        "revokes": list(inst.revokes),
    }


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
        console.print(table)


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
    return [Text(name), Text(t.kind), Text(shown), Text(t.unit or ""), Text(first_line)]


def _text(x) -> str:
    return "" if x is None else render_text.format_value(x)
