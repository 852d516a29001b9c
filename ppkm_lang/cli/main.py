"""`ppkm`: the entry point. Builds the parser from the verb modules and runs one verb.

Start-up is kept short: only the verb asked for is imported, `--version` imports no verb, and
inputs that can be judged without the policy (`--at`, `--set`) are checked before it loads.

Users never see a traceback: usage and configuration problems exit 2 with a message, Ctrl-C
exits 130, a closed pipe ends quietly, and anything unexpected is an "internal error" with a
hint to report it (PPKM_DEBUG=1 shows the traceback instead).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from types import ModuleType

from ppkm_lang._version import __version__
from ppkm_lang.cli.common import USAGE_EXIT, Context, check_inputs_early, fallback_console, print_error

# Only the verb that is asked for is imported (each brings its part of the pipeline); the list
# of all of them is imported for `--help` and for usage errors without a verb.

# Verb name -> module. A module that is not present is simply not offered.
VERBS = {
    "check": "ppkm_lang.cli.check",
    "schema": "ppkm_lang.cli.schema",
    "eval": "ppkm_lang.cli.eval",
    "compile": "ppkm_lang.cli.compile",
    "explain": "ppkm_lang.cli.explain",
    "ask": "ppkm_lang.cli.ask",
    "test": "ppkm_lang.cli.test",
    "diff": "ppkm_lang.cli.diff",
    "docs": "ppkm_lang.cli.docs",
    "fmt": "ppkm_lang.cli.fmt",
    "lsp": "ppkm_lang.cli.lsp",
    "init": "ppkm_lang.cli.init",
    "completion": "ppkm_lang.cli.completion",
}

DESCRIPTION = "Policy as code for the 2021 PPKM instructions: check, query and document .ppkm policies."
EPILOG = """\
exit status: 0 clean, 1 findings at the failing level, 2 usage or input problems.
gazetteer: the 2020 list shipped with ppkm, unless --gazetteer PATH, $PPKM_GAZETTEER or
  `gazetteer = "path"` in the nearest ppkm.toml names another (first match wins);
  --no-gazetteer uses none.
cache: loaded policies are kept in $PPKM_CACHE_DIR or ~/.cache/ppkm; PPKM_NO_CACHE=1 turns it off.
colour: off with --no-color, NO_COLOR=1, or when the output is not a terminal.
"""
REPORT_HINT = ("this is a bug in ppkm; please report it with the command you ran "
               "(PPKM_DEBUG=1 shows the traceback)")
SIGPIPE_EXIT = 141  # what a shell reports for a process ended by SIGPIPE


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # same shape as every other usage error
        self.print_usage(sys.stderr)
        print_error(fallback_console(sys.argv), message, hint=f"run `{self.prog} --help` for usage")
        self.exit(USAGE_EXIT)


class _BrokenVerb:
    """A verb whose module exists but could not be imported: offered, and reported as an
    internal error when used, so that one broken verb does not take the others down."""

    def __init__(self, name: str, exc: Exception) -> None:
        self.HELP = f"(unavailable: {type(exc).__name__})"
        self.exc = exc
        self.name = name

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)

    def run(self, args, ctx) -> int:
        raise self.exc


def available_verbs() -> list[str]:
    """The verbs whose module is present, without importing any of them."""
    out = []
    for name, module in VERBS.items():
        try:
            if importlib.util.find_spec(module) is not None:
                out.append(name)
        except ModuleNotFoundError:  # a parent package is missing
            continue
    return out


def load_verbs(names: list[str] | None = None) -> dict[str, ModuleType | _BrokenVerb]:
    """The modules of `names` (default: every available verb), imported."""
    verbs: dict[str, ModuleType | _BrokenVerb] = {}
    for name in available_verbs() if names is None else names:
        module = VERBS[name]
        try:
            mod = importlib.import_module(module)
            for attr in ("HELP", "add_arguments", "run"):
                if not hasattr(mod, attr):
                    raise AttributeError(f"{module} does not define `{attr}`")
            verbs[name] = mod
        except Exception as exc:  # noqa: BLE001 - reported when the verb is used
            if os.environ.get("PPKM_DEBUG") == "1":
                raise
            verbs[name] = _BrokenVerb(name, exc)
    return verbs


def build_parser(verbs: dict[str, ModuleType | _BrokenVerb]) -> argparse.ArgumentParser:
    # Global options are accepted before or after the verb; on the verb's parser they default
    # to SUPPRESS so that leaving them out there does not undo a value given before the verb.
    shared = argparse.ArgumentParser(add_help=False)
    _add_global_options(shared, argparse.SUPPRESS)
    parser = _Parser(prog="ppkm", description=DESCRIPTION, epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"ppkm {__version__}")
    _add_global_options(parser, None)
    sub = parser.add_subparsers(dest="verb", metavar="VERB", title="verbs")
    verb_parsers: dict[str, argparse.ArgumentParser] = {}
    for name, verb in verbs.items():
        verb_parser = sub.add_parser(name, help=verb.HELP, description=verb.HELP, parents=[shared],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
        verb.add_arguments(verb_parser)
        verb_parsers[name] = verb_parser
    parser.verb_parsers = verb_parsers  # for `help_texts`: no reading of argparse's internals
    return parser


HELP_WIDTH = "100"  # help texts for the docs are wrapped at a fixed width, so pages are reproducible


def help_texts() -> list[tuple[str, str]]:
    """(title, text) of `ppkm --help` and of every verb's `--help`, as data for the docs."""
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_WIDTH  # argparse wraps to the terminal width
    try:
        parser = build_parser(load_verbs())
        out = [("ppkm", parser.format_help())]
        out += [(f"ppkm {name}", sub.format_help()) for name, sub in parser.verb_parsers.items()]
    finally:
        if old is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = old
    return out


