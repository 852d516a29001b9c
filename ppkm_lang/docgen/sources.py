"""Spans -> the source text they cover, for showing each rule as written."""

from __future__ import annotations

from ppkm_lang.source import SourceFile, Span


def excerpt(sources: dict[str, SourceFile], span: Span) -> str | None:
    """The text of `span`, from the start of its first line (so indentation stays aligned),
    or None when the file is not among `sources`."""
    source = sources.get(span.file)
    if source is None or span.line < 1:
        return None
    lines = source.text.splitlines()
    if span.line > len(lines):
        return None
    last = min(span.end_line, len(lines))
    chunk = lines[span.line - 1:last]
    if not chunk:
        return None
    if span.end_line <= len(lines):
        chunk[-1] = chunk[-1][:max(0, span.end_column - 1)]
    # Blank out what precedes the span on its first line: the following lines keep their
    # alignment, and the dedent removes the common indentation.
    start = max(0, span.column - 1)
    chunk[0] = " " * start + chunk[0][start:]
    return _dedent("\n".join(chunk)).rstrip() + "\n"


def _dedent(text: str) -> str:
    lines = text.split("\n")
    widths = [len(x) - len(x.lstrip()) for x in lines if x.strip()]
    cut = min(widths) if widths else 0
    return "\n".join(x[cut:] for x in lines)


def whole_lines(sources: dict[str, SourceFile], span: Span, limit: int = 12) -> str | None:
    """The complete lines a span touches (at most `limit`), as a finding shows them."""
    source = sources.get(span.file)
    if source is None:
        return None
    lines = source.text.splitlines()
    if not 1 <= span.line <= len(lines):
        return None
    last = min(max(span.end_line, span.line), len(lines), span.line + limit - 1)
    return _dedent("\n".join(lines[span.line - 1:last])).rstrip() + "\n"
