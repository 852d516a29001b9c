"""What the query computes, as data: for each period of the time line and each target, a
decision list of disjoint boxes over the columns the relation has, each with the row's result.

The residual engine is run once per set of instruments in force, with nothing given but the
date: a target's residual is then a list of disjoint cases over the input facts (and over
derived facts where no rule decides them). A row gives every present column, so the cases it
falls in are those whose box, *projected* on the present columns, holds the row; when a case
speaks of a fact the relation lacks (a column left out, or a derived fact no rule decides), a
row may fall in several cases, and the cut of the present columns into cells with the same set
of cases (`derive.split`) gives the decision list. A cell's result follows the answer's rules
(`eval.residual.Residual.status`, `eval.answering`): one value in every case is definite (its
citation that of the rules common to the cases), no rule anywhere is undetermined, the rules
disagreeing everywhere is a conflict, anything else is conditional.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

import attrs

from ppkm_lang.analysis.derive import CONFLICT, NONE, VALUE, Outcome, merge, split
from ppkm_lang.analysis.space import Box
from ppkm_lang.diagnostics.codes import UNSUPPORTED_COMPILE_TARGET
from ppkm_lang.eval.inputs import InputError
from ppkm_lang.eval.results import cites_label
from ppkm_lang.ir.model import Policy, Type, Value

OK, CONDITIONAL, UNDETERMINED, CONFLICTING, NO_INSTRUMENT = "ok", "conditional", "undetermined", "conflict", \
    "no_instrument"


@attrs.frozen
class Result:
    """What a target is for the rows of one cell."""

    status: str  # ok | conditional | undetermined | conflict | no_instrument
    value: Value | None = None  # ok only
    cite: str | None = None  # ok only: the citation text of the CSV output


@attrs.frozen
class Period:
    first: dt.date | None
    last: dt.date | None
    in_force: tuple[str, ...]


@attrs.frozen
class Plan:
    """Everything the SQL text is made from."""

    policy: Policy
    columns: tuple[str, ...]  # the fact columns the relation has, in declaration order
    targets: tuple[str, ...]  # the output targets, derived facts first, then measures
    periods: tuple[Period, ...]
    # target -> one decision list per period: ((box over `columns`, Result), ...), disjoint, covering
    lists: dict[str, tuple[tuple[tuple[Box, Result], ...], ...]]

    def output_type(self, target: str) -> Type:
        return self.policy.output_type(target)


def derived_facts(policy: Policy) -> set[str]:
    return {a.target for r in policy.rules.values() for a in r.then if a.target in policy.facts}


def input_facts(policy: Policy) -> list[str]:
    """The facts a person gives (no rule assigns them), in declaration order."""
    derived = derived_facts(policy)
    return [n for n in policy.facts if n not in derived]


def choose_columns(policy: Policy, columns: Iterable[str] | None) -> tuple[str, ...]:
    if columns is None:
        return tuple(input_facts(policy))
    wanted = list(dict.fromkeys(columns))
    for name in wanted:
        if name not in policy.facts:
            raise InputError(UNSUPPORTED_COMPILE_TARGET, f"`{name}` is not a fact of the policy, so it cannot be an input column",
                             fact=name, help="known facts: " + ", ".join(policy.facts))
    return tuple(n for n in policy.facts if n in wanted)


def choose_targets(policy: Policy, columns: tuple[str, ...], targets: Iterable[str] | None) -> tuple[str, ...]:
    derived = derived_facts(policy)
    every = [n for n in policy.facts if n in derived and n not in columns] + list(policy.measures)
    if targets is None:
        return tuple(every)
    wanted = list(dict.fromkeys(targets))
    for name in wanted:
        if name not in every:
            why = "is given as an input column" if name in columns else "is not a measure or derived fact"
            raise InputError(UNSUPPORTED_COMPILE_TARGET, f"`{name}` {why}, so it cannot be an output", fact=name,
                             help="outputs: " + ", ".join(every))
    return tuple(n for n in every if n in wanted)


def build(prepared, columns: Iterable[str] | None = None, targets: Iterable[str] | None = None) -> Plan:
    """The plan of the query for a prepared policy (raises PolicyError when it has errors,
    InputError for a column or target it does not have)."""
    policy = prepared._require()
    cols = choose_columns(policy, columns)
    outs = choose_targets(policy, cols, targets)
    derived = derived_facts(policy)
    free = tuple(c for c in cols if c in derived)
    present = frozenset(cols)
    space = prepared.space
    periods = tuple(Period(a, b, tuple(f)) for a, b, f in prepared.periods())
    lists: dict[str, list] = {t: [] for t in outs}
    done: dict[tuple[str, ...], dict] = {}
    for period in periods:
        per_target = done.get(period.in_force)
        if per_target is None:
            probe = period.first or period.last or dt.date(2021, 1, 1)
            residuals = prepared.residuals(probe, {}, targets=None, free=free)
            empty = not period.in_force
            per_target = done[period.in_force] = {
                t: _decision_list(space, policy, residuals[t].cases, present, empty) for t in outs}
        for t in outs:
            lists[t].append(per_target[t])
    return Plan(policy, cols, outs, periods, {t: tuple(v) for t, v in lists.items()})


def _decision_list(space, policy: Policy, cases, present: frozenset, empty: bool) -> tuple:
    projected = [({d: s for d, s in box.items() if d in present}, outcome) for box, outcome in cases]
    if all(len(p) == len(box) for (p, _), (box, _) in zip(projected, cases)):
        cells = [(box, result_of(policy, [o], empty)) for box, o in projected]
    else:
        outcomes = [o for _, o in projected]
        entries = [(box, i) for i, (box, _) in enumerate(projected)]
        cells = split(space, entries, lambda idx: result_of(policy, [outcomes[i] for i in sorted(idx)], empty))
    return tuple(merge(space, cells))


def result_of(policy: Policy, outcomes: list[Outcome], empty: bool) -> Result:
    """The result where a row falls in cases with these outcomes (in case order)."""
    outcomes = list(dict.fromkeys(outcomes))
    kinds = {o.kind for o in outcomes}
    if kinds == {VALUE} and len({o.value for o in outcomes}) == 1:
        if len(outcomes) == 1:
            rules = outcomes[0].rules
        else:  # as the answer has it: the rules common to every case, else all of them
            common = set.intersection(*(set(o.rules) for o in outcomes))
            rules = tuple(r for r in dict.fromkeys(r for o in outcomes for r in o.rules) if not common or r in common)
        cites = tuple(dict.fromkeys(c for r in rules for c in policy.rules[r].cites))
        return Result(OK, outcomes[0].value, cites_label(cites))
    if kinds == {NONE}:
        return Result(NO_INSTRUMENT if empty else UNDETERMINED)
    if kinds == {CONFLICT}:
        return Result(CONFLICTING)
    return Result(CONDITIONAL)


__all__ = ["Plan", "Period", "Result", "build", "input_facts", "derived_facts", "result_of", "OK", "CONDITIONAL",
           "UNDETERMINED", "CONFLICTING", "NO_INSTRUMENT"]
