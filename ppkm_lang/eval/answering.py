"""Residuals -> `Answer`: cases with their citations, relevance, the questions worth asking and
notes about the question itself.

Relevance. A measure is *for this question* when a rule that can decide it tests, in its own
condition, a fact the question gives other than the place (`region` facts); when the question
gives only the place (and the date), rules testing the place count. Everything else the
instruments in force decide is a *general provision*.

Questions. Among the conditional measures for this question (all conditional measures when none
is), each fact their cases depend on is a question; a question comes before another when it alone
settles more measures, then when it splits more of them, then in declaration order. Derived facts
are asked only where no rule decides them (they are then dimensions of the cases themselves).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Mapping

from ppkm_lang.analysis.derive import CONFLICT, VALUE, join
from ppkm_lang.analysis.witness import box_text
from ppkm_lang.eval.answer import Answer, Case, Note, Question, TargetAnswer, set_json
from ppkm_lang.eval.engine import Evaluator
from ppkm_lang.eval.residual import CONFLICTING, CONDITIONAL, DEFINITE, UNDETERMINED, Residual, ResidualEngine
from ppkm_lang.eval.results import cites_label, unit_of
from ppkm_lang.ir.model import (BOOL, ENUM, REGION, Citation, InSet, Policy, Type, facts_of, each_test,
                                value_from_numeric)

_CACHE_LIMIT = 1 << 14



def _label(case: Case) -> str:
    if case.outcome == VALUE:
        return str(case.value)
    if case.outcome == CONFLICT:
        return "the rules disagree"
    return "no rule decides it"


class Answerer:
    """Answers questions about one policy: the evaluator's input checks, the residual engine,
    and the presentation of its results. Build it once per policy."""

    def __init__(self, policy: Policy, evaluator: Evaluator, engine: ResidualEngine | None = None):
        self.policy = policy
        self.ev = evaluator
        self.engine = engine or ResidualEngine(policy)
        self.space = self.engine.space
        self.derived = set(self.engine.order)
        self.tests = {rid: frozenset(facts_of(r.when)) for rid, r in policy.rules.items()}
        self.places = frozenset(n for n, f in policy.facts.items() if f.type.kind == REGION)
        self.position = {n: i for i, n in enumerate(policy.facts)}
        self._targets: dict = {}

    def answer(self, at: Any, facts: Mapping[str, Any]) -> Answer:
        """Raises `InputError` for an unknown fact or a bad value (as `Evaluator.decide`)."""
        day, plan, env, given_results = self.ev.prepare(at, facts)
        given = {n: env[n] for n in given_results}
        residuals = self.engine.run(plan.in_force, given)
        keys = frozenset(given) - self.places or frozenset(given)
        derived: dict[str, TargetAnswer] = {}
        measures: dict[str, TargetAnswer] = {}
        for name, res in residuals.items():
            ta = self._target(name, res, keys, residuals, frozenset(given))
            (derived if name in self.derived and name not in self.policy.measures else measures)[name] = ta
        questions = self._questions(measures, residuals)
        notes = self._notes(plan.in_force, given, given_results)
        values = {n: r.value for n, r in given_results.items()}
        return Answer(day, plan.in_force, MappingProxyType(values), MappingProxyType(derived),
                      MappingProxyType(measures), questions, notes)

    # ------------------------------------------------------------------ targets
    def _target(self, name: str, res: Residual, keys: frozenset, residuals: dict, given: frozenset) -> TargetAnswer:
        relevant = any(self.tests[r] & keys for r in res.candidates)
        key = (name, id(res), relevant, given & self.derived)
        hit = self._targets.get(key)
        if hit is not None and hit[0] is res:
            return hit[1]
        kind = "measure" if name in self.policy.measures else "fact"
        typ = self.policy.output_type(name)
        uses = tuple(d for d in sorted(res.tested, key=lambda f: self.position.get(f, 0))
                     if d in self.derived and d not in given)
        shown = [d for d in uses if d in residuals and residuals[d].status != DEFINITE]
        cases = tuple(self._case(name, box, outcome, shown, residuals) for box, outcome in res.cases)
        if res.status == DEFINITE and len(cases) > 1:
            # One value everywhere: the rules that give it in every case decide it (or, when no
            # rule does, all of those that give it somewhere).
            common = set.intersection(*(set(c.rules) for c in cases))
            rules = tuple(r for r in dict.fromkeys(r for c in cases for r in c.rules) if not common or r in common)
            cites = tuple(dict.fromkeys(ci for r in rules for ci in self.policy.rules[r].cites))
            cases = (Case({}, {}, "in every case", {}, "value", cases[0].value, rules, cites),)
        rules = [r for c in cases for r in c.rules]
        instrument = self.policy.rules[rules[0]].instrument if rules else None
        ta = TargetAnswer(name, kind, res.status, cases, res.facts(), relevant,
                          unit_of(typ) if typ is not None else None, instrument, self._summary(res.status, cases),
                          uses)
        if len(self._targets) >= _CACHE_LIMIT:
            self._targets.clear()
        self._targets[key] = (res, ta)
        return ta

    def _case(self, target: str, box, outcome, shown: list[str], residuals: dict) -> Case:
        via: dict[str, tuple[str, ...]] = {}
        for d in shown:
            values = [str(o.value) for b, o in residuals[d].cases
                      if o.kind == VALUE and self.space.box_intersect(box, b) is not None]
            everywhere = {str(o.value) for _, o in residuals[d].cases if o.kind == VALUE}
            if values and set(values) != everywhere:  # only when it tells the cases apart
                via[d] = tuple(dict.fromkeys(values))
        cites: tuple[Citation, ...] = tuple(dict.fromkeys(c for r in outcome.rules for c in self.policy.rules[r].cites))
        candidates = ()
        if outcome.kind == CONFLICT:
            candidates = tuple((r, v, cites_label(self.policy.rules[r].cites)) for r, v in zip(outcome.rules, outcome.values))
        when_json = {d: set_json(self.space, d, s) for d, s in sorted(box.items())}
        return Case(box, when_json, box_text(self.space, box) if box else "in every case", via, outcome.kind,
                    outcome.value, outcome.rules, cites, candidates)

    def _summary(self, status: str, cases: tuple[Case, ...]) -> str:
        """One line: the value; or the usual value and, for each other value, where it holds (the
        usual value is the one whose rules the others override)."""
        if status == DEFINITE:
            return str(cases[0].value)
        if status == UNDETERMINED:
            return "no rule decides it"
        groups: dict[tuple, list[Case]] = {}
        for c in cases:
            groups.setdefault((c.outcome, c.value), []).append(c)
        eng = self.engine

        def beaten(group: list[Case]) -> bool:
            mine = [r for c in group for r in c.rules]
            others = [r for g in groups.values() if g is not group for c in g for r in c.rules]
            return any(eng.beaten_by[eng.index[m]] >> eng.index[o] & 1 for m in mine for o in others)
        ordered = list(groups.values())
        main = next((g for g in ordered if beaten(g)), None)
        parts = []
        for g in ordered:
            if g is main:
                continue
            parts.append(f"{_label(g[0])} where {self._where(g)}")
        if main is None:
            return "; ".join(parts)
        return f"{_label(main[0])}, except: " + "; ".join(parts)

    def _where(self, group: list[Case]) -> str:
        boxes = join(self.space, [c.when for c in group])
        text = " or ".join(box_text(self.space, b) for b in boxes) or "in every case"
        via: dict[str, list[str]] = {}
        for c in group:
            for d, values in c.via.items():
                via.setdefault(d, []).extend(values)
        if via:
            text += " (" + "; ".join(f"`{d}` " + " or ".join(dict.fromkeys(v)) for d, v in via.items()) + ")"
        return text

    # ------------------------------------------------------------------ questions
    def _questions(self, measures: dict[str, TargetAnswer], residuals: dict) -> tuple[Question, ...]:
        open_ = [m for m in measures.values() if m.status in (CONDITIONAL, CONFLICTING) and m.needs]
        # The measures the question is about; only when there is none, every open measure.
        asked = [m for m in open_ if m.relevant] if any(m.relevant for m in measures.values()) else open_
        facts = dict.fromkeys(f for m in asked for f in m.needs)
        out = []
        for f in facts:
            settles = tuple(m.name for m in asked if m.needs == (f,))
            affects = tuple(m.name for m in asked if f in m.needs)
            out.append(self._question(f, settles, affects))
        out.sort(key=lambda q: (-len(q.settles), -len(q.affects), self.position.get(q.fact, 1 << 30)))
        return tuple(out)

    def _question(self, f: str, settles, affects) -> Question:
        fact = self.policy.facts[f]
        typ: Type = fact.type
        values: tuple[str, ...] = ()
        lo = hi = None
        if typ.kind == ENUM:
            values = typ.values
        elif typ.kind == BOOL:
            values = ("true", "false")
        elif typ.is_numeric:
            lo = value_from_numeric(typ.kind, typ.lo) if typ.lo is not None else None
            hi = value_from_numeric(typ.kind, typ.hi) if typ.hi is not None else None
        return Question(f, typ.describe() if typ.kind != ENUM else "enum", fact.doc, settles, affects,
                        f in self.derived, values, lo, hi, unit_of(typ))

    # ------------------------------------------------------------------ notes
    def _list_cites(self, rule, given: dict) -> tuple[Citation, ...]:
        """The citations of the region-list entries that put a given place in the set a rule
        tests (the line of KESATU c that names Kota Sibolga, not only the list's heading)."""
        sets = [t.constraint.values for t in each_test(rule.when)
                if t.fact in self.places and t.fact in given and isinstance(t.constraint, InSet)]
        out: list[Citation] = []
        for rs in self.policy.regionsets.values():
            if not any(rs.expanded and rs.expanded <= s for s in sets):
                continue
            for m in rs.members:
                if m.official in given.values() and m.official in rs.expanded:
                    out.extend(m.cites)
        return tuple(dict.fromkeys(out))

    def _notes(self, in_force, given: dict, given_results) -> tuple[Note, ...]:
        notes = []
        for d in self.engine.order:
            if d not in given:
                continue
            rest = {n: v for n, v in given.items() if n != d}
            res = self.engine.run(in_force, rest, targets=[d]).get(d)
            if res is None or res.status != DEFINITE or res.value is None:
                continue
            mine = given_results[d].value
            if res.value != mine:
                rule = res.cases[0][1].rules[0]
                cites = self.policy.rules[rule].cites + self._list_cites(self.policy.rules[rule], given)
                notes.append(Note(f"`{d}` is given as {mine}, but rule `{rule}` ({cites_label(cites)}) derives "
                                  f"{res.value} from the other facts; the given value is used", None, d, cites))
        return tuple(notes)


__all__ = ["Answerer"]
