"""Batch evaluation: a table of cases (CSV, Parquet, JSON lines) in, one answer row per case out.

The stages, each in its own module:
- `read`: the file into a DuckDB table `cells` of raw text, one row per record, with the
  record's line (or row) number and, for a record that cannot be read (a stray quote, the
  wrong number of cells, a line that is not a JSON object), the reason;
- `cells`: every distinct cell of a fact column (and `at`) read once with the policy's value
  parser (`semantics.values`, region names and Kemendagri codes through the gazetteer) into
  the typed columns of the SQL contract, and the first bad cell of a row as its input error;
- `python_engine` / `sql_engine`: the answers, per target the id of the row's result
  (`answer_ids`), worked out in Python once per distinct class combination of the given values
  (through the decision lists the SQL is compiled from, or the residual engine) or by the
  query `ppkm_lang.sql.compile_id_query` generates, run in embedded DuckDB;
- `write`: the ids turned into cells, and the answer table (input columns as written, then per target `<name>`,
  `<name>_cite`, `<name>_status`, then `row_status` and `row_message`) as CSV or Parquet, wide or
  long, written atomically (`ppkm_lang.outfiles`).

Both engines read the same `cells` and share the writer, so for the same file they give the
same output; the differential tests hold them to it.
"""

from ppkm_lang.batch.run import BatchOptions, BatchResult, run_batch

__all__ = ["BatchOptions", "BatchResult", "run_batch"]
