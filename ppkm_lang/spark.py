"""The policy applied to a PySpark DataFrame with the compiled Spark SQL query.

    from ppkm_lang import prepare
    from ppkm_lang.spark import evaluate
    result = evaluate(spark.read.parquet("rt.parquet"), prepare("policies/"))

The query is generated on the driver (`ppkm_lang.sql.compile_query`, dialect `spark`) and runs
as plain Spark SQL: the executors need neither ppkm nor Python UDFs, so it scales as any
projection does. The DataFrame needs an `at` column (a date) and a column per fact it gives;
fact columns are cast to their SQL types first (a `yyyy-MM-dd` string `at` becomes a DATE).
Every other column is passed through, first, in its order.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover - pyspark is an optional dependency
    from pyspark.sql import DataFrame

__all__ = ["evaluate", "SPARK_TYPES"]

SPARK_TYPES = {"VARCHAR": "string", "BOOLEAN": "boolean", "BIGINT": "bigint", "DOUBLE": "double", "INT": "int",
               "DATE": "date"}
_views = itertools.count()


def evaluate(dataframe: "DataFrame", prepared, *, columns: Iterable[str] | None = None,
             targets: Iterable[str] | None = None) -> "DataFrame":
    """A DataFrame with, per input row, the passed-through columns, each target's value,
    `_cite` and `_status`, then `row_status` and `row_message` (see `ppkm_lang.sql`).
    `columns`: the facts the DataFrame gives (default: every fact it has a column for; a
    derived fact among them is then given, not computed); `targets`: the outputs (default
    all). Raises PolicyError for a policy with errors and InputError (PPK620) for a name the
    policy does not have or a DataFrame without the columns named."""
    from pyspark.sql import functions as F

    from ppkm_lang.diagnostics.codes import UNSUPPORTED_COMPILE_TARGET
    from ppkm_lang.eval.inputs import InputError
    from ppkm_lang.sql import compile_query, input_columns

    policy = prepared._require()
    present = list(dataframe.columns)
    if columns is None:
        columns = [f for f in policy.facts if f in present]
    columns = list(columns)
    typed = input_columns(prepared, columns)
    missing = [c for c, _ in typed if c not in present]
    if missing:
        raise InputError(UNSUPPORTED_COMPILE_TARGET, "the DataFrame has no column " +
                         ", ".join(f"`{c}`" for c in missing), help="add the columns, or leave them out of `columns`")
    kinds = dict(typed)
    cast = dataframe.select(*(F.col(f"`{c}`").cast(SPARK_TYPES[kinds[c]]).alias(c) if c in kinds else F.col(f"`{c}`")
                              for c in present))
    view = f"ppkm_facts_{next(_views)}"
    cast.createOrReplaceTempView(view)
    sql = compile_query(prepared, dialect="spark", source=view, columns=columns, targets=targets,
                        passthrough=[c for c in present if c not in kinds])
    return dataframe.sparkSession.sql(sql)
