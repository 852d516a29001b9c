"""Assertions (PPK451) and monotonicity (PPK452), checked cell by cell.

Inside one cell the same rules apply everywhere, so every measure has one decided value there
(the value of the rules that win; a cell where the winners disagree is a conflict, reported as
such, and is skipped here). An assertion is checked once per cell where its `when` holds and
all its measures have a value. A `monotone` splits every dimension except `over`; in each cell
it reads the decided value at every member of `over` and compares every ordered pair.
"""

from __future__ import annotations

from fractions import Fraction

from ppkm_lang.analysis import normal, witness
from ppkm_lang.analysis.explore import Stop, explore, make_items
from ppkm_lang.analysis.prepare import Prepared
from ppkm_lang.diagnostics.model import Diagnostic, Related
from ppkm_lang.ir.model import ENUM, Value, facts_of
from ppkm_lang.diagnostics.codes import ASSERTION_FAILED, MONOTONICITY_BROKEN

WHEN = object()  # the payload of the boxes of `when`
_OPS = {
    "==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
}


def decided(prep: Prepared, measure: str, rids) -> Value | None:
    """The value of `measure` where exactly the rules `rids` (assigning it) apply; None when
    none applies or the winners disagree."""
    winners = prep.winners(rids)
    values = {prep.value[(r, measure)] for r in winners}
    return values.pop() if len(values) == 1 else None


def rank(prep: Prepared, measure: str, value: Value):
    """A number to compare values of `measure` by; None when they are not comparable."""
    if value.kind == ENUM:
        typ = prep.target_type(measure)
        if typ is not None and typ.ordered and value.data in typ.values:
            return typ.values.index(value.data)
        return None
    try:
        return value.numeric()
    except (TypeError, AttributeError):
        return None


def holds(prep: Prepared, assertion, values: dict[str, Value]) -> bool | None:
    """The comparison with the measures' values; None when it does not compare numbers or one
    value with another (a type error, reported elsewhere)."""
    op = _OPS.get(assertion.op)
    terms = (*assertion.lhs, *assertion.rhs)
    if op is None or not assertion.lhs or not assertion.rhs:
        return None

    def val(t) -> Value | None:
        return values[t.measure] if t.measure is not None else t.value

    if any(val(t) is None for t in terms):
        return None
    try:
        lhs = sum((t.sign * val(t).numeric() for t in assertion.lhs), Fraction(0))
        rhs = sum((t.sign * val(t).numeric() for t in assertion.rhs), Fraction(0))
        return op(lhs, rhs)
    except (TypeError, AttributeError):
        pass
    if len(assertion.lhs) != 1 or len(assertion.rhs) != 1 or any(t.sign < 0 for t in terms):
        return None
    a, b = val(assertion.lhs[0]), val(assertion.rhs[0])
    if assertion.op in ("==", "!="):
        return op((a.kind, a.data), (b.kind, b.data))
    typ = next((prep.target_type(t.measure) for t in terms if t.measure is not None), None)
    if typ is not None and typ.ordered and a.data in typ.values and b.data in typ.values:
        return op(typ.values.index(a.data), typ.values.index(b.data))
    return None


def _sum_text(terms) -> str:
    out = []
    for i, t in enumerate(terms):
        word = f"`{t.measure}`" if t.measure is not None else str(t.value)
        out.append(("- " if t.sign < 0 else "+ " if i else "") + word)
    return " ".join(out)


def check_assertion(prep: Prepared, assertion) -> Diagnostic | None:
    space = prep.space
    measures = list(dict.fromkeys(t.measure for t in (*assertion.lhs, *assertion.rhs) if t.measure))
    when = prep.boxes(assertion.when)
    if when is None or prep.involves_large(r for m in measures for r in prep.assigners.get(m, [])):
        prep.bound(assertion.span, assertion.name, f"assertion `{assertion.name}` is not checked: a condition "
                   "it depends on is too large to expand")
        return None
    pairs = [(b, WHEN) for b in when]
    for m in measures:
        pairs.extend((b, (m, rid)) for rid in prep.assigners.get(m, []) for b in prep.region[rid])
    found: list[Diagnostic] = []

    def visit(node, items, leaf) -> bool:
        if not any(it.payload is WHEN for it in items):
            return False
        present = {it.payload[0] for it in items if it.payload is not WHEN}
        if any(m not in present for m in measures):
            return False
        if not leaf:
            return True
        values = {}
        rules_here = {}
        for m in measures:
            rids = [it.payload[1] for it in items if it.payload is not WHEN and it.payload[0] == m]
            v = decided(prep, m, rids)
            if v is None:
                return False
            values[m] = v
            rules_here[m] = prep.winners(rids)
        if holds(prep, assertion, values) is False:
            found.append(_assertion_diag(prep, assertion, node, values, rules_here))
            raise Stop
        return False

    explore(space, make_items(space, pairs), visit)
    return found[0] if found else None


