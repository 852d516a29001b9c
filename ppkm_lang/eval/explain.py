"""Why each measure and derived fact is what the answer says: the deciding rules with their
quoted source sentences, and for every other rule that could give it a value, why it does not
(the first condition that fails, with the fact's actual value), where it would apply (its
condition depends on facts that are not given: then it may apply, and the answer is
conditional), or which rule overrides it.

The explanation is built from the same answer `ppkm eval` gives (the residual engine), so it
cannot tell a different story.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

import attrs

from ppkm_lang.eval.answer import CONDITIONAL, CONFLICTING, DEFINITE, UNDETERMINED, Answer, TargetAnswer
from ppkm_lang.eval.answering import Answerer
from ppkm_lang.eval.compile import U
from ppkm_lang.eval.inputs import encode
from ppkm_lang.eval.residual import fold
from ppkm_lang.eval.results import cite_label, cites_json
from ppkm_lang.eval.wording import Words, condition_text, rule_name, why_not
from ppkm_lang.ir.model import FALSE, TRUE, Citation, Policy, Rule, Value
from ppkm_lang.source import Span, span_field

DECIDED, AGREES, OVERRIDDEN, CONFLICT = "decided", "agrees", "overridden", "conflict"
NOT_APPLICABLE, NOT_IN_FORCE, NOT_CONSULTED = "not_applicable", "not_in_force", "not_consulted"
DEPENDS = "depends"  # its condition depends on facts that are not given: it may apply


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
    decides: bool = False  # it gives the answer in at least one case

    def to_json(self) -> dict:
        out = {"rule": self.rule, "title": self.title, "instrument": self.instrument, "status": self.status,
               "sentence": self.sentence, "condition": self.condition,
               "value": None if self.value is None else self.value.to_json(), "cites": cites_json(self.cites),
               "decides": self.decides, "location": self.span.to_json()}
        if self.overridden_by is not None:
            out["overridden_by"] = self.overridden_by
        return out


@attrs.frozen
class TargetExplanation:
    name: str
    kind: str  # "measure" or "fact"
    status: str  # definite | conditional | given | undetermined | conflict
    value: Value | None
    sentence: str
    rules: tuple[RuleNote, ...] = ()

    @property
    def deciding(self) -> tuple[RuleNote, ...]:
        return tuple(n for n in self.rules if n.decides)

    def to_json(self) -> dict:
        return {"name": self.name, "kind": self.kind, "status": self.status,
                "value": None if self.value is None else self.value.to_json(), "sentence": self.sentence,
                "rules": [n.to_json() for n in self.rules]}


@attrs.frozen
class Explanation:
    answer: Answer
    facts: tuple[str, ...]  # one sentence per given fact
    targets: tuple[TargetExplanation, ...]

    def target(self, name: str) -> TargetExplanation | None:
        return next((t for t in self.targets if t.name == name), None)

    def to_json(self) -> dict:
        out = self.answer.to_json()
        out["explanation"] = {"facts": list(self.facts), "targets": [t.to_json() for t in self.targets]}
        return out


def explain(answerer: Answerer, at: Any, facts: Mapping[str, Any]) -> Explanation:
    answer = answerer.answer(at, facts)
    policy = answerer.policy
    words = Words(policy, answerer.derived)
    known = {n: encode(v) for n, v in answer.given.items()}
    for name, t in answer.facts.items():
        if t.status == DEFINITE:
            known[name] = encode(t.value)
    env = {n: known.get(n, U) for n in policy.facts}
    live = set(answer.in_force)
    kinds = {n: f.type.kind for n, f in policy.facts.items()}
    targets = []
    order = [f for f in answerer.engine.order] + list(policy.measures)
    for name in order:
        kind = "measure" if name in policy.measures else "fact"
        ta = answer.target(name)
        assigning = [r for r in policy.rules.values() if any(a.target == name for a in r.then)]
        if ta is None and name not in answer.given:
            continue
        notes = [_note(policy, words, r, name, ta, known, env, kinds, live, answer, answerer) for r in assigning]
        notes.sort(key=lambda n: _ORDER[n.status])
        targets.append(_target(name, kind, ta, answer, notes, policy))
    fact_lines = tuple(f"`{n}` is given as {v}." for n, v in answer.given.items())
    return Explanation(answer, fact_lines, tuple(targets))


def _target(name: str, kind: str, ta: TargetAnswer | None, answer: Answer, notes: list, policy: Policy) -> TargetExplanation:
    if ta is None:
        value = answer.given[name]
        return TargetExplanation(name, kind, "given", value,
                                 f"`{name}` was given as {value}, so the rules that derive it were not consulted.",
                                 tuple(notes))
    if ta.status == DEFINITE:
        rule = policy.rules[ta.rules[0]]
        others = "" if len(ta.rules) == 1 else " (with " + ", ".join(f"`{r}`" for r in ta.rules[1:]) + ", which agree)"
        sentence = f"`{name}` is {ta.value}, decided by {rule_name(rule)}{_title(rule)}{others}{_source(rule.cites)}."
    elif ta.status == CONFLICTING and len(ta.cases) == 1:
        c = ta.cases[0]
        parts = ", ".join(f"`{r}` gives {v}" for r, v, _ in c.candidates)
        sentence = f"`{name}` has no value: the rules disagree ({parts}), and none of them overrides the others."
    elif ta.status == UNDETERMINED:
        sentence = (f"`{name}` has no value: no rule of the instruments in force can give it one, whatever the "
                    "facts that are not given are.")
    else:
        parts = []
        for c in ta.cases:
            what = (str(c.value) if c.outcome == "value" else "no rule applies" if c.outcome == "none"
                    else "the rules disagree (" + ", ".join(f"`{r}` gives {v}" for r, v, _ in c.candidates) + ")")
            by = f" ({', '.join(f'`{r}`' for r in c.rules)})" if c.outcome == "value" else ""
            parts.append(f"{what}{by} where {c.text}")
        needs = ", ".join(f"`{f}`" for f in ta.needs)
        lead = "depends on facts that are not given" if ta.status == CONDITIONAL else "is in conflict"
        sentence = f"`{name}` {lead} ({needs}): " + "; ".join(parts) + "."
    return TargetExplanation(name, kind, ta.status, ta.value, sentence, tuple(notes))


def _note(policy: Policy, words: Words, rule: Rule, name: str, ta: TargetAnswer | None, known: dict, env: dict,
          kinds: dict, live: set[str], answer: Answer, answerer: Answerer) -> RuleNote:
    value = next(a.value for a in rule.then if a.target == name)
    cond_text = condition_text(rule.when, words)
    me = rule_name(rule)
    me = me[0].upper() + me[1:]

    decides = ta is not None and any(rule.id in c.rules and c.outcome == "value" for c in ta.cases)

    def note(status: str, sentence: str, by: str | None = None) -> RuleNote:
        return RuleNote(rule.id, rule.title, rule.instrument, status, sentence, cond_text, value, by, rule.cites,
                        span=rule.span, decides=decides)
    if rule.instrument is not None and rule.instrument not in live:
        return note(NOT_IN_FORCE, f"{me} does not apply: {_not_in_force(policy, rule.instrument, answer.at)}.")
    if ta is None:
        return note(NOT_CONSULTED, f"{me} was not consulted: `{name}` was given.")
    folded = fold(rule.when, known, kinds, answerer.engine.domains)
    if folded == FALSE:
        return note(NOT_APPLICABLE, f"{me} does not apply: {why_not(rule.when, env, words)}.")
    deciding = [c for c in ta.cases if rule.id in c.rules]
    if folded != TRUE:
        where = condition_text(folded, words)
        if deciding:
            tail = f"; there it gives {value}"
            if len(deciding) < len(ta.cases) or any(c.outcome != "value" for c in ta.cases):
                tail += " where " + " or ".join(c.text for c in deciding)
        else:
            tail = f"; there it would give {value} but " + _beaten_text(rule.id, ta, answerer)
        return note(DEPENDS, f"{me} applies only where {where}, which the given facts do not settle{tail}.")
    if ta.status == CONFLICTING or any(c.outcome == "conflict" and rule.id in [r for r, _, _ in c.candidates]
                                       for c in ta.cases):
        return note(CONFLICT, f"{me} applies and gives {value}; no rule overrides it and another applicable rule "
                    "gives a different value.")
    if deciding and len(deciding) == len(ta.cases):
        first = ta.cases[0].rules[0] == rule.id
        if first:
            return note(DECIDED, f"{me} applies (“{cond_text}” holds) and gives {value}.")
        return note(AGREES, f"{me} also applies and gives the same value, {value}.")
    if deciding:
        return note(DECIDED, f"{me} applies and gives {value} where " + " or ".join(c.text for c in deciding) +
                    "; elsewhere " + _beaten_text(rule.id, ta, answerer) + ".")
    beater = _beater(rule.id, ta, answerer)
    return note(OVERRIDDEN, f"{me} applies (it would give {value}) but is overridden by "
                f"{rule_name(policy.rules[beater]) if beater else 'another rule'}.", beater)


def _beater(rid: str, ta: TargetAnswer, answerer: Answerer) -> str | None:
    eng = answerer.engine
    for c in ta.cases:
        for r in c.rules:
            if eng.beaten_by[eng.index[rid]] >> eng.index[r] & 1:
                return r
    return None


def _beaten_text(rid: str, ta: TargetAnswer, answerer: Answerer) -> str:
    beater = _beater(rid, ta, answerer)
    if beater is None:
        return "another rule decides"
    return f"{rule_name(answerer.policy.rules[beater])} overrides it"


_ORDER = {DECIDED: 0, AGREES: 1, CONFLICT: 2, DEPENDS: 3, OVERRIDDEN: 4, NOT_APPLICABLE: 5, NOT_IN_FORCE: 6,
          NOT_CONSULTED: 7}


def _title(rule: Rule) -> str:
    return f" ({rule.title})" if rule.title else ""


def _source(cites: tuple[Citation, ...]) -> str:
    if not cites:
        return ""
    parts = []
    for c in cites:
        quoted = f": “{c.text}”" if c.text else ""
        parts.append(f"{cite_label(c)}{quoted}")
    return ", which cites " + "; and ".join(parts)


def _not_in_force(policy: Policy, instrument: str, day: dt.date) -> str:
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
