"""Driving the Cek aturan page and the search box the way a reader does, for the browser
tests; and the script that runs the exported policy through cek.js in one call."""

from __future__ import annotations

import json
from pathlib import Path

from docsite import SCREENSHOTS

RUN = """([policy, cases]) => {
  const engine = new window.PpkmCek.Engine(policy);
  return cases.map(([at, facts]) => engine.decide(at, facts));
}"""


def exported(site: Path) -> dict:
    """The policy JSON embedded in a built site's Cek aturan page."""
    raw = (site / "cek" / "index.html").read_text(encoding="utf-8")
    marker = '<script id="cek-policy" type="application/json">'
    start = raw.index(marker) + len(marker)
    return json.loads(raw[start:raw.index("</script>", start)])


def shot(watched, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    watched.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def ask(watched, base: str, at: str, facts: dict[str, str], lang: str = "") -> None:
    page = watched.page
    page.goto(f"{base}{lang}cek/")
    page.wait_for_selector("#cek-form")
    page.evaluate("() => { const more = document.getElementById('cek-more'); if (more) more.open = true; }")
    page.fill("#cek-at", at)
    for name, value in facts.items():
        control = page.locator(f"#cek-fact-{name}")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    page.click("#cek-run")


def measure(watched, name: str) -> dict:
    row = watched.page.locator(f'tr[data-measure="{name}"]')
    if row.count() == 0:
        return {}
    return {"value": row.locator(".cek-value").inner_text().strip(),
            "rule": row.locator(".cek-rule-id").inner_text().strip(),
            "cites": row.locator(".cek-cite-label").all_inner_texts(),
            "quotes": row.locator(".cek-cite-text").all_inner_texts()}


def derived(watched, name: str) -> str | None:
    row = watched.page.locator(f'tr[data-fact="{name}"]')
    return row.locator(".cek-value").inner_text().strip() if row.count() else None


def search(watched, base: str, term: str) -> None:
    """Type into the search box once the index has arrived, as a reader would."""
    page = watched.page
    with page.expect_response(lambda r: r.url.endswith("search/search_index.json")):
        page.goto(base)
    page.click(".md-search__input")
    page.wait_for_timeout(500)  # the worker builds the index from the response
    page.keyboard.type(term, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
