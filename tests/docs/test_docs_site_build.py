"""The built site: both languages, highlighted code, pages computed from the policy,
reproducible output, and policy text that never becomes markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

from docsite import EXAMPLES, build, elements, page_text


def test_both_languages_have_every_generated_page(examples_site: Path):
    id_pages = {p.relative_to(examples_site).as_posix() for p in examples_site.rglob("index.html")
                if not p.relative_to(examples_site).as_posix().startswith("en/")}
    en_pages = {p.relative_to(examples_site / "en").as_posix() for p in (examples_site / "en").rglob("index.html")}
    assert id_pages == en_pages
    for page in ("index.html", "cek/index.html", "instrumen/inmendagri-23-2021/index.html", "linimasa/index.html",
                 "temuan/index.html", "berlaku/index.html", "referensi/kode/ppk301/index.html",
                 "referensi/cli/index.html", "referensi/bahasa/index.html", "wilayah/kota-sibolga/index.html"):
        assert page in id_pages
    assert 'lang="id"' in (examples_site / "index.html").read_text(encoding="utf-8")
    assert 'lang="en"' in (examples_site / "en" / "index.html").read_text(encoding="utf-8")
    assert "Ketentuan" in page_text(examples_site / "kosakata" / "index.html")
    assert "Measures (outputs)" in page_text(examples_site / "en" / "kosakata" / "index.html")


def test_every_page_links_to_its_counterpart(examples_site: Path):
    page = examples_site / "instrumen" / "inmendagri-23-2021" / "index.html"
    links = [e["attrs"]["href"] for e in elements(page) if e["tag"] == "a" and e["attrs"].get("hreflang") == "en"
             and "ppkm" not in e["attrs"].get("class", "")]
    assert "../../en/instrumen/inmendagri-23-2021/" in links
    target = (page.parent / "../../en/instrumen/inmendagri-23-2021/index.html").resolve()
    assert target.is_file()
    back = [e["attrs"]["href"] for e in elements(target) if e["tag"] == "a" and e["attrs"].get("hreflang") == "id"]
    assert "../../../instrumen/inmendagri-23-2021/" in back


def test_ppkm_code_is_highlighted_with_the_ppkm_lexer(examples_site: Path):
    html = (examples_site / "instrumen" / "inmendagri-23-2021" / "index.html").read_text(encoding="utf-8")
    assert '<span class="kd">rule</span>' in html
    assert '<span class="nf">makan_di_tempat_level_3</span>' in html
    assert '<span class="k">when</span>' in html
    reference = (examples_site / "referensi" / "bahasa" / "index.html").read_text(encoding="utf-8")
    assert '<span class="kd">instrument</span>' in reference


def test_instrument_page_quotes_the_source_beside_the_rule(examples_site: Path):
    text = page_text(examples_site / "instrumen" / "inmendagri-23-2021" / "index.html")
    section = text[text.index("Diktum KESEBELAS"):]
    assert "jam operasional dibatasi sampai dengan Pukul 17.00 waktu setempat;" in section
    assert "KESEBELAS huruf d angka 2" in section
    assert "kapasitas = 25%" in section  # the summary of the rule
    assert 'rule makan_di_tempat_level_3 "Makan/minum di tempat umum, level 3"' in section  # its code
    assert "21 Juli 2021 s.d. 25 Juli 2021" in text
    assert "KESEBELAS huruf d angka 3" in section  # structure parts no rule cites are listed


def test_matrix_and_region_pages_come_from_evaluation(examples_site: Path):
    matrix = page_text(examples_site / "berlaku" / "index.html")
    assert "kegiatan × level" in matrix
    sibolga = page_text(examples_site / "wilayah" / "kota-sibolga" / "index.html")
    assert "level_3" in sibolga and "jam_tutup = 17:00" in sibolga
    medan = page_text(examples_site / "wilayah" / "kota-medan" / "index.html")
    assert "level_4" in medan and "pesan_antar_saja" in medan and "17:00" not in medan


def test_reference_pages_cover_every_code_and_verb(examples_site: Path):
    from ppkm_lang.diagnostics.codes import all_codes
    from ppkm_lang.docgen.codes_id import TEXTS

    def squeezed(text: str) -> str:
        return "".join(text.replace("`", "").split())
    for code in all_codes():
        page = Path("referensi") / "kode" / code.code.lower() / "index.html"
        id_text, en_text = page_text(examples_site / page), page_text(examples_site / "en" / page)
        assert code.name in id_text and squeezed(TEXTS[code.code]["fix"]) in squeezed(id_text)
        assert code.name in en_text and squeezed(code.fix) in squeezed(en_text)
    cli = page_text(examples_site / "referensi" / "cli" / "index.html")
    en_cli = page_text(examples_site / "en" / "referensi" / "cli" / "index.html")
    for verb in ("check", "eval", "docs"):
        assert f"penggunaan: ppkm {verb}" in cli and f"usage: ppkm {verb}" in en_cli


def test_search_index_holds_indonesian_words(examples_site: Path):
    index = json.loads((examples_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en"]
    assert "stemmer" not in index["config"]["pipeline"]
    assert any("kerumunan" in doc["text"] for doc in index["docs"])


def test_two_builds_are_identical(examples_site: Path, tmp_path: Path):
    again = build([EXAMPLES], tmp_path / "again")
    first = {p.relative_to(examples_site): p.read_bytes() for p in examples_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    different = [str(p) for p in first if first[p] != second[p]]
    assert different == []


# ------------------------------------------------------------------------- hostile text

PAYLOAD_TAGS = {"img", "iframe", "svg", "style", "object", "embed", "textarea"}


def test_hostile_policy_text_is_never_markup(hostile_site: Path):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    seen_payload_text = False
    for page in pages:
        for e in elements(page):
            for name, value in e["attrs"].items():
                assert not name.startswith("on"), (page, e)
                assert "javascript:" not in (value or "").lower(), (page, e)
            if e["tag"] == "script":
                if e["attrs"].get("type") == "application/json":
                    assert "<" not in e["text"]
                    json.loads(e["text"])
                else:
                    assert "PWNED" not in e["text"], (page, e)
            if e["tag"] in PAYLOAD_TAGS:
                # The theme draws its icons with inline <svg>; those carry no policy text.
                assert e["tag"] == "svg" and e["attrs"].get("xmlns") == "http://www.w3.org/2000/svg", (page, e)
            if e["tag"] == "title":
                assert "<" not in e["text"] or "PWNED" not in e["text"] or "&" not in e["text"]
        text = page_text(page)
        if "<script>window.PWNED_RULE=1;alert('PWNED')</script>" in text:
            seen_payload_text = True
    # The payloads are on the pages, as text.
    assert seen_payload_text
    inst = page_text(hostile_site / "instrumen" / "inst-x" / "index.html")
    assert "<img src=x onerror=\"window.PWNED_CITE=1;alert('PWNED')\"> | tabel | sel |" in inst
    assert "**bold** {: onclick=\"alert('PWNED')\" }" in inst


def test_hostile_titles_stay_text_in_the_document_title(hostile_site: Path):
    page = hostile_site / "wilayah" / "img-src-x-onerror-alert-pwned" / "index.html"
    raw = page.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", raw, re.S).group(1)
    assert "<" not in title and "&#60;IMG" in title


def test_policy_json_cannot_close_its_script(hostile_site: Path):
    raw = (hostile_site / "cek" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script id="cek-policy" type="application/json">(.*?)</script>', raw, re.S).group(1)
    assert "</" not in block and "<!--" not in block and "\u2028" not in block
    data = json.loads(block)
    texts = [c["text"] for r in data["rules"] for c in r["cites"]]
    assert "</script><!-- <script>alert('PWNED')</script>" in texts
