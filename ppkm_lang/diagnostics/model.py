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


@attrs.frozen
class Code:
    """One diagnostic code. Codes never change meaning and are never reused.

    The four documentation fields are the single source of the code's docs page.
    """

    code: str  # e.g. "PPK301"
    name: str  # kebab-case, e.g. "rule-conflict"
    kind: str  # one word: syntax, name, type, citation, reference, region, conflict, ...
    severity: Severity
    summary: str  # one sentence: what it reports
    why: str  # why it matters
    example: str  # a small `.ppkm` excerpt that triggers it
    fix: str  # how to fix it


@attrs.frozen
class Related:
    span: Span
    message: str = ""


@attrs.frozen
class Diagnostic:
    code: str
    message: str
    span: Span
    severity: Severity | None = None  # None: the code's default severity
    related: tuple[Related, ...] = ()
    witness: dict[str, Any] | None = attrs.field(default=None, eq=False)
    help: str | None = None
    # The name of the item the finding is about (rule, table row `T#3`, fact, ...), used to
    # match `allow CODE on NAME` suppressions.
    subject: str | None = None

    def sort_key(self):
        return (self.span.file, self.span.line, self.span.column, self.code, self.message)
