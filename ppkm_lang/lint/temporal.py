"""In-force periods: overlaps without a relation, examples dated outside their instrument,
revoked instruments cited as in force (PPK521-523)."""

from __future__ import annotations

from ppkm_lang.diagnostics import Diagnostic, Related
from ppkm_lang.ir.model import Policy
from ppkm_lang.diagnostics.codes import (
    EXAMPLE_OUTSIDE_PERIOD, OVERLAPPING_IN_FORCE, REVOKED_STILL_REFERENCED
)


def _related(policy: Policy, a: str, b: str) -> bool:
    ia, ib = policy.instruments[a], policy.instruments[b]
    return b in ia.revokes + ia.extends or a in ib.revokes + ib.extends


def check(policy: Policy) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    live = [i for i in policy.instruments.values() if not i.external and i.first and i.last]
    for n, a in enumerate(live):
        for b in live[n + 1:]:
            pa, pb = policy.effective_periods(a.id), policy.effective_periods(b.id)
            overlap = [(max(x[0], y[0]), min(x[1], y[1])) for x in pa for y in pb if max(x[0], y[0]) <= min(x[1], y[1])]
            if overlap and not _related(policy, a.id, b.id):
                first, last = overlap[0]
                out.append(Diagnostic(
                    OVERLAPPING_IN_FORCE, f"`{a.id}` and `{b.id}` are both in force from {first} to {last}, and neither revokes "
                    "or extends the other", b.span, subject=b.id, related=(Related(a.span, f"`{a.id}`"),),
                    witness={"at": first.isoformat()},
                    help="record the relation with `revokes` or `extends`, or check the periods"))
    for ex in policy.examples.values():
        if ex.at is None or ex.instrument is None or ex.no_instrument:
            continue
        periods = policy.effective_periods(ex.instrument)
        if not any(a <= ex.at <= b for a, b in periods):
            span = " and ".join(f"{a} to {b}" for a, b in periods) or "never"
            out.append(Diagnostic(EXAMPLE_OUTSIDE_PERIOD, f"example `{ex.name}` is dated {ex.at}, but `{ex.instrument}` is in force "
                                  f"{span}", ex.span, subject=ex.name,
                                  help="date the example inside the period, or say `expect no_instrument`"))
    out += _revoked_cited(policy)
    return out


def _revoked_cited(policy: Policy) -> list[Diagnostic]:
    out = []
    revoked_by = {r: i.id for i in policy.instruments.values() if not i.external for r in i.revokes}
    for rule in policy.rules.values():
        if rule.instrument is None:
            continue
        start = policy.instruments[rule.instrument].first
        for c in rule.cites:
            revoker = revoked_by.get(c.instrument)
            if revoker and c.instrument != rule.instrument and start and policy.instruments[revoker].first \
                    and policy.instruments[revoker].first <= start:
                out.append(Diagnostic(REVOKED_STILL_REFERENCED, f"`{rule.id}` cites `{c.instrument}`, which `{revoker}` revoked "
                                      "before this instrument came into force", c.span, subject=rule.id))
    return out
