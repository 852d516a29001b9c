"""Values of each type, read in one place whatever they come from: a literal in policy text, a
`--set` or `--facts` text, or a Python value given to the API.

`parse_value(type, raw, what)` returns a typed `Value` or raises a `ValueProblem` that carries
the code, a one-sentence message and a help. The messages are the same for every origin; the
code says where the value came from: policy text gets the checker's codes (PPK203 type
mismatch, PPK204 not a member, PPK205 out of range, PPK209 unreadable literal), an evaluation
input the input codes (PPK602 a value the type does not allow, PPK603 a value that cannot be
read). Policy text is strict (a percentage is written `25%`, a time `17:00`: the grammar already
told which kind of literal it is); an input is read by the type it is for (`25` is 25% for a
percent fact). Only the ASCII digits 0-9 are digits: Python's `int` and `Decimal` would read
`٣` or `５` as 3 and 5, which is not what a policy or a form means.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from ppkm_lang.diagnostics.codes import (
    INVALID_FACT_VALUE, INVALID_LITERAL, MALFORMED_INPUT, TYPE_MISMATCH, UNKNOWN_ENUM_VALUE,
    VALUE_OUT_OF_RANGE
)
from ppkm_lang.diagnostics.model import Code
from ppkm_lang.ir.model import (BOOL, DATE, ENUM, INT, NUMBER, PERCENT, REGION, TEXT, TIME, WINDOW, Type,
                                Value, format_time)
from ppkm_lang.semantics.suggest import did_you_mean


class ValueProblem(Exception):
    """A value its type does not allow, or that cannot be read: code, message and help."""

    def __init__(self, code: Code, message: str, help: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.help = help


# What went wrong -> (the code for policy text, the code for an evaluation input).
_MISMATCH = (TYPE_MISMATCH, INVALID_FACT_VALUE)
_NOT_MEMBER = (UNKNOWN_ENUM_VALUE, INVALID_FACT_VALUE)
_OUT_OF_RANGE = (VALUE_OUT_OF_RANGE, INVALID_FACT_VALUE)
# The largest decimal exponent a number may have (either way): ample for any count, percentage
# or amount in a regulation, and small enough that exact arithmetic on it stays instant.
MAX_EXPONENT = 1000


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
_UNREADABLE = (INVALID_LITERAL, MALFORMED_INPUT)

# The kinds of literal the grammar reads (and that an input's text is classified as).
_KIND_WORDS = {"percent": "a percentage", "time": "a time of day", "date": "a date",
               "number": "a decimal number", "int": "a whole number", "string": "a string",
               "bool": "a boolean", "name": "a name", "empty": "an empty value", "python": "the value"}
_TYPE_WORDS = {PERCENT: "a percentage such as `25%`", TIME: "a time of day such as `17:00`",
               DATE: "a date such as `2021-07-21`", INT: "a whole number", NUMBER: "a number",
               BOOL: "`true` or `false`", REGION: 'a kab/kota name in quotes, such as `"KOTA MEDAN"`',
               TEXT: "a string in quotes", ENUM: "one of the enum's members",
               WINDOW: "a time window such as `[18:00, 00:00]`"}
# An input is not written in quotes.
_INPUT_TYPE_WORDS = {**_TYPE_WORDS, REGION: 'a kab/kota name, such as "KOTA MEDAN" or "KAB. BERAU"',
                     TEXT: "text"}
_IR_KIND_LITERAL = {PERCENT: "percent", TIME: "time", DATE: "date", NUMBER: "number", INT: "int",
                    BOOL: "bool", ENUM: "name", REGION: "string", TEXT: "string"}

_LEXICAL = [("percent", re.compile(r"[0-9]+(\.[0-9]+)?%")), ("time", re.compile(r"[0-9]{1,2}:[0-9]{2}")),
            ("date", re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")), ("number", re.compile(r"[0-9]+\.[0-9]+")),
            ("int", re.compile(r"[0-9]+")), ("bool", re.compile(r"true|false")),
            ("name", re.compile(r"[A-Za-z_][A-Za-z0-9_]*"))]
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_TIME = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TYPE_BOUNDS_HELP = {PERCENT: "percentages run from 0% to 100%", TIME: "times run from 00:00 to 24:00"}


# ------------------------------------------------------------------ readers shared by every origin


def read_time(text: str) -> int | None:
    """Minutes after midnight of `HH:MM` (or `HH.MM`), 00:00 to 24:00; None otherwise."""
    m = _TIME.fullmatch(text)
    if not m:
        return None
    h, minutes = int(m.group(1)), int(m.group(2))
    if minutes >= 60 or h > 24 or (h == 24 and minutes != 0):
        return None
    return h * 60 + minutes


def parse_date(text: str) -> dt.date | None:
    """The day of `YYYY-MM-DD` in ASCII digits; None for anything else or a day that does not
    exist."""
    if not _DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def non_ascii_digit(text: str) -> str | None:
    """A hint naming the first digit of `text` that is not one of 0-9, or None."""
    for ch in text:
        if ch.isdigit() and not ("0" <= ch <= "9"):
            name = unicodedata.name(ch, "a digit")
            ascii_text = "".join(str(unicodedata.digit(c)) if c.isdigit() and not "0" <= c <= "9" else c
                                 for c in text)
            return f"U+{ord(ch):04X} {name} is not an ASCII digit: write `{ascii_text}`"
    return None


def literal_kind(text: str) -> str:
    """The kind of literal the grammar would read `text` as (`string` when none fits)."""
    for kind, pattern in _LEXICAL:
        if pattern.fullmatch(text):
            return kind
    return "string"


# ------------------------------------------------------------------ one entry point


def parse_value(typ: Type, raw: Any, what: str, *, token: str | None = None) -> Value:
    """`raw` as a value of `typ`; `what` names the fact or measure, for messages.

    `token` is the grammar's kind of literal when `raw` is policy text (`percent`, `time`,
    `date`, `number`, `int`, `string`, `bool`, `name`); without it, `raw` is an evaluation input:
    text, a Python value or a `Value`. Region names are returned as written: resolving them
    is the caller's (the gazetteer, or the names the policy uses)."""
    if token is not None:
        return _Reading(typ, what, policy=True).text(str(raw), token)
    return _Reading(typ, what, policy=False).input(raw)


