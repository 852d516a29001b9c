"""The oracle of the SQL tests: what a row of the compiled query must hold, from the Python
evaluator (`Prepared.evaluate` with the row's present columns as the given facts), and random
typed rows that hit the boundaries the policy tests.

A definite answer gives its value and citation with status `ok`; anything else a NULL value and
its status (`undetermined` on a date with no instrument in force is `no_instrument`). A row with
a NULL cell is PPK603, an enum or region value that is no member (or a number outside its
fact's range) the code `Prepared.evaluate` raises; the first bad column wins, `at` first.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

from ppkm_lang.eval.inputs import FactParser, InputError, region_names
from ppkm_lang.ir.model import (BOOL, DATE, ENUM, INT, NUMBER, PERCENT, REGION, TIME, InSet, format_time, each_test)
from ppkm_lang.sql import ROW_MESSAGE, ROW_STATUS, input_columns, output_columns

NULL_CODE = "PPK603"


def python_row(value_kind: str, v):
    """A typed Python value as the SQL column holds it, from a `Value`."""
    if v is None:
        return None
    if value_kind in (NUMBER, PERCENT):
        return float(v.data)
    if value_kind == INT:
        return int(v.data)
    return v.data


def given_value(kind: str, x):
    """The Python value `Prepared.evaluate` is given for a typed cell."""
    if kind in (NUMBER, PERCENT):
        return Decimal(repr(x))
    if kind == TIME:
        return format_time(x) if 0 <= x <= 1440 else str(x)
    return x


def expected(prepared, row: dict, columns: list[str], targets: list[str]) -> dict:
    """The output cells (targets, their cites and statuses, row status) the query must give."""
    policy = prepared.policy
    out = {}
    blank = {c: None for t in targets for c in (t, t + "_cite", t + "_status")}
    if row["at"] is None:
        return {**blank, ROW_STATUS: NULL_CODE}
    facts = {}
    parser = _parser(policy)
    for c in sorted(columns, key=list(policy.facts).index):  # the query checks them in this order
        if row[c] is None:
            return {**blank, ROW_STATUS: NULL_CODE}
        facts[c] = given_value(policy.facts[c].type.kind, row[c])
        try:
            parser.parse(c, facts[c])
        except InputError as exc:
            return {**blank, ROW_STATUS: str(exc.code)}
    answer = prepared.evaluate(row["at"], facts)
    conflict = False
    for t in targets:
        ta = answer.target(t)
        if ta.status == "definite":
            out[t] = python_row(policy.output_type(t).kind, ta.value)
            out[t + "_cite"] = ta.cite
            out[t + "_status"] = "ok"
        else:
            out[t] = out[t + "_cite"] = None
            status = ta.status
            if status == "undetermined" and not answer.in_force:
                status = "no_instrument"
            out[t + "_status"] = status
            conflict |= status == "conflict"
    out[ROW_STATUS] = "no_instrument" if not answer.in_force else "conflict" if conflict else "ok"
    return out


_parsers: dict = {}


def _parser(policy) -> FactParser:
    hit = _parsers.get(id(policy))
    if hit is None or hit[0] is not policy:
        hit = _parsers[id(policy)] = (policy, FactParser(policy))
    return hit[1]


def compare(prepared, rows: list[dict], got: list[dict], columns: list[str], targets: list[str]) -> None:
    assert len(got) == len(rows)
    for row, cells in zip(rows, got):
        want = expected(prepared, row, columns, targets)
        have = {k: cells[k] for k in want}
        assert have == want, f"row {row}: " + ", ".join(
            f"{k}: sql {have[k]!r} != python {want[k]!r}" for k in want if have[k] != want[k])
        assert (cells[ROW_MESSAGE] is None) == (want[ROW_STATUS] == "ok"), (row, want[ROW_STATUS], cells[ROW_MESSAGE])


# ---------------------------------------------------------------------------- random rows



def boundaries(policy) -> dict[str, set]:
    """Per fact, the ends of the intervals the rules test (and the type's bounds)."""
    out: dict[str, set] = {}
    for rule in policy.rules.values():
        for t in each_test(rule.when):
            c = t.constraint
            if not isinstance(c, InSet):
                out.setdefault(t.fact, set()).update(x for x in (c.lo, c.hi) if x is not None)
    for name, fact in policy.facts.items():
        if fact.type.is_numeric:
            out.setdefault(name, set()).update(x for x in (fact.type.lo, fact.type.hi) if x is not None)
    return out


def day_points(prepared) -> list[dt.date]:
    days = {dt.date(2021, 7, 1)}
    for first, last, _ in prepared.periods():
        for d in (first, last):
            if d is not None:
                days.update({d - dt.timedelta(1), d, d + dt.timedelta(1)})
    return sorted(days)


def cell(policy, name: str, ends: dict, regions: list[str]):
    """A strategy for one typed cell of fact `name`: members, the boundaries of its tests and
    values just beside them (ends of the type's range included, so some are just outside)."""
    t = policy.facts[name].type
    kind = t.kind
    if kind == ENUM:
        return st.sampled_from(t.values)
    if kind == REGION:
        return st.sampled_from(regions)
    if kind == BOOL:
        return st.booleans()
    points = sorted(ends.get(name, set())) or [Fraction(0)]
    if kind in (INT, TIME, DATE):
        near = st.sampled_from(points).flatmap(lambda x: st.sampled_from([int(x) - 1, int(x), int(x) + 1]))
        if kind == DATE:
            near = near.map(dt.date.fromordinal)
        elif kind == TIME:
            near = near.map(lambda m: min(1440, max(0, m)))
        return near
    step = st.sampled_from([Fraction(0), Fraction(1, 10), Fraction(-1, 10), Fraction(1, 1000)])
    near = st.tuples(st.sampled_from(points), step).map(lambda p: float(p[0] + p[1]))
    return near


def bad_cell(policy, name: str):
    """NULL, or for an enum or region a value that is no member."""
    kind = policy.facts[name].type.kind if name in policy.facts else None
    if kind == ENUM:
        return st.sampled_from([None, "zzz"])
    if kind == REGION:
        return st.sampled_from([None, "KOTA ATLANTIS"])
    return st.just(None)


@st.composite
def rows(draw, prepared, columns: list[str], max_rows: int = 12):
    policy = prepared.policy
    ends = boundaries(policy)
    regions = sorted(region_names(policy))
    mentioned = sorted({v for r in policy.rules.values() for t in each_test(r.when) if isinstance(t.constraint, InSet)
                        and policy.facts.get(t.fact) is not None and policy.facts[t.fact].type.kind == REGION
                        for v in t.constraint.values})
    pool = (mentioned + regions[:3]) if mentioned else regions
    days = day_points(prepared)
    strategies = {c: cell(policy, c, ends, pool or ["KOTA A"]) for c in columns}
    n = draw(st.integers(1, max_rows))
    out = []
    for _ in range(n):
        row = {"at": draw(st.sampled_from(days)), **{c: draw(s) for c, s in strategies.items()}}
        # Now and then a row with one or two bad cells (NULL, or no member).
        for _ in range(draw(st.sampled_from([0, 0, 0, 0, 1, 1, 2]))):
            c = draw(st.sampled_from(["at", *columns]))
            row[c] = draw(bad_cell(policy, c))
        out.append(row)
    return out


def schema(prepared, columns, targets):
    return input_columns(prepared, columns), output_columns(prepared, columns, targets)


def sample_rows(prepared, columns: list[str], n: int, seed: int) -> list[dict]:
    """`n` rows drawn with a seeded generator from the same values as `rows` (a sample for the
    engines whose start-up is too slow for many hypothesis examples)."""
    import random

    rnd = random.Random(seed)
    policy = prepared.policy
    ends = boundaries(policy)
    regions = sorted(region_names(policy))
    days = day_points(prepared)

    def good(name: str):
        t = policy.facts[name].type
        if t.kind == ENUM:
            return rnd.choice(t.values)
        if t.kind == REGION:
            return rnd.choice(regions)
        if t.kind == BOOL:
            return rnd.random() < 0.5
        x = rnd.choice(sorted(ends.get(name, set())) or [Fraction(0)])
        if t.kind in (INT, TIME, DATE):
            x = int(x) + rnd.choice([-1, 0, 1])
            return dt.date.fromordinal(x) if t.kind == DATE else min(1440, max(0, x)) if t.kind == TIME else x
        return float(x + rnd.choice([Fraction(0), Fraction(1, 10), Fraction(-1, 10)]))

    out = []
    for i in range(n):
        row = {"at": rnd.choice(days), **{c: good(c) for c in columns}}
        if rnd.random() < 0.05:
            c = rnd.choice(["at", *columns])
            kind = policy.facts[c].type.kind if c in policy.facts else None
            row[c] = rnd.choice([None, "zzz"]) if kind in (ENUM, REGION) else None
        out.append(row)
    return out
