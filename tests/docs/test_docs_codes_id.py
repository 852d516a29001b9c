"""The diagnostic codes in Indonesian: every registered code has its texts, and the Indonesian
site shows them where the English site shows the registry's English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docsite import page_text

from ppkm_lang.diagnostics.codes import all_codes, lookup
from ppkm_lang.docgen import codes_id, reference
from ppkm_lang.docgen.i18n import Words

CODES = all_codes()


def _code_spans(text: str) -> list[str]:
    return sorted(re.findall(r"`([^`]*)`", text))


@pytest.mark.parametrize("code", CODES, ids=lambda c: c.code)
def test_every_code_has_all_indonesian_texts(code):
    texts = codes_id.TEXTS.get(code.code)
    assert texts is not None, f"{code.code} has no Indonesian texts in ppkm_lang/docgen/codes_id.py"
    assert set(texts) == set(codes_id.FIELDS)
    for field in codes_id.FIELDS:
        indonesian, english = texts[field].strip(), getattr(code, field).strip()
        assert indonesian, f"{code.code} {field} is empty"
        assert indonesian != english, f"{code.code} {field} is the English text"
        # Names, keywords and command lines are code: the same in both languages.
        assert _code_spans(indonesian) == _code_spans(english), f"{code.code} {field}"


def test_indonesian_texts_are_only_for_registered_codes():
    assert set(codes_id.TEXTS) - {c.code for c in CODES} == set()


def test_every_kind_and_severity_has_an_indonesian_name():
    assert {c.kind for c in CODES} <= set(codes_id.KINDS)
    assert {c.severity.value for c in CODES} <= set(codes_id.SEVERITIES)


def test_code_page_keeps_the_space_around_code_spans():
    page = reference.code_detail(lookup("PPK301"), Words("id"))
    assert "dengan <code>overrides</code>; jika" in page
    assert "say so with <code>overrides</code>;" in reference.code_detail(lookup("PPK301"), Words("en"))


SAMPLE = ("PPK301", "PPK511", "PPK603", "PPK702")


@pytest.mark.parametrize("name", SAMPLE)
def test_built_sites_show_code_texts_in_their_language(examples_site: Path, name: str):
    code = lookup(name)
    page = Path("referensi") / "kode" / name.lower() / "index.html"
    id_text, en_text = page_text(examples_site / page), page_text(examples_site / "en" / page)

    def squeezed(text: str) -> str:
        return "".join(text.replace("`", "").split())
    for field in codes_id.FIELDS:
        indonesian, english = squeezed(codes_id.TEXTS[name][field]), squeezed(getattr(code, field))
        assert indonesian in squeezed(id_text) and english not in squeezed(id_text)
        assert english in squeezed(en_text) and indonesian not in squeezed(en_text)
    assert codes_id.KINDS[code.kind] in id_text and "Mengapa penting" in id_text
    assert "Why it matters" in en_text and "Mengapa penting" not in en_text


def test_built_code_index_summarises_in_each_language(examples_site: Path):
    index = Path("referensi") / "kode" / "index.html"
    id_text = "".join(page_text(examples_site / index).split())
    en_text = "".join(page_text(examples_site / "en" / index).split())
    for name in SAMPLE:
        code = lookup(name)
        indonesian = "".join(codes_id.TEXTS[name]["summary"].replace("`", "").split())
        english = "".join(code.summary.replace("`", "").split())
        assert indonesian in id_text and english not in id_text
        assert english in en_text and indonesian not in en_text
    assert "galat" in id_text
