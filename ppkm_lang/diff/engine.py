"""The diff engine: pairwise intersection of two sides' residual cases (see the package doc)."""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Mapping

import attrs

from ppkm_lang.analysis.derive import CONFLICT, NO_RULE, VALUE, Outcome, join
from ppkm_lang.analysis.space import AT, NEG, OTHER_REGION, Box, Space, iv_norm
from ppkm_lang.analysis.witness import point
from ppkm_lang.diff.space import pieces, probe, union_space
from ppkm_lang.eval.residual import Residual, ResidualEngine
from ppkm_lang.ir.model import REGION, Citation, Policy


@attrs.frozen
class Side:
    """What one side answers in a region: the outcome, its deciding rules and their citations."""

    outcome: Outcome
    cites: tuple[Citation, ...] = ()
    in_force: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        o = self.outcome
        if o.kind == VALUE:
            return str(o.value)
        if o.kind == CONFLICT:
            return "conflict (" + ", ".join(str(v) for v in o.values) + ")"
        return "no rule decides it"


@attrs.frozen
class Change:
    """One region (a box of the shared space) where the two sides answer `target` differently."""

    target: str
    box: Box = attrs.field(eq=False)
    old: Side
    new: Side
    witness: dict = attrs.field(eq=False)
    # kab/kota the region holds, per region fact (all of them when the region does not name any)
    regions: dict = attrs.field(eq=False, factory=dict)


@attrs.frozen
class Diff:
    space: Space = attrs.field(eq=False)
    changes: tuple[Change, ...]
    targets: tuple[str, ...] = ()  # every target compared
    region_dims: tuple[str, ...] = ()

    @property
    def equivalent(self) -> bool:
        return not self.changes

    def changed_targets(self) -> list[str]:
        return list(dict.fromkeys(c.target for c in self.changes))

    def touched(self, changes: Iterable[Change] | None = None) -> list[str]:
        """The kab/kota some change touches, sorted ("any other kab/kota" left out)."""
        names: set[str] = set()
        for c in (self.changes if changes is None else changes):
            for members in c.regions.values():
                names |= members
        return sorted(names - {OTHER_REGION})


def outcome_key(o: Outcome):
    """What a person compares: the value, no rule, or a conflict (the answer is "the rules
    disagree" whatever values they disagree on)."""
    if o.kind == VALUE:
        return (VALUE, o.value)
    return (o.kind,)


def _box_key(box: Box):
    return frozenset(box.items())


def compare(space: Space, old: Residual | None, new: Residual | None) -> list[tuple[Box, Outcome, Outcome]]:
    """The disjoint regions where the two residuals' outcomes differ, joined per outcome pair."""
    ocases = list(old.cases) if old is not None else [({}, NO_RULE)]
    ncases = list(new.cases) if new is not None else [({}, NO_RULE)]
    # A box found on both sides meets only itself on the other side (each side's boxes are
    # disjoint): equal outcomes there are no change, and need no intersection with the rest.
    nindex = {_box_key(space.canonical(b)): i for i, (b, _) in enumerate(ncases)}
    same_new: set[int] = set()
    rest_old: list[tuple[Box, Outcome]] = []
    found: dict[tuple, list[Box]] = {}
    outcomes: dict[tuple, tuple[Outcome, Outcome]] = {}
    for box, o in ocases:
        j = nindex.get(_box_key(space.canonical(box)))
        if j is None:
            rest_old.append((box, o))
            continue
        same_new.add(j)
        n = ncases[j][1]
        if outcome_key(o) != outcome_key(n):
            key = (outcome_key(o), outcome_key(n))
            found.setdefault(key, []).append(box)
            outcomes.setdefault(key, (o, n))
    rest_new = [c for j, c in enumerate(ncases) if j not in same_new]
    for ob, o in rest_old:
        ko = outcome_key(o)
        for nb, n in rest_new:
            kn = outcome_key(n)
            if ko == kn:
                continue
            x = space.box_intersect(ob, nb)
            if x is None:
                continue
            key = (ko, kn)
            found.setdefault(key, []).append(x)
            outcomes.setdefault(key, (o, n))
    out = []
    for key, boxes in found.items():
        o, n = outcomes[key]
        out.extend((b, o, n) for b in join(space, boxes))
    return out


def _regions(space: Space, box: Box, dims: tuple[str, ...]) -> dict:
    return {d: frozenset(box.get(d, space.dims[d].full)) for d in dims}


def _side(policy: Policy, outcome: Outcome, in_force: tuple[str, ...]) -> Side:
    cites = tuple(dict.fromkeys(c for r in outcome.rules if r in policy.rules for c in policy.rules[r].cites))
    return Side(outcome, cites, in_force)


