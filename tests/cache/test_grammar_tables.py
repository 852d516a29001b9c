"""The LALR tables of the grammar are built once per process with the cache off too: the
parser that reads syntax errors loads the tables the inline parser was built from."""

from __future__ import annotations

import lark

from ppkm_lang import cache
from ppkm_lang.diagnostics.codes import SYNTAX_ERROR
from ppkm_lang.source import SourceFile
from ppkm_lang.syntax import parser as P


def test_one_build_for_both_parsers(monkeypatch):
    monkeypatch.setenv("PPKM_NO_CACHE", "1")
    monkeypatch.setattr(cache, "_BUILT", {})
    built = []
    real = lark.Lark

    class Counting(real):
        def __init__(self, *args, **kwargs):
            built.append(kwargs)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(lark, "Lark", Counting)
    P._inline_parser.cache_clear()
    P._parser.cache_clear()
    try:
        assert P.parse(SourceFile("a.ppkm", "fact a: bool\n"))[1] == []
        module, diagnostics = P.parse(SourceFile("a.ppkm", "fact a: bool bool\n"))
        assert module is None and [d.code for d in diagnostics] == [SYNTAX_ERROR]
        assert len(built) == 1
    finally:
        P._inline_parser.cache_clear()
        P._parser.cache_clear()
