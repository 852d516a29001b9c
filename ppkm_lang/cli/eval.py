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

from ppkm_lang.eval.answer import CONDITIONAL, CONFLICTING, DEFINITE, UNDETERMINED, Answer
from ppkm_lang.eval.inputs import InputError, parse_date, split_assignment
from ppkm_lang.semantics.suggest import did_you_mean
from ppkm_lang.eval.results import NO_INSTRUMENT
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
    parser.add_argument("--measure", action="append", default=[], metavar="NAME",
                        help="show this measure or derived fact (repeatable); default: those the question is about")
    parser.add_argument("--all", action="store_true",
                        help="also list the general provisions (measures the facts given do not select)")


# ---------------------------------------------------------------------------- shared


def load_prepared(paths, ctx):
    """The prepared policy, or (None, exit code) after printing the load errors (exit 2 when a
    file could not be read at all, 1 for errors in the policy)."""
    from ppkm_lang import api
    from ppkm_lang.diagnostics.model import Severity

    prepared = api.prepare(list(paths), gazetteer=ctx.gazetteer)
    if prepared.ok:
        return prepared, 0
    errors = [d for d in prepared.diagnostics if d.severity is Severity.ERROR]
    from ppkm_lang.diagnostics import render_text
    render_text.render(errors, prepared.sources, ctx.err)
    return None, 2 if any(d.code.input_problem for d in errors) else 1


def load_policy(paths, ctx):
    """`load_prepared`, for the verbs that need only the lowered policy."""
    prepared, code = load_prepared(paths, ctx)
    return (prepared.policy if prepared is not None else None), code


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
    prepared, code = load_prepared(args.paths, ctx)
    if prepared is None:
        return code
    policy = prepared.policy
    for name in args.measure:
        if name not in policy.measures and name not in policy.facts:
            return ctx.fail(f"`--measure {name}` names no measure or derived fact of the policy",
                            hint=did_you_mean(name, list(policy.measures) + list(policy.facts), n=3))
    try:
        inputs = read_inputs(args)
        if inputs.table is not None:
            return _run_table(args, ctx, prepared, inputs)
        if inputs.at is None:
            raise InputError(MALFORMED_INPUT, "no date: give `--at YYYY-MM-DD`")
        answer = prepared.evaluate(inputs.at, inputs.facts)
    except InputError as exc:
        return input_error(ctx, exc)
    if args.format == "json":
        doc = answer.to_json()
        if args.measure:
            doc["measures"] = {n: m for n, m in doc["measures"].items() if n in args.measure}
            doc["facts"] = {n: f for n, f in doc["facts"].items() if n in args.measure}
        write_json(ctx, args, doc)
    else:
        write_output(ctx, args, lambda console: render_answer(console, answer, policy, measures=args.measure,
                                                              everything=args.all))
    return 0


