"""What an evaluation answers: a `Decision` with the value and provenance of every measure.

All objects are frozen. A decided measure carries the rule that decided it, its instrument and
its citations with the quoted source text. `Decision.to_json` is the versioned JSON contract of
`ppkm eval --format json`:

    {"version": 1, "at": "2021-07-22", "in_force": [ids], "note"?: "...", "note_code"?: "PPK605",
     "facts": {name: {"value", "given": bool, "rule"?, "reason"?}},
     "measures": {name: {"value", "unit", "rule", "instrument", "cite", "text", "cites"}},
     "undetermined": [{"measure", "reason", "needs": [facts]}],
     "conflicts": [{"measure", "kind", "candidates": [{"rule", "value", "cite"}]}]}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from ppkm_lang.ir.model import PERCENT, Citation, Value
from ppkm_lang.source import Span, span_field
from ppkm_lang.diagnostics.codes import NO_INSTRUMENT_IN_FORCE

FORMAT_VERSION = 1
NO_INSTRUMENT = NO_INSTRUMENT_IN_FORCE  # the code of the note "no instrument in force on ..."


def cite_label(c: Citation) -> str:
    """E.g. `inmendagri_23_2021 KESEBELAS huruf d angka 1`."""
    return f"{c.instrument} {c.label()}"


def cites_label(cites: tuple[Citation, ...]) -> str:
    return "; ".join(dict.fromkeys(cite_label(c) for c in cites))


def cites_text(cites: tuple[Citation, ...]) -> str | None:
    texts = [c.text for c in cites if c.text]
    return " / ".join(texts) if texts else None


def cites_json(cites: tuple[Citation, ...]) -> list[dict]:
    return [{"instrument": c.instrument, "diktum": c.diktum, "path": list(c.path), "label": cite_label(c),
             "text": c.text} for c in cites]


@attrs.frozen
class FactResult:
    """A fact as the evaluation used it: given, decided by a rule, or undetermined."""

    name: str
    value: Value | None
    given: bool
    rule: str | None = None
    reason: str | None = None  # why it is undetermined

    def to_json(self) -> dict:
        out: dict = {"value": None if self.value is None else self.value.to_json(), "given": self.given}
        if self.rule is not None:
            out["rule"] = self.rule
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@attrs.frozen
class MeasureResult:
    """A decided measure and where its value comes from."""

    name: str
    value: Value
    unit: str | None
    rule: str
    instrument: str | None
    cites: tuple[Citation, ...]
    title: str | None = None  # the deciding rule's title
    span: Span = span_field()  # the deciding rule
    cite: str = attrs.field(init=False, eq=False, repr=False)  # the citations' labels, joined
    text: str | None = attrs.field(init=False, eq=False, repr=False)  # their quoted texts, joined

    def __attrs_post_init__(self):
        # Computed once: a result object is made per rule and target, then shared by queries.
        object.__setattr__(self, "cite", cites_label(self.cites))
        object.__setattr__(self, "text", cites_text(self.cites))

    def to_json(self) -> dict:
        return {"value": self.value.to_json(), "unit": self.unit, "rule": self.rule,
                "instrument": self.instrument, "cite": self.cite, "text": self.text,
                "cites": cites_json(self.cites)}


def unit_of(typ) -> str | None:
    if typ.unit:
        return typ.unit
    return "%" if typ.kind == PERCENT else None


@attrs.frozen
class Undetermined:
    name: str
    reason: str
    needs: tuple[str, ...] = ()  # undetermined facts that the rules for it test

    def to_json(self) -> dict:
        return {"measure": self.name, "reason": self.reason, "needs": list(self.needs)}


@attrs.frozen
class Candidate:
    rule: str
    value: Value
    cites: tuple[Citation, ...] = ()

    def to_json(self) -> dict:
        return {"rule": self.rule, "value": self.value.to_json(), "cite": cites_label(self.cites)}


@attrs.frozen
class Conflict:
    """Applicable rules, none overriding the others, that give one target different values."""

    name: str
    candidates: tuple[Candidate, ...]
    kind: str = "measure"  # or "fact" for a derived fact

    def to_json(self) -> dict:
        return {"measure": self.name, "kind": self.kind,
                "candidates": [c.to_json() for c in self.candidates]}

    def describe(self) -> str:
        parts = ", ".join(f"`{c.rule}` gives {c.value}" for c in self.candidates)
        return f"the rules disagree: {parts}"


@attrs.frozen
class Decision:
    """The answer for one date and one set of facts."""

    at: dt.date
    in_force: tuple[str, ...]
    facts: Mapping[str, FactResult] = attrs.field(hash=False)
    measures: Mapping[str, MeasureResult] = attrs.field(hash=False)
    # The measures no rule decides, with the reasons: a tuple, or an object whose `get()` makes
    # it on first use (the reasons cost more than the decision itself).
    _undetermined: Any = attrs.field(default=(), eq=False, repr=False)
    conflicts: tuple[Conflict, ...] = ()
    note: str | None = None  # e.g. "no instrument in force on 2021-07-26"

    @property
    def undetermined(self) -> tuple[Undetermined, ...]:
        pending = self._undetermined
        return pending if isinstance(pending, tuple) else pending.get()

    def value(self, name: str) -> Value | None:
        """The value of a measure or fact, or None when it has none."""
        if name in self.measures:
            return self.measures[name].value
        fact = self.facts.get(name)
        return fact.value if fact is not None else None

    def to_json(self) -> dict:
        out: dict = {"version": FORMAT_VERSION, "at": self.at.isoformat(), "in_force": list(self.in_force)}
        if self.note is not None:
            out["note"] = self.note
            if not self.in_force:
                out["note_code"] = NO_INSTRUMENT
        out["facts"] = {n: f.to_json() for n, f in self.facts.items()}
        out["measures"] = {n: m.to_json() for n, m in self.measures.items()}
        out["undetermined"] = [u.to_json() for u in self.undetermined]
        out["conflicts"] = [c.to_json() for c in self.conflicts]
        return out
