"""A policy prepared for analysis: its space, every rule's region (where and when it applies),
who assigns each target, and precedence as bit masks.

Precedence is the transitive closure of `overrides`. Rules on an `overrides` cycle give each
other no precedence: a cycle resolves nothing, so their disagreements are conflicts.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from ppkm_lang.analysis import normal, solve, witness
from ppkm_lang.analysis.derive import Derivation, compose, decide, derived_order, join, merge, split
from ppkm_lang.analysis.space import AT, OTHER_REGION, Box, Dim, IvSet, Space, iv_norm
from ppkm_lang.diagnostics.codes import ANALYSIS_BOUNDED
from ppkm_lang.diagnostics.model import Diagnostic
from ppkm_lang.ir.model import (BOOL, DATE, ENUM, INT, PERCENT, REGION, TIME, InSet, Interval, Policy, Value,
                                each_test)

_INTEGER_KINDS = {INT, TIME, DATE}
# Past this many boxes a rule's condition is kept as a formula and decided by splitting
# (`solve`): its normal form may be exponential in its size.
BOX_LIMIT = 32
# Every day a date can name, as ordinals: witnesses and regions never leave the calendar.
DAYS = iv_norm([(dt.date.min.toordinal(), True, dt.date.max.toordinal(), True)], True)



def _conditions(policy: Policy):
    for rule in policy.rules.values():
        yield rule.when
    for cov in policy.coverages.values():
        yield cov.domain
    for a in policy.assertions.values():
        yield a.when
    for m in policy.monotones.values():
        yield m.when


def build_space(policy: Policy) -> Space:
    used: dict[str, list] = {}
    for cond in _conditions(policy):
        for t in each_test(cond):
            used.setdefault(t.fact, []).append(t.constraint)
    for m in policy.monotones.values():
        used.setdefault(m.over, [])
    dims: dict[str, Dim] = {}
    groups: dict[str, dict[str, frozenset]] = {}
    for name, constraints in used.items():
        fact = policy.facts.get(name)
        mentioned = {v for c in constraints if isinstance(c, InSet) for v in c.values}
        dims[name] = _dim(policy, name, fact, constraints, mentioned)
        if fact is not None and fact.type.kind == ENUM:
            groups[name] = {g: frozenset(ms) for g, ms in fact.type.groups}
    dims[AT] = Dim(AT, DATE, finite=False, integer=True, full=DAYS)
    return Space(dims, groups)


def _dim(policy: Policy, name, fact, constraints, mentioned) -> Dim:
    kind = fact.type.kind if fact is not None else None
    if kind == ENUM:
        values = tuple(fact.type.values)
        return Dim(name, kind, finite=True, full=frozenset(values), order=values)
    if kind == BOOL:
        return Dim(name, kind, finite=True, full=frozenset({"true", "false"}), order=("true", "false"))
    if kind == REGION:
        if policy.region_universe is not None:
            names = sorted(set(policy.region_universe) | mentioned)
            return Dim(name, kind, finite=True, full=frozenset(names), order=tuple(sorted(mentioned)) + tuple(names))
        names = sorted(mentioned) + [OTHER_REGION]
        return Dim(name, kind, finite=True, full=frozenset(names), order=tuple(names))
    if fact is not None and fact.type.is_numeric:
        lo, hi = fact.type.lo, fact.type.hi
        if kind == PERCENT:
            lo = Fraction(0) if lo is None else lo
            hi = Fraction(100) if hi is None else hi
        elif kind == TIME:
            lo = Fraction(0) if lo is None else lo
            hi = Fraction(1440) if hi is None else hi
        elif kind == DATE:
            lo = Fraction(DAYS[0][0]) if lo is None else max(lo, Fraction(DAYS[0][0]))
            hi = Fraction(DAYS[0][2]) if hi is None else min(hi, Fraction(DAYS[0][2]))
        integer = kind in _INTEGER_KINDS
        full = iv_norm([(lo, lo is not None, hi, hi is not None)], integer)
        return Dim(name, kind, finite=False, integer=integer, full=full)
    # An undeclared fact, or one whose type admits no test: reported elsewhere; give it a
    # dimension that matches how it is tested so the analysis still runs.
    if any(isinstance(c, Interval) for c in constraints):
        return Dim(name, kind or "number", finite=False, full=iv_norm([(None, False, None, False)], False))
    names = sorted(mentioned) + [OTHER_REGION]
    return Dim(name, kind or "enum", finite=True, full=frozenset(names), order=tuple(names))


def period_set(policy: Policy, instrument: str | None) -> IvSet | None:
    """The days an instrument is in force, as ordinals; None for no instrument (always)."""
    if instrument is None:
        return None
    inst = policy.instruments.get(instrument)
    if inst is None or inst.external:
        return ()
    return iv_norm([(a.toordinal(), True, b.toordinal(), True)
                    for a, b in policy.effective_periods(instrument)], True)


def any_instrument_set(policy: Policy) -> IvSet | None:
    """The days some instrument of the policy is in force; None when no instrument has dates."""
    pieces = []
    for i, inst in policy.instruments.items():
        if inst.external:
            continue
        pieces.extend((a.toordinal(), True, b.toordinal(), True) for a, b in policy.effective_periods(i))
    return iv_norm(pieces, True) if pieces else None


def with_period(space: Space, union: list[Box], period: IvSet | None) -> list[Box]:
    if period is None:
        return union
    return [b for x in union if (b := space.narrow(x, AT, period)) is not None]


class Prepared:
    """The policy's rules as regions of *input* facts.

    `when[rid]` is a rule's condition and `written[rid]` the same on the days its instrument is
    in force, both over the facts as written. `region[rid]` is `written[rid]` with every test on
    a derived fact replaced by where that fact's rules give it the tested value (`derivations`,
    in dependency order): the fact combinations that can occur. Where a derived fact's rules
    decide nothing (no rule applies, or they conflict) it stays a dimension of its own.

    A rule whose condition passes `box_limit` boxes is in `large` and has no boxes; `formula`
    gives it (and any rule) as a formula for `solve`, which the checks use for such rules.
    """

    def __init__(self, policy: Policy, box_limit: int = BOX_LIMIT):
        self.policy = policy
        self.space = space = build_space(policy)
        self.box_limit = box_limit
        # Rules whose condition passes `box_limit` boxes: kept as formulas (`solve`), with no
        # boxes (`when`, `written` and `region` are None for them).
        self.large: set[str] = set()
        self.limits: list[Diagnostic] = []  # checks that stopped at a limit (PPK460)
        self._formulas: dict[str, tuple] = {}
        self.rule_ids = list(policy.rules)
        self.index = {rid: i for i, rid in enumerate(self.rule_ids)}
        self.when: dict[str, list[Box]] = {}
        self.written: dict[str, list[Box]] = {}
        self.region: dict[str, list[Box]] = {}
        self.assigners: dict[str, list[str]] = {}
        self.value: dict[tuple[str, str], Value] = {}
        for rid, rule in policy.rules.items():
            try:
                self.when[rid] = normal.boxes(space, rule.when, box_limit)
                self.written[rid] = with_period(space, self.when[rid], period_set(policy, rule.instrument))
            except normal.TooMany:
                self.large.add(rid)
                self.when[rid] = self.written[rid] = None
            for a in rule.then:
                if (rid, a.target) in self.value:
                    continue
                self.value[(rid, a.target)] = a.value
                self.assigners.setdefault(a.target, []).append(rid)
        self.beats, self.beaten_by = _precedence(self.rule_ids, self.index, policy)
        self.derivations: dict[str, Derivation] = {}
        self.order = [f for f in derived_order(policy) if f in space.dims and self.is_derived(f)]
        for fact in self.order:
            big = [r for r in self.assigners.get(fact, []) if r in self.large]
            if big:
                # Not followed: the fact stays a dimension of its own, as if it were given.
                rule = policy.rules[big[0]]
                self.bound(rule.span, big[0], f"the rules computing derived fact `{fact}` are not followed "
                           f"back to their inputs: the condition of `{big[0]}` is too large to expand, so "
                           f"`{fact}` is checked as if any value could be given")
                continue
            self.derivations[fact] = self._derive(fact)
        for rid in self.rule_ids:
            if rid in self.large:
                self.region[rid] = None
                continue
            self.region[rid] = self.compose(self.written[rid])
            if len(self.region[rid]) > box_limit:
                self.large.add(rid)
                self.region[rid] = None

    # ------------------------------------------------------------------ formulas (`solve`)
    def formula(self, rid: str) -> tuple:
        """Where a rule applies, over the facts that can be given, as a formula."""
        f = self._formulas.get(rid)
        if f is None:
            if self.region.get(rid) is not None:
                f = solve.of_union(self.space, self.region[rid])
            else:
                rule = self.policy.rules[rid]
                f = solve.of_cond(self.space, rule.when, self.derivations)
                period = period_set(self.policy, rule.instrument)
                if period is not None:
                    f = solve.conj((f, solve.leaf(self.space, AT, period)))
            f = self._formulas[rid] = f
        return f

    def involves_large(self, rids) -> bool:
        return any(r in self.large for r in rids)

    def solve(self, pos, negs=(), root: Box | None = None, limit: int = 1) -> list[Box] | None:
        """`solve.search` over formulas; None when it stopped at its budget."""
        try:
            return solve.search(self.space, pos, negs, root, limit, budget=solve.BUDGET)
        except solve.Bounded:
            return None

    def boxes(self, cond, period: IvSet | None = None) -> list[Box] | None:
        """A condition (a coverage domain, an assertion's `when`) as composed boxes on the days
        of `period`; None when it passes the box limit."""
        try:
            union = normal.boxes(self.space, cond, self.box_limit)
        except normal.TooMany:
            return None
        return self.compose(with_period(self.space, union, period))

    def bound(self, span, subject: str, what: str) -> None:
        """Record a check that stopped at a limit."""
        self.limits.append(Diagnostic(ANALYSIS_BOUNDED, f"analysis stopped at its limit: {what}", span,
                                      subject=subject,
                                      help="split the condition into smaller rules, or name its repeated part "
                                           "as a derived fact, so that the check runs in full"))

    def compose(self, union: list[Box], derivations: dict[str, Derivation] | None = None) -> list[Box]:
        """A union of boxes over facts as written, as boxes over the facts that can be given."""
        derivations = self.derivations if derivations is None else derivations
        if not derivations:
            return union
        out = []
        for box in union:
            parts = compose(self.space, box, derivations)
            # The parts of one box are disjoint: join those that differ in one dimension only.
            out.extend(join(self.space, parts) if len(parts) > 1 else parts)
        return out

    def _derive(self, fact: str) -> Derivation:
        entries = [(b, rid) for rid in self.assigners.get(fact, []) for b in self.compose(self.written[rid])]

        def outcome(rids):
            applying = sorted(rids, key=self.index.__getitem__)
            return decide(applying, self.winners, lambda r: self.value[(r, fact)])

        return Derivation.of(fact, merge(self.space, split(self.space, entries, outcome)))

    def witness(self, node: Box, facts=()) -> dict:
        """A witness inside `node` (a region over the facts that can be given) that names the
        facts of `facts`, with the values the derived facts take there."""
        return witness.feasible_point(self.space, node, facts, self.derivations, self.order)

    def bit(self, rid: str) -> int:
        return 1 << self.index[rid]

    def beats_rule(self, a: str, b: str) -> bool:
        return bool(self.beats[self.index[a]] >> self.index[b] & 1)

    def rules_in(self, mask: int) -> list[str]:
        """The rules whose bits are set in `mask`, in policy order."""
        out = []
        while mask:
            low = mask & -mask
            out.append(self.rule_ids[low.bit_length() - 1])
            mask ^= low
        return out

    def winners(self, rids) -> list[str]:
        """The rules of `rids` (all applying at one point) that no other of them beats."""
        rids = list(dict.fromkeys(rids))
        mask = 0
        for r in rids:
            mask |= 1 << self.index[r]
        return [r for r in rids if not self.beaten_by[self.index[r]] & mask]

    def is_derived(self, target: str) -> bool:
        fact = self.policy.facts.get(target)
        return fact is not None and fact.derived

    def target_type(self, target: str):
        return self.policy.output_type(target)


def _precedence(ids: list[str], index: dict[str, int], policy: Policy) -> tuple[list[int], list[int]]:
    n = len(ids)
    succ = [[index[o] for o in sorted(policy.rules[r].overrides) if o in index] for r in ids]
    comp = _scc(succ)
    ncomp = max(comp) + 1 if comp else 0
    members = [0] * ncomp
    for v in range(n):
        members[comp[v]] |= 1 << v
    csucc: list[set[int]] = [set() for _ in range(ncomp)]
    cpred: list[set[int]] = [set() for _ in range(ncomp)]
    for v in range(n):
        for w in succ[v]:
            if comp[v] != comp[w]:
                csucc[comp[v]].add(comp[w])
                cpred[comp[w]].add(comp[v])
    # Tarjan numbers components in reverse topological order: successors come first.
    down = [0] * ncomp
    for c in range(ncomp):
        for d in csucc[c]:
            down[c] |= members[d] | down[d]
    up = [0] * ncomp
    for c in reversed(range(ncomp)):
        for d in cpred[c]:
            up[c] |= members[d] | up[d]
    return [down[comp[v]] for v in range(n)], [up[comp[v]] for v in range(n)]


def _scc(succ: list[list[int]]) -> list[int]:
    """Tarjan's strongly connected components, iteratively; components are numbered so that
    every edge between components goes from a higher number to a lower one."""
    n = len(succ)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    comp = [-1] * n
    stack: list[int] = []
    counter = 0
    ncomp = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            recurse = False
            while i < len(succ[v]):
                w = succ[v][i]
                i += 1
                if index[w] == -1:
                    work.append((v, i))
                    work.append((w, 0))
                    recurse = True
                    break
                if on_stack[w]:
                    low[v] = min(low[v], index[w])
            if recurse:
                continue
            if low[v] == index[v]:
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp[w] = ncomp
                    if w == v:
                        break
                ncomp += 1
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
    return comp
