"""Citations must point at a diktum/huruf/angka the cited instrument has; cross-references
must point where the source means them to (PPK501-505, PPK508)."""

from __future__ import annotations

from ppkm_lang.diagnostics import Diagnostic, Related
from ppkm_lang.ir.model import Citation, Part, Policy
from ppkm_lang.semantics.suggest import did_you_mean
from ppkm_lang.diagnostics.codes import (
    BROKEN_REFERENCE, DUPLICATE_DIKTUM, MISSING_CITATION, MISSING_CITATION_TEXT,
    REFERENCE_MISMATCH, UNKNOWN_CITATION_TARGET
)


def _children(parts: tuple[Part, ...]) -> dict[str, Part]:
    out: dict[str, Part] = {}
    for p in parts:
        out.setdefault(p.label, p)  # a duplicated label resolves to its first occurrence
    return out


def resolve(policy: Policy, instrument: str, diktum: str, path: tuple[str, ...]) -> str | None:
    """None when the place exists (or the instrument declares no structure); else a reason."""
    inst = policy.instruments.get(instrument)
    if inst is None:
        return f"no instrument `{instrument}` is declared"
    if not inst.structure:
        return None
    level = _children(inst.structure)
    if diktum not in level:
        hint = did_you_mean(diktum, level)
        return f"`{instrument}` has no Diktum {diktum}" + (f" ({hint})" if hint else "")
    node = level[diktum]
    walked = [diktum]
    for label in path:
        kids = _children(node.parts)
        if label not in kids:
            have = ", ".join(kids) or "no subdivisions"
            return f"Diktum {' '.join(walked)} of `{instrument}` has no `{label}` (it has {have})"
        node = kids[label]
        walked.append(label)
    return None


def _all_citations(policy: Policy):
    for r in policy.rules.values():
        for c in r.cites:
            yield c, r.id
    for group, subject_of in ((policy.tables, "name"), (policy.coverages, "name"),
                              (policy.interpretations, "name"), (policy.examples, "name"),
                              (policy.assertions, "name"), (policy.monotones, "name")):
        for item in group.values():
            for c in item.cites:
                yield c, getattr(item, subject_of)
    for rs in policy.regionsets.values():
        for m in rs.members:
            for c in m.cites:
                yield c, rs.name
    for ref in policy.references.values():
        yield ref.at, ref.name


def _duplicate_labels(parts: tuple[Part, ...], where: str, subject: str, out: list[Diagnostic]) -> None:
    seen: dict[str, Part] = {}
    for p in parts:
        if p.label in seen:
            out.append(Diagnostic(DUPLICATE_DIKTUM, f"{where} has two parts labelled `{p.label}`", p.span, subject=subject,
                                  related=(Related(seen[p.label].span, "first one"),),
                                  help="citations resolve to the first; record the choice as an interpretation"))
        seen.setdefault(p.label, p)
        _duplicate_labels(p.parts, f"Diktum {p.label}" if where.startswith("instrument") else f"{where} {p.label}",
                          subject, out)


def check(policy: Policy) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for inst in policy.instruments.values():
        _duplicate_labels(inst.structure, f"instrument `{inst.id}`", inst.id, out)
    for c, subject in _all_citations(policy):
        problem = resolve(policy, c.instrument, c.diktum, c.path)
        if problem:
            out.append(Diagnostic(UNKNOWN_CITATION_TARGET, f"the citation `{c.label()}` does not exist: {problem}", c.span,
                                  subject=subject))
    for r in policy.rules.values():
        table = policy.tables.get(r.table) if r.table else None
        cites = r.cites + (table.cites if table else ())
        if not cites:
            out.append(Diagnostic(MISSING_CITATION, f"`{r.id}` cites no provision", r.span, subject=r.id,
                                  help='add `cite INSTRUMENT DIKTUM huruf.angka "quoted sentence"`'))
        elif not any(c.text for c in cites):
            out.append(Diagnostic(MISSING_CITATION_TEXT, f"`{r.id}` cites {cites[0].label()} without quoting the sentence it encodes",
                                  cites[0].span, subject=r.id, help="add the source sentence in quotes after the citation"))
    out += _references(policy)
    return out


def _defined_at(policy: Policy, name: str) -> list[tuple[Citation, str]]:
    """The citations of the rules that decide `name`."""
    found = []
    for r in policy.rules.values():
        if any(a.target == name for a in r.then):
            table = policy.tables.get(r.table) if r.table else None
            for c in r.cites + (table.cites if table else ()):
                found.append((c, r.id))
    return found


def _references(policy: Policy) -> list[Diagnostic]:
    out = []
    for ref in policy.references.values():
        problem = resolve(policy, ref.to_instrument, ref.to_diktum, ref.to_path)
        target = " ".join((ref.to_diktum,) + ref.to_path)
        if problem:
            out.append(Diagnostic(BROKEN_REFERENCE, f"the source refers to Diktum {target}, which does not exist: {problem}",
                                  ref.at.span, subject=ref.name, related=(Related(ref.span, "reference recorded here"),)))
            continue
        if ref.concerning is None:
            continue
        defs = [(c, rid) for c, rid in _defined_at(policy, ref.concerning) if c.instrument == ref.to_instrument]
        if not defs:
            continue
        if not any(c.diktum == ref.to_diktum and c.path[:len(ref.to_path)] == ref.to_path for c, _ in defs):
            places = sorted({c.diktum for c, _ in defs})
            out.append(Diagnostic(
                REFERENCE_MISMATCH, f"the source points to Diktum {target} for `{ref.concerning}`, which is defined in "
                f"Diktum {', '.join(places)}", ref.at.span, subject=ref.name,
                related=tuple(Related(c.span, f"`{ref.concerning}` defined by `{rid}`") for c, rid in defs[:3]),
                help="a defect of the source text: keep the reference as written and document it"))
    return out
