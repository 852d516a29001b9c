import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def gazetteer() -> Path:
    """The official 2020 region list, read from PPKM_GAZETTEER or ../shared beside the repo."""
    path = Path(os.environ.get("PPKM_GAZETTEER") or REPO.parent / "shared" / "data" / "wilayah-2020")
    if not (path / "kabupaten_kota.csv").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"gazetteer not found at {path}; CI must provide it")
        pytest.skip(f"gazetteer not found at {path}")
    return path
