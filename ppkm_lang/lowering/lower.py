"""Surface AST -> IR (`from_ast`): names resolved, types checked, tables lowered to rules.

The declarations of all modules share one namespace. Declarations are lowered in dependency
order (types, instruments, region sets, then everything that uses conditions); a declaration
with an error is left out of the IR, with its diagnostic, so later passes still see the rest.
"""

from __future__ import annotations

import datetime as dt

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.lowering import decls as lower_decls
from ppkm_lang.ir.model import (Citation, Fact, Instrument, Measure, Part, Policy, RegionMember,
                                RegionSet)
from ppkm_lang.lowering.conditions import Scope
from ppkm_lang.semantics.gazetteer import Gazetteer
from ppkm_lang.semantics.regions import region_key
from ppkm_lang.semantics.suggest import did_you_mean
from ppkm_lang.lowering.types import lower_type
from ppkm_lang.semantics.values import LiteralError, parse_date
from ppkm_lang.syntax import ast
from ppkm_lang.diagnostics.codes import (
    DUPLICATE_DEFINITION, DUPLICATE_FIELD, INVALID_LITERAL, MISPLACED_DECLARATION,
    MISSING_FIELD, PROVINCE_NEEDS_GAZETTEER, TYPE_MISMATCH, UNKNOWN_NAME, UNKNOWN_REGION
)


def from_ast(modules: list[ast.Module], gazetteer: Gazetteer | None = None) -> tuple[Policy, list[Diagnostic]]:
    diags: list[Diagnostic] = []
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
                                           item.derived, item.span)
            if item.type.kind == "text":
                diags.append(Diagnostic(TYPE_MISMATCH, f"fact `{item.name}` cannot be text; text is for measures",
                                        item.type.span, help="use an enum for a fact with named values"))
        elif isinstance(item, ast.MeasureDecl):
            policy.measures[item.name] = Measure(item.name, lower_type(item.type, item.name, diags), item.doc,
                                                 item.span)
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
        if isinstance(item, ast.Decl) and item.keyword == "regionset":
            policy.regionsets[item.name] = _regionset(item, resolver, diags)
    resolver.aliases = {region_key(m.text): region_key(m.official)
                        for rs in policy.regionsets.values() for m in rs.members}
    expanded = {name: _expand(name, policy.regionsets, set(), diags) for name in policy.regionsets}

    scope = Scope(policy.facts, set(policy.measures), expanded, resolver.resolve)
    ctx = lower_decls.Context(policy, scope, diags)
    for module in modules:
        ctx.instrument = file_instrument[module.file]
        for item in module.items:
            if isinstance(item, ast.Decl) and named.get(item.name) is item:
                ctx.lower(item)
            elif isinstance(item, ast.AllowDecl):
                ctx.allow(item)
    ctx.finish()
    return policy, diags


def _related(span, message):
    from ppkm_lang.diagnostics import Related
    return (Related(span, message),)


def _with_file(inst: Instrument, file: str) -> Instrument:
    import attrs
    return attrs.evolve(inst, file=file)


# ------------------------------------------------------------------ instruments


def citation(c: ast.CitationAst) -> Citation:
    return Citation(c.instrument, c.diktum, c.path, c.text, c.span)


def _parts(parts: tuple[ast.PartAst, ...]) -> tuple[Part, ...]:
    return tuple(Part(p.label, _parts(p.parts), p.span) for p in parts)


def _instrument(d: ast.InstrumentDecl, diags: list[Diagnostic]) -> Instrument:
    fields: dict[str, object] = {"revokes": [], "extends": []}
    for name, payload, span in d.fields:
        if name in ("revokes", "extends"):
            fields[name].append(payload[0].text)
            continue
        if name in fields:
            diags.append(Diagnostic(DUPLICATE_FIELD, f"`{name}` is given twice in instrument `{d.name}`", span,
                                    subject=d.name))
            continue
        if name == "number":
            fields["number"], fields["year"] = int(payload[0].text), int(payload[1].text)
        elif name in ("signed", "in_force"):
            days = [parse_date(w.text) for w in payload]
            if any(day is None for day in days):
                diags.append(Diagnostic(INVALID_LITERAL, "not a calendar date", span, subject=d.name))
                continue
            if name == "in_force" and days[0] > days[1]:
                diags.append(Diagnostic(INVALID_LITERAL, f"the in-force period of `{d.name}` ends before it starts",
                                        span, subject=d.name))
                continue
            fields[name] = days
        elif name == "external":
            fields["external"] = True
        elif name == "doc":
            fields["doc"] = payload[0].text
        elif name == "structure":
            fields["structure"] = _parts(payload)
    period = fields.get("in_force") or [None, None]
    external = bool(fields.get("external"))
    if not external and period[0] is None:
        diags.append(Diagnostic(MISSING_FIELD, f"instrument `{d.name}` has no `in_force` period", d.span,
                                subject=d.name, help="add `in_force FIRST to LAST` (both days inclusive)"))
    signed = fields.get("signed")
    return Instrument(d.name, d.title, fields.get("number"), fields.get("year"),
                      signed[0] if signed else None, period[0], period[1], tuple(fields["revokes"]),
                      tuple(fields["extends"]), external, fields.get("structure", ()), fields.get("doc"),
                      span=d.span)


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
        from ppkm_lang.lowering.conditions import CondError
        raise CondError(self.unknown(text, lit.span))


def _regionset(d: ast.Decl, resolver: _RegionResolver, diags: list[Diagnostic]) -> RegionSet:
    members, includes, per = [], [], []
    for name, payload, span in d.fields:
        if name == "entry" and payload.province:
            members += _province(payload, resolver, d.name, diags)
        elif name == "entry":
            e: ast.RegionEntry = payload
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
        elif name == "include":
            includes.append(payload[0].text)
        elif name == "per":
            per.append(payload[0].text)
    return RegionSet(d.name, d.title, tuple(members), tuple(includes), tuple(per), d.span)


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


__all__ = ["from_ast", "citation", "LiteralError", "dt"]
