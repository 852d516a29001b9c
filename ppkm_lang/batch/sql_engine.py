"""The DuckDB engine: the query `ppkm_lang.sql.compile_id_query` generates (the decision lists
of `compile_query`, each target as the id of its result), run over `typed`.

An empty cell is a fact not given in that row, and the compiled query treats a column that
is present as given in every row (a NULL there is an input error). So the rows without an
input error are grouped by which fact cells they leave empty, and each group is answered by
a query compiled for the facts it gives (`columns=`); most tables have one or two groups.
The compiled query is a projection (CASEs, no join), so over the whole of `typed` it keeps
the file's order.
"""

from __future__ import annotations

from ppkm_lang.batch.cells import AT, Typed
from ppkm_lang.batch.read import lit, q
from ppkm_lang.batch.answer_ids import AnswerIds
from ppkm_lang.batch.targets import row_names


def run_sql(con, prepared, typed: Typed, targets: list[str], ids: AnswerIds) -> bool:
    """Create the answers: the view `answers` (`__line`, per target the id of its result in
    `ids`, then `row_status` and `row_message`, in any order) and return False; or, when
    every row without an input error gives the same facts (the usual table), the view
    `answers` holding every column of `typed` too, in file order, and return True (the
    writer then needs no join and no sort). A view, not a table: the answers are computed
    while they are written, never held."""
    from ppkm_lang.sql import compile_id_query

    facts = [c.fact for c in typed.facts]
    status, message = row_names(prepared.policy)
    nulls = ", ".join(f"{q(f)} IS NULL" for f in facts) or "true"
    created: set[str] = set()
    patterns = [p for p in con.execute(f"SELECT DISTINCT {nulls} FROM typed WHERE __code IS NULL").fetchall()]
    if len(patterns) <= 1:
        given = [f for f, empty in zip(facts, patterns[0]) if not empty] if patterns and facts else []
        # Rows with an input error have NULL typed values: the query reports them, and the
        # writer replaces that with the error found when reading.
        query, results, enums = compile_id_query(prepared, source="typed", columns=given, targets=targets)
        _create_types(con, enums, created)
        ids_sql = ", ".join(_remap(q(t), ids.ids_of(t, results[t])) + f" AS {q(t)}" for t in targets)
        con.execute(f"CREATE VIEW answers AS SELECT * EXCLUDE ({', '.join(q(t) for t in targets)}), {ids_sql} "
                    f"FROM ({query})" if targets else f"CREATE VIEW answers AS {query}")
        return True
    con.execute("CREATE TABLE answers (__line BIGINT, " + "".join(f"{q(t)} INTEGER, " for t in targets)
                + f"{q(status)} VARCHAR, {q(message)} VARCHAR)")
    for n, pattern in enumerate(patterns):
        given = [f for f, empty in zip(facts, pattern) if not empty]
        where = " AND ".join(f"{q(f)} IS {'' if empty else 'NOT '}NULL" for f, empty in zip(facts, pattern))
        source = f"source_{n}"
        con.execute(f"CREATE VIEW {source} AS SELECT __line, {', '.join(q(c) for c in [AT, *given])} FROM typed "
                    f"WHERE __code IS NULL AND {where}")
        query, results, enums = compile_id_query(prepared, source=source, columns=given, targets=targets)
        _create_types(con, enums, created)
        cols = "".join(_remap(q(t), ids.ids_of(t, results[t])) + ", " for t in targets)
        con.execute(f"INSERT INTO answers SELECT __line, {cols}{q(status)}, {q(message)} FROM ({query})")
    return False


def _create_types(con, enums: dict, created: set) -> None:
    """The ENUM types of the members of enum and region facts the query finds classes by
    (the same members, sorted, whichever facts a query is compiled for)."""
    for name, members in enums.items():
        if name not in created:
            con.execute(f"CREATE TYPE {name} AS ENUM ({', '.join(lit(m) for m in members)})")
            created.add(name)


def _remap(column: str, ids: list[int]) -> str:
    """The query's id of a result as the batch's (`AnswerIds`): the same when the query's
    ids are the first seen, else through a constant list."""
    if ids == list(range(len(ids))):
        return column
    return f"[{', '.join(map(str, ids))}][{column} + 1]"


__all__ = ["run_sql"]
