"""`ppkm check PATH...`: every finding of the checker, rendered for people or for CI."""

from __future__ import annotations

import argparse
from pathlib import Path

from ppkm_lang.diagnostics import render_github, render_json, render_sarif, render_text
from ppkm_lang.diagnostics.model import Severity

HELP = "check policies: types, conflicts, gaps, shadowed rules, citations, regions"
FORMATS = ("text", "json", "sarif", "github")
FAIL_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="policy files, or directories searched for *.ppkm")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text for people (default), json, sarif (code scanning), "
                             "github (workflow annotations)")
    parser.add_argument("--fail-level", choices=tuple(FAIL_LEVELS), default="error",
                        help="exit 1 when a finding is at least this severe (default: error)")


def run(args, ctx) -> int:
    from ppkm_lang.checker import check

    result = check([Path(p) for p in args.paths], gazetteer=ctx.gazetteer)
    diagnostics = list(result.diagnostics)
    if args.format == "text":
        render_text.render(diagnostics, result.sources, ctx.out, files=result.files)
    elif args.format == "json":
        ctx.write(render_json.render(diagnostics, files=result.files))
    elif args.format == "sarif":
        ctx.write(render_sarif.render(diagnostics, root=ctx.repository_root, cwd=ctx.cwd))
    else:
        ctx.write(render_github.render(diagnostics, root=ctx.repository_root, cwd=ctx.cwd))
    return exit_code(diagnostics, FAIL_LEVELS[args.fail_level])


def exit_code(diagnostics, fail_level: Severity) -> int:
    # Findings that mean the input could not be read at all are a usage problem (exit 2),
    # not a finding about a policy.
    if any(d.code.input_problem for d in diagnostics):
        return 2
    if any(d.severity.rank >= fail_level.rank for d in diagnostics):
        return 1
    return 0
