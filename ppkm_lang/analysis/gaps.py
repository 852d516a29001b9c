"""Coverage gaps (PPK401) and partition holes (PPK402): inside a declared coverage, on the days
its instrument is in force, the fact combinations where no rule gives an output a value.

The uncovered region is the coverage's domain minus the union of the regions of the rules that
assign the output, found cell by cell and reported as a readable condition with one witness.
A coverage written outside any instrument (in a vocabulary file) must hold on every day some
instrument of the policy is in force, or always when no instrument has dates.
"""

from __future__ import annotations

from ppkm_lang.analysis import normal, solve, witness
from ppkm_lang.analysis.explore import uncovered
from ppkm_lang.analysis.prepare import Prepared, any_instrument_set, period_set
from ppkm_lang.analysis.space import AT, Box, IvSet
from ppkm_lang.diagnostics.model import Diagnostic, Severity
from ppkm_lang.ir.model import facts_of
from ppkm_lang.diagnostics.codes import COVERAGE_GAP, PARTITION_HOLE

_CELL_LIMIT = 200  # cells kept to describe a gap; the witness comes from the first


def coverage_domain(prep: Prepared, coverage) -> tuple[list[Box] | None, Box, IvSet | None]:
    """The coverage's domain with its days (None when it passes the box limit), the context
    (the days) left out of messages, and the days."""
    policy = prep.policy
    period = period_set(policy, coverage.instrument) if coverage.instrument else any_instrument_set(policy)
    return prep.boxes(coverage.domain, period), ({AT: period} if period else {}), period


def _uncovered(prep: Prepared, cov, output: str, domain, period) -> list[Box] | None:
    """The cells of the coverage's domain no rule for `output` covers (at most `_CELL_LIMIT`);
    None when the search stopped at its budget."""
    space = prep.space
    rids = prep.assigners.get(output, [])
    if domain is not None and not prep.involves_large(rids):
        covers = [b for rid in rids for b in prep.region[rid]
                  if any(space.box_intersect(b, d) is not None for d in domain)]
        return uncovered(space, domain, covers, _CELL_LIMIT)
    if domain is not None:
        where = solve.of_union(space, domain)
    else:
        where = solve.of_cond(space, cov.domain, prep.derivations)
        if period is not None:
            where = solve.conj((where, solve.leaf(space, AT, period)))
    return prep.solve([where], [prep.formula(r) for r in rids], limit=_CELL_LIMIT)


def find(prep: Prepared) -> list[Diagnostic]:
    out = []
    space = prep.space
    for cov in prep.policy.coverages.values():
        domain, context, period = coverage_domain(prep, cov)
        if domain == []:
            continue
        for output in dict.fromkeys(cov.outputs):
            cells = _uncovered(prep, cov, output, domain, period)
            if cells is None:
                prep.bound(cov.span, cov.name, f"whether coverage `{cov.name}` has a gap for `{output}` is not "
                           "decided")
                continue
            if not cells:
                continue
            region = witness.union_text(space, normal.merge(space, cells), context,
                                        truncated=len(cells) >= _CELL_LIMIT)
            point = prep.witness(cells[0], facts_of(cov.domain))
            if prep.is_derived(output):
                code = PARTITION_HOLE
                message = (f"the rules computing derived fact `{output}` leave a hole in coverage "
                           f"`{cov.name}`: none applies where {region}")
                fix = (f"add a rule or row that gives `{output}` a value there, or narrow `covers` if the "
                       "source defines no value there (and record why in an `interpretation`)")
            else:
                code = COVERAGE_GAP
                message = f"coverage `{cov.name}` has a gap: no rule gives `{output}` a value where {region}"
                fix = (f"add a rule or row that gives `{output}` a value there, or narrow `covers` if the "
                       "source leaves the case open (and record why in an `interpretation`)")
            # A numeric table without `covers` declared no coverage: what it leaves open is a warning.
            severity = None if cov.declared else Severity.WARNING
            out.append(Diagnostic(code, message, cov.span, severity=severity, witness=point, help=fix,
                                  subject=cov.name))
    return out
