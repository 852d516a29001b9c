"""The Lark transformer that turns a parse tree into the surface AST of `ast.py`."""

from __future__ import annotations

import re

from lark import Token, Transformer, Tree, v_args

from ppkm_lang.source import Span
from ppkm_lang.syntax import ast


def unquote(token: str) -> str:
    body = token[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


class _Field:
    """A field of a declaration block before it is attached to its declaration."""

    __slots__ = ("name", "payload", "span")

    def __init__(self, name, payload, span):
        self.name, self.payload, self.span = name, payload, span


class ToAst(Transformer):
    def __init__(self, file: str):
        super().__init__()
        self.file = file

    # -------------------------------------------------------------- helpers
    def _span(self, meta) -> Span:
        if getattr(meta, "empty", True):
            return Span(self.file, 1, 1, 1, 1)
        return Span(self.file, meta.line, meta.column, meta.end_line, meta.end_column)

    def _tspan(self, tok: Token) -> Span:
        return Span(self.file, tok.line, tok.column, tok.end_line or tok.line,
                    tok.end_column or tok.column + len(tok))

    def _fields(self, children) -> tuple:
        out = []
        for c in children:
            if isinstance(c, _Field):
                out.append((c.name, c.payload, c.span))
            elif isinstance(c, ast.CitationAst):
                out.append(("cite", c, c.span))
            elif isinstance(c, ast.Row):
                out.append(("row", c, c.span))
            elif isinstance(c, ast.RegionEntry):
                out.append(("entry", c, c.span))
        return tuple(out)

    def _word(self, tok: Token) -> ast.Lit:
        """A token kept in the AST: its terminal kind in lower case, its text, its span."""
        text = unquote(tok) if tok.type == "STRING" else str(tok)
        return ast.Lit(tok.type.lower(), text, self._tspan(tok))

    @staticmethod
    def _title(children):
        for c in children:
            if isinstance(c, Token) and c.type == "STRING":
                return unquote(c)
        return None

    # -------------------------------------------------------------- top level
    def start(self, items):
        return list(items)

    @v_args(meta=True)
    def import_decl(self, meta, ch):
        return ast.Import(str(ch[0]), self._span(meta))

    @v_args(meta=True)
    def instrument_decl(self, meta, ch):
        return ast.InstrumentDecl(str(ch[0]), unquote(ch[1]), self._fields(ch[2:]), self._span(meta))

    def _field(name):  # noqa: N805 - a small factory of field methods
        @v_args(meta=True)
        def method(self, meta, ch):
            return _Field(name, [self._word(c) if isinstance(c, Token) else c for c in ch],
                          self._span(meta))
        return method

    inst_number = _field("number")
    inst_signed = _field("signed")
    inst_in_force = _field("in_force")
    inst_revokes = _field("revokes")
    inst_extends = _field("extends")
    inst_external = _field("external")
    doc_field = _field("doc")
    per_field = _field("per")
    region_include = _field("include")
    when_field = _field("when")
    then_field = _field("then")
    overrides_field = _field("overrides")
    hit_field = _field("hit")
    inputs_field = _field("inputs")
    outputs_field = _field("outputs")
    covers_field = _field("covers")
    question_field = _field("question")
    decision_field = _field("decision")
    reason_field = _field("reason")
    at_field = _field("at")
    given_field = _field("given")
    expect_field = _field("expect")
    expect_undetermined = _field("undetermined")
    expect_no_instrument = _field("no_instrument")
    require_field = _field("require")
    monotone_spec = _field("measure")
    ref_at = _field("at")
    ref_to = _field("to")
    ref_concerning = _field("concerning")
    coverage_of = _field("of")
    del _field

    @v_args(meta=True)
    def inst_structure(self, meta, ch):
        return _Field("structure", tuple(ch), self._span(meta))

    @v_args(meta=True)
    def part(self, meta, ch):
        return ast.PartAst(str(ch[0]), tuple(ch[1:]), self._span(meta))

    def cite_text(self, ch):
        return ch[0]

    @v_args(meta=True)
    def citation(self, meta, ch):
        inst, diktum = str(ch[0]), str(ch[1])
        path: tuple[str, ...] = ()
        text = None
        for c in ch[2:]:
            if isinstance(c, tuple):
                path = c
            elif isinstance(c, Token) and c.type == "STRING":
                text = unquote(c)
        return ast.CitationAst(inst, diktum, path, text, self._span(meta))

    def path(self, ch):
        return tuple(str(c) for c in ch)

    # -------------------------------------------------------------- vocabulary
    @v_args(meta=True)
    def fact_decl(self, meta, ch):
        derived = any(isinstance(c, Token) and c.type == "DERIVED" for c in ch)
        return ast.FactDecl(str(ch[0]), ch[1], derived, self._title(ch[2:]), self._span(meta))

    @v_args(meta=True)
    def measure_decl(self, meta, ch):
        return ast.MeasureDecl(str(ch[0]), ch[1], self._title(ch[2:]), self._span(meta))

    def _numeric_type(kind):  # noqa: N805
        @v_args(meta=True)
        def method(self, meta, ch):
            lo = hi = unit = None
            for c in ch:
                if isinstance(c, tuple) and c and c[0] == "bounds":
                    lo, hi = c[1], c[2]
                elif isinstance(c, tuple) and c and c[0] == "unit":
                    unit = c[1]
            return ast.TypeAst(kind, lo=lo, hi=hi, unit=unit, span=self._span(meta))
        return method

    int_type = _numeric_type("int")
    number_type = _numeric_type("number")
    del _numeric_type

    def _plain_type(kind):  # noqa: N805
        @v_args(meta=True)
        def method(self, meta, ch):
            return ast.TypeAst(kind, span=self._span(meta))
        return method

    percent_type = _plain_type("percent")
    time_type = _plain_type("time")
    date_type = _plain_type("date")
    bool_type = _plain_type("bool")
    region_type = _plain_type("region")
    text_type = _plain_type("text")
    del _plain_type

    def bounds(self, ch):
        return ("bounds", ch[0], ch[1])

    def unit(self, ch):
        return ("unit", unquote(ch[0]))

    @v_args(meta=True)
    def enum_type(self, meta, ch):
        ordered = any(isinstance(c, Token) and c.type == "ORDERED" for c in ch)
        members, groups = [], []
        for c in ch:
            if isinstance(c, ast.EnumMember):
                members.append(c)
            elif isinstance(c, tuple) and c and c[0] == "group":
                groups.append(c[1:])
                members.extend(c[3])
        return ast.TypeAst("enum", tuple(members), tuple(groups), ordered, span=self._span(meta))

    @v_args(meta=True)
    def enum_value(self, meta, ch):
        return ast.EnumMember(str(ch[0]), self._title(ch[1:]), self._span(meta))

    def enum_group(self, ch):
        name = str(ch[0])
        doc = self._title(ch[1:2]) if len(ch) > 1 and isinstance(ch[1], Token) else None
        members = tuple(c for c in ch if isinstance(c, ast.EnumMember))
        return ("group", name, doc, members)

    # -------------------------------------------------------------- declarations with fields
    def _decl(keyword):  # noqa: N805
        @v_args(meta=True)
        def method(self, meta, ch):
            name_tok = ch[0]
            rest = ch[1:]
            title = None
            if rest and isinstance(rest[0], Token) and rest[0].type == "STRING":
                title = unquote(rest[0])
                rest = rest[1:]
            return ast.Decl(keyword, str(name_tok), title, self._fields(rest), self._span(meta),
                            self._tspan(name_tok))
        return method

    regionset_decl = _decl("regionset")
    rule_decl = _decl("rule")
    table_decl = _decl("table")
    interpretation_decl = _decl("interpretation")
    example_decl = _decl("example")
    assert_decl = _decl("assert")
    monotone_decl = _decl("monotone")
    reference_decl = _decl("reference")
    coverage_decl = _decl("coverage")
    del _decl

    @v_args(meta=True)
    def region_entry(self, meta, ch):
        return self._region_entry(meta, ch, province=False)

    def _region_entry(self, meta, ch, *, province: bool):
        strings = [unquote(c) for c in ch if isinstance(c, Token) and c.type == "STRING"]
        per = next((str(c) for c in ch if isinstance(c, Token) and c.type == "NAME"), None)
        cites = tuple(c for c in ch if isinstance(c, ast.CitationAst))
        official = strings[1] if len(strings) > 1 else None
        return ast.RegionEntry(strings[0], official, per, cites, self._span(meta), province=province)

    @v_args(meta=True)
    def province_entry(self, meta, ch):
        return self._region_entry(meta, ch, province=True)

    @v_args(meta=True)
    def assignment(self, meta, ch):
        return ast.Assignment(str(ch[0]), ch[1], self._span(meta), self._tspan(ch[0]))

    @v_args(meta=True)
    def allow_decl(self, meta, ch):
        return ast.AllowDecl(str(ch[0]), str(ch[1]), unquote(ch[2]), self._span(meta))

    @v_args(meta=True)
    def row(self, meta, ch):
        cells, outputs, extra = [], [], []
        for c in ch:
            if isinstance(c, ast.Cell):
                cells.append(c)
            elif isinstance(c, ast.Lit):
                outputs.append(c)
            else:
                extra.append(c)
        return ast.Row(tuple(cells), tuple(outputs), self._fields(extra), self._span(meta))

    @v_args(meta=True)
    def any_cell(self, meta, ch):
        return ast.Cell((), self._span(meta))

    @v_args(meta=True)
    def test_cell(self, meta, ch):
        return ast.Cell(tuple(ch), self._span(meta))

    @v_args(meta=True)
    def cmp_test(self, meta, ch):
        return ast.CmpTest(str(ch[0]), ch[1], self._span(meta))

    @v_args(meta=True)
    def eq_test(self, meta, ch):
        return ast.EqTest(ch[0], self._span(meta))

    @v_args(meta=True)
    def set_test(self, meta, ch):
        return ast.SetTest(tuple(ch), False, self._span(meta))

    @v_args(meta=True)
    def not_set_test(self, meta, ch):
        return ast.SetTest(tuple(ch), True, self._span(meta))

    def sum(self, ch):
        terms, sign = [], 1
        for c in ch:
            if isinstance(c, Token) and c.type == "SIGN":
                sign = 1 if str(c) == "+" else -1
            else:
                terms.append((sign, c))
                sign = 1
        return tuple(terms)

    # -------------------------------------------------------------- conditions
    @v_args(meta=True)
    def or_(self, meta, ch):
        items = []
        for c in ch:
            items.extend(c.items if isinstance(c, ast.OrC) else [c])
        return ast.OrC(tuple(items), self._span(meta))

    @v_args(meta=True)
    def and_(self, meta, ch):
        items = []
        for c in ch:
            items.extend(c.items if isinstance(c, ast.AndC) else [c])
        return ast.AndC(tuple(items), self._span(meta))

    @v_args(meta=True)
    def not_(self, meta, ch):
        return ast.NotC(ch[0], self._span(meta))

    @v_args(meta=True)
    def compare(self, meta, ch):
        return ast.Compare(str(ch[0]), str(ch[1]), ch[2], self._span(meta))

    @v_args(meta=True)
    def between(self, meta, ch):
        return ast.Between(ch[0], str(ch[1]), str(ch[2]), str(ch[3]), ch[4], self._span(meta))

    @v_args(meta=True)
    def in_interval(self, meta, ch):
        return ast.InInterval(str(ch[0]), ch[1], self._span(meta))

    @v_args(meta=True)
    def in_set(self, meta, ch):
        return ast.InSetLit(str(ch[0]), tuple(ch[1:]), False, self._span(meta))

    @v_args(meta=True)
    def not_in_set(self, meta, ch):
        return ast.InSetLit(str(ch[0]), tuple(ch[1:]), True, self._span(meta))

    @v_args(meta=True)
    def in_named(self, meta, ch):
        return ast.InNamed(str(ch[0]), str(ch[1]), False, self._span(meta), self._tspan(ch[1]))

    @v_args(meta=True)
    def not_in_named(self, meta, ch):
        return ast.InNamed(str(ch[0]), str(ch[1]), True, self._span(meta), self._tspan(ch[1]))

    @v_args(meta=True)
    def bool_fact(self, meta, ch):
        return ast.BoolFact(str(ch[0]), self._span(meta))

    @v_args(meta=True)
    def always(self, meta, ch):
        return ast.Always(self._span(meta))

    @v_args(meta=True)
    def interval(self, meta, ch):
        lo_b, lo, hi, hi_b = ch
        return ast.IntervalLit(lo, lo_b == "closed", hi, hi_b == "closed", self._span(meta))

    def closed_bound(self, ch):
        return "closed"

    def open_bound(self, ch):
        return "open"

    # -------------------------------------------------------------- literals
    def _lit(kind):  # noqa: N805
        def method(self, ch):
            tok = ch[0] if ch else None
            if tok is None:  # true / false keywords carry no token
                return None
            text = unquote(tok) if kind == "string" else str(tok)
            return ast.Lit(kind, text, self._tspan(tok))
        return method

    percent_lit = _lit("percent")
    time_lit = _lit("time")
    date_lit = _lit("date")
    number_lit = _lit("number")
    int_lit = _lit("int")
    string_lit = _lit("string")
    name_lit = _lit("name")
    del _lit

    @v_args(meta=True)
    def true_lit(self, meta, ch):
        return ast.Lit("bool", "true", self._span(meta))

    @v_args(meta=True)
    def false_lit(self, meta, ch):
        return ast.Lit("bool", "false", self._span(meta))

    def __default__(self, data, children, meta):  # pragma: no cover - grammar and AST in step
        raise ValueError(f"no AST node for grammar rule `{data}`")


__all__ = ["ToAst", "unquote", "Tree"]
