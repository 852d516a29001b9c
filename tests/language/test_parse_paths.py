"""The parser's two paths read the same language: the inline one (the AST built as Lark
reduces, glued words refused as they are lexed) and the checked one (a parse tree through the
interactive parser, token by token, then the transformer), which finds and words every
syntax error. On every policy, example and fixture, on generated valid policies and on
broken ones, both give the same AST, spans included (equality ignores spans, so the
comparison here does not), and the same diagnostics. A text the inline path takes must be
one the checked path takes: `parse` falls back to the checked path on anything else.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from policy_text_gen import policies
from ppkm_lang.source import SourceFile
from ppkm_lang.syntax import parser as P

REPO = Path(__file__).resolve().parents[2]
CORPUS = sorted({*REPO.joinpath("policies").rglob("*.ppkm"), *REPO.joinpath("examples").rglob("*.ppkm"),
                 *(p for p in REPO.joinpath("tests").rglob("*.ppkm") if "fixtures" in p.parts),
                 REPO / "tests" / "language" / "every_keyword.ppkm"})
SCALE = int(os.environ.get("PPKM_FUZZ_EXAMPLES", "1000")) / 1000
FUZZ = settings(max_examples=max(1, int(300 * SCALE)), deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def full(value):
    """`value` with every field of every attrs object, spans too, and the class of each."""
    if attrs.has(type(value)):
        return (type(value).__name__,) + tuple((f.name, full(getattr(value, f.name))) for f in attrs.fields(type(value)))
    if isinstance(value, (tuple, list)):
        return (type(value).__name__,) + tuple(full(v) for v in value)
    if isinstance(value, dict):
        return ("dict",) + tuple((full(k), full(v)) for k, v in value.items())
    return value


def both(text: str, name: str = "t.ppkm"):
    source = SourceFile(name, text)
    too_deep = P._nesting_problem(source)  # before either path, as in `parse`
    return full(P.parse(source)), full((None, [too_deep]) if too_deep else P.parse_checked(source))


def test_the_comparison_sees_spans():
    a = P.parse(SourceFile("t.ppkm", "fact a: bool\n"))[0]
    b = P.parse(SourceFile("t.ppkm", "\nfact a: bool\n"))[0]
    assert a == b  # equality ignores spans
    assert full(a) != full(b)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_file_of_the_repository(path):
    text = path.read_text(encoding="utf-8")
    source = SourceFile(path.name, text)
    new, old = both(text, path.name)
    assert new == old
    if old[1] and not P._nesting_problem(source):  # a module: the inline path itself took it
        assert P._parse_inline(source) is not None


def test_the_corpus_holds_the_real_policies_and_the_bad_fixtures():
    names = {p.relative_to(REPO).as_posix() for p in CORPUS}
    assert any(n.startswith("policies/") for n in names) and any("/bad/" in n for n in names)


@FUZZ
@given(files=policies())
def test_generated_valid_policies(files):
    for name, text in files.items():
        source = SourceFile(name, text)
        assert P._parse_inline(source) is not None, text
        new, old = both(text, name)
        assert new == old


REAL = [p.read_text(encoding="utf-8") for p in CORPUS if "policies" in p.parts or "examples" in p.parts]
PIECES = ["whenb", "to2021-07-10", "then x == 1", "then x = = 1", "rule when", "fact rule: bool", "((", "}",
          '"open', "\u202e", "25%%", "17:0", "2021-13-40", "row - ->", "in_force", "#", "\n", "not not",
          "9999-12-31", "24:00", "true", "always", "label", "x.1", "01", "enum {", "PPK999"]


@FUZZ
@given(st.sampled_from(REAL), st.data())
def test_mutated_policies(text, data):
    """Delete, duplicate or replace a slice of a real file, as the robustness fuzzer does:
    the same diagnostics (code and span) and the same AST, whichever path read it."""
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, min(len(text), i + 80)))
    op = data.draw(st.sampled_from(["delete", "duplicate", "replace", "truncate"]))
    mutated = {"delete": text[:i] + text[j:], "duplicate": text[:j] + text[i:j] + text[j:], "truncate": text[:i],
               "replace": text[:i] + data.draw(st.sampled_from(PIECES)) + text[j:]}[op]
    new, old = both(mutated)
    assert new == old


@FUZZ
@given(st.lists(st.sampled_from(PIECES + ["rule", "r", "{", "when", "a", "then", "m", "=", "1", "fact", ":",
                                          "bool", "table", "row", "|", "->", "-", "in", "[", "]", "(", ")"]),
                max_size=40))
def test_token_soup(tokens):
    new, old = both(" ".join(tokens))
    assert new == old


@pytest.mark.parametrize("text", [
    "rule r { whenb then m = 1 }", "instrument i \"x\" { in_force 2021-07-03 to2021-07-20 }",
    "rule r { when a then x == 1 }", "fact rule: bool", "rule r { when rule then m = 1 }",
    "rule r { when (a and b) or not (c) then m = 1 }", "rule r { when 1 < x <= 2 then m = [1, 2) }",
    "", "# only a comment\n", "fact a: bool\nfact b: enum { x, y }\n",
])
def test_the_shapes_of_issue_15(text):
    new, old = both(text)
    assert new == old


# ------------------------------------------------------------------ the nesting guard

def nesting_as_it_was(source: SourceFile):
    """The guard before it scanned only the brackets: every character, in a Python loop."""
    code = P._code_only(source.text)
    chain = re.search(r"(?:\bnot\s+){%d,}" % P.MAX_NESTING, code)
    if chain:
        line = code.count("\n", 0, chain.start()) + 1
        col = chain.start() - (code.rfind("\n", 0, chain.start()) + 1) + 1
        return ("not", line, col)
    depth = 0
    for lineno, text in enumerate(code.split("\n"), start=1):
        for col, ch in enumerate(text, start=1):
            if ch in "({[":
                depth += 1
                if depth > P.MAX_NESTING:
                    return ("bracket", lineno, col)
            elif ch in ")}]":
                depth = max(0, depth - 1)
    return None


def nesting_now(source: SourceFile):
    found = P._nesting_problem(source)
    if found is None:
        return None
    return ("not" if "`not`" in found.message else "bracket", found.span.line, found.span.column)


@settings(max_examples=max(1, int(300 * SCALE)), deadline=None, database=None)
@given(st.lists(st.sampled_from(["(", ")", "[", "]", "{", "}", "not ", "not", "knot ", "nota ", " ", "\n", '"',
                                 "#", "a", "\t", "é"]), max_size=300),
       st.integers(1, 3))
def test_the_nesting_guard_finds_what_it_found(pieces, repeat):
    text = "".join(pieces) * repeat
    deep = "not " * (P.MAX_NESTING + 1)
    for candidate in (text, text + deep, deep + text, "(" * (P.MAX_NESTING + 1) + text):
        source = SourceFile("n.ppkm", candidate)
        assert nesting_now(source) == nesting_as_it_was(source)
