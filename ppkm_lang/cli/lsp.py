"""`ppkm lsp`: the language server, speaking the Language Server Protocol on stdin/stdout."""

from __future__ import annotations

import argparse

HELP = "run the language server (LSP over standard input and output) for editors"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stdio", action="store_true",
                        help="talk over standard input and output (the default and only transport; "
                             "accepted because editors pass it)")


def run(args, ctx) -> int:
    from ppkm_lang.lsp.server import build

    # The gazetteer is resolved here, once: a broken configuration is reported before the
    # editor connects, as for every other verb.
    build(gazetteer=ctx.gazetteer).start_io()
    return 0
