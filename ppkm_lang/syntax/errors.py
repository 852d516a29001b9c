"""Syntax errors in words: which construct the parser was in and what it expected there.

Lark reports an error as a parser state and a set of terminal names. The terminal names mean
little to an author (`RBRACE`, `__ANON_5`), and an LALR state's table lists every terminal any
merged context could accept. So the message is built from three exact things instead:

- the construct, read off the parser's value stack: the declaration being written (its keyword
  and name) and, inside its braces, the field (`when`, `then`, `cite`, `row`, ...);
- what could come next, from the interactive parser's `accepts()` (each terminal tried), said
  in words ("a condition", "a value", "the next field of rule `r`") with at most a few keywords;
- what was found, with a help for the mistakes new authors make most (`=` for `==`, `than`
  for `then`, a decimal comma, a missing `}` or `,`, a keyword glued to the next word).
"""

from __future__ import annotations

import re

import attrs
import lark
from lark.lexer import PatternStr, Token

from ppkm_lang.diagnostics import Diagnostic, Related
from ppkm_lang.diagnostics.codes import SYNTAX_ERROR
from ppkm_lang.semantics.suggest import closest
from ppkm_lang.source import SourceFile, Span
from ppkm_lang.syntax.keywords import keyword_classes, word_terminals

__all__ = ["Found", "syntax_diagnostic"]

VALUES = frozenset({"PERCENT", "TIME", "DATE", "NUMBER", "INT", "STRING", "TRUE", "FALSE"})
_CLASS_WORDS = {
    "NAME": "a name", "STRING": "a string", "INT": "a whole number", "NUMBER": "a decimal number",
    "PERCENT": "a percentage such as `25%`", "TIME": "a time such as `17:00`",
    "DATE": "a date such as `2021-07-21`", "COMPARATOR": "a comparison (`==`, `<`, ...)",
    "HIT_POLICY": "a hit policy (`unique`, `first`, `any` or `priority`)", "CODE": "a code such as `PPK301`",
    "DIRECTION": "`nonincreasing` or `nondecreasing`", "SIGN": "`+` or `-`", "$END": "the end of the file",
}
# What a field is called in a sentence: "after the condition of rule `r`".
_FIELD_WORDS = {
    "when": "the condition", "covers": "the condition of `covers`", "cite": "the citation",
    "row": "a row", "structure": "the structure", "question": "the question",
}
_WORD = re.compile(r"[A-Za-z0-9_]+")
_REST = re.compile(r"[^\s{}()\[\],|]*")


@attrs.frozen
class Found:
    """What stopped the parser: the text, its terminal (None for a stray character), where."""

    text: str
    terminal: str | None
    line: int
    column: int
    end_column: int
    glued: str | None = None  # the keyword or number the word was glued to (`when` in `whenb`)


# ------------------------------------------------------------------ the grammar's words

def _terminal_text(parser: lark.Lark, name: str) -> str | None:
    """The fixed spelling of a terminal (`WHEN` -> `when`), or None for a class (NAME, INT)."""
    try:
        pattern = parser.get_terminal(name).pattern
    except KeyError:
        return None
    return pattern.value if isinstance(pattern, PatternStr) else None


def _states(state) -> dict:
    return state.parse_conf.states


def _terminals_at(state, position) -> set[str]:
    return {t for t in _states(state)[position] if t.isupper()}


# ------------------------------------------------------------------ the construct

_OPENERS = {"{": "}", "(": ")", "[": "]"}


@attrs.frozen
class _Construct:
    decl: str | None  # `rule`, `table`, ... (None at the top level)
    name: str | None  # the declared name, once written
    brace: Token | None  # the `{` that opens the declaration's body, while it is open
    fields: frozenset[str]  # the words that start a field of this declaration
    field: str | None  # the field being written (`when`, `then`, ...)
    inner: str | None  # the innermost open bracket inside the body: "the set", "the enum", ...
    prev: str  # the text just before the error, for quoting
    header: str  # the source text from the declaration keyword to the error
    top_level: frozenset[str]  # the declaration keywords
    after: str | None = None  # at the top level: the declaration just finished

    @property
    def phrase(self) -> str:
        if self.decl is None:
            return "the top level"
        return f"{self.decl} `{self.name}`" if self.name else f"this {self.decl}"

    @property
    def field_phrase(self) -> str:
        return _FIELD_WORDS.get(self.field or "", f"`{self.field}`")


