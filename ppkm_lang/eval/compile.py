"""IR conditions -> Python closures, rule indexes and per-fact value classes.

A compiled condition takes the environment (fact name -> encoded value, or `U` when the fact is
undetermined) and answers True, False or None (unknown) in Kleene's three-valued logic: a test
on an undetermined fact is unknown, `not unknown` is unknown, `false and unknown` is false and
`true or unknown` is true. A rule applies only when its condition is True, so a rule whose
answer depends on an undetermined fact never applies. No AST is walked at query time.

Two compile-time tables make queries cheap:
- a rule index per set of rules: the enum, bool and region tests each rule makes at the top of
  its condition index the rules by value (a bitset per fact and value), so a query only runs
  the conditions of rules whose top-level tests its facts pass;
- a value class per fact: values that pass exactly the same tests in the whole policy are one
  class (interval breakpoints for numbers, membership signatures for sets). A decision depends
  only on the classes of the facts, which makes it safe to cache decisions per class tuple.
"""

from __future__ import annotations

from bisect import bisect_left
from fractions import Fraction
from typing import Any, Callable

from ppkm_lang.ir.model import And, Cond, Const, InSet, Interval, Not, Or, Test


class _Undetermined:
    __slots__ = ()

    def __repr__(self) -> str:
        return "U"

    def __reduce__(self):
        return "U"


U = _Undetermined()  # the value of a fact that is neither given nor decided

Compiled = Callable[[dict], Any]  # env -> True | False | None


def _n(x: Fraction | None):
    if x is None:
        return None
    return x.numerator if x.denominator == 1 else x


def inset_values(fact_kind: str | None, values) -> frozenset:
    """The encoded members of a set test. Region tests hold official names already (lowering
    resolved them), so nothing is normalised here."""
    return values if isinstance(values, frozenset) else frozenset(values)


def compile_cond(cond: Cond, kinds: dict[str, str]) -> Compiled:
    """A closure for `cond`; `kinds` maps each fact to its type kind."""
    if isinstance(cond, Const):
        value = cond.value
        return lambda env: value
    if isinstance(cond, Test):
        return _compile_test(cond, kinds)
    if isinstance(cond, Not):
        inner = compile_cond(cond.item, kinds)

        def not_(env):
            r = inner(env)
            return None if r is None else not r
        return not_
    if isinstance(cond, And):
        return _and(tuple(compile_cond(c, kinds) for c in cond.items))
    if isinstance(cond, Or):
        return _or(tuple(compile_cond(c, kinds) for c in cond.items))
    raise TypeError(f"not a condition: {cond!r}")


def _compile_test(test: Test, kinds: dict[str, str]) -> Compiled:
    f = test.fact
    c = test.constraint
    kind = kinds.get(f)
    if isinstance(c, InSet):
        values = inset_values(kind, c.values)

        def in_set(env):
            x = env[f]
            if x in values:
                return True
            return None if x is U else False
        return in_set
    if kind is None or kind not in ("int", "number", "percent", "time", "date"):
        # An interval on a non-numeric fact cannot hold (the checker reports the type error).
        return lambda env: None if env[f] is U else False
    lo, hi = _n(c.lo), _n(c.hi)
    if lo is None and hi is None:
        return lambda env: None if env[f] is U else True
    if lo is None:
        if c.hi_closed:
            return lambda env: None if (x := env[f]) is U else x <= hi
        return lambda env: None if (x := env[f]) is U else x < hi
    if hi is None:
        if c.lo_closed:
            return lambda env: None if (x := env[f]) is U else x >= lo
        return lambda env: None if (x := env[f]) is U else x > lo
    if c.lo_closed and c.hi_closed:
        return lambda env: None if (x := env[f]) is U else lo <= x <= hi
    if c.lo_closed:
        return lambda env: None if (x := env[f]) is U else lo <= x < hi
    if c.hi_closed:
        return lambda env: None if (x := env[f]) is U else lo < x <= hi
    return lambda env: None if (x := env[f]) is U else lo < x < hi


def _and(items: tuple[Compiled, ...]) -> Compiled:
    if not items:
        return lambda env: True
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        a, b = items

        def and2(env):
            x = a(env)
            if x is False:
                return False
            y = b(env)
            if y is False:
                return False
            return True if (x is True and y is True) else None
        return and2

    def and_(env):
        unknown = False
        for c in items:
            r = c(env)
            if r is False:
                return False
            if r is None:
                unknown = True
        return None if unknown else True
    return and_


def _or(items: tuple[Compiled, ...]) -> Compiled:
    if not items:
        return lambda env: False
    if len(items) == 1:
        return items[0]

    def or_(env):
        unknown = False
        for c in items:
            r = c(env)
            if r is True:
                return True
            if r is None:
                unknown = True
        return None if unknown else False
    return or_


# ------------------------------------------------------------------------- rule index


