"""The fact space: one dimension per fact tested anywhere, plus the date `at`; per-dimension
value sets and boxes (products of per-dimension sets).

A finite dimension (enum, bool, region) holds a frozenset of member names. A numeric dimension
holds an *interval set*: a sorted tuple of disjoint, non-touching intervals
`(lo, lo_closed, hi, hi_closed)` with exact `Fraction` (or `int`) ends and float infinities for
a missing end. Integer dimensions (int, time of day in minutes, dates as ordinals, `at`) keep
closed integer ends only, so `(5, 6)` is empty there and `[1, 2] | [3, 4]` is `[1, 4]`. Both
forms are canonical: equal sets have equal representations.

A box is a dict from dimension name to set, holding only the dimensions it narrows; an absent
dimension is the whole dimension. Boxes are treated as immutable.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Iterable, Union

import attrs

NEG = float("-inf")
POS = float("inf")

Interval = tuple  # (lo, lo_closed, hi, hi_closed)
IvSet = tuple  # tuple[Interval, ...]
DimSet = Union[frozenset, IvSet]
Box = dict

AT = "at"  # the implicit date dimension: the day the question is asked about
OTHER_REGION = "(any other kab/kota)"


@attrs.frozen
class Dim:
    name: str
    kind: str  # the fact's type kind, or "date" for `at`
    finite: bool
    integer: bool = False
    full: DimSet = frozenset()
    order: tuple[str, ...] = ()  # finite members in the order witnesses prefer


# ---------------------------------------------------------------------------- interval sets


def _int_bounds(lo, lc, hi, hc):
    if lo not in (NEG, POS):
        lo = math.ceil(lo) if lc else math.floor(lo) + 1
    if hi not in (NEG, POS):
        hi = math.floor(hi) if hc else math.ceil(hi) - 1
    return lo, lo not in (NEG, POS), hi, hi not in (NEG, POS)


def iv_norm(intervals: Iterable[Interval], integer: bool) -> IvSet:
    """Canonical form: empty pieces dropped, sorted, overlapping or touching pieces merged."""
    pieces = []
    for lo, lc, hi, hc in intervals:
        if lo is None:
            lo, lc = NEG, False
        if hi is None:
            hi, hc = POS, False
        if integer:
            lo, lc, hi, hc = _int_bounds(lo, lc, hi, hc)
        else:
            # Whole numbers as ints: they compare far faster than Fractions, and equal them.
            if type(lo) is Fraction and lo.denominator == 1:
                lo = lo.numerator
            if type(hi) is Fraction and hi.denominator == 1:
                hi = hi.numerator
        if lo == NEG:
            lc = False
        if hi == POS:
            hc = False
        if lo > hi or (lo == hi and not (lc and hc)):
            continue
        pieces.append((lo, lc, hi, hc))
    if len(pieces) <= 1:
        return tuple(pieces)
    pieces.sort(key=lambda p: (p[0], not p[1]))
    out = [pieces[0]]
    for lo, lc, hi, hc in pieces[1:]:
        clo, clc, chi, chc = out[-1]
        touches = lo < chi or (lo == chi and (chc or lc)) or (integer and lo == chi + 1)
        if touches:
            if hi > chi or (hi == chi and hc and not chc):
                out[-1] = (clo, clc, hi, hc)
        else:
            out.append((lo, lc, hi, hc))
    return tuple(out)


def iv_intersect(a: IvSet, b: IvSet) -> IvSet:
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        alo, alc, ahi, ahc = a[i]
        blo, blc, bhi, bhc = b[j]
        if alo > blo or (alo == blo and not alc):
            lo, lc = alo, alc
        else:
            lo, lc = blo, blc
        if ahi < bhi or (ahi == bhi and not ahc):
            hi, hc = ahi, ahc
        else:
            hi, hc = bhi, bhc
        if lo < hi or (lo == hi and lc and hc):
            out.append((lo, lc, hi, hc))
        if ahi < bhi or (ahi == bhi and not ahc and bhc):
            i += 1
        else:
            j += 1
    return tuple(out)


def iv_complement(a: IvSet, integer: bool) -> IvSet:
    out = []
    lo, lc = NEG, False
    for plo, plc, phi, phc in a:
        out.append((lo, lc, plo, not plc))
        lo, lc = phi, not phc
    out.append((lo, lc, POS, False))
    return iv_norm(out, integer)


def iv_contains_point(a: IvSet, x) -> bool:
    for lo, lc, hi, hc in a:
        if (lo < x or (lc and lo == x)) and (x < hi or (hc and x == hi)):
            return True
    return False


def iv_subset(a: IvSet, b: IvSet) -> bool:
    """a is inside b."""
    j = 0
    for lo, lc, hi, hc in a:
        while j < len(b) and (b[j][2] < lo or (b[j][2] == lo and not (b[j][3] and lc))):
            j += 1
        if j == len(b):
            return False
        blo, blc, bhi, bhc = b[j]
        if blo > lo or (blo == lo and lc and not blc):
            return False
        if bhi < hi or (bhi == hi and hc and not bhc):
            return False
    return True


# ---------------------------------------------------------------------------- the space


class Space:
    """The dimensions of one policy and the set and box operations over them."""

    def __init__(self, dims: dict[str, Dim], groups: dict[str, dict[str, frozenset]] | None = None):
        self.dims = dims
        self.groups = groups or {}  # enum groups per fact, for sets that name a group

    def full(self, d: str) -> DimSet:
        return self.dims[d].full

    def intersect(self, d: str, a: DimSet, b: DimSet) -> DimSet:
        if self.dims[d].finite:
            return a & b
        return iv_intersect(a, b)

    def complement(self, d: str, a: DimSet) -> DimSet:
        dim = self.dims[d]
        if dim.finite:
            return dim.full - a
        return iv_intersect(iv_complement(a, dim.integer), dim.full)

    def union(self, d: str, a: DimSet, b: DimSet) -> DimSet:
        dim = self.dims[d]
        if dim.finite:
            return a | b
        return iv_norm(a + b, dim.integer)

    def subset(self, d: str, a: DimSet, b: DimSet) -> bool:
        if self.dims[d].finite:
            return a <= b
        return iv_subset(a, b)

    # ------------------------------------------------------------------------ boxes

    def narrow(self, box: Box, d: str, s: DimSet) -> Box | None:
        """box with dimension d intersected with s; None when that is empty."""
        cur = box.get(d)
        new = s if cur is None else self.intersect(d, cur, s)
        if not new:
            return None
        if cur is None and new == self.dims[d].full:
            return box
        out = dict(box)
        out[d] = new
        return out

    def box_intersect(self, a: Box, b: Box) -> Box | None:
        if len(a) < len(b):
            a, b = b, a
        out = dict(a)
        for d, s in b.items():
            cur = out.get(d)
            if cur is None:
                out[d] = s
            else:
                new = self.intersect(d, cur, s)
                if not new:
                    return None
                out[d] = new
        return out

    def box_contains(self, outer: Box, inner: Box) -> bool:
        for d, s in outer.items():
            t = inner.get(d)
            if t is None:
                t = self.dims[d].full
            if not self.subset(d, t, s):
                return False
        return True

    def box_difference(self, a: Box, b: Box) -> list[Box]:
        """a minus b as disjoint boxes."""
        if self.box_intersect(a, b) is None:
            return [a]
        out = []
        rest = a
        for d, s in b.items():
            cur = rest.get(d, self.dims[d].full)
            outside = self.intersect(d, cur, self.complement(d, s))
            if outside:
                piece = dict(rest)
                piece[d] = outside
                out.append(piece)
            inside = self.intersect(d, cur, s)
            rest = dict(rest)
            rest[d] = inside
        return out

    def canonical(self, box: Box) -> Box:
        """Drop dimensions equal to the whole dimension."""
        return {d: s for d, s in box.items() if s != self.dims[d].full}

