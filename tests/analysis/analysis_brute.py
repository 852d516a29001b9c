"""The brute-force oracle: the semantics of the analysis, evaluated point by point over a small
enumerated domain. It shares nothing with `ppkm_lang.analysis` but the IR, so the two can only
agree by both being right.

For each numeric fact the domain holds every bound the policy writes, a point between each two
consecutive bounds and points beyond the extremes (all integers for small int ranges), so every
region of the arrangement of the conditions has a representative.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from fractions import Fraction

from ppkm_lang.analysis.space import OTHER_REGION
from ppkm_lang.ir.model import (BOOL, ENUM, INT, PERCENT, REGION, TIME, And, Const, InSet, Interval, Not, Or,
                                Policy, Test)


def tests_of(cond):
    if isinstance(cond, Test):
        yield cond
    elif isinstance(cond, (And, Or)):
        for c in cond.items:
            yield from tests_of(c)
    elif isinstance(cond, Not):
        yield from tests_of(cond.item)


def all_conditions(policy: Policy):
    yield from (r.when for r in policy.rules.values())
    yield from (c.domain for c in policy.coverages.values())
    yield from (a.when for a in policy.assertions.values())
    yield from (m.when for m in policy.monotones.values())


def fact_domain(policy: Policy, name: str) -> list:
    fact = policy.facts[name]
    kind = fact.type.kind
    tests = [t for c in all_conditions(policy) for t in tests_of(c) if t.fact == name]
    if kind == ENUM:
        return list(fact.type.values)
    if kind == BOOL:
        return ["true", "false"]
    if kind == REGION:
        named = sorted({v for t in tests for v in t.constraint.values})
        return (sorted(policy.region_universe) if policy.region_universe is not None else named + [OTHER_REGION])
    lo, hi = fact.type.lo, fact.type.hi
    if kind == PERCENT:
        lo, hi = (Fraction(0) if lo is None else lo), (Fraction(100) if hi is None else hi)
    if kind == TIME:
        lo, hi = (Fraction(0) if lo is None else lo), (Fraction(1440) if hi is None else hi)
    bounds = {lo, hi} - {None}
    for t in tests:
        bounds |= {t.constraint.lo, t.constraint.hi} - {None}
    if kind in (INT, TIME) and lo is not None and hi is not None and hi - lo <= 50:
        return [Fraction(x) for x in range(int(lo), int(hi) + 1)]
    pts = sorted(bounds)
    cands = set(pts)
    cands |= {(a + b) / 2 for a, b in zip(pts, pts[1:])}
    if pts:
        cands |= {pts[0] - 1, pts[-1] + 1}
    else:
        cands.add(Fraction(0))
    if kind in (INT, TIME):
        cands = {Fraction(math.floor(c)) for c in cands} | {Fraction(math.ceil(c)) for c in cands}
    return sorted(c for c in cands if (lo is None or c >= lo) and (hi is None or c <= hi))


def periods(policy: Policy, instrument: str | None):
    """None: always; else a list of (first, last) dates."""
    if instrument is None:
        return None
    inst = policy.instruments.get(instrument)
    if inst is None or inst.external:
        return []
    return policy.effective_periods(instrument)


def days(policy: Policy) -> list[dt.date]:
    """One day per stretch of time in which the same instruments are in force: every first day,
    every day after a last day, and a day before them all."""
    starts = set()
    for i in policy.instruments:
        for a, b in policy.effective_periods(i):
            starts |= {a} | ({b + dt.timedelta(days=1)} if b < dt.date.max else set())
    if not starts:
        return [dt.date(2021, 7, 1)]
    before = [min(starts) - dt.timedelta(days=1)] if min(starts) > dt.date.min else []
    return before + sorted(starts)


def holds(cond, point) -> bool:
    if isinstance(cond, Const):
        return cond.value
    if isinstance(cond, Test):
        x = point[cond.fact]
        c = cond.constraint
        if isinstance(c, InSet):
            return x in c.values
        assert isinstance(c, Interval)
        if c.lo is not None and (x < c.lo or (x == c.lo and not c.lo_closed)):
            return False
        if c.hi is not None and (x > c.hi or (x == c.hi and not c.hi_closed)):
            return False
        return True
    if isinstance(cond, And):
        return all(holds(c, point) for c in cond.items)
    if isinstance(cond, Or):
        return any(holds(c, point) for c in cond.items)
    if isinstance(cond, Not):
        return not holds(cond.item, point)
    raise TypeError(cond)


def in_period(per, day) -> bool:
    return per is None or any(a <= day <= b for a, b in per)


class Oracle:
    def __init__(self, policy: Policy):
        self.policy = policy
        self.facts = sorted({t.fact for c in all_conditions(policy) for t in tests_of(c)}
                            | {m.over for m in policy.monotones.values()})
        self.domains = {f: fact_domain(policy, f) for f in self.facts}
        # Derived facts are computed from the inputs by their rules (which do not test derived
        # facts); only where those rules decide nothing is a derived fact free.
        self.derived = [f for f in self.facts if policy.facts[f].derived]
        self.inputs = [f for f in self.facts if f not in self.derived]
        self.days = days(policy)
        ids = list(policy.rules)
        reach = {r: self._reach(r) for r in ids}
        self.beats = {(a, b) for a in ids for b in reach[a] if a not in reach[b]}
        self.assigners: dict[str, list[str]] = {}
        self.value = {}
        for rid, rule in policy.rules.items():
            for a in rule.then:
                if (rid, a.target) not in self.value:
                    self.value[(rid, a.target)] = a.value
                    self.assigners.setdefault(a.target, []).append(rid)
        self.period = {rid: periods(policy, r.instrument) for rid, r in policy.rules.items()}

    def _reach(self, r):
        seen, todo = set(), [r]
        while todo:
            for o in self.policy.rules[todo.pop()].overrides:
                if o in self.policy.rules and o not in seen:
                    seen.add(o)
                    todo.append(o)
        return seen

    def points(self, facts=None):
        facts = self.facts if facts is None else facts
        for combo in itertools.product(*(self.domains[f] for f in facts)):
            yield dict(zip(facts, combo))

    def options(self, fact, point, day) -> list:
        """The values derived fact `fact` can take at the inputs `point` on `day`: the one its
        rules decide, or every value where they decide none (no rule applies, or a conflict)."""
        val = self.decided(fact, point, day)
        if val is None:
            return list(self.domains[fact])
        data = val.data
        return [("true" if data else "false") if isinstance(data, bool) else data]

    def feasible(self, day, facts=None):
        """The points that can occur on `day`: inputs (of `facts`), and each derived fact as
        its rules give it."""
        inputs = [f for f in (self.inputs if facts is None else facts) if f not in self.derived]
        for point in self.points(inputs):
            yield from self.complete(point, day)

    def complete(self, point, day):
        points = [dict(point)]
        for fact in self.derived:
            points = [{**p, fact: v} for p in points for v in
                      ([p[fact]] if fact in p else self.options(fact, p, day))]
        return points

    def applies(self, rid, point, day) -> bool:
        return in_period(self.period[rid], day) and holds(self.policy.rules[rid].when, point)

    def winners(self, target, point, day) -> list[str]:
        app = [r for r in self.assigners.get(target, []) if self.applies(r, point, day)]
        return [r for r in app if not any((o, r) in self.beats for o in app)]

    def decided(self, target, point, day):
        vals = {self.value[(r, target)] for r in self.winners(target, point, day)}
        return vals.pop() if len(vals) == 1 else None

    def clash(self, target, a, b) -> str | None:
        ra, rb = self.policy.rules[a], self.policy.rules[b]
        differ = self.value[(a, target)] != self.value[(b, target)]
        if ra.table is not None and ra.table == rb.table and ra.table in self.policy.tables:
            hit = self.policy.tables[ra.table].hit
            if hit == "unique":
                return "PPK302"
            if hit == "any":
                return "PPK302" if differ else None
        if not differ:
            return None
        fact = self.policy.facts.get(target)
        return "PPK305" if fact is not None and fact.derived else "PPK301"

    def _order(self, a, b):
        ids = list(self.policy.rules)
        return (a, b) if ids.index(a) < ids.index(b) else (b, a)

    # ------------------------------------------------------------------ findings

    def findings(self) -> dict[str, set]:
        rules = self.policy.rules
        out = {c: set() for c in ("PPK301", "PPK302", "PPK303", "PPK304", "PPK305", "PPK401", "PPK402",
                                  "PPK451", "PPK452")}
        applies_somewhere = set()
        decides = set()
        covs = {name: periods(self.policy, c.instrument) if c.instrument else self._any_period()
                for name, c in self.policy.coverages.items()}
        for day in self.days:
            for point in self.feasible(day):
                for rid in rules:
                    if self.applies(rid, point, day):
                        applies_somewhere.add(rid)
                for target in self.assigners:
                    win = sorted(self.winners(target, point, day), key=list(rules).index)
                    decides |= set(win)
                    for i, a in enumerate(win):
                        for b in win[i + 1:]:
                            code = self.clash(target, a, b)
                            if code:
                                out[code].add(frozenset((a, b)))
                for name, cov in self.policy.coverages.items():
                    if not (in_period(covs[name], day) and holds(cov.domain, point)):
                        continue
                    for o in cov.outputs:
                        if not any(self.applies(r, point, day) for r in self.assigners.get(o, [])):
                            fact = self.policy.facts.get(o)
                            out["PPK402" if fact is not None and fact.derived else "PPK401"].add((name, o))
                for a in self.policy.assertions.values():
                    if self.assertion_fails(a, point, day):
                        out["PPK451"].add(a.name)
        out["PPK304"] = set(rules) - applies_somewhere
        out["PPK303"] = {r for r in applies_somewhere if rules[r].then and r not in decides}
        for m in self.policy.monotones.values():
            if self.monotone_break(m) is not None:
                out["PPK452"].add(m.name)
        return out

    def _any_period(self):
        per = [p for i, inst in self.policy.instruments.items() if not inst.external
               for p in self.policy.effective_periods(i)]
        return per or None

    def assertion_fails(self, a, point, day, values=None) -> bool:
        if not holds(a.when, point):
            return False
        measures = [t.measure for t in (*a.lhs, *a.rhs) if t.measure]
        vals = {}
        for m in measures:
            v = self.decided(m, point, day)
            if v is None:
                return False
            vals[m] = v
        if values is not None:
            values.update(vals)

        def side(terms):
            return sum((t.sign * (vals[t.measure] if t.measure else t.value).numeric() for t in terms), Fraction(0))
        lhs, rhs = side(a.lhs), side(a.rhs)
        ok = {"==": lhs == rhs, "!=": lhs != rhs, "<": lhs < rhs, "<=": lhs <= rhs, ">": lhs > rhs,
              ">=": lhs >= rhs}[a.op]
        return not ok

    def monotone_break(self, m):
        """Other inputs fixed, and each derived fact free where its rules decide nothing (the
        same free value for every member of `over`); a derived `over` takes each of its values."""
        order = list(self.policy.facts[m.over].type.values)
        others = [f for f in self.facts if f != m.over]
        for point in self.points(others):
            for day in self.days:
                vals = []
                for v in order:
                    p = {f: x for f, x in point.items() if f not in self.derived}
                    p[m.over] = v
                    for fact in self.derived:
                        if fact == m.over:  # compared at each of its values, as written
                            continue
                        opts = self.options(fact, p, day)
                        p[fact] = opts[0] if len(opts) == 1 else point[fact]
                    if not holds(m.when, p):
                        continue
                    val = self.decided(m.measure, p, day)
                    if val is not None:
                        vals.append((v, val.numeric()))
                for i, (a, x) in enumerate(vals):
                    for b, y in vals[i + 1:]:
                        if (y > x) if m.direction == "nonincreasing" else (y < x):
                            return (point, day, a, b)
        return None
