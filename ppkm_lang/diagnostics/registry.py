"""The registry of diagnostic codes: `define` makes a code constant and records it.

Ranges: 1xx syntax (110-119: the files and folders read and written), 2xx names and types, 3xx conflicts, 4xx gaps and coverage, 5xx hygiene,
citations, references, regions and time, 6xx evaluation input (facts given on the command line
or in files; 620 the options of `ppkm compile`, 621-622 the inputs of `ppkm diff`), 7xx the configuration
file (`ppkm.toml`). Codes are defined in the `codes_*` modules beside this one, each in its range;
`codes` imports them all and answers lookups. This module imports none of them, so there is no
import cycle and no import-time side effect beyond the definitions themselves.
"""

from __future__ import annotations

from ppkm_lang.diagnostics.model import Code, Diagnostic, Severity

_CODES: dict[str, Code] = {}


def define(code: str, name: str, kind: str, severity: Severity, summary: str, *, why: str,
           example: str, fix: str, input_problem: bool = False) -> Code:
    """A new code constant; a code defined twice is a programming error."""
    if code in _CODES:
        raise ValueError(f"diagnostic code {code} defined twice")
    entry = Code(code, name, kind, severity, summary, why, example.strip("\n"), fix,
                 input_problem=input_problem)
    _CODES[code] = entry
    return entry


def registered() -> dict[str, Code]:
    """The codes defined so far, by text (see `codes.all_codes` for the complete list)."""
    return _CODES


def finalize(diags) -> list[Diagnostic]:
    """Diagnostics in their stable order: by file, position, code."""
    return sorted(diags, key=Diagnostic.sort_key)


__all__ = ["define", "registered", "finalize"]
