"""What every verb gets: consoles, the configured gazetteer and one way to report a usage error."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path

from rich.console import Console
from rich.text import Text

from ppkm_lang.config import resolve_gazetteer

USAGE_EXIT = 2


def color_disabled(flag: bool, env: Mapping[str, str] | None = None) -> bool:
    """`--no-color`, or NO_COLOR set to anything non-empty (no-color.org)."""
    env = os.environ if env is None else env
    return flag or bool(env.get("NO_COLOR"))


def make_console(*, stderr: bool, no_color: bool) -> Console:
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
                 cwd: Path | None = None) -> None:
        self.no_color = color_disabled(no_color)
        self.out = make_console(stderr=False, no_color=self.no_color)
        self.err = make_console(stderr=True, no_color=self.no_color)
        self.cwd = cwd or Path.cwd()
        self.gazetteer_flag = gazetteer_flag

    @functools.cached_property
    def gazetteer(self) -> Path | None:
        """The configured gazetteer path, or None. Resolved on first use, so that verbs that
        never need it are not stopped by a broken configuration; raises ConfigError, which
        `main` reports as a usage problem (exit 2)."""
        return resolve_gazetteer(self.gazetteer_flag, self.cwd)

    @property
    def repository_root(self) -> Path:
        return repository_root(self.cwd)

    def write(self, text: str) -> None:
        """Write machine-readable output (JSON, SARIF, workflow commands) to stdout unchanged."""
        stream = self.out.file
        stream.write(text)
        stream.flush()

    def fail(self, message: str, *, code: str | None = None, hint: str | None = None) -> int:
        """Report a usage or input problem uniformly and give the exit code for it (2)."""
        print_error(self.err, message, code=code, hint=hint)
        return USAGE_EXIT


def print_error(console: Console, message: str, *, code: str | None = None,
                hint: str | None = None, label: str = "error") -> None:
    line = Text.assemble((label, "bold red"), (": ", "bold"), message)
    if code:
        line.append(f" [{code}]", style="dim")
    console.print(line, soft_wrap=True, highlight=False)
    if hint:
        console.print(Text.assemble(("  hint", "bold cyan"), ": ", hint), soft_wrap=True,
                      highlight=False)


def repository_root(cwd: Path) -> Path:
    """The nearest directory holding `.git` (SARIF and GitHub paths are relative to it), or
    `cwd` outside a repository."""
    start = cwd.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def fallback_console(argv: list[str]) -> Console:
    """A stderr console for errors that happen before the options are parsed."""
    return make_console(stderr=True, no_color=color_disabled("--no-color" in argv))
