"""What every verb gets: consoles, the configured gazetteer and one way to report a usage error."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported when a console is first made, not at start-up
    from rich.console import Console

USAGE_EXIT = 2


def color_disabled(flag: bool, env: Mapping[str, str] | None = None) -> bool:
    """`--no-color`, or NO_COLOR set to anything non-empty (no-color.org)."""
    env = os.environ if env is None else env
    return flag or bool(env.get("NO_COLOR"))


def make_console(*, stderr: bool, no_color: bool) -> "Console":
    from rich.console import Console

    # Rich already leaves colour out when the stream is not a terminal; with colour disabled
    # there is no styling at all, so the output is plain text whatever the terminal.
    return Console(
        stderr=stderr,
        color_system=None if no_color else "auto",
        no_color=no_color,
        highlight=False,
        emoji=False,
    )


class Context:
    """Handed to every verb's `run(args, ctx)`."""

    def __init__(self, *, gazetteer_flag: str | None = None, no_color: bool = False,
                 cwd: Path | None = None, no_gazetteer: bool = False) -> None:
        self.no_color = color_disabled(no_color)
        self.cwd = cwd or Path.cwd()
        self.gazetteer_flag = gazetteer_flag
        self.no_gazetteer = no_gazetteer

    @functools.cached_property
    def out(self) -> "Console":
        return make_console(stderr=False, no_color=self.no_color)

    @functools.cached_property
    def err(self) -> "Console":
        return make_console(stderr=True, no_color=self.no_color)

    @functools.cached_property
    def gazetteer(self) -> Path | None | bool:
        """The configured gazetteer directory, None for the list that ships with ppkm, or
        False with `--no-gazetteer` (what the loader takes for "none at all"). Resolved on
        first use, so that verbs that never need it are not stopped by a broken
        configuration; raises ConfigError, which `main` reports as a usage problem (exit 2)."""
        if self.no_gazetteer:
            return False
        from ppkm_lang.config import resolve_gazetteer
        return resolve_gazetteer(self.gazetteer_flag, self.cwd)

    @property
    def repository_root(self) -> Path:
        return repository_root(self.cwd)

    def write(self, text: str) -> None:
        """Write machine-readable output (JSON, SARIF, workflow commands) to stdout unchanged."""
        # The console's stream when one was made (or put in place), else stdout: JSON needs no rich.
        stream = self.__dict__["out"].file if "out" in self.__dict__ else sys.stdout
        stream.write(text)
        stream.flush()

    def fail(self, message: str, *, code: str | None = None, hint: str | None = None) -> int:
        """Report a usage or input problem uniformly and give the exit code for it (2)."""
        print_error(self.err, message, code=code, hint=hint)
        return USAGE_EXIT


def print_error(console: "Console", message: str, *, code: str | None = None,
                hint: str | None = None, label: str = "error") -> None:
    from rich.text import Text

    line = Text.assemble((label, "bold red"), (": ", "bold"), message)
    if code:
        line.append(f" [{code}]", style="dim")
    console.print(line, soft_wrap=True, highlight=False)
    if hint:
        console.print(Text.assemble(("  hint", "bold cyan"), ": ", hint), soft_wrap=True,
                      highlight=False)


def check_inputs_early(args, ctx: Context) -> int | None:
    """Judge the inputs that need no policy (the form of `--at` and of each `--set`) before
    the policy is loaded, so that a typo is reported at once; the exit code of a problem, or
    None. The verb checks them again, with the same messages, and the values after the load
    (they need the policy's types)."""
    at, assignments = getattr(args, "at", None), getattr(args, "set_facts", None) or ()
    if at is None and not assignments:
        return None
    from ppkm_lang.eval.inputs import InputError, parse_date, split_assignment
    try:
        if at is not None:
            parse_date(at, "the `--at` date")
        for text in assignments:
            split_assignment(text)
    except InputError as exc:
        return ctx.fail(exc.message, code=exc.code, hint=exc.help)
    return None


def repository_root(cwd: Path) -> Path:
    """The nearest directory holding `.git` (SARIF and GitHub paths are relative to it), or
    `cwd` outside a repository."""
    start = cwd.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def fallback_console(argv: list[str]) -> "Console":
    """A stderr console for errors that happen before the options are parsed."""
    return make_console(stderr=True, no_color=color_disabled("--no-color" in argv))


__all__ = ["USAGE_EXIT", "Context", "color_disabled", "make_console", "print_error", "check_inputs_early",
           "repository_root", "fallback_console"]
