"""Witnesses and readable regions.

A witness is one concrete fact combination, chosen the way a person would: the first enum
member in declaration order, a closed bound itself (exactly `5%` for the hole between `< 5%`
and `> 5%`), otherwise the first whole number inside, otherwise the shortest decimal inside.
Values are JSON-friendly, in the form `ppkm eval --facts` reads; the day is the key `at`.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction

from ppkm_lang.analysis.space import AT, NEG, OTHER_REGION, POS, Box, Dim, Space, iv_contains_point
from ppkm_lang.ir.model import BOOL, REGION, format_time, value_from_numeric


def nice_in(lo, lc, hi, hc, integer: bool):
    """A simple number in one interval."""
    if lo != NEG and lc:
        return lo
    if lo != NEG:
        n = math.floor(lo) + 1
        if n < hi or (hc and n == hi):
            return n
        if integer:
            return hi  # pragma: no cover - integer intervals are closed
        for k in range(1, 12):
            step = Fraction(1, 10 ** k)
            c = (math.floor(lo / step) + 1) * step
            if c < hi or (hc and c == hi):
                return c
        return (lo + hi) / 2 if hi != POS else lo + 1  # pragma: no cover - decimals are exact
    if hi == POS:
        return 0
    if hc:
        return hi
    return math.ceil(hi) - 1


def nice_point(dim: Dim, s):
    """A member of the set s of dimension dim (s not empty)."""
    if dim.finite:
        for v in dim.order:
            if v in s:
                return v
        return sorted(s)[0]
    return nice_in(*s[0], dim.integer)


def to_json(dim: Dim, x):
    if dim.name == AT:
        return dt.date.fromordinal(int(x)).isoformat()
    if dim.finite:
        if dim.kind == BOOL:
            return x == "true"
        return x
    return value_from_numeric(dim.kind, Fraction(x)).to_json()


def _raw(space: Space, d: str, value) -> object:
    """A derived fact's value as a coordinate of its dimension."""
    if space.dims[d].finite:
        data = value.data
        return ("true" if data else "false") if isinstance(data, bool) else data
    return value.numeric()


def _fit(space: Space, node: Box, box: Box, coords: dict) -> dict | None:
    """Coordinates to add to `coords` (all inside `node`) so that the point lies in `box`;
    None when no point of `node` that agrees with `coords` does."""
    extra = {}
    for d, s in box.items():
        dim = space.dims[d]
        if d in coords:
            x = coords[d]
            inside = x in s if dim.finite else iv_contains_point(s, x)
            if not inside:
                return None
            continue
        both = space.intersect(d, node.get(d, dim.full), s)
        if not both:
            return None
        extra[d] = nice_point(dim, both)
    return extra


def feasible_point(space: Space, node: Box, facts, derivations: dict, order, fixed: dict | None = None) -> dict:
    """A witness inside `node`, a region over the facts that can be given: the dimensions it
    narrows and the input facts of `facts`, each with a simple value, then every derived fact
    of `facts` (in the order of `order`) with the value its rules give at that point (the point is extended, inside
    `node`, by the facts a derivation needs). A derived fact its rules do not decide there is
    a free dimension: it keeps the node's value, if the node or `facts` names it. `fixed` gives
    some input coordinates (inside `node`) beforehand."""
    derived = set(derivations)
    names = list(dict.fromkeys([*sorted(d for d in node if d != AT),
                                *sorted(f for f in facts if f != AT and f not in derived)]))
    coords = {d: x for d, x in (fixed or {}).items() if d not in derived}
    coords.update({d: nice_point(space.dims[d], node.get(d, space.dims[d].full)) for d in names
                   if d in space.dims and d not in coords})
    at_set = node.get(AT)
    if AT not in coords and at_set is not None and at_set != space.dims[AT].full:
        coords[AT] = at_set[0][0] if at_set[0][1] else at_set[0][2]
    shown = set(coords)
    wanted = set(facts) | set(node)
    for fact in order:
        if fact in coords or fact not in wanted:
            continue
        deriv = derivations[fact]
        for box, value in [*deriv.cases, *((b, None) for b in deriv.free)]:
            extra = _fit(space, node, box, coords)
            if extra is None:
                continue
            coords.update(extra)
            shown.update(extra)
            if value is not None:
                coords[fact] = _raw(space, fact, value)
                shown.add(fact)
            elif fact in facts:
                coords[fact] = nice_point(space.dims[fact], node.get(fact, space.dims[fact].full))
                shown.add(fact)
            break
    inputs = [d for d in coords if d in shown and d not in derived and d != AT]
    out = {d: to_json(space.dims[d], coords[d]) for d in inputs}
    if AT in shown:
        out[AT] = to_json(space.dims[AT], coords[AT])
    for fact in order:
        if fact in shown:
            out[fact] = to_json(space.dims[fact], coords[fact])
    return out


def from_json(dim: Dim, x):
    """The coordinate of a witness value (the inverse of `to_json`)."""
    if dim.name == AT:
        return dt.date.fromisoformat(x).toordinal()
    if dim.finite:
        if dim.kind == BOOL:
            return "true" if x else "false"
        return x
    if dim.kind == "date":
        return dt.date.fromisoformat(x).toordinal()
    if dim.kind == "time":
        h, m = str(x).split(":")
        return int(h) * 60 + int(m)
    return Fraction(str(x))


