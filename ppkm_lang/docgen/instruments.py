"""Instrument pages: diktum by diktum, the quoted source text beside a plain summary and the
rules that encode it; the in-force period, what it revokes or extends, its interpretations
and examples. Also the list of instruments and the page of all interpretations.
"""

from __future__ import annotations

from collections import defaultdict

from ppkm_lang.docgen.escape import attr, fence, md, md_code, slug
from ppkm_lang.docgen.i18n import Words
from ppkm_lang.docgen.labels import name_md, value_md
from ppkm_lang.docgen.mdkit import SiteData, cite_short, fields, instrument_page, link, pair, quote, table
from ppkm_lang.docgen.sources import excerpt
from ppkm_lang.ir.model import Citation, Instrument, Part, Policy, RegionSet, Rule, Table

INDEX = "instrumen/index.md"
INTERPRETATIONS = "tafsiran.md"


def pages(data: SiteData, w: Words) -> dict[str, str]:
    out = {INDEX: index_page(data, w), INTERPRETATIONS: interpretations_page(data, w)}
    for inst in data.policy.instruments.values():
        if not inst.external:
            out[instrument_page(inst.id)] = instrument_detail(data, inst, w)
    return out


def anchor(name: str) -> str:
    return slug(name)


def period_text(policy: Policy, inst: Instrument, w: Words) -> str:
    if inst.first is None:
        return ""
    written = w.period(inst.first, inst.last)
    periods = policy.effective_periods(inst.id)
    if not periods:
        return f"{written} ({w('not_in_force')})"
    if periods[0] != (inst.first, inst.last):
        return f"{written}; {w('effective')}: " + "; ".join(w.period(a, b) for a, b in periods)
    return written


def inst_ref(policy: Policy, inst_id: str, here: str) -> str:
    inst = policy.instruments.get(inst_id)
    if inst is None or inst.external:
        return md_code(inst_id)
    return link(md(inst_id), here, instrument_page(inst_id))


def relations(policy: Policy, inst: Instrument, w: Words, here: str) -> list[tuple[str, str]]:
    rows = []
    by = sorted(i.id for i in policy.instruments.values() if inst.id in i.revokes)
    ext_by = sorted(i.id for i in policy.instruments.values() if inst.id in i.extends)
    for key, ids in (("revokes", inst.revokes), ("revoked_by", by), ("extends", inst.extends),
                     ("extended_by", ext_by)):
        if ids:
            rows.append((w(key), ", ".join(inst_ref(policy, i, here) for i in ids)))
    return rows


def index_page(data: SiteData, w: Words) -> str:
    policy = data.policy
    rows = []
    counts = defaultdict(int)
    for rule in policy.rules.values():
        counts[rule.instrument] += 1
    for inst in policy.instruments.values():
        name = md_code(inst.id) if inst.external else link(md(inst.id), INDEX, instrument_page(inst.id))
        when = w("external") if inst.external else period_text(policy, inst, w)
        rel = "; ".join(f"{w(k)} " + ", ".join(inst_ref(policy, i, INDEX) for i in ids)
                        for k, ids in (("revokes", inst.revokes), ("extends", inst.extends)) if ids)
        rows.append([name, md(inst.title), md(when), rel, str(counts[inst.id]) if not inst.external else ""])
    return (f"# {w('instruments')}\n\n"
            + table([w("name"), w("description"), w("in_force"), w("revokes") + " / " + w("extends"),
                     w("rules_count")], rows))


# ------------------------------------------------------------------------- one instrument

class _Item:
    """Something that cites the instrument: a rule, a table or a region set."""

    def __init__(self, kind: str, name: str, title: str | None, obj, span, order: int):
        self.kind, self.name, self.title, self.obj, self.span, self.order = kind, name, title, obj, span, order
        self.quotes: list[tuple[Citation, str | None]] = []  # (citation, what it is about)


def _items(policy: Policy, inst_id: str, lang: str) -> dict[str, list[_Item]]:
    """Items by the diktum they cite, each with the quotes that cite that diktum (and what
    each quote is about, as safe Markdown: a table row's outcome by its labels, a region's
    spelling)."""
    by_diktum: dict[str, dict[str, _Item]] = defaultdict(dict)
    order = 0

    def add(kind, name, title, obj, span, cites, about=None):
        nonlocal order
        for c in cites:
            if c.instrument != inst_id:
                continue
            slot = by_diktum[c.diktum]
            if name not in slot:
                order += 1
                slot[name] = _Item(kind, name, title, obj, span, order)
            slot[name].quotes.append((c, about))

    for rule in policy.rules.values():
        if rule.table is None:
            add("rule", rule.id, rule.title, rule, rule.span, rule.cites)
    for tbl in policy.tables.values():
        add("table", tbl.name, tbl.title, tbl, tbl.span, tbl.cites)
        for row_id in tbl.rows:
            row = policy.rules.get(row_id)
            if row is not None:
                outcome = ", ".join(f"{name_md(policy, a.target, lang)} = {value_md(policy, a.target, a.value, lang)}"
                                    for a in row.then)
                add("table", tbl.name, tbl.title, tbl, tbl.span, row.cites,
                    about=f'<span class="ppkm-ref" title="{attr(row_id)}">{outcome}</span>')
    for rs in policy.regionsets.values():
        for m in rs.members:
            add("regionset", rs.name, rs.title, rs, rs.span, m.cites, about=md(m.text))
    return {d: sorted(items.values(), key=lambda i: i.order) for d, items in by_diktum.items()}


