"""`ppkm check PATH...`: every finding of the checker, rendered for people or for CI.

`-` reads one policy from standard input (`--stdin-filename` names it, so that its imports
resolve beside that path). The nearest `ppkm.toml` chooses the codes reported (`select`,
`ignore`), the files skipped (`exclude`) and the default `--fail-level`; see `config`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ppkm_lang.diagnostics.model import Severity

HELP = "check policies: types, conflicts, gaps, shadowed rules, citations, regions"
FORMATS = ("text", "json", "sarif", "github")
FAIL_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING}
STDIN = "-"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="policy files, or directories searched for *.ppkm; `-` reads standard input")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text for people (default), json, sarif (code scanning), "
                             "github (workflow annotations)")
    parser.add_argument("--fail-level", choices=tuple(FAIL_LEVELS), default=None,
                        help="exit 1 when a finding is at least this severe (default: `fail-level` "
                             "of ppkm.toml, else error)")
    parser.add_argument("--output", metavar="FILE",
                        help="write the report to FILE (atomically: FILE appears complete or not at all)")
    parser.add_argument("--stdin-filename", metavar="PATH",
                        help="the path the policy read from `-` stands for (imports resolve beside it)")
    parser.add_argument("--force-exclude", action="store_true",
                        help="apply `exclude` of ppkm.toml to the files named on the command line too")


def run(args, ctx) -> int:
    from ppkm_lang.checker import check
    from ppkm_lang.config import expand, load_settings
    from ppkm_lang.outfiles import OutputError

    if args.output:  # judged before any work: nothing is computed for a report with nowhere to go
        from ppkm_lang.cli.outputs import refuse_file
        if (refused := refuse_file(ctx, args.output)) is not None:
            return refused
    settings = load_settings(ctx.cwd)
    problems: list = []  # what searching the directories found wrong, when `exclude` expands them here
    texts = {}
    paths: list[Path] = []
    if args.paths.count(STDIN) > 1:
        return ctx.fail("`-` (standard input) can be given only once")
    for raw in args.paths:
        if raw == STDIN:
            stand_in = Path(args.stdin_filename or "<stdin>")
            texts[stand_in.resolve()] = sys.stdin.read()
            paths.append(stand_in)
        elif settings.exclude:
            paths.extend(expand([raw], settings, force=args.force_exclude, problems=problems))
        else:  # as given: the loader expands directories (and the cache keys on the paths)
            paths.append(Path(raw))
    if not paths:  # everything named was excluded
        diagnostics, result = list(problems), None
    else:
        extra = {"texts": texts} if texts else {}
        result = check(paths, gazetteer=ctx.gazetteer, **extra)
        diagnostics = [d for d in result.diagnostics if _always_reported(d) or settings.reports(d.code)]
        diagnostics = sorted(problems + diagnostics, key=lambda d: d.sort_key()) if problems else diagnostics
    files = result.files if result is not None else 0
    sources = result.sources if result is not None else {}
    fail_level = FAIL_LEVELS[args.fail_level or settings.fail_level or "error"]
    try:
        if args.format == "text":
            from ppkm_lang.diagnostics import render_text  # only the renderer asked for: json needs no rich
            _emit_text(ctx, args, lambda console: render_text.render(diagnostics, sources, console, files=files))
        elif args.format == "json":
            from ppkm_lang.diagnostics import render_json
            _emit(ctx, args, render_json.render(diagnostics, files=files))
        elif args.format == "sarif":
            from ppkm_lang.diagnostics import render_sarif
            _emit(ctx, args, render_sarif.render(diagnostics, root=ctx.repository_root, cwd=ctx.cwd))
        else:
            from ppkm_lang.diagnostics import render_github
            _emit(ctx, args, render_github.render(diagnostics, root=ctx.repository_root, cwd=ctx.cwd))
    except OutputError as exc:  # the folder went away (or turned read-only) while checking
        return ctx.fail(f"`--output {args.output}`: {exc.message}", code=exc.code, hint=exc.help)
    except OSError as exc:  # only --output writes a file
        return ctx.fail(f"cannot write `{args.output}`: {exc.strerror or exc}",
                        hint="check that its directory exists and can be written")
    return exit_code(diagnostics, fail_level)


def _always_reported(diag) -> bool:
    # As in ruff, what keeps a file from being read at all cannot be deselected.
    return diag.code.input_problem or diag.code.kind == "syntax"


def _emit(ctx, args, text: str) -> None:
    if args.output:
        from ppkm_lang.eval.batch import atomic_output
        with atomic_output(Path(args.output)) as fh:
            fh.write(text)
    else:
        ctx.write(text)


def _emit_text(ctx, args, render) -> None:
    if not args.output:
        render(ctx.out)
        return
    from ppkm_lang.cli.common import make_console
    from ppkm_lang.eval.batch import atomic_output
    with atomic_output(Path(args.output)) as fh:
        console = make_console(stderr=False, no_color=True)
        console.file = fh
        render(console)


def exit_code(diagnostics, fail_level: Severity) -> int:
    # Findings that mean the input could not be read at all are a usage problem (exit 2),
    # not a finding about a policy.
    if any(d.code.input_problem for d in diagnostics):
        return 2
    if any(d.severity.rank >= fail_level.rank for d in diagnostics):
        return 1
    return 0
