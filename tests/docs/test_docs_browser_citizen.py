"""The published site as a citizen uses it, in headless Chromium at a phone's (390x844) and a
desktop's (1366x900) size: the Cek aturan interview driven for real cases and compared with
`ppkm eval --format json`; the answer's address reopened in a new page; the language menu
keeping the page and its question; no page wider than the screen, no answer word broken
inside; axe-core finding nothing serious or critical. Screenshots go to artifacts/screenshots/;
the time from the last input to the answer is printed (not asserted)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from cekdriver import ask, shot
from docsite import POLICIES, ContentText, needs_chromium
from ppkm_lang.cli.main import main

pytestmark = needs_chromium

HERE = Path(__file__).parent
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

# (name, date, the facts as a reader enters them, the place's official name)
CASES = [
    ("medan-mall", "2021-07-22", {"wilayah": "medan", "kegiatan": "pusat_perbelanjaan"}, "KOTA MEDAN"),
    ("medan-mall-elsewhere", "2021-07-22", {"wilayah": "Kota Medan", "kegiatan": "pusat_perbelanjaan",
                                            "akses_pusat_perbelanjaan": "tempat_lain"}, "KOTA MEDAN"),
    ("sibolga-dine-in", "2021-07-22", {"wilayah": "sibolga", "kegiatan": "makan_di_tempat"}, "KOTA SIBOLGA"),
    ("semarang-rt-4-worship", "2021-04-10", {"wilayah": "KOTA SEMARANG", "kegiatan": "ibadah",
                                             "rumah_positif_7_hari": "4"}, "KOTA SEMARANG"),
    ("semarang-worship-conditional", "2021-04-10", {"wilayah": "kota semarang", "kegiatan": "ibadah"},
     "KOTA SEMARANG"),
    ("no-instrument", "2021-05-01", {"wilayah": "KOTA SIBOLGA", "kegiatan": "makan_di_tempat"}, "KOTA SIBOLGA"),
    ("badung-mall-lower-case", "2021-07-22", {"wilayah": "kabupaten badung", "kegiatan": "pusat_perbelanjaan"},
     "KAB. BADUNG"),
    ("depok-school", "2021-04-10", {"wilayah": "Kota Depok", "kegiatan": "belajar_mengajar"}, "KOTA DEPOK"),
    ("balikpapan-construction", "2021-07-23", {"wilayah": "KOTA BALIKPAPAN", "kegiatan": "konstruksi"},
     "KOTA BALIKPAPAN"),
]

# Words of answers, split at spaces, hyphens and slashes (where a line may break): a word
# whose pieces stand on two lines was broken inside.
BROKEN_WORDS = """(selector) => {
  const bad = [];
  for (const el of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const re = /[^\\s\\-\\/]+/g;
      let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) bad.push(m[0]);
      }
    }
  }
  return bad;
}"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
STILL = """document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
  document.head.appendChild(style);
});"""


@pytest.fixture(scope="module")
def base(policies_site: Path, serve) -> str:
    return serve(policies_site)


@pytest.fixture(scope="module")
def axe_js() -> Path:
    """axe-core from npm, installed from the lock file beside this file on first use."""
    script = HERE / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        assert npm, "npm is needed to install axe-core for the accessibility audit"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True,
                       stdin=subprocess.DEVNULL, timeout=300)
    return script


def _page(browser, viewport):
    from docsite import Watched
    context = browser.new_context(viewport=viewport, locale="id-ID")
    return context, Watched(context.new_page())


def eval_json(capsys, at: str, facts: dict[str, str]) -> dict:
    capsys.readouterr()
    args = ["eval", str(POLICIES), "--at", at, "--format", "json"]
    for k, v in facts.items():
        args += ["--set", f"{k}={v}"]
    code = main(args)
    out = capsys.readouterr().out
    assert code in (0, 1), out
    return json.loads(out)


