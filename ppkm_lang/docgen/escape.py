"""Policy text -> text that is inert in Markdown, in HTML and in a `<script>` block.

Titles, quoted sentences, docs and names are written by policy authors and copied from law
texts; none of it may become markup. Markdown pages get every character that Markdown, HTML or
an extension (attribute lists, tables, emphasis, links) could read as syntax as a numeric
character reference, so that the text shows exactly as written and nothing is interpreted.
"""

from __future__ import annotations

import json
import re

# Everything Python-Markdown or its extensions give a meaning to, plus the HTML specials.
_SPECIAL = set('\\`*_{}[]()<>#+-.!|~^=:&"\'')
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_FENCE_RUN = re.compile(r"`+|~+")


_TABLE = {ord(ch): f"&#{ord(ch)};" for ch in _SPECIAL | {chr(i) for i in range(32)} | {"\u2028", "\u2029"}}
# Bidirectional controls (PPK530) would reorder what the page shows around them; they are
# shown as their code point instead, on every page and in the data of the browser evaluator.
_BIDI_CHARS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_TABLE.update({ord(ch): f"&#91;U+{ord(ch):04X}&#93;" for ch in _BIDI_CHARS})
_SHOWN = {ord(ch): f"[U+{ord(ch):04X}]" for ch in _BIDI_CHARS}


def md(text: str | None) -> str:
    """Inline text for a Markdown page: no markup survives, line breaks become spaces."""
    if not text:
        return ""
    return " ".join(text.split()).translate(_TABLE)


def md_code(text: str) -> str:
    """Inline code. A name of the language is a plain code span; any other text is written
    as an HTML element whose content is escaped, so nothing inside it counts."""
    if _IDENTIFIER.fullmatch(text):
        return f"`{text}`"
    return f"<code>{md(text)}</code>"


def fence(text: str, lang: str = "ppkm") -> str:
    """A fenced code block that no run of backticks or tildes in `text` can close early."""
    longest = max((len(m.group()) for m in _FENCE_RUN.finditer(text)), default=0)
    ticks = "`" * max(3, longest + 1)
    text = text.translate(_SHOWN)
    body = text if text.endswith("\n") else text + "\n"
    return f"{ticks} {lang}\n{body}{ticks}\n"


def attr(text: str) -> str:
    """A value for a double-quoted HTML attribute."""
    return md(text)


def slug(text: str) -> str:
    """A file or anchor name: lowercase ASCII letters, digits and hyphens."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "x"


def script_json(data) -> str:
    """JSON for an inline `<script type="application/json">` block. `<`, `>` and `&` are
    escaped so that `</script>` or `<!--` in policy text cannot end or alter the block, and
    U+2028/U+2029 so the text is also valid as a JavaScript literal."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(_SHOWN)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
