"""The Python engine: each row of `typed` answered by the residual engine (the `TargetAnswer`s
of `Prepared.evaluate`), into the DuckDB table `answers`, in file order.

Speed: an answer depends only on the instruments in force on the row's date and on the value
class of each given fact (values that pass the same tests of the policy, see
`eval.compile.classifier`), which is how the residual engine memoises too. Each distinct cell
of a column has its class worked out once (in `cells`), so a row costs a tuple of dictionary
lookups; a combination of classes not seen before costs one `Prepared.evaluate`, whose
answer is rendered once into the text of its output cells.
"""

from __future__ import annotations

from pathlib import Path

from ppkm_lang.batch.answer_ids import AnswerIds
from ppkm_lang.batch.cells import Typed, sql_value
from ppkm_lang.batch.read import cell_text, read_rows_file, row_text
from ppkm_lang.batch.targets import (CONFLICT, NO_INSTRUMENT, OK, TARGET_STATUS, UNDETERMINED_STATUS, conflict_message,
                                     no_instrument_message, row_names)
from ppkm_lang.eval.inputs import encode

_CHUNK = 1 << 16
_UNSET = ("not given",)  # the class of an empty cell: the fact is not given in that row


_line = row_text


class PythonEngine:
    def __init__(self, prepared, typed: Typed, targets: list[str], ids: AnswerIds):
        self.prepared = prepared
        self.policy = prepared.policy
        self.typed = typed
        self.targets = targets
        self.ids = ids
        self.answerer = prepared._answerer
        self.classifiers = self.answerer.engine.classifiers
        self.evaluated = 0  # distinct class combinations answered
        self.engine_runs = 0  # of which ran the residual engine
        self.per_target: dict = {}
        # Per column (`at` first): raw cell -> its class, or None for a bad cell.
        self.at_classes = self._at_classes()
        self.fact_classes = [{raw: (self.classifiers[c.fact](encode(v)) if v is not None else _UNSET)
                              for raw, (v, _) in c.cells.items()} for c in typed.facts]

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
        """The answer cells of a row, from its raw fact cells (`at` first): per target,
        the residual engine's cases made into the `TargetAnswer` `Prepared.evaluate` gives
        (questions and notes, which the table does not show, are left out). A target's
        cells are kept per instruments in force and classes of the facts it can depend on
        (`plan.relevant`, the residual engine's own cache key), so a new combination of
        classes runs the engine only when some target has not been seen with its classes."""
        typed = self.typed
        at_cells = typed.at.cells if typed.at is not None else {None: (typed.default_at, None)}
        day = at_cells[raws[0]][0]
        in_force = self.at_classes[raws[0]][0]
        self.evaluated += 1
        # With no instrument in force the rules that belong to none still apply (as in
        # `Prepared.evaluate` and the compiled SQL); the targets they leave open say
        # `no_instrument`, and so does the row.
        values = [(c.fact, c.cells[raw][0], cls[raw]) for c, raw, cls in zip(typed.facts, raws[1:], self.fact_classes)]
        classes = {f: k for f, v, k in values if v is not None}
        engine = self.answerer.engine
        plan = engine.plan(in_force)
        keys = [(name, in_force, tuple((f, classes[f]) for f in plan.relevant.get(name, ()) if f in classes))
                for name in self.targets]
        triples = [self.per_target.get(k) for k in keys]
        if None in triples:
            triples = self._fresh(in_force, {f: encode(v) for f, v, _ in values if v is not None})
            for k, t in zip(keys, triples):
                self.per_target[k] = t
        if not in_force:
            triples = [(None, None, NO_INSTRUMENT) if t[2] == UNDETERMINED_STATUS else t for t in triples]
        conflicts = [name for name, t in zip(self.targets, triples) if t[2] == CONFLICT]
        cells = [self.ids.id(name, t) for name, t in zip(self.targets, triples)]
        if not in_force:
            return _line([*cells, NO_INSTRUMENT, no_instrument_message(day)])
        if conflicts:
            return _line([*cells, CONFLICT, conflict_message(conflicts)])
        return _line([*cells, OK, None])

    def _fresh(self, in_force: tuple, given: dict) -> list[tuple]:
        answerer = self.answerer
        self.engine_runs += 1
        residuals = answerer.engine.run(in_force, given)
        names = frozenset(given)
        keys = names - answerer.places or names
        out = []
        for name in self.targets:
            t = answerer._target(name, residuals[name], keys, residuals, names)
            status = TARGET_STATUS[t.status]
            out.append((sql_value(t.value), t.cite, status) if status == OK else (None, None, status))
        return out

    def run(self, con, workdir: Path) -> None:
        """Create the table `answers`: every column of `typed` but the typed facts, then the
        answer columns, in file order (so the writer needs no join and no sort). A row with an
        input error has NULL answers: the writer fills its status and message."""
        typed = self.typed
        at_raw = f"__raw_{typed.at.index}" if typed.at is not None else "NULL"
        width = len(typed.columns)
        keys = [at_raw, *(f"__raw_{c.index}" for c in typed.facts)]
        dicts = [self.at_classes, *self.fact_classes]
        memo: dict = {}
        blank = "," * (len(self.targets) + 1) + "\n"
        path = workdir / "answers.csv"
        cur = con.cursor()
        cur.execute(f"SELECT __line, __code, __message, {', '.join(f'__raw_{i}' for i in range(width))}, "
                    f"{', '.join(keys)} FROM typed ORDER BY __line")
        with open(path, "w", encoding="utf-8", newline="") as fh:
            write = fh.write
            while chunk := cur.fetchmany(_CHUNK):
                for row in chunk:
                    head = ",".join(map(cell_text, row[: 3 + width]))
                    if row[1] is not None:
                        write(f"{head},{blank}")
                        continue
                    key = tuple(map(dict.get, dicts, row[3 + width:]))
                    text = memo.get(key)
                    if text is None:
                        text = memo[key] = self.answer_text(row[3 + width:])
                    write(f"{head},{text}")
        columns = [("__line", "BIGINT"), ("__code", "VARCHAR"), ("__message", "VARCHAR"),
                   *((f"__raw_{i}", "VARCHAR") for i in range(width)), *((t, "INTEGER") for t in self.targets),
                   *((name, "VARCHAR") for name in row_names(self.policy))]
        read_rows_file(con, "answers", path, [f"{name} {sql}" for name, sql in columns])
        path.unlink()


def run_python(con, prepared, typed: Typed, targets: list[str], ids: AnswerIds, workdir: Path) -> int:
    """Fill `answers`; the number of fresh evaluations (the rest came from the cache)."""
    engine = PythonEngine(prepared, typed, targets, ids)
    engine.run(con, workdir)
    return engine.evaluated


__all__ = ["run_python", "PythonEngine"]
