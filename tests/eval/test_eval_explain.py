"""`explain`: the deciding rule with its source sentence, and why every other rule did not apply,
in sentences a non-programmer can read."""

import json

from irbuild import (D, INT_T, PCT_T, TIME_T, and_, between, enum, enumv, fact, instrument, is_, measure,
                     not_, or_, pct, policy, regionset, rule, time)

from ppkm_lang import api
from ppkm_lang.eval.wording import Words, condition_text
from ppkm_lang.ir.model import REGION, TRUE, Citation, Type

LEVEL = enum("level_2", "level_3", "level_4", ordered=True)
KEG = enum("mall", "makan", "ibadah", groups=[("ramai", ("mall", "makan"))])
I07 = instrument("inmendagri_07_2021", D(2021, 4, 6), D(2021, 4, 19))
I23 = instrument("inmendagri_23_2021", D(2021, 7, 21), D(2021, 7, 25))


def make():
    cite = (Citation("inmendagri_23_2021", "KESEBELAS", ("d", "1"), "makan/minum di tempat sebesar 25%"),)
    rules = [
        rule("makan_l3", and_(is_("level", "level_3"), is_("kegiatan", "makan")), [("kapasitas", pct(25))],
             instrument="inmendagri_23_2021", cites=cite, title="Makan level 3"),
        rule("makan_l4", and_(is_("level", "level_4"), is_("kegiatan", "makan")), [("kapasitas", pct(0))],
             instrument="inmendagri_23_2021"),
        rule("lama", is_("kegiatan", "makan"), [("kapasitas", pct(50))], instrument="inmendagri_07_2021"),
        rule("umum", is_("kegiatan", "mall", "makan"), [("jam_tutup", time("21:00"))], instrument="inmendagri_23_2021"),
        rule("khusus", is_("kegiatan", "makan"), [("jam_tutup", time("17:00"))], instrument="inmendagri_23_2021",
             overrides={"umum"}),
        rule("zona_r", between("rumah", lo=6), [("zona", enumv("merah"))], instrument="inmendagri_23_2021"),
    ]
    return policy(facts=[fact("level", LEVEL), fact("kegiatan", KEG), fact("rumah", INT_T),
                         fact("zona", enum("hijau", "merah"), derived=True)],
                  measures=[measure("kapasitas", PCT_T), measure("jam_tutup", TIME_T)],
                  rules=rules, instruments=[I07, I23])


def notes(expl, target):
    return {n.rule: n for n in expl.target(target).rules}


def test_deciding_rule_with_quoted_source_and_why_others_did_not_apply():
    e = api.explain(make(), "2021-07-22", {"level": "level_3", "kegiatan": "makan"})
    t = e.target("kapasitas")
    assert t.status == "definite" and str(t.value) == "25%"
    assert "decided by rule `makan_l3` (Makan level 3)" in t.sentence
    assert "inmendagri_23_2021 KESEBELAS huruf d angka 1: “makan/minum di tempat sebesar 25%”" in t.sentence
    n = notes(e, "kapasitas")
    assert n["makan_l3"].status == "decided"
    assert n["makan_l4"].status == "not_applicable"
    assert "`level` is level_3, the rule needs level_4" in n["makan_l4"].sentence
    assert n["lama"].status == "not_in_force"
    assert ("instrument `inmendagri_07_2021` is not in force on 2021-07-22 (in force 2021-04-06 to 2021-04-19)"
            in n["lama"].sentence)
    assert [x.rule for x in t.deciding] == ["makan_l3"]


def test_overridden_rule_names_the_rule_that_overrode_it():
    e = api.explain(make(), "2021-07-22", {"kegiatan": "makan"})
    n = notes(e, "jam_tutup")
    assert n["khusus"].status == "decided"
    assert n["umum"].status == "overridden" and n["umum"].overridden_by == "khusus"
    assert "overridden by rule `khusus`" in n["umum"].sentence
    # Without `level`, the kapasitas rules that test it may apply: the answer depends on `level`.
    k = notes(e, "kapasitas")
    assert k["makan_l3"].status == "depends" and k["makan_l3"].decides
    assert ("applies only where `level` is level_3, which the given facts do not settle; there it gives 25%"
            in k["makan_l3"].sentence)
    t = e.target("kapasitas")
    assert t.status == "conditional" and "depends on facts that are not given (`level`)" in t.sentence
    assert "25% (`makan_l3`) where `level` == level_3" in t.sentence


