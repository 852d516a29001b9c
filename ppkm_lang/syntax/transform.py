"""The Lark transformer that turns a parse tree into the surface AST of `ast.py`.

It also checks the shape of each declaration block, which needs no names or types: a field
given twice where once is allowed (PPK213), a required field missing (PPK211), a table row
whose width is not the table's (PPK208). Those findings travel on the declaration
(`problems`); the first occurrence of a repeated field is the one kept.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
from lark import Token, Transformer, v_args

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.source import Span
from ppkm_lang.syntax import ast
from ppkm_lang.diagnostics.codes import DUPLICATE_FIELD, MISSING_FIELD, TABLE_SHAPE


def unquote(token: str) -> str:
    """The text of a STRING token: quotes removed, escapes read."""
    body = token[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


class _Field:
    """A field of a declaration block before it is attached to its declaration."""

    __slots__ = ("name", "value", "span")

    def __init__(self, name: str, value: object, span: Span):
        self.name, self.value, self.span = name, value, span


class _Block:
    """The fields of one declaration block in the order written. A field in `once` that is
    repeated is reported and its repetition ignored."""

    def __init__(self, keyword: str, name: str, children, once: frozenset[str]):
        self.keyword, self.name = keyword, name
        self.values: dict[str, list] = {}
        self.cites: list[ast.CitationAst] = []
        self.rows: list[ast.Row] = []
        self.entries: list[ast.RegionEntry] = []
        self.problems: list[Diagnostic] = []
        for c in children:
            if isinstance(c, _Field):
                if c.name in once and c.name in self.values:
                    self.problems.append(Diagnostic(
                        DUPLICATE_FIELD, f"`{c.name}` is given twice in {keyword} `{name}`", c.span, subject=name))
                    continue
                self.values.setdefault(c.name, []).append(c.value)
            elif isinstance(c, ast.CitationAst):
                self.cites.append(c)
            elif isinstance(c, ast.Row):
                self.rows.append(c)
            elif isinstance(c, ast.RegionEntry):
                self.entries.append(c)

    def one(self, key: str, default=None) -> Any:
        return self.values[key][0] if key in self.values else default

    def many(self, key: str) -> tuple:
        """Every value of a repeatable field; a field holding a list adds its items."""
        out: list = []
        for v in self.values.get(key, []):
            out.extend(v if isinstance(v, tuple) else (v,))
        return tuple(out)

    def missing(self, message: str, span: Span, **extra) -> None:
        self.problems.append(Diagnostic(MISSING_FIELD, message, span, subject=self.name, **extra))


def _labels(children) -> ast.Labels | None:
    return next((c for c in children if isinstance(c, ast.Labels)), None)


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

    def _name(self, tok: Token) -> ast.Name:
        return ast.Name(str(tok), self._tspan(tok))

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
    def start(self, items) -> list:
        return list(items)

    @v_args(meta=True)
    def import_decl(self, meta, ch) -> ast.Import:
        return ast.Import(str(ch[0]), self._span(meta))

    @v_args(meta=True)
    def instrument_decl(self, meta, ch) -> ast.InstrumentDecl:
        name, span = str(ch[0]), self._span(meta)
        once = frozenset({"number", "signed", "in_force", "external", "doc", "structure"})
        b = _Block("instrument", name, ch[2:], once)
        in_force = b.one("in_force")
        external = bool(b.one("external", False))
        if not external and in_force is None:
            b.missing(f"instrument `{name}` has no `in_force` period", span,
                      help="add `in_force FIRST to LAST` (both days inclusive)")
        number, year = b.one("number", (None, None))
        labels = [c for c in ch[2:] if isinstance(c, ast.Labels)]
        if len(labels) > 1:
            b.problems.append(Diagnostic(DUPLICATE_FIELD, f"`label` is given twice in instrument `{name}`",
                                         labels[1].span, subject=name))
        return ast.InstrumentDecl(name, unquote(ch[1]), number, year, b.one("signed"), in_force,
                                  b.many("revokes"), b.many("extends"), external, b.one("doc"),
                                  b.one("structure", ()), span, tuple(b.problems),
                                  labels[0] if labels else None)

    def _value(name, read):  # noqa: N805 - a small factory of field methods
        @v_args(meta=True)
        def method(self, meta, ch):
            return _Field(name, read(self, ch, self._span(meta)), self._span(meta))
        return method

    def _names(self, ch, span) -> tuple[ast.Name, ...]:
        return tuple(self._name(c) for c in ch)

    inst_number = _value("number", lambda self, ch, span: (int(ch[0]), int(ch[1])))
    inst_signed = _value("signed", lambda self, ch, span: ast.DateField(tuple(map(self._word, ch)), span))
    inst_in_force = _value("in_force", lambda self, ch, span: ast.DateField(tuple(map(self._word, ch)), span))
    inst_revokes = _value("revokes", lambda self, ch, span: ast.InstrumentLink(
        self._name(ch[0]), ch[1] if len(ch) > 1 else None, span))
    inst_extends = _value("extends", lambda self, ch, span: ast.InstrumentLink(
        self._name(ch[0]), ch[1] if len(ch) > 1 else None, span))
    inst_external = _value("external", lambda self, ch, span: True)
    inst_structure = _value("structure", lambda self, ch, span: tuple(ch))
    doc_field = _value("doc", lambda self, ch, span: unquote(ch[0]))
    per_field = _value("per", lambda self, ch, span: self._name(ch[0]))
    region_include = _value("include", lambda self, ch, span: self._name(ch[0]))
    when_field = _value("when", lambda self, ch, span: ch[0])
    apply_field = _value("apply", lambda self, ch, span: ast.Apply(
        tuple(self._name(c) for c in ch if isinstance(c, Token)),
        next((c for c in ch if isinstance(c, tuple)), ()),
        tuple(c for c in ch if isinstance(c, ast.Assignment)), span))
    covers_field = _value("covers", lambda self, ch, span: ch[0])
    then_field = _value("then", lambda self, ch, span: tuple(ch))
    given_field = _value("given", lambda self, ch, span: tuple(ch))
    expect_field = _value("expect", lambda self, ch, span: tuple(ch))
    overrides_field = _value("overrides", _names)
    inputs_field = _value("inputs", _names)
    outputs_field = _value("outputs", _names)
    coverage_of = _value("of", _names)
    expect_undetermined = _value("undetermined", _names)
    expect_no_instrument = _value("no_instrument", lambda self, ch, span: True)
    hit_field = _value("hit", lambda self, ch, span: str(ch[0]))
    question_field = _value("question", lambda self, ch, span: unquote(ch[0]))
    decision_field = _value("decision", lambda self, ch, span: unquote(ch[0]))
    reason_field = _value("reason", lambda self, ch, span: unquote(ch[0]))
    at_field = _value("at", lambda self, ch, span: self._word(ch[0]))
    require_field = _value("require", lambda self, ch, span: ast.Require(ch[0], str(ch[1]), ch[2], span))
    monotone_spec = _value("measure", lambda self, ch, span: ast.MonotoneSpec(
        self._name(ch[0]), str(ch[1]), self._name(ch[2]), span))
    ref_at = _value("at", lambda self, ch, span: ch[0])
    ref_to = _value("to", lambda self, ch, span: ast.RefTarget(
        self._name(ch[0]), self._name(ch[1]), ch[2] if len(ch) > 2 else (), span))
    ref_concerning = _value("concerning", lambda self, ch, span: self._name(ch[0]))
    del _value

    @v_args(meta=True)
    def part(self, meta, ch) -> ast.PartAst:
        return ast.PartAst(str(ch[0]), tuple(ch[1:]), self._span(meta))

    def cite_text(self, ch) -> ast.CitationAst:
        return ch[0]

    @v_args(meta=True)
    def citation(self, meta, ch) -> ast.CitationAst:
        inst, diktum = str(ch[0]), str(ch[1])
        path: tuple[str, ...] = ()
        text = None
        for c in ch[2:]:
            if isinstance(c, tuple):
                path = c
            elif isinstance(c, Token) and c.type == "STRING":
                text = unquote(c)
        return ast.CitationAst(inst, diktum, path, text, self._span(meta))

    def path(self, ch) -> tuple[str, ...]:
        return tuple(str(c) for c in ch)

    # -------------------------------------------------------------- vocabulary
    @v_args(meta=True)
    def fact_decl(self, meta, ch) -> ast.FactDecl:
        derived = any(isinstance(c, Token) and c.type == "DERIVED" for c in ch)
        return ast.FactDecl(str(ch[0]), ch[1], derived, self._title(ch[2:]), self._span(meta), _labels(ch))

    @v_args(meta=True)
    def measure_decl(self, meta, ch) -> ast.MeasureDecl:
        return ast.MeasureDecl(str(ch[0]), ch[1], self._title(ch[2:]), self._span(meta), _labels(ch))

    @v_args(meta=True)
    def labels(self, meta, ch) -> ast.Labels:
        return ast.Labels(tuple((str(ch[i]), unquote(ch[i + 1])) for i in range(0, len(ch), 2)), self._span(meta))

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
    window_type = _plain_type("window")
    del _plain_type

    def bounds(self, ch) -> tuple:
        return ("bounds", ch[0], ch[1])

    def unit(self, ch) -> tuple[str, str]:
        return ("unit", unquote(ch[0]))

    @v_args(meta=True)
    def enum_type(self, meta, ch) -> ast.TypeAst:
        ordered = any(isinstance(c, Token) and c.type == "ORDERED" for c in ch)
        members, groups = [], []
        for c in ch:
            if isinstance(c, ast.EnumMember):
                members.append(c)
            elif isinstance(c, ast.EnumGroup):
                groups.append(c)
                members.extend(c.members)
        return ast.TypeAst("enum", tuple(members), tuple(groups), ordered, span=self._span(meta))

    @v_args(meta=True)
    def enum_value(self, meta, ch) -> ast.EnumMember:
        return ast.EnumMember(str(ch[0]), self._title(ch[1:]), self._span(meta), _labels(ch))

    @v_args(meta=True)
    def enum_group(self, meta, ch) -> ast.EnumGroup:
        name = str(ch[0])
        doc = self._title(ch[1:2]) if len(ch) > 1 and isinstance(ch[1], Token) else None
        members = tuple(c for c in ch if isinstance(c, ast.EnumMember))
        return ast.EnumGroup(name, doc, members, self._span(meta), _labels(ch))

    # -------------------------------------------------------------- declarations with fields
    def _head(self, meta, ch, keyword: str, once: frozenset[str]):
        """name, title, the block's fields, span and name span of a declaration."""
        name_tok, rest = ch[0], ch[1:]
        title = None
        if rest and isinstance(rest[0], Token) and rest[0].type == "STRING":
            title, rest = unquote(rest[0]), rest[1:]
        return str(name_tok), title, _Block(keyword, str(name_tok), rest, once), self._span(meta), \
            self._tspan(name_tok)

    @v_args(meta=True)
    def regionset_decl(self, meta, ch) -> ast.RegionSetDecl:
        name, title, b, span, name_span = self._head(meta, ch, "regionset", frozenset())
        return ast.RegionSetDecl(name, title, tuple(b.entries), b.many("include"), b.many("per"), span,
                                 name_span, tuple(b.problems))

    @v_args(meta=True)
    def rule_decl(self, meta, ch) -> ast.RuleDecl:
        name, title, b, span, name_span = self._head(meta, ch, "rule", frozenset({"when", "doc", "apply"}))
        then = b.many("then")
        if not then and b.one("apply") is None:
            b.missing(f"rule `{name}` gives no value: add `then measure = value`", name_span)
        return ast.RuleDecl(name, title, b.one("when"), then, tuple(b.cites), b.many("overrides"), b.many("per"),
                            b.one("doc"), span, name_span, tuple(b.problems), b.one("apply"))

    @v_args(meta=True)
    def table_decl(self, meta, ch) -> ast.TableDecl:
        name, title, b, span, name_span = self._head(
            meta, ch, "table", frozenset({"hit", "inputs", "outputs", "when", "covers", "doc", "apply"}))
        decl = ast.TableDecl(name, title, b.one("hit"), b.one("inputs", ()), b.one("outputs", ()), b.one("when"),
                             b.one("covers"), tuple(b.rows), tuple(b.cites), b.many("per"), b.one("doc"), span,
                             name_span, apply=b.one("apply"))
        if not decl.outputs and decl.apply is None:
            b.missing(f"table `{name}` has no `outputs`", name_span)
        else:
            for index, row in enumerate(decl.rows, start=1):
                if not decl.fits(row):
                    b.problems.append(Diagnostic(
                        TABLE_SHAPE, f"row {index} of `{name}` has {len(row.cells)} cells and {len(row.outputs)} "
                        f"outputs; the table has {len(decl.inputs)} inputs and {len(decl.outputs)} outputs",
                        row.span, subject=f"{name}#{index}"))
        return attrs.evolve(decl, problems=tuple(b.problems))

    @v_args(meta=True)
    def interpretation_decl(self, meta, ch) -> ast.InterpretationDecl:
        name, title, b, span, name_span = self._head(
            meta, ch, "interpretation", frozenset({"question", "decision", "reason"}))
        return ast.InterpretationDecl(name, title, b.one("question"), b.one("decision"), b.one("reason"),
                                      tuple(b.cites), span, name_span, tuple(b.problems))

    @v_args(meta=True)
    def example_decl(self, meta, ch) -> ast.ExampleDecl:
        name, title, b, span, name_span = self._head(meta, ch, "example", frozenset({"at"}))
        if b.one("at") is None:
            b.missing(f"example `{name}` has no date: add `at YYYY-MM-DD`", name_span)
        return ast.ExampleDecl(name, title, b.one("at"), b.many("given"), b.many("expect"), b.many("undetermined"),
                               bool(b.one("no_instrument", False)), tuple(b.cites), span, name_span,
                               tuple(b.problems))

    @v_args(meta=True)
    def assert_decl(self, meta, ch) -> ast.AssertDecl:
        name, title, b, span, name_span = self._head(meta, ch, "assert", frozenset({"when", "require"}))
        if b.one("require") is None:
            b.missing(f"assertion `{name}` has no `require`", name_span)
        return ast.AssertDecl(name, title, b.one("when"), b.one("require"), tuple(b.cites), span, name_span,
                              tuple(b.problems))

    @v_args(meta=True)
    def monotone_decl(self, meta, ch) -> ast.MonotoneDecl:
        name, title, b, span, name_span = self._head(meta, ch, "monotone", frozenset({"measure", "when"}))
        if b.one("measure") is None:
            b.missing(f"`{name}` needs `measure M nonincreasing over FACT`", name_span)
        return ast.MonotoneDecl(name, title, b.one("measure"), b.one("when"), tuple(b.cites), span, name_span,
                                tuple(b.problems))

    @v_args(meta=True)
    def reference_decl(self, meta, ch) -> ast.ReferenceDecl:
        name, _, b, span, name_span = self._head(meta, ch, "reference", frozenset({"at", "to", "concerning"}))
        if b.one("at") is None or b.one("to") is None:
            b.missing(f"reference `{name}` needs `at` and `to`", name_span)
        return ast.ReferenceDecl(name, b.one("at"), b.one("to"), b.one("concerning"), span, name_span,
                                 tuple(b.problems))

    @v_args(meta=True)
    def coverage_decl(self, meta, ch) -> ast.CoverageDecl:
        name, _, b, span, name_span = self._head(meta, ch, "coverage", frozenset({"of", "covers"}))
        return ast.CoverageDecl(name, b.one("of", ()), b.one("covers"), tuple(b.cites), span, name_span,
                                tuple(b.problems))

    @v_args(meta=True)
    def region_entry(self, meta, ch) -> ast.RegionEntry:
        return self._region_entry(meta, ch, province=False)

    def _region_entry(self, meta, ch, *, province: bool):
        strings = [unquote(c) for c in ch if isinstance(c, Token) and c.type == "STRING"]
        per = next((str(c) for c in ch if isinstance(c, Token) and c.type == "NAME"), None)
        cites = tuple(c for c in ch if isinstance(c, ast.CitationAst))
        official = strings[1] if len(strings) > 1 else None
        return ast.RegionEntry(strings[0], official, per, cites, self._span(meta), province=province)

    @v_args(meta=True)
    def province_entry(self, meta, ch) -> ast.RegionEntry:
        return self._region_entry(meta, ch, province=True)

    @v_args(meta=True)
    def assignment(self, meta, ch) -> ast.Assignment:
        return ast.Assignment(str(ch[0]), ch[1], self._span(meta), self._tspan(ch[0]))

    @v_args(meta=True)
    def allow_decl(self, meta, ch) -> ast.AllowDecl:
        return ast.AllowDecl(str(ch[0]), str(ch[1]), unquote(ch[2]), self._span(meta))

    @v_args(meta=True)
    def row(self, meta, ch) -> ast.Row:
        cells, outputs, cites, per, overrides = [], [], [], [], []
        for c in ch:
            if isinstance(c, ast.Cell):
                cells.append(c)
            elif isinstance(c, (ast.Lit, ast.IntervalLit)):
                outputs.append(c)
            elif isinstance(c, ast.CitationAst):
                cites.append(c)
            elif isinstance(c, _Field) and c.name == "per":
                per.append(c.value)
            elif isinstance(c, _Field) and c.name == "overrides":
                overrides.extend(c.value)
        return ast.Row(tuple(cells), tuple(outputs), tuple(cites), tuple(per), tuple(overrides), self._span(meta))

    @v_args(meta=True)
    def any_cell(self, meta, ch) -> ast.Cell:
        return ast.Cell((), self._span(meta))

    @v_args(meta=True)
    def test_cell(self, meta, ch) -> ast.Cell:
        return ast.Cell(tuple(ch), self._span(meta))

    @v_args(meta=True)
    def cmp_test(self, meta, ch) -> ast.CmpTest:
        return ast.CmpTest(str(ch[0]), ch[1], self._span(meta))

    @v_args(meta=True)
    def eq_test(self, meta, ch) -> ast.EqTest:
        return ast.EqTest(ch[0], self._span(meta))

    @v_args(meta=True)
    def set_test(self, meta, ch) -> ast.SetTest:
        return ast.SetTest(tuple(ch), False, self._span(meta))

    @v_args(meta=True)
    def not_set_test(self, meta, ch) -> ast.SetTest:
        return ast.SetTest(tuple(ch), True, self._span(meta))

    def sum(self, ch) -> tuple[ast.SumTerm, ...]:
        terms, sign = [], 1
        for c in ch:
            if isinstance(c, Token) and c.type == "SIGN":
                sign = 1 if str(c) == "+" else -1
            else:
                terms.append(ast.SumTerm(sign, c, c.span))
                sign = 1
        return tuple(terms)

    # -------------------------------------------------------------- conditions
    @v_args(meta=True)
    def or_(self, meta, ch) -> ast.OrC:
        items = []
        for c in ch:
            items.extend(c.items if isinstance(c, ast.OrC) else [c])
        return ast.OrC(tuple(items), self._span(meta))

    @v_args(meta=True)
    def and_(self, meta, ch) -> ast.AndC:
        items = []
        for c in ch:
            items.extend(c.items if isinstance(c, ast.AndC) else [c])
        return ast.AndC(tuple(items), self._span(meta))

    @v_args(meta=True)
    def not_(self, meta, ch) -> ast.NotC:
        return ast.NotC(ch[0], self._span(meta))

    @v_args(meta=True)
    def compare(self, meta, ch) -> ast.Compare:
        return ast.Compare(str(ch[0]), str(ch[1]), ch[2], self._span(meta))

    @v_args(meta=True)
    def between(self, meta, ch) -> ast.Between:
        return ast.Between(ch[0], str(ch[1]), str(ch[2]), str(ch[3]), ch[4], self._span(meta))

    @v_args(meta=True)
    def in_interval(self, meta, ch) -> ast.InInterval:
        return ast.InInterval(str(ch[0]), ch[1], self._span(meta))

    @v_args(meta=True)
    def in_set(self, meta, ch) -> ast.InSetLit:
        return ast.InSetLit(str(ch[0]), tuple(ch[1:]), False, self._span(meta))

    @v_args(meta=True)
    def not_in_set(self, meta, ch) -> ast.InSetLit:
        return ast.InSetLit(str(ch[0]), tuple(ch[1:]), True, self._span(meta))

    @v_args(meta=True)
    def in_named(self, meta, ch) -> ast.InNamed:
        return ast.InNamed(str(ch[0]), str(ch[1]), False, self._span(meta), self._tspan(ch[1]))

    @v_args(meta=True)
    def not_in_named(self, meta, ch) -> ast.InNamed:
        return ast.InNamed(str(ch[0]), str(ch[1]), True, self._span(meta), self._tspan(ch[1]))

    @v_args(meta=True)
    def bool_fact(self, meta, ch) -> ast.BoolFact:
        return ast.BoolFact(str(ch[0]), self._span(meta))

    @v_args(meta=True)
    def always(self, meta, ch) -> ast.Always:
        return ast.Always(self._span(meta))

    @v_args(meta=True)
    def interval(self, meta, ch) -> ast.IntervalLit:
        lo_b, lo, hi, hi_b = ch[:4]
        return ast.IntervalLit(lo, lo_b == "closed", hi, hi_b == "closed", self._span(meta), overnight=len(ch) > 4)

    def closed_bound(self, ch) -> str:
        return "closed"

    def open_bound(self, ch) -> str:
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
    def true_lit(self, meta, ch) -> ast.Lit:
        return ast.Lit("bool", "true", self._span(meta))

    @v_args(meta=True)
    def false_lit(self, meta, ch) -> ast.Lit:
        return ast.Lit("bool", "false", self._span(meta))

    def __default__(self, data, children, meta):  # pragma: no cover - grammar and AST in step
        raise ValueError(f"no AST node for grammar rule `{data}`")


__all__ = ["ToAst", "unquote"]
