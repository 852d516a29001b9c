"""The shipped policies answer as the instruments say, and never more definitely than the facts
allow: an exception whose fact is not given makes the answer conditional, with the citations of
both the rule and its exception; the questions name facts a person can answer; a given derived
fact that its own list contradicts is answered with a note citing the list."""

from __future__ import annotations

import pytest

from ppkm_lang import api


@pytest.fixture(scope="module")
def prepared(repo_root, gazetteer_path):
    p = api.prepare(repo_root / "policies", gazetteer=gazetteer_path)
    assert p.ok
    return p


def labels(case) -> set[str]:
    return {c.label() for c in case.cites}


def test_worship_in_kota_bogor_depends_on_the_rt_zone(prepared):
    a = prepared.evaluate("2021-04-10", {"wilayah": "KOTA BOGOR", "kegiatan": "ibadah"})
    status = a.measures["status"]
    assert status.status == "conditional" and status.relevant
    by_value = {}
    for c in status.cases:
        by_value.setdefault(str(c.value), set()).update(labels(c))
    assert by_value["dibuka"] == {"KESEMBILAN huruf f"}
    assert {"KEDUA huruf c", "KEDUA huruf d angka 3"} <= by_value["ditutup"]
    assert status.needs == ("rumah_positif_7_hari",)
    assert "ditutup where `rumah_positif_7_hari` >= 3" in status.summary and "oranye or merah" in status.summary
    assert a.next_question.fact == "rumah_positif_7_hari" and a.next_question.settles == ("status",)
    # Once the houses are given the answer is definite, and it is the exception's.
    b = prepared.evaluate("2021-04-10", {"wilayah": "KOTA BOGOR", "kegiatan": "ibadah", "rumah_positif_7_hari": 4})
    assert b.measures["status"].status == "definite" and str(b.value("status")) == "ditutup"


def test_flight_from_kota_medan_depends_on_the_logistics_driver_exemption(prepared):
    a = prepared.evaluate("2021-07-22", {"wilayah": "KOTA MEDAN", "kegiatan": "perjalanan_domestik",
                                         "moda": "pesawat_udara", "dalam_aglomerasi": "false"})
    card = a.measures["kartu_vaksin_wajib"]
    assert card.status == "conditional"
    values = {str(c.value): labels(c) for c in card.cases}
    assert "KESEPULUH huruf l angka 1" in values["true"]
    assert "KESEPULUH huruf l angka 4" in values["false"]
    assert card.needs == ("pengemudi_logistik",)
    driver = prepared.evaluate("2021-07-22", {"wilayah": "KOTA MEDAN", "kegiatan": "perjalanan_domestik",
                                              "moda": "pesawat_udara", "dalam_aglomerasi": "false",
                                              "pengemudi_logistik": "true"})
    assert str(driver.value("kartu_vaksin_wajib")) == "false"


def test_questions_name_inputs_not_intermediate_derived_facts(prepared):
    for at, facts in [("2021-07-22", {"kegiatan": "tempat_kerja"}),
                      ("2021-07-22", {"wilayah": "KOTA BANDUNG", "kegiatan": "makan_di_tempat"}),
                      ("2021-04-10", {"kegiatan": "tempat_kerja", "wilayah": "KOTA DEPOK"})]:
        a = prepared.evaluate(at, facts)
        asked = {f for m in a.measures.values() for f in m.needs}
        assert asked, (at, facts)
        assert not asked & {"level", "sektor_esensial", "zona", "prioritas_pembatasan"}, asked
        assert "sektor" in asked or "ppkm_level_4_jawa_bali" in asked or "rumah_positif_7_hari" in asked


def test_a_given_level_that_the_list_contradicts_is_noted_with_the_list(prepared):
    a = prepared.evaluate("2021-07-22", {"wilayah": "KOTA SIBOLGA", "level": "level_4"})
    note = next(n for n in a.notes if n.fact == "level")
    assert "derives level_3" in note.message and "the given value is used" in note.message
    assert any(c.text == "Gubernur Sumatera Utara yaitu Kota Sibolga;" for c in note.cites)
    assert str(a.value("level")) == "level_4"
    assert not prepared.evaluate("2021-07-22", {"wilayah": "KOTA SIBOLGA", "level": "level_3"}).notes


def test_general_provisions_are_not_for_a_dine_in_question(prepared):
    a = prepared.evaluate("2021-07-22", {"wilayah": "KOTA SIBOLGA", "kegiatan": "makan_di_tempat"})
    relevant = {n for n, m in a.measures.items() if m.relevant}
    assert {"kapasitas", "jam_tutup"} <= relevant
    assert not relevant & {"target_tes_per_hari", "dasar_penyediaan_anggaran", "isi_laporan"}
    assert str(a.value("kapasitas")) == "25%" and str(a.value("jam_tutup")) == "17:00"
    assert a.next_question is None  # everything the question is about is definite


def test_the_residual_engine_is_public_and_is_the_one_evaluate_runs(prepared):
    # The zone of an RT and the level of a kab/kota are worked out, never free inputs.
    engine = prepared.residual_engine
    assert {"zona", "level"} <= set(engine.order)
    at, facts = "2021-04-10", {"wilayah": "KOTA BOGOR", "kegiatan": "ibadah"}
    answer = prepared.evaluate(at, facts)
    residuals = prepared.residuals(at, facts, targets=["status"])
    assert set(residuals) == {"status"}
    # Each case of the residual gives one of the values the answer lists for the measure.
    values = {str(c.value) for c in answer.measures["status"].cases}
    assert {str(o.value) for _, o in residuals["status"].cases if o.value is not None} == values
