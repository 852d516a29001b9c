"""The compiled evaluator on hand-built IR: precedence, derived facts, revocation, conflicts,
three-valued conditions and the in-force calendar."""

import datetime as dt

import pytest
from irbuild import (BOOL_T, D, INT_T, PCT_T, and_, between, enum, enumv, fact, instrument, is_, measure,
                     not_, or_, pct, policy, rule, time, TIME_T)

from ppkm_lang import api
from ppkm_lang.ir.model import TRUE
from ppkm_lang.eval.engine import Evaluator

LEVEL = enum("level_2", "level_3", "level_4", ordered=True)
KEG = enum("mall", "makan", "ibadah")
AT = D(2021, 7, 22)


def base(rules, extra_facts=(), measures=None, instruments=None):
    facts = [fact("level", LEVEL), fact("kegiatan", KEG), *extra_facts]
    measures = measures or [measure("kapasitas", PCT_T), measure("jam_tutup", TIME_T)]
    return policy(facts=facts, measures=measures, rules=rules, instruments=instruments)


def decide(p, facts, at=AT, memo=True):
    return Evaluator(p, memo=memo).decide(at, facts)


@pytest.fixture(params=[True, False], ids=["memo", "no-memo"])
def memo(request):
    return request.param


def test_single_rule_decides_with_provenance(memo):
    p = base([rule("r3", and_(is_("level", "level_3"), is_("kegiatan", "makan")), [("kapasitas", pct(25))],
                   title="Makan level 3")])
    d = decide(p, {"level": "level_3", "kegiatan": "makan"}, memo=memo)
    m = d.measures["kapasitas"]
    assert (m.value, m.rule, m.instrument, m.unit) == (pct(25), "r3", "inst", "%")
    assert m.cite == "inst KESATU huruf a" and m.text == "text of r3"
    assert d.in_force == ("inst",)
    assert [u.name for u in d.undetermined] == ["jam_tutup"]
    assert decide(p, {"level": "level_4", "kegiatan": "makan"}, memo=memo).measures == {}


def test_override_wins_and_is_transitive(memo):
    rules = [
        rule("general", TRUE, [("kapasitas", pct(50))]),
        rule("middle", is_("kegiatan", "ibadah"), [("kapasitas", pct(25))], overrides={"general"}),
        rule("top", is_("level", "level_4"), [("kapasitas", pct(0))], overrides={"middle"}),
    ]
    p = base(rules)
    assert decide(p, {"level": "level_2", "kegiatan": "mall"}, memo=memo).measures["kapasitas"].rule == "general"
    assert decide(p, {"level": "level_2", "kegiatan": "ibadah"}, memo=memo).measures["kapasitas"].rule == "middle"
    # `top` overrides `general` through `middle`, even where `middle` does not apply.
    d = decide(p, {"level": "level_4", "kegiatan": "mall"}, memo=memo)
    assert d.measures["kapasitas"].rule == "top" and not d.conflicts



def test_disagreeing_rules_are_a_conflict_not_a_value(memo):
    p = base([rule("a", is_("level", "level_3"), [("kapasitas", pct(25))]),
              rule("b", is_("kegiatan", "makan"), [("kapasitas", pct(50))])])
    d = decide(p, {"level": "level_3", "kegiatan": "makan"}, memo=memo)
    assert "kapasitas" not in d.measures
    assert [c.name for c in d.conflicts] == ["kapasitas"]
    assert {(c.rule, str(c.value)) for c in d.conflicts[0].candidates} == {("a", "25%"), ("b", "50%")}
    assert "kapasitas" not in {u.name for u in d.undetermined}
    js = d.to_json()
    assert js["conflicts"][0]["measure"] == "kapasitas" and len(js["conflicts"][0]["candidates"]) == 2


def test_agreeing_rules_decide(memo):
    p = base([rule("a", is_("level", "level_3"), [("kapasitas", pct(25))]),
              rule("b", is_("kegiatan", "makan"), [("kapasitas", pct("25.0"))])])
    d = decide(p, {"level": "level_3", "kegiatan": "makan"}, memo=memo)
    assert d.measures["kapasitas"].rule == "a" and not d.conflicts


def test_override_only_for_targets_both_assign(memo):
    p = base([rule("a", TRUE, [("kapasitas", pct(25)), ("jam_tutup", time("17:00"))]),
              rule("b", TRUE, [("kapasitas", pct(0))], overrides={"a"})])
    d = decide(p, {}, memo=memo)
    assert d.measures["kapasitas"].rule == "b"
    assert d.measures["jam_tutup"].rule == "a"


def test_mutual_overrides_do_not_silently_pick(memo):
    p = base([rule("a", TRUE, [("kapasitas", pct(25))], overrides={"b"}),
              rule("b", TRUE, [("kapasitas", pct(0))], overrides={"a"})])
    d = decide(p, {}, memo=memo)
    assert [c.name for c in d.conflicts] == ["kapasitas"]


