"""One analysis space for two policies, and their combined time line."""

from __future__ import annotations

import datetime as dt

import attrs

from ppkm_lang.analysis.prepare import build_space
from ppkm_lang.analysis.space import Space
from ppkm_lang.ir.model import Policy


def union_space(old: Policy, new: Policy) -> Space:
    """The space of a policy holding both sides' facts and conditions: a dimension for every fact
    either tests, and, for kab/kota, every name either knows. Where a fact is declared on both
    sides the new declaration is used (its type decides the dimension)."""
    if old is new:
        return build_space(old)
    universe = None
    if old.region_universe is not None or new.region_universe is not None:
        universe = frozenset(old.region_universe or ()) | frozenset(new.region_universe or ())
    both = attrs.evolve(
        new,
        facts={**old.facts, **new.facts},
        rules={**{f"old:{k}": r for k, r in old.rules.items()}, **{f"new:{k}": r for k, r in new.rules.items()}},
        coverages={**{f"old:{k}": c for k, c in old.coverages.items()},
                   **{f"new:{k}": c for k, c in new.coverages.items()}},
        assertions={}, monotones={},
        region_universe=universe)
    return build_space(both)


def cuts(policy: Policy) -> set[dt.date]:
    """The days on which the set of instruments in force may change."""
    out = set()
    for inst_id in policy.instruments:
        for a, b in policy.effective_periods(inst_id):
            out.add(a)
            if b < dt.date.max:
                out.add(b + dt.timedelta(days=1))
    return out


def pieces(*policies: Policy) -> list[tuple[dt.date | None, dt.date | None]]:
    """(first, last) days covering every date (None: unbounded), on each of which every policy
    keeps the same instruments in force."""
    edges = sorted(set().union(*(cuts(p) for p in policies)))
    out: list[tuple[dt.date | None, dt.date | None]] = []
    starts: list[dt.date | None] = [None, *edges]
    for i, first in enumerate(starts):
        last = edges[i] - dt.timedelta(days=1) if i < len(edges) else None
        out.append((first, last))
    return out


def probe(first: dt.date | None, last: dt.date | None) -> dt.date:
    """A day inside the piece."""
    if first is not None:
        return first
    if last is not None:
        return last
    return dt.date(2021, 1, 1)
