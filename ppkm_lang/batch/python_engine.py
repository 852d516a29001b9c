"""The Python engine: the answers of `typed` worked out in Python, into the DuckDB view
`answers`, in file order.

An answer depends only on the instruments in force on the row's date and on the value class
of each given fact (values that pass the same tests of the policy, see
`eval.compile.classifier`), which is how the residual engine memoises too. Each distinct cell
of a column has its class worked out once (in `cells`); DuckDB numbers the rows' distinct
combinations of classes, and each combination is answered once, by the decision lists the
SQL is compiled from (`sql.plan`, one membership test per cell of a list, microseconds), or,
when the SQL compiler is not installed, by the residual engine (`Prepared.evaluate`'s cases,
some milliseconds a combination). Rows carry their combination's number, and the writer
turns it into cells (`answer_ids`).
"""

from __future__ import annotations

from pathlib import Path

from ppkm_lang.batch.answer_ids import AnswerIds
from ppkm_lang.batch.cells import Typed, sql_value
from ppkm_lang.analysis.space import AT as AT_DIM, OTHER_REGION, iv_contains_point
from ppkm_lang.batch.read import load_rows, q
from ppkm_lang.batch.targets import (CONFLICT, NO_INSTRUMENT, OK, TARGET_STATUS, UNDETERMINED_STATUS, conflict_message,
                                     no_instrument_message, row_names)
from ppkm_lang.eval.inputs import encode

_UNSET = ("not given",)  # the class of an empty cell: the fact is not given in that row


