"""The lowered policy: typed facts and measures, rules with conditions in a small normal
vocabulary (enum sets and numeric intervals), tables, precedence, and everything the checker,
the evaluator and the documentation need. Every node keeps its span; equality ignores it.

Numbers in conditions are exact `Fraction`s in the fact's numeric encoding: percent as the
percentage (5.3% -> 53/10), time of day as minutes after midnight, dates as proleptic ordinals
(`date.toordinal()`), integers and numbers as themselves.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Iterator, Union

import attrs

from ppkm_lang.source import NO_SPAN, Span, span_field

# ---------------------------------------------------------------------------- types and values

ENUM, INT, NUMBER, PERCENT, TIME, DATE, BOOL, REGION, TEXT, WINDOW = (
    "enum", "int", "number", "percent", "time", "date", "bool", "region", "text", "window")
NUMERIC_KINDS = frozenset({INT, NUMBER, PERCENT, TIME, DATE})
FINITE_KINDS = frozenset({ENUM, BOOL, REGION})


@attrs.frozen
class Type:
    kind: str
    values: tuple[str, ...] = ()  # enum members in declaration order (the order of `ordered`)
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # enum groups: (name, members)
    ordered: bool = False
    lo: Fraction | None = None  # numeric bounds, inclusive, in the numeric encoding
    hi: Fraction | None = None
    unit: str | None = None

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    def group(self, name: str) -> tuple[str, ...] | None:
        for gname, members in self.groups:
            if gname == name:
                return members
        return None

    def describe(self) -> str:
        if self.kind == ENUM:
            return "enum {" + ", ".join(self.values) + "}"
        if self.kind in (INT, NUMBER) and (self.lo is not None or self.hi is not None):
            return f"{self.kind} [{_num(self.lo)}, {_num(self.hi)}]"
        return self.kind


def _num(x: Fraction | None) -> str:
    if x is None:
        return ".."
    return str(x.numerator) if x.denominator == 1 else str(float(x))


@attrs.frozen
class Value:
    """A typed literal. `data` is Decimal (int, number, percent), int minutes (time),
    datetime.date (date), bool, or str (enum member, region official name, text, and a time
    window in its canonical form: `[18:00, 00:00]`, `[22:00, 02:00] overnight`)."""

    kind: str
    data: Union[Decimal, int, dt.date, bool, str]

    def numeric(self) -> Fraction:
        """The value in the numeric encoding used by conditions."""
        if self.kind in (INT, NUMBER, PERCENT):
            return Fraction(self.data)
        if self.kind == TIME:
            return Fraction(self.data)
        if self.kind == DATE:
            return Fraction(self.data.toordinal())
        raise TypeError(f"{self.kind} value is not numeric")

    def to_json(self) -> object:
        if self.kind in (INT,):
            return int(self.data)
        if self.kind in (NUMBER, PERCENT):
            d = self.data
            return int(d) if d == d.to_integral_value() else float(d)
        if self.kind == TIME:
            return format_time(self.data)
        if self.kind == DATE:
            return self.data.isoformat()
        return self.data

    def __str__(self) -> str:
        if self.kind == PERCENT:
            return f"{_plain(self.data)}%"
        if self.kind == TIME:
            return format_time(self.data)
        if self.kind == DATE:
            return self.data.isoformat()
        if self.kind in (INT, NUMBER):
            return _plain(self.data)
        if self.kind == BOOL:
            return "true" if self.data else "false"
        if self.kind in (TEXT, REGION):
            return f'"{self.data}"'
        return str(self.data)  # enum members and windows as written


def _plain(d: Decimal) -> str:
    s = format(d, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def format_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def value_from_numeric(kind: str, x: Fraction) -> Value:
    """The inverse of Value.numeric, for witnesses."""
    if kind == DATE:
        return Value(DATE, dt.date.fromordinal(int(x)))
    if kind == TIME:
        return Value(TIME, int(x))
    if kind == INT:
        return Value(INT, Decimal(int(x)))
    return Value(kind, Decimal(x.numerator) / Decimal(x.denominator))


# ---------------------------------------------------------------------------- conditions


@attrs.frozen
class InSet:
    """The fact's value is one of `values` (enum members, "true"/"false", region names)."""

    values: frozenset[str]


