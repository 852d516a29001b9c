"""Source files and spans.

Every node that comes from a `.ppkm` file keeps the span of the text it came from, so that a
diagnostic, an evaluation trace or a documentation page can point back at the exact place.
"""

from __future__ import annotations

from pathlib import Path

import attrs


@attrs.frozen
class Span:
    """A range of text: 1-based lines and columns, the end column exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


NO_SPAN = Span("<builtin>", 1, 1, 1, 1)


def span_field():
    """A span attribute that equality and hashing ignore (two nodes that differ only in where
    they were written are the same node)."""
    return attrs.field(default=NO_SPAN, eq=False, repr=False)


@attrs.frozen
class SourceFile:
    """The text of one policy file as read, with the name used in diagnostics."""

    name: str
    text: str
    # The lines, split once on first use: a renderer asks for one line per diagnostic, and
    # splitting the whole text each time made output quadratic in the number of findings.
    _lines: tuple[str, ...] | None = attrs.field(default=None, init=False, eq=False, repr=False)

    @property
    def lines(self) -> tuple[str, ...]:
        """The lines as the parser counts them: split at "\n" only (str.splitlines also
        splits at form feeds and Unicode separators, which would shift every line after one)."""
        if self._lines is None:
            object.__setattr__(self, "_lines", tuple(self.text.split("\n")))
        return self._lines

    def line_text(self, line: int) -> str:
        lines = self.lines
        if 1 <= line <= len(lines):
            return lines[line - 1]
        return ""


class SourceError(Exception):
    """A file could not be read as text; carries a message fit for a diagnostic."""


MAX_FILE_BYTES = 4 * 1024 * 1024


def read_source(path: Path, display_name: str | None = None) -> SourceFile:
    """Read a policy file as UTF-8 text. Raises SourceError with a readable message."""
    name = display_name or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(f"cannot read `{name}`: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise SourceError(f"`{name}` is {size} bytes; policy files are limited to {MAX_FILE_BYTES} bytes")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read `{name}`: {exc.strerror or exc}") from None
    if b"\x00" in data:
        raise SourceError(f"`{name}` is not a text file (it contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"`{name}` is not valid UTF-8 (byte {exc.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return SourceFile(name=name, text=text)
