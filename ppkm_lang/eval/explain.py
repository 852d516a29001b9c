"""Why each measure and derived fact has its value: the deciding rule with its quoted source
sentence, and for every other rule that could have given it a value, why it did not (the first
condition that fails, with the fact's actual value), or which rule overrode it.

The explanation is built from the same compiled rules and the same environment the evaluator
used, so it cannot tell a different story from `ppkm eval`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

import attrs

from ppkm_lang.ir.model import Citation, Value
from ppkm_lang.eval.compile import U
from ppkm_lang.eval.engine import CRule, Evaluator
from ppkm_lang.eval.results import Decision, cite_label, cites_json
from ppkm_lang.eval.wording import Words, condition_text, rule_name, why_not
from ppkm_lang.source import Span, span_field

DECIDED, AGREES, OVERRIDDEN, CONFLICT = "decided", "agrees", "overridden", "conflict"
NOT_APPLICABLE, NOT_IN_FORCE, NOT_CONSULTED = "not_applicable", "not_in_force", "not_consulted"


@attrs.frozen
class RuleNote:
    """One rule that assigns the target, and what became of it."""

    rule: str
    title: str | None
    instrument: str | None
    status: str
    sentence: str
    condition: str
    value: Value | None
    overridden_by: str | None = None
    cites: tuple[Citation, ...] = ()
    span: Span = span_field()

    def to_json(self) -> dict:
        out = {"rule": self.rule, "title": self.title, "instrument": self.instrument, "status": self.status,
               "sentence": self.sentence, "condition": self.condition,
               "value": None if self.value is None else self.value.to_json(), "cites": cites_json(self.cites),
               "location": self.span.to_json()}
        if self.overridden_by is not None:
            out["overridden_by"] = self.overridden_by
        return out


@attrs.frozen
class TargetExplanation:
    name: str
    kind: str  # "measure" or "fact"
    status: str  # decided | given | undetermined | conflict
    value: Value | None
    sentence: str
    rules: tuple[RuleNote, ...] = ()

    @property
    def deciding(self) -> tuple[RuleNote, ...]:
        return tuple(n for n in self.rules if n.status in (DECIDED, AGREES))

    def to_json(self) -> dict:
        return {"name": self.name, "kind": self.kind, "status": self.status,
                "value": None if self.value is None else self.value.to_json(), "sentence": self.sentence,
                "rules": [n.to_json() for n in self.rules]}


@attrs.frozen
class Explanation:
    decision: Decision
    facts: tuple[str, ...]  # one sentence per given fact
    targets: tuple[TargetExplanation, ...]

    def target(self, name: str) -> TargetExplanation | None:
        return next((t for t in self.targets if t.name == name), None)

    def to_json(self) -> dict:
        out = self.decision.to_json()
        out["explanation"] = {"facts": list(self.facts), "targets": [t.to_json() for t in self.targets]}
        return out


def explain(ev: Evaluator, at: Any, facts: Mapping[str, Any]) -> Explanation:
    day, plan, env, given = ev.prepare(at, facts)
    start = dict(env)
    decision = ev.decide_env(day, plan, env, given, memo=False)  # leaves the derived facts in env
    words = Words(ev.policy, set(ev.order))
    live = set(plan.in_force)
    targets = []
    for i, fact in enumerate(ev.order):
        # A derived fact is decided before the facts after it in the order.
        stage_env = dict(env)
        for later in ev.order[i:]:
            if start.get(later, U) is U:
                stage_env[later] = U
        targets.append(_target(ev, words, decision, fact, "fact", stage_env, live, day, start))
    for measure in ev.measure_order:
        targets.append(_target(ev, words, decision, measure, "measure", env, live, day, start))
    fact_lines = tuple(f"`{r.name}` is given as {r.value}." for r in decision.facts.values() if r.given)
    return Explanation(decision, fact_lines, tuple(targets))


def _target(ev: Evaluator, words: Words, decision: Decision, name: str, kind: str, env: dict,
            live: set[str], day: dt.date, start: dict) -> TargetExplanation:
    assigning = [(r, _assigned(r, name)) for r in ev.rules if _assigned(r, name) is not None]
    given = kind == "fact" and start.get(name, U) is not U
    in_force = [(r, v) for r, v in assigning if r.rule.instrument is None or r.rule.instrument in live]
    applicable = [] if given else [(r, v) for r, v in in_force if r.cond(env) is True]
    conflict = next((c for c in decision.conflicts if c.name == name), None)
    winner = _winner(decision, name, kind)
    notes = []
    for r, v in assigning:
        notes.append(_note(ev, words, r, v, name, env, live, day, given, applicable, winner, conflict))
    notes.sort(key=lambda n: _ORDER[n.status])
    value = decision.value(name)
    if given:
        status, sentence = "given", f"`{name}` was given as {value}, so the rules that decide it were not consulted."
    elif conflict is not None:
        status = "conflict"
        sentence = (f"`{name}` has no value: {conflict.describe()}, and none of them overrides the others.")
    elif value is not None and winner is not None:
        status = "decided"
        r = next(r for r, _ in assigning if r.id == winner)
        sentence = f"`{name}` is {value}, decided by {rule_name(r.rule)}{_title(r)}{_source(r.rule.cites)}."
    else:
        status = "undetermined"
        reason = _undetermined_reason(decision, name, kind)
        sentence = f"`{name}` has no value: {reason}."
    return TargetExplanation(name, kind, status, value, sentence, tuple(notes))


_ORDER = {DECIDED: 0, AGREES: 1, CONFLICT: 2, OVERRIDDEN: 3, NOT_APPLICABLE: 4, NOT_IN_FORCE: 5,
          NOT_CONSULTED: 6}


def _assigned(r: CRule, name: str) -> Value | None:
    if name in r.facts:
        return r.facts[name].value
    for a in r.measures:
        if a.target == name:
            return a.value
    return None


def _winner(decision: Decision, name: str, kind: str) -> str | None:
    if kind == "measure":
        m = decision.measures.get(name)
        return m.rule if m else None
    f = decision.facts.get(name)
    return f.rule if f else None


def _undetermined_reason(decision: Decision, name: str, kind: str) -> str:
    if kind == "measure":
        u = next((u for u in decision.undetermined if u.name == name), None)
        return u.reason if u else "no rule decides it"
    f = decision.facts.get(name)
    return (f.reason if f and f.reason else "no rule decides it")


def _title(r: CRule) -> str:
    return f" ({r.rule.title})" if r.rule.title else ""


def _source(cites: tuple[Citation, ...]) -> str:
    if not cites:
        return ""
    parts = []
    for c in cites:
        quoted = f": “{c.text}”" if c.text else ""
        parts.append(f"{cite_label(c)}{quoted}")
    return ", which cites " + "; and ".join(parts)


def _note(ev: Evaluator, words: Words, r: CRule, value: Value, name: str, env: dict, live: set[str],
          day: dt.date, given: bool, applicable: list, winner: str | None, conflict) -> RuleNote:
    rule = r.rule
    cond_text = condition_text(rule.when, words)
    me = rule_name(rule)
    me = me[0].upper() + me[1:]

    def note(status: str, sentence: str, by: str | None = None) -> RuleNote:
        return RuleNote(r.id, rule.title, rule.instrument, status, sentence, cond_text, value, by, rule.cites,
                        span=rule.span)
    if rule.instrument is not None and rule.instrument not in live:
        return note(NOT_IN_FORCE, f"{me} does not apply: {_not_in_force(ev, rule.instrument, day)}.")
    if given:
        return note(NOT_CONSULTED, f"{me} was not consulted: `{name}` was given.")
    if not any(o is r for o, _ in applicable):
        return note(NOT_APPLICABLE, f"{me} does not apply: {why_not(rule.when, env, words)}.")
    beaten_by = next((o for o, _ in applicable
                      if o is not r and r.idx in o.beats and o.idx not in r.beats), None)
    if beaten_by is not None:
        return note(OVERRIDDEN, f"{me} applies (it would give {value}) but is overridden by "
                    f"{rule_name(beaten_by.rule)}.", beaten_by.id)
    if conflict is not None:
        return note(CONFLICT, f"{me} applies and gives {value}; no rule overrides it and another "
                    "applicable rule gives a different value.")
    if r.id == winner:
        return note(DECIDED, f"{me} applies (“{cond_text}” holds) and gives {value}.")
    return note(AGREES, f"{me} also applies and gives the same value, {value}.")


def _not_in_force(ev: Evaluator, instrument: str, day: dt.date) -> str:
    policy = ev.policy
    inst = policy.instruments.get(instrument)
    when = day.isoformat()
    if inst is None:
        return f"its instrument `{instrument}` is not declared"
    if inst.external:
        return f"instrument `{instrument}` is external (not encoded)"
    if inst.first is not None and inst.last is not None and inst.first <= day <= inst.last:
        revokers = [o for o in policy.instruments.values()
                    if instrument in o.revokes and o.first is not None and not o.external and o.first <= day]
        if revokers:
            rv = revokers[0]
            return (f"instrument `{instrument}` is not in force on {when}: `{rv.id}` revokes it from "
                    f"{rv.first.isoformat()}")
    period = ""
    if inst.first is not None and inst.last is not None:
        period = f" (in force {inst.first.isoformat()} to {inst.last.isoformat()})"
    return f"instrument `{instrument}` is not in force on {when}{period}"