class _Differ:
    def __init__(self, old: Policy, new: Policy, space: Space | None = None,
                 engines: tuple[ResidualEngine, ResidualEngine] | None = None):
        self.old, self.new = old, new
        self.space = space or union_space(old, new)
        if engines is None:
            eo = ResidualEngine(old, space=self.space)
            engines = (eo, eo if new is old else ResidualEngine(new, space=self.space))
        self.eo, self.en = engines
        self.region_dims = tuple(d for d, dim in self.space.dims.items() if dim.kind == REGION)

    def targets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*self.eo.targets, *self.en.targets]))

    def unchanged(self, io: tuple[str, ...], inw: tuple[str, ...], wanted: Iterable[str]) -> set[str]:
        """Targets whose residual is the same on both sides without working it out: the same
        rules (equal as written) in force, with the same precedence among them, testing facts
        declared alike, and derived facts that are themselves unchanged."""
        if self.old is self.new and io == inw:
            return set(wanted)
        po, pn = self.eo.plan(io), self.en.plan(inw)
        same: set[str] = set()
        for target in [*self.eo.order, *(t for t in wanted if t not in self.eo.order)]:
            ro, rn = po.rules_of.get(target, []), pn.rules_of.get(target, [])
            if ro != rn or target not in self.eo.targets or target not in self.en.targets:
                continue
            tested = set(po.relevant.get(target, ())) | set(pn.relevant.get(target, ()))
            if any(self.old.facts.get(f) != self.new.facts.get(f) for f in tested):
                continue
            if any((f in self.eo.order or f in self.en.order) and f not in same for f in tested):
                continue
            if self._beats(self.eo, ro) != self._beats(self.en, rn):
                continue
            same.add(target)
        return same

    @staticmethod
    def _beats(engine: ResidualEngine, rules) -> list:
        ids = [r.id for r in rules]
        return [sorted(o for o in ids if o != r and engine.beaten_by[engine.index[o]] >> engine.index[r] & 1)
                for r in ids]

    def changes(self, io: tuple[str, ...], inw: tuple[str, ...], at: Box | None,
                targets: Iterable[str] | None = None,
                old_res: Mapping[str, Residual] | None = None) -> list[Change]:
        wanted = tuple(targets) if targets is not None else self.targets()
        same = self.unchanged(io, inw, wanted)
        wanted = tuple(t for t in wanted if t not in same)
        if not wanted:
            return []
        ro = old_res if old_res is not None else self.eo.run(io, {}, wanted)
        rn = self.en.run(inw, {}, wanted)
        out = []
        for target in wanted:
            if target not in ro and target not in rn:
                continue
            for box, o, n in compare(self.space, ro.get(target), rn.get(target)):
                if at is not None:
                    box = self.space.box_intersect(box, at)
                    if box is None:
                        continue
                    box = self.space.canonical(box)
                out.append(Change(target, box, _side(self.old, o, io), _side(self.new, n, inw),
                                  witness(self.space, box), _regions(self.space, box, self.region_dims)))
        return out


def witness(space: Space, box: Box) -> dict:
    """A point of the box (`analysis.witness.point`), with a day of it whenever the box names
    days, even when they run without end on both sides."""
    out = point(space, {d: s for d, s in box.items() if d != AT})
    days = box.get(AT)
    if days:
        lo, _, hi, _ = days[0]
        out[AT] = dt.date.fromordinal(int(lo if lo != NEG else hi)).isoformat()
    return out


def _day_set(first: dt.date | None, last: dt.date | None):
    return (first.toordinal() if first else None, True, last.toordinal() if last else None, True)


def diff_policies(old: Policy, new: Policy, targets: Iterable[str] | None = None,
                  engines: tuple[ResidualEngine, ResidualEngine] | None = None,
                  space: Space | None = None, day: dt.date | None = None) -> Diff:
    """Where `new` answers differently from `old`, on any date: the regions carry the days
    (dimension `at`) when the difference is not on every day. With `day`, on that day only."""
    differ = _Differ(old, new, space, engines)
    wanted = tuple(targets) if targets is not None else None
    if day is not None:
        changes = differ.changes(tuple(old.in_force(day)), tuple(new.in_force(day)), None, wanted)
        return Diff(differ.space, tuple(_ordered(changes, differ.targets())), wanted or differ.targets(),
                    differ.region_dims)
    # Pieces with the same instruments in force on each side are compared once.
    groups: dict[tuple, list] = {}
    for first, last in pieces(old, new):
        day = probe(first, last)
        key = (tuple(old.in_force(day)), tuple(new.in_force(day)))
        groups.setdefault(key, []).append(_day_set(first, last))
    changes: list[Change] = []
    for (io, inw), days in groups.items():
        at_set = iv_norm(days, True)
        at = None if at_set == differ.space.dims[AT].full else {AT: at_set}
        changes.extend(differ.changes(io, inw, at, wanted))
    return Diff(differ.space, tuple(_ordered(changes, differ.targets())), wanted or differ.targets(),
                differ.region_dims)


def diff_dates(policy: Policy, first: dt.date, second: dt.date, targets: Iterable[str] | None = None,
               engine: ResidualEngine | None = None) -> Diff:
    """Where what applies on `second` differs from what applies on `first` (one policy)."""
    differ = _Differ(policy, policy, engine.space if engine else None, (engine, engine) if engine else None)
    wanted = tuple(targets) if targets is not None else None
    changes = differ.changes(tuple(policy.in_force(first)), tuple(policy.in_force(second)), None, wanted)
    return Diff(differ.space, tuple(_ordered(changes, differ.targets())), wanted or differ.targets(),
                differ.region_dims)


def _ordered(changes: list[Change], targets: tuple[str, ...]) -> list[Change]:
    rank = {t: i for i, t in enumerate(targets)}
    return sorted(changes, key=lambda c: rank.get(c.target, len(rank)))


__all__ = ["Side", "Change", "Diff", "compare", "outcome_key", "diff_policies", "diff_dates"]
