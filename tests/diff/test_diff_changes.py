"""The "Apa yang berubah" section of a kab/kota page: the changes between consecutive periods
that touch the kab/kota, both sides with their citations, every policy text escaped."""

from __future__ import annotations

from pathlib import Path

from ppkm_lang import api
from ppkm_lang.docgen.changes import changes_section
from ppkm_lang.docgen.i18n import Words

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def test_changes_of_a_kab_kota_between_07_and_23():
    policy = api.prepare(REPO / "policies").policy
    text = changes_section(policy, "KOTA BOGOR", "wilayah", "id", Words("id").date)
    assert text.startswith("## Apa yang berubah")
    assert "### Dari inmendagri&#95;07&#95;2021 ke inmendagri&#95;23&#95;2021 &#40;6 April 2021 → 21 Juli 2021&#41;" in text
    # Facts, members and values by their labels, the identifiers in the hover titles.
    row = next(line for line in text.splitlines()
               if line.startswith('| <span class="ppkm-name" title="sektor&#95;esensial">sektor esensial</span>'))
    assert '<span title="proyek&#95;vital&#95;nasional">proyek vital nasional</span>' in row
    assert '<span title="false">tidak</span><br>inmendagri&#95;07&#95;2021 KESEMBILAN huruf c' in row
    assert '<span title="true">ya</span><br>inmendagri&#95;23&#95;2021 KESEBELAS huruf c' in row
    english = changes_section(policy, "KOTA BOGOR", "wilayah", "en")
    assert english.startswith("## What changed") and "no rule decides it" in english


def test_policy_text_is_escaped_and_unchanged_values_are_left_out():
    policy = api.prepare(HERE / "fixtures" / "two_periods").policy
    text = changes_section(policy, "KOTA BOGOR", "wilayah", "id")
    assert "<script>" not in text and "<b>" not in text and "*tebal*" not in text
    assert "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62; &#124; &#42;tebal&#42;" in text
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert [r.split(" | ")[0] for r in rows] == ["| `catatan`"]  # kapasitas is 50% on both sides
    assert "lama&#95;2021 KESATU" in rows[0] and "baru&#95;2021 KESATU" in rows[0]
    other = changes_section(policy, "KOTA DEPOK", "wilayah", "id")
    assert "Tidak ada yang berubah untuk kabupaten/kota ini&#46;" in other


def test_the_kab_kota_pages_of_the_site_carry_the_section():
    from ppkm_lang.docgen.applies import region_pages
    from ppkm_lang.docgen.mdkit import SiteData

    prepared = api.prepare(HERE / "fixtures" / "two_periods")
    pages = region_pages(SiteData(prepared.policy, prepared.sources), Words("en"))
    page = next(text for name, text in pages.items() if "KOTA BOGOR" in text.splitlines()[0])
    assert "## What changed" in page and "### From lama&#95;2021 to baru&#95;2021" in page
    assert "| `catatan` |" in page and "<script>" not in page
