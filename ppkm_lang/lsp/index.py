"""Where each name of a policy is declared and used, read from the surface syntax of its files.

Names in ppkm are global to the policy (one namespace across the imported files), so a use is
any occurrence of the name as a word outside strings and comments; the declarations come from
the syntax tree of each file that parses. Positions here are 0-based lines and columns of
characters, as the editor's protocol counts them after `convert` maps UTF-16.
"""

from __future__ import annotations

import re
from typing import Iterator

import attrs

from ppkm_lang.source import SourceFile, Span
from ppkm_lang.syntax import ast

# The same tokens as the formatter reads: a string or a comment is one token, so the words
# inside them are never names.
_TOKEN = re.compile(r"""
    (?P<string>"(?:[^"\\\n]|\\.)*"?)
  | (?P<comment>\#[^\n]*)
  | (?P<date>\d{4}-\d{2}-\d{2})
  | (?P<time>\d{1,2}:\d{2})
  | (?P<number>\d+(?:\.\d+)?%?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>\S)
""", re.X)

# Declaration node -> the word the editor shows for its kind.
KINDS = {
    ast.InstrumentDecl: "instrument", ast.FactDecl: "fact", ast.MeasureDecl: "measure",
    ast.RegionSetDecl: "regionset", ast.RuleDecl: "rule", ast.TableDecl: "table",
    ast.InterpretationDecl: "interpretation", ast.ExampleDecl: "example", ast.AssertDecl: "assert",
    ast.MonotoneDecl: "monotone", ast.ReferenceDecl: "reference", ast.CoverageDecl: "coverage",
}


@attrs.frozen
class Token:
    kind: str
    text: str
    line: int  # 0-based
    start: int  # 0-based column of the first character
    end: int  # exclusive


@attrs.frozen
class Symbol:
    name: str
    kind: str  # a value of KINDS, or "member" / "group" (of an enum), or "module"
    file: str  # the source's display name
    line: int  # 0-based position of the name where it is declared
    start: int
    end: int
    node: object = attrs.field(eq=False, repr=False)  # the declaration (ast) node
    owner: str | None = None  # for members and groups: the fact or measure whose enum it is


def tokens(text: str) -> Iterator[Token]:
    for number, line in enumerate(text.split("\n")):
        for m in _TOKEN.finditer(line):
            yield Token(m.lastgroup or "other", m.group(), number, m.start(), m.end())


def word_at(text: str, line: int, character: int) -> Token | None:
    """The name token that touches the position (a cursor just after a word is on it)."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return None
    for m in _TOKEN.finditer(lines[line]):
        if m.start() <= character <= m.end():
            if m.lastgroup in ("name", "string"):
                return Token(m.lastgroup, m.group(), line, m.start(), m.end())
            if m.start() < character:
                return None
    return None


def walk(node) -> Iterator[object]:
    """Every attrs node below `node` (itself included), depth first."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, (tuple, list)):
            stack.extend(reversed(item))
            continue
        if not attrs.has(type(item)):
            continue
        yield item
        for field in attrs.fields(type(item)):
            if field.name in ("span", "problems") or field.name.endswith("_span"):
                continue
            value = getattr(item, field.name)
            if isinstance(value, (tuple, list)) or attrs.has(type(value)):
                stack.append(value)


class Index:
    """The declarations and uses of names in a set of sources."""

    def __init__(self, sources: dict[str, SourceFile], modules: dict[str, ast.Module]) -> None:
        self.sources = sources
        self.modules = modules
        self.symbols: dict[str, list[Symbol]] = {}
        self.citations: dict[str, list[ast.CitationAst]] = {}
        self._tokens: dict[str, list[Token]] = {name: list(tokens(src.text)) for name, src in sources.items()}
        for name, module in modules.items():
            self._read(name, module)

    @classmethod
    def of(cls, sources: dict[str, SourceFile], remembered: dict[str, ast.Module] | None = None) -> "Index":
        """The index of `sources`. `remembered` keeps the last tree of each file that parsed,
        and stands in for a file that does not parse now (text being typed is seldom whole)."""
        from ppkm_lang.syntax.parser import parse
        modules = {}
        for name, source in sources.items():
            module, _ = parse(source)
            if module is not None:
                modules[name] = module
                if remembered is not None:
                    remembered[name] = module
            elif remembered is not None and name in remembered:
                modules[name] = remembered[name]
        return cls(sources, modules)

    # ------------------------------------------------------------------ building
    def _read(self, file: str, module: ast.Module) -> None:
        for item in module.items:
            kind = KINDS.get(type(item))
            if kind is not None:
                span = getattr(item, "name_span", None)
                self._declare(item.name, kind, file, item, item.span if span is None or span.file != file else span)
            if isinstance(item, (ast.FactDecl, ast.MeasureDecl)):
                for group in item.type.groups:
                    self._declare(group.name, "group", file, group, group.span, owner=item.name)
                for member in item.type.members:
                    self._declare(member.name, "member", file, member, member.span, owner=item.name)
        self.citations[file] = [n for n in walk(module.items) if isinstance(n, ast.CitationAst)]

    def _declare(self, name: str, kind: str, file: str, node, span: Span, owner: str | None = None) -> None:
        token = self._first_name(file, name, span)
        if token is None:
            return
        self.symbols.setdefault(name, []).append(Symbol(name, kind, file, token.line, token.start, token.end,
                                                        node, owner))

    def _first_name(self, file: str, name: str, span: Span) -> Token | None:
        start = (span.line - 1, span.column - 1)
        for tok in self._tokens.get(file, ()):
            if tok.kind == "name" and tok.text == name and (tok.line, tok.start) >= start:
                return tok
        return None

    # ------------------------------------------------------------------ queries
    def declarations(self, name: str) -> list[Symbol]:
        """Where `name` is declared: declarations first, enum members and groups after."""
        found = self.symbols.get(name, [])
        return sorted(found, key=lambda s: s.kind in ("member", "group"))

    def uses(self, name: str) -> list[tuple[str, Token]]:
        """Every occurrence of `name` as a word, declarations included, file by file."""
        return [(file, tok) for file, toks in self._tokens.items() for tok in toks
                if tok.kind == "name" and tok.text == name]

    def citation_at(self, file: str, line: int, character: int) -> ast.CitationAst | None:
        pos = (line + 1, character + 1)
        for cite in self.citations.get(file, ()):
            s = cite.span
            if (s.line, s.column) <= pos < (s.end_line, s.end_column):
                return cite
        return None

    def of_kind(self, *kinds: str) -> list[Symbol]:
        return [s for group in self.symbols.values() for s in group if s.kind in kinds]

    def members_of(self, owner: str) -> list[Symbol]:
        return [s for s in self.of_kind("member", "group") if s.owner == owner]


__all__ = ["Index", "Symbol", "Token", "KINDS", "tokens", "word_at", "walk"]
