"""Keywords are whole, reserved words. For every keyword of the grammar (read from ppkm.lark,
so a new keyword is checked as soon as it exists): glued to the word after it, or with a
letter added, it is no longer that keyword; and it cannot be used as a name."""

from __future__ import annotations

from pathlib import Path

import pytest

from ppkm_lang.diagnostics.codes import SYNTAX_ERROR
from ppkm_lang.source import SourceFile
from ppkm_lang.syntax.keywords import all_keywords
from ppkm_lang.syntax.parser import _parser, parse

# Every keyword of the language, most followed by a word; also read by the highlighting tests.
SAMPLE = (Path(__file__).parent / "every_keyword.ppkm").read_text(encoding="utf-8")


def _tokens():
    ip = _parser().parse_interactive(SAMPLE)
    tokens = list(ip.iter_parse())
    ip.feed_eof(tokens[-1])
    return tokens


def _keyword_tokens():
    words = set(all_keywords())
    return [t for t in _tokens() if t.value in words and t.type != "NAME"]


def _module(text: str):
    return parse(SourceFile("k.ppkm", text))


def test_the_sample_parses_and_uses_every_keyword():
    module, diags = _module(SAMPLE)
    assert module is not None, diags
    used = {t.value for t in _keyword_tokens()}
    assert used == set(all_keywords()), f"use these keywords in SAMPLE: {sorted(set(all_keywords()) - used)}"


def _gluable():
    """Each keyword once, where the next token is a word (or number) after whitespace."""
    seen, out = set(), []
    for t in _keyword_tokens():
        rest = SAMPLE[t.end_pos:]
        gap = len(rest) - len(rest.lstrip())
        if t.value not in seen and gap and rest.lstrip()[:1].isalnum():
            seen.add(t.value)
            out.append((t.value, t.end_pos, gap))
    return out


@pytest.mark.parametrize("word, end, gap", _gluable(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_keyword_glued_to_the_next_word_is_not_that_keyword(word, end, gap):
    """`whenb` is a name, and so an error where only a keyword may stand; where a name may
    stand too (`not f6` -> `notf6`) it is a name, so the policy read is another one."""
    original, _ = _module(SAMPLE)
    module, diags = _module(SAMPLE[:end] + SAMPLE[end + gap:])
    if module is None:
        assert [d.code for d in diags] == [SYNTAX_ERROR]
    else:
        assert module != original and word in ("not", "always"), word


def test_most_keywords_glued_are_errors():
    errors = [w for w, end, gap in _gluable() if _module(SAMPLE[:end] + SAMPLE[end + gap:])[0] is None]
    assert len(errors) >= 40


@pytest.mark.parametrize("word", all_keywords())
def test_a_keyword_with_a_letter_added_is_not_that_keyword(word):
    """Wherever the keyword is written, `wordx` is read as a name: an error, or another policy."""
    original, _ = _module(SAMPLE)
    for t in (t for t in _keyword_tokens() if t.value == word):
        module, diags = _module(SAMPLE[:t.end_pos] + "x" + SAMPLE[t.end_pos:])
        assert module is None or module != original, (word, t.line)


@pytest.mark.parametrize("word", all_keywords())
def test_a_keyword_is_not_a_name(word):
    module, diags = _module(f"fact {word}: bool\n")
    assert module is None and diags[0].message == \
        f"expected the name of the fact after `fact`, found the keyword `{word}`"


def test_glued_words_are_read_whole():
    cases = {
        "rule r { whenb }": ("whenb", "write `when b`"),
        'instrument i "x" { in_force 2021-07-03 to2021-07-10 }': ("to2021", "write `to 2021-07-10`"),
        "rule r { when x < 17:00and y }": ("17:00and", "write `17:00 and`"),
        'allow PPK301on r "x"': ("PPK301on", "write `PPK301 on`"),
    }
    for text, (found, fix) in cases.items():
        module, diags = _module(text)
        assert module is None and f"found `{found}`" in diags[0].message and diags[0].help.endswith(fix), text
