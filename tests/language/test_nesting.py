"""The nesting guard (PPK104) counts the brackets and `not`s of code only: those inside strings
and comments open nothing."""

from __future__ import annotations

from ppkm_lang.diagnostics.codes import TOO_DEEPLY_NESTED
from ppkm_lang.source import SourceFile
from ppkm_lang.syntax.parser import MAX_NESTING, parse

DEEP = MAX_NESTING + 1


def _codes(text: str) -> list[tuple[str, int, int]]:
    module, diags = parse(SourceFile("n.ppkm", text))
    return [(d.code, d.span.line, d.span.column) for d in diags]


def test_brackets_in_a_string_are_text():
    assert _codes(f'rule r "{"(" * DEEP}" {{ }}\n') == []
    assert _codes(f'rule r "{"[{" * DEEP} \\"still the string" {{ }}\n') == []


def test_brackets_in_a_comment_are_text():
    assert _codes(f'# {"(" * DEEP}\nrule r {{ }}  # {"{" * DEEP}\n') == []


def test_not_repeated_in_a_string_or_comment_is_text():
    assert _codes(f'rule r "{"not " * DEEP}" {{ }}  # {"not " * DEEP}\n') == []


def test_code_brackets_still_count():
    # The body's `{` is one level: the 64th `(` is the 65th level.
    text = f'rule r {{ when {"(" * DEEP}a{")" * DEEP} }}\n'
    assert _codes(text) == [(TOO_DEEPLY_NESTED, 1, text.index("(") + MAX_NESTING)]
    # A string of closing brackets before them closes nothing, and `#` in a string is no comment.
    text = f'rule r "{")" * DEEP} # x" {{ when {"(" * DEEP}a{")" * DEEP} }}\n'
    assert _codes(text)[0][0] == TOO_DEEPLY_NESTED
    # An unclosed string ends at its line, as the lexer reads it: the next line is code again.
    text = f'rule r "open\n{{ when {"(" * DEEP}a{")" * DEEP} }}\n'
    second = text.split("\n")[1]
    assert _codes(text) == [(TOO_DEEPLY_NESTED, 2, second.index("(") + MAX_NESTING)]


def test_a_chain_of_not_in_code_still_counts():
    text = f'rule r {{ when {"not " * DEEP}a }}\n'
    assert _codes(text) == [(TOO_DEEPLY_NESTED, 1, 15)]


def test_at_the_limit_it_parses():
    inner = MAX_NESTING - 1  # and the body's `{`
    assert _codes(f'rule r {{ when {"(" * inner}a{")" * inner} }}\n') == []
