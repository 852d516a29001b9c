"""Mutation testing: how well a policy's `example` blocks pin its provisions down.

Each mutant (`testing.mutants`) is *killed* when some example fails on it, *equivalent* when its
diff with the original is empty (no input on any date gets a different answer: no example could
kill it; counted apart), and otherwise *survives*: then the first region of its diff gives a
ready-to-paste `example` block, with the original's answer, that would kill it. The score is
killed / (killed + survived).

Speed: the mutants share the original's analysis space and are run by the residual engine
(no parsing, no answer objects); an example is re-run only when the mutant can change it (it
expects a target the changed rule can reach, on a day the rule is in force, or its day's
instruments in force changed).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Iterable

import attrs

from ppkm_lang.analysis.derive import NONE, VALUE
from ppkm_lang.analysis.space import AT, Space
from ppkm_lang.analysis.witness import nice_point
from ppkm_lang.diff.engine import Change, diff_policies
from ppkm_lang.eval.inputs import encode
from ppkm_lang.eval.residual import DEFINITE, UNDETERMINED, ResidualEngine
from ppkm_lang.ir.model import BOOL, ENUM, REGION, Policy, Value, facts_of, value_from_numeric
from ppkm_lang.source import Span, span_field
from ppkm_lang.testing.mutants import Mutant, mutants as make_mutants

KILLED, SURVIVED, EQUIVALENT = "killed", "survived", "equivalent"


@attrs.frozen
class MutantResult:
    id: str
    operator: str
    change: str
    status: str
    killed_by: str | None = None  # the first example that fails on it
    suggestion: str | None = None  # survivors: an example block that would kill it
    difference: str | None = None  # survivors: where the answer changes, in words
    location: Span = span_field()

    def to_json(self) -> dict:
        out = {"id": self.id, "operator": self.operator, "change": self.change, "status": self.status,
               "location": self.location.to_json()}
        if self.killed_by:
            out["killed_by"] = self.killed_by
        if self.status == SURVIVED:
            out["difference"] = self.difference
            out["example"] = self.suggestion
        return out


@attrs.frozen
class MutationReport:
    results: tuple[MutantResult, ...]
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def score(self) -> float:
        """Killed among the mutants an example could kill, in percent (100 when there are none)."""
        killed, survived = self.count(KILLED), self.count(SURVIVED)
        return 100.0 if killed + survived == 0 else 100.0 * killed / (killed + survived)

    def survivors(self) -> list[MutantResult]:
        return [r for r in self.results if r.status == SURVIVED]

    def to_json(self) -> dict:
        return {"version": 1, "mutants": len(self.results), "killed": self.count(KILLED),
                "survived": self.count(SURVIVED), "equivalent": self.count(EQUIVALENT),
                "score": round(self.score, 2), "seconds": round(self.seconds, 3),
                "results": [r.to_json() for r in self.results]}


class _Examples:
    """The examples, pre-encoded, run by a residual engine."""

    def __init__(self, policy: Policy):
        self.items = []
        for ex in policy.examples.values():
            if ex.at is None:
                continue
            given = {a.target: encode(a.value) for a in ex.given}
            expected = {a.target: a.value for a in ex.expect}
            wanted = tuple(dict.fromkeys([*expected, *ex.undetermined]))
            self.items.append((ex, given, expected, wanted))

    @staticmethod
    def passes(engine: ResidualEngine, policy: Policy, item) -> bool:
        ex, given, expected, wanted = item
        in_force = tuple(policy.in_force(ex.at))
        if ex.no_instrument and in_force:
            return False
        targets = [t for t in wanted if t not in given]
        res = engine.run(in_force, given, targets) if targets else {}
        for name, value in expected.items():
            if name in given:
                if given[name] != encode(value):
                    return False
                continue
            r = res.get(name)
            if r is None or r.status != DEFINITE or not _same(r.value, value):
                return False
        for name in ex.undetermined:
            r = res.get(name)
            if name in given or (r is not None and r.status != UNDETERMINED):
                return False
        return True


def _same(a: Value | None, b: Value) -> bool:
    if a is None or a.kind != b.kind:
        return False
    return (a.data if a.kind == "text" else encode(a)) == (b.data if b.kind == "text" else encode(b))


def _reach(policy: Policy, rules: Iterable[str]) -> set[str]:
    """The targets the rules assign, and every target whose rules test one of those, onwards."""
    found = {a.target for r in rules if r in policy.rules for a in policy.rules[r].then}
    changed = True
    while changed:
        changed = False
        for rule in policy.rules.values():
            if facts_of(rule.when) & found:
                for a in rule.then:
                    if a.target not in found:
                        found.add(a.target)
                        changed = True
    return found


class _Classes(dict):
    """The value classes of a mutant's engine (they key its caches): the original's, which are
    at least as fine for every fact whose tests the mutant keeps or drops; for the fact whose
    test it changed, each value is a class of its own."""

    def __init__(self, original, changed: str | None):
        super().__init__()
        self._original, self._changed = original, changed

    def __contains__(self, key) -> bool:
        return key in self._original

    def __missing__(self, key):
        value = self[key] = (lambda x: x) if key == self._changed else self._original[key]
        return value


class MutationRun:
    def __init__(self, policy: Policy, engine: ResidualEngine | None = None):
        self.policy = policy
        self.engine = engine or ResidualEngine(policy)
        self.space: Space = self.engine.space
        self.examples = _Examples(policy)
        self.in_force = {item[0].name: tuple(policy.in_force(item[0].at)) for item in self.examples.items}

    def regions(self) -> tuple[str, ...]:
        """The kab/kota a region set may be widened with, in the official coding order (names
        the list does not hold last, by name)."""
        from ppkm_lang.semantics.gazetteer import embedded_gazetteer
        from ppkm_lang.semantics.regions import region_key
        codes = embedded_gazetteer().kabkota
        for d, dim in self.space.dims.items():
            if dim.kind == REGION:
                return tuple(sorted(dim.full, key=lambda n: (codes.get(region_key(n), "~"), n)))
        return ()

    def run(self, chosen: Iterable[Mutant] | None = None) -> MutationReport:
        start = time.perf_counter()
        todo = list(chosen) if chosen is not None else make_mutants(self.policy, self.regions())
        results = tuple(self.judge(m) for m in todo)
        return MutationReport(results, time.perf_counter() - start)

    def _candidates(self, m: Mutant):
        """The examples the mutant can change."""
        policy = m.policy
        if m.instrument is not None:
            for item in self.examples.items:
                if tuple(policy.in_force(item[0].at)) != self.in_force[item[0].name]:
                    yield item
            return
        reach = _reach(self.policy, m.rules) | _reach(policy, m.rules)
        instruments = {self.policy.rules[r].instrument for r in m.rules if r in self.policy.rules}
        for item in self.examples.items:
            ex, _, _, wanted = item
            if not reach.intersection(wanted):
                continue
            live = self.in_force[ex.name]
            if None not in instruments and not instruments.intersection(live):
                continue
            yield item

    def judge(self, m: Mutant) -> MutantResult:
        engine = ResidualEngine(m.policy, space=self.space)
        engine.classifiers = _Classes(self.engine.classifiers, m.fact)
        for item in self._candidates(m):
            if not self.examples.passes(engine, m.policy, item):
                return MutantResult(m.id, m.operator, m.change, KILLED, killed_by=item[0].name, location=m.location)
        targets = None
        if m.instrument is None:
            targets = sorted(_reach(self.policy, m.rules) | _reach(m.policy, m.rules))
        diff = diff_policies(self.policy, m.policy, targets, engines=(self.engine, engine), space=self.space)
        if diff.equivalent:
            return MutantResult(m.id, m.operator, m.change, EQUIVALENT, location=m.location)
        change = _pick(diff.changes)
        return MutantResult(m.id, m.operator, m.change, SURVIVED, suggestion=self.example_block(m, change),
                            difference=_difference(diff, change), location=m.location)

    # ------------------------------------------------------------------ suggestions
    def example_block(self, m: Mutant, c: Change) -> str:
        """An example that holds on the original and fails on the mutant."""
        given = []
        for d in sorted(c.box, key=lambda k: list(self.policy.facts).index(k) if k in self.policy.facts else 0):
            if d == AT:
                continue
            dim = self.space.dims[d]
            given.append(f"{d} = {_literal(dim, nice_point(dim, c.box[d]))}")
        day = c.witness.get(AT)
        if day is None:
            first = next((self.policy.instruments[i].first for i in c.old.in_force
                          if self.policy.instruments[i].first), None)
            day = (first or dt.date(2021, 1, 1)).isoformat()
        o = c.old.outcome
        expect = f"expect {c.target} = {o.value}" if o.kind == VALUE else f"expect undetermined {c.target}"
        cites = c.old.cites or tuple(ci for r in m.rules if r in self.policy.rules for ci in self.policy.rules[r].cites)
        cite = f"\n  cite {cites[0].instrument} {_cite_ref(cites[0])}" if cites else ""
        name = f"contoh_{m.subject}_{m.id}".replace("#", "_").replace(".", "_")
        lines = [f"example {name} {{", f"  at {day}"]
        if given:
            lines.append("  given " + ", ".join(given))
        lines.append("  " + expect + cite)
        lines.append("}")
        return "\n".join(lines)


def _cite_ref(c) -> str:
    """As a `cite` names it: `KEDUABELAS j.1`."""
    return c.diktum + (" " + ".".join(c.path) if c.path else "")


def _pick(changes: tuple[Change, ...]) -> Change:
    """A region an example can state: the original gives a value there (or no rule does)."""
    for kinds in ((VALUE,), (NONE,)):
        for c in changes:
            if c.old.outcome.kind in kinds:
                return c
    return changes[0]


def _difference(diff, c: Change) -> str:
    from ppkm_lang.analysis.witness import box_text
    where = box_text(diff.space, c.box) if c.box else "everywhere"
    return f"`{c.target}`: {c.old.label} -> {c.new.label} where {where}"


def _literal(dim, x) -> str:
    if dim.kind == BOOL:
        return "true" if x == "true" else "false"
    if dim.kind == REGION:
        return f'"{x}"'
    if dim.finite or dim.kind == ENUM:
        return str(x)
    return str(value_from_numeric(dim.kind, x))


def mutation_test(policy: Policy, engine: ResidualEngine | None = None) -> MutationReport:
    """Every mutant of `policy`, judged by its examples."""
    return MutationRun(policy, engine).run()


__all__ = ["KILLED", "SURVIVED", "EQUIVALENT", "MutantResult", "MutationReport", "MutationRun", "mutation_test"]
