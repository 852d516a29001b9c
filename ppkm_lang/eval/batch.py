"""Batch evaluation of a CSV table of cases, one result row per input row.

Input: a header naming facts (and optionally `at`), then one case per row; an empty cell is a
fact not given (or the `--set` default). Output columns: `row`, `at`, each measure's value,
each measure's citation (`<measure>_cite`), `note` (e.g. no instrument in force) and `error`.
A bad row gets its error in the `error` column and is reported through `on_error`; the other
rows are unaffected.

Speed comes from two caches: each column maps a cell's text to the class of its value (see
`compile.classifier`), and the output cells are cached per tuple of classes, so a case is only
evaluated when its combination of classes has not been seen before.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

import attrs

from ppkm_lang.eval.compile import U
from ppkm_lang.eval.engine import Evaluator
from ppkm_lang.eval.inputs import InputError, parse_date
from ppkm_lang.diagnostics.codes import MALFORMED_INPUT, UNREADABLE_FACTS_FILE

_CACHE_LIMIT = 1 << 17
AT = "at"


@attrs.frozen
class BatchSummary:
    rows: int
    errors: tuple[tuple[int, str], ...]  # (row number, message)
    evaluated: int  # rows that needed a fresh evaluation (the rest came from the cache)


def output_header(ev: Evaluator) -> list[str]:
    measures = list(ev.measure_order)
    return ["row", AT, *measures, *(f"{m}_cite" for m in measures), "note", "error"]


def cell_value(value) -> str:
    text = str(value)
    return text[1:-1] if value.kind in ("text", "region") else text


def _csv_line(cells) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cells)
    return buf.getvalue()


class _Batch:
    """The caches of one batch run. A cell's text maps to the class of its value (per column),
    and a tuple of classes (with the plan of the row's date) maps to the finished CSV text of
    the result cells, so a repeated class combination costs a few dictionary lookups."""

    def __init__(self, ev: Evaluator, names: list[str], default_at, defaults: dict[str, str]):
        self.ev = ev
        self.default_at = default_at
        self.base = dict(ev.template)
        for name, raw in defaults.items():
            self.base[name] = ev.given(name, raw)[0]
        self.at_index = names.index(AT) if AT in names else None
        self.facts = [None if i == self.at_index else n for i, n in enumerate(names)]
        # Per column: cell text -> class (for `at`: cell text -> the key part of its date).
        self.classes: list[dict] = [{} for _ in names]
        self.days: dict[str, tuple[dt.date, str]] = {}
        self.memo: dict[tuple, str] = {}
        self.outcomes: dict[tuple, str] = {}  # (measure results, conflicts, date) -> result text
        self.evaluated = 0

    def key(self, row: list[str]) -> tuple:
        """The class tuple of a row, filling the caches; InputError for a bad cell."""
        key = tuple(map(dict.get, self.classes, row))
        if self.at_index is not None and None not in key:
            return key
        key = list(key)
        if None in key:
            for i, cell in enumerate(row):
                if key[i] is None:
                    hit = self._at_key(cell) if i == self.at_index else self._class(self.facts[i], cell)
                    if len(self.classes[i]) < _CACHE_LIMIT:
                        self.classes[i][cell] = hit
                    key[i] = hit
        if self.at_index is None:
            key.append(self._at_key(""))
        return tuple(key)

    def day(self, cell: str) -> tuple[dt.date, str]:
        hit = self.days.get(cell)
        if hit is None:
            text = cell.strip()
            if text:
                day = parse_date(text, "the `at` cell")
            elif self.default_at is not None:
                day = self.default_at
            else:
                raise InputError(MALFORMED_INPUT, "the `at` cell is empty and no `--at` was given")
            hit = (day, day.isoformat())
            if len(self.days) < _CACHE_LIMIT:
                self.days[cell] = hit
        return hit

    def _at_key(self, cell: str):
        day = self.day(cell)[0]
        plan = self.ev.plan(day)
        # Rows of one plan share results; with no instrument in force the note names the date.
        return plan if plan.in_force else (plan, day)

    def _class(self, fact: str, cell: str):
        enc = self.base.get(fact, U) if cell.strip() == "" else self.ev.given(fact, cell)[0]
        return self.ev.classifiers[fact](enc)

    def result(self, row: list[str], day: dt.date) -> str:
        """The CSV text of the result cells after `row` and `at`, evaluated afresh."""
        ev = self.ev
        env = dict(self.base)
        for fact, cell in zip(self.facts, row):
            if cell and fact is not None and cell.strip():
                env[fact] = ev.given(fact, cell)[0]
        plan = ev.plan(day)
        _, measures, conflicts = ev.run_rules(plan, env, reasons=False)  # no reasons: not in the output
        self.evaluated += 1
        # Many class combinations end in the same results: their text is made once.
        outcome = (tuple(map(id, measures.values())), tuple(conflicts) if conflicts else (),
                   None if plan.in_force else day)
        text = self.outcomes.get(outcome)
        if text is None:
            text = self._render(measures, conflicts, day, plan)
            if len(self.outcomes) < _CACHE_LIMIT:
                self.outcomes[outcome] = text
        return text

    def _render(self, measures: dict, conflicts: list, day: dt.date, plan) -> str:
        values, cites = [], []
        conflicted = {c.name: c for c in conflicts}
        for m in self.ev.measure_order:
            result = measures.get(m)
            if result is not None:
                values.append(cell_value(result.value))
                cites.append(result.cite)
            else:
                values.append("")
                cites.append("conflict: " + conflicted[m].describe() if m in conflicted else "")
        note = "" if plan.in_force else f"no instrument in force on {day.isoformat()}"
        return _csv_line([*values, *cites, note, ""])


def run_batch(ev: Evaluator, header: list[str], rows: Iterable[list[str] | str], out: TextIO, *,
              default_at: dt.date | None, defaults: dict[str, str],
              on_error: Callable[[int, str], None] | None = None,
              progress: Callable[[int], None] | None = None) -> BatchSummary:
    """Evaluate every row and write the output CSV (header included) to `out`. A row is a list
    of cells, or the text of a line without quotes (as `read_csv_rows` gives them): a line
    seen before gets its result from a cache without being split.
    Raises InputError, before writing anything, for a header that names an unknown fact or a
    column twice, or when no date is given at all."""
    names = [h.strip() for h in header]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InputError(UNREADABLE_FACTS_FILE, f"the column `{name}` appears twice in the header")
        seen.add(name)
        if name != AT:
            ev.parser.fact(name)  # PPK601 for an unknown column
    if AT not in names and default_at is None:
        raise InputError(MALFORMED_INPUT, "no date: give `--at YYYY-MM-DD` or an `at` column")
    batch = _Batch(ev, names, default_at, defaults)
    out.write(_csv_line(output_header(ev)))
    write = out.write
    memo = batch.memo
    days = batch.days
    width = len(names)
    at_index = batch.at_index
    default_day = default_at.isoformat() if default_at is not None else ""
    errors: list[tuple[int, str]] = []
    blank = ("",) * (len(ev.measure_order) * 2 + 1)
    lines: dict[str, str] = {}
    n = 0
    for n, row in enumerate(rows, start=1):
        if progress is not None and n % 4096 == 0:
            progress(n)
        line = None
        if row.__class__ is str:
            line = row
            text = lines.get(line)
            if text is not None:
                write(f"{n},{text}")
                continue
            row = line.split(",") if line else []
        try:
            if len(row) != width:
                raise InputError(UNREADABLE_FACTS_FILE, f"the row has {len(row)} cells; the header has {width}")
            key = batch.key(row)
            day, iso = days.get(row[at_index] if at_index is not None else "") or \
                batch.day(row[at_index] if at_index is not None else "")
            text = memo.get(key)
            if text is None:
                text = batch.result(row, day)
                if len(memo) >= _CACHE_LIMIT:
                    memo.clear()
                memo[key] = text
            write(f"{n},{iso},{text}")
            if line is not None and len(lines) < _CACHE_LIMIT:
                lines[line] = f"{iso},{text}"
        except InputError as exc:
            message = str(exc)
            errors.append((n, message))
            if on_error is not None:
                on_error(n, message)
            at_text = row[at_index] if at_index is not None and at_index < len(row) else default_day
            write(_csv_line((n, at_text, *blank, message)))
    if progress is not None:
        progress(n)
    return BatchSummary(n, tuple(errors), batch.evaluated)


def read_csv_rows(text: str) -> tuple[list[str], Iterator[list[str] | str]]:
    """The header and the records of CSV text; PPK604 when there is no header. A record is the
    text of its line when the line has no quotes (its cells are the comma-separated parts),
    else its list of cells as the csv module reads them (quoted cells may span lines)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last record
    records = _records(lines)
    try:
        first = next(records)
    except StopIteration:
        raise InputError(UNREADABLE_FACTS_FILE, "the CSV file is empty: it needs a header row naming facts") from None
    header = first.split(",") if isinstance(first, str) else first
    if not any(h.strip() for h in header):
        raise InputError(UNREADABLE_FACTS_FILE, "the first row of the CSV file must name the facts (a header row)")
    return header, records


def _records(lines: list[str]) -> Iterator[list[str] | str]:
    i, count = 0, len(lines)
    while i < count:
        line = lines[i]
        i += 1
        if line.endswith("\r"):
            line = line[:-1]
        if '"' not in line:
            yield line
            continue
        # A quoted cell may hold newlines: take lines until the quotes balance.
        while line.count('"') % 2 and i < count:
            line += "\n" + lines[i].removesuffix("\r")
            i += 1
        try:
            yield next(csv.reader([line]), [])
        except csv.Error as exc:
            # Reported with its row number through the width check; reading goes on.
            yield [f"<unreadable row: {exc}>"]


def atomic_output(path: Path, *, newline: str | None = None):
    """`ppkm_lang.outfiles.atomic_output` (kept here for the callers of the old batch path)."""
    from ppkm_lang.outfiles import atomic_output as _atomic
    return _atomic(Path(path), newline=newline)
