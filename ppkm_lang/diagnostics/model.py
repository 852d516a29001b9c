"""Diagnostics as data: a code from the registry, a message, spans, a witness and a hint."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from ppkm_lang.source import Span


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


class Code(str):
    """One diagnostic code: the code text itself (`"PPK301"`, so it compares, sorts and
    serialises as that text) carrying its registry entry. Codes never change meaning and are
    never reused; the constants are made by `registry.define` and used where findings are made.

    The four documentation fields (summary, why, example, fix) are the single source of the
    code's docs page. `input_problem` marks codes that mean the input could not be used at all
    (an unreadable file, a bad fact value): the CLI exits 2 for them rather than 1.
    """

    __slots__ = ("name", "kind", "severity", "summary", "why", "example", "fix", "input_problem")

    def __new__(cls, code: str, name: str, kind: str, severity: Severity, summary: str, why: str,
                example: str, fix: str, *, input_problem: bool = False) -> "Code":
        self = super().__new__(cls, code)
        self.name = name  # kebab-case, e.g. "rule-conflict"
        self.kind = kind  # one word: syntax, name, type, citation, reference, region, conflict, ...
        self.severity = severity  # the severity of a finding unless the finding says otherwise
        self.summary = summary  # one sentence: what it reports
        self.why = why  # why it matters
        self.example = example  # a small `.ppkm` excerpt (or command) that triggers it
        self.fix = fix  # how to fix it
        self.input_problem = input_problem
        return self

    @property
    def code(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"Code({str.__repr__(self)}, {self.name!r})"

    def __reduce__(self):
        return (_code_by_text, (str.__str__(self),))


def _code_by_text(text: str) -> "Code":
    from ppkm_lang.diagnostics.codes import lookup
    return lookup(text)


def as_code(code: "Code | str") -> "Code":
    """A registered code from a constant or its text (`"PPK301"`)."""
    if isinstance(code, Code):
        return code
    return _code_by_text(code)


@attrs.frozen
class Related:
    span: Span
    message: str = ""


@attrs.frozen
class Diagnostic:
    """A finding: its code, a one-sentence message, where, and what shows it. The severity is
    the code's unless the place that makes the finding sets another (a gap in an undeclared
    coverage is a warning)."""

    code: Code = attrs.field(converter=as_code)
    message: str
    span: Span
    severity: Severity = attrs.field(default=None)
    related: tuple[Related, ...] = ()
    witness: dict[str, Any] | None = attrs.field(default=None, eq=False)
    help: str | None = None
    # The name of the item the finding is about (rule, table row `T#3`, fact, ...), used to
    # match `allow CODE on NAME` suppressions.
    subject: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.severity is None:
            object.__setattr__(self, "severity", self.code.severity)

    def sort_key(self) -> tuple:
        return (self.span.file, self.span.line, self.span.column, str(self.code), self.message)


__all__ = ["Code", "Diagnostic", "Related", "Severity", "as_code"]
