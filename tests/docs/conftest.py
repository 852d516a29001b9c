"""Fixtures of the documentation-site tests: sites built once per session (through the
`ppkm docs` command), a static file server on 127.0.0.1, and Chromium pages."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from docsite import CHROMIUM, CHROMIUM_ARGS, EXAMPLES, HOSTILE, POLICIES, SITE_URL, Watched, build


@pytest.fixture(scope="session")
def examples_site(tmp_path_factory) -> Path:
    return build([EXAMPLES], tmp_path_factory.mktemp("examples") / "site")


@pytest.fixture(scope="session")
def policies_site(tmp_path_factory, gazetteer_path) -> Path:
    """The published site: the shipped policies, with the official region list."""
    return build([POLICIES], tmp_path_factory.mktemp("policies") / "site", "--gazetteer", str(gazetteer_path),
                 "--site-url", SITE_URL)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    return build([HOSTILE], tmp_path_factory.mktemp("hostile") / "site")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """serve(directory) -> base URL of a server on 127.0.0.1 (stopped after the session)."""
    servers = []

    def start(directory: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


# Per module, not per session: Playwright's sync API keeps an asyncio loop running while it is
# open, and later tests that start their own loop (the language server's) cannot run under it.
@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    yield Watched(page)
    context.close()
