"""Driving the Cek aturan page and the search box the way a reader does, for the browser
tests; and the script that runs the exported policy through cek.js in one call."""

from __future__ import annotations

import json
from pathlib import Path

from docsite import SCREENSHOTS

# Each answer as plain data: outcomes as "value <key or number>", "none" or "conflict".
ANSWER = """([policy, cases]) => {
  const engine = new window.PpkmCek.Engine(policy);
  const plain = (t) => ({name: t.name, status: t.status, relevant: t.relevant, rules: t.rules || null,
    outcomes: t.cases.map((c) => c.outcome.kind === "value"
      ? "value " + (c.outcome.value.num !== undefined ? c.outcome.value.num : c.outcome.value.key) : c.outcome.kind)});
  return cases.map(([at, facts]) => {
    const a = engine.answer(at, facts);
    return {in_force: a.in_force, errors: a.errors, questions: a.questions.map((q) => q.fact),
      facts: Object.fromEntries(Object.entries(a.facts).map(([n, t]) => [n, plain(t)])),
      measures: Object.fromEntries(Object.entries(a.measures).map(([n, t]) => [n, plain(t)]))};
  });
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


def ask(watched, base: str, at: str, facts: dict[str, str], lang: str = "") -> list[str]:
    """Answer the interview as a reader would: the date, the place, the activity, then each
    question the page asks among `facts`. Returns the facts the page never asked (they do not
    change the answer)."""
    page = watched.page
    page.goto(f"{base}{lang}cek/")
    page.wait_for_selector("#cek-form")
    page.fill("#cek-at", at)
    place = page.locator("#cek-place")
    activity = page.locator("#cek-activity")
    rest = dict(facts)
    if place.count() and place.get_attribute("name") in rest:
        place.fill(rest.pop(place.get_attribute("name")))
    if activity.count() and activity.get_attribute("name") in rest:
        activity.select_option(rest.pop(activity.get_attribute("name")))
    progress = True
    while rest and progress:
        progress = False
        for name in list(rest):
            control = page.locator(f"#cek-fact-{name}")
            if control.count() == 0:
                continue
            if control.evaluate("e => e.tagName") == "SELECT":
                control.select_option(rest.pop(name))
            else:
                control.fill(rest.pop(name))
            progress = True
    return sorted(rest)


def open_address(watched, base: str, at: str, facts: dict[str, str], lang: str = "") -> None:
    """Open Cek aturan with the question in its address, as a shared link does."""
    from urllib.parse import urlencode
    watched.page.goto(f"{base}{lang}cek/?" + urlencode({"at": at, **facts}))
    watched.page.wait_for_selector("#cek-result")


def _card(watched, name: str, kind: str):
    return watched.page.locator(f'#cek-result li[data-{kind}="{name}"]').first


def measure(watched, name: str) -> dict:
    """A measure's card: its value as the policy writes it (`value`, for a definite answer),
    its text as shown, the rule, the citations and their quoted sentences."""
    card = _card(watched, name, "measure")
    if watched.page.locator(f'#cek-result li[data-measure="{name}"]').count() == 0:
        return {}
    return {"value": card.get_attribute("data-value"), "status": card.get_attribute("data-status"),
            "shown": (card.locator(".cek-value").text_content() or "").strip(),
            "rule": (card.locator(".cek-rule-id").first.text_content() or "").strip(),
            "cites": [c.strip() for c in card.locator(".cek-cite-label").all_text_contents()],
            "quotes": [q.strip() for q in card.locator(".cek-cite-text").all_text_contents()]}


def derived(watched, name: str) -> str | None:
    if watched.page.locator(f'#cek-result li[data-fact="{name}"]').count() == 0:
        return None
    return _card(watched, name, "fact").get_attribute("data-value")


def sentence(watched) -> str:
    loc = watched.page.locator("#cek-result .cek-sentence")
    return loc.inner_text().strip() if loc.count() else ""


def search(watched, base: str, term: str) -> None:
    """Type into the search box once the index has arrived, as a reader would."""
    page = watched.page
    with page.expect_response(lambda r: r.url.endswith("search/search_index.json")):
        page.goto(base)
    page.click(".md-search__input")
    page.wait_for_timeout(500)  # the worker builds the index from the response
    page.keyboard.type(term, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
