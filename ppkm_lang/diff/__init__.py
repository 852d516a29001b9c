"""What a change does: the regions of the input space where two policies (or one policy on two
dates) give different answers.

Method. Each side is partially evaluated with nothing given but the date (the residual engine,
`eval.residual`), once per piece of the combined time line where the instruments in force stay
the same. Both sides' cases are boxes of one shared space (`space.union_space`), so a case of
the old side and a case of the new side can be intersected directly; the cases of one side are
disjoint and cover the space, so the intersections of pairs with different outcomes are exactly
the points where the answers differ, and they are disjoint. Cases equal on both sides (same box,
same outcome) are set aside first: the cost grows with the cases that changed, not with the size
of the fact space. Each region keeps a witness (a feasible input combination; derived facts are
followed to their inputs by the residual engine), the outcome on each side with its deciding
rules and citations, and the kab/kota it touches.
"""

from ppkm_lang.diff.engine import Change, Diff, Side, diff_dates, diff_policies

__all__ = ["Change", "Diff", "Side", "diff_dates", "diff_policies"]
