"""Would the answers cost less as one join? A probe, not a benchmark of `python -m benchmarks`.

The write turns each target's result id into its value, cite and status cells by indexing
constant lists (`batch.answer_ids`): 165 lookups per row for the PPKM policies. The
alternative probed here: per row, one combined key (the 55 ids, masked on input-error rows,
packed into a few BIGINTs), the few distinct keys numbered in a small table holding the 165
answer columns (ENUM-typed, by the same lookups over its rows), and the output as the row's
input columns joined to it. A join keeps no order (DuckDB guarantees it only for scans,
filters, projections, UNION ALL, LIMIT and `row_number() OVER ()`), so the rows are numbered
before the join and sorted by that number after (`join`); `unordered` drops the sort to show
what the join alone costs. `ids` writes the id columns alone and the input columns alone,
to show what the lookups and their encoding are of the copy.

    python -m benchmarks.batch_join_probe --facts rt.csv --mode today|join|unordered|ids
    python -m benchmarks.batch_join_probe --rows 1300000 --mode join   # the batch_bench table

Prints each step's CPU time (`time.process_time`, DuckDB's threads count) and wall time, then
the whole process's CPU time and peak memory. The Parquet copy runs on one thread, as the
writer does. Only the DuckDB engine's usual case (one group of given facts) is probed.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _clock(label: str, thunk) -> None:
    cpu, wall = time.process_time(), time.perf_counter()
    thunk()
    print(f"  {label}: CPU {time.process_time() - cpu:.2f} s, wall {time.perf_counter() - wall:.2f} s")


def _probe(mode: str, state: dict):
    from ppkm_lang.batch.read import lit, q

    def write(con, cols, targets, out, shape, workdir, stream=None):
        ids, typed = state["ids"], state["typed"]
        if not state["aligned"]:
            raise SystemExit("the table has more than one group of given facts: not probed")
        con.execute("SET threads = 1")
        if mode == "today":
            _clock("copy (the lookups, as today)",
                   lambda: con.execute(f"COPY (SELECT * FROM result) TO {lit(out)} (FORMAT parquet)"))
            return
        if mode == "ids":
            print("  results per target:", sorted(len(ids.ids[t]) for t in targets))
            _clock("copy of the id columns and inputs",
                   lambda: con.execute(f"COPY (SELECT * FROM answers) TO {lit(out)} (FORMAT parquet)"))
            rest = ", ".join(q(t) for t in targets)
            _clock("copy of the inputs alone", lambda: con.execute(
                f"COPY (SELECT * EXCLUDE ({rest}) FROM answers) TO {lit(out)} (FORMAT parquet)"))
            return
        parts: list[list[str]] = [[]]
        fields, shift = {}, 0
        for t in targets:
            bits = (len(ids.ids[t]) + 1).bit_length()  # 0 for NULL, id + 1 otherwise
            if shift + bits > 62:
                parts.append([])
                shift = 0
            parts[-1].append(f"(coalesce(CASE WHEN __code IS NULL THEN {q(t)} END + 1, 0)::BIGINT << {shift})")
            fields[t] = (len(parts) - 1, shift, (1 << bits) - 1)
            shift += bits
        keys = [f"__k{i}" for i in range(len(parts))]
        inputs = [f"__raw_{c.index}" for c in typed.columns]
        packed = ", ".join(f"({' + '.join(p)}) AS {k}" for p, k in zip(parts, keys))
        _clock(f"numbered rows with the key ({len(keys)} BIGINTs)", lambda: con.execute(
            f"CREATE TABLE keyed AS SELECT row_number() OVER () AS __n, {', '.join(inputs)}, __code, __message, "
            f"{packed} FROM answers"))
        _clock("distinct keys", lambda: con.execute(
            f"CREATE TABLE combos AS SELECT DISTINCT {', '.join(keys)} FROM keyed"))
        print(f"  distinct keys: {con.execute('SELECT count(*) FROM combos').fetchone()[0]}")
        small = []
        for t in targets:
            chunk, at, mask = fields[t]
            cells = ids.cells(con, t, f"(NULLIF((__k{chunk} >> {at}) & {mask}, 0) - 1)")
            small += [f"{e} AS {q(c)}" for e, c in zip(cells, (t, f"{t}_cite", f"{t}_status"))]
        _clock("answers table", lambda: con.execute(
            f"CREATE TABLE small AS SELECT {', '.join(keys)}, {', '.join(small)} FROM combos"))
        order = " ORDER BY k.__n" if mode == "join" else ""
        _clock(f"copy of the join{order}", lambda: con.execute(
            f"COPY (SELECT k.{', k.'.join(inputs)}, s.* EXCLUDE ({', '.join(keys)}) FROM keyed k "
            f"JOIN small s USING ({', '.join(keys)}){order}) TO {lit(out)} (FORMAT parquet)"))

    return write


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.batch_join_probe")
    parser.add_argument("--facts")
    parser.add_argument("--rows", type=int, default=1_300_000)
    parser.add_argument("--mode", choices=("today", "join", "unordered", "ids"), default="join")
    args = parser.parse_args(argv)
    import ppkm_lang.batch.answer_ids as answer_ids
    import ppkm_lang.batch.run as run
    from ppkm_lang.cli.main import main as ppkm

    # The answer ENUM types are created once, by the writer's view; the probe reuses them.
    made: dict[str, str] = {}
    enum_list = answer_ids.AnswerIds._enum_list

    def once(con, name, items):
        if name not in made:
            made[name] = enum_list(con, name, items)
        return made[name]

    answer_ids.AnswerIds._enum_list = staticmethod(once)
    state: dict = {}
    relation = run.result_relation

    def spy(con, prepared, typed, targets, ids, aligned=False):
        state.update(typed=typed, ids=ids, aligned=aligned)
        return relation(con, prepared, typed, targets, ids, aligned=aligned)

    run.result_relation = spy
    run.write_result = _probe(args.mode, state)
    with tempfile.TemporaryDirectory(prefix="ppkm-join-probe-") as tmp:
        facts = args.facts
        if facts is None:
            from benchmarks.batch_bench import generate
            facts = str(Path(tmp) / "rt.csv")
            generate(Path(facts), args.rows)
        print(f"{args.mode}: {facts}")
        cpu = time.process_time()
        code = ppkm(["eval", str(REPO / "policies"), "--facts", facts, "--output", str(Path(tmp) / "out.parquet"),
                     "--engine", "duckdb"])
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print(f"  whole `ppkm eval`: CPU {time.process_time() - cpu:.2f} s; process peak {usage.ru_maxrss // 1024} MB")
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
