"""The Indonesian site speaks Indonesian where it shows the checker's own words: the findings'
messages, hints and notes, the registry's texts of each code, and the command line's help.
The English site keeps the English."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from docsite import POLICIES, page_text
from ppkm_lang.cli.main import help_texts, main
from ppkm_lang.diagnostics.codes import all_codes
from ppkm_lang.docgen import cli_id, codes_id


def _squeezed(text: str) -> str:
    """Text without backticks and whitespace: the visible text of a page breaks lines and
    spaces around code differently from the plain string it came from."""
    return re.sub(r"\s+", "", text.replace("`", ""))


def _findings(capsys, gazetteer_path) -> list[dict]:
    capsys.readouterr()
    main(["--gazetteer", str(gazetteer_path), "check", str(POLICIES), "--format", "json"])
    return json.loads(capsys.readouterr().out)["findings"]


def _said(findings: list[dict]) -> list[str]:
    texts = []
    for f in findings:
        texts += [f["message"], f.get("help") or ""] + [r.get("message") or "" for r in f.get("related", [])]
    # Words to translate: a note that is only a quoted spelling or a name has none.
    words = lambda t: re.findall(r"[A-Za-z]{3,}", re.sub(r'`[^`]*`|"[^"]*"', "", t))
    return sorted({t for t in texts if t and words(t)})


def test_the_findings_page_gives_the_checkers_words_in_the_pages_language(policies_site: Path, capsys,
                                                                          gazetteer_path):
    english = _said(_findings(capsys, gazetteer_path))
    assert len(english) > 10
    id_page = policies_site / "temuan" / "index.html"
    id_text = _squeezed(page_text(id_page))
    untranslated = [t for t in english if _squeezed(t) in id_text]
    assert untranslated == []
    assert '<span lang="en">' not in id_page.read_text(encoding="utf-8")
    # Inmendagri 23/2021 skips Diktum KEDUAPULUHDUA (PPK510); the names stay as written.
    assert _squeezed("`inmendagri_23_2021` tidak mempunyai Diktum `KEDUAPULUHDUA`") in id_text
    en_text = _squeezed(page_text(policies_site / "en" / "temuan" / "index.html"))
    assert [t for t in english if _squeezed(t) not in en_text] == []


def test_a_message_without_a_translation_stays_english_and_says_so(tmp_path):
    from ppkm_lang.docgen.findings import _said as said
    from ppkm_lang.docgen.i18n import Words
    assert said("a message nobody <b>translated</b>", Words("id")).startswith('<span lang="en">')
    shown = said("a message nobody <b>translated</b>", Words("id"))
    assert "<b>" not in shown and "&#60;b&#62;" in shown  # still escaped
    shown = said('the source writes "<i>"; the official name is "KOTA X"', Words("id"))
    assert shown.startswith("sumber menulis ") and "nama resminya" in shown and "<i>" not in shown, shown
    assert said("first one", Words("en")) == "first one"


def test_no_indonesian_page_carries_the_registrys_english(policies_site: Path):
    english = {(c.code, f): _squeezed(getattr(c, f)) for c in all_codes() for f in codes_id.FIELDS}
    english = {k: v for k, v in english.items() if len(v) > 25}  # sentences, not single words
    found = {}
    for page in policies_site.rglob("index.html"):
        rel = page.relative_to(policies_site).as_posix()
        if rel.startswith("en/") or rel.startswith("referensi/bahasa/"):  # the language reference is English
            continue
        text = _squeezed(page_text(page))
        hits = [k for k, v in english.items() if v in text]
        if hits:
            found[rel] = hits[:5]
    assert found == {}


def test_the_command_line_help_is_indonesian_on_the_indonesian_site(policies_site: Path):
    missing = [m for _, text in help_texts() for m in cli_id.indonesian(text)[1]]
    assert missing == []
    id_text = page_text(policies_site / "referensi" / "cli" / "index.html")
    en_text = page_text(policies_site / "en" / "referensi" / "cli" / "index.html")
    for english in ("show this help message and exit", "the date to evaluate on", "exit status:"):
        assert english not in id_text and english in en_text, english
    assert "tampilkan bantuan ini lalu keluar" in id_text and "tanggal evaluasi" in id_text
    # What one types stays as written.
    for typed in ("--at YYYY-MM-DD", "--set FACT=VALUE", "ppkm eval", "--format {text,json,long}"):
        assert typed in id_text, typed


@pytest.mark.parametrize("title", [t for t, _ in help_texts()])
def test_the_indonesian_help_keeps_every_option(title):
    text = dict(help_texts())[title]
    said = cli_id.indonesian(text)[0]
    options = lambda t: sorted(re.findall(r"(?m)^\s+(-\S+(?:, --\S+)?(?: [A-Z{][^ ]*)?)", t))
    assert options(said) == options(text)
    assert all(len(line) <= cli_id.WIDTH for line in said.splitlines() if not line.startswith("penggunaan:"))