def _summary(data: SiteData, item: _Item, w: Words, here: str) -> str:
    lines = []
    if item.title:
        lines.append(f"**{md(item.title)}**")
    obj = item.obj
    if isinstance(obj, Rule):
        if obj.doc:
            lines.append(md(obj.doc))
        for a in obj.then:
            lines.append(f"- {name_md(data.policy, a.target, w.lang)} = {value_md(data.policy, a.target, a.value, w.lang)}")
        if obj.applied:
            lines.append(_applied(data.policy, obj, w))
        if obj.overrides:
            lines.append(f"{w('overrides')}: " + ", ".join(named(data.policy, o, w) for o in sorted(obj.overrides)))
    elif isinstance(obj, Table):
        names = lambda xs: ", ".join(name_md(data.policy, x, w.lang) for x in xs)  # noqa: E731
        lines.append(f"{names(obj.inputs)} → {names(obj.outputs)} ({md(obj.hit)})")
    elif isinstance(obj, RegionSet):
        lines.append(f"{len(obj.members)} {md(w('members').lower())}")
    pers = getattr(obj, "per", ()) or ()
    if pers:
        lines.append(f"{w('per')}: " + ", ".join(link(named(data.policy, p, w), here, INTERPRETATIONS, anchor(p))
                                                 for p in pers))
    return "\n\n".join(lines) + "\n"


def _applied(policy: Policy, rule: Rule, w: Words) -> str:
    """Where a rule made by `apply` comes from: the applying rule, the applied rule, the facts
    (by their titles and labels; identifiers on hover)."""
    by, source, facts = rule.applied
    # The applying declaration is no rule of its own: the rules it makes carry its title.
    applying = f'<span class="ppkm-ref" title="{attr(by)}">{md(rule.title)}</span>' if rule.title \
        else named(policy, by, w)
    return w("applied").format(by=applying, rule=named(policy, source, w),
                               facts=f'<span class="ppkm-ref" title="{attr(facts)}">{md(facts)}</span>'
                               if "_" not in facts else md_code(facts))


def named(policy: Policy, name: str, w: Words) -> str:
    """A rule, table, region list or interpretation as readers know it: its title, else what
    it is and the diktum it cites; the identifier on hover (`title`), for authors."""
    kind, obj = next(((k, found[name]) for k, found in (
        ("rule", policy.rules), ("table", policy.tables), ("regionsets", policy.regionsets),
        ("interpretations", policy.interpretations)) if name in found), ("rule", None))
    text = getattr(obj, "title", None)
    if not text:
        cites = getattr(obj, "cites", ()) or ()
        text = w(kind) + (f" {cite_short(cites[0])}" if cites else "")
    return f'<span class="ppkm-ref" title="{attr(name)}">{md(text)}</span>'



def _quotes(item: _Item, w: Words) -> str:
    parts = []
    for c, about in item.quotes:
        by = md(c.label()) + (f" ({about})" if about else "")
        parts.append(quote(md(c.text), by) if c.text else f"*{w('no_quote')}* — {by}\n")
    return "\n".join(parts)


def _item_block(data: SiteData, item: _Item, w: Words, here: str) -> str:
    # The title as the heading, the identifier on hover and in the collapsed source below.
    heading = named(data.policy, item.name, w) if item.kind != "regionset" or not item.title else \
        f'<span class="ppkm-ref" title="{attr(item.name)}">{md(item.title)}</span>'
    if item.kind != "rule" and not item.title:
        heading = f'<span class="ppkm-ref" title="{attr(item.name)}">{md(w(_KIND_WORD[item.kind]))}</span>'
    out = [f"### {heading}\n", pair(f"**{w('source_text')}**\n\n" + _quotes(item, w),
                                    f"**{w('summary')}**\n\n" + _summary(data, item, w, here))]
    src = excerpt(data.sources, item.span)
    if src:
        body = "".join(f"    {line}" if line.strip() else line for line in fence(src).splitlines(keepends=True))
        out.append(f'??? abstract "{w("encoded_as")}"\n\n{body}')
    return "\n".join(out)


_KIND_WORD = {"rule": "rule", "table": "table", "regionset": "regionsets"}


