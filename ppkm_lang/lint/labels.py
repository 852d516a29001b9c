"""Labels: once a policy labels anything, every fact, enum member and group, measure and
encoded instrument has an Indonesian and an English label (PPK540); labels are under `id` or
`en`, once each (PPK541)."""

from __future__ import annotations

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.diagnostics.codes import MISSING_LABEL, UNKNOWN_LABEL_LANGUAGE
from ppkm_lang.ir.model import ENUM, Policy

LANGUAGES = ("id", "en")


def _items(policy: Policy):
    """(what, name, labels, span) for every reader-facing item."""
    for inst in policy.instruments.values():
        if not inst.external:
            yield "instrument", inst.id, inst.labels, inst.span
    for kind, group in (("fact", policy.facts), ("measure", policy.measures)):
        for item in group.values():
            yield kind, item.name, item.labels, item.span
            if item.type.kind == ENUM:
                members = dict(item.member_labels)
                for member in (*(g for g, _ in item.type.groups), *item.type.values):
                    yield "member", f"{item.name}.{member}", members.get(member, ()), item.span


def check(policy: Policy) -> list[Diagnostic]:
    items = list(_items(policy))
    out: list[Diagnostic] = []
    for what, name, labels, span in items:
        codes = [code for code, _ in labels]
        for code in dict.fromkeys(codes):
            if code not in LANGUAGES or codes.count(code) > 1:
                out.append(Diagnostic(UNKNOWN_LABEL_LANGUAGE,
                                      f"the label of {what} `{name}` is given under `{code}`"
                                      + (" twice" if code in LANGUAGES else ", which is not a language of the site"),
                                      span, subject=name, help="use `id` (Indonesian) and `en` (English), once each"))
    if not any(labels for _, _, labels, _ in items):
        return out  # an unlabelled policy (a teaching example, a test): identifiers it is
    for what, name, labels, span in items:
        missing = [lang for lang in LANGUAGES if lang not in {code for code, _ in labels}]
        if missing:
            out.append(Diagnostic(MISSING_LABEL, f"{what} `{name}` has no " + " or ".join(
                {"id": "Indonesian", "en": "English"}[m] for m in missing) + " label", span, subject=name,
                help='add `label id "..." en "..."`'))
    return out
