"""Gaps in the numbering of an instrument's structure (PPK510): a diktum, huruf or angka that
the sequence skips (KEDUAPULUHSATU followed by KEDUAPULUHTIGA).

A list of sibling labels is read in the order the structure writes it. Diktum labels are
Indonesian ordinals (KESATU, KEDUA, ..., KESEPULUH, KESEBELAS, KEDUABELAS or KEDUA_BELAS, ...,
KEDUAPULUHSATU), huruf are the letters a, b, c ... and angka the numbers 1, 2, 3 ...; each kind
starts at its first value. A label of no kind (a named part such as `ketentuan`) is not part
of any sequence. A repeated label is PPK505's, and a label lower than one already seen is not
a gap; only the values skipped between two neighbours (or before the first) are reported.
"""

from __future__ import annotations

import re

from ppkm_lang.diagnostics import Diagnostic, Related
from ppkm_lang.ir.model import Instrument, Part, Policy
from ppkm_lang.diagnostics.codes import NUMBERING_GAP

_UNITS = {"SATU": 1, "DUA": 2, "TIGA": 3, "EMPAT": 4, "LIMA": 5, "ENAM": 6, "TUJUH": 7,
          "DELAPAN": 8, "SEMBILAN": 9}
_WORDS = {v: k for k, v in _UNITS.items()}
_TENS = re.compile(r"(SATU|DUA|TIGA|EMPAT|LIMA|ENAM|TUJUH|DELAPAN|SEMBILAN)PULUH(.*)")
_TEEN = re.compile(r"(DUA|TIGA|EMPAT|LIMA|ENAM|TUJUH|DELAPAN|SEMBILAN)BELAS")
_MANY = 5  # more missing labels than this in one place are reported as a range


def ordinal(label: str) -> int | None:
    """The number of a diktum label (`KEDUA_BELAS` -> 12), or None when it is no ordinal."""
    word = label.upper().replace("_", "")
    if word == "PERTAMA":
        return 1
    if not word.startswith("KE"):
        return None
    return _cardinal(word[2:])


def _cardinal(word: str) -> int | None:
    if word in _UNITS:
        return _UNITS[word]
    if word == "SEPULUH":
        return 10
    if word == "SEBELAS":
        return 11
    if m := _TEEN.fullmatch(word):
        return 10 + _UNITS[m.group(1)]
    if m := _TENS.fullmatch(word):
        rest = m.group(2)
        ones = 0 if rest == "" else _UNITS.get(rest)
        return None if ones is None else 10 * _UNITS[m.group(1)] + ones
    return None


def ordinal_label(n: int, sep: str = "") -> str:
    """The diktum label of a number in the spelling of its neighbours (`sep` "" or "_")."""
    if n == 1:
        return "KESATU"
    if n < 10:
        return "KE" + _WORDS[n]
    if n == 10:
        return "KESEPULUH"
    if n == 11:
        return "KESEBELAS"
    if n < 20:
        return f"KE{_WORDS[n - 10]}{sep}BELAS"
    tens, ones = divmod(n, 10)
    return f"KE{_WORDS[tens]}{sep}PULUH" + (f"{sep}{_WORDS[ones]}" if ones else "")


def _kind(label: str, top: bool) -> tuple[str, int] | None:
    """The sequence a label belongs to and its place in it: diktum at the top of a structure,
    huruf and angka below it."""
    if top:
        n = ordinal(label)
        return None if n is None else ("diktum", n)
    if re.fullmatch(r"[a-z]", label):
        return "huruf", ord(label) - ord("a") + 1
    if re.fullmatch(r"[0-9]+", label):
        return "angka", int(label)
    return None


def _render(kind: str, n: int, sep: str) -> str:
    if kind == "huruf":
        return chr(ord("a") + n - 1)
    if kind == "angka":
        return str(n)
    return ordinal_label(n, sep)


def _sequence_gaps(inst: Instrument, parts: tuple[Part, ...], where: str, out: list[Diagnostic]) -> None:
    by_kind: dict[str, list[tuple[int, Part]]] = {}
    for p in parts:
        k = _kind(p.label, top=where == "")
        if k is not None:
            by_kind.setdefault(k[0], []).append((k[1], p))
    for kind, items in by_kind.items():
        highest, before = 0, None
        for n, part in items:
            if n > highest + 1:
                # The missing label is spelt like its neighbours (KETIGA_BELAS between KEDUA_BELAS and KEEMPAT_BELAS).
                sep = "_" if "_" in part.label or (before is not None and "_" in before.label) else ""
                out.append(_gap(inst, kind, [_render(kind, m, sep) for m in range(highest + 1, n)], before, part, where))
            if n > highest:
                highest, before = n, part
    for p in parts:
        if p.parts:
            inner = f"Diktum {p.label}" if where == "" else f"{where} {_render_path(p.label)}"
            _sequence_gaps(inst, p.parts, inner, out)


def _render_path(label: str) -> str:
    k = _kind(label, top=False)
    return f"{k[0]} {label}" if k else label


def _gap(inst: Instrument, kind: str, missing: list[str], before: Part | None, after: Part, where: str) -> Diagnostic:
    names = (f"`{missing[0]}` to `{missing[-1]}`" if len(missing) > _MANY
             else " and ".join(f"`{m}`" for m in missing) if len(missing) <= 2
             else ", ".join(f"`{m}`" for m in missing[:-1]) + f" and `{missing[-1]}`")
    owner = f"{where} of `{inst.id}`" if where else f"`{inst.id}`"
    noun = "Diktum" if kind == "diktum" else kind
    if before is not None:
        context = f"the numbering goes from `{before.label}` to `{after.label}`"
        related: tuple[Related, ...] = (Related(before.span, f"`{before.label}` comes before it"),)
    else:
        context = f"the list starts at `{after.label}`"
        related = ()
    return Diagnostic(
        NUMBERING_GAP, f"{owner} has no {noun} {names}: {context}", after.span, subject=inst.id, related=related,
        help="if the source skips it, keep the structure as written: the warning records the source's defect; "
             "if the structure was mistyped, add the missing label")


def check(policy: Policy) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for inst in policy.instruments.values():
        _sequence_gaps(inst, inst.structure, "", out)
    return out


__all__ = ["check", "ordinal", "ordinal_label"]