def _uncited(diktum: Part, cited: set[tuple[str, ...]]) -> list[str]:
    """The topmost parts of a diktum that no citation names, neither them nor anything inside
    them (citing a huruf does not encode each of its angka)."""
    out = []

    def walk(node: Part, prefix: tuple[str, ...]) -> None:
        for p in node.parts:
            path = prefix + (p.label,)
            if any(c[:len(path)] == path for c in cited):
                walk(p, path)
            else:
                out.append(Citation("", diktum.label, path).label())
    walk(diktum, ())
    return out


def instrument_detail(data: SiteData, inst: Instrument, w: Words) -> str:
    policy = data.policy
    here = instrument_page(inst.id)
    facts = [(w("number"), md(f"{inst.number}/{inst.year}" if inst.number else "")),
             (w("signed"), md(w.date(inst.signed)) if inst.signed else ""),
             (w("in_force"), md(period_text(policy, inst, w)))]
    facts += relations(policy, inst, w, here)
    out = [f"# {md(inst.id)}\n", f"**{md(inst.title)}**\n"]
    if inst.doc:
        out.append(md(inst.doc) + "\n")
    out.append(fields(facts))
    items = _items(policy, inst.id, w.lang)
    diktums = [p.label for p in inst.structure] + sorted(d for d in items if d not in {p.label for p in inst.structure})
    for d in diktums:
        out.append(f"## {md(w('diktum'))} {md(d)}\n")
        part = next((p for p in inst.structure if p.label == d), None)
        for item in items.get(d, []):
            out.append(_item_block(data, item, w, here))
        if part is not None:
            cited = {c.path for i in items.get(d, []) for c, _ in i.quotes}
            missing = _uncited(part, cited)
            if missing and items.get(d):
                out.append(f"*{w('uncited_parts')}:* " + ", ".join(md(m) for m in missing) + "\n")
            elif not items.get(d):
                out.append(f"*{w('diktum_not_encoded')}*\n")
    out.append(_interpretations_of(data, inst, w, here))
    out.append(_examples_of(data, inst, w))
    return "\n".join(o for o in out if o)


def _interpretations_of(data: SiteData, inst: Instrument, w: Words, here: str) -> str:
    policy = data.policy
    own_rules = {r.id for r in policy.rules.values() if r.instrument == inst.id}
    names = [i.name for i in policy.interpretations.values()
             if any(c.instrument == inst.id for c in i.cites)
             or any(i.name in r.per for r in policy.rules.values() if r.id in own_rules)]
    if not names:
        return ""
    # By their titles, linked to their entries; the identifiers on hover.
    return f"## {w('interpretations')}\n\n" + "\n".join(
        f"- {link(named(policy, n, w), here, INTERPRETATIONS, anchor(n))}" for n in names) + "\n"


def _examples_of(data: SiteData, inst: Instrument, w: Words) -> str:
    exs = [e for e in data.policy.examples.values() if e.instrument == inst.id]
    if not exs:
        return ""
    rows = []
    for e in exs:
        policy = data.policy
        given = ", ".join(f"{name_md(policy, a.target, w.lang)} = {value_md(policy, a.target, a.value, w.lang)}"
                          for a in e.given)
        expect = [f"{name_md(policy, a.target, w.lang)} = {value_md(policy, a.target, a.value, w.lang)}" for a in e.expect]
        expect += [name_md(policy, u, w.lang) + " " + md(w("expect_undetermined")) for u in e.undetermined]
        if e.no_instrument:
            expect.append(md(w("expect_none")))
        rows.append([f'<span class="ppkm-ref" title="{attr(e.name)}">{md(e.title)}</span>' if e.title else md_code(e.name),
                     md(w.date(e.at)) if e.at else "", given, "<br>".join(expect)])
    return f"## {w('examples')}\n\n" + table([w("name"), w("matrix_on"), w("given"), w("expect")], rows)


# ------------------------------------------------------------------------- interpretations

def interpretations_page(data: SiteData, w: Words) -> str:
    policy = data.policy
    out = [f"# {w('interpretations')}\n"]
    for interp in sorted(policy.interpretations.values(), key=lambda i: i.name):
        users = [r for r in policy.rules.values() if interp.name in r.per]
        sets = [s for s in policy.regionsets.values()
                if interp.name in s.per or any(m.per == interp.name for m in s.members)]
        title = md(interp.title) + " " + md_code(interp.name) if interp.title else md_code(interp.name)
        out.append(f'<a id="{anchor(interp.name)}"></a>\n\n## {title}\n')
        for c in interp.cites:
            out.append(quote(md(c.text), md(f"{c.instrument} {c.label()}")) if c.text
                       else f"{w('cite')}: {md(c.instrument)} {md(c.label())}\n")
        out.append(fields([(w(k), md(v)) for k, v in (("question", interp.question), ("decision", interp.decision),
                                                      ("reason", interp.reason)) if v]))
        used = [link(md_code(r.id), INTERPRETATIONS, instrument_page(r.instrument)) if r.instrument
                else md_code(r.id) for r in users] + [md_code(s.name) for s in sets]
        out.append(f"**{w('used_by')}:** " + (", ".join(used) if used else md(w("unused"))) + "\n")
    return "\n".join(out)
