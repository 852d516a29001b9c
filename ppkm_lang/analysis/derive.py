"""Derived facts followed back to the facts a person can give, and what a target is in each
region of them.

A derived fact that is not given is computed by its rules. Its *derivation* is, over the other
facts, the disjoint boxes where its rules decide it (each with its value) and the boxes where
they do not (no rule applies there, or the rules disagree). In the second kind of region the
fact is *free*: nothing the policy knows fixes it, so it is a dimension of its own there, which
a question may give directly. `compose` replaces a box's constraint on a derived fact by the
regions of its derivation that satisfy it, so every condition ends up speaking only of facts
that can be given: inputs, and derived facts only where they are free.

`split` cuts the space into cells where the same rules apply (the analysis's cell
decomposition, `explore`) and gives each cell its outcome: the value the winning rules give
(with those rules), no rule, or a conflict. `merge` joins cells with the same outcome into as
few boxes as it can, without losing or adding a point.

Derived facts are followed in dependency order (`derived_order`); a fact on a cycle of
derivations is free where it is read before it is computed, as the evaluator has it.
"""

from __future__ import annotations

from typing import Callable, Iterable

import attrs

from ppkm_lang.analysis.explore import explore, make_items
from ppkm_lang.analysis.space import Box, DimSet, Space, iv_contains_point
from ppkm_lang.ir.model import Policy, Value, facts_of

VALUE, NONE, CONFLICT = "value", "none", "conflict"


@attrs.frozen
class Outcome:
    """What a target is at the points of one cell."""

    kind: str  # VALUE, NONE (no rule applies) or CONFLICT (winning rules disagree)
    value: Value | None = None
    # VALUE: every winning rule (they agree), in policy order. CONFLICT: the disagreeing winners.
    rules: tuple[str, ...] = ()
    values: tuple[Value, ...] = ()  # CONFLICT: the value of each rule in `rules`


NO_RULE = Outcome(NONE)


def decide(applying: list[str], winners: Callable[[list[str]], list[str]],
           value_of: Callable[[str], Value]) -> Outcome:
    """The outcome where exactly the rules `applying` (policy order) apply."""
    if not applying:
        return NO_RULE
    won = winners(applying)
    values = [value_of(r) for r in won]
    first = values[0]
    if all(v == first for v in values[1:]):
        return Outcome(VALUE, first, tuple(won))
    return Outcome(CONFLICT, None, tuple(won), tuple(values))


def split(space: Space, entries: Iterable[tuple[Box, str]], outcome_of: Callable[[frozenset], Outcome],
          root: Box | None = None) -> list[tuple[Box, Outcome]]:
    """Disjoint cells covering `root` (the whole space by default), each with the outcome of the
    rules whose boxes contain it; `entries` are (box, rule) pairs, several boxes per rule allowed."""
    items = make_items(space, list(entries), root=root)
    cells: list[tuple[Box, Outcome]] = []
    memo: dict[frozenset, Outcome] = {}

    def visit(node: Box, here, leaf: bool) -> bool:
        if not leaf:
            return True
        key = frozenset(it.payload for it in here)
        found = memo.get(key)
        if found is None:
            found = memo[key] = outcome_of(key)
        cells.append((space.canonical(node), found))
        return False

    explore(space, items, visit, root)
    return cells


def merge(space: Space, cells: list[tuple[Box, Outcome]]) -> list[tuple[Box, Outcome]]:
    """The same points with the same outcomes, in fewer boxes: boxes of one outcome that differ in
    one dimension only are joined, until none is left. Outcomes keep their first-seen order."""
    groups: dict[Outcome, list[Box]] = {}
    for box, outcome in cells:
        groups.setdefault(outcome, []).append(box)
    out = []
    for outcome, boxes in groups.items():
        out.extend((b, outcome) for b in join(space, boxes))
    return out


def _key(box: Box, without: str) -> tuple:
    return tuple(sorted((d, s) for d, s in box.items() if d != without))


