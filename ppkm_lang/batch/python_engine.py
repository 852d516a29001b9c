"""The Python engine: each row of `typed` answered by the residual engine, through
`Prepared.evaluate`, into the DuckDB table `answers` (`__line`, then the answer columns).

Speed: an answer depends only on the instruments in force on the row's date and on the value
class of each given fact (values that pass the same tests of the policy, see
`eval.compile.classifier`), which is how the residual engine memoises too. Each distinct cell
of a column has its class worked out once (in `cells`), so a row costs a tuple of dictionary
lookups; a combination of classes not seen before costs one `Prepared.evaluate`, whose
answer is rendered once into the text of its output cells.
"""

from __future__ import annotations

from pathlib import Path

from ppkm_lang.batch.cells import Typed, sql_value
from ppkm_lang.batch.read import read_rows_file, row_text
from ppkm_lang.batch.targets import (CONFLICT, NO_INSTRUMENT, OK, TARGET_STATUS, conflict_message,
                                     no_instrument_message, target_columns)
from ppkm_lang.eval.inputs import encode

_CHUNK = 1 << 16
_UNSET = ("not given",)  # the class of an empty cell: the fact is not given in that row
_MEMO_LIMIT = 1 << 17


_line = row_text


class PythonEngine:
    def __init__(self, prepared, typed: Typed, targets: list[str]):
        self.prepared = prepared
        self.policy = prepared.policy
        self.typed = typed
        self.targets = targets
        engine = prepared._answerer.engine
        self.classifiers = engine.classifiers
        self.evaluated = 0
        # Per column (`at` first): raw cell -> its class, or None for a bad cell.
        self.at_classes = self._at_classes()
        self.fact_classes = [{raw: (self.classifiers[c.fact](encode(v)) if v is not None else _UNSET)
                              for raw, (v, _) in c.cells.items()} for c in typed.facts]
        self.blank = "," * (len(targets) * 3)

    def _at_classes(self) -> dict:
        typed, policy = self.typed, self.policy
        cells = typed.at.cells if typed.at is not None else {None: (typed.default_at, None)}
        out = {}
        for raw, (day, _) in cells.items():
            if day is None:
                out[raw] = None
                continue
            in_force = tuple(policy.in_force(day))
            out[raw] = (in_force,) if in_force else ((), day)
        return out

    def answer_text(self, raws: tuple) -> str:
        """The output cells after `__line` for a row of raw cells (`at` first), freshly evaluated."""
        typed = self.typed
        at_cells = typed.at.cells if typed.at is not None else {None: (typed.default_at, None)}
        day = at_cells[raws[0]][0]
        given = {c.fact: c.cells[raw][0] for c, raw in zip(typed.facts, raws[1:]) if c.cells[raw][0] is not None}
        answer = self.prepared.evaluate(day, given)
        self.evaluated += 1
        cells: list = []
        if not answer.in_force:
            for _ in self.targets:
                cells += [None, None, NO_INSTRUMENT]
            return _line([*cells, NO_INSTRUMENT, no_instrument_message(day)])
        conflicts = []
        for name in self.targets:
            t = answer.target(name)
            status = TARGET_STATUS[t.status]
            if status == CONFLICT:
                conflicts.append(name)
            if status == OK:
                cells += [sql_value(t.value), t.cite, status]
            else:
                cells += [None, None, status]
        if conflicts:
            return _line([*cells, CONFLICT, conflict_message(conflicts)])
        return _line([*cells, OK, None])

    def run(self, con, workdir: Path) -> None:
        typed = self.typed
        at_raw = f"__raw_{typed.at.index}" if typed.at is not None else "NULL"
        raws = ", ".join([at_raw, *(f"__raw_{c.index}" for c in typed.facts)])
        dicts = [self.at_classes, *self.fact_classes]
        memo: dict = {}
        blank = self.blank
        path = workdir / "answers.csv"
        cur = con.cursor()
        cur.execute(f"SELECT __line, __code, __message, {raws} FROM typed ORDER BY __line")
        with open(path, "w", encoding="utf-8", newline="") as fh:
            write = fh.write
            while chunk := cur.fetchmany(_CHUNK):
                for row in chunk:
                    if row[1] is not None:
                        write(f"{row[0]},{blank}{_line([row[1], row[2]])}")
                        continue
                    key = tuple(map(dict.get, dicts, row[3:]))
                    text = memo.get(key)
                    if text is None:
                        text = self.answer_text(row[3:])
                        if len(memo) >= _MEMO_LIMIT:
                            memo.clear()
                        memo[key] = text
                    write(f"{row[0]},{text}")
        columns = [f"{name} {sql}" for name, sql in [("__line", "BIGINT"), *target_columns(self.policy, self.targets)]]
        read_rows_file(con, "answers", path, columns)
        path.unlink()


def run_python(con, prepared, typed: Typed, targets: list[str], workdir: Path) -> int:
    """Fill `answers`; the number of fresh evaluations (the rest came from the cache)."""
    engine = PythonEngine(prepared, typed, targets)
    engine.run(con, workdir)
    return engine.evaluated


__all__ = ["run_python", "PythonEngine"]