class PythonEngine:
    def __init__(self, prepared, typed: Typed, targets: list[str], ids: AnswerIds):
        self.prepared = prepared
        self.policy = prepared.policy
        self.typed = typed
        self.targets = targets
        self.ids = ids
        self.engine = prepared.residual_engine
        self.classifiers = self.engine.classifiers
        self.evaluated = 0  # distinct class combinations answered
        self.engine_runs = 0  # of which ran the residual engine
        self.per_target: dict = {}
        self.space = prepared.space
        self.decided = has_planner()
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

    def answer(self, raws: tuple) -> tuple[list[int], str, str | None]:
        """The answer of a row, from its raw fact cells (`at` first): per target the id of its
        result in `ids`, then the row's status and message."""
        typed = self.typed
        at_cells = typed.at.cells if typed.at is not None else {None: (typed.default_at, None)}
        day = at_cells[raws[0]][0]
        in_force = self.at_classes[raws[0]][0]
        self.evaluated += 1
        values = [(c.fact, c.cells[raw][0], cls[raw]) for c, raw, cls in zip(typed.facts, raws[1:], self.fact_classes)]
        triples = self._decided(day, values) if self.decided else None
        if triples is None:
            triples = self._residual(day, in_force, values)
        # With no instrument in force the rules that belong to none still apply (as in
        # `Prepared.evaluate` and the compiled SQL); the targets they leave open say
        # `no_instrument`, and so does the row.
        if not in_force:
            triples = [(None, None, NO_INSTRUMENT) if t[2] == UNDETERMINED_STATUS else t for t in triples]
        ids = [self.ids.id(name, t) for name, t in zip(self.targets, triples)]
        if not in_force:
            return ids, NO_INSTRUMENT, no_instrument_message(day)
        conflicts = [name for name, t in zip(self.targets, triples) if t[2] == CONFLICT]
        if conflicts:
            return ids, CONFLICT, conflict_message(conflicts)
        return ids, OK, None

    def _decided(self, day, values) -> list[tuple] | None:
        """The results through the decision lists the SQL is compiled from (`sql.plan`): per
        target, the cell of the period's list that holds the row's values; None when the
        lists do not decide it (then the residual engine answers)."""
        from ppkm_lang.batch.answer_ids import result_triple
        from ppkm_lang.sql import compile_plan

        given = tuple(f for f, v, _ in values if v is not None)
        plan = compile_plan(self.prepared, given, self.targets)
        period = next((i for i, p in enumerate(plan.periods) if (p.first is None or p.first <= day)
                       and (p.last is None or day <= p.last)), None)
        if period is None:
            return None
        point = {AT_DIM: day.toordinal(), **{f: encode(v) for f, v, _ in values if v is not None}}
        out = []
        for name in self.targets:
            result = next((r for box, r in plan.lists[name][period] if _holds(self.space, box, point)), None)
            if result is None:
                return None
            out.append(result_triple(result))
        return out

    def _residual(self, day, in_force: tuple, values) -> list[tuple]:
        """The results through the residual engine, cached per target for the classes of
        the facts it can depend on (`plan.relevant`, the engine's own cache key)."""
        classes = {f: k for f, v, k in values if v is not None}
        plan = self.engine.plan(in_force)
        keys = [(name, in_force, tuple((f, classes[f]) for f in plan.relevant.get(name, ()) if f in classes))
                for name in self.targets]
        triples = [self.per_target.get(k) for k in keys]
        if None in triples:
            triples = self._fresh(day, {f: v for f, v, _ in values if v is not None})
            for k, t in zip(keys, triples):
                self.per_target[k] = t
        return triples

    def _fresh(self, day, given: dict) -> list[tuple]:
        """The results of `Prepared.evaluate` for the row's date and given values."""
        self.engine_runs += 1
        answer = self.prepared.evaluate(day, given)
        out = []
        for name in self.targets:
            t = answer.target(name)
            status = TARGET_STATUS[t.status]
            out.append((sql_value(t.value), t.cite, status) if status == OK else (None, None, status))
        return out

    def run(self, con, workdir: Path) -> None:
        """Create the view `answers`: every column of `typed` but the typed facts, the id of
        each target's result, the row's status and message, in file order (so the writer
        needs no join and no sort). A row with an input error has NULL answers: the writer
        fills its status and message.

        Each column's distinct cells are numbered by class (table `__k<n>`); the distinct
        combinations of classes of the rows without an input error are answered once each
        (`answer`), and the rows get their combination's number by a join on narrow
        columns, sorted back into file order (table `__rows`). The answer of a combination
        is then a constant list indexed by that number, kept in DuckDB variables."""
        typed = self.typed
        dicts = [self.at_classes, *self.fact_classes]
        raw_cols = [f"__raw_{typed.at.index}" if typed.at is not None else None,
                    *(f"__raw_{c.index}" for c in typed.facts)]
        reps: list[list] = []
        joins, keys = [], []
        for n, (classes, raw_col) in enumerate(zip(dicts, raw_cols)):
            index: dict = {}
            first: list = []
            rows = []
            for raw, k in classes.items():
                if k is None:
                    continue  # a bad cell: its row has an input error
                i = index.get(k)
                if i is None:
                    i = index[k] = len(first)
                    first.append(raw)
                rows.append((raw, i))
            reps.append(first)
            if raw_col is None:  # the date of `--at`: one class
                keys.append("0")
                continue
            load_rows(con, f"__k{n}", workdir, ["raw VARCHAR", "k INTEGER"], rows)
            joins.append(f"LEFT JOIN __k{n} ON t.{raw_col} IS NOT DISTINCT FROM __k{n}.raw")
            keys.append(f"__k{n}.k")
        joined = f"typed t {' '.join(joins)}"
        combos = con.execute(f"SELECT DISTINCT {', '.join(keys)} FROM {joined} WHERE t.__code IS NULL").fetchall()
        answers = [self.answer(tuple(first[k] for first, k in zip(reps, combo))) for combo in combos]
        width = len(keys)
        status, message = row_names(self.policy)
        load_rows(con, "__combos", workdir, [*(f"k{n} INTEGER" for n in range(width)), "d INTEGER",
                                              *(f"i{m} INTEGER" for m in range(len(self.targets))),
                                              "status VARCHAR", "message VARCHAR"],
                  [(*combo, d, *ids, st, msg) for d, (combo, (ids, st, msg)) in enumerate(zip(combos, answers))])
        on = " AND ".join(f"c.k{n} = {key}" for n, key in enumerate(keys)) or "true"
        con.execute(f"CREATE TABLE __rows AS SELECT CASE WHEN t.__code IS NULL THEN c.d END AS d FROM {joined} "
                    f"LEFT JOIN __combos c ON {on} ORDER BY t.__line")
        cells = []
        for m, name in enumerate([*self.targets, status, message]):
            column = f"i{m}" if m < len(self.targets) else ("status" if name == status else "message")
            var = f"__ppkm_a{m}"
            con.execute(f"SET VARIABLE {var} = (SELECT coalesce(list({column} ORDER BY d), []) FROM __combos)")
            cells.append(f"getvariable('{var}')[r.d + 1] AS {q(name)}")
        raws = ", ".join(f"t.__raw_{i}" for i in range(len(typed.columns)))
        con.execute(f"CREATE VIEW answers AS SELECT t.__line, t.__code, t.__message, {raws + ', ' if raws else ''}"
                    f"{', '.join(cells)} FROM typed t POSITIONAL JOIN __rows r")


def has_planner() -> bool:
    """The decision lists need the SQL compiler's planner (and so sqlglot)."""
    try:
        import ppkm_lang.sql  # noqa: F401
    except ImportError:  # pragma: no cover - an installation without the SQL compiler
        return False
    return True


def _holds(space, box, point) -> bool:
    """The point (dimension -> encoded value) is in the box."""
    for d, s in box.items():
        dim = space.dims[d]
        x = point.get(d)
        if x is None:
            return False
        if dim.finite:
            if x not in dim.full:
                x = OTHER_REGION
            if x not in s:
                return False
        elif not iv_contains_point(s, x):
            return False
    return True


def run_python(con, prepared, typed: Typed, targets: list[str], ids: AnswerIds, workdir: Path) -> int:
    """Fill `answers`; the number of fresh evaluations (the rest came from the cache)."""
    engine = PythonEngine(prepared, typed, targets, ids)
    engine.run(con, workdir)
    return engine.evaluated


__all__ = ["run_python", "PythonEngine"]
