"""The one did-you-mean helper, and that nothing else picks close names on its own."""

from __future__ import annotations

import re
from pathlib import Path

from ppkm_lang.semantics.suggest import closest, did_you_mean

PACKAGE = Path(__file__).resolve().parents[2] / "ppkm_lang"


def test_one_name_by_default_and_none_when_nothing_is_close():
    assert did_you_mean("zonna", ["zona", "level"]) == "did you mean `zona`?"
    assert did_you_mean("xyz", ["zona", "level"]) is None
    assert closest("kegiatn", ["kegiatan", "kapasitas"]) == ["kegiatan"]


def test_several_names_quotes_and_known_abbreviations_first():
    hint = did_you_mean("KOTA BANDUNK", ["KOTA BANDUNG", "KAB. BANDUNG", "KAB. SIKKA"], n=3, quote='"')
    assert hint == 'did you mean "KOTA BANDUNG" or "KAB. BANDUNG"?'
    hint = did_you_mean("MEDAN", ["KOTA MEDAN", "KOTA PADANG"], n=3, quote='"', first=["KOTA MEDAN"])
    assert hint.startswith('did you mean "KOTA MEDAN"') and hint.count('"KOTA MEDAN"') == 1


def test_no_other_module_computes_suggestions():
    users = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
             if re.search(r"get_close_matches|SequenceMatcher", p.read_text(encoding="utf-8"))]
    assert users == ["semantics/suggest.py"]
