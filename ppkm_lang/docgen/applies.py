"""What applies where: matrices of activity x zone and activity x level, and a page per
kab/kota the instruments name, all computed by evaluating the policy (never restated).

The matrix axes come from the policy itself: the rows are the unordered enum fact that the
most rules test (the activity), the columns each ordered enum fact that some rule tests (the
zone, the level). Each cell is an evaluation on an instrument's first day in force with only
the two facts given.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from urllib.parse import quote as urlquote

from ppkm_lang import api
from ppkm_lang.docgen.escape import md, md_code, slug
from ppkm_lang.docgen.i18n import Words
from ppkm_lang.docgen.instruments import inst_ref
from ppkm_lang.docgen.labels import name_md, value_md
from ppkm_lang.docgen.mdkit import SiteData, cite_short, link, rel, table
from ppkm_lang.docgen.strictness import STEPS, decision_step
from ppkm_lang.ir.model import BOOL, ENUM, REGION, TEXT, And, Cond, InSet, Not, Or, Policy, Test

INDEX = "berlaku/index.md"
REGIONS = "wilayah/index.md"
CEK = "cek.md"


def region_page(key: str) -> str:
    return f"wilayah/{slug(key)}.md"


def _tests(cond: Cond, out: Counter) -> None:
    if isinstance(cond, Test):
        out[cond.fact] += 1
    elif isinstance(cond, (And, Or)):
        for c in cond.items:
            _tests(c, out)
    elif isinstance(cond, Not):
        _tests(cond.item, out)


def axes(policy: Policy) -> tuple[str | None, list[str]]:
    """(row fact, column facts)."""
    counts: Counter = Counter()
    for rule in policy.rules.values():
        _tests(rule.when, counts)
    enums = [f for f in policy.facts.values() if f.type.kind == ENUM and counts[f.name]]
    unordered = [f.name for f in enums if not f.type.ordered]
    row = max(unordered, key=lambda n: (counts[n], -list(policy.facts).index(n)), default=None)
    return row, [f.name for f in enums if f.type.ordered]


def primary_facts(policy: Policy) -> list[str]:
    """The facts a reader asks about first: the kab/kota, the activity, the zone and level,
    and what the rules derive those from (e.g. the houses with cases, for the zone)."""
    row, cols = axes(policy)
    first = [n for n, f in policy.facts.items() if f.type.kind == REGION] + ([row] if row else []) + cols
    feeding: Counter = Counter()
    for rule in policy.rules.values():
        if any(a.target in cols for a in rule.then):
            _tests(rule.when, feeding)
    first += [n for n in policy.facts if n in feeding and policy.facts[n].type.kind != REGION]
    return list(dict.fromkeys(first))


def evaluation_days(policy: Policy) -> list[tuple[str, dt.date]]:
    """(instrument, first day in force) for every encoded instrument with rules."""
    with_rules = {r.instrument for r in policy.rules.values()}
    out = []
    for inst in policy.instruments.values():
        periods = policy.effective_periods(inst.id)
        if not inst.external and periods and inst.id in with_rules:
            out.append((inst.id, periods[0][0]))
    return out


def _cell(policy: Policy, decision, w: Words, *, cites: bool = True, skip=frozenset()) -> str:
    """The decided measures but text measures and those named in `skip`: the matrices show
    status, capacity and hours; the prose of text measures is on the instrument pages and in
    Cek aturan."""
    parts = []
    for name, m in decision.definite.items():
        if m.value.kind == TEXT or name in skip:
            continue
        where = _where(m.cites) if cites else ""
        parts.append(f"{name_md(policy, name, w.lang)} = **{value_md(policy, name, m.value, w.lang)}**"
                     + (f" <small>({where})</small>" if where else ""))
    for c in decision.conflicts:
        if c.kind == "measure":
            parts.append(f"{name_md(policy, c.name, w.lang)}: *{md(w('conflict'))}*")
    return "<br>".join(parts) or md(w("nothing"))


def _member(policy: Policy, fact: str, member: str, w: Words) -> str:
    """An enum member as readers call it (its label), the identifier on hover; the identifier
    in code type when the policy gives no label."""
    labels = dict(dict(policy.facts[fact].member_labels).get(member, ()))
    text = labels.get(w.lang) or labels.get("id")
    return f'<span title="{md(member)}">{md(text)}</span>' if text else md_code(member)


def _ranked(policy: Policy, fact: str, member: str, w: Words) -> str:
    """A column of an ordered fact (the level, the zone), coloured by its rank from the least
    (green) to the most restrictive (red)."""
    from ppkm_lang.docgen.levels import _rank
    return f'<span class="ppkm-rank ppkm-rank-{_rank(policy, fact, member)}">{_member(policy, fact, member, w)}</span>'


def _graded(cell: str, step: int | None, w: Words) -> str:
    """A matrix cell coloured by the strictness of its answer (see `strictness`), the step
    also in its title; a cell the scale does not grade stays as it is."""
    if step is None:
        return cell
    return (f'<span class="ppkm-strict ppkm-strict-{step}" data-strictness="{step}" '
            f'title="{md(w("strict_step"))} {step}/{STEPS - 1}">{cell}</span>')


def strictness_legend(w: Words) -> str:
    """What the colours of the cells say, from the strictest step down."""
    items = [f'- <span class="ppkm-strict ppkm-strict-{s}">{s}</span> {md(w(f"strict_{s}"))}'
             for s in range(STEPS - 1, -1, -1)]
    items.append(f'- <span class="ppkm-strict ppkm-strict-none">–</span> {md(w("strict_none"))}')
    return (f'<div class="ppkm-strict-legend" markdown>\n\n{md(w("strict_legend"))}:\n\n'
            + "\n".join(items) + "\n\n</div>\n")


def _where(cites) -> str:
    return ", ".join(md(label) for label in dict.fromkeys(cite_short(c) for c in cites))


def _common(decisions: list) -> dict:
    """Measures every decision gives alike (same value, same rule): name -> one of them."""
    if not decisions:
        return {}
    first = decisions[0].definite
    return {n: m for n, m in first.items() if m.value.kind != TEXT and all(
        n in d.definite and d.definite[n].value == m.value and d.definite[n].rule == m.rule for d in decisions)}


def _everywhere(policy: Policy, common: dict, w: Words) -> str:
    if not common:
        return ""
    items = ", ".join(f"{name_md(policy, n, w.lang)} = **{value_md(policy, n, m.value, w.lang)}** "
                      f"<small>({_where(m.cites)})</small>"
                      for n, m in common.items())
    return f"{md(w('everywhere'))}: {items}\n"


def _tested_on(policy: Policy, day: dt.date) -> set[str]:
    live = set(policy.in_force(day))
    counts: Counter = Counter()
    for rule in policy.rules.values():
        if rule.instrument is None or rule.instrument in live:
            _tests(rule.when, counts)
    return set(counts)


def assumptions(policy: Policy, day: dt.date, col: str, row: str | None) -> dict[str, str]:
    """Yes/no facts that the rules testing `col` require to be true at the top of their
    condition (e.g. "the kab/kota is a priority area"): the matrix is evaluated with them
    true, and says so, since with them unknown those rules never apply."""
    live = set(policy.in_force(day))
    found: dict[str, str] = {}
    for rule in policy.rules.values():
        if rule.instrument is not None and rule.instrument not in live:
            continue
        tested: Counter = Counter()
        _tests(rule.when, tested)
        if col not in tested:
            continue
        for item in (rule.when.items if isinstance(rule.when, And) else (rule.when,)):
            if isinstance(item, Test) and isinstance(item.constraint, InSet) and item.fact not in (col, row) \
                    and policy.facts.get(item.fact) is not None and policy.facts[item.fact].type.kind == BOOL \
                    and item.constraint.values == frozenset({"true"}):
                found[item.fact] = "true"
    return dict(sorted(found.items()))


def matrices_page(data: SiteData, w: Words) -> str:
    policy = data.policy
    row_fact, col_facts = axes(policy)
    out = [f"# {w('applies')}\n", md(w("matrix_intro")) + "\n", strictness_legend(w)]
    if not col_facts:
        out.append(md(w("no_matrix")) + "\n")
    rows = policy.facts[row_fact].type.values if row_fact else (None,)
    for inst_id, day in sorted(evaluation_days(policy), key=lambda x: (x[1], x[0])):
        out.append(f"## {md(inst_id)}\n")
        out.append(f"{w('matrix_on')} {md(w.date(day))} ({inst_ref(policy, inst_id, INDEX)}).\n")
        tested = _tested_on(policy, day)
        for col in (c for c in col_facts if c in tested):
            values = policy.facts[col].type.values
            given = assumptions(policy, day, col, row_fact)
            grid = [[api.evaluate(policy, day, {**given, col: v, **({row_fact: r} if r else {})}) for v in values]
                    for r in rows]
            common = _common([d for line in grid for d in line])
            header = [name_md(policy, row_fact, w.lang) if row_fact else " "] + [_ranked(policy, col, v, w) for v in values]
            body, empty = [], []
            nothing = md(w("nothing"))
            for r, line in zip(rows, grid, strict=True):
                cells = [_cell(policy, d, w, skip=common) for d in line]
                if all(c == nothing for c in cells):
                    empty.append(_member(policy, row_fact, r, w) if r else "")
                else:
                    body.append([_member(policy, row_fact, r, w) if r else " "]
                                + [_graded(c, decision_step(d), w) for c, d in zip(cells, line, strict=True)])
            row_name = name_md(policy, row_fact, w.lang) if row_fact else ""
            out.append(f"### {row_name} × {name_md(policy, col, w.lang)}\n")
            if given:
                out.append(f"{md(w('assuming'))}: " + ", ".join(
                    f"{name_md(policy, k, w.lang)} = {md(w('yes') if v == 'true' else v)}" for k, v in given.items()) + "\n")
            out.append(_everywhere(policy, common, w))
            out.append(table(header, body))
            if empty:
                out.append(f"{md(w('no_measure_rows'))}: " + ", ".join(empty) + "\n")
    return "\n".join(o for o in out if o)


# ------------------------------------------------------------------------- regions

def _region_tests(cond: Cond, region_facts: set[str], out: set[str]) -> None:
    if isinstance(cond, Test):
        if cond.fact in region_facts and isinstance(cond.constraint, InSet):
            out.update(cond.constraint.values)
    elif isinstance(cond, (And, Or)):
        for c in cond.items:
            _region_tests(c, region_facts, out)
    elif isinstance(cond, Not):
        _region_tests(cond.item, region_facts, out)


def named_regions(policy: Policy) -> dict[str, dict]:
    """Region key -> {"name": official name, "sets": [(set, member)], "rules": [rule ids]}."""
    found: dict[str, dict] = {}

    def entry(official: str) -> dict:
        return found.setdefault(official, {"name": official, "sets": [], "rules": []})
    for rs in policy.regionsets.values():
        for m in rs.members:
            entry(m.official)["sets"].append((rs, m))
    region_facts = {n for n, f in policy.facts.items() if f.type.kind == REGION}
    for rule in policy.rules.values():
        names: set[str] = set()
        _region_tests(rule.when, region_facts, names)
        for n in sorted(names):
            entry(n)["rules"].append(rule.id)
    return dict(sorted(found.items()))


def _region_fact(policy: Policy) -> str | None:
    return next((n for n, f in policy.facts.items() if f.type.kind == REGION), None)


def region_pages(data: SiteData, w: Words) -> dict[str, str]:
    policy = data.policy
    regions = named_regions(policy)
    fact = _region_fact(policy)
    if not regions or fact is None:
        return {}
    pages = {}
    rows = []
    for key, info in regions.items():
        page = region_page(key)
        pages[page] = _region_detail(data, key, info, fact, w)
        province = data.gazetteer.province_of(key) if data.gazetteer else None
        sets = sorted({rs.name for rs, _ in info["sets"]})
        rows.append([link(md(info["name"]), REGIONS, page), md(province or ""),
                     ", ".join(md_code(s) for s in sets)])
    from ppkm_lang.docgen.levels import level_table
    levels = level_table(policy, regions, fact, evaluation_days(policy), data.gazetteer, w,
                         lambda key, info: link(md(info["name"]), REGIONS, region_page(key)))
    pages[REGIONS] = (f"# {w('regions')}\n\n{md(w('region_intro'))}\n\n" + levels + "\n"
                      + f"## {md(w('listed_in'))}\n\n" + table([w("name"), w("province"), w("listed_in")], rows))
    return pages


def _region_detail(data: SiteData, key: str, info: dict, fact: str, w: Words) -> str:
    policy = data.policy
    here = region_page(key)
    out = [f"# {md(info['name'])}\n"]
    if data.gazetteer and data.gazetteer.province_of(key):
        out.append(f"{w('province')}: {md(data.gazetteer.province_of(key))}\n")
    set_rows = []
    for rs, m in info["sets"]:
        spelling = md(m.text) + (f" ({w('spelling').lower()}; {w('per').lower()} {md_code(m.per)})" if m.per else "")
        cites = "<br>".join(md(f"{c.instrument} {c.label()}") + (f": “{md(c.text)}”" if c.text else "")
                            for c in m.cites)
        set_rows.append([md_code(rs.name) + (f" {md(rs.title)}" if rs.title else ""), spelling, cites])
    if set_rows:
        out.append(f"## {w('listed_in')}\n\n" + table([w("regionsets"), w("spelling"), w("cite")], set_rows))
    if info["rules"]:
        out.append(f"{w('named_in_rules')}: " + ", ".join(md_code(r) for r in info["rules"]) + "\n")
    row_fact, _ = axes(policy)
    for inst_id, day in evaluation_days(policy):
        out.append(f"## {md(inst_id)}: {md(w.date(day))}\n")
        cek = rel(here, CEK) + f"?at={day.isoformat()}&{urlquote(fact)}={urlquote(key)}"
        out.append(f"[{md(w('check_here'))}]({cek})\n")
        decision = api.evaluate(policy, day, {fact: key})
        derived = [[name_md(policy, n, w.lang), value_md(policy, n, f.value, w.lang), md_code(f.rule or "")]
                   for n, f in decision.facts.items() if f.value is not None]
        general = [[name_md(policy, n, w.lang), value_md(policy, n, m.value, w.lang),
                    md("; ".join(f"{c.instrument} {c.label()}" for c in m.cites))]
                   for n, m in decision.definite.items()]
        out.append(f"### {w('status_here')}\n")
        out.append(table([w("name"), w("value"), w("rule")], derived)
                   + "\n" + table([w("name"), w("value"), w("cite")], general) if derived or general
                   else md(w("nothing")) + "\n")
        if row_fact:
            body = []
            for v in policy.facts[row_fact].type.values:
                d = api.evaluate(policy, day, {fact: key, row_fact: v})
                # What the activity adds to what applies to the kab/kota as a whole.
                alike = {n for n, m in d.definite.items() if n in decision.definite
                         and decision.definite[n].value == m.value and decision.definite[n].rule == m.rule}
                if any(m.value.kind != TEXT and n not in alike for n, m in d.definite.items()) or d.conflicts:
                    body.append([_member(policy, row_fact, v, w), _cell(policy, d, w, cites=False, skip=alike)])
            if body:
                out.append(f"### {w('applies_here')}\n\n" + table([name_md(policy, row_fact, w.lang), w("measures")], body))
    from ppkm_lang.docgen.changes import changes_section
    out.append(changes_section(policy, key, fact, w.lang, w.date))
    return "\n".join(out)
