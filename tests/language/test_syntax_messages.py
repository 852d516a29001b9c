"""Syntax errors name the construct and say in words what was expected there.

Each file of fixtures/bad/PPK101_mistakes is one mistake new authors make, with the exact
message, span, help and related span written in its header. (The fixture suite checks the
same files as one policy for the code and position.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ppkm_lang.source import SourceFile
from ppkm_lang.syntax.parser import parse

MISTAKES = Path(__file__).parent / "fixtures" / "bad" / "PPK101_mistakes"
HEADER = re.compile(r"^# (mistake|span|message|help|related): (.*)$", re.M)
TOKEN_NAME = re.compile(r"\b(?:[A-Z]{2,}_?[A-Z_]*|__ANON_\d+)\b")


def _header(text: str) -> dict[str, str]:
    return dict(HEADER.findall(text))


def _diagnose(path: Path):
    module, diags = parse(SourceFile(path.name, path.read_text(encoding="utf-8")))
    assert module is None and len(diags) == 1
    return diags[0]


FILES = sorted(MISTAKES.glob("*.ppkm"))


def test_there_are_twenty_mistakes_or_more():
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_message_span_and_help(path: Path):
    want = _header(path.read_text(encoding="utf-8"))
    d = _diagnose(path)
    s = d.span
    assert (d.code, f"{s.line}:{s.column}-{s.end_line}:{s.end_column}") == ("PPK101", want["span"])
    assert d.message == want["message"]
    assert (d.help or "-") == want["help"]
    related = "; ".join(f"{r.span.line}:{r.span.column} {r.message}" for r in d.related) or "-"
    assert related == want["related"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_message_is_in_words(path: Path):
    d = _diagnose(path)
    # It names the construct: a declaration by its keyword and name, or the top level.
    assert re.search(r"\b(rule|table|fact|instrument|example|assert)\b|top level", d.message), d.message
    # No grammar terminal names (RBRACE, __ANON_5), and at most a few words in backticks.
    assert not TOKEN_NAME.search(d.message.replace("KESATU", "")), d.message
    assert len(re.findall(r"`[^`]+`", d.message)) <= 7, d.message


def test_mistakes_point_at_the_construct_as_written():
    text = 'rule tutup {\n  when zona == merah\n  than x = 1\n}\n'
    d = parse(SourceFile("t.ppkm", text))[1][0]
    assert d.message == "expected `then` after the condition of rule `tutup`, found `than`"
    assert d.message == parse(SourceFile("t.ppkm", text.replace("tutup", "buka")))[1][0].message.replace(
        "buka", "tutup")
    # Another declaration kind names itself.
    d = parse(SourceFile("t.ppkm", 'assert a {\n  when zona == merah\n  requier x == 1\n}\n'))[1][0]
    assert d.message == "expected `require` after the condition of assert `a`, found `requier`"


@pytest.mark.parametrize("text, message", [
    ('rule r "ok \\q" {}', "`\\q` is not an escape that a string in rule `r` may use"),
    ('fact zona: enum { hijau, merah }\nrule r { when zona == }', "expected a value after `==` in the condition of rule `r`, found `}`"),
    ('rule r { when (a }', "expected `)` after `a` in the brackets of the condition of rule `r`, found `}`"),
    ('fact zona enum { a }', "expected `:` after `fact zona`, found `enum`"),
    ('rule r { cite "x" }', "expected the name of the instrument after `cite` in rule `r`, found a string"),
    ('table t { row a -> }', "expected a value after `->` in a row of table `t`, found `}`"),
    ('rule r {\n when x < 17:00and y }', "expected a value after `<` in the condition of rule `r`, found `17:00and`"),
])
def test_more_messages(text, message):
    module, diags = parse(SourceFile("t.ppkm", text))
    assert module is None and diags[0].message == message
