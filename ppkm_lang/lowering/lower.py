"""Surface AST -> IR (`from_ast`): names resolved, types checked, tables lowered to rules.

The declarations of all modules share one namespace. Declarations are lowered in dependency
order (types, instruments, region sets, then everything that uses conditions); a declaration
with an error is left out of the IR, with its diagnostic, so later passes still see the rest.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ppkm_lang.diagnostics import Diagnostic, Related
from ppkm_lang.ir.model import (Citation, Fact, Instrument, Measure, Part, Policy, RegionMember,
                                RegionSet)
from ppkm_lang.lowering import decls as lower_decls
from ppkm_lang.lowering.conditions import CondError, Scope
from ppkm_lang.lowering.types import lower_type
from ppkm_lang.semantics.gazetteer import Gazetteer
from ppkm_lang.semantics.regions import region_key
from ppkm_lang.semantics.suggest import did_you_mean
from ppkm_lang.semantics.values import parse_date
from ppkm_lang.syntax import ast
from ppkm_lang.diagnostics.codes import (
    DUPLICATE_DEFINITION, INVALID_LITERAL, MISPLACED_DECLARATION,
    MISSING_FIELD, PROVINCE_NEEDS_GAZETTEER, TYPE_MISMATCH, UNKNOWN_NAME, UNKNOWN_REGION
)


# The declarations lowered after the vocabulary, instruments and region sets, in file order.
_LATER = (ast.RuleDecl, ast.TableDecl, ast.InterpretationDecl, ast.ExampleDecl, ast.AssertDecl,
          ast.MonotoneDecl, ast.ReferenceDecl, ast.CoverageDecl)


def from_ast(modules: list[ast.Module], gazetteer: Gazetteer | None = None) -> tuple[Policy, list[Diagnostic]]:
    """The linked policy of `modules`, and every diagnostic of their declarations (the syntax
    stage's shape findings first)."""
    diags: list[Diagnostic] = [d for module in modules for d in module.diagnostics]
    named: dict[str, object] = {}
    for module in modules:
        for item in module.items:
            name = getattr(item, "name", None)
            if name is None or isinstance(item, ast.Import):
                continue
            if name in named:
                first = named[name]
                diags.append(Diagnostic(DUPLICATE_DEFINITION, f"`{name}` is defined twice", item.span, subject=name,
                                        related=_related(first.span, "first defined here")))
                continue
            named[name] = item

    policy = Policy(files=tuple(m.file for m in modules),
                    region_universe=frozenset(gazetteer.kabkota) if gazetteer else None)
    for item in named.values():
        if isinstance(item, ast.FactDecl):
            policy.facts[item.name] = Fact(item.name, lower_type(item.type, item.name, diags), item.doc,
                                           item.derived, item.span, _labels(item.labels), _member_labels(item.type))
            if item.type.kind == "text":
                diags.append(Diagnostic(TYPE_MISMATCH, f"fact `{item.name}` cannot be text; text is for measures",
                                        item.type.span, help="use an enum for a fact with named values"))
            elif item.type.kind == "window":
                diags.append(Diagnostic(TYPE_MISMATCH, f"fact `{item.name}` cannot be a window; windows are values of "
                                        "measures", item.type.span,
                                        help="declare a `time` fact and test it: `jam in [18:00, 00:00]`"))
        elif isinstance(item, ast.MeasureDecl):
            policy.measures[item.name] = Measure(item.name, lower_type(item.type, item.name, diags), item.doc,
                                                 item.span, _labels(item.labels), _member_labels(item.type))
        elif isinstance(item, ast.InstrumentDecl):
            inst = _instrument(item, diags)
            policy.instruments[inst.id] = inst

    file_instrument: dict[str, str | None] = {}
    for module in modules:
        own = [i for i in module.items if isinstance(i, ast.InstrumentDecl)
               and i.name in policy.instruments and not policy.instruments[i.name].external]
        for extra in own[1:]:
            diags.append(Diagnostic(MISPLACED_DECLARATION, f"a file declares at most one instrument; `{extra.name}` is the "
                                    f"second in {module.file}", extra.span, subject=extra.name,
                                    help="put each instrument and its rules in a file of its own"))
        file_instrument[module.file] = own[0].name if own else None
        for inst_name in [i.name for i in own]:
            policy.instruments[inst_name] = _with_file(policy.instruments[inst_name], module.file)

    resolver = _RegionResolver(gazetteer, diags)
    for item in named.values():
        if isinstance(item, ast.RegionSetDecl):
            policy.regionsets[item.name] = _regionset(item, resolver, diags)
    resolver.aliases = {region_key(m.text): region_key(m.official)
                        for rs in policy.regionsets.values() for m in rs.members}
    expanded = {name: _expand(name, policy.regionsets, set(), diags) for name in policy.regionsets}
    for name, members in expanded.items():
        policy.regionsets[name] = attrs.evolve(policy.regionsets[name], expanded=members)

    scope = Scope(policy.facts, set(policy.measures), expanded, resolver.resolve)
    ctx = lower_decls.Context(policy, scope, diags)
    for module in modules:
        ctx.instrument = file_instrument[module.file]
        for item in module.items:
            if isinstance(item, _LATER) and named.get(item.name) is item:
                ctx.lower(item)
            elif isinstance(item, ast.AllowDecl):
                ctx.allow(item)
    ctx.finish()
    return policy, diags


def _related(span, message) -> tuple[Related, ...]:
    return (Related(span, message),)


def _with_file(inst: Instrument, file: str) -> Instrument:
    return attrs.evolve(inst, file=file)


# ------------------------------------------------------------------ instruments


def citation(c: ast.CitationAst) -> Citation:
    return Citation(c.instrument, c.diktum, c.path, c.text, c.span)


def _parts(parts: tuple[ast.PartAst, ...]) -> tuple[Part, ...]:
    return tuple(Part(p.label, _parts(p.parts), p.span) for p in parts)


def _instrument(d: ast.InstrumentDecl, diags: list[Diagnostic]) -> Instrument:
    signed = _days(d.signed, d.name, diags)
    period = _days(d.in_force, d.name, diags)
    if period and period[0] > period[1]:
        diags.append(Diagnostic(INVALID_LITERAL, f"the in-force period of `{d.name}` ends before it starts",
                                d.in_force.span, subject=d.name))
        period = None
    first, last = period if period else (None, None)
    return Instrument(d.name, d.title, d.number, d.year, signed[0] if signed else None, first, last,
                      tuple(link.target.text for link in d.revokes), tuple(link.target.text for link in d.extends),
                      d.external, _parts(d.structure), d.doc, span=d.span, labels=_labels(d.labels))


def _labels(labels: ast.Labels | None) -> tuple[tuple[str, str], ...]:
    return labels.items if labels is not None else ()


def _member_labels(t: ast.TypeAst) -> tuple:
    """(member or group, labels) for each enum member and group that has labels."""
    items = [*t.groups, *t.members]
    return tuple((m.name, m.labels.items) for m in items if m.labels is not None)


def _days(field: ast.DateField | None, subject: str, diags: list[Diagnostic]) -> list[dt.date] | None:
    """The calendar days of a `signed` or `in_force` field; None (and a PPK209) when one is not."""
    if field is None:
        return None
    days = [parse_date(w.text) for w in field.days]
    if any(day is None for day in days):
        diags.append(Diagnostic(INVALID_LITERAL, "not a calendar date", field.span, subject=subject))
        return None
    return days


# ------------------------------------------------------------------ regions


class _RegionResolver:
    """Written kab/kota names -> region keys, checked against the gazetteer when there is one."""

    def __init__(self, gazetteer: Gazetteer | None, diags: list[Diagnostic]):
        self.gazetteer = gazetteer
        self.diags = diags
        self.aliases: dict[str, str] = {}

    def known(self, key: str) -> bool:
        return self.gazetteer is None or key in self.gazetteer.kabkota

    def unknown(self, text: str, lit_span, subject=None) -> Diagnostic:
        hint = None
        if self.gazetteer is not None:
            hint = did_you_mean(region_key(text), self.gazetteer.kabkota)
        return Diagnostic(UNKNOWN_REGION, f'"{text}" is not a kab/kota of the gazetteer', lit_span, subject=subject,
                          help=hint or "resolve the source's spelling: `\"as written\" = \"OFFICIAL NAME\" per ...`")

    def resolve(self, text: str, lit: ast.Lit) -> str:
        key = region_key(text)
        if self.known(key):
            return key
        if key in self.aliases:
            return self.aliases[key]
        raise CondError(self.unknown(text, lit.span))


def _regionset(d: ast.RegionSetDecl, resolver: _RegionResolver, diags: list[Diagnostic]) -> RegionSet:
    members = []
    for e in d.entries:
        if e.province:
            members += _province(e, resolver, d.name, diags)
            continue
        official = e.official if e.official is not None else e.text
        key = region_key(official)
        if not resolver.known(key):
            diags.append(resolver.unknown(official, e.span, subject=d.name))
            continue
        if e.official is not None and region_key(e.text) != key:
            if e.per is None:
                diags.append(Diagnostic(MISSING_FIELD, f'the spelling "{e.text}" is resolved to "{e.official}" '
                                        "without an interpretation", e.span, subject=d.name,
                                        help="say why with `per INTERPRETATION`"))
        members.append(RegionMember(e.text, key, e.per, tuple(citation(c) for c in e.cites), e.span))
    return RegionSet(d.name, d.title, tuple(members), tuple(n.text for n in d.includes),
                     tuple(n.text for n in d.per), d.span)


def _province(e: ast.RegionEntry, resolver: _RegionResolver, subject: str,
              diags: list[Diagnostic]) -> list[RegionMember]:
    """A whole province: its kab/kota from the gazetteer, which the repository never copies."""
    cites = tuple(citation(c) for c in e.cites)
    if resolver.gazetteer is None:
        diags.append(Diagnostic(PROVINCE_NEEDS_GAZETTEER, f'province "{e.text}" cannot be expanded: no gazetteer is configured, so '
                                f"`{subject}` lacks its kab/kota", e.span, subject=subject,
                                help="pass --gazetteer DIR, set PPKM_GAZETTEER, or set `gazetteer` in ppkm.toml"))
        return []
    keys = resolver.gazetteer.province_members(e.text)
    if keys is None:
        diags.append(Diagnostic(UNKNOWN_REGION, f'"{e.text}" is not a province of the gazetteer', e.span, subject=subject,
                                help=did_you_mean(e.text.upper(), resolver.gazetteer.provinces.values())))
        return []
    return [RegionMember(key, key, e.per, cites, e.span) for key in keys]


def _expand(name: str, sets: dict[str, RegionSet], seen: set[str], diags: list[Diagnostic]) -> frozenset[str]:
    if name in seen:
        return frozenset()
    seen.add(name)
    rs = sets[name]
    keys = {m.official for m in rs.members}
    for inc in rs.includes:
        if inc not in sets:
            diags.append(Diagnostic(UNKNOWN_NAME, f"unknown region set `{inc}`", rs.span, subject=name,
                                    help=did_you_mean(inc, sets)))
            continue
        keys |= _expand(inc, sets, seen, diags)
    return frozenset(keys)


__all__ = ["from_ast", "citation"]
