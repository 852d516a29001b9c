"""A Pygments lexer for `.ppkm` files (registered as the `ppkm` lexer entry point).

The keywords are read from the grammar, so the highlighting never drifts from the language:
every quoted word of `ppkm.lark` is a keyword, the first word of each `*_decl` production
introduces a declaration, and the words of the type productions are types.
"""

from __future__ import annotations

import functools
import re

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import (Comment, Keyword, Name, Number, Operator, Punctuation, String,
                            Text, Whitespace)

from ppkm_lang.syntax.parser import grammar_text

_QUOTED_WORD = re.compile(r'"([a-z_]+)"')
_DECL = re.compile(r'^(\w+)_decl\s*:\s*"([a-z_]+)"', re.M)
_TYPE_ALT = re.compile(r'^\s*\|?\s*"([a-z_]+)"[^\n]*->\s*\w+_type\b', re.M)
_ENUM_TYPE = re.compile(r'^enum_type\s*:\s*"([a-z_]+)"', re.M)
_CONSTANTS = ("true", "false", "always")
_LOGIC = ("and", "or", "not", "in")


@functools.lru_cache(maxsize=1)
def keyword_classes(grammar: str | None = None) -> dict[str, tuple[str, ...]]:
    """The grammar's words, split into declarations, types, constants, logic and the rest."""
    text = grammar if grammar is not None else grammar_text()
    all_words = set(_QUOTED_WORD.findall(text))
    decls = {m.group(2) for m in _DECL.finditer(text)}
    types = set(_TYPE_ALT.findall(text)) | set(_ENUM_TYPE.findall(text))
    constants = all_words & set(_CONSTANTS)
    logic = all_words & set(_LOGIC)
    # Words that lexer rules of the grammar define as terminals (HIT_POLICY, DIRECTION, ...).
    for terminal in re.finditer(r'^([A-Z_]+)(?:\.\d+)?\s*:\s*((?:"[a-z_]+"\s*\|?\s*)+)$', text, re.M):
        all_words |= set(_QUOTED_WORD.findall(terminal.group(2)))
    rest = all_words - decls - types - constants - logic
    return {
        "declaration": tuple(sorted(decls)),
        "type": tuple(sorted(types)),
        "constant": tuple(sorted(constants)),
        "logic": tuple(sorted(logic)),
        "keyword": tuple(sorted(rest)),
    }


def _tokens() -> dict:
    k = keyword_classes()
    name = r"[A-Za-z_][A-Za-z0-9_]*"
    return {
        "root": [
            (r"\s+", Whitespace),
            (r"#[^\n]*", Comment.Single),
            (r'"', String.Double, "string"),
            (r"PPK[0-9]{3}\b", Name.Exception),
            (r"[0-9]{4}-[0-9]{2}-[0-9]{2}\b", Number.Other),
            (r"[0-9]{1,2}:[0-9]{2}\b", Number.Other),
            (r"[0-9]+(\.[0-9]+)?%", Number.Float),
            (r"[0-9]+\.[0-9]+", Number.Float),
            (r"[0-9]+", Number.Integer),
            # `rule NAME`, `fact NAME`, ...: the declared name is a definition.
            (r"(" + "|".join(k["declaration"]) + r")(\s+)(?!PPK[0-9]{3}\b)(" + name + r")",
             bygroups(Keyword.Declaration, Whitespace, Name.Function)),
            (words(k["type"], suffix=r"\b"), Keyword.Type),
            (words(k["constant"], suffix=r"\b"), Keyword.Constant),
            (words(k["logic"], suffix=r"\b"), Operator.Word),
            (words(k["keyword"], suffix=r"\b"), Keyword),
            # Diktum labels are written in capitals (KESATU, KESEBELAS).
            (r"[A-Z][A-Z_]+\b", Name.Label),
            (name, Name),
            (r"==|!=|<=|>=|->|[<>=+\-|]", Operator),
            (r"[{}\[\](),.:]", Punctuation),
            (r".", Text),
        ],
        "string": [
            (r'\\["\\nt]', String.Escape),
            (r'[^"\\\n]+', String.Double),
            (r'"', String.Double, "#pop"),
            (r"\n", Text, "#pop"),  # an unterminated string ends at the line end
            (r"\\", String.Double),
        ],
    }


class PpkmLexer(RegexLexer):
    """Policies for Indonesia's 2021 PPKM instructions (the ppkm language)."""

    name = "ppkm"
    aliases = ["ppkm"]
    filenames = ["*.ppkm"]
    mimetypes = ["text/x-ppkm"]
    tokens = _tokens()
