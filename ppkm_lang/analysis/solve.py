"""Questions on conditions decided without expanding them into boxes.

A condition such as `(a0 or b0) and ... and (a13 or b13)` is 2^14 boxes in disjunctive normal
form, though one split per term shows where it holds. Rules whose boxes would pass a limit
(`prepare.BOX_LIMIT`) are kept here as *formulas*: leaves `(dimension, set)` under `and`, `or`
and `not`, with derived facts already replaced by their derivations.

`search` looks for cells (boxes) where every formula of one list holds and every formula of
another fails, by recursive splitting: each formula is restricted to the current node (a leaf
whose set holds the node's set is true, one disjoint from it false); while the goal is still
open, the node is split on one of its leaves (the part inside the leaf's set first, then the
rest). A product of k disjunctions is decided in about k splits. Deciding such questions is
hard in general, so the search has a budget of nodes: past it, `Bounded` is raised and the
caller reports that the analysis stopped (never a result it did not establish).
"""

from __future__ import annotations

from ppkm_lang.analysis import normal
from ppkm_lang.analysis.derive import member
from ppkm_lang.analysis.space import Box, Space
from ppkm_lang.ir.model import And, Cond, Const, Not, Or, Test

TRUE_F = ("T",)
FALSE_F = ("F",)
BUDGET = 200_000  # nodes one search may visit


class Bounded(Exception):
    """A search passed its budget."""


def leaf(space: Space, d: str, s) -> tuple:
    if not s:
        return FALSE_F
    if s == space.dims[d].full:
        return TRUE_F
    return ("L", d, s)


def conj(items) -> tuple:
    out = []
    for f in items:
        if f is FALSE_F or f == FALSE_F:
            return FALSE_F
        if f == TRUE_F:
            continue
        out.extend(f[1] if f[0] == "A" else (f,))
    if not out:
        return TRUE_F
    return out[0] if len(out) == 1 else ("A", tuple(out))


def disj(items) -> tuple:
    out = []
    for f in items:
        if f == TRUE_F:
            return TRUE_F
        if f == FALSE_F:
            continue
        out.extend(f[1] if f[0] == "O" else (f,))
    if not out:
        return FALSE_F
    return out[0] if len(out) == 1 else ("O", tuple(out))


def neg(f) -> tuple:
    if f == TRUE_F:
        return FALSE_F
    if f == FALSE_F:
        return TRUE_F
    if f[0] == "N":
        return f[1]
    return ("N", f)


def of_box(space: Space, box: Box) -> tuple:
    return conj(leaf(space, d, s) for d, s in box.items())


def of_union(space: Space, union: list[Box]) -> tuple:
    return disj(of_box(space, b) for b in union)


def of_cond(space: Space, cond: Cond, derivations: dict) -> tuple:
    """The formula of a condition, with each test on a derived fact of `derivations` replaced
    by where its rules give it a tested value (or leave it free)."""
    if isinstance(cond, Const):
        return TRUE_F if cond.value else FALSE_F
    if isinstance(cond, Test):
        if cond.fact not in space.dims:
            return TRUE_F
        s = normal.constraint_set(space, cond.fact, cond.constraint)
        if s is None:
            return TRUE_F
        deriv = derivations.get(cond.fact)
        if deriv is None:
            return leaf(space, cond.fact, s)
        parts = [of_box(space, b) for b, v in deriv.cases if member(space, cond.fact, v, s)]
        parts += [conj((of_box(space, b), leaf(space, cond.fact, s))) for b in deriv.free]
        return disj(parts)
    if isinstance(cond, And):
        return conj(of_cond(space, c, derivations) for c in cond.items)
    if isinstance(cond, Or):
        return disj(of_cond(space, c, derivations) for c in cond.items)
    if isinstance(cond, Not):
        return neg(of_cond(space, cond.item, derivations))
    raise TypeError(f"not a condition: {cond!r}")


def restrict(space: Space, f: tuple, node: Box) -> tuple:
    """`f` on the points of `node`, with the leaves `node` decides replaced by their truth."""
    kind = f[0]
    if kind == "L":
        _, d, s = f
        n = node.get(d)
        if n is None:
            return f
        if space.subset(d, n, s):
            return TRUE_F
        if not space.intersect(d, n, s):
            return FALSE_F
        return f
    if kind == "A":
        return conj(restrict(space, x, node) for x in f[1])
    if kind == "O":
        return disj(restrict(space, x, node) for x in f[1])
    if kind == "N":
        return neg(restrict(space, f[1], node))
    return f


def _pick(f: tuple) -> tuple:
    while f[0] != "L":
        f = f[1][0] if f[0] in ("A", "O") else f[1]
    return f


def search(space: Space, pos, negs=(), root: Box | None = None, limit: int = 1,
           budget: int = BUDGET) -> list[Box]:
    """Disjoint cells inside `root` where every formula of `pos` holds and none of `negs` does,
    at most `limit` of them (all of them when fewer); raises `Bounded` past `budget` nodes."""
    goal = conj([*pos, *(neg(f) for f in negs)])
    cells: list[Box] = []
    # A subproblem is the open formula and the node's sets on the dimensions it still tests;
    # one that held no cell holds none when met again by another path (`f and not f` meets the
    # same rest of a product of disjunctions along every path).
    failed: set = set()
    stack: list = [(True, dict(root or {}), goal)]
    visited = 0
    while stack:
        entry = stack.pop()
        if not entry[0]:
            _, key, before = entry
            if len(cells) == before:
                failed.add(key)
            continue
        _, node, f = entry
        visited += 1
        if visited > budget:
            raise Bounded
        f = restrict(space, f, node)
        if f == FALSE_F:
            continue
        if f == TRUE_F:
            cells.append(space.canonical(node))
            if len(cells) >= limit:
                break
            continue
        tested = _dims(f)
        key = (f, tuple(sorted((d, s) for d, s in node.items() if d in tested)))
        if key in failed:
            continue
        stack.append((False, key, len(cells)))
        _, d, s = _pick(f)
        here = node.get(d, space.dims[d].full)
        inside = space.intersect(d, here, s)
        outside = space.intersect(d, here, space.complement(d, s))
        for part in (outside, inside):  # the stack pops the inside first
            if part:
                child = dict(node)
                child[d] = part
                stack.append((True, child, f))
    return cells


def _dims(f: tuple) -> set:
    out: set = set()
    todo = [f]
    while todo:
        g = todo.pop()
        if g[0] == "L":
            out.add(g[1])
        elif g[0] in ("A", "O"):
            todo.extend(g[1])
        elif g[0] == "N":
            todo.append(g[1])
    return out


__all__ = ["Bounded", "BUDGET", "TRUE_F", "FALSE_F", "leaf", "conj", "disj", "neg", "of_box", "of_union",
           "of_cond", "restrict", "search"]
