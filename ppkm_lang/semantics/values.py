"""Literals -> typed values, and declared types -> IR types. Every refusal is a diagnostic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.ir.model import (BOOL, DATE, ENUM, INT, NUMBER, PERCENT, REGION, TEXT, TIME, Type,
                                Value)
from ppkm_lang.semantics.suggest import did_you_mean
from ppkm_lang.syntax import ast
from ppkm_lang.diagnostics.codes import (
    DUPLICATE_DEFINITION, INVALID_LITERAL, TYPE_MISMATCH, UNKNOWN_ENUM_VALUE, VALUE_OUT_OF_RANGE
)


class LiteralError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


_KIND_WORDS = {"percent": "a percentage", "time": "a time of day", "date": "a date",
               "number": "a decimal number", "int": "a whole number", "string": "a string",
               "bool": "`true` or `false`", "name": "a name"}
_TYPE_WORDS = {PERCENT: "a percentage such as `25%`", TIME: "a time of day such as `17:00`",
               DATE: "a date such as `2021-07-21`", INT: "a whole number", NUMBER: "a number",
               BOOL: "`true` or `false`", REGION: 'a kab/kota name in quotes, such as `"KOTA MEDAN"`',
               TEXT: "a string in quotes", ENUM: "one of the enum's members"}


def parse_time(text: str) -> int | None:
    hours, minutes = text.split(":")
    h, m = int(hours), int(minutes)
    if m >= 60 or h > 24 or (h == 24 and m != 0):
        return None
    return h * 60 + m


def parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def to_value(lit: ast.Lit, typ: Type, what: str) -> Value:
    """Convert `lit` to a value of `typ` (`what` names the fact or measure, for messages).
    Region names are returned as written; the caller resolves them against the gazetteer."""
    kind = typ.kind
    if kind == ENUM:
        if lit.kind != "name":
            raise _mismatch(lit, typ, what)
        if lit.text not in typ.values:
            hint = did_you_mean(lit.text, typ.values) or "allowed: " + ", ".join(typ.values)
            raise LiteralError(Diagnostic(UNKNOWN_ENUM_VALUE, f"`{lit.text}` is not a member of the enum of `{what}`",
                                          lit.span, help=hint))
        return Value(ENUM, lit.text)
    if kind == BOOL:
        if lit.kind != "bool":
            raise _mismatch(lit, typ, what)
        return Value(BOOL, lit.text == "true")
    if kind in (REGION, TEXT):
        if lit.kind != "string":
            raise _mismatch(lit, typ, what)
        return Value(kind, lit.text)
    if kind == TIME:
        if lit.kind != "time":
            raise _mismatch(lit, typ, what)
        minutes = parse_time(lit.text)
        if minutes is None:
            raise LiteralError(Diagnostic(INVALID_LITERAL, f"`{lit.text}` is not a time of day", lit.span,
                                          help="times run from 00:00 to 24:00"))
        return Value(TIME, minutes)
    if kind == DATE:
        if lit.kind != "date":
            raise _mismatch(lit, typ, what)
        day = parse_date(lit.text)
        if day is None:
            raise LiteralError(Diagnostic(INVALID_LITERAL, f"`{lit.text}` is not a calendar date", lit.span))
        return Value(DATE, day)
    if kind == PERCENT:
        if lit.kind != "percent":
            raise _mismatch(lit, typ, what)
        value = Value(PERCENT, Decimal(lit.text[:-1]))
    elif kind == INT:
        if lit.kind != "int":
            raise _mismatch(lit, typ, what)
        value = Value(INT, Decimal(lit.text))
    elif kind == NUMBER:
        if lit.kind not in ("int", "number"):
            raise _mismatch(lit, typ, what)
        value = Value(NUMBER, Decimal(lit.text))
    else:
        raise _mismatch(lit, typ, what)
    check_bounds(value, typ, what, lit)
    return value


def check_bounds(value: Value, typ: Type, what: str, lit: ast.Lit) -> None:
    x = value.numeric()
    if (typ.lo is not None and x < typ.lo) or (typ.hi is not None and x > typ.hi):
        raise LiteralError(Diagnostic(
            VALUE_OUT_OF_RANGE, f"`{lit.text}` is outside the range of `{what}` ({typ.describe()})", lit.span))


def _mismatch(lit: ast.Lit, typ: Type, what: str) -> LiteralError:
    hint = f"`{what}` takes {_TYPE_WORDS.get(typ.kind, typ.kind)}"
    if typ.kind == TIME and lit.kind == "number":
        hint += "; write times with a colon: `17:00`"
    if typ.kind == PERCENT and lit.kind in ("int", "number"):
        hint += f"; write `{lit.text}%`"
    return LiteralError(Diagnostic(
        TYPE_MISMATCH, f"{_KIND_WORDS.get(lit.kind, lit.kind)} `{lit.text}` cannot be a value of `{what}` "
        f"({typ.describe()})", lit.span, help=hint))