def join(space: Space, boxes: list[Box]) -> list[Box]:
    """Disjoint boxes joined along single dimensions (their union stays the same)."""
    boxes = [space.canonical(b) for b in boxes]
    changed = True
    while changed and len(boxes) > 1:
        changed = False
        dims = sorted({d for b in boxes for d in b})
        for d in dims:
            buckets: dict[tuple, list[int]] = {}
            for i, b in enumerate(boxes):
                buckets.setdefault(_key(b, d), []).append(i)
            if all(len(v) == 1 for v in buckets.values()):
                continue
            joined = []
            for members in buckets.values():
                if len(members) == 1:
                    joined.append(boxes[members[0]])
                    continue
                acc = None
                for i in members:
                    s = boxes[i].get(d, space.full(d))
                    acc = s if acc is None else space.union(d, acc, s)
                merged = dict(boxes[members[0]])
                merged[d] = acc
                joined.append(space.canonical(merged))
            boxes = joined
            changed = True
    return boxes


# ---------------------------------------------------------------------------- derivations


@attrs.frozen
class Derivation:
    """Where a derived fact's rules decide it, and where it is free."""

    fact: str
    cases: tuple[tuple[Box, Value], ...]  # disjoint boxes with the value the rules give there
    free: tuple[Box, ...]  # disjoint boxes where no rule decides it (none applies, or a conflict)
    cells: tuple[tuple[Box, Outcome], ...] = ()  # the merged outcomes the above come from

    @property
    def definite(self) -> Value | None:
        """The value when the rules give one value everywhere."""
        if not self.free and len({v for _, v in self.cases}) == 1:
            return self.cases[0][1]
        return None

    @staticmethod
    def of(fact: str, cells: list[tuple[Box, Outcome]]) -> "Derivation":
        cases = tuple((b, o.value) for b, o in cells if o.kind == VALUE)
        free = tuple(b for b, o in cells if o.kind != VALUE)
        return Derivation(fact, cases, free, tuple(cells))


def member(space: Space, d: str, value: Value, allowed: DimSet) -> bool:
    """Whether a derived fact's value lies in the set a box allows for its dimension."""
    if space.dims[d].finite:
        data = value.data
        key = ("true" if data else "false") if isinstance(data, bool) else data
        return key in allowed
    return iv_contains_point(allowed, value.numeric())


def compose(space: Space, box: Box, derivations: dict[str, Derivation]) -> list[Box]:
    """`box` with each constraint on a derived fact replaced by the parts of the fact's
    derivation that satisfy it; where the fact is free, the constraint stays on its dimension."""
    derived = [d for d in box if d in derivations]
    if not derived:
        return [box]
    acc: list[Box] = [{d: s for d, s in box.items() if d not in derivations}]
    for d in derived:
        allowed = box[d]
        deriv = derivations[d]
        parts = [b for b, v in deriv.cases if member(space, d, v, allowed)]
        parts += [p for f in deriv.free if (p := space.narrow(f, d, allowed)) is not None]
        acc = [x for a in acc for p in parts if (x := space.box_intersect(a, p)) is not None]
        if not acc:
            return []
    return acc


def derived_order(policy: Policy) -> list[str]:
    """Facts that rules assign, each after the facts its rules test (declaration order breaks
    ties; on a cycle, the fact met first is read before it is decided)."""
    assigned = {a.target for r in policy.rules.values() for a in r.then}
    targets = [n for n in policy.facts if n in assigned]
    index = {t: i for i, t in enumerate(targets)}
    deps: dict[str, set[str]] = {t: set() for t in targets}
    for rule in policy.rules.values():
        tested = facts_of(rule.when) & deps.keys()
        for a in rule.then:
            if a.target in deps:
                deps[a.target] |= tested
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(t: str) -> None:
        if state.get(t):
            return
        state[t] = 1
        for d in sorted(deps[t], key=index.__getitem__):
            visit(d)
        state[t] = 2
        order.append(t)

    for t in targets:
        visit(t)
    return order


__all__ = ["VALUE", "NONE", "CONFLICT", "Outcome", "NO_RULE", "decide", "split", "merge", "join",
           "Derivation", "member", "compose", "derived_order"]
