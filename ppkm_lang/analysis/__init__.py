"""Analysis: the exact, symbolic checks behind `ppkm check` — rule conflicts and table overlaps,
shadowed and never-applying rules, broken partitions of derived facts, coverage gaps and
partition holes, assertions and monotonicity — each finding with a concrete witness.

How it works:

- The space has one dimension per fact tested by any condition (rule, coverage, assertion,
  monotone), plus the day `at`. Enum, bool and region facts are finite (a region's universe is
  the gazetteer when configured, otherwise the names the policy mentions plus one "any other
  kab/kota"); numeric facts are exact `Fraction` interval sets bounded by their types (percent
  0..100, time of day 0..1440 minutes); int facts, times and days are integers, so `(5, 6)` is
  empty for them. See `space`.
- Every condition becomes a union of boxes (`normal`); a rule's region is its `when` on the
  days its instrument is in force (`prepare`; a rule without an instrument applies always).
- One engine (`explore`) splits the space into cells where the same boxes apply, pruning
  regions that cannot matter; gaps, shadowing, assertions and monotonicity are questions asked
  of those cells. Conflicts start from the pairs of rule boxes that intersect, proposed by an
  index on one dimension (`pairs`). Cost follows the rules and how they overlap, not the size
  of the domain.
- Precedence is the transitive closure of `Rule.overrides` (table hit policies `first` and
  `priority` are already lowered into it); a rule wins at a point when no other applicable rule
  assigning the same target has precedence over it. Rules on an `overrides` cycle resolve
  nothing between them.
- Derived facts are followed back to the facts a person can give (`derive`, as the residual
  engine does for answers): in dependency order, each derived fact's rules are cut into the
  regions where they decide it (with its value) and where they do not (no rule applies, or
  they conflict). Every rule region, coverage domain and assertion condition is composed with
  those derivations, so conflicts, gaps, dead rules and assertions are decided over input
  facts, and every witness is a combination that can occur, with the derived facts' values
  shown as its consequences. Where no rule decides a derived fact it stays a dimension of its
  own (a question may give it directly). The rules computing a derived fact are still checked
  as a partition (PPK305 overlaps, PPK402 holes). A `monotone` over a derived fact compares
  the rules at each of its values, as written.

- A condition whose normal form would pass `prepare.BOX_LIMIT` boxes (a long `and` of `or`s
  is exponential) is not expanded: such a rule is a formula, and the questions that involve
  it (does it ever apply, is it shadowed, does it conflict with another rule, what does it
  leave uncovered) are decided by recursive splitting (`solve`), which settles a product of k
  disjunctions in about k steps; a rule is never paired with itself. Where a question cannot
  be settled within the limits (a search past its budget; assertions, monotones or a derived
  fact's rules over such a condition), PPK460 says so instead of running without end.

`analyse(policy)` is pure: it reads the IR and returns diagnostics, in a stable order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ppkm_lang.diagnostics.model import Diagnostic
    from ppkm_lang.ir.model import Policy


def analyse(policy: Policy, box_limit: int | None = None) -> list[Diagnostic]:
    """Every analysis finding for a lowered policy. `box_limit` (default `prepare.BOX_LIMIT`)
    is the number of boxes past which a condition is decided by splitting instead."""
    # The checks are imported here, not with the package: the residual engine uses the space
    # and the normal form at every query, and need not load the checks to start.
    from ppkm_lang.analysis import assertions, conflicts, gaps, shadow
    from ppkm_lang.analysis.prepare import Prepared
    prep = Prepared(policy) if box_limit is None else Prepared(policy, box_limit)
    found: list[Diagnostic] = []
    found += shadow.find(prep)
    found += conflicts.find(prep)
    found += gaps.find(prep)
    found += assertions.find(prep)
    found += {(d.span, d.message): d for d in prep.limits}.values()
    return sorted(found, key=lambda d: (*d.sort_key(), d.subject or ""))


__all__ = ["analyse"]