def test_group_and_set_wording():
    e = api.explain(make(), "2021-07-22", {"kegiatan": "ibadah"})
    assert "`kegiatan` is ibadah, the rule needs a value in group `ramai` (mall, makan)" in \
        notes(e, "jam_tutup")["umum"].sentence


def test_revoked_instrument_is_named():
    old = instrument("inmendagri_06_2021", D(2021, 3, 20), D(2021, 5, 1))
    new = instrument("inmendagri_07_2021", D(2021, 4, 6), D(2021, 4, 19), revokes=["inmendagri_06_2021"])
    p = policy(facts=[fact("level", LEVEL)], measures=[measure("kapasitas", PCT_T)],
               rules=[rule("old", TRUE, [("kapasitas", pct(50))], instrument="inmendagri_06_2021")],
               instruments=[old, new])
    e = api.explain(p, "2021-04-10", {})
    sentence = e.target("kapasitas").rules[0].sentence
    assert "`inmendagri_07_2021` revokes it from 2021-04-06" in sentence


def test_derived_fact_explained_and_given_one_not_consulted():
    e = api.explain(make(), "2021-07-22", {"rumah": 7})
    z = e.target("zona")
    assert z.kind == "fact" and z.status == "definite" and str(z.value) == "merah"
    e = api.explain(make(), "2021-07-22", {"zona": "hijau"})
    z = e.target("zona")
    assert z.status == "given" and z.rules[0].status == "not_consulted"
    e = api.explain(make(), "2021-07-22", {"rumah": 2})
    assert "`rumah` is 2, the rule needs at least 6" in e.target("zona").rules[0].sentence


def test_conflict_is_explained():
    p = policy(facts=[fact("level", LEVEL)], measures=[measure("kapasitas", PCT_T)],
               rules=[rule("a", TRUE, [("kapasitas", pct(50))]), rule("b", TRUE, [("kapasitas", pct(25))])])
    t = api.explain(p, "2021-07-22", {}).target("kapasitas")
    assert t.status == "conflict" and "none of them overrides the others" in t.sentence
    assert {n.status for n in t.rules} == {"conflict"}


def test_explanation_agrees_with_evaluate_and_is_json():
    p = make()
    facts = {"level": "level_4", "kegiatan": "makan", "rumah": "9"}
    e = api.explain(p, "2021-07-22", facts)
    d = api.evaluate(p, "2021-07-22", facts)
    for name, m in d.definite.items():
        t = e.target(name)
        assert t.value == m.value and t.deciding[0].rule == m.rule
    doc = json.loads(json.dumps(e.to_json()))
    assert doc["version"] == 2 and doc["measures"]["kapasitas"]["rule"] == "makan_l4"
    sentences = [r["sentence"] for t in doc["explanation"]["targets"] for r in t["rules"]]
    assert any("not in force" in s for s in sentences)


def test_condition_text_reads_naturally():
    p = policy(facts=[fact("level", LEVEL), fact("wilayah", Type(REGION)), fact("rate", PCT_T)],
               regionsets=[regionset("l4", "KOTA MEDAN", "KAB. BERAU")])
    w = Words(p)
    assert condition_text(not_(is_("level", "level_4")), w) == "`level` is not level_4"
    assert condition_text(is_("level", "level_2", "level_3"), w) == "`level` is anything but level_4"
    assert condition_text(is_("wilayah", "KOTA MEDAN", "KAB. BERAU"), w) == \
        "`wilayah` is a kab/kota in region set `l4`"
    assert condition_text(between("rate", lo=5, hi=15, lo_closed=False), w) == \
        "`rate` is more than 5% and less than 15%"
    text = condition_text(or_(is_("level", "level_4"), and_(is_("level", "level_3"), between("rate", hi=5))), w)
    assert text == "either `level` is level_4 or (`level` is level_3 and `rate` is less than 5%)"
