"""`ppkm test PATH...`: run the policies' `example` blocks.

Each example is evaluated on its date with its given facts and compared with what it expects;
the text report lists the failures and a summary (`-v` lists every passing example too).
`--coverage` lists the rules and table rows no example exercises (decides a value in);
`--min-coverage N` fails below N percent. Exit 0 when every example passes (and coverage is
met), 1 on failures, 2 on input problems.

`--mutate` also runs mutation testing (`testing.mutate`): mutants of the policy with one change
each, killed when some example fails; every survivor is listed with its location, the change
and an `example` block that would kill it. `--min-score N` fails below a score of N percent.
"""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.text import Text

from ppkm_lang.cli.eval import load_prepared, write_json, write_output
from ppkm_lang.testing.runner import ERROR, EXAMPLE_FAILED, FAIL, PASS, TestReport

HELP = "run the example blocks of policies and report which rules no example exercises"

_MARK = {PASS: ("PASS", "bold green"), FAIL: ("FAIL", "bold red"), ERROR: ("ERROR", "bold red")}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="policy files, or directories searched for *.ppkm")
    parser.add_argument("--coverage", action="store_true",
                        help="list the rules and table rows that no example exercises")
    parser.add_argument("--min-coverage", type=_percentage, default=None, metavar="N",
                        help="fail when examples exercise less than N percent of the rules")
    parser.add_argument("--mutate", action="store_true",
                        help="mutation testing: which one-change mutants of the policy no example kills")
    parser.add_argument("--min-score", type=_percentage, default=None, metavar="N",
                        help="with --mutate: fail when the mutation score is below N percent")
    parser.add_argument("--format", choices=("text", "json", "junit"), default="text",
                        help="text for people (default), json, or junit XML for CI")
    parser.add_argument("--output", metavar="FILE", help="write the report to FILE (atomically)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print a PASS line for every passing example too (text output)")


def _percentage(text: str) -> float:
    # float() would read `５` or `٣` as 5 and 3: only ASCII digits are digits (as for --set).
    from ppkm_lang.semantics.values import decimal_text, non_ascii_digit
    number = decimal_text(text.strip().removesuffix("%"))
    if number is None:
        raise argparse.ArgumentTypeError(non_ascii_digit(text) or f"`{text}` is not a number")
    return float(number)


def run(args, ctx) -> int:
    if args.min_coverage is not None and not 0 <= args.min_coverage <= 100:
        return ctx.fail(f"`--min-coverage {args.min_coverage:g}` must be a percentage from 0 to 100")
    if args.output:  # judged before any work: nothing is computed for a report with nowhere to go
        from ppkm_lang.cli.outputs import refuse_file
        if (refused := refuse_file(ctx, args.output)) is not None:
            return refused
    if args.min_score is not None and not 0 <= args.min_score <= 100:
        return ctx.fail(f"`--min-score {args.min_score:g}` must be a percentage from 0 to 100")
    if args.min_score is not None and not args.mutate:
        return ctx.fail("`--min-score` needs `--mutate`")
    if args.mutate and args.format == "junit":
        return ctx.fail("`--mutate` reports as text or json, not junit")
    prepared, code = load_prepared(args.paths, ctx)
    if prepared is None:
        return code
    report = prepared.examples()
    if args.mutate:
        return run_mutate(args, ctx, prepared, report)
    below = args.min_coverage is not None and report.coverage.percent + 1e-9 < args.min_coverage
    if args.format == "json":
        write_json(ctx, args, report.to_json())
    elif args.format == "junit":
        from ppkm_lang.testing import junit
        text = junit.render(report)
        if args.output:
            from pathlib import Path
            from ppkm_lang.eval.batch import atomic_output
            with atomic_output(Path(args.output)) as fh:
                fh.write(text)
        else:
            ctx.write(text)
    else:
        show_coverage = args.coverage or args.min_coverage is not None
        write_output(ctx, args, lambda console: render(console, report, show_coverage,
                                                       verbose=getattr(args, "verbose", False)))
    if below:
        ctx.err.print(Text(f"coverage {report.coverage.percent:.1f}% is below --min-coverage "
                           f"{args.min_coverage:g}%", style="bold red"))
    return 1 if (report.failed or below) else 0