def _inner_phrase(decl: str, before: str | None, bracket: str) -> str:
    if decl == "instrument" and bracket == "{":
        return "the structure"
    if bracket == "interval":
        return "the interval"
    if bracket == "(":
        return "the brackets"
    return {"enum": "the enum", "ordered": "the enum", "in": "the set", "not": "the set",
            "structure": "the structure"}.get(before or "", "the set" if bracket == "{" else "the list")


def _construct(parser: lark.Lark, state, source: SourceFile, pos: int) -> _Construct:
    values, stack = state.value_stack, state.state_stack
    decl_words = set(keyword_classes()["declaration"])
    top = frozenset(_terminal_text(parser, t) or t for t in _terminals_at(state, stack[0])) - {"$END"}
    decl = name = brace = field = after = None
    fields: set[str] = set()
    brackets: list[tuple[str, str | None]] = []  # (bracket, the word before it)
    start, last, prev_value = pos, None, None
    for i, v in enumerate(values):
        if not isinstance(v, Token):
            if decl is not None and getattr(v, "data", None) in ("closed_bound", "open_bound"):
                brackets.append(("interval", None))
            if decl is not None:
                prev_value = v
            continue
        if decl is None:
            if v.value in decl_words and _terminal_text(parser, v.type) == v.value:
                decl, start = v.value, v.start_pos
            last = v
            continue
        if name is None and brace is None and v.type in ("NAME", "CODE"):
            name = v.value
        elif v.value in _OPENERS:
            if brace is None and not brackets and last is not None and last.type in ("NAME", "STRING"):
                brace = v
                fields = {_terminal_text(parser, t) or t for t in _terminals_at(state, stack[i + 1])} - {"}"}
            else:
                brackets.append((v.value, last.value if last is not None else None))
        elif v.value in _OPENERS.values():
            if brackets:
                brackets.pop()
            elif brace is not None:  # the body is closed: the declaration is complete
                after = f"{decl} `{name}`" if name else decl
                decl = name = brace = field = None
                fields, start = set(), pos
        elif brace is not None and not brackets and v.value in fields and \
                _terminal_text(parser, v.type) == v.value:
            field = v.value
        last, prev_value = v, v
    if isinstance(prev_value, Token):
        prev = prev_value.value
    elif prev_value is not None and not getattr(prev_value.meta, "empty", True):
        prev = source.text[prev_value.meta.start_pos:prev_value.meta.end_pos]
    else:
        prev = ""
    inner = _inner_phrase(decl or "", brackets[-1][1], brackets[-1][0]) if brackets else None
    header = " ".join(source.text[start:pos].split())
    return _Construct(decl, name, brace, frozenset(fields), field, inner, " ".join(prev.split()),
                      header, top, after)


# ------------------------------------------------------------------ what could come next

# The fields shown first when a few are named as examples.
_FIRST = ("when", "then", "row", "hit", "at", "given", "expect", "number", "cite")


def _examples(words, limit: int = 3) -> str:
    words = sorted(set(words), key=lambda w: (_FIRST.index(w) if w in _FIRST else len(_FIRST), w))
    shown = ", ".join(f"`{w}`" for w in words[:limit])
    return shown + (", ..." if len(words) > limit else "")


def _join(parts: list[str]) -> str:
    if len(parts) > 4:
        parts = parts[:3] + ["..."]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]