def point(space: Space, node: Box, facts=()) -> dict:
    """A witness: the dimensions the node narrows plus `facts`, each with a simple value;
    `at` only when the node fixes the days."""
    out = {}
    names = list(dict.fromkeys([*sorted(d for d in node if d != AT), *sorted(f for f in facts if f != AT)]))
    for d in names:
        if d not in space.dims:
            continue
        dim = space.dims[d]
        out[d] = to_json(dim, nice_point(dim, node.get(d, dim.full)))
    at_set = node.get(AT)
    if at_set is not None and at_set != space.dims[AT].full:
        lo, lc, hi, hc = at_set[0]
        day = lo if lo != NEG else hi
        out[AT] = to_json(space.dims[AT], day)
    return out


# ---------------------------------------------------------------------------- readable regions


def value_text(dim: Dim, x) -> str:
    if dim.name == AT:
        return dt.date.fromordinal(int(x)).isoformat()
    if dim.finite:
        if dim.kind == REGION and x != OTHER_REGION:
            return f'"{x}"'
        return str(x)
    if dim.kind == "time":
        return format_time(int(x))
    return str(value_from_numeric(dim.kind, Fraction(x)))


def _interval_text(dim: Dim, name: str, iv) -> str:
    lo, lc, hi, hc = iv
    flo, _, fhi, _ = dim.full[0] if dim.full else (NEG, False, POS, False)
    if lo == hi:
        return f"{name} == {value_text(dim, lo)}"
    at_floor = lo == NEG or lo == flo
    at_ceiling = hi == POS or hi == fhi
    if at_floor and not at_ceiling:
        return f"{name} {'<=' if hc else '<'} {value_text(dim, hi)}"
    if at_ceiling and not at_floor:
        return f"{name} {'>=' if lc else '>'} {value_text(dim, lo)}"
    return f"{name} in {'[' if lc else '('}{value_text(dim, lo)}, {value_text(dim, hi)}{']' if hc else ')'}"


def dim_text(dim: Dim, s, wrap: bool = True) -> str:
    name = f"`{dim.name}`"
    if dim.name == AT:
        parts = []
        flo, _, fhi, _ = dim.full[0] if dim.full else (NEG, False, POS, False)
        for lo, _, hi, _ in s:
            if lo == hi:
                parts.append(f"on {value_text(dim, lo)}")
            elif lo in (NEG, flo):
                parts.append(f"until {value_text(dim, hi)}")
            elif hi in (POS, fhi):
                parts.append(f"from {value_text(dim, lo)}")
            else:
                parts.append(f"from {value_text(dim, lo)} to {value_text(dim, hi)}")
        return " or ".join(parts)
    if dim.finite:
        ordered = list(dict.fromkeys([*dim.order, *sorted(dim.full)]))
        members = [v for v in ordered if v in s]
        rest = [v for v in ordered if v not in s]
        if dim.kind == BOOL and len(members) == 1:
            return name if members[0] == "true" else f"not {name}"
        if len(members) == 1 and members[0] != OTHER_REGION:
            return f"{name} == {value_text(dim, members[0])}"
        # "Any other kab/kota" is never written inside braces: the set is said the other way.
        negate = OTHER_REGION in members or (OTHER_REGION not in rest and len(rest) < len(members))
        if negate and len(rest) == 1:
            return f"{name} != {value_text(dim, rest[0])}"
        shown = rest if negate else members
        listed = ", ".join(value_text(dim, v) for v in shown[:8])
        if len(shown) > 8:
            listed += f", ... ({len(shown)} values)"
        return f"{name} {'not in' if negate else 'in'} {{{listed}}}"
    parts = [_interval_text(dim, name, iv) for iv in s]
    if len(parts) == 1:
        return parts[0]
    return "(" + " or ".join(parts) + ")" if wrap else " or ".join(parts)


def box_text(space: Space, box: Box, context: Box | None = None) -> str:
    """`x` == 5% and `zona` in {a, b}; dimensions equal to the context's are left out."""
    context = context or {}
    shown = [d for d in sorted(box, key=lambda k: (k == AT, k)) if context.get(d) != box[d]]
    parts = [dim_text(space.dims[d], box[d], wrap=len(shown) > 1) for d in shown]
    return " and ".join(parts) if parts else "everywhere"


def union_text(space: Space, boxes: list[Box], context: Box | None = None, limit: int = 4,
               truncated: bool = False) -> str:
    """The union as a condition; `truncated` says the boxes are only the first ones found."""
    texts = [box_text(space, b, context) for b in boxes[:limit]]
    if len(boxes) > 1:
        texts = [f"({t})" if " and " in t or " or " in t else t for t in texts]
    text = " or ".join(texts)
    if truncated:
        text += " (and more regions)" if len(boxes) > limit else " (and more)"
    elif len(boxes) > limit:
        text += f" (and {len(boxes) - limit} more regions)"
    return text

