"""The checker's findings on the published policies, each with the text it points at, its
witness and its help; and the findings the policies deliberately allow, with the reasons."""

from __future__ import annotations

from ppkm_lang.diagnostics.model import Diagnostic, Severity
from ppkm_lang.diagnostics.codes import lookup
from ppkm_lang.docgen.escape import fence, md, md_code
from ppkm_lang.docgen.i18n import Words
from ppkm_lang.docgen.mdkit import SiteData, backticked, code_page, link, table
from ppkm_lang.docgen.messages_id import in_language
from ppkm_lang.docgen.sources import whole_lines

FINDINGS = "temuan.md"
_GROUPS = ((Severity.ERROR, "errors"), (Severity.WARNING, "warnings"), (Severity.INFO, "infos"))


def _known(code: str) -> bool:
    try:
        return lookup(code) is not None
    except KeyError:
        return False


def _said(text: str, w: Words) -> str:
    """A message, hint or note of the checker in the page's language; one that has no
    translation yet stays in English, marked so (`lang="en"`) for screen readers."""
    shown, translated = in_language(text, w.lang)
    return backticked(shown) if translated else f'<span lang="en">{backticked(shown)}</span>'


def _finding(data: SiteData, d: Diagnostic, w: Words) -> str:
    name = d.code.name if _known(d.code) else ""
    code = link(md(d.code), FINDINGS, code_page(d.code)) if _known(d.code) else md(d.code)
    out = [f"### {code} {md(name)}: {md(str(d.span))}\n", _said(d.message, w) + "\n"]
    src = whole_lines(data.sources, d.span)
    if src:
        out.append(fence(src))
    if d.witness:
        rows = [[md_code(str(k)), md_code(str(v))] for k, v in sorted(d.witness.items(), key=lambda kv: str(kv[0]))]
        out.append(f"**{w('witness')}**\n\n" + table([w("name"), w("value")], rows))
    for r in d.related:
        note = f": {_said(r.message, w)}" if r.message else ""
        out.append(f"**{w('related')}:** {md(str(r.span))}{note}\n")
        rsrc = whole_lines(data.sources, r.span, limit=6)
        if rsrc:
            out.append(fence(rsrc))
    if d.help:
        out.append(f"**{w('help')}:** {_said(d.help, w)}\n")
    return "\n".join(out)


def findings_page(data: SiteData, w: Words) -> str:
    out = [f"# {w('findings')}\n", w("findings_intro") + "\n"]
    if not data.findings:
        out.append(md(w("no_findings")) + "\n")
    for severity, key in _GROUPS:
        group = [d for d in data.findings if d.severity is severity]
        if group:
            out.append(f"## {w(key)} ({len(group)})\n")
            out.extend(_finding(data, d, w) for d in group)
    allows = data.policy.allows
    if allows:
        rows = [[link(md(a.code), FINDINGS, code_page(a.code)) if _known(a.code) else md(a.code),
                 md_code(a.target), md(a.reason)] for a in allows]
        out.append(f"## {w('suppressed')}\n\n" + table([w("code"), w("target"), w("reason")], rows))
    return "\n".join(out)