def _expected(parser: lark.Lark, accepts: set[str], c: _Construct) -> list[str]:
    acc = set(accepts)
    parts: list[str] = []
    words = {t: _terminal_text(parser, t) for t in acc}
    if c.field == "row" and "COMPARATOR" in acc and any(words.get(t) == "-" for t in acc):
        parts.append("a cell (`-`, a value, a comparison, an interval or a set)")
        acc = {t for t in acc if t not in VALUES | {"NAME", "COMPARATOR", "LSQB", "LPAR", "LBRACE", "NOT"}
               and words.get(t) != "-"}
    if {"NOT", "NAME"} <= acc and words.get("NOT") == "not":
        parts.append("a condition")
        acc -= {"NOT", "NAME", "LPAR", "ALWAYS"} | VALUES
    if len(acc & VALUES) >= 3:
        parts.append("a value")
        acc -= VALUES | {"NAME", "LSQB", "LPAR"}  # where a value may be a window `[18:00, 00:00]`
    if "COMPARATOR" in acc:
        extra = any(words.get(t) in ("in", "not") for t in acc)
        parts.append("a comparison such as `==` or `in`" if extra else "a comparison such as `==` or `<`")
        acc = {t for t in acc if t != "COMPARATOR" and words.get(t) not in ("in", "not")}
    for t in sorted(acc & {"AND", "OR", "COMMA", "VBAR"}, key=lambda t: words.get(t) or t):
        if words.get(t):
            parts.append(f"`{words[t]}`")
            acc.discard(t)
    type_terms = {t for t in acc if words.get(t) in keyword_classes()["type"]}
    if len(type_terms) > 2:
        parts.append("a type (`int`, `percent`, `enum`, ...)")
        acc -= type_terms
    field_terms = {t for t in acc if words.get(t) in c.fields}
    if field_terms and c.decl is not None and (len(field_terms) > 2 or c.field is None):
        parts.append(f"{'the next field' if c.field else 'a field'} ({_examples(words[t] for t in field_terms)})")
        acc -= field_terms
    decl_terms = {t for t in acc if words.get(t) in c.top_level}
    if decl_terms and (c.decl is None or len(decl_terms) > 2):
        parts.append(f"{'a' if c.decl is None else 'the next'} declaration (`rule`, `table`, `fact`, ...)")
        acc -= decl_terms | {"$END"}
    if "NAME" in acc:
        parts.append(_name_word(c))
        acc.discard("NAME")
    if "RBRACE" in acc and c.brace is not None and c.inner is None:
        parts.append("`}`")
        acc.discard("RBRACE")
    for t in sorted(acc, key=lambda t: (words.get(t) is None, t == "$END", words.get(t) or t)):
        parts.append(f"`{words[t]}`" if words.get(t) else _CLASS_WORDS.get(t, t.lower()))
    return parts


def _name_word(c: _Construct) -> str:
    if c.decl is not None and c.name is None and c.brace is None:
        return f"the name of the {c.decl}"
    if c.field == "cite" and c.prev == "cite":
        return "the name of the instrument"
    if c.field in ("then", "given", "expect") and c.prev in (c.field, ","):
        return "an assignment (`name = value`)"
    return "a name"


def _continuing(parser: lark.Lark, accepts: set[str], c: _Construct) -> set[str]:
    """The terminals that go on with the field being written (not a next field, not the `}`)."""
    return {t for t in accepts if _terminal_text(parser, t) not in c.fields
            and not (t == "RBRACE" and c.inner is None) and t != "$END"}


# ------------------------------------------------------------------ the message

