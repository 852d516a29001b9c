"""Text -> surface AST. Lark stays inside this module: nothing else sees a `lark.Tree`."""

from __future__ import annotations

import functools
import re
import threading
from importlib import resources

import lark

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.source import SourceFile, Span
from ppkm_lang.syntax import ast
from ppkm_lang.syntax.keywords import all_keywords
from ppkm_lang.syntax.transform import ToAst as _ToAst
from ppkm_lang.diagnostics.codes import SYNTAX_ERROR, TOO_DEEPLY_NESTED

MAX_NESTING = 64


@functools.lru_cache(maxsize=1)
def grammar_text() -> str:
    return resources.files("ppkm_lang.syntax").joinpath("ppkm.lark").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _parser() -> lark.Lark:
    """The parser that builds a tree: the one syntax errors are read from."""
    # The LALR tables are built once and kept in the user cache (see `ppkm_lang.cache`).
    from ppkm_lang.cache import lark_parser
    return lark_parser(grammar_text(), **_OPTIONS)


_OPTIONS = {"parser": "lalr", "propagate_positions": True, "maybe_placeholders": False}


@functools.lru_cache(maxsize=1)
def _inline_parser() -> lark.Lark:
    """The same tables, building the AST as it reduces (see `_Pending`) and refusing glued
    words as it lexes (`_WholeWords`): no tree and no token-by-token driving."""
    from ppkm_lang.cache import lark_parser
    return lark_parser(grammar_text(), attach={"transformer": _Callbacks(), "postlex": _WholeWords()}, **_OPTIONS)


def parse(source: SourceFile) -> tuple[ast.Module | None, list[Diagnostic]]:
    """Parse one file. On a syntax error, returns None and one PPK101 diagnostic."""
    too_deep = _nesting_problem(source)
    if too_deep:
        return None, [too_deep]
    items = _parse_inline(source)
    if items is not None:
        return ast.Module(source.name, tuple(items)), []
    return parse_checked(source)


def parse_checked(source: SourceFile) -> tuple[ast.Module | None, list[Diagnostic]]:
    """`parse` through a parse tree and the interactive parser, token by token: what a text
    that `_parse_inline` refuses goes through, to find and word its syntax error."""
    try:
        tree = _parse_tree(source)
    except _SyntaxError as exc:
        return None, [exc.diagnostic]
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


# ------------------------------------------------------------------ the inline path

_local = threading.local()  # the text and the transformer of the parse under way, per thread


def _parse_inline(source: SourceFile) -> list | None:
    """The items of a text that parses cleanly, or None for any problem at all (a syntax
    error, a glued word, a literal the transformer refuses): `parse_checked` then finds it.

    The AST is the one `ToAst().transform(tree)` makes: each node is reduced by Lark with its
    positions propagated as for the tree (`propagate_positions`), and is transformed when its
    parent is reduced, by which time its `meta` is complete."""
    _local.text, _local.to_ast = source.text, _ToAst(source.name)
    try:
        return _inline_parser().parse(source.text).build()
    except Exception:  # noqa: BLE001 - the checked path reports it, or finds it fine
        return None
    finally:
        _local.text = _local.to_ast = None


class _Pending(lark.Tree):
    """A reduced node, its children already transformed; itself transformed by `build`."""

    def build(self):
        to_ast, data = _local.to_ast, self.data
        method = _methods().get(data)
        if method is None:
            return to_ast.__default__(data, self.children, self.meta)
        function, with_meta = method
        return function(to_ast, self.meta, self.children) if with_meta else function(to_ast, self.children)


def _through_wrapper(name: str, to_ast, meta, children):
    method = getattr(to_ast, name)
    return method.visit_wrapper(method, name, children, meta)


@functools.lru_cache(maxsize=1)
def _methods() -> dict[str, tuple]:
    """rule -> (function, takes meta) of `ToAst`, as `Transformer._call_userfunc` calls them
    (looked up once: a `v_args` method makes a new wrapper each time it is read)."""
    out = {}
    for name in dir(_ToAst):
        if name.startswith("_") or not name.islower():
            continue
        attr = getattr(_ToAst, name)
        wrapper = getattr(attr, "visit_wrapper", None)
        if wrapper is None:
            out[name] = (attr, False)
        elif wrapper is lark.visitors._vargs_meta:
            out[name] = (attr.base_func, True)
        else:  # another kind of `v_args`: through the wrapper, as the transformer does
            out[name] = (functools.partial(_through_wrapper, name), True)
    return out


class _Callbacks:
    """Lark's inline transformer: a callback per rule of the grammar (`_` rules are Lark's
    own, spliced into their parent; upper-case names are terminals, left as tokens)."""

    def __getattr__(self, name: str):
        if name.startswith("_") or not name.islower():
            raise AttributeError(name)

        def reduce(children, data=name):
            return _Pending(data, [c.build() if type(c) is _Pending else c for c in children])
        return reduce


class _WholeWords:
    """Lark's post-lexer hook: the check of `_parse_tree` on each token, as it is lexed."""

    always_accept = ()

    def process(self, stream):
        text, words, keywords = _local.text, _WORD_CHARS, _keywords()
        for token in stream:  # the three tests of `_misread`, spelled out: this runs per token
            value, end = token.value, token.end_pos
            if (value[-1:] in words and text[end:end + 1] in words) or (value == "=" and text.startswith("=", end)) \
                    or (token.type == "NAME" and value in keywords):
                raise _Glued(token)
            yield token


class _Glued(Exception):
    pass


# ------------------------------------------------------------------ syntax errors

