"""The surface syntax tree: what was written, with spans, before names and types are resolved.

Literals keep their source text; the semantics stage gives them types and values.
"""

from __future__ import annotations

from typing import Union

import attrs

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
    value: Lit
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
class InstrumentDecl:
    name: str
    title: str
    fields: tuple[tuple[str, object, Span], ...]  # (field, payload, span) as written
    span: Span = span_field()


@attrs.frozen
class EnumMember:
    name: str
    doc: str | None
    span: Span = span_field()


@attrs.frozen
class TypeAst:
    kind: str
    members: tuple[EnumMember, ...] = ()
    groups: tuple[tuple[str, str | None, tuple[EnumMember, ...]], ...] = ()
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


@attrs.frozen
class MeasureDecl:
    name: str
    type: TypeAst
    doc: str | None
    span: Span = span_field()


@attrs.frozen
class RegionEntry:
    text: str
    official: str | None
    per: str | None
    cites: tuple[CitationAst, ...]
    span: Span = span_field()
    province: bool = False  # the entry names a whole province, expanded through the gazetteer


@attrs.frozen
class Row:
    cells: tuple[Cell, ...]
    outputs: tuple[Lit, ...]
    fields: tuple[tuple[str, object, Span], ...]
    span: Span = span_field()


@attrs.frozen
class Decl:
    """rule, table, regionset, interpretation, example, assert, monotone, reference, coverage:
    a keyword, a name, an optional title and the fields as written (checked by semantics)."""

    keyword: str
    name: str
    title: str | None
    fields: tuple[tuple[str, object, Span], ...]
    span: Span = span_field()
    name_span: Span = span_field()


@attrs.frozen
class AllowDecl:
    code: str
    target: str
    reason: str
    span: Span = span_field()


Item = Union[Import, InstrumentDecl, FactDecl, MeasureDecl, Decl, AllowDecl]


@attrs.frozen
class Module:
    file: str
    items: tuple[Item, ...]
