"""`ppkm ask PATH... [--at DATE] [--set fact=value ...]`: an interview in the terminal.

It asks only the questions that would change the answer (the answer's `next_question`), one at
a time, until the measures of the question are definite or nothing more can be asked, then
prints the answer as `ppkm eval` does. An empty reply means "I don't know": that question is not
asked again and the answer stays conditional on it. When the command line gives no fact, the
place and the fact most rules test (the activity) are asked first.
"""

from __future__ import annotations

import argparse

from rich.prompt import Prompt
from rich.text import Text

from ppkm_lang.cli.eval import add_input_arguments, input_error, load_prepared, read_inputs, render_answer
from ppkm_lang.eval.inputs import InputError, parse_date
from ppkm_lang.ir.model import BOOL, ENUM, REGION, facts_of

HELP = "answer a question interactively: asks only the facts that would change the answer"
MAX_QUESTIONS = 50  # a policy has finitely many facts; this only guards against a loop


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument("--measure", action="append", default=[], metavar="NAME",
                        help="ask until these measures are definite (repeatable); default: those the question is about")


def run(args, ctx) -> int:
    prepared, code = load_prepared(args.paths, ctx)
    if prepared is None:
        return code
    policy = prepared.policy
    try:
        inputs = read_inputs(args, allow_table=False)
    except InputError as exc:
        return input_error(ctx, exc)
    console = ctx.out
    try:
        at = inputs.at or _ask_date(console)
        facts = dict(inputs.facts)
        skipped: set[str] = set()
        if not facts:
            for name in _first_questions(policy):
                _ask(console, prepared, at, facts, skipped, name)
        for _ in range(MAX_QUESTIONS):
            answer = prepared.evaluate(at, facts)
            name, q = _next(answer, args.measure, skipped)
            if name is None:
                break
            _ask(console, prepared, at, facts, skipped, name, q)
        answer = prepared.evaluate(at, facts)
    except EOFError:
        console.print()
        return ctx.fail("the interview ended before it was complete (end of input)")
    except InputError as exc:
        return input_error(ctx, exc)
    console.print()
    render_answer(console, answer, policy, measures=args.measure)
    return 0


def _next(answer, measures: list[str], skipped: set[str]):
    """The first question not declined: the answer's own questions, or with `measures`, the
    facts those measures still depend on (the answer's questions first, in their order)."""
    if not measures:
        q = next((q for q in answer.questions if q.fact not in skipped), None)
        return (q.fact, q) if q is not None else (None, None)
    open_ = [answer.target(m) for m in measures]
    needed = [f for t in open_ if t is not None and t.status in ("conditional", "conflict") for f in t.needs]
    ranked = {q.fact: q for q in answer.questions}
    for f in sorted(dict.fromkeys(needed), key=lambda f: (f not in ranked, needed.index(f))):
        if f not in skipped:
            return f, ranked.get(f)
    return None, None


def _first_questions(policy) -> list[str]:
    """With nothing given: the place, then the enum fact that most rules test."""
    counts: dict[str, int] = {}
    for rule in policy.rules.values():
        for f in facts_of(rule.when):
            counts[f] = counts.get(f, 0) + 1
    places = [n for n, f in policy.facts.items() if f.type.kind == REGION and n in counts]
    enums = sorted((n for n, f in policy.facts.items() if f.type.kind == ENUM and not f.derived and n in counts),
                   key=lambda n: -counts[n])
    return places[:1] + enums[:1]


def _ask_date(console):
    while True:
        raw = Prompt.ask(Text("Date (YYYY-MM-DD)", style="bold"), console=console)
        try:
            return parse_date(raw, "the date")
        except InputError as exc:
            console.print(Text(f"  {exc.message} ({exc.help})", style="red"))


def _ask(console, prepared, at, facts: dict, skipped: set[str], name: str, question=None) -> None:
    fact = prepared.policy.facts[name]
    typ = fact.type
    lines = [Text.assemble(("? ", "bold cyan"), (name, "bold"), (f" — {fact.doc}" if fact.doc else ""))]
    if question is not None and question.settles:
        lines.append(Text("  it settles: " + ", ".join(question.settles), style="dim"))
    choices: list[str] = []
    if typ.kind == ENUM:
        choices = list(typ.values)
        for i, v in enumerate(choices, start=1):
            lines.append(Text(f"  {i}. {v}"))
    elif typ.kind == BOOL:
        choices = ["true", "false"]
        lines.append(Text("  answer y (yes) or n (no)", style="dim"))
    elif typ.is_numeric:
        lo = "" if question is None or question.lo is None else str(question.lo)
        hi = "" if question is None or question.hi is None else str(question.hi)
        lines.append(Text(f"  {typ.kind}" + (f" from {lo} to {hi}" if lo or hi else ""), style="dim"))
    for line in lines:
        console.print(line, soft_wrap=True)
    while True:
        raw = Prompt.ask(Text("  answer (empty: don't know)", style="bold"), default="", show_default=False,
                         console=console).strip()
        if not raw:
            skipped.add(name)
            return
        value = _reading(raw, typ.kind, choices)
        try:
            prepared.evaluate(at, {**facts, name: value})
        except InputError as exc:
            console.print(Text(f"  {exc.message}" + (f" ({exc.help})" if exc.help else ""), style="red"),
                          soft_wrap=True)
            continue
        facts[name] = value
        return


def _reading(raw: str, kind: str, choices: list[str]) -> str:
    if kind == BOOL:
        low = raw.lower()
        if low in ("y", "ya", "yes", "t"):
            return "true"
        if low in ("n", "no", "tidak", "f"):
            return "false"
        return low
    if choices and raw.isdigit() and 1 <= int(raw) <= len(choices):
        return choices[int(raw) - 1]
    return raw