@attrs.frozen
class Interval:
    """lo <(=) x <(=) hi; a missing bound is unbounded. Integer facts use the same form; the
    analysis normalises them to closed integer bounds."""

    lo: Fraction | None
    lo_closed: bool
    hi: Fraction | None
    hi_closed: bool


Constraint = Union[InSet, Interval]


@attrs.frozen
class Test:
    fact: str
    constraint: Constraint
    span: Span = span_field()


@attrs.frozen
class And:
    items: tuple["Cond", ...]


@attrs.frozen
class Or:
    items: tuple["Cond", ...]


@attrs.frozen
class Not:
    item: "Cond"


@attrs.frozen
class Const:
    value: bool


TRUE = Const(True)
FALSE = Const(False)
Cond = Union[Test, And, Or, Not, Const]


def facts_of(cond: Cond) -> set[str]:
    if isinstance(cond, Test):
        return {cond.fact}
    if isinstance(cond, (And, Or)):
        out: set[str] = set()
        for c in cond.items:
            out |= facts_of(c)
        return out
    if isinstance(cond, Not):
        return facts_of(cond.item)
    return set()


def each_test(cond: Cond) -> Iterator[Test]:
    """Every test in a condition, in order (a test under `not` included)."""
    if isinstance(cond, Test):
        yield cond
    elif isinstance(cond, (And, Or)):
        for c in cond.items:
            yield from each_test(c)
    elif isinstance(cond, Not):
        yield from each_test(cond.item)


# ---------------------------------------------------------------------------- declarations


@attrs.frozen
class Part:
    """One node of an instrument's structure: a diktum, huruf or angka label and its parts."""

    label: str
    parts: tuple["Part", ...] = ()
    span: Span = span_field()


@attrs.frozen
class Citation:
    instrument: str
    diktum: str
    path: tuple[str, ...] = ()  # huruf, angka, ... as the original numbers them
    text: str | None = None  # the quoted source sentence
    span: Span = span_field()

    def label(self) -> str:
        """E.g. 'KESEBELAS huruf d angka 1'."""
        words = [self.diktum]
        names = ("huruf", "angka", "huruf", "angka")
        for i, p in enumerate(self.path):
            words.append(f"{names[i] if i < len(names) else 'butir'} {p}")
        return " ".join(words)


# Reader-facing names per language, as written: (("id", "Kab/kota"), ("en", "Regency/city")).
Labels = tuple
# An enum's members' (and groups') labels: ((member, Labels), ...).
MemberLabels = tuple


def label_of(labels: Labels, lang: str) -> str | None:
    return next((text for code, text in labels if code == lang), None)


@attrs.frozen
class Instrument:
    id: str
    title: str
    number: int | None = None
    year: int | None = None
    signed: dt.date | None = None
    first: dt.date | None = None  # in force from (inclusive)
    last: dt.date | None = None  # in force until (inclusive)
    revokes: tuple[str, ...] = ()
    extends: tuple[str, ...] = ()
    external: bool = False  # declared only to be referred to (e.g. a revoked instrument)
    structure: tuple[Part, ...] = ()
    doc: str | None = None
    file: str = ""
    span: Span = span_field()
    labels: Labels = ()


@attrs.frozen
class Fact:
    name: str
    type: Type
    doc: str | None = None
    derived: bool = False
    span: Span = span_field()
    labels: Labels = ()
    member_labels: MemberLabels = ()

    def label(self, lang: str) -> str | None:
        return label_of(self.labels, lang)


@attrs.frozen
class Measure:
    name: str
    type: Type
    doc: str | None = None
    span: Span = span_field()
    labels: Labels = ()
    member_labels: MemberLabels = ()

    def label(self, lang: str) -> str | None:
        return label_of(self.labels, lang)


