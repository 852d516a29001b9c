"""Where a diagnostic code is documented: the pages `ppkm docs` builds, on the project's site.

The SARIF log (`helpUri`, `informationUri`) and the language server (`codeDescription`) link to
them. `PPKM_DOCS_URL` points the links at another copy of the site (one built and hosted with
a project's own policies).
"""

from __future__ import annotations

import os

DOCS_URL = "https://ppkm-lang.github.io/ppkm-lang/"
ENV_VAR = "PPKM_DOCS_URL"


def docs_url() -> str:
    base = os.environ.get(ENV_VAR, "").strip() or DOCS_URL
    return base if base.endswith("/") else base + "/"


def code_url(code: str, *, lang: str = "en") -> str:
    """The page of `code` (`PPK301`): the English site is under `en/`, the Indonesian at the root."""
    prefix = "en/" if lang == "en" else ""
    return f"{docs_url()}{prefix}referensi/kode/{code.lower()}/"


__all__ = ["DOCS_URL", "ENV_VAR", "docs_url", "code_url"]