def _assertion_diag(prep, assertion, node, values, rules_here) -> Diagnostic:
    facts = set(facts_of(assertion.when))
    for rids in rules_here.values():
        for r in rids:
            facts |= facts_of(prep.policy.rules[r].when)
    point = prep.witness(node, facts)
    for m, v in values.items():
        point[m] = v.to_json()
    written = f"{_sum_text(assertion.lhs)} {assertion.op} {_sum_text(assertion.rhs)}"
    actual = " and ".join(f"`{m}` = {v}" for m, v in values.items())
    deciders = list(dict.fromkeys(r for rids in rules_here.values() for r in rids))
    related = tuple(Related(prep.policy.rules[r].span, f"`{r}` decides a value here") for r in deciders[:6])
    return Diagnostic(ASSERTION_FAILED, f"assertion `{assertion.name}` fails where {actual}: {written} does not "
                      "hold", assertion.span, related=related, witness=point,
                      help="correct the rule that gives the wrong value, or the assertion if the source "
                           "states otherwise", subject=assertion.name)


def check_monotone(prep: Prepared, mono) -> Diagnostic | None:
    space = prep.space
    over = mono.over
    fact = prep.policy.facts.get(over)
    if fact is None or fact.type.kind != ENUM or over not in space.dims:
        return None
    order = list(fact.type.values)
    m = mono.measure
    # A monotone compares the values at every member of `over`, the other facts fixed: when
    # `over` is derived, it is read as written (what the rules give at each level), and the
    # other derived facts as their rules give them.
    derivations = {d: v for d, v in prep.derivations.items() if d != over}
    if prep.involves_large(prep.assigners.get(m, [])):
        prep.bound(mono.span, mono.name, f"monotone `{mono.name}` is not checked: a rule for `{m}` has a "
                   "condition too large to expand")
        return None
    try:
        when = normal.boxes(space, mono.when, prep.box_limit)
    except normal.TooMany:
        prep.bound(mono.span, mono.name, f"monotone `{mono.name}` is not checked: its `when` is too large to "
                   "expand")
        return None
    pairs = [(b, WHEN) for b in prep.compose(when, derivations)]
    pairs.extend((b, rid) for rid in prep.assigners.get(m, [])
                 for b in prep.compose(prep.written[rid], derivations))
    split = frozenset(d for d in space.dims if d != over)
    full = space.dims[over].full
    found: list[Diagnostic] = []

    def visit(node, items, leaf) -> bool:
        if not any(it.payload is WHEN for it in items) or all(it.payload is WHEN for it in items):
            return False
        if not leaf:
            return True
        seen = []
        for v in order:
            if not any(it.payload is WHEN and v in it.box.get(over, full) for it in items):
                continue
            rids = [it.payload for it in items if it.payload is not WHEN and v in it.box.get(over, full)]
            value = decided(prep, m, rids) if rids else None
            r = rank(prep, m, value) if value is not None else None
            if r is None:
                continue
            for (pv, pval, pr, prids) in seen:
                worse = r > pr if mono.direction == "nonincreasing" else r < pr
                if worse:
                    found.append(_monotone_diag(prep, mono, node, (pv, pval, prids), (v, value, prep.winners(rids)),
                                                derivations))
                    raise Stop
            seen.append((v, value, r, prep.winners(rids)))
        return False

    explore(space, make_items(space, pairs, split_dims=split), visit)
    return found[0] if found else None


def _monotone_diag(prep, mono, node, first, second, derivations) -> Diagnostic:
    (a, va, ra), (b, vb, rb) = first, second
    facts = set(facts_of(mono.when)) - {mono.over}
    for r in (*ra, *rb):
        facts |= facts_of(prep.policy.rules[r].when)
    facts.discard(mono.over)
    order = [f for f in prep.order if f in derivations]
    space = prep.space
    base = {d: s for d, s in node.items() if d != mono.over}
    # Both sides at the same other inputs: those one side's derived facts need are fixed for both.
    fixed: dict = {}
    for _ in range(2):
        sides = [witness.feasible_point(space, {**base, mono.over: frozenset({v})}, facts, derivations, order,
                                        fixed) for v in (a, b)]
        for side in sides:
            fixed.update({d: witness.from_json(space.dims[d], x) for d, x in side.items()
                          if d in space.dims and d not in derivations and d != mono.over})
    first, second = ({**s, mono.over: v} for s, v in zip(sides, (a, b)))
    wit = {"first": first, "second": second, "measure": mono.measure, "values": [va.to_json(), vb.to_json()]}
    way = "rises" if mono.direction == "nonincreasing" else "falls"
    related = tuple(Related(prep.policy.rules[r].span, f"`{r}` decides `{mono.measure}` here")
                    for r in dict.fromkeys((*ra, *rb)))
    return Diagnostic(MONOTONICITY_BROKEN, f"`{mono.measure}` {way} from {va} to {vb} when `{mono.over}` goes from "
                      f"`{a}` to `{b}`, breaking monotone `{mono.name}` ({mono.direction})", mono.span,
                      related=related, witness=wit,
                      help="check the values of the rules shown against the source; if the source itself is "
                           "not monotone here, narrow the `monotone` with `when`", subject=mono.name)


def find(prep: Prepared) -> list[Diagnostic]:
    out = []
    for a in prep.policy.assertions.values():
        d = check_assertion(prep, a)
        if d is not None:
            out.append(d)
    for mono in prep.policy.monotones.values():
        d = check_monotone(prep, mono)
        if d is not None:
            out.append(d)
    return out
