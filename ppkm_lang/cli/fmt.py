"""`ppkm fmt PATH...`: rewrite policy files in the canonical layout (whitespace only).

`ppkm fmt -` formats standard input to standard output (as ruff and gofmt do), which is what
an editor's "format document" runs; `--check` and `--diff` work there too. `exclude` of
ppkm.toml skips files found in directories (and named ones with `--force-exclude`).
"""

from __future__ import annotations

import argparse
import difflib
import os
import tempfile
from pathlib import Path

from ppkm_lang.diagnostics import render_text
from ppkm_lang.fmt import format_source
from ppkm_lang.loader import expand_paths
from ppkm_lang.source import SourceError, read_source
from ppkm_lang.diagnostics.codes import UNREADABLE_FILE

HELP = "format policy files: indentation, spacing, aligned table rows; comments kept"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="policy files, or directories of *.ppkm; `-` formats standard input to standard output")
    parser.add_argument("--stdin-filename", metavar="PATH", help="the name of the file read from `-`, for messages")
    parser.add_argument("--force-exclude", action="store_true",
                        help="apply `exclude` of ppkm.toml to the files named on the command line too")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is not formatted")
    mode.add_argument("--diff", action="store_true", help="change nothing; print what would change")


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args, ctx) -> int:
    if "-" in args.paths:
        if args.paths != ["-"]:
            return ctx.fail("`-` (standard input) cannot be combined with other paths")
        return _run_stdin(args, ctx)
    from ppkm_lang.config import expand, load_settings
    settings = load_settings(ctx.cwd)
    given = expand(args.paths, settings, force=args.force_exclude) if settings.exclude else args.paths
    diags = []
    paths = expand_paths(given, diags)
    if diags:
        render_text.render(diags, {}, ctx.err, files=0)
        return 2
    unformatted, failed = [], False
    for path in paths:
        try:
            source = read_source(path)
        except SourceError as exc:
            failed = True
            ctx.fail(str(exc), code=UNREADABLE_FILE)
            continue
        result = format_source(source)
        if result.diagnostics:
            failed = True
            render_text.render(list(result.diagnostics), {source.name: source}, ctx.err, files=1)
            continue
        if not result.changed:
            continue
        unformatted.append(source.name)
        if args.diff:
            ctx.write("".join(difflib.unified_diff(source.text.splitlines(True), result.text.splitlines(True),
                                                   f"a/{source.name}", f"b/{source.name}")))
        elif not args.check:
            try:
                _write_atomically(path, result.text)
            except OSError as exc:
                failed = True
                ctx.fail(f"cannot write `{source.name}`: {exc.strerror or exc}; the file is unchanged",
                         code=UNREADABLE_FILE, hint="check the permissions of the file and its directory")
                continue
            ctx.out.print(f"formatted {source.name}")
    if args.check and unformatted:
        for name in unformatted:
            ctx.out.print(f"would reformat {name}")
    if failed:
        return 1
    return 1 if (args.check or args.diff) and unformatted else 0


def _run_stdin(args, ctx) -> int:
    import sys
    from ppkm_lang.source import SourceFile
    name = args.stdin_filename or "<stdin>"
    source = SourceFile(name, sys.stdin.read())
    result = format_source(source)
    if result.diagnostics:
        render_text.render(list(result.diagnostics), {name: source}, ctx.err, files=1)
        return 1
    if args.diff:
        ctx.write("".join(difflib.unified_diff(source.text.splitlines(True), result.text.splitlines(True),
                                               f"a/{name}", f"b/{name}")))
    elif args.check:
        if result.changed:
            ctx.err.print(f"would reformat {name}")
    else:
        ctx.write(result.text)
    return 1 if (args.check or args.diff) and result.changed else 0
