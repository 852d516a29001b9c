"""The table of every kab/kota the instruments name with what the rules derive for it on each
instrument's first day (its PPKM level, its priority status), coloured by rank and filterable by
province (the filter is in cek-ui.js). Values come from `Prepared.evaluate` with only the place
given: a value that depends on another fact reads "a atau b" with both colours' ranks.
"""

from __future__ import annotations

from ppkm_lang.api import Prepared
from ppkm_lang.docgen.escape import md
from ppkm_lang.docgen.i18n import Words
from ppkm_lang.ir.model import ENUM, Policy

LEVELS = 4  # colour steps: ranks are scaled onto 0..LEVELS-1


def _label(policy: Policy, fact: str, member: str, lang: str) -> str:
    f = policy.facts[fact]
    labels = dict(dict(f.member_labels).get(member, ()))
    return labels.get(lang) or labels.get("id") or member.replace("_", " ")


def _rank(policy: Policy, fact: str, member: str) -> int:
    values = policy.facts[fact].type.values
    if len(values) <= 1 or member not in values:
        return 0
    return round(values.index(member) * (LEVELS - 1) / (len(values) - 1))


def _cell(policy: Policy, fact: str, target, lang: str) -> str:
    values = [c.value.data for c in target.cases if c.outcome == "value" and c.value is not None]
    values = list(dict.fromkeys(values))
    if not values:
        return ""
    spans = [f'<span class="ppkm-rank ppkm-rank-{_rank(policy, fact, v)}" title="{md(v)}">'
             f"{md(_label(policy, fact, v, lang))}</span>" for v in values]
    joiner = " atau " if lang == "id" else " or "
    return joiner.join(spans) + ("" if target.status == "definite" else " <small>*</small>")


def derived_columns(policy: Policy, prepared: Prepared, days, place: str, keys: list[str]) -> list:
    """(day, instrument, fact) for each derived enum fact that the place alone decides for some
    kab/kota that day (the level: yes; the RT zone, which needs the houses with cases: no)."""
    out = []
    for inst_id, day in days:
        answers = [prepared.evaluate(day, {place: k}) for k in keys]
        for fact, f in policy.facts.items():
            if f.derived and f.type.kind == ENUM and any(
                    a.facts.get(fact) is not None and a.facts[fact].status == "definite" for a in answers):
                out.append((day, inst_id, fact))
    return out


def level_table(policy: Policy, regions: dict, place: str, days, gazetteer, w: Words, link_of) -> str:
    """The Markdown of the table (empty when no derived enum fact is decided per place)."""
    prepared = Prepared.of(policy)
    keys = list(regions)
    columns = derived_columns(policy, prepared, days, place, keys)
    if not columns:
        return ""
    head = [w("name"), w("province")] + [f"{md(_fact_label(policy, fact, w.lang))}, {md(w.date(day))}"
                                         for day, _, fact in columns]
    rows = []
    for key, info in regions.items():
        answers = {day: prepared.evaluate(day, {place: key}) for day in {d for d, _, _ in columns}}
        cells = []
        for day, _, fact in columns:
            t = answers[day].facts.get(fact)
            cells.append(_cell(policy, fact, t, w.lang) if t is not None else "")
        province = gazetteer.province_of(key) if gazetteer else None
        rows.append([link_of(key, info), md(province or "")] + cells)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(c or " " for c in r) + " |" for r in rows]
    provinces = sorted({r[1] for r in rows if r[1]})
    options = "".join(f'<option value="{md(p)}">{md(p)}</option>' for p in provinces)
    filt = (f'<p class="ppkm-filter"><label for="ppkm-province">{md(w("province"))}</label> '
            f'<select id="ppkm-province" data-filter-column="2"><option value="">{md(w("all_provinces"))}</option>'
            f"{options}</select></p>\n\n") if provinces else ""
    return (f"## {md(w('levels_title'))}\n\n{md(w('levels_intro'))}\n\n" + filt
            + '<div class="ppkm-levels" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n")


def _fact_label(policy: Policy, fact: str, lang: str) -> str:
    return policy.facts[fact].label(lang) or fact.replace("_", " ")
