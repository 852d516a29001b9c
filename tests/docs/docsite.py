"""Helpers of the documentation-site tests: where things are, building a site through the
`ppkm docs` command, reading built pages as a browser would, and driving Chromium."""

from __future__ import annotations

import html.parser
from pathlib import Path

import pytest

from ppkm_lang.cli.main import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
POLICIES = REPO / "policies"
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
SCREENSHOTS = REPO / "artifacts" / "screenshots"
SITE_URL = "https://ppkm.example.org/ppkm/"  # where the published site's fixture says it lives


def build(paths: list[Path], out: Path, *extra: str) -> Path:
    """Build with exactly the gazetteer given in `extra` (none if absent: `--no-gazetteer`),
    whatever PPKM_GAZETTEER the environment holds, so each site is the same in CI and at a desk."""
    import os
    saved = os.environ.pop("PPKM_GAZETTEER", None)
    if "--gazetteer" not in extra:
        extra = (*extra, "--no-gazetteer")
    try:
        code = main(["docs", *map(str, paths), "--out", str(out), "--config", str(REPO / "mkdocs.yml"), *extra])
    finally:
        if saved is not None:
            os.environ["PPKM_GAZETTEER"] = saved
    assert code == 0, f"ppkm docs exited {code}"
    return out


class Elements(html.parser.HTMLParser):
    """Every element of a document, as (tag, attrs, text of raw-text elements). <title> and
    <textarea> are read as text, as browsers do, so markup inside them is not an element."""

    CDATA_CONTENT_ELEMENTS = ("script", "style", "title", "textarea")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        self._open = element if tag in self.CDATA_CONTENT_ELEMENTS else None

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        self._open = None


def elements(path: Path) -> list[dict]:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.elements


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


class ContentText(html.parser.HTMLParser):
    """A walk over the text of a page's content (the element of class `md-content` and what is
    inside it, not the navigation): `handle_data` sees `self.content` (the depth inside the
    content, 0 outside) and `self.stack` (the open elements). Attributes are not text."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.content = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if self.content or "md-content" in (dict(attrs).get("class") or "").split():
            self.content += 1
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            top = self.stack.pop()
            if self.content:
                self.content -= 1
            if top == tag:
                break


def page_text(path: Path) -> str:
    """The visible text of a page, entities decoded, whitespace collapsed."""
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="/usr/bin/chromium is absent: install Debian's chromium package (scripts/ensure-chromium does, as root)")


class Watched:
    """A page, with the dialogs it opened and the script errors it raised."""

    def __init__(self, page):
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()
