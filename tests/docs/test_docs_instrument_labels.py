"""Instrument pages name rules, tables, region lists and interpretations by their titles and
what a table row gives by its labels; the identifiers are for authors: on hover (`title`) and
in the collapsed source ("Dikodekan sebagai")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ppkm_lang import api
from docsite import POLICIES, ContentText


class _Visible(ContentText):
    """The text of a page's content as shown before anything is opened: not inside
    <details> (for authors), <script> or <style>; attributes are not text."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        if self.content and not {"details", "script", "style"} & set(self.stack):
            self.parts.append(data)


def _visible(path: Path) -> str:
    parser = _Visible()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture(scope="module")
def policy(gazetteer_path):
    return api.load([POLICIES], gazetteer=gazetteer_path).policy


@pytest.fixture(scope="module")
def identifiers(policy) -> set[str]:
    """The names of the rules (table rows too), tables, region lists and interpretations."""
    names = set(policy.rules) | set(policy.tables) | set(policy.regionsets) | set(policy.interpretations)
    return {n for n in names if "_" in n}  # a one-word name is also an ordinary word


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("inst", ["inmendagri-07-2021", "inmendagri-23-2021"])
def test_instrument_pages_show_no_identifier_outside_the_authors_details(policies_site: Path, policy, identifiers,
                                                                        lang, inst):
    page = policies_site / lang / "instrumen" / inst / "index.html"
    text = _visible(page)
    # The instrument's own description is policy text, shown as written (it may name one).
    written = set(re.findall(r"[A-Za-z0-9_]+", policy.instruments[inst.replace("-", "_")].doc or ""))
    shown = sorted({w for w in re.findall(r"[A-Za-z0-9_]+", text) if w in identifiers and w not in written})
    assert shown == [], shown[:20]
    raw = page.read_text(encoding="utf-8")
    # The identifiers are still there for authors: on hover, and in the collapsed source.
    assert 'class="ppkm-ref" title="level&#95;4&#95;23"' in raw or inst != "inmendagri-23-2021"
    assert "<details" in raw and ("Dikodekan sebagai" in raw or "Encoded as" in raw)
    assert len(re.findall(r"<details", raw)) >= 20


def test_a_table_row_is_quoted_with_what_it_gives_by_its_labels(policies_site: Path):
    text = _visible(policies_site / "instrumen" / "inmendagri-23-2021" / "index.html")
    # Inmendagri 23/2021 KEDUABELAS j.1: 1 test per 1000 people per week below 5% positivity
    # (a table row), quoted with its outcome by the measure's label.
    assert "KEDUABELAS huruf j angka 1 ( tes per 1.000 penduduk per minggu = 1 )" in text
    assert "tes_per_1000_per_minggu" not in text
