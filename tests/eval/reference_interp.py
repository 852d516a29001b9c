"""A reference interpreter for the differential test: the semantics of dsl/reference.md written
as plainly as possible, walking the IR conditions directly on typed Values, with no compilation,
indexing, caching or encoding shared with ppkm_lang.eval.

- instruments in force: Policy.in_force(at); a rule of no instrument always applies;
- a fact's value: the given value, else (for a fact rules assign) the decision of its rules,
  computed on demand; a fact neither given nor decided is undetermined;
- conditions in three-valued logic: a test on an undetermined fact is unknown; a rule applies
  only when its condition is definitely true;
- for a target: applicable rules, minus those another applicable rule overrides (following
  `overrides` transitively) unless they override it back; equal values decide (the first such
  rule in policy order is the one reported), different values are a conflict.
"""

from __future__ import annotations

from ppkm_lang.ir.model import And, Const, InSet, Interval, Not, Or, Policy, Test, Value
from ppkm_lang.semantics.regions import region_key


def reaches(policy: Policy, src: str, dst: str) -> bool:
    seen, todo = set(), [src]
    while todo:
        cur = todo.pop()
        rule = policy.rules.get(cur)
        if rule is None:
            continue
        for nxt in rule.overrides:
            if nxt == dst:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def evaluate(policy: Policy, at, given: dict[str, Value]) -> dict:
    in_force = set(policy.in_force(at))
    active = [r for r in policy.rules.values() if r.instrument is None or r.instrument in in_force]
    memo: dict[str, tuple] = {}

    def value_of(name: str, visiting: frozenset):
        if name in given:
            return given[name]
        outcome = decide(name, visiting)
        return outcome[1] if outcome[0] == "decided" else None

    def holds(cond, visiting):
        if isinstance(cond, Const):
            return cond.value
        if isinstance(cond, Test):
            v = value_of(cond.fact, visiting)
            if v is None:
                return None
            c = cond.constraint
            if isinstance(c, InSet):
                if v.kind == "bool":
                    return ("true" if v.data else "false") in c.values
                if v.kind == "region":
                    return region_key(v.data) in {region_key(x) for x in c.values}
                return v.data in c.values
            assert isinstance(c, Interval)
            x = v.numeric()
            if c.lo is not None and (x < c.lo or (x == c.lo and not c.lo_closed)):
                return False
            if c.hi is not None and (x > c.hi or (x == c.hi and not c.hi_closed)):
                return False
            return True
        if isinstance(cond, Not):
            r = holds(cond.item, visiting)
            return None if r is None else not r
        if isinstance(cond, And):
            rs = [holds(c, visiting) for c in cond.items]
            if False in rs:
                return False
            return None if None in rs else True
        if isinstance(cond, Or):
            rs = [holds(c, visiting) for c in cond.items]
            if True in rs:
                return True
            return None if None in rs else False
        raise AssertionError(cond)

    def decide(target: str, visiting: frozenset):
        if target in memo:
            return memo[target]
        if target in visiting:
            return ("undetermined", None, None)
        inner = visiting | {target}
        app = []
        for r in active:
            for a in r.then:
                if a.target == target and holds(r.when, inner) is True:
                    app.append((r, a.value))
        if not app:
            out = ("undetermined", None, None)
        else:
            alive = [(r, v) for r, v in app
                     if not any(o is not r and reaches(policy, o.id, r.id) and not reaches(policy, r.id, o.id)
                                for o, _ in app)]
            values = {v for _, v in alive}
            if len(values) == 1:
                out = ("decided", alive[0][1], alive[0][0].id)
            else:
                out = ("conflict", None, frozenset(r.id for r, _ in alive))
        memo[target] = out
        return out

    derived = {name for r in policy.rules.values() for a in r.then for name in [a.target] if name in policy.facts}
    result = {"in_force": tuple(policy.in_force(at)), "measures": {}, "conflicts": {}, "undetermined": set(),
              "facts": {}}
    for name in sorted(derived):
        if name in given:
            continue
        kind, value, extra = decide(name, frozenset())
        result["facts"][name] = (value, extra if kind == "decided" else None)
        if kind == "conflict":
            result["conflicts"][name] = extra
    for name in policy.measures:
        kind, value, extra = decide(name, frozenset())
        if kind == "decided":
            result["measures"][name] = (value, extra)
        elif kind == "conflict":
            result["conflicts"][name] = extra
        else:
            result["undetermined"].add(name)
    return result


def from_decision(decision) -> dict:
    """The same shape, from a Decision of the compiled evaluator."""
    return {
        "in_force": decision.in_force,
        "measures": {n: (m.value, m.rule) for n, m in decision.measures.items()},
        "conflicts": {c.name: frozenset(x.rule for x in c.candidates) for c in decision.conflicts},
        "undetermined": {u.name for u in decision.undetermined},
        "facts": {n: (f.value, f.rule) for n, f in decision.facts.items() if not f.given},
    }
