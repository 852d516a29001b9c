"""`ppkm completion bash|zsh|tcsh`: a shell completion script, generated from the parser.

    ppkm completion bash > ~/.local/share/bash-completion/completions/ppkm
    ppkm completion zsh > "${fpath[1]}/_ppkm"

shtab writes the script from the argparse definitions of every verb, so it cannot drift from
the options; PATH arguments complete `.ppkm` files and directories.
"""

from __future__ import annotations

import argparse

HELP = "print a shell completion script (bash, zsh or tcsh) for ppkm"
SHELLS = ("bash", "zsh", "tcsh")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("shell", choices=SHELLS, help="the shell to complete in")


def run(args, ctx) -> int:
    import shtab

    from ppkm_lang.cli.main import build_parser, load_verbs

    parser = build_parser(load_verbs())
    files = {"bash": "_shtab_compgen_files", "zsh": "_files", "tcsh": "f"}
    for name, verb_parser in parser.verb_parsers.items():
        for action in verb_parser._actions:  # noqa: SLF001 - shtab reads the same attribute
            if action.dest in ("paths", "output", "gazetteer", "dir", "stdin_filename"):
                action.complete = {args.shell: files[args.shell]}
    ctx.write(shtab.complete(parser, shell=args.shell))
    return 0
