"""All generated pages of one language, and the site navigation.

Both languages have the same page paths, so every page links to its counterpart in the other
language (`/` is Indonesian, `/en/` English).
"""

from __future__ import annotations

from ppkm_lang.diagnostics.codes import all_codes
from ppkm_lang.docgen import applies, findings, instruments, overview, reference
from ppkm_lang.docgen.i18n import LANGS, Words
from ppkm_lang.docgen.mdkit import SiteData, code_page, instrument_page

HOME = "index.md"


def generate(data: SiteData, lang: str) -> dict[str, str]:
    """Docs-relative path -> Markdown, for every generated page."""
    w = Words(lang)
    pages: dict[str, str] = {}
    pages.update(instruments.pages(data, w))
    pages[applies.INDEX] = applies.matrices_page(data, w)
    pages.update(applies.region_pages(data, w))
    pages[overview.TIMELINE] = overview.timeline_page(data, w)
    pages[overview.VOCABULARY] = overview.vocabulary_page(data, w)
    pages[overview.CEK] = overview.cek_page(data, w)
    pages[findings.FINDINGS] = findings.findings_page(data, w)
    pages.update(reference.pages(w, data.helps))
    return dict(sorted(pages.items()))


def home_page(data: SiteData, lang: str) -> str:
    """The front page when no hand-written one is given: the sections of the site."""
    w = Words(lang)
    entries = [("instruments", instruments.INDEX), ("cek", overview.CEK), ("applies", applies.INDEX),
               ("timeline", overview.TIMELINE), ("findings", findings.FINDINGS), ("interpretations",
               instruments.INTERPRETATIONS), ("vocabulary", overview.VOCABULARY), ("codes", reference.CODES)]
    return f"# {w('home')}\n\n" + "".join(f"- [{w(k)}]({p})\n" for k, p in entries)


def nav(data: SiteData, lang: str, pages: dict[str, str], extra: list[str]) -> list:
    """The navigation: section titles are this package's own words; page titles come from
    each page's first heading (already escaped there)."""
    w = Words(lang)
    policy = data.policy
    insts = [instrument_page(i.id) for i in policy.instruments.values() if not i.external]
    codes = [code_page(c.code) for c in all_codes()]
    out: list = [HOME] if HOME in pages or HOME in extra else []
    out.append({w("instruments"): [instruments.INDEX, *insts, instruments.INTERPRETATIONS]})
    out.append(overview.CEK)
    # The kab/kota pages are reached from their list: in the navigation, every page of the
    # site would carry a hundred more links.
    applies_section: list = [applies.INDEX]
    if applies.REGIONS in pages:
        applies_section.append(applies.REGIONS)
    out.append({w("applies"): applies_section})
    out += [overview.TIMELINE, overview.VOCABULARY, findings.FINDINGS]
    ref: list = [p for p in (reference.LANGUAGE, reference.CLI) if p in pages]
    ref.append({w("codes"): [reference.CODES, *codes]})
    out.append({w("reference"): ref})
    out += [p for p in extra if p != HOME]
    return out


def url_of(path: str) -> str:
    """The directory URL mkdocs gives a page ('instrumen/x.md' -> 'instrumen/x/')."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def counterpart_link(path: str, lang: str) -> str:
    """An HTML link from a page to the same page in the other language."""
    other = LANGS[1 - LANGS.index(lang)]
    url = url_of(path)
    up = "../" * url.count("/")
    href = f"{up}en/{url}" if lang == "id" else f"{up}../{url}"
    label = Words(lang)("other_language")
    return f'<p class="ppkm-lang"><a href="{href}" hreflang="{other}" lang="{other}">{label}</a></p>\n\n'
