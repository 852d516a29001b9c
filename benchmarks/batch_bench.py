"""How fast is `ppkm eval policies/ --facts rt.csv --output out.parquet` at national scale?

Generates a table of RT rows shaped like the country (`at, wilayah, kegiatan,
rumah_positif_7_hari`): RTs per kab/kota in proportion to its population
(`../shared/data/wilayah-2020/penduduk_2025.csv` beside the clone, or $PPKM_PENDUDUK; when
it is absent, every kab/kota gets the same share, and the run says so), houses with cases
from a skewed distribution (most RTs none, a long tail), several activities and dates (in
force under Inmendagri 07/2021 and 23/2021, and one with no instrument in force). Then, in
the same run, for each engine:

- whole command: `ppkm eval policies/ --facts rt.csv --output out.parquet --engine E` in a
  child process, wall time and peak memory (the child's maximum resident set size);
- rows/s of the evaluation itself: the `evaluate` stage of that run alone (the query for
  DuckDB; the Python loop for Python), beside reading, typing and writing;

and the anchor: a hand-written DuckDB query over the same CSV, with a CASE per measure for
four measures (zone, capacity, closing time, status for eating in), written to Parquet.

    python -m benchmarks batch                 # 1.3 million rows
    python -m benchmarks.batch_bench --rows N [--engine python|duckdb ...]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PENDUDUK = REPO.parent / "shared" / "data" / "wilayah-2020" / "penduduk_2025.csv"
ACTIVITIES = ("makan_di_tempat", "pusat_perbelanjaan", "ibadah", "tempat_kerja", "belajar_mengajar",
              "konstruksi", "transportasi_umum", "area_publik")
DATES = ("2021-04-08", "2021-04-15", "2021-07-21", "2021-07-24", "2021-07-30")


def populations() -> tuple[dict[str, int] | None, str]:
    """kab/kota name (as the embedded gazetteer writes it) -> population, and where from."""
    from ppkm_lang.semantics.gazetteer import embedded_gazetteer
    gaz = embedded_gazetteer()
    path = Path(os.environ.get("PPKM_PENDUDUK", PENDUDUK))
    if not path.is_file():
        return None, f"{path} not found: every kab/kota gets the same share of RTs"
    names = {code: name for code, name in gaz.kabkota_names.items()}
    keys = {k.replace("KAB. ", "").replace("KOTA ", "KOTA "): k for k in gaz.kabkota}
    out: dict[str, int] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["kode_2025"]
            if code.count(".") != 1:
                continue
            name = names.get(code)
            if name is None:  # a kab/kota code of 2025 the 2020 list does not have: match by name
                from ppkm_lang.semantics.regions import region_key
                name = keys.get(region_key(row["nama"]).replace("KAB. ", ""))
            if name is not None:
                from ppkm_lang.semantics.regions import region_key
                out[region_key(name)] = out.get(region_key(name), 0) + int(row["total"])
    return out, f"{path.name}: {len(out)} kab/kota of the 2020 list"


def generate(path: Path, rows: int, seed: int = 7) -> str:
    from ppkm_lang.semantics.gazetteer import embedded_gazetteer
    rng = random.Random(seed)
    pop, where = populations()
    regions = sorted(pop) if pop else sorted(embedded_gazetteer().kabkota)
    weights = [pop[r] for r in regions] if pop else None
    places = rng.choices(regions, weights=weights, k=rows)
    acts = rng.choices(ACTIVITIES, weights=(4, 2, 3, 3, 2, 1, 1, 2), k=rows)
    dates = rng.choices(DATES, weights=(2, 2, 3, 3, 1), k=rows)
    # Houses with cases: most RTs none, a geometric tail.
    houses = [min(int(rng.expovariate(0.9)) if rng.random() < 0.35 else 0, 60) for _ in range(rows)]
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("at,wilayah,kegiatan,rumah_positif_7_hari\n")
        fh.writelines(f"{d},{w},{k},{h}\n" for d, w, k, h in zip(dates, places, acts, houses))
    return where


HAND_WRITTEN = """
COPY (
  WITH f AS (SELECT * FROM read_csv('{src}', header=true,
             columns={{'at': 'DATE', 'wilayah': 'VARCHAR', 'kegiatan': 'VARCHAR', 'rumah_positif_7_hari': 'BIGINT'}})),
  z AS (SELECT *, CASE WHEN rumah_positif_7_hari = 0 THEN 'hijau' WHEN rumah_positif_7_hari <= 2 THEN 'kuning'
                       WHEN rumah_positif_7_hari <= 5 THEN 'oranye' ELSE 'merah' END AS zona FROM f)
  SELECT *,
    CASE WHEN kegiatan = 'makan_di_tempat' AND "at" BETWEEN DATE '2021-07-21' AND DATE '2021-07-25' THEN 0
         WHEN kegiatan = 'makan_di_tempat' AND "at" BETWEEN DATE '2021-04-06' AND DATE '2021-04-19' THEN 50
         WHEN kegiatan = 'pusat_perbelanjaan' THEN 50 END AS kapasitas,
    CASE WHEN kegiatan IN ('makan_di_tempat', 'pusat_perbelanjaan') AND "at" <= DATE '2021-04-19' THEN 21 * 60
         WHEN kegiatan = 'makan_di_tempat' THEN 20 * 60 END AS jam_tutup,
    CASE WHEN zona IN ('oranye', 'merah') AND kegiatan IN ('ibadah', 'area_publik') THEN 'ditutup'
         WHEN kegiatan = 'makan_di_tempat' AND "at" >= DATE '2021-07-21' THEN 'pesan_antar_saja'
         ELSE 'dibuka' END AS status
  FROM z) TO '{out}' (FORMAT parquet)
