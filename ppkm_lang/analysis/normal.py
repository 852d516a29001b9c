"""Conditions -> unions of boxes (a disjunctive normal form over per-dimension sets).

Because a box holds an arbitrary set per dimension, `x not in [1, 2]` or `zona != hijau` stay
one box; negation of a box is its complement, split into disjoint boxes one dimension at a time.
"""

from __future__ import annotations

from fractions import Fraction

from ppkm_lang.analysis.space import Box, DimSet, Space, iv_norm
from ppkm_lang.ir.model import And, Cond, Const, InSet, Interval, Not, Or, Test

# Past this many boxes the `or`-simplification (dropping boxes inside others) is skipped: it
# is quadratic and only makes messages shorter.
_SIMPLIFY_LIMIT = 64


def constraint_set(space: Space, fact: str, constraint) -> DimSet | None:
    """The set a test allows, inside the dimension; None when the test does not fit the
    dimension's kind (a type error reported elsewhere), which is then read as no constraint."""
    dim = space.dims[fact]
    if isinstance(constraint, InSet):
        if not dim.finite:
            return None
        values: set[str] = set()
        for v in constraint.values:
            if v in dim.full:
                values.add(v)
            elif dim.kind == "enum" and space.groups.get(fact, {}).get(v):
                values |= space.groups[fact][v]
        return frozenset(values) & dim.full
    if isinstance(constraint, Interval):
        if dim.finite:
            return None
        iv = iv_norm([(_frac(constraint.lo), constraint.lo_closed, _frac(constraint.hi),
                       constraint.hi_closed)], dim.integer)
        return space.intersect(fact, iv, dim.full)
    return None


def _frac(x):
    return None if x is None else Fraction(x)


class TooMany(Exception):
    """A condition's normal form would pass the limit given to `boxes`."""


def boxes(space: Space, cond: Cond, limit: int | None = None) -> list[Box]:
    """The union of boxes where `cond` holds. With `limit`, raises `TooMany` as soon as a step
    would hold more boxes than that (a product of disjunctions grows exponentially)."""
    if isinstance(cond, Const):
        return [{}] if cond.value else []
    if isinstance(cond, Test):
        if cond.fact not in space.dims:
            return [{}]
        s = constraint_set(space, cond.fact, cond.constraint)
        if s is None:
            return [{}]
        if not s:
            return []
        return [space.canonical({cond.fact: s})]
    if isinstance(cond, And):
        acc: list[Box] = [{}]
        for item in cond.items:
            part = boxes(space, item, limit)
            if limit is not None and len(acc) * len(part) > limit:
                raise TooMany
            acc = [b for x in acc for y in part if (b := space.box_intersect(x, y)) is not None]
            if not acc:
                return []
            acc = simplify(space, acc)
        return acc
    if isinstance(cond, Or):
        acc = []
        for item in cond.items:
            acc.extend(boxes(space, item, limit))
            if limit is not None and len(acc) > limit:
                raise TooMany
        return simplify(space, acc)
    if isinstance(cond, Not):
        return complement(space, boxes(space, cond.item, limit), limit)
    raise TypeError(f"not a condition: {cond!r}")


def complement(space: Space, union: list[Box], limit: int | None = None) -> list[Box]:
    acc: list[Box] = [{}]
    for b in union:
        acc = [piece for a in acc for piece in space.box_difference(a, b)]
        if not acc:
            return []
        if limit is not None and len(acc) > limit:
            raise TooMany
    return simplify(space, acc)


def simplify(space: Space, union: list[Box]) -> list[Box]:
    """Drop duplicate boxes and boxes inside another one."""
    if len(union) <= 1:
        return union
    if any(not b for b in union):
        return [{}]
    if len(union) > _SIMPLIFY_LIMIT:
        return union
    keep: list[Box] = []
    for i, b in enumerate(union):
        inside = False
        for j, other in enumerate(union):
            if i != j and space.box_contains(other, b) and (j < i or not space.box_contains(b, other)):
                inside = True
                break
        if not inside:
            keep.append(b)
    return keep


def merge(space: Space, union: list[Box], limit: int = 200) -> list[Box]:
    """Join boxes that differ in one dimension only, for shorter messages (the first `limit`
    boxes; the rest are dropped)."""
    union = list(union[:limit])
    changed = True
    while changed:
        changed = False
        i = 0
        while i < len(union):
            j = i + 1
            while j < len(union):
                a, b = union[i], union[j]
                differ = [d for d in set(a) | set(b) if a.get(d) != b.get(d)]
                if len(differ) == 1:
                    d = differ[0]
                    joined = space.union(d, a.get(d, space.full(d)), b.get(d, space.full(d)))
                    union[i] = space.canonical({**a, d: joined})
                    del union[j]
                    changed = True
                else:
                    j += 1
            i += 1
    return union
