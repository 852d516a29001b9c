"""Lints over the lowered policy that need no symbolic analysis: citations against each
instrument's structure and gaps in its numbering, cross-references, region spellings,
in-force periods, hygiene and labels (codes PPK5xx) and cycles between derived facts (PPK214).
Each check is a pure function `Policy -> list[Diagnostic]`; `text` holds the one lint over a
file's text as read (bidirectional controls, PPK530), which the loader runs on every file."""

from __future__ import annotations

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.ir.model import Policy
from ppkm_lang.lint import citations, derivation, hygiene, labels, numbering, regions, temporal


def lint(policy: Policy, *, has_gazetteer: bool, complete: bool = True) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    out += citations.check(policy)
    out += numbering.check(policy)
    out += derivation.check(policy)
    out += regions.check(policy, has_gazetteer=has_gazetteer)
    out += temporal.check(policy)
    if complete:
        out += hygiene.check(policy)
        out += labels.check(policy)
    return out


__all__ = ["lint"]