"""


def hand_written(src: Path, out: Path) -> float:
    code = ("import duckdb, sys, time; t = time.perf_counter(); "
            f"duckdb.connect().execute({HAND_WRITTEN.format(src=src, out=out)!r}); "
            "print(time.perf_counter() - t)")
    wall, rss, stdout = child([sys.executable, "-c", code])
    return wall, rss, float(stdout.strip().splitlines()[-1]), CPU[code]


def child(argv: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak resident MB (the child's own ru_maxrss, from wait4) and stdout;
    the child's user + system CPU seconds go to `CPU[argv[2]]` (the machine is shared: wall
    time alone overstates what the command costs)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode not in (0, 2):
            print(err.read().decode(errors="replace")[-2000:], file=sys.stderr)
            raise SystemExit(f"child failed with {proc.returncode}: {' '.join(argv[:6])}")
        CPU[argv[2] if len(argv) > 2 else ""] = usage.ru_utime + usage.ru_stime
        return wall, usage.ru_maxrss // 1024, out.read().decode(errors="replace")


CPU: dict[str, float] = {}


STAGE_RUNNER = """
import json, sys, time
import ppkm_lang.batch.run as run
seen = {}
real = run._run
def timed(*a, **k):
    result = real(*a, **k)
    seen.update(result.seconds)
    seen["rows"] = result.rows
    return result
run._run = timed
from ppkm_lang.cli.main import main
code = main(sys.argv[1:])
print(json.dumps(seen))
sys.exit(code)
"""


def command(engine: str, src: Path, out: Path) -> dict:
    argv = [sys.executable, "-c", STAGE_RUNNER, "eval", str(REPO / "policies"), "--facts", str(src),
            "--output", str(out), "--engine", engine]
    wall, rss, stdout = child(argv)
    stages = json.loads(stdout.strip().splitlines()[-1])
    return {"wall": wall, "rss": rss, "cpu": CPU[argv[2]], **stages}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.batch_bench")
    parser.add_argument("--rows", type=int, default=1_300_000)
    parser.add_argument("--engine", action="append", choices=("duckdb", "python"))
    args = parser.parse_args(argv)
    from ppkm_lang.cli.eval import default_engine
    engines = args.engine or (["duckdb", "python"] if default_engine() == "duckdb" else ["python"])
    with tempfile.TemporaryDirectory(prefix="ppkm-batch-bench-") as tmp:
        folder = Path(tmp)
        src = folder / "rt.csv"
        t = time.perf_counter()
        where = generate(src, args.rows)
        print(f"{args.rows:,} RT rows generated in {time.perf_counter() - t:.1f} s ({src.stat().st_size / 1e6:.0f} MB "
              f"CSV); regions weighted by {where}")
        if "duckdb" not in engines:
            print("duckdb engine: skipped (ppkm_lang.sql, the SQL compiler, is not installed)")
        print(f"load average (1 min) {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
        print(f"{'path':<28} {'whole s':>8} {'CPU s':>6} {'peak MB':>8} {'eval s':>7} {'eval rows/s':>12}  stages (s)")
        hand = hand_written(src, folder / "hand.parquet")
        print(f"{'hand-written CASE (4)':<28} {hand[0]:>8.2f} {hand[3]:>6.2f} {hand[1]:>8} {hand[2]:>7.2f} "
              f"{args.rows / hand[2]:>12,.0f}  "
              "query incl. CSV read + Parquet write")
        for engine in engines:
            r = command(engine, src, folder / f"{engine}.parquet")
            stages = ", ".join(f"{k} {r[k]:.2f}" for k in ("read", "type", "evaluate", "write"))
            print(f"{'ppkm eval --engine ' + engine:<28} {r['wall']:>8.2f} {r['cpu']:>6.2f} {r['rss']:>8} {r['evaluate']:>7.2f} "
                  f"{r['rows'] / r['evaluate']:>12,.0f}  {stages}; x{r['wall'] / hand[0]:.1f} the hand-written "
                  "query's whole time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
