"""Times of day: midnight as one moment, and windows that run past it.

A time fact holds a moment of the day in minutes, 00:00 to 24:00. Midnight is one moment:
`00:00` is its canonical name and `24:00` names it too. So that the two can never give
different answers, every condition on a time fact is lowered to hold at 24:00 exactly when it
holds at 00:00.

- A comparison reads the day from 00:00 to 24:00: `jam >= 18:00` does not hold at midnight,
  `jam < 06:00` does, `jam < 24:00` is the whole day, and `jam == 24:00` is `jam == 00:00`.
- A window `[a, b]` whose end is `24:00`, or `00:00` after a later start, ends at the midnight
  that closes the day; a closed end `]` holds at that midnight, an open end `)` does not.
- A window that runs backwards (`[22:00, 02:00]`) is an error unless it is declared
  `overnight`; an overnight window is the union `[22:00, 24:00) | [00:00, 02:00]`, so the
  analysis and the evaluators see two plain intervals.
"""

from __future__ import annotations

from fractions import Fraction

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.ir.model import FALSE, WINDOW, Cond, Interval, Not, Or, Test, Value, format_time
from ppkm_lang.source import Span
from ppkm_lang.syntax import ast
from ppkm_lang.diagnostics.codes import VALUE_OUT_OF_RANGE

DAY = Fraction(1440)  # 24:00, in minutes


def _contains(iv: Interval, x: Fraction) -> bool:
    above = iv.lo is None or iv.lo < x or (iv.lo == x and iv.lo_closed)
    below = iv.hi is None or x < iv.hi or (x == iv.hi and iv.hi_closed)
    return above and below


def moments(name: str, pieces: list[Interval], span: Span) -> Cond:
    """The test that `name` lies in one of `pieces` (on the day 00:00..24:00), with midnight
    one moment: the pieces are cut short of 24:00, and 24:00 is put back when 00:00 is in."""
    cut = []
    for iv in pieces:
        if iv.hi is None or iv.hi >= DAY:
            iv = Interval(iv.lo, iv.lo_closed, DAY, False)
        if iv.lo is not None and (iv.lo > iv.hi or (iv.lo == iv.hi and not (iv.lo_closed and iv.hi_closed))):
            continue
        cut.append(iv)
    if any(_contains(iv, Fraction(0)) for iv in cut):
        # 24:00 joins the piece that runs up to it, or stands alone: `[18:00, 24:00]`, not
        # `[18:00, 24:00) or 24:00`, so that explanations read as the text does.
        up_to = [i for i, iv in enumerate(cut) if iv.hi == DAY]
        if up_to:
            iv = cut[up_to[0]]
            cut[up_to[0]] = Interval(iv.lo, iv.lo_closed, DAY, True)
        else:
            cut.append(Interval(DAY, True, DAY, True))
    if not cut:
        return FALSE
    tests = tuple(Test(name, iv, span) for iv in cut)
    return tests[0] if len(tests) == 1 else Or(tests)


def compare(name: str, op: str, x: Fraction, span: Span) -> Cond:
    """`name op x` for a time fact."""
    if op in ("==", "!="):
        x = Fraction(0) if x == DAY else x
        test = moments(name, [Interval(x, True, x, True)], span)
        return Not(test) if op == "!=" else test
    iv = {"<": Interval(None, False, x, False), "<=": Interval(None, False, x, True),
          ">": Interval(x, False, None, False), ">=": Interval(x, True, None, False)}[op]
    return moments(name, [iv], span)


def _written(iv: ast.IntervalLit) -> str:
    return f"{'[' if iv.lo_closed else '('}{iv.lo.text}, {iv.hi.text}{']' if iv.hi_closed else ')'}"


def _ends(name: str, lo: Fraction, hi: Fraction, iv: ast.IntervalLit, op: str = "in") -> tuple[Fraction, Fraction]:
    """The start and end of a window on the day 00:00..24:00 (an end at the midnight after a
    later start is 24:00); start > end for a window declared `overnight`. Refuses a window
    that runs backwards without `overnight`, `overnight` on one that does not cross midnight,
    and an empty window (PPK205)."""
    from ppkm_lang.lowering.conditions import CondError
    written = _written(iv)
    start = Fraction(0) if lo == DAY else lo
    end = DAY if hi == 0 and start > 0 else hi  # `[18:00, 00:00]` ends at the midnight after 18:00
    if start > end and not iv.overnight:
        raise CondError(Diagnostic(
            VALUE_OUT_OF_RANGE, f"the window `{written}` runs backwards: {iv.lo.text} is after {iv.hi.text}",
            iv.span, help=f"a window past midnight is declared so: `{name} {op} {written} overnight`; or write the "
            "earlier time first"))
    if iv.overnight and not (hi < lo):
        raise CondError(Diagnostic(
            VALUE_OUT_OF_RANGE, f"the window `{written}` does not cross midnight, but is declared `overnight`",
            iv.span, help=f"remove `overnight`: `{name} {op} {written}`"))
    if start == end and not (iv.lo_closed and iv.hi_closed):
        raise CondError(Diagnostic(VALUE_OUT_OF_RANGE, f"the window `{written}` is empty", iv.span,
                                   help=f"close both ends for the one moment {iv.lo.text}: `[{iv.lo.text}, {iv.lo.text}]`"))
    return start, end


def window(name: str, lo: Fraction, hi: Fraction, iv: ast.IntervalLit, span: Span) -> Cond:
    """`name in [lo, hi]` (as `iv` writes it) for a time fact, crossing midnight when it is
    declared `overnight`."""
    start, end = _ends(name, lo, hi, iv)
    if start > end:
        return moments(name, [Interval(start, iv.lo_closed, DAY, False), Interval(Fraction(0), True, end, iv.hi_closed)],
                       span)
    pieces = [Interval(start, iv.lo_closed, end, iv.hi_closed)]
    if end == DAY and iv.hi_closed:
        pieces.append(Interval(Fraction(0), True, Fraction(0), True))  # the closing midnight is 00:00
    return moments(name, pieces, span)


def window_value(what: str, lo: Fraction, hi: Fraction, iv: ast.IntervalLit) -> Value:
    """A window as the value of a `window` measure, checked as a condition's window is, in its
    canonical form: midnight written `00:00`, `overnight` only when it crosses midnight."""
    start, end = _ends(what, lo, hi, iv, "=")
    text = (f"{'[' if iv.lo_closed else '('}{format_time(int(start) % 1440)}, {format_time(int(end) % 1440)}"
            f"{']' if iv.hi_closed else ')'}")
    return Value(WINDOW, text + (" overnight" if start > end else ""))


__all__ = ["DAY", "compare", "moments", "window", "window_value"]