def _cards(page) -> dict[str, dict]:
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('#cek-result li[data-measure]'))
      .map(li => [li.dataset.measure, {status: li.dataset.status, value: li.dataset.value || null,
                                       mine: !!li.closest('.cek-mine')}]))""")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_interview_answers_as_ppkm_eval(browser, base, capsys, viewport):
    context, watched = _page(browser, viewport)
    page = watched.page
    timings = []
    try:
        for name, at, facts, official in CASES:
            unasked = ask(watched, base, at, facts)
            assert unasked == [], (name, unasked)  # every fact of the case was asked for
            state = {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}
            assert state.get("wilayah") == official, (name, state)  # the typed place was found
            given = {**facts, "wilayah": official}
            expected = eval_json(capsys, at, given)
            sentence = page.locator("#cek-result .cek-sentence")
            if not expected["in_force"]:
                none = page.locator("#cek-result .cek-none").inner_text()
                assert "6 April 2021" in none and "21 Juli 2021" in none, none  # the covered periods
                continue
            assert sentence.count() == 1, name
            text = sentence.inner_text()
            assert "_" not in text, (name, text)  # labels, never identifiers
            cards = _cards(page)
            shown = {n: m for n, m in expected["measures"].items() if m["status"] != "undetermined"}
            assert set(cards) == set(shown), name
            for n, m in shown.items():
                assert cards[n]["status"] == m["status"], (name, n)
                assert cards[n]["mine"] == m["relevant"], (name, n)
                if m["status"] == "definite":
                    # The summary quotes a text value; the page shows the text.
                    summary = m["summary"][1:-1] if isinstance(m["value"], str) and m["summary"] == json.dumps(
                        m["value"], ensure_ascii=False) else m["summary"]
                    assert cards[n]["value"] == summary, (name, n)
            asked = set(page.locator("[data-question]").evaluate_all("n => n.map(x => x.dataset.question)"))
            if expected["next_question"]:
                assert expected["next_question"]["fact"] in asked, name
            if any(m["status"] == "conditional" and m["relevant"] for m in shown.values()):
                assert " kecuali " in text or " bila " in text, (name, text)
            assert page.evaluate(OVERFLOW) <= 0, name
            assert page.evaluate(BROKEN_WORDS, "#cek-result .cek-sentence, #cek-result .cek-value, "
                                               "#cek-result .cek-label") == [], name
            timings.append((name, float(page.locator("#cek-result").get_attribute("data-render-ms"))))
            shot(watched, f"citizen-{name}-{viewport['width']}")
            # The address alone gives the same answer in a new page.
            again = context.new_page()
            again.goto(page.url)
            again.wait_for_selector("#cek-result .cek-sentence")
            assert again.locator("#cek-result .cek-sentence").inner_text() == text, name
            assert _cards(again) == cards, name
            again.close()
        assert watched.errors == []
    finally:
        context.close()
    print(f"\nlast input to answer shown ({viewport['width']}px), ms: "
          + ", ".join(f"{n} {t:.1f}" for n, t in timings))


def test_the_sentence_of_sibolga(browser, base):
    context, watched = _page(browser, PHONE)
    try:
        ask(watched, base, "2021-07-22", {"wilayah": "Kota Sibolga", "kegiatan": "makan_di_tempat"})
        text = watched.page.locator("#cek-result .cek-sentence").inner_text()
        # Inmendagri 23/2021 KESEBELAS d: 25% of capacity (angka 1), until 17.00 (angka 2).
        assert text.startswith("Kota Sibolga, 22 Juli 2021, makan di tempat: "), text
        assert "paling banyak 25%" in text and "sampai pukul 17.00" in text, text
        card = watched.page.locator('#cek-result li[data-measure="kapasitas"]')
        assert card.locator(".cek-label").get_attribute("title") == "kapasitas"  # the identifier on hover
        card.locator(".cek-basis > summary").click()  # the basis, one click away
        assert "25% (dua puluh lima persen)" in card.locator(".cek-cite-text").first.inner_text()
        assert watched.page.locator("#cek-result details.cek-general:not([open])").count() == 1
        # An unknown place is named by its value.
        ask(watched, base, "2021-07-22", {"wilayah": "Kota Atlantis", "kegiatan": "makan_di_tempat"})
        assert "“Kota Atlantis”" in watched.page.locator("#cek-result .cek-error").inner_text()
    finally:
        context.close()


def test_a_closed_activity_leads_with_closed_and_sets_its_other_measures_apart(browser, base):
    # Inmendagri 07/2021 KEDUA huruf c: houses of worship closed in zona oranye (3 to 5 houses
    # with cases in the RT); KESEMBILAN huruf f: worship at 50% capacity in general.
    context, watched = _page(browser, PHONE)
    page = watched.page
    try:
        ask(watched, base, "2021-04-10", {"wilayah": "Kota Semarang", "kegiatan": "ibadah",
                                          "rumah_positif_7_hari": "4"})
        text = page.locator("#cek-result .cek-sentence").inner_text()
        assert text == "Kota Semarang, 10 April 2021, ibadah di rumah ibadah: ditutup", text
        first = page.locator("#cek-result ul.cek-mine").first
        assert first.locator("li").evaluate_all("n => n.map(x => x.dataset.measure)") == ["status"]
        apart = page.locator("#cek-result .cek-when-open")
        assert apart.locator("h3").inner_text() == "Ketentuan lain untuk kegiatan ini (berlaku bila kegiatan dibuka)"
        capacity = apart.locator('li[data-measure="kapasitas"]')
        assert capacity.get_attribute("data-value") == "50%"
        capacity.locator(".cek-basis > summary").click()  # its citation is kept
        assert "50% (lima puluh persen)" in capacity.locator(".cek-cite-text").first.inner_text()
        # Not yet known how many houses have cases: open, with the capacity, except closed.
        ask(watched, base, "2021-04-10", {"wilayah": "Kota Semarang", "kegiatan": "ibadah"})
        text = page.locator("#cek-result .cek-sentence").inner_text()
        assert text.startswith("Kota Semarang, 10 April 2021, ibadah di rumah ibadah: "), text
        assert "kecuali ditutup bila " in text and text.index("50%") < text.index("kecuali ditutup"), text
        assert page.locator('#cek-result .cek-when-open li[data-measure="kapasitas"]').count() == 1
        ask(watched, base, "2021-04-10", {"wilayah": "Kota Semarang", "kegiatan": "ibadah",
                                          "rumah_positif_7_hari": "4"}, lang="en/")
        assert page.locator("#cek-result .cek-when-open h3").inner_text() == \
            "Other provisions for this activity (apply when it is open)"
        assert "50%" not in page.locator("#cek-result .cek-sentence").inner_text()
        assert watched.errors == []
    finally:
        context.close()


def test_the_language_menu_keeps_the_page_and_the_question(browser, base):
    context, watched = _page(browser, DESKTOP)
    page = watched.page
    try:
        for path in ("cek/?at=2021-07-22&wilayah=KOTA+SIBOLGA&kegiatan=makan_di_tempat", "instrumen/inmendagri-23-2021/"):
            # Wait for the theme to read the other language's sitemap: its own handler is then armed.
            with page.expect_response(lambda r: r.url.endswith("en/sitemap.xml")):
                page.goto(base + path)
            page.hover(".md-header__option .md-select")
            page.click('a.md-select__link[hreflang="en"]')
            page.wait_for_load_state("load")
            assert page.url == base + "en/" + path, page.url
        page.goto(base + "en/cek/?at=2021-07-22&wilayah=KOTA+SIBOLGA&kegiatan=makan_di_tempat")
        page.wait_for_selector("#cek-result .cek-sentence")
        assert page.locator("#cek-result .cek-sentence").inner_text().startswith("Kota Sibolga, 22 July 2021, dine-in: ")
    finally:
        context.close()


def _every_page(site: Path) -> list[str]:
    """Every generated page of both languages (the 404 page aside), as paths under the site."""
    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    return ["" if p == "." else p + "/" for p in pages]


def test_no_page_is_wider_than_the_screen(browser, base, policies_site: Path):
    """Every page, loaded once at a phone's size and then widened to a desktop's on the same
    page (the layout follows the viewport; nothing is fetched again); the search index is not
    fetched at all. The time taken is printed."""
    import time
    context, watched = _page(browser, PHONE)
    context.route("**/search/search_index.json", lambda r: r.abort())
    # The theme animates some widths (the search field): measure the layout it settles in.
    context.add_init_script(STILL)
    wide: dict[str, dict[int, int]] = {}
    started, cpu = time.perf_counter(), time.process_time()
    try:
        pages = _every_page(policies_site)
        assert len(pages) > 400 and "en/wilayah/kota-medan/" in pages and "referensi/kode/ppk301/" in pages
        page = watched.page
        for path in pages:
            page.set_viewport_size(PHONE)
            page.goto(base + path, wait_until="load")
            for viewport in (PHONE, DESKTOP):
                if viewport is not PHONE:
                    page.set_viewport_size(viewport)
                over = page.evaluate(OVERFLOW)
                if over > 0:
                    wide.setdefault(path, {})[viewport["width"]] = over
    finally:
        context.close()
    print(f"\n{len(pages)} pages at {PHONE['width']} and {DESKTOP['width']} px: "
          f"{time.perf_counter() - started:.1f} s wall, {time.process_time() - cpu:.1f} s CPU of the test process")
    assert not wide, (len(wide), sorted(wide.items())[:10])


AUDITED = ["", "instrumen/inmendagri-23-2021/", "wilayah/kota-medan/", "referensi/kode/", "referensi/kode/ppk301/",
           "cek/?at=2021-07-22&wilayah=KOTA+SIBOLGA&kegiatan=makan_di_tempat", "berlaku/"]


# At a phone's size, where the theme shows the most of its own controls, and at a desktop's,
# where it shows the sidebars and the tables at full width (the matrices' coloured cells);
# the audit of the long instrument page takes most of a minute at each size.
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_nothing_serious(browser, base, axe_js: Path, viewport):
    context, watched = _page(browser, viewport)
    found = {}
    try:
        for path in AUDITED:
            watched.page.goto(base + path, wait_until="load")
            watched.page.add_script_tag(path=str(axe_js))
            violations = watched.page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
              .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))""")
            if violations:
                found[path] = violations
        shot(watched, f"axe-cek-{viewport['width']}")
    finally:
        context.close()
    assert found == {}


