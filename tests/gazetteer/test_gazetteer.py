"""The gazetteer: the embedded 2020 list, lookups by name and by code at every level, lazy
loading, and a configured directory that is malformed in each way a review found."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import threading
from importlib import resources
from pathlib import Path

import pytest

from ppkm_lang.checker import check
from ppkm_lang.diagnostics.codes import UNREADABLE_FILE
from ppkm_lang.semantics.gazetteer import (Gazetteer, GazetteerError, embedded_gazetteer, load_gazetteer)

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data" / "wilayah-2020"
KAB = "kode,nama\n11.01,KAB. ACEH SELATAN\n11.71,KOTA BANDA ACEH\n"
PROV = "kode,nama\n11,ACEH\n"


def write_dir(path: Path, *, kab: str | bytes = KAB, prov: str | bytes = PROV) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in (("kabupaten_kota.csv", kab), ("provinsi.csv", prov)):
        data = text.encode() if isinstance(text, str) else text
        (path / name).write_bytes(data)
    return path


# ---------------------------------------------------------------- the embedded list


def test_the_list_ships_inside_the_package():
    folder = resources.files("ppkm_lang.data").joinpath("wilayah-2020")
    names = {entry.name for entry in folder.iterdir()}
    assert {"provinsi.csv", "kabupaten_kota.csv", "kecamatan.csv.gz", "desa_kelurahan.csv.gz",
            "LICENSE-source.txt", "README.md"} <= names
    assert "MIT License" in folder.joinpath("LICENSE-source.txt").read_text(encoding="utf-8")
    assert not any(name.startswith("penduduk") for name in names)  # population stays outside


def test_the_wheel_includes_the_list():
    # The package-data globs of pyproject.toml match every file of the folder.
    import fnmatch
    import tomllib
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    globs = project["tool"]["setuptools"]["package-data"]["ppkm_lang"]
    folder = REPO / "ppkm_lang" / "data" / "wilayah-2020"
    for path in folder.iterdir():
        rel = path.relative_to(REPO / "ppkm_lang").as_posix()
        assert any(fnmatch.fnmatch(rel, g) for g in globs), rel


def test_embedded_counts_and_lookups():
    g = embedded_gazetteer()
    assert len(g.provinces) == 34 and len(g.kabkota) == 514
    assert g.kabkota_of("12.73") == "KOTA SIBOLGA"
    assert g.kabkota_of("12.73.01") == "KOTA SIBOLGA"  # a kecamatan of Sibolga
    assert g.kabkota_of("12.73.01.1001") == "KOTA SIBOLGA"  # a kelurahan of Sibolga
    assert g.kabkota_of(" kota  bandung ") == "KOTA BANDUNG"
    assert g.kabkota_of("Kabupaten Berau") == "KAB. BERAU"
    assert g.kabkota_of("12.73.99") is None and g.kabkota_of("12.73.01.9999") is None  # no such codes
    assert g.kabkota_of("99.99") is None and g.kabkota_of("KOTA ATLANTIS") is None
    assert len(g.kecamatan) == 7230 and len(g.desa) == 83442
    assert g.province_of("KOTA BANDUNG") == "JAWA BARAT"
    assert len(g.province_members("Jawa Barat")) == 27


def test_typeahead_lists_every_kabkota_with_its_province():
    choices = embedded_gazetteer().typeahead()
    assert len(choices) == 514 and choices == sorted(choices)
    assert ("KOTA BANDUNG", "JAWA BARAT") in choices
    assert all(embedded_gazetteer().kabkota_of(name) == name for name, _ in choices)


def test_lower_levels_are_read_only_when_asked(tmp_path):
    folder = write_dir(tmp_path / "g")
    (folder / "kecamatan.csv").write_text("kode,nama\n11.01.01,Bakongan\n")
    (folder / "desa_kelurahan.csv").write_text("kode,nama\n11.01.01.2001,Keude Bakongan\n")
    g = load_gazetteer(folder)
    assert "kecamatan" not in vars(g) and "desa" not in vars(g)
    assert g.kabkota_of("11.01") == "KAB. ACEH SELATAN"
    assert "kecamatan" not in vars(g) and "desa" not in vars(g)
    assert g.kabkota_of("11.01.01") == "KAB. ACEH SELATAN"
    assert "kecamatan" in vars(g) and "desa" not in vars(g)
    assert g.kabkota_of("11.01.01.2001") == "KAB. ACEH SELATAN"
    assert "desa" in vars(g)


def test_a_directory_without_lower_levels_knows_no_codes_below_kabkota(tmp_path):
    g = load_gazetteer(write_dir(tmp_path / "g"))
    assert g.kabkota_of("11.01") == "KAB. ACEH SELATAN"
    assert g.kabkota_of("11.01.01") is None and g.kecamatan == {} and g.desa == {}


def test_a_gzipped_directory_reads_like_a_plain_one(tmp_path):
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "kabupaten_kota.csv.gz").write_bytes(gzip.compress(KAB.encode()))
    (folder / "provinsi.csv").write_text(PROV)
    assert load_gazetteer(folder).kabkota_of("11.71") == "KOTA BANDA ACEH"


@pytest.mark.skipif(not SHARED.is_dir(), reason="the source list is not beside the repository")
def test_embedded_files_are_the_source_byte_for_byte():
    folder = resources.files("ppkm_lang.data").joinpath("wilayah-2020")
    for stem in ("provinsi", "kabupaten_kota", "kecamatan", "desa_kelurahan"):
        entry = folder.joinpath(f"{stem}.csv")
        data = entry.read_bytes() if entry.is_file() else gzip.decompress(folder.joinpath(f"{stem}.csv.gz").read_bytes())
        assert hashlib.sha256(data).digest() == hashlib.sha256((SHARED / f"{stem}.csv").read_bytes()).digest(), stem


def test_identity_follows_the_kabkota_level(tmp_path):
    a = load_gazetteer(write_dir(tmp_path / "a"))
    b = load_gazetteer(write_dir(tmp_path / "b"))
    c = load_gazetteer(write_dir(tmp_path / "c", kab=KAB + "11.72,KOTA SABANG\n"))
    assert a.identity == b.identity != c.identity != embedded_gazetteer().identity


# ---------------------------------------------------------------- malformed directories


@pytest.mark.parametrize("kab, message", [
    ("kode\n11.01\n", "has no column `nama`"),
    ("code,nama\n11.01,KAB. ACEH SELATAN\n", "has no column `kode`"),
    ("kode,nama\n11.01\n", "line 2: 1 field(s)"),
    ("", "is empty"),
    ("\n\n", "is empty"),
    ("kode,nama\n", "has a header but no regions"),
    ("kode,nama\n11-01,KAB. ACEH SELATAN\n", "`11-01` is not a kabupaten_kota code"),
    ("kode,nama\n11.01,\n", "has no name"),
    ("kode,nama\n11.01,A\n11.01,B\n", "appears twice"),
    ("kode,nama\n12.01,KAB. X\n", "belongs to no province"),
    (b"kode,nama\n11.01,KAB. \xff\n", "is not UTF-8 text"),
])
def test_malformed_kabkota_file_is_a_coded_error_naming_the_file(tmp_path, kab, message):
    folder = write_dir(tmp_path / "g", kab=kab)
    with pytest.raises(GazetteerError) as exc:
        load_gazetteer(folder)
    assert message in str(exc.value) and "kabupaten_kota.csv" in str(exc.value)
    # Through the checker: PPK102, exit 2 territory, no traceback.
    (tmp_path / "p.ppkm").write_text("")
    diags = check([tmp_path / "p.ppkm"], gazetteer=folder).diagnostics
    assert [d.code for d in diags if d.code == UNREADABLE_FILE] and message in diags[0].message


def test_a_byte_order_mark_is_accepted(tmp_path):
    folder = write_dir(tmp_path / "g", kab=b"\xef\xbb\xbf" + KAB.encode(), prov=b"\xef\xbb\xbf" + PROV.encode())
    assert load_gazetteer(folder).kabkota_of("11.01") == "KAB. ACEH SELATAN"


def test_columns_in_another_order_and_crlf_are_accepted(tmp_path):
    folder = write_dir(tmp_path / "g", kab="nama,kode,extra\r\nKAB. ACEH SELATAN,11.01,x\r\n")
    assert load_gazetteer(folder).kabkota_of("11.01") == "KAB. ACEH SELATAN"


def test_a_broken_lower_level_is_reported_when_read(tmp_path):
    folder = write_dir(tmp_path / "g")
    (folder / "desa_kelurahan.csv.gz").write_bytes(b"not gzip at all")
    g = load_gazetteer(folder)  # the kab/kota level is fine
    with pytest.raises(GazetteerError, match="desa_kelurahan.csv.gz` is not valid gzip"):
        g.kabkota_of("11.01.01.2001")


def test_a_gzip_bomb_is_refused(tmp_path, monkeypatch):
    from ppkm_lang.semantics import gazetteer as module
    monkeypatch.setattr(module, "MAX_TEXT_BYTES", 1000)
    folder = write_dir(tmp_path / "g")
    (folder / "kecamatan.csv.gz").write_bytes(gzip.compress(b"kode,nama\n" + b"x" * 100_000))
    with pytest.raises(GazetteerError, match="larger than 1000 bytes uncompressed"):
        load_gazetteer(folder).kecamatan


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from ppkm_lang.semantics import gazetteer as module
    monkeypatch.setattr(module, "MAX_FILE_BYTES", 10)
    with pytest.raises(GazetteerError, match="the limit is 10"):
        load_gazetteer(write_dir(tmp_path / "g"))


# ---------------------------------------------------------------- paths that are not files


def test_dev_zero_as_the_gazetteer_is_refused_at_once(tmp_path):
    from ppkm_lang.config import ConfigError, resolve_gazetteer
    with pytest.raises(ConfigError, match="is not a directory"):
        resolve_gazetteer("/dev/zero", tmp_path, env={})
    with pytest.raises(GazetteerError, match="is not a directory"):
        load_gazetteer(Path("/dev/zero"))


def test_dev_zero_as_a_file_of_the_gazetteer_is_refused(tmp_path):
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "provinsi.csv").write_text(PROV)
    os.symlink("/dev/zero", folder / "kabupaten_kota.csv")
    with pytest.raises(GazetteerError, match="is not a regular file"):
        load_gazetteer(folder)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_does_not_block(tmp_path):
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "provinsi.csv").write_text(PROV)
    os.mkfifo(folder / "kabupaten_kota.csv")
    os.mkfifo(tmp_path / "fifo")
    outcome = []

    def attempt():
        for target in (folder, tmp_path / "fifo"):
            try:
                load_gazetteer(target)
            except GazetteerError as exc:
                outcome.append(str(exc))

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "reading the gazetteer blocked on a FIFO"
    assert "is not a regular file" in outcome[0] and "is not a directory" in outcome[1]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_cli_with_a_fifo_gazetteer_exits_2_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "p.ppkm").write_text("")
    env = {k: v for k, v in os.environ.items() if k != "PPKM_GAZETTEER"}
    run = subprocess.run([sys.executable, "-m", "ppkm_lang", "--gazetteer", str(tmp_path / "fifo"), "check",
                          str(tmp_path / "p.ppkm")], capture_output=True, text=True, timeout=60, env=env)
    assert run.returncode == 2 and "is not a directory" in run.stderr and "Traceback" not in run.stderr


def test_gazetteer_is_a_plain_object():
    # Loaded lists are not attrs values any more (their lower levels are lazy); the type stays
    # importable under its old name for callers that pass a loaded one to `load`.
    assert isinstance(embedded_gazetteer(), Gazetteer)
    assert "embedded" in repr(embedded_gazetteer())


def test_copying_the_embedded_folder_gives_an_equal_configured_one(tmp_path):
    source = Path(str(resources.files("ppkm_lang.data").joinpath("wilayah-2020")))
    shutil.copytree(source, tmp_path / "copy")
    copy = load_gazetteer(tmp_path / "copy")
    assert copy.identity == embedded_gazetteer().identity and copy.kabkota == embedded_gazetteer().kabkota
