"""The Pygments lexer: its words come from the grammar, it is registered under `ppkm`, and it
reads every policy file without an error token."""

from __future__ import annotations

import re
import tomllib
from importlib import import_module
from pathlib import Path

import pytest
from pygments import lex
from pygments.token import Error, Keyword, Name, Number, Operator, String

from ppkm_lang.docgen.lexer import PpkmLexer, keyword_classes
from ppkm_lang.syntax.keywords import all_keywords
from ppkm_lang.syntax.parser import _parser, grammar_text

REPO = Path(__file__).resolve().parents[2]
EVERY_KEYWORD = REPO / "tests" / "language" / "every_keyword.ppkm"


def test_every_quoted_word_of_the_grammar_is_highlighted():
    words = set(re.findall(r'"([a-z_]+)"', grammar_text()))
    classes = keyword_classes()
    covered = set().union(*map(set, classes.values()))
    assert words == covered
    assert "rule" in classes["declaration"] and "percent" in classes["type"]
    assert "and" in classes["logic"] and "always" in classes["constant"]
    assert {"unique", "first", "nonincreasing", "cite", "when"} <= set(classes["keyword"])


def test_a_new_grammar_word_is_picked_up():
    grammar = grammar_text().replace('"revokes" NAME', '"repeals" NAME')
    words = keyword_classes.__wrapped__(grammar)["keyword"]
    assert "repeals" in words and "revokes" not in words


def test_entry_point_names_the_lexer():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    target = project["project"]["entry-points"]["pygments.lexers"]["ppkm"]
    module, _, cls = target.partition(":")
    assert getattr(import_module(module), cls) is PpkmLexer


def test_registered_with_pygments():
    from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
    assert isinstance(get_lexer_by_name("ppkm"), PpkmLexer)
    assert isinstance(get_lexer_for_filename("x.ppkm"), PpkmLexer)


def tokens(text: str) -> list[tuple]:
    return [(t, v) for t, v in lex(text, PpkmLexer()) if v.strip()]


def test_token_kinds():
    toks = tokens('rule r "T" { when kapasitas >= 25% and jam < 17:00 and tgl == 2021-07-22\n'
                  '  then x = 2.5 cite inst KESEBELAS d.2 "kutip \\"x\\"" }  # catatan\nallow PPK301 on r "ok"')
    assert (Keyword.Declaration, "rule") in toks and (Name.Function, "r") in toks
    assert (Number.Float, "25%") in toks and (Number.Other, "17:00") in toks
    assert (Number.Other, "2021-07-22") in toks and (Number.Float, "2.5") in toks
    assert (Operator.Word, "and") in toks and (Operator, ">=") in toks
    assert (Name.Label, "KESEBELAS") in toks and (String.Escape, '\\"') in toks
    assert (Name.Exception, "PPK301") in toks


@pytest.mark.parametrize("path", sorted(p for d in ("examples", "policies", "tests/docs/fixtures")
                                        for p in (REPO / d).rglob("*.ppkm")), ids=lambda p: p.name)
def test_policy_files_lex_without_errors(path: Path):
    text = path.read_text(encoding="utf-8")
    toks = list(lex(text, PpkmLexer()))
    assert [v for t, v in toks if t in Error] == []
    # Pygments ends the text with a newline; apart from that the tokens are the text.
    assert "".join(v for _, v in toks) == (text if text.endswith("\n") else text + "\n")


def _keyword_offsets(text: str) -> list[tuple[str, int]]:
    """(keyword, offset) of every keyword the parser reads in `text`."""
    words = set(all_keywords())
    ip = _parser().parse_interactive(text)
    return [(t.value, t.start_pos) for t in ip.iter_parse() if t.value in words and t.type != "NAME"]


def test_every_grammar_keyword_is_a_keyword_token():
    """Each keyword, wherever the parser reads it in a sample that uses them all, is a Keyword
    token (the logic words `and`, `or`, `not`, `in` are Operator.Word, as in Python's lexer)."""
    text = EVERY_KEYWORD.read_text(encoding="utf-8")
    starts, offset = {}, 0
    for tok, value in lex(text, PpkmLexer()):
        starts[offset] = (tok, value)
        offset += len(value)
    seen = set()
    for word, start in _keyword_offsets(text):
        tok, value = starts[start]
        ok = tok in Keyword or (word in keyword_classes()["logic"] and tok is Operator.Word)
        assert value == word and ok, (word, start, tok, value)
        seen.add(word)
    assert seen == set(all_keywords())


def test_glued_words_are_names():
    toks = tokens("rule r { whenb x_when to2021 } rulex")
    for word in ("whenb", "x_when", "to2021", "rulex"):
        assert (Name, word) in toks, word
    assert (Keyword.Declaration, "allow") in tokens('allow PPK301 on r "ok"')
