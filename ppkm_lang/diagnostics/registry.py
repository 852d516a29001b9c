"""The registry of diagnostic codes.

Ranges: 1xx syntax, 2xx names and types, 3xx conflicts, 4xx gaps and coverage, 5xx hygiene,
citations, references, regions and time, 6xx evaluation input (facts given on the command line
or in files). Codes are defined in the `codes_*` modules beside this one, each in its range.
"""

from __future__ import annotations

import attrs

from ppkm_lang.diagnostics.model import Code, Diagnostic, Severity

_CODES: dict[str, Code] = {}


def define(code: str, name: str, kind: str, severity: Severity, summary: str, *, why: str,
           example: str, fix: str) -> Code:
    if code in _CODES:
        raise ValueError(f"diagnostic code {code} defined twice")
    entry = Code(code, name, kind, severity, summary, why, example.strip("\n"), fix)
    _CODES[code] = entry
    return entry


def _load() -> None:
    # Importing the code modules fills the registry; the import order does not matter.
    from ppkm_lang.diagnostics import codes_analysis, codes_eval, codes_hygiene, codes_names, codes_syntax  # noqa: F401


def all_codes() -> list[Code]:
    _load()
    return sorted(_CODES.values(), key=lambda c: c.code)


def lookup(code: str) -> Code:
    _load()
    return _CODES[code]


def severity_of(diag: Diagnostic) -> Severity:
    return diag.severity or lookup(diag.code).severity


def finalize(diags) -> list[Diagnostic]:
    """Give every diagnostic its effective severity and sort by file, position, code."""
    out = [attrs.evolve(d, severity=severity_of(d)) for d in diags]
    return sorted(out, key=Diagnostic.sort_key)
