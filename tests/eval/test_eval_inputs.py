"""Fact values from text and from Python: every refusal has its code and a useful hint."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from irbuild import (BOOL_T, D, INT_T, PCT_T, TIME_T, enum, fact, is_, measure, pct, policy, regionset,
                     rule)

from ppkm_lang.eval.engine import Evaluator
from ppkm_lang.eval.inputs import InputError, parse_date, split_assignment
from ppkm_lang.ir.model import DATE, NUMBER, REGION, Type, Value

AT = D(2021, 7, 22)
UNIVERSE = {"KOTA MEDAN", "KOTA SIBOLGA", "KAB. BERAU", "KOTA BANDUNG", "KAB. BANDUNG"}


def region_policy(universe=UNIVERSE):
    return policy(
        facts=[fact("wilayah", Type(REGION)), fact("level", enum("level_3", "level_4",
                                                                   groups=[("tinggi", ("level_4",))]))],
        measures=[measure("kapasitas", PCT_T)],
        regionsets=[regionset("level_4_set", "KOTA MEDAN", "KAB. BERAU")],
        rules=[rule("l4", is_("wilayah", "KOTA MEDAN", "KAB. BERAU"), [("kapasitas", pct(0))])],
        universe=universe)


def all_facts_policy():
    return policy(facts=[fact("n", INT_T), fact("rate", PCT_T), fact("jam", TIME_T), fact("flag", BOOL_T),
                         fact("hari", Type(DATE)), fact("x", Type(NUMBER)),
                         fact("level", enum("level_3", "level_4"))],
                  measures=[measure("kapasitas", PCT_T)], rules=[])


def error(ev, facts, at=AT) -> InputError:
    with pytest.raises(InputError) as info:
        ev.decide(at, facts)
    return info.value


@pytest.mark.parametrize("given", ["Kota Medan", "KOTA  MEDAN", " kota medan ", "KAB. BERAU", "Kabupaten Berau",
                                   "kab berau", "KAB BERAU"])
def test_region_names_are_normalised(given):
    d = Evaluator(region_policy()).decide(AT, {"wilayah": given})
    assert d.measures["kapasitas"].rule == "l4"
    assert d.facts["wilayah"].value.data in ("KOTA MEDAN", "KAB. BERAU")


def test_region_outside_every_set_is_valid_with_a_gazetteer():
    d = Evaluator(region_policy()).decide(AT, {"wilayah": "Kota Sibolga"})
    assert d.measures == {} and d.facts["wilayah"].given


def test_unknown_region_suggests_names():
    exc = error(Evaluator(region_policy()), {"wilayah": "Kota Medn"})
    assert exc.code == "PPK602" and '"KOTA MEDAN"' in exc.help
    exc = error(Evaluator(region_policy()), {"wilayah": "BANDUNG"})
    assert '"KOTA BANDUNG"' in exc.help and '"KAB. BANDUNG"' in exc.help


def test_without_gazetteer_only_named_regions_are_known():
    ev = Evaluator(region_policy(universe=None))
    assert ev.decide(AT, {"wilayah": "kota medan"}).measures
    exc = error(ev, {"wilayah": "KOTA SIBOLGA"})
    assert exc.code == "PPK602" and "gazetteer" in exc.help
    # A typed value from a policy (an example's `given`) stands for some other kab/kota.
    d = ev.decide(AT, {"wilayah": Value(REGION, "KOTA SIBOLGA")})
    assert d.measures == {} and d.facts["wilayah"].value == Value(REGION, "KOTA SIBOLGA")


def test_unknown_fact_and_measure_given_as_fact():
    ev = Evaluator(region_policy())
    exc = error(ev, {"wilayh": "KOTA MEDAN"})
    assert exc.code == "PPK601" and "`wilayah`" in exc.help
    exc = error(ev, {"kapasitas": "25%"})
    assert exc.code == "PPK601" and "measure" in exc.message


def test_bad_enum_value_lists_allowed_values():
    ev = Evaluator(region_policy())
    exc = error(ev, {"level": "level_5"})
    assert exc.code == "PPK602" and "allowed values: level_3, level_4" in exc.help
    exc = error(ev, {"level": "tinggi"})
    assert exc.code == "PPK602" and "group" in exc.message


@pytest.mark.parametrize("facts, code", [
    ({"n": "abc"}, "PPK603"),
    ({"n": "2.5"}, "PPK602"),       # a number, but not whole
    ({"n": "1001"}, "PPK602"),      # outside [0, 1000]
    ({"n": True}, "PPK602"),
    ({"rate": "5,3%"}, "PPK603"),
    ({"rate": "101%"}, "PPK602"),
    ({"rate": float("nan")}, "PPK603"),
    ({"rate": Fraction(1, 3)}, "PPK603"),
    ({"jam": "25:00"}, "PPK603"),
    ({"jam": "17"}, "PPK603"),
    ({"flag": "ya"}, "PPK602"),
    ({"hari": "22-07-2021"}, "PPK603"),
    ({"hari": "2021-02-30"}, "PPK603"),
    ({"level": 3}, "PPK602"),
])
def test_bad_values_have_codes(facts, code):
    assert error(Evaluator(all_facts_policy()), facts).code == code


def test_good_values_in_every_form():
    ev = Evaluator(all_facts_policy())
    d = ev.decide(AT, {"n": "+7", "rate": "5.3", "jam": "17.00", "flag": "false", "hari": "2021-07-21",
                       "x": "-2.5", "level": " level_3 "})
    f = {k: v.value for k, v in d.facts.items()}
    assert f["n"] == Value("int", Decimal(7)) and f["rate"] == Value("percent", Decimal("5.3"))
    assert f["jam"] == Value("time", 17 * 60) and f["flag"] == Value("bool", False)
    assert f["hari"] == Value("date", D(2021, 7, 21)) and f["x"].data == Decimal("-2.5")
    d = ev.decide(AT, {"n": 7, "rate": Decimal("5.3"), "jam": dt.time(17, 0), "hari": D(2021, 7, 21),
                       "flag": True, "x": 2.5, "level": Value("enum", "level_4")})
    assert d.facts["jam"].value.data == 1020 and d.facts["x"].value.data == Decimal("2.5")


def test_dates_and_assignments():
    assert parse_date("2021-07-22") == D(2021, 7, 22)
    for bad in ("2021-7-22", "22/07/2021", "", "2021-13-01"):
        with pytest.raises(InputError) as info:
            parse_date(bad)
        assert info.value.code == "PPK603"
    assert split_assignment("level = level_3") == ("level", "level_3")
    assert split_assignment("wilayah=KOTA A=B") == ("wilayah", "KOTA A=B")
    with pytest.raises(InputError) as info:
        split_assignment("level")
    assert info.value.code == "PPK603"


def test_input_error_becomes_a_diagnostic():
    exc = error(Evaluator(region_policy()), {"level": "x"})
    diag = exc.diagnostic()
    assert diag.code == "PPK602" and diag.subject == "level" and diag.help == exc.help
    from ppkm_lang.diagnostics.codes import lookup
    assert lookup("PPK602").name == "invalid-fact-value"
    assert str(exc).startswith("PPK602: ")


def test_unhashable_inputs_are_still_checked():
    exc = error(Evaluator(all_facts_policy()), {"level": ["level_3"]})
    assert exc.code == "PPK602"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["n", "rate", "jam", "flag", "hari", "x", "level", "nope"]),
       st.one_of(st.text(max_size=12), st.integers(), st.floats(), st.booleans(), st.none(),
                 st.decimals(allow_nan=True), st.dates()))
def test_any_input_is_a_value_or_a_coded_error(name, raw):
    ev = _EV
    try:
        d = ev.decide(AT, {name: raw})
    except InputError as exc:
        assert exc.code in ("PPK601", "PPK602", "PPK603") and exc.message
    else:
        assert d.facts[name].given


_EV = Evaluator(all_facts_policy())


@pytest.mark.parametrize("name, raw, digit", [
    ("rate", "\u0663%", "U+0663 ARABIC-INDIC DIGIT THREE"),
    ("n", "\uff15", "U+FF15 FULLWIDTH DIGIT FIVE"),
    ("x", "2.\u0665", "U+0665 ARABIC-INDIC DIGIT FIVE"),
    ("jam", "\uff11\uff17:00", "U+FF11 FULLWIDTH DIGIT ONE"),
])
def test_only_ascii_digits_are_digits(name, raw, digit):
    exc = error(_EV, {name: raw})
    assert exc.code == "PPK603"
    assert f"{digit} is not an ASCII digit" in exc.help


def test_a_date_in_other_digits_is_refused():
    with pytest.raises(InputError) as info:
        parse_date("\u0662\u0660\u0662\u0661-07-22")
    assert info.value.code == "PPK603" and "U+0662 ARABIC-INDIC DIGIT TWO is not an ASCII digit" in info.value.help


@pytest.mark.parametrize("name, raw, noun, hint", [
    ("n", "delapan", "a whole number", "`n` takes a whole number such as `8`"),
    ("n", "8,5", "a whole number", "`n` takes a whole number such as `8`"),
    ("x", "delapan", "a number", "`x` takes a number such as `5.3`"),
    ("x", "5,3", "a number", "write decimals with a point: `5.3`"),
    ("rate", "lima", "a percentage", "`rate` takes a percentage such as `5.3%` (or `5.3`)"),
    ("rate", "5,3%", "a percentage", "write decimals with a point: `5.3%`"),
    ("jam", "sore", "a time of day", "write times as HH:MM, from 00:00 to 24:00"),
    ("jam", "25:00", "a time of day", "times run from 00:00 to 24:00"),
    ("hari", "kemarin", "a calendar date", "write dates as YYYY-MM-DD"),
])
def test_an_unreadable_value_gets_the_hint_of_its_type(name, raw, noun, hint):
    exc = error(_EV, {name: raw})
    assert exc.code == "PPK603"
    assert exc.message == f"the value `{raw}` of `{name}` is not {noun}"
    assert exc.help == hint
    if name != "x" and name != "rate":
        assert "decimal" not in exc.help


def test_a_whole_number_fact_never_hints_at_decimals():
    for raw in ("delapan", "8,5", "", "8 tahun"):
        exc = error(_EV, {"n": raw})
        assert "decimal" not in (exc.help or "") and "point" not in (exc.help or "")


def test_policy_and_input_share_their_messages():
    from ppkm_lang.semantics.values import ValueProblem, parse_value
    typ = INT_T
    messages = []
    for kwargs in ({"token": "number"}, {}):
        with pytest.raises(ValueProblem) as info:
            parse_value(typ, "2.5", "n", **kwargs)
        messages.append((info.value.code, info.value.message))
    assert [m for _, m in messages] == ["a decimal number `2.5` cannot be a value of `n` (int [0, 1000])"] * 2
    assert [str(c) for c, _ in messages] == ["PPK203", "PPK602"]


@pytest.mark.parametrize("raw", [Decimal("1e999999999"), Decimal("-1e999999999"), Decimal("1e-999999999")])
def test_a_number_of_a_billion_digits_is_refused_not_computed(raw):
    # Turning 1e999999999 into an exact fraction ran without end before it was compared.
    from ppkm_lang import api
    prepared = api.prepare(Path(__file__).resolve().parents[2] / "policies")
    with pytest.raises(InputError) as err:
        prepared.evaluate("2021-07-22", {"positivity_rate_mingguan": raw})
    assert err.value.code == "PPK602"
    assert "too large or too small" in err.value.message