def test_the_level_table_is_coloured_and_filtered_by_province(browser, base):
    # Inmendagri 23/2021 KESATU c: Kota Medan at level 4 (angka 1), Kota Sibolga at level 3 (angka 2).
    context, watched = _page(browser, PHONE)
    page = watched.page
    try:
        page.goto(base + "wilayah/", wait_until="load")
        rows = page.locator(".ppkm-levels tbody tr")
        assert rows.count() > 100
        page.select_option("#ppkm-province", "SUMATERA UTARA")
        shown = page.locator(".ppkm-levels tbody tr:not([hidden])")
        texts = {t.split("\t")[0].strip(): t for t in shown.all_inner_texts()}
        assert set(texts) == {"KOTA MEDAN", "KOTA SIBOLGA"}, texts
        medan = shown.filter(has_text="KOTA MEDAN").locator(".ppkm-rank")
        sibolga = shown.filter(has_text="KOTA SIBOLGA").locator(".ppkm-rank")
        assert medan.inner_text() == "PPKM Level 4" and sibolga.inner_text() == "PPKM Level 3"
        colour = lambda loc: loc.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour(medan) != colour(sibolga)
        assert page.evaluate(OVERFLOW) <= 0
        shot(watched, "citizen-levels-sumatera-utara")
    finally:
        context.close()


