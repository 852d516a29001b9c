"""Cell decomposition: split the space, one dimension at a time, into cells inside which the
same items (rule boxes, domain boxes) apply everywhere.

At a node, an item either covers the node on a dimension ("full") or not ("partial"). The
engine picks the dimension with the most partial items and cuts the node's set on it into
classes of values that the same items contain: for a finite dimension, members grouped by the
items containing them; for a numeric one, the elementary pieces between the sorted interval
ends (a sweep), grouped the same way. Each class becomes a child holding only the items that
contain it, now full on that dimension, so a path is at most one level per dimension and the
work grows with how the items overlap, not with the size of the domain. A node where every item
is full is a leaf: a cell of constant applicability.

The caller's `visit(node, items, leaf)` sees every node before it is split and returns whether
to go on; it prunes whole regions (nothing can conflict here, something covers all of it, ...).
Raising `Stop` ends the walk early.

`uncovered` is the question most checks ask of it: which part of a region do no boxes cover?
"""

from __future__ import annotations

import bisect
from typing import Callable, Iterable

from ppkm_lang.analysis.space import NEG, POS, Box, Space, iv_norm


class Stop(Exception):
    """Raised by a visitor that has found what it was looking for."""


class Item:
    __slots__ = ("box", "payload", "partial")

    def __init__(self, box: Box, payload, partial: frozenset):
        self.box = box
        self.payload = payload
        self.partial = partial

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Item({self.payload!r}, {sorted(self.partial)})"


Visit = Callable[[Box, list[Item], bool], bool]


def make_items(space: Space, pairs: Iterable[tuple[Box, object]], split_dims: frozenset | None = None,
               root: Box | None = None) -> list[Item]:
    out = []
    root = root or {}
    for box, payload in pairs:
        partial = []
        for d, s in box.items():
            if split_dims is not None and d not in split_dims:
                continue
            node_set = root.get(d, space.dims[d].full)
            if not space.subset(d, node_set, s):
                partial.append(d)
        out.append(Item(box, payload, frozenset(partial)))
    return out


def explore(space: Space, items: list[Item], visit: Visit, root: Box | None = None) -> None:
    try:
        _walk(space, root or {}, items, visit)
    except Stop:
        pass


DOMAIN, COVER = object(), object()  # payloads of `uncovered`


def uncovered(space: Space, domain: list[Box], covers: list[Box], limit: int | None = None) -> list[Box]:
    """Disjoint boxes whose union is (union of domain) minus (union of covers), in a stable
    order, at most `limit` of them."""
    items = make_items(space, [(b, DOMAIN) for b in domain] + [(b, COVER) for b in covers])
    cells: list[Box] = []

    def visit(node, items, leaf) -> bool:
        in_domain = False
        whole = False
        for it in items:
            if it.payload is COVER:
                if not it.partial:
                    return False
            else:
                in_domain = True
                whole = whole or not it.partial
        if not in_domain:
            return False
        if whole and all(it.payload is DOMAIN for it in items):
            cells.append(node)
            if limit is not None and len(cells) >= limit:
                raise Stop
            return False
        return True

    explore(space, items, visit)
    return cells


def _walk(space: Space, node: Box, items: list[Item], visit: Visit) -> None:
    counts: dict[str, int] = {}
    for it in items:
        for d in it.partial:
            counts[d] = counts.get(d, 0) + 1
    leaf = not counts
    if not visit(node, items, leaf) or leaf:
        return
    d = max(counts, key=lambda k: (counts[k], space.dims[k].finite, k))
    node_set = node.get(d, space.dims[d].full)
    full_items = [it for it in items if d not in it.partial]
    partial_items = [it for it in items if d in it.partial]
    if space.dims[d].finite:
        classes = _finite_classes(space, d, node_set, partial_items)
    else:
        classes = _numeric_classes(space, d, node_set, partial_items)
    for child_set, members in classes:
        child = dict(node)
        child[d] = child_set
        child_items = list(full_items)
        child_items.extend(Item(it.box, it.payload, it.partial - {d}) for it in members)
        _walk(space, child, child_items, visit)


def _finite_classes(space: Space, d: str, node_set: frozenset, partial_items: list[Item]):
    sig: dict[str, list[int]] = {}
    for i, it in enumerate(partial_items):
        s = it.box[d]
        for v in (s if len(s) <= len(node_set) else node_set):
            if v in s and v in node_set:
                sig.setdefault(v, []).append(i)
    groups: dict[tuple, list[str]] = {}
    for v in space.dims[d].order:
        if v in node_set:
            groups.setdefault(tuple(sig.get(v, ())), []).append(v)
    seen = set(space.dims[d].order)
    for v in sorted(node_set - seen):
        groups.setdefault(tuple(sig.get(v, ())), []).append(v)
    return [(frozenset(vals), [partial_items[i] for i in key]) for key, vals in groups.items()]


def _numeric_classes(space: Space, d: str, node_set: tuple, partial_items: list[Item]):
    integer = space.dims[d].integer
    ends = set()
    for lo, _, hi, _ in node_set:
        ends.add(lo)
        ends.add(hi)
    for it in partial_items:
        for lo, _, hi, _ in it.box[d]:
            ends.add(lo)
            ends.add(hi)
    ends.discard(NEG)
    ends.discard(POS)
    values = sorted(ends)
    m = len(values)
    # Atom 2k+1 is the point values[k]; atom 2k the open piece just below values[k]; atom 2m
    # the open piece above the last value.

    def atom_range(iv):
        lo, lc, hi, hc = iv
        start = 0 if lo == NEG else 2 * bisect.bisect_left(values, lo) + (1 if lc else 2)
        end = 2 * m if hi == POS else 2 * bisect.bisect_left(values, hi) + (1 if hc else 0)
        return start, end

    valid = bytearray(2 * m + 1)
    for iv in node_set:
        start, end = atom_range(iv)
        for a in range(start, end + 1):
            valid[a] = 1
    sig: dict[int, list[int]] = {}
    for i, it in enumerate(partial_items):
        for iv in it.box[d]:
            start, end = atom_range(iv)
            for a in range(start, end + 1):
                if valid[a]:
                    sig.setdefault(a, []).append(i)
    groups: dict[tuple, list[tuple]] = {}
    for a in range(2 * m + 1):
        if not valid[a]:
            continue
        if a % 2:
            x = values[a // 2]
            piece = (x, True, x, True)
        else:
            k = a // 2
            piece = (values[k - 1] if k > 0 else NEG, False, values[k] if k < m else POS, False)
            if integer and not iv_norm([piece], True):
                continue
        groups.setdefault(tuple(sig.get(a, ())), []).append(piece)
    return [(iv_norm(pieces, integer), [partial_items[i] for i in key]) for key, pieces in groups.items()]
