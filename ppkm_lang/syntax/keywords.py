"""The words of the language, read from the grammar.

One source for everything that needs to know the keywords (the parser's messages, the Pygments
lexer of the docs site, the TextMate grammar of the editor extension): every quoted word of
`ppkm.lark` is a keyword, and so is every word of a terminal spelled as a choice of quoted
words (`HIT_POLICY: "unique" | "first" | ...`). The first word of each `*_decl` production
introduces a declaration, and the words of the type productions are types.
"""

from __future__ import annotations

import functools
import re

__all__ = ["CONSTANTS", "LOGIC", "all_keywords", "keyword_classes", "word_terminals"]

_QUOTED_WORD = re.compile(r'"([a-z_]+)"')
_DECL = re.compile(r'^(\w+)_decl\s*:\s*"([a-z_]+)"', re.M)
_TYPE_ALT = re.compile(r'^\s*\|?\s*"([a-z_]+)"[^\n]*->\s*\w+_type\b', re.M)
_ENUM_TYPE = re.compile(r'^enum_type\s*:\s*"([a-z_]+)"', re.M)
_WORD_TERMINAL = re.compile(r'^([A-Z_]+)(?:\.\d+)?\s*:\s*((?:"[a-z_]+"\s*\|?\s*)+)$', re.M)
CONSTANTS = ("true", "false", "always")
LOGIC = ("and", "or", "not", "in")


def _grammar(grammar: str | None) -> str:
    if grammar is not None:
        return grammar
    from ppkm_lang.syntax.parser import grammar_text  # the parser imports this module
    return grammar_text()


@functools.lru_cache(maxsize=4)
def word_terminals(grammar: str | None = None) -> dict[str, tuple[str, ...]]:
    """Terminals of the grammar spelled as a choice of words: `{"HIT_POLICY": ("unique", ...)}`."""
    text = _grammar(grammar)
    return {m.group(1): tuple(_QUOTED_WORD.findall(m.group(2))) for m in _WORD_TERMINAL.finditer(text)}


@functools.lru_cache(maxsize=4)
def keyword_classes(grammar: str | None = None) -> dict[str, tuple[str, ...]]:
    """The grammar's words, split into declarations, types, constants, logic and the rest."""
    text = _grammar(grammar)
    all_words = set(_QUOTED_WORD.findall(text))
    decls = {m.group(2) for m in _DECL.finditer(text)}
    types = set(_TYPE_ALT.findall(text)) | set(_ENUM_TYPE.findall(text))
    constants = all_words & set(CONSTANTS)
    logic = all_words & set(LOGIC)
    for words in word_terminals(text).values():
        all_words |= set(words)
    rest = all_words - decls - types - constants - logic
    return {
        "declaration": tuple(sorted(decls)),
        "type": tuple(sorted(types)),
        "constant": tuple(sorted(constants)),
        "logic": tuple(sorted(logic)),
        "keyword": tuple(sorted(rest)),
    }


def all_keywords(grammar: str | None = None) -> tuple[str, ...]:
    """Every word of the grammar, sorted."""
    return tuple(sorted(set().union(*map(set, keyword_classes(grammar).values()))))
