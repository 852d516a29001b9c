"""The canonical formatter: whitespace only.

It re-indents by brace depth (two spaces), puts single spaces between tokens (none inside
brackets or around the dots of a citation path), collapses runs of blank lines, and keeps
every comment and the author's line breaks. Because it changes nothing but whitespace, the
formatted file parses to the same tree; `format_source` verifies that and refuses otherwise.
"""

from __future__ import annotations

import re

import attrs

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.source import SourceFile, Span
from ppkm_lang.syntax.parser import parse
from ppkm_lang.diagnostics.codes import FORMAT_REFUSED

_TOKEN = re.compile(r"""
    (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<comment>\#[^\n]*)
  | (?P<date>\d{4}-\d{2}-\d{2})
  | (?P<time>\d{1,2}:\d{2})
  | (?P<number>\d+(?:\.\d+)?%?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|->|[<>=|{}()\[\],.:+\-])
  | (?P<other>\S)
""", re.X)

_OPEN = {"(", "["}
_CONTINUATION = {"cite", "per", "overrides"}


@attrs.frozen
class Formatted:
    text: str
    changed: bool
    diagnostics: tuple[Diagnostic, ...] = ()


def _tokens(line: str) -> list[tuple[str, str]]:
    return [(m.lastgroup, m.group()) for m in _TOKEN.finditer(line)]


_SET_AFTER = {"in", "row", "|", "not"}  # a `{` after these opens a set literal: `{oranye, merah}`


def _join(tokens: list[tuple[str, str]]) -> str:
    out = ""
    prev = None
    braces: list[bool] = []  # for each `{` open on this line: is it a set literal?
    for kind, tok in tokens:
        if kind == "comment":
            out += ("  " if out else "") + tok.rstrip()
            continue
        if prev is None or tok in (",", ")", "]", ":") or prev in _OPEN or tok == "." or prev == ".":
            space = ""  # no space inside brackets, before separators, or in citation paths (c.1.a)
        elif tok == "}" and braces and braces[-1]:
            space = ""
        elif prev == "{" and braces and braces[-1]:
            space = ""
        else:
            space = " "
        if tok == "{":
            braces.append(prev in _SET_AFTER or prev is None)
        elif tok == "}" and braces:
            braces.pop()
        out += space + tok
        prev = tok
    return out


def _row_cells(tokens) -> tuple[list[str], str] | None:
    """A table row split into its cell texts and the rest (`-> outputs ...`)."""
    cells, current = [], []
    for i, (kind, tok) in enumerate(tokens[1:], start=1):
        if tok == "->":
            cells.append(_join(current))
            return cells, _join(tokens[i:])
        if tok == "|":
            cells.append(_join(current))
            current = []
        else:
            current.append((kind, tok))
    return None


def _align_rows(lines: list[str], rows: dict[int, tuple[int, list]]) -> None:
    """Pad the cells of the rows of one table so that `|` and `->` line up."""
    by_block: dict[int, list[tuple[int, list[str], str]]] = {}
    for index, (block, tokens) in rows.items():
        split = _row_cells(tokens)
        if split:
            by_block.setdefault(block, []).append((index, *split))
    for members in by_block.values():
        n = max(len(cells) for _, cells, _ in members)
        widths = [max((len(c[i]) for _, c, _ in members if i < len(c)), default=0) for i in range(n)]
        for index, cells, rest in members:
            indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
            padded = " | ".join(c.ljust(widths[i]) for i, c in enumerate(cells))
            lines[index] = f"{indent}row {padded} {rest}"


def format_text(text: str) -> str:
    lines_out: list[str] = []
    rows: dict[int, tuple[int, list]] = {}
    blocks_opened = 0
    depth = 0
    blank = False
    prev_first = None
    row_continuation = False  # the citations of a table row are indented under it
    parens = 0  # ( and [ still open from earlier lines: a condition continues
    prev_last = None
    list_continuation = False  # `then a = 1,` / `given ...,` continued on the next line
    prev_opened = False
    prev_first_kind = None
    for raw in text.replace("\r\n", "\n").split("\n"):
        toks = _tokens(raw)
        if not toks:
            blank = bool(lines_out)
            continue
        first = toks[0][1]
        closes_first = first == "}"
        level = max(depth - (1 if closes_first else 0), 0)
        row_continuation = first in _CONTINUATION and (prev_first == "row" or prev_first_kind == "string"
                                                       or row_continuation)
        # A declaration's description and labels on their own lines sit under it.
        extra = 2 if row_continuation or (toks[0][0] == "string" and prev_first in ("fact", "measure")) \
            or (first == "label" and depth == 0) else 0
        list_continuation = prev_last == "," and not prev_opened and (
            prev_first in ("then", "given", "expect", "overrides", "inputs", "outputs") or list_continuation)
        if list_continuation:
            extra = 2
        if first in ("and", "or") or prev_last in ("and", "or") or parens > 0:
            closing = 1 if first in (")", "]") else 0
            extra = 2 + 2 * max(parens - closing, 0)
        if blank and not (lines_out and lines_out[-1].endswith("{")) and not closes_first:
            lines_out.append("")
        blank = False
        lines_out.append(" " * (2 * level + extra) + _join(toks))
        if first == "row":
            rows[len(lines_out) - 1] = (blocks_opened, toks)
        code = [t for k, t in toks if k != "comment"]
        prev_opened = code.count("{") > code.count("}")
        prev_last = code[-1] if code else prev_last
        for kind, tok in toks:
            if kind == "op" and tok in ("(", "["):
                parens += 1
            elif kind == "op" and tok in (")", "]"):
                parens = max(0, parens - 1)
            if kind == "op" and tok == "{":
                depth += 1
                blocks_opened += 1
            elif kind == "op" and tok == "}":
                depth = max(0, depth - 1)
        prev_first, prev_first_kind = first, toks[0][0]
    _align_rows(lines_out, rows)
    return "\n".join(lines_out) + "\n" if lines_out else ""


def _shape(node):
    """A node without what equality ignores (spans, the syntax stage's findings), for comparing
    two parses."""
    if isinstance(node, Span):
        return None
    if attrs.has(type(node)):
        return (type(node).__name__,) + tuple(_shape(getattr(node, a.name)) for a in attrs.fields(type(node))
                                               if a.eq)
    if isinstance(node, (list, tuple)):
        return tuple(_shape(x) for x in node)
    return node


def format_source(source: SourceFile) -> Formatted:
    before, diags = parse(source)
    if before is None:
        return Formatted(source.text, False, tuple(diags))
    text = format_text(source.text)
    after, _ = parse(SourceFile(source.name, text))
    if after is None or _shape(after.items) != _shape(before.items):
        return Formatted(source.text, False, (Diagnostic(
            FORMAT_REFUSED, "formatting would change the meaning of this file; it was left as it is",
            Span(source.name, 1, 1, 1, 2), help="please report this file: the formatter should never do that"),))
    return Formatted(text, text != source.text)


__all__ = ["Formatted", "format_text", "format_source"]
