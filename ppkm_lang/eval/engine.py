"""The compiled evaluator: a policy compiled once, then asked about dates and facts.

On a date, the instruments in force are `Policy.in_force(at)`; the rules of those instruments
(and rules of no instrument) make up the date's *plan*, compiled once per set of instruments in
force. A query then runs in stages: each derived fact that is not given is decided by its rules,
in dependency order; then the measures. For each target, applicable rules that another
applicable rule overrides (transitively) drop out; if the rest agree the target has that value,
otherwise it is a conflict and stays undecided.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Any, Mapping

from ppkm_lang.ir.model import FINITE_KINDS, Policy, Rule, facts_of
from ppkm_lang.eval import compile as cc
from ppkm_lang.eval.compile import U
from ppkm_lang.eval.inputs import FactParser, encode, parse_date
from ppkm_lang.eval.results import (Candidate, Conflict, Decision, FactResult, MeasureResult,
                                    Undetermined, unit_of)

_MEMO_LIMIT = 1 << 14  # cached decisions per plan (each keeps its query's facts until its reasons are read)
_DATE_LIMIT = 1 << 12


class Assignment:
    """One `then` item of a compiled rule, with its precomputed result object."""

    __slots__ = ("target", "value", "enc", "result")

    def __init__(self, target, value, enc, result):
        self.target, self.value, self.enc, self.result = target, value, enc, result


class CRule:
    __slots__ = ("idx", "id", "rule", "cond", "measures", "facts", "beats", "tests")

    def __init__(self, idx: int, rule: Rule, cond):
        self.idx, self.id, self.rule, self.cond = idx, rule.id, rule, cond
        self.tests = frozenset(facts_of(rule.when))  # the facts its condition tests
        self.measures: tuple[Assignment, ...] = ()
        self.facts: dict[str, Assignment] = {}
        self.beats: frozenset[int] = frozenset()


class Plan:
    """The compiled rules of one set of instruments in force."""

    def __init__(self, in_force: tuple[str, ...]):
        self.in_force = in_force
        self.fact_stages: list[tuple[str, cc.RuleIndex]] = []
        self.measure_index: cc.RuleIndex | None = None
        self.rules_of: dict[str, list[CRule]] = {}  # target -> active rules assigning it
        self.needs: dict[str, tuple[str, ...]] = {}  # target -> facts its active rules test
        self.key_facts: tuple = ()  # (fact, classifier) pairs that determine the decision
        self.stageless: tuple[str, ...] = ()  # derived facts no rule in force decides
        self.memo: dict = {}
        self.reason_memo: dict = {}
        self.fact_memo: dict = {}


class Evaluator:
    """A policy compiled for evaluation. Build it once per policy (`api` caches it)."""

    def __init__(self, policy: Policy, *, memo: bool = True):
        self.policy = policy
        self.use_memo = memo
        self.parser = FactParser(policy)
        self.kinds = {n: f.type.kind for n, f in policy.facts.items()}
        finite = {n for n, k in self.kinds.items() if k in FINITE_KINDS}
        self.rules: list[CRule] = []
        self.index_sets: dict[int, dict] = {}
        for i, rule in enumerate(policy.rules.values()):
            cr = CRule(i, rule, cc.compile_cond(rule.when, self.kinds))
            self._assignments(cr)
            self.rules.append(cr)
            self.index_sets[i] = cc.top_level_sets(rule.when, self.kinds, finite)
        self._link_overrides()
        self.order = self._derived_order()
        self.measure_order = tuple(policy.measures)
        self.measure_position = {m: i for i, m in enumerate(self.measure_order)}
        constraints: dict[str, list] = {}
        for rule in policy.rules.values():
            cc.collect_constraints(rule.when, constraints)
        # Built on first use: one query needs the classifiers of the facts its plan tests only.
        self.classifiers = cc.Lazy(lambda n: cc.classifier(self.kinds[n], constraints.get(n, []), self._domain(n)),
                                   self.kinds)
        self.template = {name: U for name in set(self.kinds) | set(constraints)}
        self.assigned = {a.target for r in policy.rules.values() for a in r.then}
        self._plans: dict[frozenset, Plan] = {}
        self._dates: dict[dt.date, Plan] = {}
        self._given_cache: dict = {}
        self._text_dates: dict[str, dt.date] = {}

    # ------------------------------------------------------------------ compile time
    def _domain(self, name: str):
        typ = self.policy.facts[name].type
        if typ.kind == "enum":
            return typ.values
        if typ.kind == "bool":
            return ("true", "false")
        if typ.kind == "region":
            return self.parser.regions
        return ()

    def _assignments(self, cr: CRule) -> None:
        rule = cr.rule
        measures = []
        for a in rule.then:
            if a.target in self.policy.measures:
                m = self.policy.measures[a.target]
                result = MeasureResult(a.target, a.value, unit_of(m.type), rule.id, rule.instrument,
                                       rule.cites, rule.title, span=rule.span)
                measures.append(Assignment(a.target, a.value, None, result))
            elif a.target in self.policy.facts:
                result = FactResult(a.target, a.value, False, rule.id)
                cr.facts[a.target] = Assignment(a.target, a.value, encode(a.value), result)
        cr.measures = tuple(measures)

    def _link_overrides(self) -> None:
        by_id = {r.id: r for r in self.rules}
        direct = {r.idx: {by_id[o].idx for o in r.rule.overrides if o in by_id} for r in self.rules}
        for r in self.rules:
            seen: set[int] = set()
            stack = list(direct[r.idx])
            while stack:
                j = stack.pop()
                if j not in seen:
                    seen.add(j)
                    stack.extend(direct[j])
            r.beats = frozenset(seen)

    def _derived_order(self) -> list[str]:
        """Facts that rules assign, each after the facts its rules test (declaration order
        breaks ties; in a cycle, a fact read before it is decided counts as undetermined)."""
        targets = [n for n in self.policy.facts if any(n in r.facts for r in self.rules)]
        deps = {t: set() for t in targets}
        for r in self.rules:
            for t in r.facts:
                deps[t] |= facts_of(r.rule.when) & set(targets)
        order: list[str] = []
        state: dict[str, int] = {}

        def visit(t: str) -> None:
            if state.get(t):
                return
            state[t] = 1
            for d in sorted(deps[t], key=targets.index):
                visit(d)
            state[t] = 2
            order.append(t)
        for t in targets:
            visit(t)
        return order

    def plan(self, at: dt.date) -> Plan:
        plan = self._dates.get(at)
        if plan is None:
            in_force = tuple(self.policy.in_force(at))
            key = frozenset(in_force)
            plan = self._plans.get(key)
            if plan is None:
                plan = self._plans[key] = self._build_plan(in_force)
            if len(self._dates) >= _DATE_LIMIT:
                self._dates.clear()
            self._dates[at] = plan
        return plan

    def _build_plan(self, in_force: tuple[str, ...]) -> Plan:
        plan = Plan(in_force)
        live = set(in_force)
        active = [r for r in self.rules if r.rule.instrument is None or r.rule.instrument in live]
        for r in active:
            for t in list(r.facts) + [a.target for a in r.measures]:
                plan.rules_of.setdefault(t, []).append(r)
        for t, rs in plan.rules_of.items():
            plan.needs[t] = tuple(sorted(set().union(*(facts_of(r.rule.when) for r in rs))))
        for fact in self.order:
            rs = plan.rules_of.get(fact)
            if rs:
                plan.fact_stages.append((fact, cc.RuleIndex(rs, self.index_sets)))
        plan.measure_index = cc.RuleIndex([r for r in active if r.measures], self.index_sets)
        relevant = set().union(*(set(plan.needs.get(t, ())) for t in plan.rules_of), set(self.order))
        plan.key_facts = tuple((f, self.classifiers[f]) for f in sorted(relevant) if f in self.classifiers)
        plan.stageless = tuple(f for f in self.order if f not in plan.rules_of)
        return plan

    # ------------------------------------------------------------------ query time
    def given(self, name: str, raw: Any) -> tuple[Any, FactResult]:
        """The encoded value and result of a given fact (PPK601/602/603 on bad input)."""
        try:
            key = (name, type(raw), raw)
            hit = self._given_cache.get(key)
        except TypeError:  # unhashable input: parse every time
            key, hit = None, None
        if hit is not None:
            return hit
        value = self.parser.parse(name, raw)
        hit = (encode(value), FactResult(name, value, True))
        if key is not None:
            if len(self._given_cache) >= _MEMO_LIMIT:
                self._given_cache.clear()
            self._given_cache[key] = hit
        return hit

    def decide(self, at: Any, facts: Mapping[str, Any]) -> Decision:
        """Evaluate on date `at` with `facts` (text or Python values)."""
        return self.decide_env(*self.prepare(at, facts))

    def prepare(self, at: Any, facts: Mapping[str, Any]) -> tuple[dt.date, Plan, dict, dict]:
        """The date, plan, environment and given-fact results for a query."""
        day = self._text_dates.get(at) if at.__class__ is str else None
        if day is None:
            day = parse_date(at)
            if at.__class__ is str and len(self._text_dates) < _DATE_LIMIT:
                self._text_dates[at] = day
        plan = self.plan(day)
        env = dict(self.template)
        given: dict[str, FactResult] = {}
        for name, raw in facts.items():
            enc, result = self.given(name, raw)
            env[name] = enc
            given[name] = result
        return day, plan, env, given

    def decide_env(self, day: dt.date, plan: Plan, env: dict, given: dict, *, memo: bool | None = None) -> Decision:
        """The decision for a prepared query. Without the memo, `env` ends up holding the
        derived facts as decided."""
        if memo if memo is not None else self.use_memo:
            key = tuple([c(env[f]) for f, c in plan.key_facts])
            core = plan.memo.get(key)
            if core is None:
                core = self.core(plan, env)
                if len(plan.memo) >= _MEMO_LIMIT:
                    plan.memo.clear()
                plan.memo[key] = core
        else:
            core = self.core(plan, env)
        derived, measures, undetermined, conflicts = core
        if derived:
            given = {**given, **derived}
        note = None if plan.in_force else f"no instrument in force on {day.isoformat()}"
        return Decision(day, plan.in_force, MappingProxyType(given), measures, undetermined, conflicts, note)

    def core(self, plan: Plan, env: dict) -> tuple:
        """The parts of a decision that depend only on the facts' classes (the undetermined
        measures are worked out on first use)."""
        derived, measures, conflicts = self.run_rules(plan, env)
        conflicts = tuple(conflicts)
        return derived, MappingProxyType(measures), _Deferred(self, plan, env, measures, conflicts), conflicts

    def run_rules(self, plan: Plan, env: dict, reasons: bool = True) -> tuple[dict, dict, list]:
        """Derived facts (also set in `env`), decided measures and conflicts. Without
        `reasons`, undetermined derived facts are left out of the derived facts."""
        derived: dict[str, FactResult] = {}
        conflicts: list[Conflict] = []
        for fact, node in plan.fact_stages:
            if env[fact] is not U:
                continue
            app = [(r, r.facts[fact]) for r in node.candidates(env) if r.cond(env) is True]
            if not app:
                if reasons:
                    derived[fact] = self._undetermined_fact(plan, fact, env)
                continue
            won = resolve(app)
            if isinstance(won, list):
                conflicts.append(_conflict(fact, won, "fact"))
                derived[fact] = FactResult(fact, None, False, reason="conflict: rules disagree")
            else:
                env[fact] = won.enc
                derived[fact] = won.result
        for fact in plan.stageless if reasons else ():
            if env[fact] is U:
                derived[fact] = self._undetermined_fact(plan, fact, env)
        by_target: dict[str, list] = {}
        for r in plan.measure_index.candidates(env):
            if r.cond(env) is True:
                for a in r.measures:
                    by_target.setdefault(a.target, []).append((r, a))
        measures = {}
        for name in sorted(by_target, key=self.measure_position.__getitem__):
            app = by_target[name]
            won = app[0][1] if len(app) == 1 else resolve(app)
            if isinstance(won, list):
                conflicts.append(_conflict(name, won, "measure"))
            else:
                measures[name] = won.result
        return derived, measures, conflicts

    def undetermined(self, plan: Plan, env: dict, measures: dict, conflicts) -> tuple[Undetermined, ...]:
        """The measures neither decided nor in conflict, each with the reason. `env` holds the
        derived facts as decided."""
        conflicted = {c.name for c in conflicts}
        seen: dict[int, object] = {}
        unknown = frozenset(f for f, v in env.items() if v is U)
        out = []
        for m in self.measure_order:
            if m in measures or m in conflicted:
                continue
            blocked = self._blocked(plan, m, env, seen, unknown)
            key = (m, blocked)
            item = plan.reason_memo.get(key)
            if item is None:
                item = plan.reason_memo[key] = Undetermined(m, self._why_undetermined(plan, m, blocked), blocked)
            out.append(item)
        return tuple(out)

    def _undetermined_fact(self, plan: Plan, fact: str, env: dict) -> FactResult:
        unknown = frozenset(f for r in plan.rules_of.get(fact, ()) for f in r.tests if env.get(f, U) is U)
        blocked = self._blocked(plan, fact, env, {}, unknown)
        result = plan.fact_memo.get((fact, blocked))
        if result is None:
            result = plan.fact_memo[(fact, blocked)] = FactResult(
                fact, None, False, reason=self._why_undetermined(plan, fact, blocked))
        return result

    def _blocked(self, plan: Plan, target: str, env: dict, seen: dict, unknown: frozenset) -> tuple[str, ...]:
        """The undetermined facts (`unknown`) that stop a rule for `target` from applying: those
        tested by the rules in force whose condition is unknown (rather than false)."""
        blocked: set[str] = set()
        for r in plan.rules_of.get(target, ()):
            if unknown.isdisjoint(r.tests):
                continue
            result = seen.get(r.idx, seen)
            if result is seen:
                result = seen[r.idx] = r.cond(env)
            if result is None:
                blocked |= r.tests & unknown
        return tuple(sorted(blocked))

    def _why_undetermined(self, plan: Plan, target: str, blocked: tuple[str, ...]) -> str:
        if not plan.rules_of.get(target):
            if target in self.assigned:
                return "no rule of the instruments in force on this date decides it"
            return "no rule decides it"
        if blocked:
            return "no rule applies: " + "; ".join(self.undetermined_phrase(f) for f in blocked) + \
                " (a condition on an undetermined fact is false)"
        return "no rule applies to these facts"

    def undetermined_phrase(self, fact: str) -> str:
        if fact in self.order:
            return f"`{fact}` is not given and no rule decided it"
        return f"`{fact}` is not given"


class _Deferred:
    """The undetermined measures of a decision, made on the first `get()` and then kept."""

    __slots__ = ("args", "value")

    def __init__(self, *args):
        self.args = args
        self.value = None

    def get(self) -> tuple[Undetermined, ...]:
        if self.value is None:
            ev, *rest = self.args
            self.value = ev.undetermined(*rest)
            self.args = None
        return self.value


def resolve(app: list):
    """The winning assignment among applicable (rule, assignment) pairs, or the list of
    surviving pairs when they disagree."""
    alive = [(r, a) for r, a in app
             if not any(r.idx in o.beats and o.idx not in r.beats for o, _ in app if o is not r)]
    first = alive[0][1]
    for _, a in alive[1:]:
        if a.value != first.value:
            return alive
    return first


def _conflict(name: str, alive: list, kind: str) -> Conflict:
    return Conflict(name, tuple(Candidate(r.id, a.value, r.rule.cites) for r, a in alive), kind)
