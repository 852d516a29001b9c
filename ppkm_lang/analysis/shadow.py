"""Rules that can never apply (PPK304) and rules that can never decide anything (PPK303).

A rule is shadowed when, for each of its targets, the rules with precedence over it that assign
that target cover every fact combination and day where it applies: its region minus theirs is
empty. In a `first` table that is a row covered by the rows above it.
"""

from __future__ import annotations

from ppkm_lang.analysis.explore import uncovered
from ppkm_lang.analysis import solve
from ppkm_lang.analysis.prepare import Prepared, period_set
from ppkm_lang.analysis.space import AT
from ppkm_lang.diagnostics.model import Diagnostic, Related
from ppkm_lang.ir.model import facts_of
from ppkm_lang.diagnostics.codes import SHADOWED_RULE, UNSATISFIABLE_CONDITION


def find(prep: Prepared) -> list[Diagnostic]:
    out = []
    for rid in prep.rule_ids:
        if rid in prep.large:
            cells = prep.solve([prep.formula(rid)])
            if cells is None:
                prep.bound(prep.policy.rules[rid].span, rid, f"whether rule `{rid}` ever applies is not decided")
                continue
            if not cells:
                out.append(_never_applies(prep, rid))
                continue
            somewhere = cells[0]
        elif not prep.region[rid]:
            out.append(_never_applies(prep, rid))
            continue
        else:
            somewhere = prep.region[rid][0]
        if rid in prep.large or prep.involves_large(prep.rules_in(prep.beaten_by[prep.index[rid]])):
            shadowers = _shadowers_by_search(prep, rid)
        else:
            shadowers = _shadowers(prep, rid)
        if shadowers is not None:
            out.append(_shadowed(prep, rid, shadowers, somewhere))
    return out


def _shadowers_by_search(prep: Prepared, rid: str) -> list[str] | None:
    """`_shadowers` for rules kept as formulas: for each target, no point where `rid` applies
    and none of the rules with precedence over it does."""
    beaten_by = prep.beaten_by[prep.index[rid]]
    targets = list(dict.fromkeys(a.target for a in prep.policy.rules[rid].then))
    if not targets or not beaten_by:
        return None
    involved: dict[str, None] = {}
    for target in targets:
        beaters = [s for s in prep.rules_in(beaten_by) if (s, target) in prep.value]
        if not beaters:
            return None
        cells = prep.solve([prep.formula(rid)], [prep.formula(s) for s in beaters])
        if cells is None:
            prep.bound(prep.policy.rules[rid].span, rid, f"whether rule `{rid}` ever decides `{target}` is not "
                       "decided")
            return None
        if cells:
            return None
        involved.update(dict.fromkeys(s for s in beaters if prep.solve([prep.formula(rid), prep.formula(s)]) != []))
    return sorted(involved, key=prep.index.__getitem__)


def _shadowers(prep: Prepared, rid: str) -> list[str] | None:
    """The rules that take every decision of `rid` away from it, or None if it decides
    something somewhere."""
    space = prep.space
    mine = prep.region[rid]
    beaten_by = prep.beaten_by[prep.index[rid]]
    targets = list(dict.fromkeys(a.target for a in prep.policy.rules[rid].then))
    if not targets or not beaten_by:
        return None
    involved: dict[str, None] = {}
    for target in targets:
        beaters = [s for s in prep.rules_in(beaten_by) if (s, target) in prep.value]
        covers = []
        for s in beaters:
            touching = [c for b in prep.region[s] for m in mine if (c := space.box_intersect(b, m)) is not None]
            if touching:
                covers.extend(touching)
                involved[s] = None
        if not covers or uncovered(space, mine, covers, limit=1):
            return None
    return sorted(involved, key=prep.index.__getitem__)


def _shadowed(prep: Prepared, rid: str, shadowers: list[str], somewhere) -> Diagnostic:
    rules = prep.policy.rules
    rule = rules[rid]
    point = prep.witness(somewhere, facts_of(rule.when))
    names = ", ".join(f"`{s}`" for s in shadowers[:5]) + (" ..." if len(shadowers) > 5 else "")
    table = prep.policy.tables.get(rule.table) if rule.table else None
    if table is not None and table.hit == "first" and all(rules[s].table == rule.table for s in shadowers):
        message = (f"row `{rid}` of `first` table `{table.name}` is never used: the rows above it ({names}) "
                   "match every case it matches")
        fix = "delete the row, or move it above the rows that hide it if it is the more specific case"
    else:
        message = (f"rule `{rid}` never decides anything: rules with precedence over it ({names}) apply "
                   "wherever it does")
        fix = ("delete the rule or narrow the `overrides` that hide it; if it states the source's own "
               "redundancy, keep it with `allow PPK303`")
    related = tuple(Related(rules[s].span, f"`{s}` takes precedence here") for s in shadowers[:5])
    return Diagnostic(SHADOWED_RULE, message, rule.span, related=related, witness=point, help=fix, subject=rid)


def _never_applies(prep: Prepared, rid: str) -> Diagnostic:
    rule = prep.policy.rules[rid]
    if rid in prep.large:
        # Solved before: the condition as written, then on the instrument's days (a search that
        # stops at its budget counts as "can hold", the weaker claim).
        cond = solve.of_cond(prep.space, rule.when, {})
        period = period_set(prep.policy, rule.instrument)
        when = prep.solve([cond]) != []
        when_written = when and (period is None or prep.solve([cond, solve.leaf(prep.space, AT, period)]) != [])
    else:
        when, when_written = bool(prep.when[rid]), bool(prep.written[rid])
    if not when:
        message = f"the condition of rule `{rid}` can never hold for the declared fact types"
        fix = "check the values and bounds it tests against the declarations of the facts"
    elif when_written:
        derived = sorted(f for f in facts_of(rule.when) if f in prep.derivations)
        names = ", ".join(f"`{f}`" for f in derived)
        verb = "takes the value its rules give" if len(derived) == 1 else "take the values their rules give"
        message = f"rule `{rid}` never applies: no facts that can occur meet its condition once {names} {verb}"
        fix = (f"check the values it tests against the rules that compute {names} (a region listed at another "
               "level, a zone no rule gives)")
    else:
        message = f"rule `{rid}` never applies: its instrument `{rule.instrument}` is never in force"
        fix = ("give the instrument its `in_force` dates, or check which later instrument revokes it "
               "before it starts")
    return Diagnostic(UNSATISFIABLE_CONDITION, message, rule.span, help=fix, subject=rid)
