"""Policy -> JSON for the in-browser evaluator (`assets/cek.js`).

The export is the compiled policy, not its source: conditions in the IR's normal vocabulary
(`in` tests on sets, `iv` tests on intervals, `and`/`or`/`not`/`const`), rules with their
targets, overrides, instrument and citations, and each instrument's effective in-force
periods. Numbers are exact rationals written "n" or "n/d" in the fact's numeric encoding
(percent as percentage, time as minutes, date as proleptic ordinal), so the browser compares
them exactly as the evaluator does. Every list is in a fixed order, so two exports of one
policy are byte-identical.
"""

from __future__ import annotations

from fractions import Fraction

from ppkm_lang.docgen.applies import axes, primary_facts
from ppkm_lang.docgen.decisions import decision_lists
from ppkm_lang.docgen.sources import excerpt
from ppkm_lang.eval.inputs import region_names
from ppkm_lang.eval.results import cite_label
from ppkm_lang.ir.model import (BOOL, ENUM, REGION, TEXT, WINDOW, And, Citation, Cond, Const, InSet, Interval,
                                Not, Or, Policy, Test, Type, Value)
from ppkm_lang.source import SourceFile

FORMAT_VERSION = 2


def rational(x: Fraction | None) -> str | None:
    if x is None:
        return None
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def cond_json(cond: Cond) -> dict:
    if isinstance(cond, Const):
        return {"op": "const", "value": bool(cond.value)}
    if isinstance(cond, Test):
        c = cond.constraint
        if isinstance(c, InSet):
            return {"op": "in", "fact": cond.fact, "values": sorted(c.values)}
        if isinstance(c, Interval):
            return {"op": "iv", "fact": cond.fact, "lo": rational(c.lo), "loc": c.lo_closed,
                    "hi": rational(c.hi), "hic": c.hi_closed}
        raise TypeError(f"unknown constraint {c!r}")
    if isinstance(cond, And):
        return {"op": "and", "items": [cond_json(i) for i in cond.items]}
    if isinstance(cond, Or):
        return {"op": "or", "items": [cond_json(i) for i in cond.items]}
    if isinstance(cond, Not):
        return {"op": "not", "item": cond_json(cond.item)}
    raise TypeError(f"not a condition: {cond!r}")


def value_json(value: Value) -> dict:
    """`text` is what the page shows; `num` (numeric kinds) or `key` is what equality uses."""
    out: dict = {"kind": value.kind}
    if value.kind in (ENUM, TEXT, REGION, WINDOW):
        out["text"] = str(value.data)
        out["key"] = str(value.data)
    elif value.kind == BOOL:
        out["text"] = out["key"] = "true" if value.data else "false"
    else:
        out["text"] = str(value)
        out["num"] = rational(value.numeric())
    return out


def citation_json(c: Citation) -> dict:
    return {"instrument": c.instrument, "diktum": c.diktum, "path": list(c.path), "label": cite_label(c),
            "text": c.text}


def _labels(labels) -> dict:
    """{"label": {language: text}} when the item has labels (the page shows them instead of
    the identifier)."""
    return {"label": dict(labels)} if labels else {}


def type_json(t: Type, member_labels=()) -> dict:
    out: dict = {"kind": t.kind}
    if member_labels:
        out["labels"] = {m: dict(labels) for m, labels in member_labels}
    if t.values:
        out["values"] = list(t.values)
    if t.groups:
        out["groups"] = [[name, list(members)] for name, members in t.groups]
    if t.ordered:
        out["ordered"] = True
    if t.lo is not None:
        out["lo"] = rational(t.lo)
    if t.hi is not None:
        out["hi"] = rational(t.hi)
    if t.unit:
        out["unit"] = t.unit
    return out


def export(policy: Policy, sources: dict[str, SourceFile] | None = None) -> dict:
    """The JSON-ready export; with `sources`, each rule carries its text as written."""
    instruments = []
    for inst in policy.instruments.values():
        instruments.append({
            "id": inst.id, "title": inst.title, "external": inst.external,
            "signed": inst.signed.isoformat() if inst.signed else None,
            "periods": [[a.isoformat(), b.isoformat()] for a, b in policy.effective_periods(inst.id)],
            "revokes": list(inst.revokes), "extends": list(inst.extends), **_labels(inst.labels),
        })
    facts = [{"name": f.name, "type": type_json(f.type, f.member_labels), "doc": f.doc, "derived": f.derived,
              **_labels(f.labels)} for f in policy.facts.values()]
    measures = [{"name": m.name, "type": type_json(m.type, m.member_labels), "doc": m.doc, **_labels(m.labels)}
                for m in policy.measures.values()]
    rules = []
    for rule in policy.rules.values():
        rules.append({
            "id": rule.id, "title": rule.title, "instrument": rule.instrument, "when": cond_json(rule.when),
            "then": [{"target": a.target, "value": value_json(a.value)} for a in rule.then],
            "overrides": sorted(rule.overrides), "cites": [citation_json(c) for c in rule.cites],
            "per": list(rule.per), "table": rule.table, "row": rule.row,
            "source": excerpt(sources, rule.span) if sources else None,
        })
    interpretations = {i.name: {"title": i.title, "decision": i.decision}
                       for i in sorted(policy.interpretations.values(), key=lambda i: i.name)}
    regions = sorted(region_names(policy))
    return {
        "version": FORMAT_VERSION,
        "instruments": instruments,
        "facts": facts,
        "measures": measures,
        "rules": rules,
        "regions": regions,
        "interpretations": interpretations,
        "primary": primary_facts(policy),
        # What the interview asks first: the place and the activity.
        "place": next((n for n, f in policy.facts.items() if f.type.kind == REGION), None),
        "activity": axes(policy)[0],
        **decision_lists(policy, regions, value_json),
    }
