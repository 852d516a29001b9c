"""`ppkm explain PATH... --at DATE --set fact=value ...`: why each measure has its value.

For each measure and derived fact: the deciding rule with its quoted source sentence, then
every other rule that could have given it a value and why it did not (the first condition
that fails, with the fact's actual value; the instrument not in force; the rule that
overrode it). Text for people, or the same sentences in JSON.
"""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.text import Text

from ppkm_lang.cli.eval import (add_input_arguments, input_error, load_prepared, read_inputs, write_json,
                                write_output)
from ppkm_lang.eval.explain import DECIDED, Explanation, TargetExplanation
from ppkm_lang.eval.inputs import InputError
from ppkm_lang.semantics.suggest import did_you_mean
from ppkm_lang.diagnostics.codes import MALFORMED_INPUT

HELP = "explain, in plain sentences, which rule decides each measure and why the others do not apply"

_STATUS_STYLE = {"definite": "bold green", "given": "bold cyan", "conditional": "bold yellow",
                 "undetermined": "yellow", "conflict": "bold red"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text for people (default) or json")
    parser.add_argument("--only", dest="only", action="append", default=[], metavar="NAME",
                        help="explain only this measure or derived fact (repeatable)")


def run(args, ctx) -> int:
    prepared, code = load_prepared(args.paths, ctx)
    if prepared is None:
        return code
    policy = prepared.policy
    try:
        inputs = read_inputs(args, allow_table=False)
        if inputs.at is None:
            raise InputError(MALFORMED_INPUT, "no date: give `--at YYYY-MM-DD`")
        for name in args.only:
            if name not in policy.measures and name not in policy.facts:
                return ctx.fail(f"`--only {name}` names no measure or fact of the policy",
                                hint=did_you_mean(name, list(policy.measures) + list(policy.facts), n=3))
        explanation = prepared.explain(inputs.at, inputs.facts)
    except InputError as exc:
        return input_error(ctx, exc)
    targets = [t for t in explanation.targets if not args.only or t.name in args.only]
    if args.format == "json":
        doc = explanation.to_json()
        doc["explanation"]["targets"] = [t.to_json() for t in targets]
        write_json(ctx, args, doc)
    else:
        write_output(ctx, args, lambda console: render(console, explanation, targets))
    return 0


def render(console: Console, explanation: Explanation, targets: list[TargetExplanation]) -> None:
    d = explanation.answer
    day = d.at.isoformat()
    if d.in_force:
        console.print(Text(f"On {day} the instruments in force are: {', '.join(d.in_force)}."), soft_wrap=True)
    else:
        console.print(Text(f"No instrument is in force on {day}, so no rule of an instrument applies.",
                           style="bold"), soft_wrap=True)
    if explanation.facts:
        console.print(Text("Facts given: ") + Text(" ".join(explanation.facts)), soft_wrap=True)
    else:
        console.print(Text("No facts were given."))
    for t in targets:
        console.print()
        heading = Text.assemble((t.name, "bold"), "  ", (t.status, _STATUS_STYLE.get(t.status, "")))
        if t.kind == "fact":
            heading.append("  (derived fact)", style="dim")
        console.print(heading)
        console.print(Text("  " + t.sentence), soft_wrap=True)
        for note in t.rules:
            style = "green" if note.status == DECIDED else ("" if note.status in ("agrees", "overridden") else "dim")
            console.print(Text("  - " + note.sentence, style=style), soft_wrap=True)
