"""Cek aturan on the published site (the shipped policies), in Chromium: cases taken from the
instruments, and every `example` block of the policies answered by the browser evaluator."""

from __future__ import annotations

from pathlib import Path

import pytest

from cekdriver import ask, derived, exported, measure, search, shot
from docsite import POLICIES, needs_chromium
from ppkm_lang import api

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def base(policies_site: Path, serve) -> str:
    return serve(policies_site)


def test_sibolga_dine_in(watched, base):
    # Inmendagri 23/2021 KESATU c.2 lists Kota Sibolga at level 3; KESEBELAS d: dine-in at
    # 25% of capacity (angka 1), open until 17.00 (angka 2).
    ask(watched, base, "2021-07-22", {"wilayah": "KOTA SIBOLGA", "kegiatan": "makan_di_tempat"})
    assert derived(watched, "level") == "level_3"
    kapasitas = measure(watched, "kapasitas")
    assert kapasitas["value"] == "25%"
    assert kapasitas["cites"] == ["inmendagri_23_2021 KESEBELAS huruf d angka 1"]
    assert "25%" in kapasitas["quotes"][0]
    jam = measure(watched, "jam_tutup")
    assert jam["value"] == "17:00" and jam["cites"] == ["inmendagri_23_2021 KESEBELAS huruf d angka 2"]
    shot(watched, "policies-cek-sibolga")
    assert watched.errors == [] and watched.dialogs == []


def test_level_4_city_mall_is_closed(watched, base):
    # KESATU c.1 lists Kota Medan at level 4; KESEPULUH e closes shopping centres and malls,
    # except their pharmacies, supermarkets (KESEPULUH c.4) and restaurants' take-away (d):
    # the answer is conditional and the page asks where in the mall.
    ask(watched, base, "2021-07-22", {"wilayah": "medan", "kegiatan": "pusat_perbelanjaan"})
    assert derived(watched, "level") == "level_4"
    status = measure(watched, "status")
    assert status["status"] == "conditional"
    assert status["shown"].startswith("ditutup, kecuali "), status["shown"]
    assert watched.page.locator("#cek-fact-akses_pusat_perbelanjaan").count() == 1
    ask(watched, base, "2021-07-22", {"wilayah": "medan", "kegiatan": "pusat_perbelanjaan",
                                      "akses_pusat_perbelanjaan": "tempat_lain"})
    status = measure(watched, "status")
    assert status["value"] == "ditutup" and status["status"] == "definite"
    assert status["cites"] == ["inmendagri_23_2021 KESEPULUH huruf e"]
    assert measure(watched, "jam_tutup") == {}
    shot(watched, "policies-cek-medan-mall")


def test_rt_in_the_red_zone(watched, base):
    # Inmendagri 07/2021 KEDUA d: more than 5 houses with cases in an RT make a red zone;
    # crowds of more than 3 are forbidden (angka 4), movement in and out ends at 20.00
    # (angka 5). Kota Depok is among the priority areas of KESATU.
    ask(watched, base, "2021-04-10", {"wilayah": "KOTA DEPOK", "rumah_positif_7_hari": "6"})
    assert derived(watched, "zona") == "merah"
    kerumunan = measure(watched, "batas_kerumunan")
    assert kerumunan["value"] == "3"
    assert "inmendagri_07_2021 KEDUA huruf d angka 4" in kerumunan["cites"]
    assert measure(watched, "jam_keluar_masuk_rt")["value"] == "20:00"
    shot(watched, "policies-cek-rt-merah")


def test_search_finds_indonesian_terms(watched, base):
    search(watched, base, "kerumunan")
    texts = watched.page.locator(".md-search-result__item").all_inner_texts()
    assert any("kerumunan" in t.lower() for t in texts)
    shot(watched, "policies-search")


def test_every_example_of_the_policies_in_the_browser_evaluator(watched, base, policies_site: Path,
                                                               gazetteer_path: Path):
    policy = api.load([POLICIES], gazetteer=gazetteer_path).policy
    examples = [e for e in policy.examples.values() if e.at is not None]
    assert examples
    # Examples that give a derived fact the rules decide are the Python runner's: the page asks
    # for its inputs instead.
    derived_facts = set(exported(policies_site)["derived"])
    examples = [e for e in examples if not any(a.target in derived_facts for a in e.given)]
    cases = [[e.at.isoformat(), {a.target: str(a.value).strip('"') for a in e.given}] for e in examples]
    watched.page.goto(base + "cek/")
    results = watched.page.evaluate(VALUES, [exported(policies_site), cases])
    checked = 0
    for ex, result in zip(examples, results, strict=True):
        assert result["errors"] == [], ex.name
        if ex.no_instrument:
            assert result["in_force"] == [], ex.name
            continue
        for a in ex.expect:
            got = result["measures"].get(a.target, {}).get("value") or result["facts"].get(a.target, {}).get("value")
            assert got == _text(a.value), (ex.name, a.target, got)
            checked += 1
        for name in ex.undetermined:
            assert name not in result["measures"], (ex.name, name)
    assert checked >= len(examples)


VALUES = """([policy, cases]) => {
  const engine = new window.PpkmCek.Engine(policy);
  const values = (targets) => Object.fromEntries(Object.entries(targets).filter(([n, t]) => t.status === "definite")
    .map(([n, t]) => [n, {value: t.value.text}]));
  return cases.map(([at, facts]) => {
    const a = engine.answer(at, facts);
    return {errors: a.errors, in_force: a.in_force, measures: values(a.measures), facts: values(a.facts)};
  });
}"""


def _text(value) -> str:
    from ppkm_lang.docgen.export import value_json
    return value_json(value)["text"]


def test_the_explanation_names_the_overridden_rule(watched, base):
    # Inmendagri 07/2021: in an orange-zone RT, places of worship close (KEDUA c), which wins
    # over the general rule that opens them at 50% (KESEMBILAN f).
    ask(watched, base, "2021-04-10", {"wilayah": "KOTA SEMARANG", "rumah_positif_7_hari": "4", "kegiatan": "ibadah"})
    assert derived(watched, "zona") == "oranye"
    status = measure(watched, "status")
    assert status["value"] == "ditutup"
    assert any(c.startswith("inmendagri_07_2021 KEDUA huruf c") for c in status["cites"])
    shot(watched, "policies-cek-override")
