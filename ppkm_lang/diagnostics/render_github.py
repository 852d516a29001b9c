"""Diagnostics as GitHub Actions workflow commands, which show as annotations on a pull request:

    ::error file=policies/a.ppkm,line=12,col=5,endLine=12,endColumn=11,title=PPK301 rule-conflict::message

Escaping follows the Actions toolkit: in the message `%`, CR and LF are percent-encoded; in
property values `:` and `,` are too, since they separate the properties.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ppkm_lang.diagnostics.model import Diagnostic, Severity
from ppkm_lang.diagnostics.render_text import format_value

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(diagnostics: Iterable[Diagnostic], *, root: Path | None = None,
           cwd: Path | None = None) -> str:
    """One command per line. With `root`, file names (relative to `cwd`) are written relative
    to it: GitHub places annotations relative to the repository root."""
    return "".join(command(d, root=root, cwd=cwd) + "\n" for d in diagnostics)


def command(diag: Diagnostic, *, root: Path | None = None, cwd: Path | None = None) -> str:
    span = diag.span
    props = []
    if not span.file.startswith("<"):
        file = span.file
        if root is not None:
            path = (cwd or Path.cwd()) / file
            file = Path(os.path.relpath(os.path.normpath(path), root.absolute())).as_posix()
        props += [
            ("file", file),
            ("line", str(span.line)),
            ("col", str(span.column)),
            ("endLine", str(span.end_line)),
            ("endColumn", str(span.end_column)),
        ]
    props.append(("title", f"{diag.code} {diag.code.name}"))
    text = diag.message
    if diag.witness:
        text += "\nwitness: " + ", ".join(f"{k} = {format_value(v)}" for k, v in diag.witness.items())
    if diag.help:
        text += "\nhelp: " + diag.help
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMAND[diag.severity]} {joined}::{escape_data(text)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
