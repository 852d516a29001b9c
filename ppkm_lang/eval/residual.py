"""The residual engine: partial evaluation of a policy on a date with some facts given.

For each target (measure or derived fact) it yields the *cases* over the facts that are still
unknown: disjoint boxes, each with an outcome (a value with the rules that give it, no rule, or
a conflict). An answer is definite only when one value holds in every case; no unknown fact can
then change it.

How a query is answered:
1. The rules of the instruments in force on the date are the plan (as for the evaluator).
2. Every rule condition is folded with the given facts (`fold`): a test on a given fact becomes
   true or false. Derived facts are taken in dependency order: a given derived fact is taken as
   given; otherwise its own rules are folded and, when they give one value whatever the unknown
   facts are, that value is folded in too. Otherwise its derivation (cases and free regions,
   see `analysis.derive`) is kept.
3. A target whose folded conditions are all constant is decided at once, with the evaluator's
   precedence. Otherwise the remaining conditions become boxes of the analysis space (exact
   interval sets and finite sets), derived facts are composed with their derivations, the
   space is cut into cells where the same rules apply, and equal outcomes are merged.

Cases speak only of facts a person can give: unknown inputs, and derived facts only where no
rule decides them (there the fact itself is the question). The engine's results depend only on
the value classes of the given facts (values that pass the same tests), so they are cached per
class combination.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

import attrs

from ppkm_lang.analysis import normal
from ppkm_lang.analysis.derive import (CONFLICT, NONE, VALUE, Derivation, Outcome, compose, decide,
                                       derived_order, merge, split)
from ppkm_lang.analysis.prepare import _precedence, build_space
from ppkm_lang.analysis.space import Box, Space
from ppkm_lang.eval import compile as cc
from ppkm_lang.eval.compile import inset_values
from ppkm_lang.diagnostics.codes import TOO_MANY_CASES
from ppkm_lang.eval.inputs import InputError, encode
from ppkm_lang.ir.model import (FALSE, NUMERIC_KINDS, TRUE, And, Cond, Const, InSet, Not, Or, Policy, Rule,
                                Test, Value, facts_of)

_MEMO_LIMIT = 1 << 13
# The most boxes the conditions of one target may expand to (after composing derived facts)
# before the question is refused with PPK607: a product of k alternatives over facts not given
# expands to 2^k boxes. The shipped policies need at most a handful per rule.
BOX_LIMIT = 4096

DEFINITE, CONDITIONAL, UNDETERMINED, CONFLICTING = "definite", "conditional", "undetermined", "conflict"


@attrs.frozen
class Residual:
    """The cases of one target; their boxes are disjoint and cover every completion."""

    name: str
    cases: tuple[tuple[Box, Outcome], ...]
    # The rules in force that can apply for some completion (their condition did not fold to
    # false), in policy order: the provisions the answer is about.
    candidates: tuple[str, ...] = ()
    # The facts the candidates' conditions depend on here: known facts their tests were decided
    # on, and unknown facts left in their conditions.
    tested: frozenset = frozenset()

    @property
    def status(self) -> str:
        kinds = {o.kind for _, o in self.cases}
        if kinds == {VALUE} and len({o.value for _, o in self.cases}) == 1:
            return DEFINITE
        if kinds == {NONE}:
            return UNDETERMINED
        if kinds == {CONFLICT}:
            return CONFLICTING
        return CONDITIONAL

    @property
    def value(self) -> Value | None:
        """The value when the answer is definite."""
        return self.cases[0][1].value if self.status == DEFINITE else None

    def facts(self) -> tuple[str, ...]:
        """The facts the cases depend on, sorted."""
        return tuple(sorted({d for box, _ in self.cases for d in box}))


# ---------------------------------------------------------------------------- folding


def holds(test: Test, x: Any, kind: str | None) -> bool:
    """A test on an encoded value (see `eval.inputs.encode`)."""
    c = test.constraint
    if isinstance(c, InSet):
        return x in inset_values(kind, c.values)
    if kind not in NUMERIC_KINDS or isinstance(x, str):
        return False
    if c.lo is not None and (x < c.lo or (x == c.lo and not c.lo_closed)):
        return False
    if c.hi is not None and (x > c.hi or (x == c.hi and not c.hi_closed)):
        return False
    return True


def fold(cond: Cond, known: Mapping[str, Any], kinds: Mapping[str, str],
         domains: Mapping[str, frozenset] | None = None) -> Cond:
    """`cond` with every test on a known fact replaced by its truth, simplified. With `domains`
    (the members of enum and bool facts), a set test that admits every member is true: every
    completion gives the fact one of them."""
    if isinstance(cond, Test):
        if cond.fact in known:
            return TRUE if holds(cond, known[cond.fact], kinds.get(cond.fact)) else FALSE
        if domains and isinstance(cond.constraint, InSet):
            members = domains.get(cond.fact)
            if members is not None and members <= inset_values(kinds.get(cond.fact), cond.constraint.values):
                return TRUE
        return cond
    if isinstance(cond, And):
        items = []
        for c in cond.items:
            f = fold(c, known, kinds, domains)
            if f is FALSE or f == FALSE:
                return FALSE
            if not isinstance(f, Const):
                items.append(f)
        return TRUE if not items else items[0] if len(items) == 1 else And(tuple(items))
    if isinstance(cond, Or):
        items = []
        for c in cond.items:
            f = fold(c, known, kinds, domains)
            if f is TRUE or f == TRUE:
                return TRUE
            if not isinstance(f, Const):
                items.append(f)
        return FALSE if not items else items[0] if len(items) == 1 else Or(tuple(items))
    if isinstance(cond, Not):
        f = fold(cond.item, known, kinds, domains)
        if isinstance(f, Const):
            return FALSE if f.value else TRUE
        return Not(f)
    return cond


# ---------------------------------------------------------------------------- the engine


class _Plan:
    __slots__ = ("in_force", "rules_of", "relevant", "memo", "target_memo")

    def __init__(self, in_force: tuple[str, ...], rules_of: dict[str, list[Rule]], order: list[str]):
        self.in_force = in_force
        self.rules_of = rules_of
        # The facts a target's residual can depend on: those its rules test, and through a
        # derived fact they test, the facts of its rules (in dependency order, so each derived
        # fact is done before the facts that test it; on a cycle, what is known so far).
        relevant: dict[str, tuple[str, ...]] = {}
        for target in [*order, *(t for t in rules_of if t not in order)]:
            found: set[str] = set()
            for rule in rules_of.get(target, ()):
                for f in facts_of(rule.when):
                    found.add(f)
                    found.update(relevant.get(f, ()))
            relevant[target] = tuple(sorted(found))
        self.relevant = relevant
        self.memo: dict = {}
        self.target_memo: dict = {}


class ResidualEngine:
    """A policy prepared for partial evaluation. Build it once per policy. `space`: the analysis
    space to express cases in, when it must be shared with another policy (it must hold a
    dimension for every fact this policy tests; see `diff.space`)."""

    def __init__(self, policy: Policy, space: Space | None = None):
        self.policy = policy
        self.space: Space = space if space is not None else build_space(policy)
        self.kinds = {n: f.type.kind for n, f in policy.facts.items()}
        self.domains = {n: (frozenset(f.type.values) if f.type.kind == "enum" else frozenset({"true", "false"}))
                        for n, f in policy.facts.items() if f.type.kind in ("enum", "bool")}
        self.rule_ids = list(policy.rules)
        self.index = {rid: i for i, rid in enumerate(self.rule_ids)}
        _, self.beaten_by = _precedence(self.rule_ids, self.index, policy)
        self.order = derived_order(policy)
        self.targets = tuple(self.order) + tuple(policy.measures)
        self.values = {(r.id, a.target): a.value for r in policy.rules.values() for a in reversed(r.then)}
        constraints: dict[str, list] = {}
        for rule in policy.rules.values():
            cc.collect_constraints(rule.when, constraints)
        # Built on first use: a query that gives no fact (a diff) needs none of them.
        self.classifiers = cc.Lazy(lambda n: cc.classifier(self.kinds[n], constraints.get(n, []), self._domain(n)),
                                 self.kinds)
        self._plans: dict[tuple[str, ...], _Plan] = {}

    def _domain(self, name: str):
        dim = self.space.dims.get(name)
        return tuple(dim.order) if dim is not None and dim.finite else ()

    # ------------------------------------------------------------------ precedence
    def winners(self, rids: list[str]) -> list[str]:
        mask = 0
        for r in rids:
            mask |= 1 << self.index[r]
        return [r for r in rids if not self.beaten_by[self.index[r]] & mask]

    def outcome(self, target: str, rids: Iterable[str]) -> Outcome:
        applying = sorted(set(rids), key=self.index.__getitem__)
        return decide(applying, self.winners, lambda r: self.values[(r, target)])

    # ------------------------------------------------------------------ plans
    def plan(self, in_force: tuple[str, ...]) -> _Plan:
        key = tuple(in_force)
        plan = self._plans.get(key)
        if plan is None:
            live = set(key)
            rules_of: dict[str, list[Rule]] = {}
            for rule in self.policy.rules.values():
                if rule.instrument is None or rule.instrument in live:
                    for target in dict.fromkeys(a.target for a in rule.then):
                        rules_of.setdefault(target, []).append(rule)
            plan = self._plans[key] = _Plan(key, rules_of, self.order)
        return plan

    # ------------------------------------------------------------------ queries
    def run(self, in_force: tuple[str, ...], given: Mapping[str, Any],
            targets: Iterable[str] | None = None, free: Iterable[str] = ()) -> dict[str, Residual]:
        """The residual of every target (derived facts not given, then measures, or just
        `targets` and the derived facts they need) for encoded given facts. Derived facts in
        `free` are treated as inputs: their rules are not used, so the cases speak of them
        directly (for a table whose rows may give a derived fact, such as a zone column)."""
        plan = self.plan(in_force)
        wanted = self.targets if targets is None else tuple(dict.fromkeys(targets))
        free = frozenset(free) - set(given)
        key = (tuple(sorted((f, self.classifiers[f](x)) for f, x in given.items() if f in self.classifiers)),
               wanted, free)
        hit = plan.memo.get(key)
        if hit is not None:
            return hit
        classes = dict(key[0])
        known = dict(given)
        derivations: dict[str, Derivation] = {}
        out: dict[str, Residual] = {}
        for fact in self.order:
            if fact in given:
                continue
            if fact in free:
                derivations[fact] = Derivation(fact, (), ({},))
                continue
            res = out[fact] = self._cached(plan, fact, classes, known, derivations, free)
            deriv = Derivation.of(fact, list(res.cases))
            value = deriv.definite
            if value is not None:
                known[fact] = encode(value)
            else:
                derivations[fact] = deriv
        for target in wanted:
            if target not in out and target not in given:
                out[target] = self._cached(plan, target, classes, known, derivations, free)
        if targets is not None:
            out = {t: out[t] for t in wanted if t in out}
        if len(plan.memo) >= _MEMO_LIMIT:
            plan.memo.clear()
        plan.memo[key] = out
        return out

    def _cached(self, plan: _Plan, target: str, classes: dict, known: dict,
                derivations: dict[str, Derivation], free: frozenset = frozenset()) -> Residual:
        """`_target`, kept per target and the classes of the given facts it can depend on: a
        provision about Posko budgets is worked out once, whatever region or activity is asked."""
        relevant = plan.relevant.get(target, ())
        key = (target, tuple((f, classes[f]) for f in relevant if f in classes),
               free.intersection(relevant) if free else free)
        hit = plan.target_memo.get(key)
        if hit is None:
            if len(plan.target_memo) >= _MEMO_LIMIT * 8:
                plan.target_memo.clear()
            hit = plan.target_memo[key] = self._target(plan, target, known, derivations)
        return hit

    def _target(self, plan: _Plan, target: str, known: dict, derivations: dict[str, Derivation]) -> Residual:
        applying: list[str] = []
        symbolic: list[tuple[str, Cond]] = []
        tested: set[str] = set()
        for rule in plan.rules_of.get(target, ()):
            cond = fold(rule.when, known, self.kinds, self.domains)
            if cond == TRUE:
                applying.append(rule.id)
                tested.update(f for f in facts_of(rule.when) if f in known)
            elif cond != FALSE:
                symbolic.append((rule.id, cond))
                tested.update(f for f in facts_of(rule.when) if f in known)
                tested.update(facts_of(cond))
        candidates = tuple(sorted([*applying, *(rid for rid, _ in symbolic)], key=self.index.__getitem__))
        tested_facts = frozenset(tested)
        if not symbolic:
            return Residual(target, (({}, self.outcome(target, applying)),), candidates, tested_facts)
        space = self.space
        entries: list[tuple[Box, str]] = [({}, rid) for rid in applying]
        for rid, cond in symbolic:
            try:
                parts = normal.boxes(space, cond, limit=BOX_LIMIT)
            except normal.TooMany:
                raise _too_many(target, rid, cond) from None
            for box in parts:
                entries.extend((b, rid) for b in compose(space, box, derivations))
                if len(entries) > BOX_LIMIT:
                    raise _too_many(target, rid, cond)
        cells = split(space, entries, lambda rids: self.outcome(target, rids))
        return Residual(target, tuple(merge(space, cells)), candidates, tested_facts)


def _too_many(target: str, rule_id: str, cond: Cond) -> InputError:
    facts = sorted(facts_of(cond), key=lambda f: [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", f)])
    shown = ", ".join(f"`{f}`" for f in facts[:8]) + (f" and {len(facts) - 8} more" if len(facts) > 8 else "")
    return InputError(TOO_MANY_CASES,
                      f"the answer for `{target}` splits into more than {BOX_LIMIT} cases over facts not given "
                      f"(the condition of rule `{rule_id}`)",
                      help=f"give more of the facts it tests: {shown}; `docs`, `diff` and `compile` work over "
                           "every input, so for them split the rule into rules with fewer alternatives")


__all__ = ["BOX_LIMIT", "ResidualEngine", "Residual", "fold", "holds", "DEFINITE", "CONDITIONAL", "UNDETERMINED",
           "CONFLICTING"]
