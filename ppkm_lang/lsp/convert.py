"""Between the checker's spans (1-based lines, columns of characters) and the protocol's
positions (0-based lines, columns in UTF-16 code units, as LSP counts by default)."""

from __future__ import annotations

from lsprotocol import types

from ppkm_lang.diagnostics.links import code_url
from ppkm_lang.diagnostics.model import Diagnostic, Severity
from ppkm_lang.source import SourceFile, Span

SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
            Severity.INFO: types.DiagnosticSeverity.Information}


def to_units(line: str, column: int) -> int:
    """Character column -> UTF-16 units."""
    prefix = line[:max(0, column)]
    return column + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def from_units(line: str, units: int) -> int:
    """UTF-16 units -> character column."""
    count = 0
    for i, ch in enumerate(line):
        if count >= units:
            return i
        count += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


def position(lines: list[str], line: int, column: int) -> types.Position:
    text = lines[line] if 0 <= line < len(lines) else ""
    return types.Position(line=max(0, line), character=to_units(text, column))


def range_of(lines: list[str], line: int, start: int, end_line: int, end: int) -> types.Range:
    return types.Range(start=position(lines, line, start), end=position(lines, end_line, end))


def span_range(span: Span, source: SourceFile | None) -> types.Range:
    lines = source.text.split("\n") if source is not None else []
    start_line, end_line = max(0, span.line - 1), max(0, span.end_line - 1)
    return range_of(lines, start_line, max(0, span.column - 1), end_line, max(0, span.end_column - 1))


def to_lsp(diag: Diagnostic, sources: dict[str, SourceFile], uri_of) -> types.Diagnostic:
    """One finding for the editor; `uri_of(file name)` gives the document a span is in. The
    hint travels in `data`, for the code actions."""
    source = sources.get(diag.span.file)
    related = [types.DiagnosticRelatedInformation(
        location=types.Location(uri=uri_of(r.span.file), range=span_range(r.span, sources.get(r.span.file))),
        message=r.message or "related") for r in diag.related if not r.span.file.startswith("<")]
    message = diag.message + (f"\nhelp: {diag.help}" if diag.help else "")
    return types.Diagnostic(
        range=span_range(diag.span, source), message=message, severity=SEVERITY[diag.severity],
        code=str(diag.code), code_description=types.CodeDescription(href=code_url(str(diag.code))),
        source="ppkm", related_information=related or None,
        data={"help": diag.help, "subject": diag.subject, "message": diag.message})


__all__ = ["to_units", "from_units", "position", "range_of", "span_range", "to_lsp"]