def test_derived_fact_decided_in_dependency_order(memo):
    # `zona` is declared after `level`, but `level` is derived from `zona`.
    rules = [
        rule("lvl", is_("zona", "merah"), [("level", enumv("level_4"))]),
        rule("zona_merah", between("rumah", lo=6), [("zona", enumv("merah"))]),
        rule("zona_hijau", between("rumah", lo=0, hi=0, hi_closed=True), [("zona", enumv("hijau"))]),
        rule("cap", is_("level", "level_4"), [("kapasitas", pct(0))]),
    ]
    p = policy(facts=[fact("level", LEVEL, derived=True), fact("rumah", INT_T),
                      fact("zona", enum("hijau", "merah"), derived=True)],
               measures=[measure("kapasitas", PCT_T)], rules=rules)
    d = decide(p, {"rumah": "7"}, memo=memo)
    assert d.facts["zona"].value == enumv("merah") and d.facts["zona"].rule == "zona_merah"
    assert d.facts["level"].rule == "lvl" and d.facts["level"].given is False
    assert d.measures["kapasitas"].rule == "cap"
    # A given derived fact wins over its rules.
    d = decide(p, {"rumah": "7", "level": "level_2"}, memo=memo)
    assert d.facts["level"].given and "kapasitas" not in d.measures
    # Neither given nor decided: undetermined, and the measure's reason says why.
    d = decide(p, {"rumah": "3"}, memo=memo)
    assert d.facts["zona"].value is None and "no rule applies" in d.facts["zona"].reason
    reason = d.undetermined[0].reason
    assert "`level` is not given and no rule decided it" in reason
    assert "undetermined fact is false" in reason


def test_condition_on_undetermined_fact_is_false_even_negated(memo):
    # `level != level_4` must not hold just because `level` is unknown.
    p = base([rule("a", not_(is_("level", "level_4")), [("kapasitas", pct(50))]),
              rule("b", or_(is_("kegiatan", "mall"), is_("level", "level_3")), [("jam_tutup", time("21:00"))])])
    d = decide(p, {"kegiatan": "makan"}, memo=memo)
    assert d.measures == {}
    # `true or unknown` is true.
    d = decide(p, {"kegiatan": "mall"}, memo=memo)
    assert d.measures["jam_tutup"].rule == "b" and "kapasitas" not in d.measures
    assert "`level` is not given" in d.undetermined[0].reason


def test_revocation_ends_the_revoked_instrument():
    old = instrument("inst_06", D(2021, 3, 20), D(2021, 4, 30))
    new = instrument("inst_07", D(2021, 4, 6), D(2021, 4, 19), revokes=["inst_06"])
    p = base([rule("old", TRUE, [("kapasitas", pct(50))], instrument="inst_06"),
              rule("new", TRUE, [("kapasitas", pct(25))], instrument="inst_07")],
             instruments=[old, new])
    assert decide(p, {}, at=D(2021, 4, 5)).measures["kapasitas"].rule == "old"
    d = decide(p, {}, at=D(2021, 4, 6))
    assert d.in_force == ("inst_07",) and d.measures["kapasitas"].rule == "new"
    # After the revoking instrument ends, the revoked one stays ended.
    d = decide(p, {}, at=D(2021, 4, 25))
    assert d.in_force == () and d.measures == {}
    assert d.note == "no instrument in force on 2021-04-25"
    assert d.to_json()["in_force"] == [] and d.to_json()["note"] == d.note


def test_rules_of_no_instrument_always_apply():
    p = base([rule("vocab_rule", TRUE, [("kapasitas", pct(100))], instrument=None)])
    d = decide(p, {}, at=D(2030, 1, 1))
    assert d.in_force == () and d.measures["kapasitas"].rule == "vocab_rule"


def test_derived_conflict_leaves_fact_undetermined(memo):
    p = policy(facts=[fact("zona", enum("hijau", "merah"), derived=True), fact("rumah", INT_T)],
               measures=[measure("kapasitas", PCT_T)],
               rules=[rule("z1", between("rumah", lo=1), [("zona", enumv("merah"))]),
                      rule("z2", between("rumah", hi=5), [("zona", enumv("hijau"))]),
                      rule("cap", is_("zona", "hijau"), [("kapasitas", pct(100))])])
    d = decide(p, {"rumah": 3}, memo=memo)
    assert d.facts["zona"].value is None
    assert [(c.name, c.kind) for c in d.conflicts] == [("zona", "fact")]
    assert d.measures == {}


def test_numeric_bounds_are_exact(memo):
    p = base([rule("low", between("rate", hi=5), [("kapasitas", pct(100))]),
              rule("mid", between("rate", lo=5, hi=15, lo_closed=False), [("kapasitas", pct(50))])],
             extra_facts=[fact("rate", PCT_T)])
    ev = Evaluator(p, memo=memo)
    assert ev.decide(AT, {"rate": "4.99999999999999999999%"}).measures["kapasitas"].rule == "low"
    assert "kapasitas" not in ev.decide(AT, {"rate": "5%"}).measures  # the source's gap at exactly 5%
    assert ev.decide(AT, {"rate": "5.00000000000000000001"}).measures["kapasitas"].rule == "mid"


