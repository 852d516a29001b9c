"""Facts, measures and enum members as readers call them on the site's pages: their label in
the page's language (`label id "…" en "…"` in the policy), the identifier on hover for
authors; an item without a label keeps its identifier, in code type."""

from __future__ import annotations

from ppkm_lang.docgen.escape import attr, md, md_code
from ppkm_lang.ir.model import BOOL, ENUM, Policy


def _item(policy: Policy, name: str):
    return policy.facts.get(name) or policy.measures.get(name)


def _pick(labels, lang: str) -> str | None:
    found = dict(labels or ())
    return found.get(lang) or found.get("id")


def name_md(policy: Policy, name: str, lang: str) -> str:
    """A fact or measure: its label, the identifier as the title; code type without one."""
    item = _item(policy, name)
    text = _pick(item.labels, lang) if item is not None else None
    return f'<span class="ppkm-name" title="{attr(name)}">{md(text)}</span>' if text else md_code(name)


def member_md(policy: Policy, name: str, member: str, lang: str) -> str | None:
    """An enum member's label with its identifier as the title; None without a label."""
    item = _item(policy, name)
    text = _pick(dict(item.member_labels).get(member), lang) if item is not None else None
    return f'<span title="{attr(member)}">{md(text)}</span>' if text else None


_YES_NO = {"id": ("ya", "tidak"), "en": ("yes", "no")}


def value_md(policy: Policy, name: str, value, lang: str) -> str:
    """A value of a fact or measure: an enum member's label (identifier as the title), ya or
    tidak for a yes/no value, any other value as written."""
    if value is not None and value.kind == ENUM:
        said = member_md(policy, name, value.data, lang)
        if said:
            return said
    if value is not None and value.kind == BOOL:
        yes, no = _YES_NO.get(lang, _YES_NO["id"])
        return f'<span title="{attr(str(value))}">{md(yes if value.data else no)}</span>'
    return md(str(value))
