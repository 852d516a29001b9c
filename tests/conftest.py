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
    """The official kab/kota list (wilayah-2020): $PPKM_GAZETTEER, else `../shared/data/
    wilayah-2020` beside the repository. Tests that need it skip without it, except in CI
    (CI=true), where a missing gazetteer is a broken setup and fails them."""
    candidates = []
    if os.environ.get("PPKM_GAZETTEER"):
        candidates.append(Path(os.environ["PPKM_GAZETTEER"]))
    candidates.append(REPO.parent / "shared" / "data" / "wilayah-2020")
    for candidate in candidates:
        if (candidate / "kabupaten_kota.csv").is_file():
            return candidate
    message = "no gazetteer: set PPKM_GAZETTEER to a wilayah-2020 directory"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


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