def render_answer(console: Console, answer: Answer, policy, *, measures=(), everything: bool = False) -> None:
    """A verdict line per measure of the question, its cases indented; derived facts; the next
    question; general provisions as a count (all of them with `everything`)."""
    day = answer.at.isoformat()
    if not answer.in_force:
        console.print(Text.assemble((f"no instrument in force on {day}", "bold"), (f" [{NO_INSTRUMENT}]", "dim")))
    else:
        console.print(Text.assemble(("On ", ""), (day, "bold"), ", in force: ", (", ".join(answer.in_force), "bold")))
    if answer.given:
        console.print(Text("given: " + ", ".join(f"{n} = {v}" for n, v in answer.given.items()), style="dim"),
                      soft_wrap=True)
    for note in answer.notes:
        console.print(Text.assemble(("note: ", "bold yellow"), note.message), soft_wrap=True)
    asked = [answer.measures[m] for m in measures if m in answer.measures]
    if measures:
        shown = asked
    else:
        shown = [m for m in answer.measures.values() if m.relevant]
    general = [m for m in answer.measures.values() if not m.relevant and m.status != UNDETERMINED]
    if shown:
        console.print(Text("For this question" if not measures else "Measures asked about", style="bold"))
        for m in shown:
            _render_target(console, m, answer.in_force)
    elif answer.in_force and not measures:
        console.print(Text("No measure of the instruments in force depends on the facts given.", style="bold"))
    if everything and not measures and general:
        console.print(Text("General provisions", style="bold"))
        for m in general:
            _render_target(console, m, answer.in_force)
    used = {d for m in (shown + (general if everything else [])) for d in m.uses}
    derived = [f for f in answer.facts.values()
               if f.name in measures or (not measures and (everything or f.name in used))]
    if derived:
        console.print(Text("Derived facts", style="bold"))
        for f in derived:
            _render_target(console, f, answer.in_force)
    q = answer.next_question
    if q is not None:
        line = Text.assemble(("Next question: ", "bold cyan"), (q.fact, "bold"))
        if q.doc:
            line.append(f" — {q.doc}")
        line.append(f" ({_question_form(q)})", style="dim")
        if q.settles:
            line.append("; it settles " + ", ".join(q.settles), style="dim")
        console.print(line, soft_wrap=True)
    if not everything and not measures and general:
        console.print(Text(f"General provisions: {len(general)} more measures apply under these instruments "
                           "whatever the question (`--all` lists them)", style="dim"), soft_wrap=True)
    undetermined = [m.name for m in answer.measures.values() if m.status == UNDETERMINED and m.name not in measures]
    if undetermined and answer.in_force and not measures:
        names = (": " + ", ".join(undetermined)) if everything else " (`--all` lists them)"
        console.print(Text(f"Undetermined: {len(undetermined)} measures that no rule of the instruments in force "
                           f"can decide for these facts{names}", style="dim"), soft_wrap=True)
    for t in answer.conflicts:
        console.print(Text.assemble(("conflict ", "bold red"), (f"`{t.name}`", "bold"),
                                    ": the winning rules disagree in some case"), soft_wrap=True)


_STATUS = {DEFINITE: "", CONDITIONAL: "conditional", UNDETERMINED: "undetermined", CONFLICTING: "conflict"}
_STATUS_STYLE = {CONDITIONAL: "bold yellow", UNDETERMINED: "yellow", CONFLICTING: "bold red"}


def _render_target(console: Console, t, in_force) -> None:
    line = Text.assemble(("  ", ""), (t.name, "bold"), "  ")
    if t.status == DEFINITE:
        unit = "" if t.value.kind == "percent" or not t.unit else f" {t.unit}"
        line.append(str(t.value) + unit, style="bold green")
        line.append("  " + _cites(t.cites, in_force), style="dim")
        line.append("  (" + ", ".join(f"rule `{r}`" for r in t.rules) + ")", style="dim")
    else:
        line.append(_STATUS[t.status], style=_STATUS_STYLE.get(t.status, ""))
        line.append(": " + t.summary)
    console.print(line, soft_wrap=True)
    if t.status == DEFINITE:
        text = t.text
        if text:
            console.print(Text("      “" + _shorten(text, QUOTE_CHARS) + "”", style="italic dim"), soft_wrap=True)
        return
    if t.status == UNDETERMINED:
        return
    for c in t.cases:
        what = str(c.value) if c.outcome == "value" else ("no rule" if c.outcome == "none" else "conflict")
        case = Text.assemble(("      - ", "dim"), (what, "bold"), f" where {c.text}")
        if c.cites:
            case.append("  " + _cites(c.cites, in_force), style="dim")
        if c.rules:
            case.append("  (" + ", ".join(f"rule `{r}`" for r in c.rules) + ")", style="dim")
        console.print(case, soft_wrap=True)


def _cites(cites, in_force) -> str:
    only = len(in_force) == 1
    return "; ".join(dict.fromkeys(c.label() if only and c.instrument == in_force[0] else f"{c.instrument} {c.label()}"
                                   for c in cites))


def _question_form(q) -> str:
    if q.values:
        return "one of: " + ", ".join(q.values)
    if q.lo is not None or q.hi is not None:
        unit = f" {q.unit}" if q.unit and q.unit != "%" else ""
        return f"{q.type.split(' ')[0]} from {q.lo} to {q.hi}{unit}"
    return q.type


QUOTE_CHARS = 240


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _run_table(args, ctx, prepared, inputs: Inputs) -> int:
    from contextlib import ExitStack
    from ppkm_lang.eval.batch import atomic_output

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
        summary = prepared.batch(header, rows, fh, default_at=inputs.at, defaults=inputs.defaults,
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