@attrs.frozen
class RegionMember:
    text: str  # as the source spells it
    official: str  # the gazetteer name it resolves to (the same text when it matches)
    per: str | None = None  # the interpretation that resolves a spelling
    cites: tuple[Citation, ...] = ()
    span: Span = span_field()


@attrs.frozen
class RegionSet:
    name: str
    title: str | None
    members: tuple[RegionMember, ...]
    includes: tuple[str, ...] = ()
    per: tuple[str, ...] = ()
    span: Span = span_field()
    # The official names of every kab/kota in the set, those of included sets too: expanded
    # once, by lowering, so that nothing after it normalises or expands again. A set built by
    # hand without includes gets its members' names.
    expanded: frozenset[str] = attrs.field(
        default=attrs.Factory(lambda self: frozenset(m.official for m in self.members), takes_self=True))


@attrs.frozen
class Assign:
    target: str  # a measure, or a derived fact
    value: Value
    span: Span = span_field()


@attrs.frozen
class Rule:
    id: str
    title: str | None
    instrument: str | None  # the instrument of the file the rule is written in
    when: Cond
    then: tuple[Assign, ...]
    cites: tuple[Citation, ...] = ()
    overrides: frozenset[str] = frozenset()  # rule ids this rule wins over when both apply
    per: tuple[str, ...] = ()  # interpretations the rule relies on
    table: str | None = None  # set for a table row
    row: int | None = None  # 1-based row number in its table
    doc: str | None = None
    span: Span = span_field()
    # For a rule made by `apply`: (the applying rule, the rule it applies, the facts it is
    # applied with as written: "level = level_2"). Its conditions, values and citations are its
    # own; this only says where they came from.
    applied: tuple[str, str, str] | None = None


@attrs.frozen
class Table:
    name: str
    title: str | None
    hit: str  # unique | first | any | priority
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    when: Cond
    rows: tuple[str, ...]  # rule ids, in row order
    cites: tuple[Citation, ...] = ()
    span: Span = span_field()


@attrs.frozen
class Coverage:
    """A declared domain that the given outputs must cover: inside `domain`, some rule
    must give each output a value on every date the rules' instrument is in force."""

    name: str
    outputs: tuple[str, ...]
    domain: Cond
    instrument: str | None = None
    cites: tuple[Citation, ...] = ()
    span: Span = span_field()
    # False for a numeric table without `covers`: it is checked over its inputs' declared
    # ranges, and what it leaves uncovered is a warning rather than an error.
    declared: bool = True


@attrs.frozen
class Interpretation:
    name: str
    title: str | None
    question: str | None
    decision: str | None
    reason: str | None
    cites: tuple[Citation, ...] = ()
    span: Span = span_field()


@attrs.frozen
class Example:
    name: str
    title: str | None
    at: dt.date | None
    given: tuple[Assign, ...]
    expect: tuple[Assign, ...]
    undetermined: tuple[str, ...] = ()
    no_instrument: bool = False
    cites: tuple[Citation, ...] = ()
    instrument: str | None = None
    span: Span = span_field()


@attrs.frozen
class Term:
    sign: int  # +1 or -1
    measure: str | None = None
    value: Value | None = None


@attrs.frozen
class Assertion:
    """`when` implies lhs <op> rhs, for every fact combination where all measures in it
    have a value."""

    name: str
    title: str | None
    when: Cond
    lhs: tuple[Term, ...]
    op: str
    rhs: tuple[Term, ...]
    cites: tuple[Citation, ...] = ()
    span: Span = span_field()


@attrs.frozen
class Monotone:
    """Along the declared order of enum fact `over`, the measure never goes up
    (nonincreasing) or never goes down (nondecreasing), other facts equal."""

    name: str
    title: str | None
    measure: str
    direction: str
    over: str
    when: Cond = TRUE
    cites: tuple[Citation, ...] = ()
    span: Span = span_field()


