"""Small builders for the Markdown of the generated pages, and the data every page reads.

Every builder takes text that is already safe (escaped with `escape.md` or written by this
package); none of them escapes again, so that escaping happens exactly once, where policy text
enters a page.
"""

from __future__ import annotations

import posixpath
import re

import attrs

from ppkm_lang.diagnostics.model import Diagnostic
from ppkm_lang.docgen.escape import md, slug
from ppkm_lang.ir.model import Citation, Policy
from ppkm_lang.semantics.gazetteer import Gazetteer
from ppkm_lang.source import SourceFile


@attrs.frozen
class SiteData:
    """What the pages are generated from."""

    policy: Policy
    sources: dict[str, SourceFile] = attrs.field(hash=False)
    findings: tuple[Diagnostic, ...] = ()
    gazetteer: Gazetteer | None = attrs.field(default=None, hash=False)
    # (title, text) of `ppkm --help` and of each verb's `--help`, handed over by the CLI
    helps: tuple[tuple[str, str], ...] = ()


def rel(from_page: str, to_page: str) -> str:
    """A link from one docs-relative Markdown path to another."""
    base = posixpath.dirname(from_page) or "."
    return posixpath.relpath(to_page, base)


def link(text_md: str, from_page: str, to_page: str, anchor: str | None = None) -> str:
    target = rel(from_page, to_page) + (f"#{anchor}" if anchor else "")
    return f"[{text_md}]({target})"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must be single-line safe Markdown."""
    if not rows:
        return ""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(c if c else " " for c in row) + " |")
    return "\n".join(lines) + "\n"


def quote(text_md: str, by_md: str | None = None) -> str:
    """A blockquote of already-escaped text, with its attribution below it (outside, so that
    consecutive quotes stay separate)."""
    out = f"> {text_md}\n"
    if by_md:
        out += f'\n<p class="ppkm-by">— {by_md}</p>\n'
    return out + "\n"


def fields(rows: list[tuple[str, str]]) -> str:
    """Labelled values (number, dates, relations) as a list: `label: value`."""
    return "".join(f"- **{label}**: {value}\n" for label, value in rows if value) + "\n"


def pair(left: str, right: str) -> str:
    """Two blocks side by side on wide screens (the source text beside its summary)."""
    return (f'<div class="ppkm-pair" markdown="1">\n<div class="ppkm-pair__source" markdown="1">\n\n{left}\n'
            f'</div>\n<div class="ppkm-pair__summary" markdown="1">\n\n{right}\n</div>\n</div>\n')


def backticked(text: str | None) -> str:
    """Trusted prose that marks names with backticks (the diagnostic registry's docs): the
    backticked parts become code, everything is escaped."""
    if not text:
        return ""
    parts = re.split(r"`([^`]*)`", text)
    return "".join(f"<code>{md(p)}</code>" if i % 2 else _prose(p) for i, p in enumerate(parts)).strip()


def _prose(text: str) -> str:
    """Escaped prose between code spans, keeping the space on either side of it ('with
    `overrides`;' must not show as 'with<code>overrides</code>;')."""
    if not text.strip():
        return " " if text else ""
    return (" " if text[0].isspace() else "") + md(text) + (" " if text[-1].isspace() else "")


def cite_short(c: Citation) -> str:
    """'KESEBELAS d.1' for tables; the full label is in the quote attribution."""
    return c.diktum + (" " + ".".join(c.path) if c.path else "")


def instrument_page(inst_id: str) -> str:
    return f"instrumen/{slug(inst_id)}.md"


def code_page(code: str) -> str:
    return f"referensi/kode/{code.lower()}.md"