def test_the_matrix_columns_are_labelled_and_coloured_by_rank(policies_site: Path):
    from docsite import page_text
    html = (policies_site / "berlaku" / "index.html").read_text(encoding="utf-8")
    # The level columns, from the least to the most restrictive, with their labels.
    order = [html.index(f'<span class="ppkm-rank ppkm-rank-{rank}"><span title="{ident}">{label}</span>')
             for rank, ident, label in ((0, "mikro", "PPKM Mikro"), (1, "level&#95;3", "PPKM Level 3"),
                                        (2, "level&#95;4", "PPKM Level 4"))]
    assert order == sorted(order)
    assert "makan di tempat" in page_text(policies_site / "berlaku" / "index.html")  # rows by label


def test_the_matrix_cells_take_the_colour_of_their_step(browser, base):
    context, watched = _page(browser, DESKTOP)
    page = watched.page
    try:
        page.goto(base + "berlaku/", wait_until="load")
        colours = page.evaluate("""() => {
          const out = {};
          for (const td of document.querySelectorAll('.md-typeset td')) {
            const step = td.querySelector(':scope > .ppkm-strict')?.dataset.strictness ?? 'none';
            (out[step] = out[step] || new Set()).add(getComputedStyle(td).backgroundColor);
          }
          return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
        }""")
        # One colour per step, five different ones; ungraded cells keep the table's own.
        steps = {k: v for k, v in colours.items() if k != "none"}
        assert sorted(steps) == ["0", "1", "2", "3", "4"], colours
        assert all(len(v) == 1 for v in steps.values()), colours
        assert len({v[0] for v in steps.values()}) == 5, colours
        assert not set(colours["none"]) & {v[0] for v in steps.values()}, colours
        shot(watched, "citizen-matrix-strictness")
    finally:
        context.close()


