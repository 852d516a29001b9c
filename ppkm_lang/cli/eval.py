"""`ppkm eval PATH... --at DATE --set fact=value ...`: the measures in force for one case, or
for every record of a table of cases.

With `--facts FILE` naming a table (CSV with `,` or `;`, Parquet, JSON lines; `-` for CSV on
stdin), one answer row per record (see `ppkm_lang.batch`), as CSV on stdout or in `--output`
(CSV or Parquet by its extension); records that cannot be evaluated carry their status and
message, the first few are listed on stderr, and the command then exits 2 after writing
every row. `--engine duckdb` (the default when the SQL compiler is installed) runs the
compiled query in embedded DuckDB; `--engine python` answers each row with the residual
engine; both give the same output.

Also holds what `explain` and `test` share: loading the policy (load errors are printed and end
the command with 1) and reading the facts from `--set` and `--facts`.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ppkm_lang.eval.answer import CONDITIONAL, CONFLICTING, DEFINITE, UNDETERMINED, Answer
from ppkm_lang.eval.inputs import InputError, parse_date, split_assignment
from ppkm_lang.semantics.suggest import did_you_mean
from ppkm_lang.eval.results import NO_INSTRUMENT
from ppkm_lang.diagnostics.codes import MALFORMED_INPUT, UNREADABLE_FACTS_FILE

if TYPE_CHECKING:  # rich is imported where text is rendered: the JSON output does not need it
    from rich.console import Console

HELP = "evaluate policies on a date for given facts: each measure with the diktum it comes from"
MAX_ROW_ERRORS_SHOWN = 20


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="policy files, or directories searched for *.ppkm")
    parser.add_argument("--at", metavar="YYYY-MM-DD", help="the date to evaluate on")
    parser.add_argument("--set", dest="set_facts", action="append", default=[], metavar="FACT=VALUE",
                        help="give a fact (repeatable), e.g. --set kegiatan=makan_di_tempat")
    parser.add_argument("--facts", metavar="FILE",
                        help="facts from a JSON object, or a table with one case per record: CSV (`,` or `;`), "
                             "Parquet, JSON lines; `-` reads CSV from stdin")
    parser.add_argument("--output", metavar="FILE", help="write the result to FILE (atomically)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument("--format", choices=("text", "json", "long"), default="text",
                        help="text for people (default) or json (versioned); a table of cases gives a table, "
                             "one row per case (or with `long`, one row per case and measure)")
    parser.add_argument("--engine", choices=("duckdb", "python"), default=None,
                        help="for a table of cases: run the compiled SQL in embedded DuckDB (default) or "
                             "answer each row in Python; the output is the same")
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


def input_error(ctx, exc) -> int:
    """Report an `InputError` (or an `outfiles.OutputError`) and give exit code 2."""
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
        if _is_table(args.facts):
            if not allow_table:
                raise InputError(UNREADABLE_FACTS_FILE, f"`{path}` is a table of cases; this command takes one case",
                                 help="give a JSON object or --set, or use `ppkm eval` for tables")
            inputs.table = args.facts
        else:
            file_facts = _json_facts(path, _read_text(path))
    set_facts = dict(split_assignment(s) for s in args.set_facts)
    if inputs.table is not None:
        inputs.defaults = set_facts
    else:
        inputs.facts = {**file_facts, **set_facts}
    return inputs


TABLE_SUFFIXES = (".csv", ".txt", ".tsv", ".parquet", ".pq", ".jsonl", ".ndjson")
MAX_JSON_BYTES = 16 * 1024 * 1024  # one case's facts
MAX_NUMBER_CHARS = 100  # a JSON number longer than this is no fact value


def _is_table(name: str) -> bool:
    """`-`, a table by its extension, or a file without a known extension that does not start
    with `{` (a CSV table); `.json` is one case."""
    path = Path(name)
    suffix = path.suffix.lower()
    if name == "-" or suffix in TABLE_SUFFIXES:
        return True
    if suffix == ".json":
        return False
    if not path.is_file():
        return False  # reported when read (a FIFO is never opened)
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _read_text(path: Path) -> str:
    """A JSON facts file, read with bounds: a FIFO or a device is refused before reading."""
    import stat
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(UNREADABLE_FACTS_FILE, f"the facts file `{path}` is not a regular file")
        if info.st_size > MAX_JSON_BYTES:
            raise InputError(UNREADABLE_FACTS_FILE, f"the facts file `{path}` is larger than "
                             f"{MAX_JSON_BYTES // (1024 * 1024)} MB: one case's facts are far smaller",
                             help="give a table of cases as CSV, Parquet or JSON lines")
        with open(path, "rb") as fh:
            data = fh.read(MAX_JSON_BYTES + 1)
    except OSError as exc:
        raise InputError(UNREADABLE_FACTS_FILE, f"cannot read the facts file `{path}`: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(UNREADABLE_FACTS_FILE, f"the facts file `{path}` is not UTF-8 text (byte {exc.start})") from None


class _TooLong(ValueError):
    pass


def _number(kind):
    def read(text: str):
        if len(text) > MAX_NUMBER_CHARS:
            raise _TooLong(f"holds a number of {len(text)} characters; a fact value has at most {MAX_NUMBER_CHARS}")
        value = kind(text)
        if kind is Decimal and abs(value.adjusted()) > MAX_NUMBER_CHARS:
            raise _TooLong(f"holds the number `{text}`, whose exponent no fact value needs")
        return value
    return read


def _json_facts(path: Path, text: str) -> dict[str, object]:
    try:
        # Numbers stay exact and bounded: a 5,000-digit integer or `1e999999999` is refused
        # here, before any arithmetic could take its time over it.
        data = json.loads(text, parse_float=_number(Decimal), parse_int=_number(int))
    except json.JSONDecodeError as exc:
        raise InputError(UNREADABLE_FACTS_FILE, f"the facts file `{path}` is not valid JSON: {exc.msg} at line {exc.lineno}",
                         help='write one object: {"fact": "value", ...}') from None
    except _TooLong as exc:
        raise InputError(UNREADABLE_FACTS_FILE, f"the facts file `{path}` {exc}") from None
    except RecursionError:
        raise InputError(UNREADABLE_FACTS_FILE, f"the facts file `{path}` nests too deeply to be a JSON object of facts",
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
    from rich.console import Console

    from ppkm_lang.outfiles import atomic_output
    with atomic_output(Path(args.output)) as fh:
        render(Console(file=fh, no_color=True, color_system=None, highlight=False, emoji=False, width=120))


def write_json(ctx, args, document: dict) -> None:
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if getattr(args, "output", None):
        from ppkm_lang.outfiles import atomic_output
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
    from ppkm_lang.outfiles import OutputError, check_target
    try:
        if args.output:
            check_target(Path(args.output))
        inputs = read_inputs(args)
        if inputs.table is not None:
            return _run_table(args, ctx, prepared, inputs)
        if args.format == "long":
            raise InputError(MALFORMED_INPUT, "`--format long` is for a table of cases (`--facts FILE`)")
        if args.output and _table_output(args.output):
            raise InputError(MALFORMED_INPUT, f"`--output {args.output}` is a table; one case is written as text "
                             "or JSON", help="give a table of cases with `--facts`")
        if inputs.at is None:
            raise InputError(MALFORMED_INPUT, "no date: give `--at YYYY-MM-DD`")
        answer = prepared.evaluate(inputs.at, inputs.facts)
    except (InputError, OutputError) as exc:
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


def render_answer(console: "Console", answer: Answer, policy, *, measures=(), everything: bool = False) -> None:
    """A verdict line per measure of the question, its cases indented; derived facts; the next
    question; general provisions as a count (all of them with `everything`)."""
    from rich.text import Text
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
        # A closed activity (or one closed in some case) first; its other measures hold only
        # while it is open, and are set apart so the two do not read as a contradiction.
        closing = next((m for m in shown if _closes(m)), None) if not measures else None
        for m in ([closing] if closing else shown):
            _render_target(console, m, answer.in_force, policy)
        if closing is not None and len(shown) > 1:
            console.print(Text("Other provisions for this activity (apply when it is open)", style="bold"))
            for m in shown:
                if m is not closing:
                    _render_target(console, m, answer.in_force, policy)
    elif answer.in_force and not measures:
        console.print(Text("No measure of the instruments in force depends on the facts given.", style="bold"))
    if everything and not measures and general:
        console.print(Text("General provisions", style="bold"))
        for m in general:
            _render_target(console, m, answer.in_force, policy)
    used = {d for m in (shown + (general if everything else [])) for d in m.uses}
    derived = [f for f in answer.facts.values()
               if f.name in measures or (not measures and (everything or f.name in used))]
    if derived:
        console.print(Text("Derived facts", style="bold"))
        for f in derived:
            _render_target(console, f, answer.in_force, policy)
    q = answer.next_question
    if q is not None:
        line = Text.assemble(("Next question: ", "bold cyan"), (_label(policy, q.fact), "bold"))
        if _label(policy, q.fact) != q.fact:
            line.append(f" (`{q.fact}`)", style="dim")
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


CLOSED = "ditutup"  # the member of an activity's status that closes it


def _closes(t) -> bool:
    def closed(v) -> bool:
        return v is not None and v.kind == "enum" and v.data == CLOSED
    if t.status == DEFINITE:
        return closed(t.value)
    return t.status == CONDITIONAL and any(c.outcome == "value" and closed(c.value) for c in t.cases)


def _item(policy, name: str):
    return None if policy is None else (policy.facts.get(name) or policy.measures.get(name))


def _label(policy, name: str) -> str:
    """What readers call a fact or measure: its Indonesian label (the language of the
    instruments and of the site's first half; the quoted sentences are Indonesian too), else
    its English one, else its identifier."""
    item = _item(policy, name)
    labels = dict(getattr(item, "labels", ()) or ())
    return labels.get("id") or labels.get("en") or name


def _value(policy, name: str, value) -> str:
    item = _item(policy, name)
    if item is not None and value is not None and value.kind == "enum":
        labels = dict(dict(getattr(item, "member_labels", ()) or ()).get(value.data, ()))
        text = labels.get("id") or labels.get("en")
        if text:
            return text
    return str(value)


def _render_target(console: "Console", t, in_force, policy=None) -> None:
    from rich.text import Text
    label = _label(policy, t.name)
    line = Text.assemble(("  ", ""), (label, "bold"), "  ")
    # A labelled item keeps its identifier in the details at the end of the line.
    ident = [f"`{t.name}`"] if label != t.name else []
    if t.status == DEFINITE:
        unit = "" if t.value.kind == "percent" or not t.unit else f" {t.unit}"
        line.append(_value(policy, t.name, t.value) + unit, style="bold green")
        line.append("  " + _cites(t.cites, in_force), style="dim")
        line.append("  (" + ", ".join(ident + [f"rule `{r}`" for r in t.rules]) + ")", style="dim")
    else:
        line.append(_STATUS[t.status], style=_STATUS_STYLE.get(t.status, ""))
        line.append(": " + t.summary)
        if ident:
            line.append("  (" + ident[0] + ")", style="dim")
    console.print(line, soft_wrap=True)
    if t.status == DEFINITE:
        text = t.text
        if text:
            console.print(Text("      “" + _shorten(text, QUOTE_CHARS) + "”", style="italic dim"), soft_wrap=True)
        return
    if t.status == UNDETERMINED:
        return
    for c in t.cases:
        what = _value(policy, t.name, c.value) if c.outcome == "value" else (
            "no rule" if c.outcome == "none" else "conflict")
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


def _table_output(name: str) -> bool:
    from ppkm_lang.batch.write import PARQUET_SUFFIXES
    return Path(name).suffix.lower() in PARQUET_SUFFIXES


def default_engine() -> str:
    """DuckDB when the SQL compiler is installed, else Python."""
    import importlib.util
    try:
        found = importlib.util.find_spec("ppkm_lang.sql") is not None
    except (ImportError, ValueError):  # pragma: no cover - a broken installation
        found = False
    return "duckdb" if found else "python"


def _run_table(args, ctx, prepared, inputs: Inputs) -> int:
    import signal

    from rich.text import Text

    from ppkm_lang.batch import BatchOptions, run_batch
    from ppkm_lang.batch.write import LONG, WIDE

    engine = args.engine or default_engine()
    if engine == "duckdb" and default_engine() != "duckdb":
        raise InputError(MALFORMED_INPUT, "`--engine duckdb` needs the SQL compiler (`ppkm_lang.sql`), which this "
                         "installation lacks", help="use `--engine python`")
    if args.format == "json":
        raise InputError(MALFORMED_INPUT, "a table of cases gives a table, not JSON",
                         help="leave out `--format`, or give `--format long` for one row per case and measure")
    options = BatchOptions(args.facts, args.output, engine, LONG if args.format == "long" else WIDE,
                           list(args.measure), inputs.at, inputs.defaults)

    def stop(signum, frame):  # SIGTERM ends the run like Ctrl-C: partial files are removed
        raise SystemExit(128 + signum)
    previous = None
    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        pass
    try:
        stream = ctx.out.file if ctx.out.file is not None else sys.stdout
        result = run_batch(prepared, options, stream=stream)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    for line, code, message in result.errors[:MAX_ROW_ERRORS_SHOWN]:
        where = "" if message.startswith(f"line {line} ") else f"line {line}: "
        ctx.err.print(Text(f"{where}{code} {message}"), soft_wrap=True, highlight=False)
    if result.bad_rows > len(result.errors[:MAX_ROW_ERRORS_SHOWN]):
        ctx.err.print(Text(f"... and {result.bad_rows - MAX_ROW_ERRORS_SHOWN} more (see the `row_status` and `row_message` "
                           "columns)"))
    if result.bad_rows:
        ctx.err.print(Text(f"{result.bad_rows} of {result.rows} rows could not be evaluated", style="bold"))
        return 2
    return 0
