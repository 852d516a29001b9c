"""Conflicts (PPK301), table overlaps (PPK302) and broken partitions (PPK305).

Two rules clash on a target at a fact combination and date where both apply, both give the
target a value, neither has precedence over the other *and no third applicable rule has
precedence over either of them* (a rule that overrides both resolves their disagreement). They
clash when their values differ; rows of one `unique` table clash whenever they overlap.

The search runs per target: an index proposes the pairs of rules whose boxes intersect (see
`pairs`), and a pair that clashes is confirmed where its overlap, less the regions of the rules
with precedence over either of them, is not empty (see `explore.uncovered`). The work follows the
rules and their overlaps, not the size of the domain.
"""

from __future__ import annotations

from ppkm_lang.analysis.explore import uncovered
from ppkm_lang.analysis.pairs import overlapping
from ppkm_lang.analysis.prepare import Prepared
from ppkm_lang.diagnostics.model import Diagnostic, Related
from ppkm_lang.ir.model import facts_of
from ppkm_lang.diagnostics.codes import PARTITION_OVERLAP, RULE_CONFLICT, TABLE_OVERLAP

UNIQUE, ANY = "unique", "any"


def find(prep: Prepared) -> list[Diagnostic]:
    found: dict[tuple[str, str, str], list[tuple[str, dict]]] = {}
    for target, rids in prep.assigners.items():
        _target(prep, target, rids, found)
    return [_diagnostic(prep, key, entries) for key, entries in found.items()]


def _table_hit(prep: Prepared, rid: str) -> tuple[str | None, str | None]:
    rule = prep.policy.rules[rid]
    table = prep.policy.tables.get(rule.table) if rule.table else None
    return (rule.table, table.hit) if table is not None else (None, None)


def clash_code(prep: Prepared, target: str, a: str, b: str) -> str | None:
    """The code for rules a and b (both winning somewhere for `target`), or None if they agree."""
    ta, hit = _table_hit(prep, a)
    tb, _ = _table_hit(prep, b)
    differ = prep.value[(a, target)] != prep.value[(b, target)]
    if ta is not None and ta == tb and hit in (UNIQUE, ANY):
        return TABLE_OVERLAP if (hit == UNIQUE or differ) else None
    if not differ:
        return None
    return PARTITION_OVERLAP if prep.is_derived(target) else RULE_CONFLICT


def _target(prep: Prepared, target: str, rids: list[str], found) -> None:
    space = prep.space
    entries = [(box, rid) for rid in rids if rid not in prep.large for box in prep.region[rid]]
    boxes = [box for box, _ in entries]
    owner = [rid for _, rid in entries]
    codes: dict[tuple[str, str], str | None] = {}  # per pair of rules: its clash code, None if none
    known: set[tuple[str, str]] = set()

    def ordered(i: int, j: int) -> tuple[str, str]:
        a, b = owner[i], owner[j]
        return (a, b) if prep.index[a] < prep.index[b] else (b, a)

    def wanted(i: int, j: int) -> bool:
        pair = ordered(i, j)
        if pair[0] == pair[1] or pair in known:
            return False
        if pair not in codes:
            a, b = pair
            beaten = prep.beats_rule(a, b) or prep.beats_rule(b, a)
            codes[pair] = None if beaten else clash_code(prep, target, a, b)
        return codes[pair] is not None

    for i, j, overlap in overlapping(space, boxes, wanted):
        a, b = pair = ordered(i, j)
        if pair in known:
            continue
        cell = _shared_win(prep, target, a, b, overlap)
        if cell is not None:
            known.add(pair)
            found.setdefault((a, b, codes[pair]), []).append((target, cell))
    # Rules kept as formulas: each is paired with every other rule of the target (never with
    # itself), and the pair decided by splitting.
    for big in (r for r in rids if r in prep.large):
        for other in rids:
            if other == big or (other in prep.large and prep.index[other] < prep.index[big]):
                continue
            a, b = pair = (big, other) if prep.index[big] < prep.index[other] else (other, big)
            if pair in known or prep.beats_rule(a, b) or prep.beats_rule(b, a):
                continue
            code = clash_code(prep, target, a, b)
            if code is None:
                continue
            cells = prep.solve([prep.formula(a), prep.formula(b)], _beater_formulas(prep, target, a, b))
            if cells is None:
                prep.bound(prep.policy.rules[b].span, b, f"whether rules `{a}` and `{b}` conflict on `{target}` "
                           "is not decided")
            elif cells:
                known.add(pair)
                found.setdefault((a, b, code), []).append((target, cells[0]))


