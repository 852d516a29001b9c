"""Source files and spans.

Every node that comes from a `.ppkm` file keeps the span of the text it came from, so that a
diagnostic, an evaluation trace or a documentation page can point back at the exact place.
"""

from __future__ import annotations

import os
import stat
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
    """Read a policy file as UTF-8 text. Raises SourceError with a readable message.

    Only a regular file is read: it is opened without blocking (a FIFO would wait for a
    writer) and checked before anything is read, and never read past MAX_FILE_BYTES (a
    device such as `/dev/zero` reports no size and never ends)."""
    name = display_name or display_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise SourceError(f"cannot read `{name}`: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb", buffering=0) as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise SourceError(f"`{name}` is {kind}; policies are read from regular files")
        if info.st_size > MAX_FILE_BYTES:
            raise SourceError(f"`{name}` is {info.st_size} bytes; policy files are limited to {MAX_FILE_BYTES} bytes")
        try:
            data = _read_all(fh, MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise SourceError(f"cannot read `{name}`: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:  # it grew while it was read
        raise SourceError(f"`{name}` is larger than {MAX_FILE_BYTES} bytes; policy files are limited to that")
    if b"\x00" in data:
        raise SourceError(f"`{name}` is not a text file (it contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"`{name}` is not valid UTF-8 (byte {exc.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return SourceFile(name=name, text=text)


def _read_all(fh, limit: int) -> bytes:
    """Up to `limit` bytes (an unbuffered read may return fewer than asked)."""
    chunks, total = [], 0
    while total < limit:
        chunk = fh.read(limit - total)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def display_path(path: str | os.PathLike) -> str:
    """A path as text fit for messages and every output format: a byte of the file name
    that is not UTF-8 (which Python keeps as a lone surrogate, unprintable and invalid in
    JSON) is written `\\xNN`, as `ls -b` shows it."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate that stands for no byte
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
