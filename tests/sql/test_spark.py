"""`ppkm_lang.spark.evaluate` on a local SparkSession (`local[2]`) against the Python evaluator,
on a few thousand rows of the shipped policies. Needs pyspark and Java 17 (scripts/ensure-java
installs Debian's openjdk-17-jre-headless); skipped, saying which is missing, without them."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest
from sqlcheck import compare, sample_rows

import ppkm_lang
from ppkm_lang.eval.inputs import InputError
from ppkm_lang.spark import SPARK_TYPES, evaluate
from ppkm_lang.sql import input_columns, output_columns

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (it is in the `test` extra)")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Java is not installed: pyspark needs a JVM (scripts/ensure-java installs "
                "openjdk-17-jre-headless as root)", allow_module_level=True)

# The measures with the longest decision lists, and derived facts; the DuckDB test covers all.
TARGETS = ["level", "zona", "status", "kapasitas", "wfh", "jam_tutup", "pengaturan_lanjut", "memenuhi_cakupan"]
COLUMNS = ["wilayah", "rumah_positif_7_hari", "kegiatan", "sektor", "bagian_kerja", "positivity_rate",
           "bor_icu_isolasi", "ppkm_level_4_jawa_bali"]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("ppkm-test")
               .config("spark.sql.shuffle.partitions", "2").config("spark.ui.enabled", "false")
               .config("spark.driver.memory", "1g").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def shipped(repo_root):
    return ppkm_lang.prepare(repo_root / "policies")


def frame(spark, prepared, rows, columns, extra=()):
    from pyspark.sql.types import StructField, StructType, _parse_datatype_string

    fields = [StructField("row_id", _parse_datatype_string("bigint"))]
    fields += [StructField(c, _parse_datatype_string(SPARK_TYPES[t])) for c, t in input_columns(prepared, columns)]
    fields += [StructField(e, _parse_datatype_string("string")) for e in extra]
    names = [f.name for f in fields]
    data = [tuple(i if n == "row_id" else r.get(n) for n in names) for i, r in enumerate(rows)]
    return spark.createDataFrame(data, StructType(fields))


def test_spark_agrees_with_python(spark, shipped):
    rows = sample_rows(shipped, COLUMNS, 2000, seed=20210722)
    out = evaluate(frame(spark, shipped, rows, COLUMNS), shipped, columns=COLUMNS, targets=TARGETS)
    got = sorted((r.asDict() for r in out.collect()), key=lambda r: r["row_id"])
    assert [r["row_id"] for r in got] == list(range(len(rows)))
    targets = [c for c, _ in output_columns(shipped, COLUMNS, TARGETS)][0::3][:-1]
    assert targets == TARGETS
    assert list(got[0])[:4] == ["row_id", targets[0], targets[0] + "_cite", targets[0] + "_status"]
    statuses = {r["row_status"] for r in got}
    assert {"ok", "no_instrument", "PPK602", "PPK603"} <= statuses  # the sample reaches every kind
    compare(shipped, rows, got, COLUMNS, targets)


def test_columns_default_to_the_facts_the_frame_has(spark, shipped):
    rows = [{"at": dt.date(2021, 7, 22), "wilayah": "KOTA SIBOLGA", "kegiatan": "makan_di_tempat", "rt": "RT 01"}]
    df = frame(spark, shipped, rows, ["wilayah", "kegiatan"], extra=("rt",))
    df = df.withColumn("at", df["at"].cast("string"))  # a text date is cast to DATE
    got = evaluate(df, shipped, targets=["kapasitas", "jam_tutup"]).collect()[0].asDict()
    assert list(got) == ["row_id", "rt", "kapasitas", "kapasitas_cite", "kapasitas_status", "jam_tutup",
                         "jam_tutup_cite", "jam_tutup_status", "row_status", "row_message"]
    assert (got["kapasitas"], got["jam_tutup"], got["row_status"]) == (25.0, 17 * 60, "ok")
    with pytest.raises(InputError):
        evaluate(df, shipped, columns=["wilayah", "moda"])


def test_spark_submit_example(spark, shipped, repo_root, tmp_path):
    """examples/spark/ppkm_spark_job.py, as spark-submit runs it, on a CSV of three RTs."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("ppkm_spark_job", repo_root / "examples/spark/ppkm_spark_job.py")
    job = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(job)
    source = tmp_path / "rt.csv"
    source.write_text("rt,at,wilayah,kegiatan\nRT 01,2021-07-22,KOTA SIBOLGA,makan_di_tempat\n"
                      "RT 02,2021-07-26,KOTA SIBOLGA,makan_di_tempat\nRT 03,2021-07-22,KOTA NARNIA,ibadah\n")
    target = tmp_path / "out"
    assert job.run(spark, str(repo_root / "policies"), str(source), str(target), ["kapasitas"]) == 0
    got = {r["rt"]: r.asDict() for r in spark.read.parquet(str(target)).collect()}
    assert (got["RT 01"]["kapasitas"], got["RT 01"]["row_status"]) == (25.0, "ok")
    assert got["RT 02"]["row_status"] == "no_instrument" and got["RT 03"]["row_status"] == "PPK602"