def _add_global_options(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--gazetteer", metavar="PATH", default=default,
                        help="a region list to use instead of the 2020 list shipped with ppkm "
                             "(a directory in the wilayah-2020 layout)")
    parser.add_argument("--no-gazetteer", action="store_true",
                        default=default if default is argparse.SUPPRESS else False,
                        help="use no region list at all: region names are only those the policies "
                             "mention, provinces cannot be expanded (PPK514, PPK515)")
    parser.add_argument("--no-color", action="store_true",
                        default=default if default is argparse.SUPPRESS else False,
                        help="no colour or styling in the output")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    _printable_streams()
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _discard_stdout()
        return SIGPIPE_EXIT
    except Exception as exc:  # noqa: BLE001 - the promise is: no traceback for users
        if os.environ.get("PPKM_DEBUG") == "1":
            raise
        print_error(fallback_console(argv), _short(exc), label="internal error", hint=REPORT_HINT)
        return USAGE_EXIT


def _printable_streams() -> None:
    # A path argument may hold bytes that are not UTF-8 (kept by Python as lone surrogates):
    # printed as an escape rather than failing the whole run. The loader already writes such
    # names escaped (`source.display_path`); this covers a path echoed back in a message.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot change
                pass


def _main(argv: list[str]) -> int:
    verb = _verb_word(argv)
    if verb is None:
        asks_version = "--version" in argv and not {"-h", "--help"} & set(argv)
        verbs = {} if asks_version else load_verbs()
    elif verb in available_verbs():
        verbs = load_verbs([verb])
    else:
        return _unknown_verb(verb, available_verbs(), argv)
    parser = build_parser(verbs)
    if not argv:
        parser.print_help(sys.stderr)
        return USAGE_EXIT
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return _exit_code(exc)
    if args.no_gazetteer and args.gazetteer is not None:
        try:
            parser.error("`--gazetteer` and `--no-gazetteer` cannot be used together")
        except SystemExit as exc:
            return _exit_code(exc)
    ctx = Context(gazetteer_flag=args.gazetteer, no_color=args.no_color, no_gazetteer=args.no_gazetteer)
    if args.verb is None:
        parser.print_help(sys.stderr)
        return USAGE_EXIT
    from ppkm_lang.cache import enabled_for_cli
    from ppkm_lang.config import ConfigError
    from ppkm_lang.eval.inputs import InputError
    try:
        early = check_inputs_early(args, ctx)
        if early is not None:
            return early
        with enabled_for_cli():
            return int(verbs[args.verb].run(args, ctx))
    except ConfigError as exc:
        return ctx.fail(str(exc), code=exc.code,
                        hint=exc.hint or "fix the path, or unset it to use the gazetteer that ships with ppkm")
    except InputError as exc:
        # A coded input problem a verb did not report itself (such as PPK607 from the residual
        # engine under `docs` or `diff`) is still an input problem, not an internal error.
        return ctx.fail(exc.message, code=exc.code, hint=exc.help)
    except SystemExit as exc:
        return _exit_code(exc)


def _verb_word(argv: list[str]) -> str | None:
    """The first word that is not a global option (or its value)."""
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--gazetteer":
            i += 2
            continue
        if word == "--":
            return argv[i + 1] if i + 1 < len(argv) else None
        if not word.startswith("-"):
            return word
        i += 1
    return None


def _unknown_verb(verb: str, verbs: list[str], argv: list[str]) -> int:
    import difflib
    console = fallback_console(argv)
    if verb in VERBS:
        print_error(console, f"`{verb}` is not available in this installation",
                    hint="available verbs: " + ", ".join(verbs))
        return USAGE_EXIT
    from ppkm_lang.semantics.suggest import did_you_mean
    hint = did_you_mean(verb, verbs) or "available verbs: " + ", ".join(verbs)
    print_error(console, f"unknown verb `{verb}`", hint=hint)
    return USAGE_EXIT


def _exit_code(exc: SystemExit) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if len(text) > 200:
        text = text[:197] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _discard_stdout() -> None:
    # Python flushes stdout at exit; with the reader gone that flush would raise again and
    # print a traceback, so point stdout at /dev/null first.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
