"""The surface syntax tree: what was written, with spans, before names and types are resolved.

Literals keep their source text; lowering gives them types and values. Each kind of declaration
has its own node with typed fields; a field the grammar lets a block repeat but that may be
given once is kept once, and the repetition is a finding of the syntax stage (`problems`).
"""

from __future__ import annotations

from typing import Any, Union

import attrs

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.source import Span, span_field


@attrs.frozen
class Lit:
    kind: str  # percent | time | date | number | int | string | bool | name
    text: str
    span: Span = span_field()


# ------------------------------------------------------------------ conditions


@attrs.frozen
class IntervalLit:
    lo: Lit
    lo_closed: bool
    hi: Lit
    hi_closed: bool
    span: Span = span_field()
    overnight: bool = False  # a time window that runs past midnight: `[22:00, 02:00] overnight`


@attrs.frozen
class Compare:
    name: str
    op: str
    value: Lit
    span: Span = span_field()


@attrs.frozen
class Between:
    lo: Lit
    lo_op: str
    name: str
    hi_op: str
    hi: Lit
    span: Span = span_field()


@attrs.frozen
class InInterval:
    name: str
    interval: IntervalLit
    span: Span = span_field()


@attrs.frozen
class InSetLit:
    name: str
    values: tuple[Lit, ...]
    negated: bool = False
    span: Span = span_field()


@attrs.frozen
class InNamed:
    name: str
    set_name: str
    negated: bool = False
    span: Span = span_field()
    set_span: Span = span_field()


@attrs.frozen
class BoolFact:
    name: str
    span: Span = span_field()


@attrs.frozen
class Always:
    span: Span = span_field()


@attrs.frozen
class AndC:
    items: tuple["CondAst", ...]
    span: Span = span_field()


@attrs.frozen
class OrC:
    items: tuple["CondAst", ...]
    span: Span = span_field()


@attrs.frozen
class NotC:
    item: "CondAst"
    span: Span = span_field()


CondAst = Union[Compare, Between, InInterval, InSetLit, InNamed, BoolFact, Always, AndC, OrC, NotC]

# ------------------------------------------------------------------ table cells


@attrs.frozen
class CmpTest:
    op: str
    value: Lit
    span: Span = span_field()


@attrs.frozen
class EqTest:
    value: Lit  # a name here may also be a group or region set
    span: Span = span_field()


@attrs.frozen
class SetTest:
    values: tuple[Lit, ...]
    negated: bool = False
    span: Span = span_field()


UnaryTest = Union[CmpTest, EqTest, IntervalLit, SetTest]


@attrs.frozen
class Cell:
    tests: tuple[UnaryTest, ...]  # empty: `-`, any value
    span: Span = span_field()


# ------------------------------------------------------------------ declarations


def problems_field() -> Any:
    """The shape findings of the syntax stage about one declaration (a field given twice, a
    required field missing, a row of the wrong width). Equality ignores them, like spans."""
    return attrs.field(default=(), eq=False, repr=False)


@attrs.frozen
class Name:
    """A name as written, where a diagnostic may point at it."""

    text: str
    span: Span = span_field()


@attrs.frozen
class CitationAst:
    instrument: str
    diktum: str
    path: tuple[str, ...]
    text: str | None
    span: Span = span_field()


@attrs.frozen
class Assignment:
    name: str
    value: "Lit | IntervalLit"  # a window: `jam_operasional = [18:00, 00:00]`
    span: Span = span_field()
    name_span: Span = span_field()


@attrs.frozen
class PartAst:
    label: str
    parts: tuple["PartAst", ...]
    span: Span = span_field()


@attrs.frozen
class Import:
    name: str
    span: Span = span_field()


@attrs.frozen
class InstrumentLink:
    """`revokes NAME cite ...` or `extends NAME cite ...`."""

    target: Name
    cite: CitationAst | None = None
    span: Span = span_field()


@attrs.frozen
class DateField:
    """`signed DATE` or `in_force DATE to DATE`: the dates as written, and the field's span."""

    days: tuple[Lit, ...]
    span: Span = span_field()


