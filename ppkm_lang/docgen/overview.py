"""The timeline of instruments, the vocabulary (facts and measures) and the Cek aturan page."""

from __future__ import annotations

from ppkm_lang.docgen.escape import md, md_code, script_json
from ppkm_lang.docgen.export import export
from ppkm_lang.docgen.i18n import Words
from ppkm_lang.docgen.instruments import inst_ref, period_text
from ppkm_lang.docgen.mdkit import SiteData, table

TIMELINE = "linimasa.md"
VOCABULARY = "kosakata.md"
CEK = "cek.md"


def timeline_page(data: SiteData, w: Words) -> str:
    policy = data.policy
    dated = [i for i in policy.instruments.values() if i.first is not None and i.last is not None]
    dated.sort(key=lambda i: (i.first, i.id))
    out = [f"# {w('timeline')}\n", md(w("timeline_intro")) + "\n"]
    if dated:
        start = min(i.first for i in dated)
        end = max(i.last for i in dated)
        span = max(1, (end - start).days + 1)
        bars = ['<div class="ppkm-timeline">']
        for inst in dated:
            periods = policy.effective_periods(inst.id)
            bars.append('<div class="ppkm-timeline__row">')
            bars.append(f'<span class="ppkm-timeline__label">{md(inst.id)}</span>')
            bars.append('<span class="ppkm-timeline__track">')
            # Inline styles hold numbers computed here, never policy text.
            left = 100 * (inst.first - start).days / span
            width = 100 * ((inst.last - inst.first).days + 1) / span
            bars.append(f'<span class="ppkm-timeline__written" style="left:{left:.3f}%;width:{width:.3f}%"></span>')
            for a, b in periods:
                left = 100 * (a - start).days / span
                width = 100 * ((b - a).days + 1) / span
                bars.append(f'<span class="ppkm-timeline__bar" style="left:{left:.3f}%;width:{width:.3f}%"></span>')
            bars.append("</span></div>")
        bars.append(f'<div class="ppkm-timeline__axis"><span>{md(w.date(start))}</span>'
                    f'<span>{md(w.date(end))}</span></div>')
        bars.append("</div>\n")
        out.append("\n".join(bars))
    rows = []
    for inst in dated:
        rel = []
        for key, ids in (("revokes", inst.revokes), ("extends", inst.extends)):
            if ids:
                rel.append(f"{w(key)} " + ", ".join(inst_ref(policy, i, TIMELINE) for i in ids))
        by = [i.id for i in policy.instruments.values() if inst.id in i.revokes]
        if by:
            rel.append(f"{w('revoked_by')} " + ", ".join(inst_ref(policy, i, TIMELINE) for i in by))
        days = sum((b - a).days + 1 for a, b in policy.effective_periods(inst.id))
        rows.append([inst_ref(policy, inst.id, TIMELINE), md(w.date(inst.signed)) if inst.signed else "",
                     md(period_text(policy, inst, w)), f"{days} {w('days')}", "; ".join(rel)])
    out.append(table([w("name"), w("signed"), w("in_force"), w("effective"), w("revokes") + " / " + w("extends")],
                     rows))
    external = [i for i in policy.instruments.values() if i not in dated]
    if external:
        out.append(", ".join(md_code(i.id) + ": " + md(i.title) for i in external) + f" ({md(w('external'))})\n")
    return "\n".join(out)


def vocabulary_page(data: SiteData, w: Words) -> str:
    policy = data.policy
    facts = [[md_code(f.name), md_code(f.type.describe()) + (f" ({md(w('derived'))})" if f.derived else ""),
              md(f.doc)] for f in policy.facts.values()]
    measures = [[md_code(m.name), md_code(m.type.describe()), md(m.doc)] for m in policy.measures.values()]
    head = [w("name"), w("type"), w("description")]
    return (f"# {w('vocabulary')}\n\n## {w('facts')}\n\n" + table(head, facts)
            + f"\n## {w('measures')}\n\n" + table(head, measures))


def cek_page(data: SiteData, w: Words) -> str:
    # The policy travels as JSON inside the page; `script_json` keeps it from ending the
    # <script> element whatever the policy text says.
    payload = script_json(export(data.policy, data.sources))
    return (f"# {w('cek')}\n\n{md(w('cek_intro'))}\n\n"
            f'<noscript>{md(w("cek_noscript"))}</noscript>\n\n'
            f'<div id="cek-app" class="cek" data-lang="{w.lang}"></div>\n\n'
            f'<script id="cek-policy" type="application/json">{payload}</script>\n')