class _Reading:
    """One value being read: the type, what it is for, and where it comes from."""

    def __init__(self, typ: Type, what: str, *, policy: bool):
        self.typ, self.what, self.policy = typ, what, policy

    # -------------------------------------------------------------- problems
    def problem(self, codes: tuple[Code, Code], message: str, help: str | None = None) -> ValueProblem:
        return ValueProblem(codes[0] if self.policy else codes[1], message, help)

    def ref(self, text: str) -> str:
        """The value in a message: policy text is pointed at, so its text suffices."""
        return f"`{text}`" if self.policy else f"the value `{text}` of `{self.what}`"

    def takes(self) -> str:
        words = _TYPE_WORDS if self.policy else _INPUT_TYPE_WORDS
        return f"`{self.what}` takes {words.get(self.typ.kind, self.typ.kind)}"

    def mismatch(self, kind: str, text: str, extra: str = "") -> ValueProblem:
        hint = self.takes()
        if self.typ.kind == TIME and kind == "number":
            hint += "; write times with a colon: `17:00`"
        if self.typ.kind == PERCENT and kind in ("int", "number"):
            hint += f"; write `{text}%`"
        return self.problem(_MISMATCH, f"{_KIND_WORDS.get(kind, kind)} `{text}` cannot be a value of `{self.what}` "
                            f"({self.typ.describe()})", hint + extra)

    def unreadable(self, text: str, noun: str, help: str | None) -> ValueProblem:
        return self.problem(_UNREADABLE, f"{self.ref(text)} is not {noun}", non_ascii_digit(text) or help)

    def not_member(self, text: Any) -> ValueProblem:
        typ = self.typ
        allowed = "allowed values: " + ", ".join(typ.values)
        if isinstance(text, str) and typ.group(text) is not None:
            return self.problem(_NOT_MEMBER, f"`{text}` is a group of `{self.what}`; a value is one of its members "
                                f"({', '.join(typ.group(text))})", allowed)
        hint = did_you_mean(str(text), typ.values, n=3)
        return self.problem(_NOT_MEMBER, f"`{text}` is not a member of the enum of `{self.what}`",
                            f"{hint} {allowed}" if hint else allowed)

    def bounded(self, value: Value, text: str) -> Value:
        typ = self.typ
        if isinstance(value.data, Decimal) and value.data and abs(value.data.adjusted()) > MAX_EXPONENT:
            # Conditions compare exact fractions; 1e999999999 would be a billion-digit integer.
            raise self.problem(_OUT_OF_RANGE, f"`{_shown(text)}` is too large or too small for `{self.what}`: "
                               f"a number is at most 10^{MAX_EXPONENT} in size and precision",
                               "give the value in ordinary decimal digits")
        x = value.numeric()
        if (typ.lo is not None and x < typ.lo) or (typ.hi is not None and x > typ.hi):
            # A percentage's or a time's range is that of its type, which `describe` does not show.
            raise self.problem(_OUT_OF_RANGE, f"`{text}` is outside the range of `{self.what}` ({typ.describe()})",
                               _TYPE_BOUNDS_HELP.get(typ.kind))
        return value

    # -------------------------------------------------------------- policy text
    def text(self, text: str, token: str) -> Value:
        """A literal of policy text, whose kind the grammar has read."""
        kind = self.typ.kind
        wanted = {ENUM: ("name",), BOOL: ("bool",), REGION: ("string",), TEXT: ("string",), TIME: ("time",),
                  DATE: ("date",), PERCENT: ("percent",), INT: ("int",), NUMBER: ("int", "number")}
        if token not in wanted.get(kind, ()):
            raise self.mismatch(token, text)
        if kind == ENUM:
            if text not in self.typ.values:
                raise self.not_member(text)
            return Value(ENUM, text)
        if kind == BOOL:
            return Value(BOOL, text == "true")
        if kind in (REGION, TEXT):
            return Value(kind, text)
        return self.scalar(text)

    def scalar(self, text: str) -> Value:
        """Text of a time, date or number, already stripped (a percentage without its `%`
        sign is read as one only from an input)."""
        kind = self.typ.kind
        if kind == TIME:
            minutes = read_time(text)
            if minutes is None:
                form = _TIME.fullmatch(text)
                raise self.unreadable(text, "a time of day", "times run from 00:00 to 24:00" if form
                                      else "write times as HH:MM, from 00:00 to 24:00")
            return self.bounded(Value(TIME, minutes), text)
        if kind == DATE:
            day = parse_date(text)
            if day is None:
                raise self.unreadable(text, "a calendar date", None if _DATE.fullmatch(text)
                                      else "write dates as YYYY-MM-DD")
            return self.bounded(Value(DATE, day), text)
        number = text[:-1].strip() if kind == PERCENT and text.endswith("%") else text
        if not _DECIMAL.fullmatch(number):
            raise self._not_a_number(text, number)
        value = Decimal(number)
        if kind == INT and value != value.to_integral_value():
            raise self.mismatch("number", text)
        return self.bounded(Value(kind, value), text)

    def _not_a_number(self, text: str, number: str) -> ValueProblem:
        kind = self.typ.kind
        comma = _DECIMAL.fullmatch(number.replace(",", ".", 1)) and "," in number and kind != INT
        point = f"write decimals with a point: `{text.replace(',', '.', 1)}`" if comma else None
        if kind == INT:
            return self.unreadable(text, "a whole number", f"`{self.what}` takes a whole number such as `8`")
        if kind == PERCENT:
            return self.unreadable(text, "a percentage", point or f"`{self.what}` takes a percentage such as `5.3%` "
                                   "(or `5.3`)")
        return self.unreadable(text, "a number", point or f"`{self.what}` takes a number such as `5.3`")

    # -------------------------------------------------------------- evaluation inputs
    def input(self, raw: Any) -> Value:
        typ, kind = self.typ, self.typ.kind
        if isinstance(raw, Value):
            if raw.kind != kind:
                raise self.mismatch(_IR_KIND_LITERAL.get(raw.kind, raw.kind), str(raw))
            raw = raw.data if kind != TIME else format_time(raw.data)
        if kind == ENUM:
            text = raw.strip() if isinstance(raw, str) else raw
            if isinstance(text, str) and text in typ.values:
                return Value(ENUM, text)
            raise self.not_member(text)
        if kind == BOOL:
            if isinstance(raw, bool):
                return Value(BOOL, raw)
            text = str(raw).strip()
            if isinstance(raw, str) and text.lower() in ("true", "false"):
                return Value(BOOL, text.lower() == "true")
            raise self.mismatch(self._kind_of(raw), text)
        if kind in (REGION, TEXT):
            if not isinstance(raw, str) or (kind == REGION and not raw.strip()):
                raise self.mismatch(self._kind_of(raw), str(raw).strip())
            return Value(kind, raw)
        if kind == TIME and isinstance(raw, dt.time):
            if raw.second or raw.microsecond:
                raise self.unreadable(str(raw), "a time of day in whole minutes", "write times as HH:MM")
            return self.bounded(Value(TIME, raw.hour * 60 + raw.minute), format_time(raw.hour * 60 + raw.minute))
        if kind == DATE and isinstance(raw, dt.date):
            day = raw.date() if isinstance(raw, dt.datetime) else raw
            return self.bounded(Value(DATE, day), day.isoformat())
        if kind in (INT, NUMBER, PERCENT) and not isinstance(raw, str):
            return self._number(raw)
        if isinstance(raw, str):
            return self.scalar(raw.strip())
        raise self.unreadable(repr(raw), _NOUNS.get(kind, "a value"), None)

    def _kind_of(self, raw: Any) -> str:
        if isinstance(raw, bool):
            return "bool"
        if isinstance(raw, int):
            return "int"
        if isinstance(raw, (float, Decimal, Fraction)):
            return "number"
        if isinstance(raw, str):
            return literal_kind(raw.strip()) if raw.strip() else "empty"
        return "python"

    def _number(self, raw: Any) -> Value:
        """A Python number for a numeric fact: exact, finite, and whole for an int."""
        if isinstance(raw, bool):
            raise self.mismatch("bool", str(raw).lower())
        if isinstance(raw, int):
            number = Decimal(raw)
        elif isinstance(raw, Decimal):
            if not raw.is_finite():
                raise self.unreadable(str(raw), "a finite number", None)
            number = raw
        elif isinstance(raw, float):
            if not math.isfinite(raw):
                raise self.unreadable(str(raw), "a finite number", None)
            number = Decimal(repr(raw))
        elif isinstance(raw, Fraction):
            number = Decimal(raw.numerator) / Decimal(raw.denominator)
            if Fraction(number) != raw:
                raise self.unreadable(str(raw), "a decimal number", "it has no exact decimal form")
        else:
            raise self.unreadable(repr(raw), _NOUNS[self.typ.kind], None)
        if self.typ.kind == INT and number != number.to_integral_value():
            raise self.mismatch("number", str(raw))
        return self.bounded(Value(self.typ.kind, number), str(raw))


_NOUNS = {INT: "a whole number", NUMBER: "a number", PERCENT: "a percentage", TIME: "a time of day",
          DATE: "a calendar date", TEXT: "text", REGION: "a kab/kota name"}


def decimal_text(text: str) -> Decimal | None:
    """A decimal written in ASCII digits (`5`, `-2.5`, `.5`), or None."""
    if not _DECIMAL.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None


__all__ = ["ValueProblem", "parse_value", "parse_date", "read_time", "non_ascii_digit", "literal_kind",
           "decimal_text"]