def test_bool_facts_and_python_values(memo):
    from decimal import Decimal
    p = base([rule("wfh", and_(is_("esensial", "true"), between("rate", lo=Decimal("2.5"))),
                   [("kapasitas", pct(50))])],
             extra_facts=[fact("esensial", BOOL_T), fact("rate", PCT_T)])
    ev = Evaluator(p, memo=memo)
    assert ev.decide(AT, {"esensial": True, "rate": 2.5}).measures["kapasitas"].rule == "wfh"
    assert ev.decide("2021-07-22", {"esensial": "TRUE", "rate": Decimal("3")}).measures
    assert not ev.decide(AT, {"esensial": False, "rate": 3}).measures


def test_api_compiles_once_per_policy():
    p = base([rule("a", TRUE, [("kapasitas", pct(1))])])
    assert api.Prepared.of(p) is api.Prepared.of(p)
    d = api.evaluate(p, "2021-07-22", {})
    assert d.measures["kapasitas"].rule == "a"
    with pytest.raises(Exception):
        d.measures["x"] = 1  # the decision is read-only


def test_many_rules_index_agrees_with_linear_scan():
    # Enough rules for the dispatch index to split on several facts.
    kegs = enum(*[f"k{i}" for i in range(12)])
    rules = []
    for i in range(12):
        for lvl in ("level_2", "level_3", "level_4"):
            rules.append(rule(f"r{i}_{lvl}", and_(is_("kegiatan", f"k{i}"), is_("level", lvl)),
                              [("kapasitas", pct(i))]))
    rules.append(rule("any_l4", is_("level", "level_4"), [("jam_tutup", time("15:00"))]))
    p = policy(facts=[fact("level", LEVEL), fact("kegiatan", kegs)],
               measures=[measure("kapasitas", PCT_T), measure("jam_tutup", TIME_T)], rules=rules)
    ev = Evaluator(p)
    for i in range(12):
        for lvl in ("level_2", "level_3", "level_4"):
            d = ev.decide(AT, {"kegiatan": f"k{i}", "level": lvl})
            assert d.measures["kapasitas"].rule == f"r{i}_{lvl}"
            assert ("jam_tutup" in d.measures) == (lvl == "level_4")
        assert ev.decide(AT, {"kegiatan": f"k{i}"}).measures == {}


def test_dates_are_per_query(memo):
    a = instrument("a", D(2021, 7, 1), D(2021, 7, 10))
    b = instrument("b", D(2021, 7, 11), D(2021, 7, 20))
    p = base([rule("ra", TRUE, [("kapasitas", pct(1))], instrument="a"),
              rule("rb", TRUE, [("kapasitas", pct(2))], instrument="b")], instruments=[a, b])
    ev = Evaluator(p, memo=memo)
    assert ev.decide(dt.date(2021, 7, 10), {}).measures["kapasitas"].rule == "ra"
    assert ev.decide("2021-07-11", {}).measures["kapasitas"].rule == "rb"
    assert ev.decide(dt.datetime(2021, 7, 10, 23, 0), {}).measures["kapasitas"].rule == "ra"


def test_compiled_cache_keeps_only_recent_policies():
    from ppkm_lang import api as api_module
    first = base([rule("a", TRUE, [("kapasitas", pct(1))])])
    prepared = api_module.Prepared.of(first)
    assert api_module.Prepared.of(first) is prepared
    others = [base([rule("a", TRUE, [("kapasitas", pct(i))])]) for i in range(api_module.CACHE_SIZE)]
    for p in others:
        api_module.Prepared.of(p)
    assert len(api_module._prepared) == api_module.CACHE_SIZE
    assert api_module.Prepared.of(first) is not prepared  # evicted, prepared again
    assert api_module.evaluate(first, "2021-07-22", {}).measures["kapasitas"].rule == "a"


def test_undetermined_reason_names_only_facts_that_block_a_rule(memo):
    # The rule tests `zona` (not given) but fails on `level` anyway: `zona` is not the reason.
    p = policy(facts=[fact("level", LEVEL), fact("zona", enum("hijau", "merah"))],
               measures=[measure("kapasitas", PCT_T)],
               rules=[rule("r", and_(is_("level", "level_3"), is_("zona", "merah")), [("kapasitas", pct(0))])])
    ev = Evaluator(p, memo=memo)
    u = ev.decide(AT, {"level": "level_4"}).undetermined[0]
    assert (u.reason, u.needs) == ("no rule applies to these facts", ())
    u = ev.decide(AT, {"level": "level_3"}).undetermined[0]
    assert u.needs == ("zona",) and "`zona` is not given" in u.reason
    assert ev.decide(AT, {"level": "level_3"}).to_json()["undetermined"][0]["needs"] == ["zona"]