def top_level_sets(cond: Cond, kinds: dict[str, str], finite: set[str]) -> dict[str, frozenset]:
    """Sets a finite fact must be in for `cond` to be True: the InSet tests among the top-level
    conjuncts (and disjunctions of tests of one fact). Sound for indexing: a value outside the
    set, or an undetermined fact, makes the condition not True."""
    out: dict[str, frozenset] = {}
    items = cond.items if isinstance(cond, And) else (cond,)
    for item in items:
        found = _set_of(item, kinds, finite)
        if found is None:
            continue
        fact, values = found
        out[fact] = out[fact] & values if fact in out else values
    return out


def _set_of(cond: Cond, kinds, finite) -> tuple[str, frozenset] | None:
    if isinstance(cond, Test) and isinstance(cond.constraint, InSet) and cond.fact in finite:
        return cond.fact, inset_values(kinds.get(cond.fact), cond.constraint.values)
    if isinstance(cond, Or) and cond.items:
        parts = [_set_of(c, kinds, finite) for c in cond.items]
        if all(p is not None for p in parts) and len({p[0] for p in parts}) == 1:
            return parts[0][0], frozenset().union(*(p[1] for p in parts))
    return None


class RuleIndex:
    """A table per fact of the rules a value lets through, as bitsets over the rules.

    For each finite fact that some rule tests at the top of its condition, each value maps to
    the set of rules that either do not test the fact there or accept the value; an
    undetermined value lets through only the rules that do not test the fact. The candidates
    of a query are the intersection over the facts: every rule whose top-level tests its facts
    pass, in rule order. Only those rules' conditions are run."""

    __slots__ = ("rules", "all", "tables", "cache")

    def __init__(self, rules: list, indexes: dict[int, dict[str, frozenset]]):
        self.rules = tuple(rules)
        self.all = (1 << len(self.rules)) - 1
        facts: dict[str, None] = {}
        for r in self.rules:
            facts.update(dict.fromkeys(indexes[r.idx]))
        tables = []
        for f in facts:
            free = 0
            by_value: dict = {}
            for bit, r in enumerate(self.rules):
                allowed = indexes[r.idx].get(f)
                if allowed is None:
                    free |= 1 << bit
                else:
                    for v in allowed:
                        by_value[v] = by_value.get(v, 0) | (1 << bit)
            table = {v: m | free for v, m in by_value.items()}
            selectivity = sum(bin(m).count("1") for m in table.values()) / max(1, len(table))
            tables.append((selectivity, f, table, free))
        tables.sort(key=lambda t: t[0])  # the most selective first, so the intersection empties early
        self.tables = tuple((f, table, free) for _, f, table, free in tables)
        self.cache: dict[int, tuple] = {}

    def candidates(self, env: dict) -> tuple:
        mask = self.all
        for f, table, free in self.tables:
            mask &= table.get(env[f], free)
            if not mask:
                return ()
        hit = self.cache.get(mask)
        if hit is None:
            hit = tuple(r for bit, r in enumerate(self.rules) if mask >> bit & 1)
            if len(self.cache) < 1 << 16:
                self.cache[mask] = hit
        return hit


# ------------------------------------------------------------------------- value classes


def collect_constraints(cond: Cond, out: dict[str, list]) -> None:
    if isinstance(cond, Test):
        out.setdefault(cond.fact, []).append(cond.constraint)
    elif isinstance(cond, (And, Or)):
        for c in cond.items:
            collect_constraints(c, out)
    elif isinstance(cond, Not):
        collect_constraints(cond.item, out)


def classifier(kind: str | None, constraints: list, domain) -> Callable[[Any], Any]:
    """A function from an encoded value to its class: two values of one class pass exactly the
    same `constraints`. `U` is a class of its own."""
    sets = [inset_values(kind, c.values) for c in constraints if isinstance(c, InSet)]
    points = sorted({_n(b) for c in constraints if isinstance(c, Interval) for b in (c.lo, c.hi)
                     if b is not None})
    if kind in ("int", "number", "percent", "time", "date"):
        def numeric_class(x, points=points):
            if x is U:
                return -1
            i = bisect_left(points, x)
            return 2 * i + 1 if i < len(points) and points[i] == x else 2 * i
        return numeric_class
    table: dict = {U: -1}
    signatures: dict[tuple, int] = {}
    for v in domain:
        sig = tuple(v in s for s in sets)
        table[v] = signatures.setdefault(sig, len(signatures))
    other = signatures.setdefault(tuple(False for _ in sets), len(signatures))
    get = table.get
    return lambda x: get(x, other)


class Lazy(dict):
    """A mapping whose values are made on first lookup, for the keys of `names` only."""

    def __init__(self, make, names):
        super().__init__()
        self._make, self._names = make, frozenset(names)

    def __contains__(self, key) -> bool:
        return key in self._names

    def __missing__(self, key):
        if key not in self._names:
            raise KeyError(key)
        value = self[key] = self._make(key)
        return value


__all__ = ["U", "Lazy", "Compiled", "inset_values", "compile_cond", "top_level_sets", "RuleIndex",
           "collect_constraints", "classifier"]
