"""The instrument pages show a rule made by `apply` as a rule of its own: under each diktum it
cites, with both quotes, and with where it comes from."""

from __future__ import annotations

from pathlib import Path

from ppkm_lang.docgen import instruments
from ppkm_lang.docgen.i18n import Words
from ppkm_lang.docgen.mdkit import SiteData
from ppkm_lang.loader import load

FIXTURE = Path(__file__).resolve().parents[1] / "language" / "fixtures" / "good" / "as_at_level_2.ppkm"


def _page(lang: str) -> str:
    loaded = load([FIXTURE], gazetteer=False)
    return instruments.pages(SiteData(loaded.policy, loaded.sources), Words(lang))["instrumen/contoh-2021.md"]


def test_an_applied_rule_is_shown_with_both_quotes_and_its_origin():
    page = _page("en")
    kesatu, ketiga = page.split("## Diktum KETIGA")
    made = "anak&#95;seperti&#95;level&#95;2&#35;ketentuan&#95;level&#95;2&#35;1"
    assert made in kesatu and made in ketiga
    assert "makan/minum di tempat dengan kapasitas 75%" in kesatu
    assert "Bagi anak usia di bawah 12 tahun" in ketiga
    # By their titles, the identifiers on hover.
    assert ('Applied by <span class="ppkm-ref" title="anak&#95;seperti&#95;level&#95;2">Anak di bawah 12 tahun '
            'seperti di level 2</span>: rule <span class="ppkm-ref" title="ketentuan&#95;level&#95;2&#35;1">Level 2'
            '</span>') in page
    assert 'Diberlakukan oleh <span class="ppkm-ref" title="anak&#95;seperti&#95;level&#95;2">' in _page("id")
