"""What a question is answered with: each measure (and each derived fact not given) is
*definite*, *conditional* or *undetermined*, with its cases, the facts that decide them and the
next question to ask. Built from the residual engine (`eval.residual`); all objects are frozen.

`Answer.to_json` is the versioned JSON contract of `ppkm eval --format json`, documented in
`dsl/reference.md` ("Answers"). Version 2:

    {"version": 2, "at": "2021-04-10", "in_force": [ids], "note"?, "note_code"?,
     "given": {fact: value},
     "notes": [{"code", "fact", "message", "cites"}],
     "facts": {derived fact: TARGET}, "measures": {measure: TARGET},
     "questions": [QUESTION], "next_question": QUESTION | null,
     "conflicts": [{"measure", "kind", "candidates": [{"rule", "value", "cite"}]}]}
    TARGET = {"status": "definite" | "conditional" | "undetermined" | "conflict",
              "relevant": bool, "unit", "summary": one line, "needs": [facts],
              "value"?, "rule"?, "rules"?, "instrument"?, "cite"?, "text"?, "cites"?   (definite)
              "cases"?: [CASE] (conditional, conflict, and definite with several deciding rules)
              "reason"? (undetermined)}
    CASE = {"when": {fact: SET}, "when_text", "via": {derived fact: [values]},
            "outcome": "value" | "none" | "conflict", "value"?, "rules", "cite"?, "text"?, "cites"?}
    SET = {"in": [values]} | {"not_in": [values]} | {"ranges": [{"min"?, "min_inclusive", "max"?,
          "max_inclusive"}]}
    QUESTION = {"fact", "type", "doc", "values"?, "min"?, "max"?, "unit"?, "derived": bool,
                "settles": [measures], "affects": [measures]}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from ppkm_lang.analysis.derive import CONFLICT, NONE, VALUE
from ppkm_lang.analysis.space import NEG, POS, Box, Space
from ppkm_lang.analysis.witness import to_json as point_json
from ppkm_lang.diagnostics.codes import NO_INSTRUMENT_IN_FORCE
from ppkm_lang.eval.residual import CONDITIONAL, CONFLICTING, DEFINITE, UNDETERMINED, Residual
from ppkm_lang.eval.results import cites_json, cites_label, cites_text
from ppkm_lang.ir.model import BOOL, REGION, Citation, Value

FORMAT_VERSION = 2


# ---------------------------------------------------------------------------- the model


@attrs.frozen
class Case:
    """One region of the unknown facts and what the target is there."""

    when: Box = attrs.field(eq=False)  # over facts that can be given; {} is every case
    when_json: Mapping[str, dict] = attrs.field(eq=False)  # the same, as JSON (see SET above)
    text: str  # the region, readable
    via: Mapping[str, tuple[str, ...]] = attrs.field(eq=False)  # derived facts' values here, for readers
    outcome: str  # "value", "none" (no rule applies) or "conflict"
    value: Value | None
    rules: tuple[str, ...]
    cites: tuple[Citation, ...]
    # conflict: (rule, its value, its citation label) for each disagreeing rule
    candidates: tuple[tuple[str, Value, str], ...] = ()


@attrs.frozen
class TargetAnswer:
    """A measure or a derived fact, as far as the given facts decide it."""

    name: str
    kind: str  # "measure" or "fact"
    status: str  # definite | conditional | undetermined | conflict
    cases: tuple[Case, ...]
    needs: tuple[str, ...]  # the facts that decide between the cases
    relevant: bool  # decided by a rule that tests a fact of the question (see `relevance`)
    unit: str | None = None
    instrument: str | None = None
    summary: str = ""  # one line: the value, or the usual value and its exceptions
    uses: tuple[str, ...] = ()  # derived facts (not given) that the rules which can decide it test

    @property
    def value(self) -> Value | None:
        return self.cases[0].value if self.status == DEFINITE else None

    @property
    def rules(self) -> tuple[str, ...]:
        """Every rule that gives the answer in some case, in policy order, once."""
        return tuple(dict.fromkeys(r for c in self.cases for r in c.rules))

    @property
    def cites(self) -> tuple[Citation, ...]:
        return tuple(dict.fromkeys(ci for c in self.cases for ci in c.cites))

    @property
    def rule(self) -> str | None:
        return self.rules[0] if self.rules else None

    @property
    def cite(self) -> str:
        return cites_label(self.cites)

    @property
    def text(self) -> str | None:
        return cites_text(self.cites)

    def to_json(self) -> dict:
        out: dict[str, Any] = {"status": self.status, "relevant": self.relevant, "unit": self.unit,
                               "summary": self.summary, "needs": list(self.needs)}
        if self.status == DEFINITE:
            out.update({"value": self.value.to_json(), "rule": self.rule, "rules": list(self.rules),
                        "instrument": self.instrument, "cite": self.cite, "text": self.text,
                        "cites": cites_json(self.cites)})
        if self.status == UNDETERMINED:
            out["reason"] = "no rule of the instruments in force applies, whatever the unknown facts are"
        if self.status != UNDETERMINED and (self.status != DEFINITE or len(self.cases) > 1):
            out["cases"] = [case_json(c) for c in self.cases]
        return out


@attrs.frozen
class Question:
    """A fact worth asking: its answer would settle or change some measure."""

    fact: str
    type: str
    doc: str | None
    settles: tuple[str, ...]  # measures it alone makes definite
    affects: tuple[str, ...]  # measures whose cases it splits
    derived: bool = False  # a derived fact no rule decides here: the fact itself is asked
    values: tuple[str, ...] = ()
    lo: Value | None = None
    hi: Value | None = None
    unit: str | None = None

    def to_json(self) -> dict:
        out: dict[str, Any] = {"fact": self.fact, "type": self.type, "doc": self.doc, "derived": self.derived,
                               "settles": list(self.settles), "affects": list(self.affects)}
        if self.values:
            out["values"] = list(self.values)
        if self.lo is not None:
            out["min"] = self.lo.to_json()
        if self.hi is not None:
            out["max"] = self.hi.to_json()
        if self.unit:
            out["unit"] = self.unit
        return out


@attrs.frozen
class Note:
    """Something the reader must know about the question itself (a given derived fact that its
    own rules contradict, no instrument in force)."""

    message: str
    code: str | None = None
    fact: str | None = None
    cites: tuple[Citation, ...] = ()

    def to_json(self) -> dict:
        return {"code": self.code, "fact": self.fact, "message": self.message, "cites": cites_json(self.cites)}


@attrs.frozen
class Answer:
    """The answer to one question: a date and some facts."""

    at: dt.date
    in_force: tuple[str, ...]
    given: Mapping[str, Value] = attrs.field(hash=False)
    facts: Mapping[str, TargetAnswer] = attrs.field(hash=False)  # derived facts not given
    measures: Mapping[str, TargetAnswer] = attrs.field(hash=False)
    questions: tuple[Question, ...] = ()
    notes: tuple[Note, ...] = ()

    def target(self, name: str) -> TargetAnswer | None:
        return self.measures.get(name) or self.facts.get(name)

    def value(self, name: str) -> Value | None:
        """The definite value of a measure or fact (a given fact's value), else None."""
        if name in self.given:
            return self.given[name]
        t = self.target(name)
        return t.value if t is not None else None

    def status(self, name: str) -> str | None:
        if name in self.given:
            return DEFINITE
        t = self.target(name)
        return t.status if t is not None else None

    @property
    def next_question(self) -> Question | None:
        return self.questions[0] if self.questions else None

    def of_status(self, status: str) -> list[TargetAnswer]:
        return [m for m in self.measures.values() if m.status == status]

    @property
    def definite(self) -> dict[str, TargetAnswer]:
        """The measures with one value whatever the unknown facts are."""
        return {n: m for n, m in self.measures.items() if m.status == DEFINITE}

    @property
    def conflicts(self) -> list[TargetAnswer]:
        """Measures and derived facts whose winning rules disagree in some case."""
        return [t for t in [*self.facts.values(), *self.measures.values()]
                if any(c.outcome == CONFLICT for c in t.cases)]

    def to_json(self) -> dict:
        out: dict[str, Any] = {"version": FORMAT_VERSION, "at": self.at.isoformat(), "in_force": list(self.in_force)}
        if not self.in_force:
            out["note"] = f"no instrument in force on {self.at.isoformat()}"
            out["note_code"] = str(NO_INSTRUMENT_IN_FORCE)
        out["given"] = {n: v.to_json() for n, v in self.given.items()}
        out["notes"] = [n.to_json() for n in self.notes]
        out["facts"] = {n: t.to_json() for n, t in self.facts.items()}
        out["measures"] = {n: t.to_json() for n, t in self.measures.items()}
        out["questions"] = [q.to_json() for q in self.questions]
        out["next_question"] = self.next_question.to_json() if self.questions else None
        out["conflicts"] = [{"measure": t.name, "kind": t.kind,
                             "candidates": [{"rule": r, "value": v.to_json(), "cite": cite}
                                            for c in t.cases if c.outcome == CONFLICT
                                            for r, v, cite in c.candidates]}
                            for t in self.conflicts]
        return out


# ---------------------------------------------------------------------------- JSON of boxes


def set_json(space: Space, fact: str, s) -> dict:
    dim = space.dims[fact]
    if dim.finite:
        members = [v for v in dim.order if v in s] + sorted(set(s) - set(dim.order))
        if dim.kind == BOOL:
            return {"in": [v == "true" for v in members]}
        rest = [v for v in dim.order if v not in s]
        if dim.kind == REGION and len(rest) < len(members):
            return {"not_in": rest}
        return {"in": members}
    ranges = []
    for lo, lc, hi, hc in s:
        r: dict[str, Any] = {}
        if lo != NEG:
            r["min"], r["min_inclusive"] = point_json(dim, lo), bool(lc)
        if hi != POS:
            r["max"], r["max_inclusive"] = point_json(dim, hi), bool(hc)
        ranges.append(r)
    return {"ranges": ranges}


def case_json(case: Case) -> dict:
    out: dict[str, Any] = {"when": dict(case.when_json), "when_text": case.text,
                           "via": {k: list(v) for k, v in case.via.items()},
                           "outcome": case.outcome, "rules": list(case.rules)}
    if case.outcome == VALUE:
        out.update({"value": case.value.to_json(), "cite": cites_label(case.cites),
                    "text": cites_text(case.cites), "cites": cites_json(case.cites)})
    elif case.outcome == CONFLICT:
        out["values"] = [v.to_json() for _, v, _ in case.candidates]
    return out


__all__ = ["FORMAT_VERSION", "Answer", "TargetAnswer", "Case", "Question", "Note", "set_json", "case_json",
           "DEFINITE", "CONDITIONAL", "UNDETERMINED", "CONFLICTING", "VALUE", "NONE", "CONFLICT"]
