"""Region names: the source's spellings resolved to the gazetteer, and one region spelt two
ways (PPK512-514). Unknown names are refused earlier, while lowering (PPK511)."""

from __future__ import annotations

from ppkm_lang.diagnostics import Diagnostic, Related
from ppkm_lang.ir.model import REGION, Policy
from ppkm_lang.semantics.regions import region_key
from ppkm_lang.source import NO_SPAN
from ppkm_lang.diagnostics.codes import NO_GAZETTEER, REGION_SPELLING, REGION_SPELT_TWO_WAYS


def check(policy: Policy, *, has_gazetteer: bool) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    spellings: dict[str, dict[str, object]] = {}
    for rs in policy.regionsets.values():
        for m in rs.members:
            if region_key(m.text) != m.official:
                out.append(Diagnostic(
                    REGION_SPELLING, f'the source writes "{m.text}"; the official name is "{m.official}"', m.span,
                    subject=rs.name, help=f"resolved per `{m.per}`" if m.per else None))
            spellings.setdefault(m.official, {}).setdefault(region_key(m.text), m)
    for official, written in spellings.items():
        if len(written) > 1:
            members = list(written.values())
            texts = ", ".join(f'"{m.text}"' for m in members)
            out.append(Diagnostic(REGION_SPELT_TWO_WAYS, f'"{official}" is spelt {len(members)} ways in the source: {texts}',
                                  members[1].span, related=tuple(Related(m.span, f'"{m.text}"') for m in members[:1]),
                                  help="keep each spelling as the source writes it; both resolve to one region"))
    uses_regions = policy.regionsets or any(f.type.kind == REGION for f in policy.facts.values())
    if uses_regions and not has_gazetteer:
        first = next(iter(policy.regionsets.values()), None) or next(
            (f for f in policy.facts.values() if f.type.kind == REGION), None)
        out.append(Diagnostic(NO_GAZETTEER, "region names were not checked: no gazetteer is configured",
                              first.span if first else NO_SPAN,
                              help="pass --gazetteer DIR, set PPKM_GAZETTEER, or set `gazetteer` in ppkm.toml"))
    return out
