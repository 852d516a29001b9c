"""Answers as ids: per target, each distinct result (value, citation, status) gets a small
integer, and a row holds one id per target until the write.

Both engines give `answers` one id column per target (named as the target); the writer
turns an id into the target's three cells by indexing a constant list of the distinct
results (`cells`), whose text columns are DuckDB ENUMs. So a citation is hashed into the
Parquet dictionary once per distinct value, not once per row, and no row carries long
strings through the query: on the PPKM policies (55 targets, 170 answer columns) that is
most of the cost of the write.
"""

from __future__ import annotations

import datetime as dt

from ppkm_lang.batch.cells import sql_value
from ppkm_lang.batch.read import lit, q
from ppkm_lang.batch.targets import OK, target_kind
from ppkm_lang.ir.model import BOOL, DATE, ENUM, INT, NUMBER, PERCENT, REGION, TEXT, TIME

_TEXT = (ENUM, REGION, TEXT)
_LIST_TYPES = {BOOL: "BOOLEAN", INT: "BIGINT", NUMBER: "DOUBLE", PERCENT: "DOUBLE", TIME: "INTEGER", DATE: "DATE"}


def result_triple(result) -> tuple:
    """A `sql.plan.Result` as the (value, cite, status) of the batch output."""
    if result.status == OK:
        return sql_value(result.value), result.cite, OK
    return None, None, result.status


class AnswerIds:
    """Per target: (value as its typed column holds it, cite, status) -> id, ids from 0 in
    the order first seen."""

    def __init__(self, policy, targets: list[str]):
        self.policy = policy
        self.targets = list(targets)
        self.ids: dict[str, dict[tuple, int]] = {t: {} for t in targets}

    def id(self, target: str, triple: tuple) -> int:
        ids = self.ids[target]
        i = ids.get(triple)
        if i is None:
            i = ids[triple] = len(ids)
        return i

    def ids_of(self, target: str, results) -> list[int]:
        """The ids of a query's results (`compile_id_query`), in its id order."""
        return [self.id(target, result_triple(r)) for r in results]

    def cells(self, con, target: str, id_expr: str) -> list[str]:
        """SQL expressions of the target's value, cite and status from its id (NULL id: NULL
        cells). Creates the ENUM types they use."""
        triples = list(self.ids[target])  # in id order
        kind = target_kind(self.policy, target)
        n = self.targets.index(target)
        values = [t[0] for t in triples]
        if kind in _TEXT:
            value = self._enum_list(con, f"__ppkm_v{n}", values)
        else:
            value = _typed_list(values, _LIST_TYPES.get(kind, "VARCHAR"))
        cite = self._enum_list(con, f"__ppkm_c{n}", [t[1] for t in triples])
        status = self._enum_list(con, f"__ppkm_s{n}", [t[2] for t in triples])
        return [f"({lst})[{id_expr} + 1]" for lst in (value, cite, status)]

    @staticmethod
    def _enum_list(con, name: str, items: list) -> str:
        members = sorted({x for x in items if x is not None})
        if not members:
            return f"[{', '.join('NULL' for _ in items) or 'NULL'}]::VARCHAR[]"
        con.execute(f"CREATE TYPE {q(name)} AS ENUM ({', '.join(lit(m) for m in members)})")
        return f"[{', '.join('NULL' if x is None else lit(x) for x in items)}]::{q(name)}[]"


def _typed_list(items: list, sql_type: str) -> str:
    return f"[{', '.join(_literal(x) for x in items) or 'NULL'}]::{sql_type}[]"


def _literal(x) -> str:
    if x is None:
        return "NULL"
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, dt.date):
        return f"DATE {lit(x.isoformat())}"
    if isinstance(x, float):
        return repr(x) if x == x and x not in (float("inf"), float("-inf")) else f"{lit(repr(x))}::DOUBLE"
    if isinstance(x, int):
        return str(x)
    return lit(str(x))


__all__ = ["AnswerIds", "result_triple"]