def syntax_diagnostic(source: SourceFile, parser: lark.Lark, state, accepts: set[str], found: Found) -> Diagnostic:
    """The PPK101 diagnostic for an error at `found`, the parser being in `state`."""
    pos = _offset(source.text, found.line, found.column)
    c = _construct(parser, state, source, pos)
    span = Span(source.name, found.line, found.column, found.line, found.end_column)
    what = found_words(found)
    if found.terminal is None and found.text == '"':
        return _string_problem(source, c, found, span)
    related: tuple[Related, ...] = ()
    help_ = _help(source, c, accepts, found)
    words = {_terminal_text(parser, t) for t in accepts} - {None}
    words |= {w for t in accepts for w in word_terminals().get(t, ())}
    near = _near_keyword(found, words)
    word_like = found.terminal is not None and (found.terminal == "$END" or _WORD.match(found.text or "")
                                                or found.terminal in VALUES)
    going_on = _continuing(parser, accepts, c)
    field_done = c.field is not None and going_on != accepts
    opens_next = found.terminal == "$END" or (found.text in c.top_level and found.terminal != "NAME")
    if c.brace is not None and "RBRACE" in accepts and c.inner is None and opens_next:
        b = c.brace
        related = (Related(Span(source.name, b.line, b.column, b.line, b.column + 1), f"{c.phrase} opens here"),)
        message = f"expected `}}` to close {c.phrase}, found {what}"
        ending = "the end of the file" if found.terminal == "$END" else "the next declaration"
        help_ = help_ or f"close {c.phrase} with `}}` before {ending}"
    elif near and c.decl is not None:
        message = f"expected `{near}` {_where(c, field_done=True)}, found {what}"
        help_ = help_ or f"did you mean `{near}`?"
    elif found.terminal == "NAME" and "COMMA" in accepts and c.field in ("then", "given", "expect") \
            and re.match(r"\s*=", source.line_text(found.line)[found.end_column - 1:]):
        message = f"expected `,` between the values of `{c.field}` in {c.phrase}, found {what}"
        help_ = f"separate the assignments with `,`: `{c.field} a = 1, b = 2`"
    else:
        shown = accepts if word_like or not going_on else going_on
        if c.decl is None:
            help_ = help_ or ("did you mean `%s`?" % near if near else None)
            if found.text == "}" and c.after:
                help_ = f"this `}}` closes nothing: {c.after} is already closed"
        expected = _join(_expected(parser, shown, c)) if shown else "nothing more"
        message = f"expected {expected} {_where(c, field_done=field_done and shown is accepts)}, found {what}"
    if help_ is None:
        loose = _near_keyword(found, words, cutoff=0.6)
        help_ = f"did you mean `{loose}`?" if loose else None
    return Diagnostic(SYNTAX_ERROR, message, span, related=related, help=help_)


def found_words(found: Found) -> str:
    if found.terminal == "$END":
        return "the end of the file"
    if found.terminal is None:
        char = found.text
        return f"the character `{char}`" if char.isprintable() else f"the character U+{ord(char):04X}"
    if found.terminal == "STRING":
        return "a string"
    if found.terminal == "KEYWORD":
        return f"the keyword `{found.text}`"
    return f"`{found.text}`"


_DONE_WORDS = {"when": "the condition", "covers": "the condition of `covers`", "cite": "the citation",
               "row": "the row", "then": "the values of `then`", "given": "the values of `given`",
               "expect": "the values of `expect`"}


def _where(c: _Construct, field_done: bool = False) -> str:
    if c.decl is None:
        return f"after {c.after}" if c.after else "at the top level"
    if c.brace is None:
        if c.inner and c.prev:
            return f"after `{_short(c.prev)}` in {c.inner} of {c.phrase}"
        return f"after `{c.header}`" if len(c.header) <= 40 else f"after {c.phrase}"
    if c.field is None:
        return f"in {c.phrase}"
    if field_done:
        done = _DONE_WORDS.get(c.field, f"the field `{c.field}`")
        return f"after {done} {'of' if done.startswith('the condition') else 'in'} {c.phrase}"
    inside = f"in {c.inner} of {c.field_phrase}" if c.inner and c.inner != c.field_phrase else f"in {c.field_phrase}"
    if c.prev == c.field:
        return f"after `{c.field}` in {c.phrase}"
    return f"after `{_short(c.prev)}` {inside} of {c.phrase}"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else "..." + text[-(limit - 3):]


def _near_keyword(found: Found, words: set[str], cutoff: float = 0.75) -> str | None:
    if found.terminal not in ("NAME", None) or found.glued or not _WORD.fullmatch(found.text):
        return None
    candidates = sorted(w for w in words if _WORD.fullmatch(w))
    close = closest(found.text, candidates, cutoff=cutoff)
    return close[0] if close else None