class _Shown(ContentText):
    """The text of the headings, table cells and list items of a page's content (not its
    navigation), piece by piece, each marked whether it stands in <code> (for authors).
    Attributes (titles on hover) are not text."""

    KEEP = {"h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "li"}

    def __init__(self):
        super().__init__()
        self.pieces: list[tuple[str, bool]] = []

    def handle_data(self, data):
        if self.content and "script" not in self.stack and any(t in self.KEEP for t in self.stack) and data.strip():
            self.pieces.append((" ".join(data.split()), "code" in self.stack))


def _shown(path: Path) -> list[tuple[str, bool]]:
    parser = _Shown()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.pieces


@pytest.mark.parametrize("page", ["wilayah/kota-sibolga", "instrumen/inmendagri-23-2021"])
def test_pages_name_measures_by_their_labels(policies_site: Path, page):
    from cekdriver import exported
    policy = exported(policies_site)
    labelled = [i for i in policy["facts"] + policy["measures"] if i.get("label")]
    # Identifiers with a label (facts, measures, enum members): none is shown as such.
    # (those whose label is the identifier itself, like `ditutup`, aside).
    def differs(ident, labels):
        return labels.get("id", "").lower() not in (ident, ident.replace("_", " "))
    names = {i["name"] for i in labelled if differs(i["name"], i["label"])} | {
        m for i in labelled for m, ls in (i["type"].get("labels") or {}).items() if differs(m, ls)}
    pieces = _shown(policies_site / page / "index.html")
    text = " | ".join(p for p, _ in pieces)
    # Inmendagri 23/2021 KESEBELAS d: dine-in at 25% (kapasitas) until 17.00 (jam_tutup), with
    # stricter health protocols (protokol_kesehatan); the vocabulary labels these measures.
    for label in ("kapasitas paling banyak", "sampai pukul", "protokol kesehatan", "lebih ketat"):
        assert label in text, (page, label)
    # Alone in a heading or a cell, in code type or not (how identifiers stood before labels),
    # or written out in plain text where it has an underscore.
    alone = sorted({p for p, _ in pieces if p.strip(" =:") in names})
    assert alone == [], (page, alone)
    words = sorted({w for p, code in pieces if not code for w in re.findall(r"\w+", p) if "_" in w and w in names})
    assert words == [], (page, words)
