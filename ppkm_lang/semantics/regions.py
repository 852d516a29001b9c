"""Region names: the one normalisation used everywhere a kab/kota name is compared.

The instruments write "Kota Medan", "Kabupaten Berau", "KOTA SIBOLGA" or just "BERAU"; the
gazetteer writes "KOTA MEDAN" and "KAB. BERAU". A name is compared by its key: upper case,
single spaces, with "KABUPATEN"/"KAB" written "KAB.".
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")
_KAB = re.compile(r"^(KABUPATEN|KAB\.?)\s+")


def region_key(name: str) -> str:
    key = _SPACES.sub(" ", name.strip().upper())
    key = _KAB.sub("KAB. ", key)
    return key
