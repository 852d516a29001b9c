"""The site in a real browser (Debian's Chromium through Playwright): Cek aturan answers cases
taken from the instruments with their citations, search finds Indonesian words, and hostile
policy text never runs. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from cekdriver import ask, derived, measure, open_address, search, sentence, shot
from docsite import EXAMPLES, HOSTILE, needs_chromium
from ppkm_lang import api

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def base(examples_site: Path, serve) -> str:
    return serve(examples_site)


def test_sibolga_dine_in_is_25_percent_until_17(watched, base):
    # Inmendagri 23/2021: Kota Sibolga is level 3 (KESATU c.2); at level 3, dine-in at 25% of
    # capacity until 17.00 (KESEBELAS huruf d angka 1 and 2).
    ask(watched, base, "2021-07-22", {"wilayah": "KOTA SIBOLGA", "kegiatan": "makan_di_tempat"})
    assert derived(watched, "level") == "level_3"
    kapasitas = measure(watched, "kapasitas")
    assert kapasitas["value"] == "25%"
    assert kapasitas["rule"] == "makan_di_tempat_level_3"
    assert "inmendagri_23_2021 KESEBELAS huruf d angka 1" in kapasitas["cites"]
    assert any("25% (dua puluh lima persen)" in q for q in kapasitas["quotes"])
    jam = measure(watched, "jam_tutup")
    assert jam["value"] == "17:00"
    assert "inmendagri_23_2021 KESEBELAS huruf d angka 2" in jam["cites"]
    assert watched.page.locator('.cek-in-force [data-instrument="inmendagri_23_2021"]').count() == 1
    shot(watched, "cek-sibolga")
    assert watched.errors == [] and watched.dialogs == []


def test_level_4_city_takes_away_only(watched, base):
    # Kota Medan is level 4 (KESATU c.1): restaurants only deliver or sell take-away
    # (KESEPULUH huruf d); no capacity or closing time applies.
    ask(watched, base, "2021-07-21", {"wilayah": "Kota Medan", "kegiatan": "makan_di_tempat"})
    assert derived(watched, "level") == "level_4"
    layanan = measure(watched, "layanan")
    assert layanan["value"] == "pesan_antar_saja"
    assert layanan["cites"] == ["inmendagri_23_2021 KESEPULUH huruf d"]
    assert measure(watched, "kapasitas") == {}
    shot(watched, "cek-medan")


def test_rt_in_the_red_zone(watched, base):
    # Inmendagri 07/2021 KEDUA: more than 5 houses with cases make the RT a red zone, where
    # crowds are limited to 3 people (d.4) and movement in and out ends at 20.00 (d.5).
    open_address(watched, base, "2021-04-10", {"rumah_positif_7_hari": "6"})
    assert derived(watched, "zona") == "merah"
    kerumunan = measure(watched, "batas_kerumunan")
    assert kerumunan["value"] == "3"
    assert "inmendagri_07_2021 KEDUA huruf d angka 4" in kerumunan["cites"]
    assert measure(watched, "jam_keluar_masuk_rt")["value"] == "20:00"
    open_address(watched, base, "2021-04-10", {"rumah_positif_7_hari": "5"})
    assert derived(watched, "zona") == "oranye"
    assert measure(watched, "batas_kerumunan") == {}
    shot(watched, "cek-rt-oranye")


def test_no_instrument_in_force_and_bad_input(watched, base):
    ask(watched, base, "2021-07-26", {"wilayah": "KOTA SIBOLGA", "kegiatan": "makan_di_tempat"})
    none = watched.page.locator(".cek-none").inner_text()
    # The covered dates are named: 07/2021 from 6 April, 23/2021 from 21 July.
    assert "26 Juli 2021" in none and "6 April 2021" in none and "21 Juli 2021" in none, none
    open_address(watched, base, "2021-04-10", {"rumah_positif_7_hari": "enam"})
    assert "enam" in watched.page.locator(".cek-error").inner_text()
    ask(watched, base, "2021-07-22", {"wilayah": "Kota Atlantis"})
    assert "Kota Atlantis" in watched.page.locator(".cek-error").inner_text()


def test_english_page_and_preset_address(watched, base):
    page = watched.page
    page.goto(f"{base}en/cek/?at=2021-07-22&wilayah=KOTA%20SIBOLGA&kegiatan=makan_di_tempat")
    page.wait_for_selector('li[data-measure="kapasitas"]')
    assert page.locator('label[for="cek-at"]').inner_text().strip() == "Date"
    assert measure(watched, "kapasitas")["value"] == "25%"
    shot(watched, "cek-en")


def test_every_example_block_shows_its_expected_values(watched, base):
    policy = api.load([EXAMPLES], gazetteer=False).policy  # as its site is built
    checked = 0
    for ex in policy.examples.values():
        open_address(watched, base, ex.at.isoformat(), {a.target: _raw(a.value) for a in ex.given})
        if ex.no_instrument:
            assert watched.page.locator(".cek-none").count() == 1, ex.name
            continue
        for a in ex.expect:
            shown = measure(watched, a.target).get("value") or derived(watched, a.target)
            assert shown == str(a.value).strip('"'), (ex.name, a.target)
            checked += 1
        for name in ex.undetermined:
            assert measure(watched, name) == {}, (ex.name, name)
    assert checked >= 5


def _raw(value) -> str:
    return str(value).strip('"')


def test_search_finds_an_indonesian_term(watched, base):
    page = watched.page
    search(watched, base, "kerumunan")
    results = page.locator(".md-search-result__item").all_inner_texts()
    assert any("kerumunan" in r.lower() for r in results)
    shot(watched, "search-kerumunan")


def test_pages_render_without_script_errors(watched, base):
    for path in ("", "instrumen/inmendagri-23-2021/", "berlaku/", "linimasa/", "temuan/", "wilayah/kota-sibolga/",
                 "referensi/kode/ppk301/", "en/instrumen/inmendagri-07-2021/"):
        watched.page.goto(base + path)
        watched.page.wait_for_load_state("load")
        shot(watched, "page-" + (path.strip("/").replace("/", "-") or "home"))
    assert watched.errors == []


# ------------------------------------------------------------------------- hostile text

@pytest.fixture(scope="module")
def hostile_base(hostile_site: Path, serve) -> str:
    return serve(hostile_site)


def _pwned(watched) -> list:
    return watched.page.evaluate("() => Object.keys(window).filter(k => k.startsWith('PWNED'))")


def test_hostile_text_never_runs(watched, hostile_site: Path, hostile_base: str):
    pages = sorted(p.relative_to(hostile_site).parent.as_posix() for p in hostile_site.rglob("index.html")
                   if "referensi/kode" not in p.as_posix())
    assert len(pages) > 10
    for path in pages:
        watched.page.goto(hostile_base + ("" if path == "." else path + "/"))
        watched.page.wait_for_load_state("load")
        assert _pwned(watched) == [], path
    assert watched.dialogs == []
    watched.page.goto(hostile_base + "instrumen/inst-x/")
    shot(watched, "hostile-instrument")


def test_hostile_text_in_cek_is_shown_as_text(watched, hostile_base: str):
    unasked = ask(watched, hostile_base, "2021-07-03",
                  {"wilayah": "<img src=x onerror=alert('PWNED')>", "kegiatan": "makan", "zona": "merah"})
    assert unasked == []
    catatan = measure(watched, "catatan")
    assert catatan["value"] == "\"<img src=x onerror=\"window.PWNED_VALUE=1;alert('PWNED')\">\"".strip('"') \
        or "PWNED_VALUE" in catatan["value"]
    assert any("PWNED_CITE" in q for q in catatan["quotes"])
    assert watched.page.locator("#cek-result img, #cek-result script, #cek-result iframe").count() == 0
    assert _pwned(watched) == [] and watched.dialogs == []
    shot(watched, "hostile-cek")


def test_hostile_search_results_stay_text(watched, hostile_base: str):
    page = watched.page
    search(watched, hostile_base, "PWNED")
    page.wait_for_timeout(300)
    assert page.locator(".md-search-result img, .md-search-result script, .md-search-result iframe").count() == 0
    assert _pwned(watched) == [] and watched.dialogs == []
    shot(watched, "hostile-search")


def test_hostile_fixture_loads():
    loaded = api.load([HOSTILE], gazetteer=False)  # as its site is built
    assert loaded.policy is not None and loaded.ok
