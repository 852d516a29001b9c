"""Run the `example` blocks of a policy: evaluate each on its date with its given facts and
compare with what it expects; and measure which rules and table rows the examples exercise
(a rule is exercised when it decides a definite value in some example: every rule that gives
the deciding value counts)."""

from __future__ import annotations

from typing import Any, Callable

import attrs

from ppkm_lang.eval.answer import DEFINITE, UNDETERMINED, Answer
from ppkm_lang.eval.inputs import InputError, encode
from ppkm_lang.ir.model import Example, Policy, Rule, Value
from ppkm_lang.source import Span, span_field
from ppkm_lang.diagnostics.codes import EXAMPLE_FAILED

PASS, FAIL, ERROR = "pass", "fail", "error"
NO_INSTRUMENT = "instruments in force"


@attrs.frozen
class Difference:
    target: str
    expected: str
    actual: str

    def line(self) -> str:
        return f"{self.target}: expected {self.expected}, got {self.actual}"


@attrs.frozen
class ExampleResult:
    name: str
    title: str | None
    status: str  # pass | fail | error
    expected: dict[str, str] = attrs.field(hash=False)
    actual: dict[str, str] = attrs.field(hash=False)
    differences: tuple[Difference, ...] = ()
    message: str | None = None  # why the example could not be run (status error)
    decided_by: tuple[str, ...] = ()  # rules that decided a value
    location: Span = span_field()

    def to_json(self) -> dict:
        out = {"name": self.name, "title": self.title, "location": self.location.to_json(),
               "status": self.status, "expected": dict(self.expected), "actual": dict(self.actual),
               "differences": [attrs.asdict(d) for d in self.differences]}
        if self.status == FAIL:
            out["code"] = EXAMPLE_FAILED
        if self.message is not None:
            out["message"] = self.message
        return out


@attrs.frozen
class UncoveredRule:
    rule: str
    table: str | None
    row: int | None
    instrument: str | None
    location: Span = span_field()

    def describe(self) -> str:
        if self.table is not None:
            return f"row {self.row} of table `{self.table}`"
        return f"rule `{self.rule}`"

    def to_json(self) -> dict:
        return {"rule": self.rule, "table": self.table, "row": self.row, "instrument": self.instrument,
                "location": self.location.to_json()}


@attrs.frozen
class Coverage:
    rules: int
    covered: int
    uncovered: tuple[UncoveredRule, ...]

    @property
    def percent(self) -> float:
        return 100.0 if self.rules == 0 else 100.0 * self.covered / self.rules

    def to_json(self) -> dict:
        return {"rules": self.rules, "covered": self.covered, "percent": round(self.percent, 2),
                "uncovered": [u.to_json() for u in self.uncovered]}


@attrs.frozen
class TestReport:
    results: tuple[ExampleResult, ...]
    coverage: Coverage

    __test__ = False  # not a pytest test class

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def passed(self) -> int:
        return sum(1 for r in self.results if r.status == PASS)

    @property
    def failed(self) -> int:
        return self.total - self.passed

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def to_json(self) -> dict:
        return {"version": 1, "total": self.total, "passed": self.passed, "failed": self.failed,
                "results": [r.to_json() for r in self.results], "coverage": self.coverage.to_json()}


def run_examples(policy: Policy, answer: Callable[[Any, dict], Answer]) -> TestReport:
    """Every example of `policy`, answered by `answer(at, facts)` (see `api.Prepared.examples`)."""
    results = tuple(run_example(answer, ex) for ex in policy.examples.values())
    exercised = {rule for r in results for rule in r.decided_by}
    rules = [r for r in policy.rules.values()]
    uncovered = tuple(_uncovered(r) for r in rules if r.id not in exercised)
    return TestReport(results, Coverage(len(rules), len(rules) - len(uncovered), uncovered))


def _uncovered(rule: Rule) -> UncoveredRule:
    return UncoveredRule(rule.id, rule.table, rule.row, rule.instrument, location=rule.span)


def run_example(answer: Callable[[Any, dict], Answer], ex: Example) -> ExampleResult:
    """An `expect NAME = VALUE` holds when the answer is definite with that value; `expect
    undetermined NAME` when no rule can decide it whatever the unknown facts are."""
    expected = _expected(ex)
    if ex.at is None:
        return ExampleResult(ex.name, ex.title, ERROR, expected, {}, message="the example has no date (`at`)",
                             location=ex.span)
    try:
        result = answer(ex.at, {a.target: a.value for a in ex.given})
    except InputError as exc:
        return ExampleResult(ex.name, ex.title, ERROR, expected, {}, message=str(exc), location=ex.span)
    actual: dict[str, str] = {}
    diffs: list[Difference] = []
    for a in ex.expect:
        got = _actual(result, a.target)
        actual[a.target] = got
        if not _same(result.value(a.target), a.value):
            diffs.append(Difference(a.target, str(a.value), got))
    for name in ex.undetermined:
        got = _actual(result, name)
        actual[name] = got
        if result.status(name) not in (UNDETERMINED, None):
            diffs.append(Difference(name, "undetermined", got))
    if ex.no_instrument:
        got = ", ".join(result.in_force) or "none"
        actual[NO_INSTRUMENT] = got
        if result.in_force:
            diffs.append(Difference(NO_INSTRUMENT, "none", got))
    decided = tuple(dict.fromkeys(r for t in [*result.measures.values(), *result.facts.values()]
                                  if t.status == DEFINITE for r in t.rules))
    return ExampleResult(ex.name, ex.title, FAIL if diffs else PASS, expected, actual, tuple(diffs),
                         decided_by=decided, location=ex.span)


def _expected(ex: Example) -> dict[str, str]:
    out = {a.target: str(a.value) for a in ex.expect}
    out.update({n: "undetermined" for n in ex.undetermined})
    if ex.no_instrument:
        out[NO_INSTRUMENT] = "none"
    return out


def _actual(result: Answer, name: str) -> str:
    if name in result.given:
        return f"{result.given[name]} (given)"
    t = result.target(name)
    if t is None:
        return "undetermined (no instrument in force)" if not result.in_force else "undetermined"
    if t.status == DEFINITE:
        return f"{t.value} (rule{'s' if len(t.rules) > 1 else ''} " + ", ".join(f"`{r}`" for r in t.rules) + ")"
    if t.status == UNDETERMINED:
        return "undetermined"
    parts = []
    for c in t.cases:
        what = str(c.value) if c.outcome == "value" else ("no rule" if c.outcome == "none" else "conflict")
        parts.append(f"{what} where {c.text}")
    return f"{t.status}: " + "; ".join(parts)


def _same(actual: Value | None, expected: Value) -> bool:
    if actual is None or actual.kind != expected.kind:
        return False
    return _key(actual) == _key(expected)


def _key(v: Value) -> Any:
    return v.data if v.kind == "text" else encode(v)
