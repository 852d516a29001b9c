"""Lints over the text of a policy file as read, before it is parsed: invisible characters
that change how the text is displayed (PPK530). They can sit anywhere, in a string or a
comment as well as in code, so they are looked for in the whole text."""

from __future__ import annotations

import re

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.diagnostics.codes import BIDI_CONTROL
from ppkm_lang.source import SourceFile, Span

# The explicit embeddings, overrides and isolates, and the marks that order neutral
# characters: what "Trojan Source" (CVE-2021-42574) uses to show code in another order.
BIDI_CONTROLS = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING", "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE", "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE", "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK", "\u061c": "ARABIC LETTER MARK",
}
_BIDI = re.compile("[" + "".join(BIDI_CONTROLS) + "]")
MAX_REPORTED = 20  # per file: a file full of them needs one look, not thousands of lines


def bidi_controls(source: SourceFile) -> list[Diagnostic]:
    """One warning per bidirectional control character (the first MAX_REPORTED of a file)."""
    out: list[Diagnostic] = []
    matches = list(_BIDI.finditer(source.text))
    for m in matches[:MAX_REPORTED]:
        line = source.text.count("\n", 0, m.start()) + 1
        column = m.start() - (source.text.rfind("\n", 0, m.start()) + 1) + 1
        ch = m.group()
        more = len(matches) - MAX_REPORTED
        tail = f" ({more} more in this file are not listed)" if more > 0 and m is matches[MAX_REPORTED - 1] else ""
        out.append(Diagnostic(BIDI_CONTROL, f"invisible U+{ord(ch):04X} {BIDI_CONTROLS[ch]} in the text: it changes "
                              f"the order in which the text around it is displayed{tail}",
                              Span(source.name, line, column, line, column + 1),
                              help="delete it; shown as text it reads `[U+" f"{ord(ch):04X}]` on the site"))
    return out


__all__ = ["BIDI_CONTROLS", "bidi_controls"]
