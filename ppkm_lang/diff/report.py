"""A diff as data: the versioned JSON document (documented in dsl/reference.md, "Diffs"), the
Markdown for a review comment, and the weights of `--weights`."""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation
from typing import Iterable, Mapping

from ppkm_lang.analysis.space import OTHER_REGION
from ppkm_lang.analysis.witness import box_text
from ppkm_lang.diff.engine import Change, Diff, Side
from ppkm_lang.eval.answer import set_json
from ppkm_lang.eval.results import cite_label, cites_json

VERSION = 1


class WeightsError(ValueError):
    """A `--weights` table that cannot be read; the message says where."""


def read_weights(text: str, known: Iterable[str]) -> dict[str, Decimal]:
    """kab/kota -> weight from CSV text (a header row is allowed); names are matched to the
    official ones ignoring case, spacing and the spelling of `KAB.`."""
    from ppkm_lang.semantics.regions import region_key
    names = {region_key(n): n for n in known if n != OTHER_REGION}
    out: dict[str, Decimal] = {}
    for i, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 2:
            raise WeightsError(f"row {i} has no weight")
        name, raw = row[0].strip(), row[1].strip()
        try:
            weight = Decimal(raw.replace("_", ""))
        except InvalidOperation:
            if i == 1:
                continue  # a header
            raise WeightsError(f"row {i}: `{raw}` is not a number") from None
        official = names.get(region_key(name))
        if official is None:
            raise WeightsError(f"row {i}: `{name}` is not a kab/kota the policies know")
        out[official] = weight
    return out


def target_text(diff: Diff, change: Change) -> str:
    box = {d: s for d, s in change.box.items()}
    return box_text(diff.space, box) if box else "everywhere"


def side_json(side: Side) -> dict:
    o = side.outcome
    return {"outcome": o.kind, "value": o.value.to_json() if o.value is not None else None, "text": side.label,
            "rules": list(o.rules), "values": [v.to_json() for v in o.values], "cites": cites_json(side.cites),
            "in_force": list(side.in_force)}


def cite_line(side: Side) -> str:
    return "; ".join(dict.fromkeys(cite_label(c) for c in side.cites))


def _weight(names: Iterable[str], weights: Mapping[str, Decimal] | None):
    if weights is None:
        return None
    total = sum((weights.get(n, Decimal(0)) for n in names), Decimal(0))
    return int(total) if total == total.to_integral_value() else float(total)


def to_json(diff: Diff, old: dict, new: dict, kind: str, weights: Mapping[str, Decimal] | None = None,
            measures: Iterable[str] = ()) -> dict:
    measures = set(measures)
    changes = []
    by_target: dict[str, dict] = {}
    everywhere = set(diff.touched([Change("", {}, None, None, {}, {d: diff.space.dims[d].full
                                                                for d in diff.region_dims})]))
    for c in diff.changes:
        names = diff.touched([c])
        every = bool(diff.region_dims) and set(names) == everywhere
        entry = {"target": c.target, "target_kind": "measure" if c.target in measures else "fact",
                 "when": {d: set_json(diff.space, d, s) for d, s in sorted(c.box.items())},
                 "text": target_text(diff, c), "witness": c.witness,
                 "old": side_json(c.old), "new": side_json(c.new),
                 "regions": {"count": len(names), "all": every, "names": [] if every else names}}
        if weights is not None:
            entry["weight"] = _weight(names, weights)
        changes.append(entry)
        t = by_target.setdefault(c.target, {"changes": 0, "regions": set()})
        t["changes"] += 1
        t["regions"].update(names)
    touched = diff.touched()
    return {
        "version": VERSION, "kind": kind, "old": old, "new": new, "equivalent": diff.equivalent,
        "compared": list(diff.targets), "changes": changes,
        "impact": {"regions": len(touched), "names": touched, "weight": _weight(touched, weights),
                   "by_target": {t: {"changes": v["changes"], "regions": len(v["regions"]),
                                     "weight": _weight(v["regions"], weights)} for t, v in by_target.items()}},
    }


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    out = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    for ch in "*_`[]<>":
        out = out.replace(ch, "\\" + ch)
    return out


def _names(names: list[str], limit: int = 6) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def transitions(changes: list[Change], limit: int = 3) -> str:
    """The commonest old → new answers of a target's regions, e.g. `50% → 25% (12 regions)`."""
    from collections import Counter
    counts = Counter((c.old.label, c.new.label) for c in changes)
    parts = [f"{a} → {b}" + (f" ({n} regions)" if n > 1 else "") for (a, b), n in counts.most_common(limit)]
    if len(counts) > limit:
        parts.append(f"{len(counts) - limit} other change(s)")
    return "; ".join(parts)


def witness_text(witness: dict) -> str:
    import json
    return ", ".join(f"{k} = {v if isinstance(v, str) else json.dumps(v)}" for k, v in witness.items()) or "any input"


def to_markdown(diff: Diff, old_label: str, new_label: str, weights: Mapping[str, Decimal] | None = None,
                limit: int = 20) -> str:
    lines = [f"### ppkm diff: {_md(old_label)} → {_md(new_label)}", ""]
    if diff.equivalent:
        lines.append(f"No difference: the {len(diff.targets)} measures and derived facts compared give the "
                     "same answer for every input.")
        return "\n".join(lines) + "\n"
    touched = diff.touched()
    head = (f"**{len(diff.changes)} region(s) differ** in {len(diff.changed_targets())} of "
            f"{len(diff.targets)} measures and derived facts"
            + (f"; {len(touched)} kab/kota touched" if diff.region_dims else ""))
    if weights is not None:
        head += f" (weight {_weight(touched, weights)})"
    lines += [head + ".", ""]
    for target in diff.changed_targets():
        changes = [c for c in diff.changes if c.target == target]
        places = bool(diff.region_dims)
        lines += [f"#### `{_md(target)}`", "", _md(transitions(changes)), "",
                  "| where | old | new | example |" + (" kab/kota |" if places else ""),
                  "|---|---|---|---|" + ("---|" if places else "")]
        for c in changes[:limit]:
            old = _md(c.old.label) + (f" ({_md(cite_line(c.old))})" if c.old.cites else "")
            new = _md(c.new.label) + (f" ({_md(cite_line(c.new))})" if c.new.cites else "")
            names = diff.touched([c])
            row = f"| {_md(target_text(diff, c))} | {old} | {new} | {_md(witness_text(c.witness))} |"
            lines.append(row + (f" {len(names)}: {_md(_names(names))} |" if places else ""))
        if len(changes) > limit:
            lines.append(f"| … and {len(changes) - limit} more region(s) | | | |" + (" |" if places else ""))
        lines.append("")
    return "\n".join(lines)


__all__ = ["VERSION", "WeightsError", "read_weights", "to_json", "to_markdown", "side_json", "cite_line",
           "target_text", "witness_text", "transitions"]
