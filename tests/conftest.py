"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def gazetteer_path() -> Path:
    """The official 2020 region list as a directory: the one that ships inside the package
    (`ppkm_lang/data/wilayah-2020`), so that no test depends on files beside the clone."""
    from ppkm_lang.semantics.gazetteer import embedded_directory
    return Path(str(embedded_directory()))


@pytest.fixture(scope="session", autouse=True)
def _private_policy_cache(tmp_path_factory):
    """The policy cache of every command the tests run (in process or not) lives in a folder
    of this session, never in the user's ~/.cache."""
    saved = os.environ.get("PPKM_CACHE_DIR")
    os.environ["PPKM_CACHE_DIR"] = str(tmp_path_factory.mktemp("ppkm-cache"))
    yield
    if saved is None:
        os.environ.pop("PPKM_CACHE_DIR", None)
    else:
        os.environ["PPKM_CACHE_DIR"] = saved


@pytest.fixture
def temp_codes():
    """Register diagnostic codes for one test only: `temp_codes("PPK991", "demo-error")`.

    Lets renderer and CLI tests use codes whose name, kind and severity they choose, without
    adding anything to the real registry (the codes are removed after the test)."""
    from ppkm_lang.diagnostics import registry
    from ppkm_lang.diagnostics.model import Severity

    from ppkm_lang.diagnostics import codes
    codes.all_codes()  # load the real codes first, so a clash shows at once
    added: list[str] = []

    def add(code: str, name: str, severity: Severity = Severity.ERROR, kind: str = "test"):
        entry = registry.define(code, name, kind, severity, f"Reports {name} (a test code).",
                                why="Tests need a code they control.",
                                example="rule r {\n  when zona == merah\n}",
                                fix="Nothing to fix: it only exists during one test.")
        added.append(code)
        return entry

    yield add
    for code in added:
        registry._CODES.pop(code, None)


@pytest.fixture
def demo_codes(temp_codes):
    """Three test codes, one per severity: PPK991 demo-error, PPK992 demo-warning, PPK993
    demo-info (kinds "conflict", "gap", "hygiene")."""
    from ppkm_lang.diagnostics.model import Severity

    return {
        "error": temp_codes("PPK991", "demo-error", Severity.ERROR, "conflict"),
        "warning": temp_codes("PPK992", "demo-warning", Severity.WARNING, "gap"),
        "info": temp_codes("PPK993", "demo-info", Severity.INFO, "hygiene"),
    }
