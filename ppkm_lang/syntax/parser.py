"""Text -> surface AST. Lark stays inside this module: nothing else sees a `lark.Tree`."""

from __future__ import annotations

import functools
import re
from importlib import resources

import lark

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.source import SourceFile, Span
from ppkm_lang.syntax import ast
from ppkm_lang.syntax.transform import ToAst as _ToAst
from ppkm_lang.diagnostics.codes import SYNTAX_ERROR, TOO_DEEPLY_NESTED

MAX_NESTING = 64


@functools.lru_cache(maxsize=1)
def grammar_text() -> str:
    return resources.files("ppkm_lang.syntax").joinpath("ppkm.lark").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _parser() -> lark.Lark:
    return lark.Lark(grammar_text(), parser="lalr", propagate_positions=True,
                     maybe_placeholders=False)


def parse(source: SourceFile) -> tuple[ast.Module | None, list[Diagnostic]]:
    """Parse one file. On a syntax error, returns None and one PPK101 diagnostic."""
    too_deep = _nesting_problem(source)
    if too_deep:
        return None, [too_deep]
    try:
        tree = _parser().parse(source.text)
    except lark.exceptions.UnexpectedInput as exc:
        return None, [_syntax_diagnostic(source, exc)]
    except RecursionError:
        return None, [_too_deep(source)]
    try:
        items = _ToAst(source.name).transform(tree)
    except RecursionError:
        return None, [_too_deep(source)]
    except lark.exceptions.VisitError as exc:  # a literal the transformer cannot read
        orig = exc.orig_exc
        span = getattr(orig, "span", None) or Span(source.name, 1, 1, 1, 2)
        return None, [Diagnostic(SYNTAX_ERROR, str(orig), span)]
    return ast.Module(source.name, tuple(items)), []


# ------------------------------------------------------------------ syntax errors

_TOKEN_WORDS = {
    "NAME": "a name", "STRING": "a string", "INT": "a whole number", "NUMBER": "a decimal number",
    "PERCENT": "a percentage such as `25%`", "TIME": "a time such as `17:00`",
    "DATE": "a date such as `2021-07-21`", "COMPARATOR": "a comparison (`==`, `<`, ...)",
    "HIT_POLICY": "a hit policy (unique, first, any, priority)", "CODE": "a code such as `PPK301`",
    "DIRECTION": "`nonincreasing` or `nondecreasing`", "SIGN": "`+` or `-`", "$END": "the end of the file",
    "DERIVED": "`derived`", "ORDERED": "`ordered`",
}


def _describe_terminal(name: str) -> str:
    if name in _TOKEN_WORDS:
        return _TOKEN_WORDS[name]
    try:
        pattern = _parser().get_terminal(name).pattern
    except KeyError:
        return name
    if isinstance(pattern, lark.lexer.PatternStr):
        return f"`{pattern.value}`"
    return name.lower()


def _expected_words(names) -> list[str]:
    words = sorted({_describe_terminal(n) for n in names})
    # Keywords first, in backticks; the descriptive classes after them.
    return sorted(words, key=lambda w: (not w.startswith("`"), w))


def _syntax_diagnostic(source: SourceFile, exc: lark.exceptions.UnexpectedInput) -> Diagnostic:
    line = getattr(exc, "line", None) or 1
    column = getattr(exc, "column", None) or 1
    if line < 1:
        line, column = _end_position(source.text)
    if isinstance(exc, lark.exceptions.UnexpectedCharacters):
        char = source.text[exc.pos_in_stream] if exc.pos_in_stream < len(source.text) else ""
        found = f"unexpected character `{char}`" if char.isprintable() else f"unexpected character U+{ord(char):04X}"
        expected = exc.allowed or set()
        end = column + 1
    elif isinstance(exc, lark.exceptions.UnexpectedToken):
        tok = exc.token
        if tok.type == "$END":
            line, column = _end_position(source.text)
            found = "unexpected end of file"
            end = column + 1
        else:
            found = f"unexpected name `{tok.value}`" if tok.type == "NAME" else f"unexpected `{tok.value}`"
            end = column + max(1, len(str(tok.value)))
        expected = exc.expected or set()
    else:  # UnexpectedEOF
        line, column = _end_position(source.text)
        found = "unexpected end of file"
        expected = getattr(exc, "expected", None) or set()
        end = column + 1
    words = _expected_words(expected)
    if words:
        shown = ", ".join(words[:8]) + (", ..." if len(words) > 8 else "")
        message = f"{found}; expected {shown}"
    else:
        message = found
    hint = _hint_for(source, line, column, found)
    return Diagnostic(SYNTAX_ERROR, message, Span(source.name, line, column, line, end), help=hint)


def _end_position(text: str) -> tuple[int, int]:
    lines = text.split("\n")
    return len(lines), len(lines[-1]) + 1


def _hint_for(source: SourceFile, line: int, column: int, found: str) -> str | None:
    text = source.line_text(line)
    if re.search(r"\b\d{1,2}\.\d{2}\b", text) and "time" not in found:
        return "times of day are written with a colon: `17:00`, not `17.00`"
    if "end of file" in found:
        return "a `{` is not closed, or a declaration is cut short"
    if "`=`" in found and "when" in text:
        return "compare with `==`; a single `=` gives a value in `then`"
    return None


def _too_deep(source: SourceFile) -> Diagnostic:
    return Diagnostic(TOO_DEEPLY_NESTED, "the text is nested too deeply to read (a very long chain of `not` or brackets)",
                      Span(source.name, 1, 1, 1, 2), help="split the condition into smaller rules")


_NOT_CHAIN = re.compile(r"(?:\bnot\s+){%d,}" % MAX_NESTING)


def _nesting_problem(source: SourceFile) -> Diagnostic | None:
    chain = _NOT_CHAIN.search(source.text)
    if chain:
        line = source.text.count("\n", 0, chain.start()) + 1
        col = chain.start() - (source.text.rfind("\n", 0, chain.start()) + 1) + 1
        return Diagnostic(TOO_DEEPLY_NESTED, f"`not` is repeated more than {MAX_NESTING} times in a row",
                          Span(source.name, line, col, line, col + 3), help="write the condition without the chain")
    depth = 0
    for lineno, text in enumerate(source.text.split("\n"), start=1):
        code = text.split("#", 1)[0] if '"' not in text else text
        for col, ch in enumerate(code, start=1):
            if ch in "({[":
                depth += 1
                if depth > MAX_NESTING:
                    return Diagnostic(
                        TOO_DEEPLY_NESTED, f"brackets are nested more than {MAX_NESTING} deep",
                        Span(source.name, lineno, col, lineno, col + 1),
                        help="split the condition into smaller rules or named region sets")
            elif ch in ")}]":
                depth = max(0, depth - 1)
    return None
