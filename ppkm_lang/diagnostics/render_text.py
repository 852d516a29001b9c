"""Diagnostics for people: rustc/ruff-style excerpts with a caret under the span.

    error[PPK301]: rules `a` and `b` both set `makan_di_tempat`
      --> policies/level4.ppkm:12:6
       |
    12 | rule a {
       |      ^
       |
      ::: policies/level4.ppkm:20:6
       |
    20 | rule b {
       |      - the other rule
       |
       = witness: kegiatan = makan_di_tempat, wilayah = KOTA MEDAN, level = level_4
       = help: give one rule precedence with `overrides`

Colour goes through rich; whether there is any is the Console's business (the CLI turns it
off for NO_COLOR, --no-color and output that is not a terminal). Every piece of policy text is
put in a `rich.text.Text`, never interpreted as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ppkm_lang.diagnostics.model import Diagnostic, Severity
from ppkm_lang.diagnostics.render_json import decimal_text
from ppkm_lang.source import SourceFile, Span

TAB = "    "

STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold cyan",
}
GUTTER = "bold blue"
SECONDARY = "bold blue"

# Terminal control characters and bidi overrides in a policy or a message could rewrite what
# the reader sees; each becomes U+FFFD, one character for one, so that columns still line up.
_UNSAFE = {c: "\ufffd" for c in [*range(0x00, 0x09), *range(0x0a, 0x20), *range(0x7f, 0xa0),
                                   *range(0x202a, 0x202f), *range(0x2066, 0x206a), 0x200e, 0x200f, 0x061c]}


def clean(text: str) -> str:
    return text.translate(_UNSAFE)


def render(diagnostics: Iterable[Diagnostic], sources: Mapping[str, SourceFile], console: Console,
           *, files: int | None = None, summary: bool = True) -> None:
    """Write every diagnostic, then (unless `summary` is false) the count line."""
    diagnostics = list(diagnostics)
    # Printed in batches: each `console.print` costs rich a fixed overhead that, once per
    # line, dominated the output of a file with thousands of findings.
    batch: list[Text] = []
    for diag in diagnostics:
        batch.extend(render_one(diag, sources))
        batch.append(Text())
        if len(batch) >= _BATCH_LINES:
            _print_lines(console, batch)
            batch = []
    _print_lines(console, batch)
    if summary:
        console.print(Text(summary_line(diagnostics, files), style="bold"), soft_wrap=True,
                      highlight=False)


_BATCH_LINES = 2000


def _print_lines(console: Console, lines: list[Text]) -> None:
    if not lines:
        return
    if console.color_system is None and not console.record and console.file is not None:
        # Without colour the styles print as nothing, and rich's layout work per line cost
        # more than all the checking of a large file: write the plain text.
        console.file.write("".join(f"{line.plain}\n" for line in lines))
        return
    console.print(Text("\n").join(lines), soft_wrap=True, highlight=False)


def render_one(diag: Diagnostic, sources: Mapping[str, SourceFile]) -> list[Text]:
    """The lines of one diagnostic, as rich Text."""
    severity = diag.severity
    style = STYLE[severity]
    spans = [diag.span, *(r.span for r in diag.related)]
    width = max(len(str(s.line)) for s in spans)
    pad = " " * width
    out = [Text.assemble((f"{severity.value}[{diag.code}]", style), (": ", "bold"),
                         (clean(diag.message), "bold"))]
    out.append(Text.assemble((f"{pad}--> ", GUTTER), clean(str(diag.span))))
    out.extend(_excerpt(diag.span, sources, width, "^", style, ""))
    for rel in diag.related:
        out.append(Text.assemble((f"{pad}::: ", GUTTER), clean(str(rel.span))))
        excerpt = _excerpt(rel.span, sources, width, "-", SECONDARY, clean(rel.message))
        if excerpt:
            out.extend(excerpt)
        elif rel.message:
            out.append(Text.assemble((f"{pad} = ", GUTTER), ("note", "bold"), ": ",
                                     clean(rel.message)))
    if diag.witness:
        facts = ", ".join(f"{k} = {format_value(v)}" for k, v in diag.witness.items())
        out.append(Text.assemble((f"{pad} = ", GUTTER), ("witness", "bold"), ": ", clean(facts)))
    if diag.help:
        out.append(Text.assemble((f"{pad} = ", GUTTER), ("help", "bold"), ": ", clean(diag.help)))
    return out


def _excerpt(span: Span, sources: Mapping[str, SourceFile], width: int, mark: str, style: str,
             label: str) -> list[Text]:
    source = sources.get(span.file)
    lines = source.lines if source is not None else ()
    if not 1 <= span.line <= len(lines):
        return []
    raw = clean(lines[span.line - 1].removesuffix("\r"))
    shown = raw.replace("\t", TAB)
    start = _display_column(raw, span.column)
    if span.end_line > span.line:
        end = cell_len(shown)  # a multi-line span: underline the first line to its end
    else:
        end = _display_column(raw, span.end_column)
    length = max(1, end - start)
    underline = Text.assemble(" " * start, (mark * length, style))
    if label:
        underline.append(" " + label, style=style)
    pad = " " * width
    return [
        Text(f"{pad} |", style=GUTTER),
        Text.assemble((f"{span.line:>{width}} | ", GUTTER), shown),
        Text.assemble((f"{pad} | ", GUTTER), underline),
        Text(f"{pad} |", style=GUTTER),
    ]


def _display_column(raw: str, column: int) -> int:
    """Cells before 1-based `column` of `raw` once tabs are expanded (wide characters count
    two), so the caret lands under the right character in a terminal."""
    prefix = raw[: max(0, column - 1)].replace("\t", TAB)
    beyond = max(0, column - 1 - len(raw))  # spans may point just past the end of a line
    return cell_len(prefix) + beyond


def summary_line(diagnostics: Iterable[Diagnostic], files: int | None = None) -> str:
    """`2 errors, 1 warning in 3 files`, or `no findings in 3 files`."""
    counts = {s: 0 for s in Severity}
    for diag in diagnostics:
        counts[diag.severity] += 1
    shown = []
    if counts[Severity.ERROR]:
        shown.append(_plural(counts[Severity.ERROR], "error"))
    if counts[Severity.WARNING]:
        shown.append(_plural(counts[Severity.WARNING], "warning"))
    if counts[Severity.INFO]:
        shown.append(f"{counts[Severity.INFO]} info")
    text = ", ".join(shown) if shown else "no findings"
    if files is not None:
        text += f" in {_plural(files, 'file')}"
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_value(value) -> str:
    """A witness value as it would be written in a policy."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction):
        exact = decimal_text(value)
        return exact if exact is not None else f"{value.numerator}/{value.denominator}"
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(format_value(v) for v in value)) + "}"
    if isinstance(value, dict):  # e.g. the two fact combinations of a monotonicity witness
        return "(" + ", ".join(f"{k} = {format_value(v)}" for k, v in value.items()) + ")"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    return str(value)
