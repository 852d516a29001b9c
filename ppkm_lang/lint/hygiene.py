"""Unused facts and measures, duplicate rules (PPK506, PPK507)."""

from __future__ import annotations

from ppkm_lang.diagnostics import Diagnostic, Related
from ppkm_lang.ir.model import Policy, facts_of
from ppkm_lang.diagnostics.codes import DUPLICATE_RULE, UNUSED_DECLARATION


def check(policy: Policy) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    tested: set[str] = set()
    for r in policy.rules.values():
        tested |= facts_of(r.when)
    for group in (policy.coverages, policy.assertions, policy.monotones):
        for item in group.values():
            tested |= facts_of(getattr(item, "domain", None) or getattr(item, "when"))
    tested |= {m.over for m in policy.monotones.values()}
    for t in policy.tables.values():
        tested |= set(t.inputs)
    assigned = {a.target for r in policy.rules.values() for a in r.then}
    # A declaration of a file that was only imported may serve instruments outside this load.
    own = (lambda span: span.file in policy.given) if policy.given else (lambda span: True)
    for fact in policy.facts.values():
        if fact.name not in tested and fact.name not in assigned and own(fact.span):
            out.append(Diagnostic(UNUSED_DECLARATION, f"fact `{fact.name}` is tested by no rule", fact.span, subject=fact.name,
                                  help="remove it, or write the rule that uses it"))
    for m in policy.measures.values():
        if m.name not in assigned and own(m.span):
            out.append(Diagnostic(UNUSED_DECLARATION, f"measure `{m.name}` is decided by no rule", m.span, subject=m.name,
                                  help="remove it, or write the rule that decides it"))
    seen: dict[tuple, str] = {}
    for r in policy.rules.values():
        key = (r.instrument, r.when, frozenset((a.target, a.value) for a in r.then))
        if key in seen:
            first = policy.rules[seen[key]]
            out.append(Diagnostic(DUPLICATE_RULE, f"`{r.id}` repeats `{first.id}`: the same condition and values", r.span,
                                  subject=r.id, related=(Related(first.span, f"`{first.id}`"),),
                                  help="remove one, or cite both provisions on one rule"))
        else:
            seen[key] = r.id
    return out
