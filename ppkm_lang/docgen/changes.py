"""The "Apa yang berubah" (what changed) section of a kab/kota page: for each pair of consecutive
periods in which some instrument is in force, where the answers for this kab/kota differ
(`diff.diff_dates`), with the old and the new value and the citations on both sides. Every piece
of policy text is escaped (`escape.md`)."""

from __future__ import annotations

import datetime as dt

from ppkm_lang.analysis.space import OTHER_REGION
from ppkm_lang.analysis.witness import dim_text
from ppkm_lang.diff import Diff, diff_dates
from ppkm_lang.docgen.escape import md, md_code
from ppkm_lang.docgen.labels import member_md, name_md, value_md
from ppkm_lang.docgen.mdkit import table
from ppkm_lang.ir.model import Policy

_WORDS = {
    "title": ("Apa yang berubah", "What changed"),
    "from_to": ("Dari {old} ke {new}", "From {old} to {new}"),
    "nothing": ("Tidak ada yang berubah untuk kabupaten/kota ini.", "Nothing changes for this kab/kota."),
    "where": ("di mana", "where"),
    "everywhere": ("dalam semua hal", "in every case"),
    "measure": ("ketentuan", "measure"),
    "before": ("sebelumnya", "before"),
    "after": ("sesudahnya", "after"),
    "more": ("dan {n} perubahan lain", "and {n} more changes"),
    "none": ("tidak ada ketentuan yang menentukan", "no rule decides it"),
    "conflict": ("ketentuan saling bertentangan", "the rules disagree"),
    "and": (" dan ", " and "),
    "or": (" atau ", " or "),
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
}
LIMIT = 40  # rows per pair of periods; the rest is counted


def _w(lang: str, key: str) -> str:
    return _WORDS[key][1 if lang == "en" else 0]


def _periods(policy: Policy) -> list[tuple[dt.date, tuple[str, ...]]]:
    """(first day, instruments in force) of each period with some instrument in force, in order."""
    from ppkm_lang.diff.space import pieces
    out = []
    for first, last in pieces(policy):
        if first is None:
            continue
        live = tuple(policy.in_force(first))
        if live and (not out or out[-1][1] != live):
            out.append((first, live))
    return out


_CACHE: dict[int, tuple[Policy, tuple]] = {}


def _diffs(policy: Policy) -> tuple[tuple[dt.date, dt.date, tuple, tuple, Diff], ...]:
    """The diffs of consecutive periods, worked out once per policy (every kab/kota page reads them)."""
    hit = _CACHE.get(id(policy))
    if hit is not None and hit[0] is policy:
        return hit[1]
    periods = _periods(policy)
    found = tuple((a[0], b[0], a[1], b[1], diff_dates(policy, a[0], b[0])) for a, b in zip(periods, periods[1:]))
    if len(_CACHE) >= 4:
        _CACHE.clear()
    _CACHE[id(policy)] = (policy, found)
    return found


def _where(policy: Policy, space, box: dict, lang: str) -> str:
    """A box as readers say it: "zona RT: oranye atau merah" with the labels of facts and
    members; a range (or a set of kab/kota) keeps its formula, in code type."""
    parts = []
    for d in sorted(box):
        dim, s = space.dims[d], box[d]
        members = [v for v in list(dict.fromkeys([*dim.order, *sorted(dim.full)])) if v in s] if dim.finite else []
        if dim.finite and members and OTHER_REGION not in members and len(members) <= 8 \
                and all(member_md(policy, d, v, lang) for v in members if dim.kind != "bool"):
            if dim.kind == "bool":
                said = _w(lang, "or").join(md(_w(lang, "yes" if v == "true" else "no")) for v in members)
            else:
                said = _w(lang, "or").join(member_md(policy, d, v, lang) for v in members)
            parts.append(f"{name_md(policy, d, lang)}: {said}")
        else:
            parts.append(md_code(dim_text(dim, s, wrap=True).replace("`", "")))
    return _w(lang, "and").join(parts)


def _side(policy: Policy, target: str, side, lang: str) -> str:
    o = side.outcome
    text = value_md(policy, target, o.value, lang) if o.kind == "value" \
        else md(_w(lang, "none" if o.kind == "none" else "conflict"))
    cites = "<br>".join(md(f"{c.instrument} {c.label()}") for c in side.cites)
    return text + (f"<br>{cites}" if cites else "")


def changes_section(policy: Policy, key: str, fact: str, lang: str = "id", date=None) -> str:
    """The section for kab/kota `key` (an official name) of region fact `fact`."""
    out = [f"## {md(_w(lang, 'title'))}\n"]
    pairs = _diffs(policy)
    if not pairs:
        return ""
    for first, second, old_in, new_in, diff in pairs:
        label = _w(lang, "from_to").format(old=", ".join(old_in), new=", ".join(new_in))
        when = f" ({date(first)} → {date(second)})" if date else ""
        out.append(f"### {md(label)} {md(when)}\n".replace(" \n", "\n"))
        rows = []
        for c in diff.changes:
            members = c.regions.get(fact)
            if members is None or key not in members:
                continue
            rest = {d: s for d, s in c.box.items() if d != fact}
            where = _where(policy, diff.space, rest, lang) if rest else md(_w(lang, "everywhere"))
            rows.append([name_md(policy, c.target, lang), where, _side(policy, c.target, c.old, lang),
                         _side(policy, c.target, c.new, lang)])
        if not rows:
            out.append(md(_w(lang, "nothing")) + "\n")
            continue
        out.append(table([md(_w(lang, "measure")), md(_w(lang, "where")), md(_w(lang, "before")),
                          md(_w(lang, "after"))], rows[:LIMIT]))
        if len(rows) > LIMIT:
            out.append(md(_w(lang, "more").format(n=len(rows) - LIMIT)) + "\n")
    return "\n".join(out)


__all__ = ["changes_section"]