def _string_problem(source: SourceFile, c: _Construct, found: Found, span: Span) -> Diagnostic:
    line = source.line_text(found.line)
    rest = line[found.column:]
    bad_escape = re.search(r'\\[^"\\nt]', rest.split('"', 1)[0]) if '"' in rest else None
    where = "" if c.decl is None else f" in {c.phrase}"
    if bad_escape:
        esc = bad_escape.group(0)
        col = found.column + 1 + bad_escape.start()
        return Diagnostic(SYNTAX_ERROR, f"`{esc}` is not an escape that a string{where} may use",
                          Span(source.name, found.line, col, found.line, col + 2),
                          help='a string may contain `\\"`, `\\\\`, `\\n` and `\\t`; write `\\\\` for a backslash')
    end = len(line) + 1
    return Diagnostic(SYNTAX_ERROR, f"this string{where} is not closed",
                      Span(source.name, found.line, found.column, found.line, max(end, found.column + 1)),
                      help='end the string with `"` on the same line')


def _help(source: SourceFile, c: _Construct, accepts: set[str], found: Found) -> str | None:
    text = source.line_text(found.line)
    if found.terminal == "KEYWORD" and c.prev in ("and", "or", "not"):
        return f"the condition after `{c.prev}` is missing"
    if found.terminal == "KEYWORD" and "NAME" in accepts:
        return f"`{found.text}` is a keyword of the language and cannot be used as a name"
    if found.glued:
        rest = _REST.match(text, found.column - 1 + len(found.glued)).group(0)
        return f"keywords and numbers are whole words: write `{found.glued} {rest}`"
    if found.text == "=" and "COMPARATOR" in accepts:
        return "compare with `==`; a single `=` gives a value in `then`"
    if found.text == "==" and accepts == {"EQUAL"}:
        return f"`{c.field or 'then'}` gives values with a single `=`; `==` compares, in `when`"
    if re.search(r"\d,\d", text) and found.column > 1 and re.match(r"\d", found.text or ""):
        return "decimals are written with a point: `5.3%`, not `5,3%`"
    if re.search(r"\b\d{1,2}\.\d{2}\b", text) and "TIME" in accepts:
        return "times of day are written with a colon: `17:00`, not `17.00`"
    if c.prev == "unit" and accepts == {"STRING"}:
        return f'a unit is written as a string: `unit "{found.text}"`' if found.terminal == "NAME" else None
    if found.text == "!":
        return "write `not in` for \"is not one of\" and `!=` for \"is not\""
    if found.text in ("&", "|") and c.field != "row":
        return "join conditions with `and` and `or`"
    if found.text == "'":
        return 'strings are written in double quotes: `"..."`'
    if found.terminal == "STRING" and "NAME" in accepts and c.name is None and c.decl:
        return f"a {c.decl} is named first and its title follows: `{c.decl} nama \"Judul\" {{`"
    cited = c.header.rsplit("cite ", 1)[-1].split(" ")[0] if c.field == "cite" else ""
    if re.fullmatch(r"KE[A-Z]+", cited):
        return "a citation names the instrument first: `cite inmendagri_15_2021 KESATU a.1 \"...\"`"
    if c.field == "row" and "__ANON" in " ".join(accepts) and found.terminal in ("RBRACE", "ROW", "$END"):
        return "a row reads `row cell | cell -> result | result`"
    if "COMMA" in accepts and c.inner and (found.terminal == "NAME" or found.terminal in VALUES):
        if c.inner == "the interval":
            return "an interval is written with a comma between its ends: `[25%, 50%]`"
        return f"separate the values of {c.inner} with `,`"
    return None


def _offset(text: str, line: int, column: int) -> int:
    start = 0
    for _ in range(line - 1):
        nl = text.find("\n", start)
        if nl < 0:
            return len(text)
        start = nl + 1
    return min(len(text), start + column - 1)