class _SyntaxError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_WORD_RUN = re.compile(r"[A-Za-z0-9_]*")


def _parse_tree(source: SourceFile) -> lark.Tree:
    """Run the parser token by token, so that a keyword glued to the next word is refused.

    Lark's contextual lexer only tries the terminals the parser can take next, so where a
    keyword may come but a name may not, `whenb` lexes as `when` `b` and `to2021-07-10` as
    `to` `2021-07-10`. Keywords (and numbers) are whole words: a token that ends in a letter
    or digit must not be followed by one.
    """
    from ppkm_lang.syntax import errors  # the messages of syntax errors: not needed for a clean text
    text = source.text
    parser = _parser()
    ip = parser.parse_interactive(text)
    token = None
    try:
        for token in ip.iter_parse():
            found = _misread(text, token)
            if found:
                raise _SyntaxError(errors.syntax_diagnostic(source, parser, ip.parser_state, ip.accepts(), found))
        return ip.feed_eof(token)
    except lark.exceptions.UnexpectedInput as exc:
        raise _SyntaxError(errors.syntax_diagnostic(source, parser, ip.parser_state, ip.accepts(),
                                                    _found(source, exc))) from None


def _misread(text: str, token: lark.Token) -> errors.Found | None:
    """A token the contextual lexer split out of a longer word or operator, or a keyword read
    as a name (keywords are reserved), as the thing found there; None for a good token."""
    from ppkm_lang.syntax import errors  # the messages of syntax errors: not needed for a clean text
    end = token.end_pos
    value = token.value
    if value[-1:] in _WORD_CHARS and text[end:end + 1] in _WORD_CHARS:  # "" (no character) is in neither
        word = value + _WORD_RUN.match(text, end).group(0)
        return errors.Found(word, "NAME", token.line, token.column, token.column + len(word), glued=value)
    if value == "=" and text.startswith("=", end):  # `then x == 1`: `==` read as `=` `=`
        return errors.Found("==", "COMPARATOR", token.line, token.column, token.column + 2)
    if token.type == "NAME" and value in _keywords():
        return errors.Found(value, "KEYWORD", token.line, token.column, token.column + len(value))
    return None


@functools.lru_cache(maxsize=1)
def _keywords() -> frozenset[str]:
    return frozenset(all_keywords())


def _found(source: SourceFile, exc: lark.exceptions.UnexpectedInput) -> errors.Found:
    from ppkm_lang.syntax import errors  # the messages of syntax errors: not needed for a clean text
    if isinstance(exc, lark.exceptions.UnexpectedCharacters):
        pos = exc.pos_in_stream
        char = source.text[pos] if pos < len(source.text) else ""
        return errors.Found(char, None, exc.line, exc.column, exc.column + 1)
    tok = getattr(exc, "token", None)
    if tok is None or tok.type == "$END":
        line, column = _end_position(source.text)
        return errors.Found("", "$END", line, column, column + 1)
    return errors.Found(str(tok.value), tok.type, tok.line, tok.column, tok.column + max(1, len(str(tok.value))))


def _end_position(text: str) -> tuple[int, int]:
    lines = text.split("\n")
    return len(lines), len(lines[-1]) + 1


def _too_deep(source: SourceFile) -> Diagnostic:
    return Diagnostic(TOO_DEEPLY_NESTED, "the text is nested too deeply to read (a very long chain of `not` or brackets)",
                      Span(source.name, 1, 1, 1, 2), help="split the condition into smaller rules")


# `(?:\bnot\s+){64,}` with its first `not` spelled out (the lookbehind is its `\b`): a literal
# first lets the search skip to each `not`, 60 times faster than trying every position.
_NOT_CHAIN = re.compile(r"not(?<=\bnot)\s+(?:\bnot\s+){%d,}" % (MAX_NESTING - 1))
_BRACKET = re.compile(r"[(){}\[\]]")
# Strings (closed, or running to the end of their line as the lexer sees them) and comments.
_NOT_CODE = re.compile(r'"(?:[^"\\\n]|\\[^\n])*"?|#[^\n]*')


def _code_only(text: str) -> str:
    """The text with its strings and comments blanked out, offsets and lines kept."""
    return _NOT_CODE.sub(lambda m: " " * len(m.group()), text)


def _nesting_problem(source: SourceFile) -> Diagnostic | None:
    """Refuse text nested too deeply for the parser's recursion, counting only code: a `(` in
    a string or a comment opens nothing."""
    code = _code_only(source.text)
    chain = _NOT_CHAIN.search(code)
    if chain:
        line = code.count("\n", 0, chain.start()) + 1
        col = chain.start() - (code.rfind("\n", 0, chain.start()) + 1) + 1
        return Diagnostic(TOO_DEEPLY_NESTED, f"`not` is repeated more than {MAX_NESTING} times in a row",
                          Span(source.name, line, col, line, col + 3), help="write the condition without the chain")
    depth = 0
    for bracket in _BRACKET.finditer(code):  # only the brackets: a loop over every character is slow
        if bracket.group() in "({[":
            depth += 1
            if depth > MAX_NESTING:
                at = bracket.start()
                line = code.count("\n", 0, at) + 1
                col = at - (code.rfind("\n", 0, at) + 1) + 1
                return Diagnostic(
                    TOO_DEEPLY_NESTED, f"brackets are nested more than {MAX_NESTING} deep",
                    Span(source.name, line, col, line, col + 1),
                    help="split the condition into smaller rules or named region sets")
        else:
            depth = max(0, depth - 1)
    return None
