"""A Pygments lexer for `.ppkm` files (registered as the `ppkm` lexer entry point).

The keywords are read from the grammar by `ppkm_lang.syntax.keywords`, the same source as the
TextMate grammar of the editor extension, so the highlighting never drifts from the language:
every quoted word of `ppkm.lark` is a keyword, the first word of each `*_decl` production
introduces a declaration, and the words of the type productions are types. Keywords are whole
words: `whenb` is a name.
"""

from __future__ import annotations

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import (Comment, Keyword, Name, Number, Operator, Punctuation, String,
                            Text, Whitespace)

from ppkm_lang.syntax.keywords import keyword_classes

__all__ = ["PpkmLexer", "keyword_classes"]

# A word is whole when no letter, digit or `_` stands before or after it.
_BEFORE = r"(?<![A-Za-z0-9_])"
_AFTER = r"(?![A-Za-z0-9_])"


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
            (_BEFORE + r"(" + "|".join(k["declaration"]) + r")(\s+)(?!PPK[0-9]{3}\b)(" + name + r")",
             bygroups(Keyword.Declaration, Whitespace, Name.Function)),
            (words(k["declaration"], prefix=_BEFORE, suffix=_AFTER), Keyword.Declaration),
            (words(k["type"], prefix=_BEFORE, suffix=_AFTER), Keyword.Type),
            (words(k["constant"], prefix=_BEFORE, suffix=_AFTER), Keyword.Constant),
            (words(k["logic"], prefix=_BEFORE, suffix=_AFTER), Operator.Word),
            (words(k["keyword"], prefix=_BEFORE, suffix=_AFTER), Keyword),
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
