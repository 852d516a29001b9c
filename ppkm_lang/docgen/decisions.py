"""The residual engine's decision lists, per period of the policy's time line, for cek.js.

For each piece of `Prepared.periods()` (answers are alike on every day of a piece) and each
target, the residual with nothing given but the date: disjoint boxes over the input facts'
value classes, each with its outcome. The browser keeps the cases whose box holds the facts
a reader has given so far; what remains is the answer (one outcome: definite; several:
conditional) and the dimensions still in it are the questions worth asking.

Boxes are written compactly: a finite dimension as {"in": [members]}, a kab/kota dimension as
indices into the export's `regions` ({"ix": [...]}, or {"nx": [...]} for every kab/kota but
those), a numeric one as {"iv": [[lo, lo_closed, hi, hi_closed], ...]} with exact rationals
("n" or "n/d", null for no end). Outcomes are listed once and referred to by index.
"""

from __future__ import annotations

from ppkm_lang.analysis.space import NEG, POS, OTHER_REGION
from ppkm_lang.ir.model import REGION, Policy


def _rat(x) -> str | None:
    if x in (NEG, POS):
        return None
    from fractions import Fraction
    f = Fraction(x)
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def _set_json(dim, s, region_index: dict[str, int]) -> dict:
    if dim.finite:
        if dim.kind == REGION:
            # A kab/kota the dimension does not list is one of "any other kab/kota".
            other = OTHER_REGION in s
            inside = [i for r, i in region_index.items() if r in s or (other and r not in dim.full)]
            outside = [i for r, i in region_index.items() if not (r in s or (other and r not in dim.full))]
            if len(outside) < len(inside):
                return {"nx": outside, "other": other}
            return {"ix": inside, "other": other}
        return {"in": [v for v in dim.order if v in s] + sorted(set(s) - set(dim.order))}
    return {"iv": [[_rat(lo), bool(lc), _rat(hi), bool(hc)] for lo, lc, hi, hc in s]}


def decision_lists(policy: Policy, regions: list[str], value_json) -> dict:
    """{"outcomes": [...], "periods": [...], "derived": [...]} for `export`."""
    from ppkm_lang.api import Prepared
    prepared = Prepared.of(policy)
    space = prepared.space
    region_index = {r: i for i, r in enumerate(regions)}
    outcomes: list[dict] = []
    seen: dict[str, int] = {}

    def outcome_index(o) -> int:
        item: dict = {"k": o.kind, "r": list(o.rules)}
        if o.value is not None:
            item["v"] = value_json(o.value)
        if o.values:
            item["vs"] = [value_json(v) for v in o.values]
        import json
        key = json.dumps(item, sort_keys=True)
        if key not in seen:
            seen[key] = len(outcomes)
            outcomes.append(item)
        return seen[key]

    periods = []
    for first, last, in_force in prepared.periods():
        at = first or last
        if at is None:  # a policy with no dated instrument: one piece, any day
            import datetime as dt
            at = dt.date(2000, 1, 1)
        targets = {}
        for name, res in prepared.residuals(at, {}).items():
            targets[name] = [[{d: _set_json(space.dims[d], s, region_index) for d, s in sorted(box.items())},
                              outcome_index(o)] for box, o in res.cases]
        periods.append({"from": first.isoformat() if first else None, "to": last.isoformat() if last else None,
                        "in_force": list(in_force), "targets": targets})
    return {"outcomes": outcomes, "periods": periods, "derived": list(prepared.residual_engine.order)}
