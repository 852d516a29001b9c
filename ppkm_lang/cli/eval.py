"""`ppkm eval PATH... --at DATE --set fact=value ...`: the measures in force for one case, or
for every row of a CSV table of cases.

With `--facts cases.csv`, one result row per case (CSV on stdout or in `--output`); rows
that cannot be evaluated carry their error and are listed on stderr, and the command then
exits 2 after writing every row.

Also holds what `explain` and `test` share: loading the policy (load errors are printed and end
the command with 1) and reading the facts from `--set` and `--facts`.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ppkm_lang.eval.inputs import InputError, parse_date, split_assignment
from ppkm_lang.eval.results import NO_INSTRUMENT, Decision
from ppkm_lang.diagnostics.codes import MALFORMED_INPUT, UNREADABLE_FACTS_FILE

HELP = "evaluate policies on a date for given facts: each measure with the diktum it comes from"
MAX_ROW_ERRORS_SHOWN = 20


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="policy files, or directories searched for *.ppkm")
    parser.add_argument("--at", metavar="YYYY-MM-DD", help="the date to evaluate on")
    parser.add_argument("--set", dest="set_facts", action="append", default=[], metavar="FACT=VALUE",
                        help="give a fact (repeatable), e.g. --set kegiatan=makan_di_tempat")
    parser.add_argument("--facts", metavar="FILE",
                        help="facts from a JSON object, or a CSV table with one case per row")
    parser.add_argument("--output", metavar="FILE", help="write the result to FILE (atomically)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text for people (default) or json (versioned); CSV input gives CSV")


# ---------------------------------------------------------------------------- shared


def load_policy(paths, ctx):
    """The loaded policy, or (None, exit code) after printing the load errors."""
    from ppkm_lang import api
    from ppkm_lang.diagnostics.model import Severity

    loaded = api.load([Path(p) for p in paths], gazetteer=ctx.gazetteer)
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    if loaded.policy is not None and not errors:
        return loaded.policy, 0
    try:
        from ppkm_lang.diagnostics import render_text
        render_text.render(errors, loaded.sources, ctx.err)
    except ImportError:  # pragma: no cover - the renderer ships with the package
        for d in errors:
            ctx.err.print(Text(f"{d.span}: error[{d.code}]: {d.message}"), soft_wrap=True)
    unreadable = any(d.code.input_problem for d in errors)
    return None, 2 if unreadable else 1


def input_error(ctx, exc: InputError) -> int:
    return ctx.fail(exc.message, code=exc.code, hint=exc.help)


class Inputs:
    """The facts of one case, or a CSV table of cases."""

    def __init__(self):
        self.at = None
        self.facts: dict[str, object] = {}
        self.table: tuple[list[str], object] | None = None
        self.defaults: dict[str, str] = {}


def read_inputs(args, *, allow_table: bool = True) -> Inputs:
    """Facts from `--facts` then `--set` (which wins); raises InputError."""
    inputs = Inputs()
    if args.at is not None:
        inputs.at = parse_date(args.at, "the `--at` date")
    file_facts: dict[str, object] = {}
    if args.facts:
        path = Path(args.facts)
        text = _read_text(path)
        if path.suffix.lower() == ".csv" or (path.suffix.lower() != ".json" and not text.lstrip().startswith("{")):
            if not allow_table:
                raise InputError(UNREADABLE_FACTS_FILE, f"`{path}` is a table of cases; this command takes one case",
                                 help="give a JSON object or --set, or use `ppkm eval` for tables")
            from ppkm_lang.eval.batch import read_csv_rows
            inputs.table = read_csv_rows(text)
        else:
            file_facts = _json_facts(path, text)
    set_facts = dict(split_assignment(s) for s in args.set_facts)
    if inputs.table is not None:
        inputs.defaults = set_facts
    else:
        inputs.facts = {**file_facts, **set_facts}
    return inputs


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(UNREADABLE_FACTS_FILE, f"cannot read the facts file `{path}`: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(UNREADABLE_FACTS_FILE, f"the facts file `{path}` is not UTF-8 text (byte {exc.start})") from None


def _json_facts(path: Path, text: str) -> dict[str, object]:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InputError(UNREADABLE_FACTS_FILE, f"the facts file `{path}` is not valid JSON: {exc.msg} at line {exc.lineno}",
                         help='write one object: {"fact": "value", ...}') from None
    if not isinstance(data, dict):
        raise InputError(UNREADABLE_FACTS_FILE, f"the facts file `{path}` must hold one JSON object of facts",
                         help='write {"fact": "value", ...}; use a CSV file for many cases')
    out = {}
    for name, value in data.items():
        if value is None:
            continue  # null: not given
        if isinstance(value, (dict, list)):
            raise InputError(UNREADABLE_FACTS_FILE, f"the value of `{name}` in `{path}` must be a string, number or boolean")
        out[name] = value
    return out


def write_output(ctx, args, render) -> None:
    """Run `render(console)` on stdout, or on a console writing atomically to `--output`."""
    if not getattr(args, "output", None):
        render(ctx.out)
        return
    from ppkm_lang.eval.batch import atomic_output
    with atomic_output(Path(args.output)) as fh:
        render(Console(file=fh, no_color=True, color_system=None, highlight=False, emoji=False, width=120))


def write_json(ctx, args, document: dict) -> None:
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if getattr(args, "output", None):
        from ppkm_lang.eval.batch import atomic_output
        with atomic_output(Path(args.output)) as fh:
            fh.write(text)
    else:
        ctx.write(text)


# ---------------------------------------------------------------------------- eval


def run(args, ctx) -> int:
    policy, code = load_policy(args.paths, ctx)
    if policy is None:
        return code
    from ppkm_lang import api
    ev = api.compiled(policy)
    try:
        inputs = read_inputs(args)
        if inputs.table is not None:
            return _run_table(args, ctx, ev, inputs)
        if inputs.at is None:
            raise InputError(MALFORMED_INPUT, "no date: give `--at YYYY-MM-DD`")
        decision = ev.decide(inputs.at, inputs.facts)
    except InputError as exc:
        return input_error(ctx, exc)
    if args.format == "json":
        write_json(ctx, args, decision.to_json())
    else:
        write_output(ctx, args, lambda console: render_decision(console, decision, ev.policy))
    return 0


def render_decision(console: Console, decision: Decision, policy) -> None:
    if not decision.in_force:
        console.print(Text.assemble((f"no instrument in force on {decision.at.isoformat()}", "bold"),
                                    (f" [{NO_INSTRUMENT}]", "dim")))
    else:
        console.print(Text.assemble(("On ", ""), (decision.at.isoformat(), "bold"), ", in force: ",
                                    (", ".join(decision.in_force), "bold")))
    if decision.measures:
        table = Table(title="Measures", title_justify="left")
        for column in ("measure", "value", "unit", "cited diktum"):
            table.add_column(column, overflow="fold")
        quotes = []
        for name, m in decision.measures.items():
            # The citations of the deciding rule; its own instrument goes without saying.
            labels = dict.fromkeys(c.label() if c.instrument == m.instrument else f"{c.instrument} {c.label()}"
                                   for c in m.cites)
            unit = "" if m.value.kind == "percent" else (m.unit or "")
            table.add_row(Text(name), Text(str(m.value), style="bold"), Text(unit), Text("; ".join(labels)))
            if m.text:
                quotes.append(Text.assemble((name, "bold"), ": ", ("“" + _shorten(m.text, QUOTE_CHARS) + "”", "italic")))
        console.print(table)
        if quotes:
            console.print(Text("Source text", style="bold"))
            for quote in quotes:
                console.print(quote, soft_wrap=False)
    derived = [f for f in decision.facts.values() if not f.given]
    if derived:
        table = Table(title="Derived facts", title_justify="left")
        table.add_column("fact", no_wrap=True)
        table.add_column("value")
        table.add_column("how", overflow="fold")
        for f in derived:
            how = f"rule `{f.rule}`" if f.rule else (f.reason or "undetermined")
            table.add_row(Text(f.name), Text("-" if f.value is None else str(f.value)), Text(how))
        console.print(table)
    for c in decision.conflicts:
        console.print(Text.assemble(("conflict ", "bold red"), (f"`{c.name}`: ", "bold"), c.describe()),
                      soft_wrap=True)
    if decision.undetermined:
        names = [u.name for u in decision.undetermined]
        console.print(Text.assemble((f"undetermined ({len(names)}): ", "bold yellow"), ", ".join(names)))
        needed = sorted({f for u in decision.undetermined for f in u.needs})
        if needed:
            console.print(Text.assemble(("  their rules test facts not given: ", "dim"), ", ".join(needed)))
        console.print(Text("  `ppkm explain` gives the reason for each measure", style="dim"))


QUOTE_CHARS = 240


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _run_table(args, ctx, ev, inputs: Inputs) -> int:
    from contextlib import ExitStack
    from ppkm_lang.eval.batch import atomic_output, run_batch

    header, rows = inputs.table
    shown = [0]

    def on_error(n: int, message: str) -> None:
        shown[0] += 1
        if shown[0] <= MAX_ROW_ERRORS_SHOWN:
            ctx.err.print(Text(f"row {n}: {message}"), soft_wrap=True, highlight=False)

    with ExitStack() as stack:
        if args.output:
            fh = stack.enter_context(atomic_output(Path(args.output), newline=""))
        else:
            fh = ctx.out.file if ctx.out.file is not None else sys.stdout
        progress = stack.enter_context(_progress(ctx, args.facts)) if ctx.err.is_terminal else None
        summary = run_batch(ev, header, rows, fh, default_at=inputs.at, defaults=inputs.defaults,
                            on_error=on_error, progress=progress)
    if shown[0] > MAX_ROW_ERRORS_SHOWN:
        ctx.err.print(Text(f"... and {shown[0] - MAX_ROW_ERRORS_SHOWN} more bad rows (see the `error` column)"))
    if summary.errors:
        ctx.err.print(Text(f"{len(summary.errors)} of {summary.rows} rows could not be evaluated", style="bold"))
        return 2
    return 0


class _progress:
    """A rich progress bar on stderr, advanced by row count."""

    def __init__(self, ctx, path: str):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
        total = _count_lines(Path(path))
        self.bar = Progress(TextColumn("evaluating"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=ctx.err, transient=True)
        self.task = self.bar.add_task("rows", total=max(0, total - 1) or None)

    def __enter__(self):
        self.bar.start()
        return lambda n: self.bar.update(self.task, completed=n)

    def __exit__(self, *exc):
        self.bar.stop()
        return False


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            count += block.count(b"\n")
    return count