@attrs.frozen
class InstrumentDecl:
    name: str
    title: str
    number: int | None = None
    year: int | None = None
    signed: DateField | None = None
    in_force: DateField | None = None
    revokes: tuple[InstrumentLink, ...] = ()
    extends: tuple[InstrumentLink, ...] = ()
    external: bool = False
    doc: str | None = None
    structure: tuple[PartAst, ...] = ()
    span: Span = span_field()
    problems: tuple[Diagnostic, ...] = problems_field()
    labels: Labels | None = None


@attrs.frozen
class Labels:
    """`label id "..." en "..."`: (language, text) pairs in the order written."""

    items: tuple[tuple[str, str], ...]
    span: Span = span_field()


@attrs.frozen
class EnumMember:
    name: str
    doc: str | None
    span: Span = span_field()
    labels: Labels | None = None


@attrs.frozen
class EnumGroup:
    name: str
    doc: str | None
    members: tuple[EnumMember, ...]
    span: Span = span_field()
    labels: Labels | None = None


@attrs.frozen
class TypeAst:
    kind: str
    members: tuple[EnumMember, ...] = ()  # every member, those of groups included, in order
    groups: tuple[EnumGroup, ...] = ()
    ordered: bool = False
    lo: Lit | None = None
    hi: Lit | None = None
    unit: str | None = None
    span: Span = span_field()


@attrs.frozen
class FactDecl:
    name: str
    type: TypeAst
    derived: bool
    doc: str | None
    span: Span = span_field()
    labels: Labels | None = None


@attrs.frozen
class MeasureDecl:
    name: str
    type: TypeAst
    doc: str | None
    span: Span = span_field()
    labels: Labels | None = None


@attrs.frozen
class RegionEntry:
    text: str
    official: str | None
    per: str | None
    cites: tuple[CitationAst, ...]
    span: Span = span_field()
    province: bool = False  # the entry names a whole province, expanded through the gazetteer


@attrs.frozen
class RegionSetDecl:
    name: str
    title: str | None
    entries: tuple[RegionEntry, ...] = ()  # kab/kota and province entries, in the order written
    includes: tuple[Name, ...] = ()
    per: tuple[Name, ...] = ()
    span: Span = span_field()
    name_span: Span = span_field()
    problems: tuple[Diagnostic, ...] = problems_field()


@attrs.frozen
class RuleDecl:
    name: str
    title: str | None
    when: "CondAst | None" = None
    then: tuple[Assignment, ...] = ()
    cites: tuple[CitationAst, ...] = ()
    overrides: tuple[Name, ...] = ()
    per: tuple[Name, ...] = ()
    doc: str | None = None
    span: Span = span_field()
    name_span: Span = span_field()
    problems: tuple[Diagnostic, ...] = problems_field()
    apply: "Apply | None" = None


@attrs.frozen
class Apply:
    """`apply PROVISION as fact = value, ...`: the rules of another provision (every rule and
    table row citing it), or of one rule or table, applied as if the facts had these values."""

    names: tuple[Name, ...]  # one name: a rule or table; two or more: instrument, diktum, path
    path: tuple[str, ...]
    facts: tuple[Assignment, ...]
    span: Span = span_field()


@attrs.frozen
class Row:
    cells: tuple[Cell, ...]
    outputs: tuple["Lit | IntervalLit", ...]
    cites: tuple[CitationAst, ...] = ()
    per: tuple[Name, ...] = ()
    overrides: tuple[Name, ...] = ()
    span: Span = span_field()


@attrs.frozen
class TableDecl:
    name: str
    title: str | None
    hit: str | None = None  # unique (when not written) | first | any | priority
    inputs: tuple[Name, ...] = ()
    outputs: tuple[Name, ...] = ()
    when: "CondAst | None" = None
    covers: "CondAst | None" = None
    rows: tuple[Row, ...] = ()
    cites: tuple[CitationAst, ...] = ()
    per: tuple[Name, ...] = ()
    doc: str | None = None
    span: Span = span_field()
    name_span: Span = span_field()
    problems: tuple[Diagnostic, ...] = problems_field()
    apply: "Apply | None" = None

    def fits(self, row: Row) -> bool:
        """The row has one cell per input and one value per output (else it is a PPK208)."""
        return len(row.cells) == len(self.inputs) and len(row.outputs) == len(self.outputs)


