"""Declared types -> IR types: enum members and groups, numeric bounds. Every refusal is a
diagnostic."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.ir.model import ENUM, INT, PERCENT, TIME, Type
from ppkm_lang.syntax import ast
from ppkm_lang.diagnostics.codes import DUPLICATE_DEFINITION, TYPE_MISMATCH, VALUE_OUT_OF_RANGE


def numeric_literal(lit: ast.Lit) -> Fraction | None:
    """The number a bound literal stands for, or None if it is not a number."""
    try:
        if lit.kind == "percent":
            return Fraction(Decimal(lit.text[:-1]))
        if lit.kind in ("int", "number"):
            return Fraction(Decimal(lit.text))
    except InvalidOperation:
        return None
    return None


_TYPE_BOUNDS = {PERCENT: (Fraction(0), Fraction(100)), TIME: (Fraction(0), Fraction(1440))}


def lower_type(t: ast.TypeAst, what: str, diags: list[Diagnostic]) -> Type:
    """A declared type as an IR Type; bad members or bounds become diagnostics."""
    if t.kind == "enum":
        seen: dict[str, ast.EnumMember] = {}
        for m in t.members:
            if m.name in seen:
                diags.append(Diagnostic(DUPLICATE_DEFINITION, f"`{m.name}` is listed twice in the enum of `{what}`",
                                        m.span, subject=what))
            seen.setdefault(m.name, m)
        groups = tuple((g.name, tuple(dict.fromkeys(m.name for m in g.members))) for g in t.groups)
        clash = [g for g, _ in groups if g in seen]
        for g in clash:
            diags.append(Diagnostic(DUPLICATE_DEFINITION, f"group `{g}` has the name of a member of `{what}`", t.span,
                                    subject=what))
        return Type(ENUM, values=tuple(seen), groups=groups, ordered=t.ordered)
    lo = hi = None
    if t.kind in _TYPE_BOUNDS:
        lo, hi = _TYPE_BOUNDS[t.kind]
    if t.lo is not None and t.hi is not None:
        lo, hi = numeric_literal(t.lo), numeric_literal(t.hi)
        if t.kind == INT and (t.lo.kind != "int" or t.hi.kind != "int"):
            diags.append(Diagnostic(TYPE_MISMATCH, f"the bounds of int `{what}` must be whole numbers", t.span))
        if lo is None or hi is None:
            diags.append(Diagnostic(TYPE_MISMATCH, f"the bounds of `{what}` must be numbers", t.span))
            lo = hi = None
        elif lo > hi:
            diags.append(Diagnostic(VALUE_OUT_OF_RANGE, f"the range of `{what}` is empty: {t.lo.text} > {t.hi.text}",
                                    t.span))
    return Type(t.kind, lo=lo, hi=hi, unit=t.unit)


__all__ = ["lower_type", "numeric_literal"]
