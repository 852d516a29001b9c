from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def gazetteer() -> Path:
    """The official 2020 region list that ships inside the package, as a directory."""
    from ppkm_lang.semantics.gazetteer import embedded_directory
    return Path(str(embedded_directory()))