def _beater_formulas(prep: Prepared, target: str, a: str, b: str) -> list:
    against = prep.beaten_by[prep.index[a]] | prep.beaten_by[prep.index[b]]
    return [prep.formula(r) for r in prep.rules_in(against) if (r, target) in prep.value]


def _shared_win(prep: Prepared, target: str, a: str, b: str, overlap: dict) -> dict | None:
    """A box inside `overlap` (where a and b both apply) where no rule with precedence over
    either applies; None when the rules with precedence cover all of it."""
    space = prep.space
    against = prep.beaten_by[prep.index[a]] | prep.beaten_by[prep.index[b]]
    if not against:
        return overlap
    if prep.involves_large(prep.rules_in(against)):
        cells = prep.solve([], _beater_formulas(prep, target, a, b), root=overlap)
        if cells is None:
            prep.bound(prep.policy.rules[b].span, b, f"whether rules `{a}` and `{b}` conflict on `{target}` "
                       "is not decided")
        return cells[0] if cells else None
    beaters = [box for r in prep.rules_in(against) if (r, target) in prep.value for box in prep.region[r]]
    cells = uncovered(space, [overlap], beaters, limit=1)
    return cells[0] if cells else None


def _diagnostic(prep: Prepared, key: tuple[str, str, str], entries: list[tuple[str, dict]]) -> Diagnostic:
    a, b, code = key
    rules = prep.policy.rules
    ra, rb = rules[a], rules[b]
    target, node = entries[0]
    targets = [t for t, _ in entries]
    facts = facts_of(ra.when) | facts_of(rb.when)
    point = prep.witness(node, facts)
    names = ", ".join(f"`{t}`" for t in targets)
    values = "; ".join(f"`{t}`: {prep.value[(a, t)]} and {prep.value[(b, t)]}" for t in targets)
    related = [Related(ra.span, f"`{a}` applies here too")]
    if code == TABLE_OVERLAP:
        table = prep.policy.tables[rb.table]
        subject = table.name
        related.append(Related(table.span, f"table `{table.name}` has hit policy `{table.hit}`"))
        if table.hit == UNIQUE:
            message = f"rows `{a}` and `{b}` of `unique` table `{table.name}` both match the same facts"
            fix = ("make the rows exclusive, or declare `hit first` (or `hit any` when they agree) if the "
                   "overlap is intended")
        else:
            message = (f"rows `{a}` and `{b}` of table `{table.name}` both match the same facts and give "
                       f"different outputs ({values})")
            fix = "make the rows exclusive, give them the same outputs, or order them with `hit first`"
    elif code == PARTITION_OVERLAP:
        subject = b
        message = (f"rules `{a}` and `{b}` both compute derived fact {names} for the same facts with "
                   f"different values ({values}), so its partition is broken")
        fix = f"make the conditions of `{a}` and `{b}` exclusive, or give one precedence with `overrides`"
    else:
        subject = b
        message = (f"rules `{a}` and `{b}` both apply to the same facts and give {names} different values "
                   f"({values}), and neither overrides the other")
        fix = (f"write `overrides {a}` in `{b}` (or the reverse) if one is the exception to the other, "
               f"or make their conditions exclusive")
    return Diagnostic(code, message, rb.span, related=tuple(related), witness=point, help=fix, subject=subject)
