"""Apply the PPKM policies to every row of a table on a Spark cluster.

    spark-submit --master yarn examples/spark/ppkm_spark_job.py \
        policies/ hdfs:///data/rt_2021.parquet hdfs:///out/ppkm_rt_2021 \
        --measure kapasitas --measure jam_tutup

The input (Parquet, or CSV with a header) has an `at` date column and one column per fact it
gives (`wilayah` as the kab/kota name in capitals, `kegiatan`, `rumah_positif_7_hari`, ...;
percentages as numbers, 50 for 50%; times of day as minutes since midnight). The output is
Parquet: the other input columns, then each measure with its `_cite` and `_status` columns,
then `row_status` and `row_message`.

Only the driver needs ppkm-lang (`pip install ppkm-lang` where spark-submit runs): the policy is
compiled there to one Spark SQL query, which the executors run like any other projection.
"""

from __future__ import annotations

import argparse
import sys


def run(spark, policies: str, source: str, target: str, measures: list[str] | None = None) -> int:
    import ppkm_lang
    from ppkm_lang.spark import evaluate

    prepared = ppkm_lang.prepare(policies)
    if not prepared.ok:
        for d in prepared.diagnostics:
            print(f"{d.code}: {d.message} ({d.span})", file=sys.stderr)
        return 1
    reader = spark.read
    frame = reader.parquet(source) if source.endswith(".parquet") else reader.option("header", True).csv(source)
    evaluate(frame, prepared, targets=measures or None).write.mode("overwrite").parquet(target)
    return 0


def main(argv: list[str] | None = None) -> int:
    from pyspark.sql import SparkSession

    parser = argparse.ArgumentParser(description="apply PPKM policies to a table with Spark")
    parser.add_argument("policies", help="policy files or a directory of *.ppkm")
    parser.add_argument("input", help="Parquet (*.parquet) or CSV with a header")
    parser.add_argument("output", help="where to write the result as Parquet")
    parser.add_argument("--measure", action="append", help="only this measure (repeatable; default all)")
    args = parser.parse_args(argv)
    spark = SparkSession.builder.appName("ppkm").getOrCreate()
    try:
        return run(spark, args.policies, args.input, args.output, args.measure)
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