@attrs.frozen
class InterpretationDecl:
    name: str
    title: str | None
    question: str | None = None
    decision: str | None = None
    reason: str | None = None
    cites: tuple[CitationAst, ...] = ()
    span: Span = span_field()
    name_span: Span = span_field()
    problems: tuple[Diagnostic, ...] = problems_field()


@attrs.frozen
class ExampleDecl:
    name: str
    title: str | None
    at: Lit | None = None
    given: tuple[Assignment, ...] = ()
    expect: tuple[Assignment, ...] = ()
    undetermined: tuple[Name, ...] = ()
    no_instrument: bool = False
    cites: tuple[CitationAst, ...] = ()
    span: Span = span_field()
    name_span: Span = span_field()
    problems: tuple[Diagnostic, ...] = problems_field()


@attrs.frozen
class SumTerm:
    sign: int  # +1 or -1
    value: Lit  # a measure's name or a number
    span: Span = span_field()


@attrs.frozen
class Require:
    """`require lhs OP rhs`: sums of measures and numbers."""

    lhs: tuple[SumTerm, ...]
    op: str
    rhs: tuple[SumTerm, ...]
    span: Span = span_field()


@attrs.frozen
class AssertDecl:
    name: str
    title: str | None
    when: "CondAst | None" = None
    require: Require | None = None
    cites: tuple[CitationAst, ...] = ()
    span: Span = span_field()
    name_span: Span = span_field()
    problems: tuple[Diagnostic, ...] = problems_field()


@attrs.frozen
class MonotoneSpec:
    """`measure M nonincreasing over FACT`."""

    measure: Name
    direction: str
    over: Name
    span: Span = span_field()


@attrs.frozen
class MonotoneDecl:
    name: str
    title: str | None
    spec: MonotoneSpec | None = None
    when: "CondAst | None" = None
    cites: tuple[CitationAst, ...] = ()
    span: Span = span_field()
    name_span: Span = span_field()
    problems: tuple[Diagnostic, ...] = problems_field()


@attrs.frozen
class RefTarget:
    """`to INSTRUMENT DIKTUM path`."""

    instrument: Name
    diktum: Name
    path: tuple[str, ...] = ()
    span: Span = span_field()


@attrs.frozen
class ReferenceDecl:
    name: str
    at: CitationAst | None = None
    to: RefTarget | None = None
    concerning: Name | None = None
    span: Span = span_field()
    name_span: Span = span_field()
    problems: tuple[Diagnostic, ...] = problems_field()


@attrs.frozen
class CoverageDecl:
    name: str
    of: tuple[Name, ...] = ()
    covers: "CondAst | None" = None
    cites: tuple[CitationAst, ...] = ()
    span: Span = span_field()
    name_span: Span = span_field()
    problems: tuple[Diagnostic, ...] = problems_field()


@attrs.frozen
class AllowDecl:
    code: str
    target: str
    reason: str
    span: Span = span_field()


Item = Union[Import, InstrumentDecl, FactDecl, MeasureDecl, RegionSetDecl, RuleDecl, TableDecl,
             InterpretationDecl, ExampleDecl, AssertDecl, MonotoneDecl, ReferenceDecl, CoverageDecl,
             AllowDecl]


@attrs.frozen
class Module:
    file: str
    items: tuple[Item, ...]

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """The shape findings of the syntax stage about this module's declarations."""
        return tuple(d for item in self.items for d in getattr(item, "problems", ()))


__all__ = [
    "Labels", "Lit", "IntervalLit", "Compare", "Between", "InInterval", "InSetLit", "InNamed", "BoolFact",
    "Always", "AndC", "OrC", "NotC", "CondAst", "CmpTest", "EqTest", "SetTest", "UnaryTest", "Cell",
    "Name", "CitationAst", "Assignment", "PartAst", "Import", "InstrumentLink", "DateField",
    "InstrumentDecl", "EnumMember", "EnumGroup", "TypeAst", "FactDecl", "MeasureDecl", "RegionEntry",
    "RegionSetDecl", "RuleDecl", "Row", "TableDecl", "InterpretationDecl", "ExampleDecl", "SumTerm",
    "Require", "AssertDecl", "MonotoneSpec", "MonotoneDecl", "RefTarget", "ReferenceDecl",
    "CoverageDecl", "AllowDecl", "Item", "Module", "problems_field",
]
