"""Times of day: midnight is one moment (00:00, also written 24:00), and a window may run past
it when it says `overnight`. The fixtures prove codes and places; these prove the meaning."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings, strategies as st

from ppkm_lang.api import prepare, run_examples
from ppkm_lang.ir import model as ir
from ppkm_lang.source import SourceFile
from ppkm_lang.lowering import from_ast
from ppkm_lang.syntax.parser import parse

NIGHT = Path(__file__).parent / "fixtures" / "good" / "night_restaurant.ppkm"
HEAD = 'fact jam: time\nmeasure m: bool\n'


def _when(condition: str):
    """The lowered condition of one rule, and the diagnostics of lowering it."""
    text = HEAD + f'rule r {{\n  when {condition}\n  then m = true\n}}\n'
    module, errors = parse(SourceFile("w.ppkm", text))
    assert module is not None, errors
    policy, diags = from_ast([module])
    return (policy.rules["r"].when if "r" in policy.rules else None), diags


def _holds(cond, x: int) -> bool:
    if isinstance(cond, ir.Test):
        iv = cond.constraint
        return ((iv.lo is None or iv.lo < x or (iv.lo == x and iv.lo_closed))
                and (iv.hi is None or x < iv.hi or (x == iv.hi and iv.hi_closed)))
    if isinstance(cond, ir.Or):
        return any(_holds(c, x) for c in cond.items)
    if isinstance(cond, ir.And):
        return all(_holds(c, x) for c in cond.items)
    if isinstance(cond, ir.Not):
        return not _holds(cond.item, x)
    return cond.value


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def test_the_night_restaurant_examples_pass():
    report = run_examples(prepare(NIGHT))
    assert report.total == 5 and report.passed == 5, [r.differences for r in report.results]


def test_the_night_restaurant_window_includes_its_closing_midnight():
    prepared = prepare(NIGHT)
    for time, open_ in (("00:00", True), ("24:00", True), ("18:00", True), ("23:59", True),
                        ("00:01", False), ("12:00", False), ("17:59", False)):
        answer = prepared.evaluate("2022-03-02", {"jenis_usaha": "restoran_malam", "jam_kunjungan": time})
        assert answer.status("makan_di_tempat") == "definite", time
        assert answer.value("makan_di_tempat").data is open_, time


def test_the_residual_of_an_unknown_hour_is_the_window_and_its_complement():
    res = prepare(NIGHT).residuals("2022-03-02", {"jenis_usaha": "restoran_malam"})["makan_di_tempat"]
    cases = {out.value.data: box["jam_kunjungan"] for box, out in res.cases}
    assert cases == {True: ((0, True, 0, True), (1080, True, 1440, True)),
                     False: ((1, True, 1079, True),)}


def test_an_overnight_window_is_the_union_of_two_intervals():
    cond, diags = _when("jam in [22:00, 02:00] overnight")
    assert diags == []
    assert set(cond.items) == {
        ir.Test("jam", ir.Interval(Fraction(1320), True, Fraction(1440), True)),
        ir.Test("jam", ir.Interval(Fraction(0), True, Fraction(120), True)),
    }
    assert [_holds(cond, x) for x in (1319, 1320, 1439, 0, 120, 121, 1440)] == [
        False, True, True, True, True, False, True]


def test_a_backwards_window_says_how_to_declare_it_overnight():
    cond, diags = _when("jam in [22:00, 02:00]")
    (d,) = diags
    assert cond is None and str(d.code) == "PPK205"
    assert d.message == "the window `[22:00, 02:00]` runs backwards: 22:00 is after 02:00"
    assert "`jam in [22:00, 02:00] overnight`" in d.help


WINDOW = st.tuples(st.integers(0, 24), st.integers(0, 24), st.booleans(), st.booleans(), st.booleans())


@settings(max_examples=150, deadline=None)
@given(WINDOW)
def test_midnight_is_one_moment_in_every_window(window):
    lo_h, hi_h, lo_closed, hi_closed, overnight = window
    text = (f"jam in {'[' if lo_closed else '('}{_hm(lo_h * 60)}, {_hm(hi_h * 60)}{']' if hi_closed else ')'}"
            f"{' overnight' if overnight else ''}")
    cond, diags = _when(text)
    if cond is None:
        assert [str(d.code) for d in diags] == ["PPK205"], text
        return
    assert _holds(cond, 0) == _holds(cond, 1440), text
    lo, hi = lo_h * 60, hi_h * 60
    start = 0 if lo == 1440 else lo
    end = 1440 if hi == 0 and start > 0 else hi
    for x in range(1, 1440, 30):  # away from midnight the window means what it says
        if start <= end:
            inside = (start < x or (x == start and lo_closed)) and (x < end or (x == end and hi_closed))
        else:
            inside = x > start or (x == start and lo_closed) or x < end or (x == end and hi_closed)
        assert _holds(cond, x) == inside, (text, x)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), st.integers(0, 24))
def test_midnight_is_one_moment_in_every_comparison(op, hour):
    cond, diags = _when(f"jam {op} {_hm(hour * 60)}")
    assert diags == []
    assert _holds(cond, 0) == _holds(cond, 1440)
    x = 0 if hour == 24 and op in ("==", "!=") else hour * 60
    expected = {"<": 0 < x, "<=": True, ">": False, ">=": x == 0, "==": x == 0, "!=": x != 0}[op]
    assert _holds(cond, 0) == expected, (op, hour)


def _window_value(written: str):
    text = f'measure jo: window\nrule r {{\n  then jo = {written}\n}}\n'
    module, errors = parse(SourceFile("v.ppkm", text))
    assert module is not None, errors
    policy, diags = from_ast([module])
    return (policy.rules["r"].then[0].value if "r" in policy.rules else None), diags


def test_a_window_value_is_kept_in_one_canonical_form():
    for written, canonical in (("[18:00, 24:00]", "[18:00, 00:00]"), ("[18:00, 00:00]", "[18:00, 00:00]"),
                               ("[22:00, 02:00] overnight", "[22:00, 02:00] overnight"),
                               ("[18:00, 00:00] overnight", "[18:00, 00:00]"), ("(08:00, 17:00)", "(08:00, 17:00)"),
                               ("[24:00, 06:00]", "[00:00, 06:00]")):
        value, diags = _window_value(written)
        assert diags == [] and value == ir.Value(ir.WINDOW, canonical), written
        assert value.to_json() == canonical and str(value) == canonical


def test_opening_hours_that_run_backwards_are_refused():
    value, diags = _window_value("[22:00, 02:00]")
    (d,) = diags
    assert value is None and str(d.code) == "PPK205"
    assert "`jo = [22:00, 02:00] overnight`" in d.help


def test_the_night_restaurant_answers_its_opening_hours():
    answer = prepare(NIGHT).evaluate("2022-03-02", {"jenis_usaha": "restoran_malam"})
    assert answer.status("jam_operasional") == "definite"
    assert answer.value("jam_operasional") == ir.Value(ir.WINDOW, "[18:00, 00:00]")
    assert answer.to_json()["measures"]["jam_operasional"]["value"] == "[18:00, 00:00]"