def render(console: Console, report: TestReport, coverage: bool, *, verbose: bool = False) -> None:
    # Failures and errors always; a passing example only with -v (a policy has hundreds).
    for r in report.results:
        if r.status == PASS and not verbose:
            continue
        word, style = _MARK[r.status]
        line = Text.assemble((f"{word:<5} ", style), (r.name, "bold"), "  ", (str(r.location), "dim"))
        if r.status == FAIL:
            line.append(f"  [{EXAMPLE_FAILED}]", style="dim")
        console.print(line, soft_wrap=True)
        if r.status == ERROR:
            console.print(Text(f"      {r.message}"), soft_wrap=True)
        for d in r.differences:
            console.print(Text(f"      - {d.target}: expected {d.expected}", style="red"), soft_wrap=True)
            console.print(Text(f"      + {d.target}: got {d.actual}", style="green"), soft_wrap=True)
    total = report.total
    if total == 0:
        console.print(Text("no examples found", style="bold yellow"))
    else:
        style = "bold green" if report.ok else "bold red"
        console.print(Text(f"{total} example{'s' if total != 1 else ''}: {report.passed} passed, "
                           f"{report.failed} failed", style=style))
    if coverage:
        cov = report.coverage
        console.print(Text(f"coverage: examples exercise {cov.covered} of {cov.rules} rules "
                           f"({cov.percent:.1f}%)", style="bold"))
        for u in cov.uncovered:
            console.print(Text.assemble("  not exercised: ", u.describe(), "  ", (str(u.location), "dim")),
                          soft_wrap=True)


def run_mutate(args, ctx, prepared, report: TestReport) -> int:
    from ppkm_lang.testing.mutate import mutation_test

    if report.failed:
        write_output(ctx, args, lambda console: render(console, report, False))
        ctx.err.print(Text("mutation testing needs every example to pass first", style="bold red"))
        return 1
    mutation = mutation_test(prepared.policy, prepared.residual_engine)
    below = args.min_score is not None and mutation.score + 1e-9 < args.min_score
    if args.format == "json":
        doc = mutation.to_json()
        doc["examples"] = {"total": report.total, "passed": report.passed, "failed": report.failed}
        write_json(ctx, args, doc)
    else:
        write_output(ctx, args, lambda console: render_mutation(console, mutation))
    if below:
        ctx.err.print(Text(f"mutation score {mutation.score:.1f}% is below --min-score {args.min_score:g}%",
                           style="bold red"))
    return 1 if below else 0


def render_mutation(console: Console, mutation) -> None:
    for r in mutation.survivors():
        console.print(Text.assemble(("SURVIVED ", "bold yellow"), (r.id, "bold"), "  ", (str(r.location), "dim")),
                      soft_wrap=True)
        console.print(Text(f"  change: {r.change}"), soft_wrap=True)
        console.print(Text(f"  differs: {r.difference}"), soft_wrap=True)
        console.print(Text("  an example that would kill it:"), soft_wrap=True)
        for line in (r.suggestion or "").splitlines():
            console.print(Text("    " + line, style="green"), soft_wrap=True)
    from ppkm_lang.testing.mutate import EQUIVALENT, KILLED, SURVIVED
    console.print(Text(f"{len(mutation.results)} mutants: {mutation.count(KILLED)} killed, "
                       f"{mutation.count(SURVIVED)} survived, {mutation.count(EQUIVALENT)} equivalent "
                       f"(no input changes its answer); mutation score {mutation.score:.1f}% "
                       f"({mutation.seconds:.1f} s)", style="bold"), soft_wrap=True)
