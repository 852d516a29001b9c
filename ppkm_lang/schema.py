"""The interface of a policy as data: the facts a question can give, the measures an answer
holds and the instruments, for tools that build forms or queries (`ppkm schema --format json`).

    {"version": 1, "facts": [{"name", "type", "values"? | "range"?, "ordered"? (enums: whether
                              the order of `values` may be compared), "groups"?, "unit", "doc",
                              "derived"}],
     "measures": [{"name", "type", ...}], "instruments": [{"id", "title", "in_force", "revokes"}]}
"""

from __future__ import annotations

from typing import Any

from ppkm_lang.diagnostics.render_json import jsonable
from ppkm_lang.ir.model import BOOL, DATE, ENUM, TIME, Fact, Instrument, Measure, Policy, Type, value_from_numeric

FORMAT_VERSION = 1


def schema_json(policy: Policy) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "facts": [_declaration(f, derived=f.derived) for f in policy.facts.values()],
        "measures": [_declaration(m) for m in policy.measures.values()],
        "instruments": [_instrument(i) for i in policy.instruments.values()],
    }


def _declaration(decl: Fact | Measure, *, derived: bool | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"name": decl.name}
    out.update(type_json(decl.type))
    out["doc"] = decl.doc
    if derived is not None:
        out["derived"] = derived
    return out


def type_json(t: Type) -> dict[str, Any]:
    """`type`, then `values` (enum, bool) or `range` (numeric kinds), `groups`, `unit`."""
    out: dict[str, Any] = {"type": t.kind}
    if t.kind == ENUM:
        out["values"] = list(t.values)
        out["ordered"] = t.ordered
        if t.groups:
            out["groups"] = {name: list(members) for name, members in t.groups}
    elif t.kind == BOOL:
        out["values"] = [True, False]
    elif t.is_numeric:
        out["range"] = [_bound(t.kind, t.lo), _bound(t.kind, t.hi)]
    out["unit"] = t.unit
    return out


def _bound(kind: str, x) -> Any:
    if x is None:
        return None
    if kind in (TIME, DATE):  # minutes and ordinals read back as "HH:MM" and ISO dates
        return value_from_numeric(kind, x).to_json()
    return jsonable(x)


def _instrument(inst: Instrument) -> dict[str, Any]:
    return {
        "id": inst.id,
        "title": inst.title,
        "in_force": [jsonable(inst.first), jsonable(inst.last)],
        "revokes": list(inst.revokes),
    }


__all__ = ["FORMAT_VERSION", "schema_json", "type_json"]
