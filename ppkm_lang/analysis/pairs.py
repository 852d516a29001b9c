"""All pairs of intersecting boxes, without trying every pair: an index on one dimension
proposes candidates, a full box intersection confirms them.

The indexed dimension is the one expected to propose the fewest candidates: for a finite
dimension, boxes are bucketed by member (a pair is proposed once per shared member); for a
numeric one, a sweep over the interval ends proposes the pairs whose intervals overlap, as in
decision-table overlap detection. Boxes that leave the dimension open pair with every box.
"""

from __future__ import annotations

import heapq
from typing import Iterator

from ppkm_lang.analysis.space import Box, Space


def _estimate(space: Space, d: str, boxes: list[Box]) -> int:
    wild = sum(1 for b in boxes if d not in b)
    bound = len(boxes) - wild
    if space.dims[d].finite:
        counts: dict[str, int] = {}
        for b in boxes:
            for v in b.get(d, ()):
                counts[v] = counts.get(v, 0) + 1
        within = sum(c * (c - 1) // 2 for c in counts.values())
    else:
        within = 0
        ends = []
        for b in boxes:
            if d in b:
                for lo, lc, hi, hc in b[d]:
                    ends.append((lo, 0 if lc else 1, 1, hi, hc))
        # Proposals of the sweep: at each start, the intervals still open.
        ends.sort(key=lambda e: (e[0], e[1]))
        open_ends: list = []
        for lo, lc, _, hi, hc in ends:
            while open_ends and (open_ends[0][0] < lo or (open_ends[0][0] == lo and not (open_ends[0][1] and lc == 0))):
                heapq.heappop(open_ends)
            within += len(open_ends)
            heapq.heappush(open_ends, (hi, hc))
    return within + wild * bound + wild * (wild - 1) // 2


def _candidates(space: Space, d: str | None, boxes: list[Box]) -> Iterator[tuple[int, int]]:
    n = len(boxes)
    if d is None:
        for i in range(n):
            for j in range(i + 1, n):
                yield i, j
        return
    wild = [i for i, b in enumerate(boxes) if d not in b]
    bound = [i for i, b in enumerate(boxes) if d in b]
    for x, i in enumerate(wild):
        for j in wild[x + 1:]:
            yield i, j
        for j in bound:
            yield (i, j) if i < j else (j, i)
    seen: set[tuple[int, int]] = set()
    if space.dims[d].finite:
        buckets: dict[str, list[int]] = {}
        for i in bound:
            for v in boxes[i][d]:
                buckets.setdefault(v, []).append(i)
        for members in buckets.values():
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    if (i, j) not in seen:
                        seen.add((i, j))
                        yield i, j
        return
    pieces = sorted(((lo, not lc, hi, hc, i) for i in bound for lo, lc, hi, hc in boxes[i][d]),
                    key=lambda p: (p[0], p[1]))
    active: list = []  # heap of (hi, not hc, i)
    for lo, lo_open, hi, hc, i in pieces:
        while active and (active[0][0] < lo or (active[0][0] == lo and (active[0][1] or lo_open))):
            heapq.heappop(active)
        for _, _, j in active:
            pair = (i, j) if i < j else (j, i)
            if i != j and pair not in seen:
                seen.add(pair)
                yield pair
        heapq.heappush(active, (hi, not hc, i))


def overlapping(space: Space, boxes: list[Box], wanted=None) -> Iterator[tuple[int, int, Box]]:
    """(i, j, overlap) for every i < j whose boxes intersect and for which `wanted(i, j)` (a
    cheap filter, checked before the intersection) holds."""
    if len(boxes) < 2:
        return
    dims = {d for b in boxes for d in b}
    best, best_cost = None, len(boxes) * (len(boxes) - 1) // 2
    for d in sorted(dims):
        cost = _estimate(space, d, boxes)
        if cost < best_cost:
            best, best_cost = d, cost
    for i, j in _candidates(space, best, boxes):
        if wanted is not None and not wanted(i, j):
            continue
        overlap = space.box_intersect(boxes[i], boxes[j])
        if overlap is not None:
            yield i, j, overlap