@attrs.frozen
class Reference:
    """A cross-reference written in the source: the text at `at` points at `to_diktum`
    (and `to_path`) for what defines `concerning`."""

    name: str
    at: Citation
    to_instrument: str
    to_diktum: str
    to_path: tuple[str, ...] = ()
    concerning: str | None = None
    span: Span = span_field()


@attrs.frozen
class Allow:
    """An explicit, visible suppression of one code on one named item, with its reason."""

    code: str
    target: str
    reason: str
    span: Span = span_field()


@attrs.frozen
class Policy:
    """The linked program: all files given, with their imports."""

    files: tuple[str, ...]
    instruments: dict[str, Instrument] = attrs.field(factory=dict, hash=False)
    facts: dict[str, Fact] = attrs.field(factory=dict, hash=False)
    measures: dict[str, Measure] = attrs.field(factory=dict, hash=False)
    regionsets: dict[str, RegionSet] = attrs.field(factory=dict, hash=False)
    rules: dict[str, Rule] = attrs.field(factory=dict, hash=False)  # in file order
    tables: dict[str, Table] = attrs.field(factory=dict, hash=False)
    coverages: dict[str, Coverage] = attrs.field(factory=dict, hash=False)
    interpretations: dict[str, Interpretation] = attrs.field(factory=dict, hash=False)
    examples: dict[str, Example] = attrs.field(factory=dict, hash=False)
    assertions: dict[str, Assertion] = attrs.field(factory=dict, hash=False)
    monotones: dict[str, Monotone] = attrs.field(factory=dict, hash=False)
    references: dict[str, Reference] = attrs.field(factory=dict, hash=False)
    allows: list[Allow] = attrs.field(factory=list, hash=False)
    # All kab/kota official names when a gazetteer was configured; None otherwise (the
    # region dimension is then the names the policy mentions plus "any other region").
    region_universe: frozenset[str] | None = attrs.field(default=None, hash=False)
    # The files the caller named (not those only imported): hygiene lints speak of these
    # alone, since a shared vocabulary may serve instruments this load does not see.
    given: tuple[str, ...] = ()

    def output_type(self, name: str) -> Type | None:
        if name in self.measures:
            return self.measures[name].type
        if name in self.facts:
            return self.facts[name].type
        return None

    def effective_periods(self, instrument_id: str) -> list[tuple[dt.date, dt.date]]:
        """The dates on which an instrument is in force, after revocations by later
        instruments of this policy (a revoking instrument ends the revoked one the day
        before it starts)."""
        inst = self.instruments.get(instrument_id)
        if inst is None or inst.first is None or inst.last is None:
            return []
        first, last = inst.first, inst.last
        for other in self.instruments.values():
            if instrument_id in other.revokes and other.first is not None and not other.external:
                if other.first == dt.date.min:  # revoked from the first day there is
                    return []
                last = min(last, other.first - dt.timedelta(days=1))
        return [(first, last)] if first <= last else []

    def in_force(self, at: dt.date) -> list[str]:
        return [i for i, inst in self.instruments.items() if not inst.external
                and any(a <= at <= b for a, b in self.effective_periods(i))]


__all__ = [
    "ENUM", "INT", "NUMBER", "PERCENT", "TIME", "DATE", "BOOL", "REGION", "TEXT", "WINDOW", "NUMERIC_KINDS",
    "FINITE_KINDS", "Type", "Value", "format_time", "value_from_numeric", "InSet", "Interval",
    "Constraint", "Test", "And", "Or", "Not", "Const", "TRUE", "FALSE", "Cond", "facts_of", "each_test", "Part",
    "Citation", "Instrument", "Fact", "Measure", "RegionMember", "RegionSet", "Assign", "Rule",
    "Table", "Coverage", "Interpretation", "Example", "Term", "Assertion", "Monotone", "Reference",
    "Allow", "Policy", "NO_SPAN",
]
