"""The gazetteer: the official 2020 Kemendagri region list, with its codes.

Four levels, each a `kode,nama` CSV: `provinsi` (`PP`), `kabupaten_kota` (`PP.KK`),
`kecamatan` (`PP.KK.CC`) and `desa_kelurahan` (`PP.KK.CC.DDDD`). The list ships inside the
package (`ppkm_lang/data/wilayah-2020/`) and is the default, so that every installation
answers alike; a configured directory in the same layout replaces it (`config.py`).

Loading is lazy: the provinces and kab/kota (548 rows, all a policy load needs) are read when
the gazetteer is made; kecamatan (7,230 rows) and desa/kelurahan (83,442) only when a code of
that level is asked. Files are read with bounds: a path that is not a regular file (a FIFO,
`/dev/zero`) is refused before anything is read, and no file is read past `MAX_FILE_BYTES`.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import os
import re
import stat
import zlib
from pathlib import Path

from ppkm_lang.semantics.regions import region_key

EMBEDDED_NAME = "wilayah-2020"  # the folder of `ppkm_lang/data/` that is the default
MAX_FILE_BYTES = 32 * 1024 * 1024  # a file as stored (the desa list is 2 MB as CSV)
MAX_TEXT_BYTES = 64 * 1024 * 1024  # a file after decompression

# Level -> (file stem, code pattern, what a code of that level looks like).
LEVELS = {
    "provinsi": ("provinsi", re.compile(r"\d{2}"), "PP"),
    "kabkota": ("kabupaten_kota", re.compile(r"\d{2}\.\d{2}"), "PP.KK"),
    "kecamatan": ("kecamatan", re.compile(r"\d{2}\.\d{2}\.\d{2}"), "PP.KK.CC"),
    "desa": ("desa_kelurahan", re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}"), "PP.KK.CC.DDDD"),
}
COLUMNS = ("kode", "nama")


class GazetteerError(Exception):
    """A gazetteer that cannot be used; the message names the file and what is wrong."""


class Gazetteer:
    """Provinces and kab/kota, read at once; kecamatan and desa/kelurahan on first use.

    `kabkota` maps the region key of each kab/kota (its official name, normalised by
    `region_key`) to its code; `provinces` maps a province code to its name."""

    def __init__(self, path: str, provinces: dict[str, str], kabkota_rows: list[tuple[str, str]],
                 *, identity: str, reader=None, embedded: bool = False) -> None:
        self.path = path  # where the list came from, for messages
        self.identity = identity  # changes whenever a policy load could come out differently
        self.embedded = embedded
        self.provinces = provinces
        self.kabkota_names = dict(kabkota_rows)  # code -> official name
        self.kabkota = {region_key(name): code for code, name in kabkota_rows}
        self._reader = reader  # level -> rows, or None when the level is not in the source

    def __repr__(self) -> str:
        return f"Gazetteer({self.path!r}, {len(self.kabkota)} kab/kota)"

    # ---------------------------------------------------------------- the lower levels
    @functools.cached_property
    def kecamatan(self) -> dict[str, str]:
        """Kecamatan code -> name (read on first use; empty when the source has no list)."""
        return self._lower("kecamatan")

    @functools.cached_property
    def desa(self) -> dict[str, str]:
        """Desa/kelurahan code -> name (read on first use; empty when the source has no list)."""
        return self._lower("desa")

    def _lower(self, level: str) -> dict[str, str]:
        rows = self._reader(level) if self._reader else None
        return dict(rows) if rows else {}

    # ---------------------------------------------------------------- lookups
    def province_members(self, name: str) -> list[str] | None:
        """The region keys of a province's kab/kota (None: no such province)."""
        wanted = region_key(name).replace(" ", "")
        code = next((c for c, n in self.provinces.items() if region_key(n).replace(" ", "") == wanted), None)
        if code is None:
            return None
        return sorted(k for k, c in self.kabkota.items() if c.split(".")[0] == code)

    def province_of(self, key: str) -> str | None:
        code = self.kabkota.get(key)
        return self.provinces.get(code.split(".")[0]) if code else None

    def kabkota_of(self, code_or_name: str) -> str | None:
        """The kab/kota that a code of any level below the province (`12.73`, `12.73.01`,
        `12.73.01.1001`) or a kab/kota name (any spelling that `region_key` normalises)
        belongs to, as its official name in the spelling of `region_key` (the name policies
        and the evaluator use; the 2020 list writes one name, `KAB TIMOR TENGAH SELATAN`,
        without the dot); None when it is not in the gazetteer. A code is
        looked up in its own level, so a kecamatan or desa code that does not exist is None
        even when its kab/kota does. Reading a lower level for the first time may raise
        GazetteerError when its file is broken."""
        text = code_or_name.strip()
        if LEVELS["kabkota"][1].fullmatch(text):
            return self._key_of_code(text)
        if LEVELS["kecamatan"][1].fullmatch(text):
            return self._key_of_code(text[:5]) if text in self.kecamatan else None
        if LEVELS["desa"][1].fullmatch(text):
            return self._key_of_code(text[:5]) if text in self.desa else None
        key = region_key(text)
        return key if key in self.kabkota else None

    def _key_of_code(self, code: str) -> str | None:
        name = self.kabkota_names.get(code)
        return region_key(name) if name is not None else None

    def typeahead(self) -> list[tuple[str, str]]:
        """(kab/kota name as `kabkota_of` gives it, province name) for every kab/kota, by
        name: the choices of a region field."""
        return sorted((key, self.provinces[code[:2]]) for key, code in self.kabkota.items())


# ---------------------------------------------------------------------- loading


def load_gazetteer(directory: Path) -> Gazetteer:
    """A gazetteer from a directory holding `provinsi` and `kabupaten_kota` (and optionally
    `kecamatan` and `desa_kelurahan`), each as `NAME.csv` or `NAME.csv.gz`."""
    directory = Path(directory)
    try:
        mode = os.stat(directory).st_mode
    except OSError as exc:
        raise GazetteerError(f"gazetteer directory `{directory}` cannot be read: {exc.strerror or exc}") from None
    if not stat.S_ISDIR(mode):
        raise GazetteerError(f"gazetteer `{directory}` is not a directory; give a directory that holds "
                             "kabupaten_kota.csv and provinsi.csv")
    return _make(str(directory), lambda stem: _read_from_dir(directory, stem))


@functools.lru_cache(maxsize=1)
def embedded_gazetteer() -> Gazetteer:
    """The list that ships with the package (`ppkm_lang/data/wilayah-2020/`): the default."""
    return _make(f"<embedded {EMBEDDED_NAME}>", _read_embedded, embedded=True)


def embedded_directory():
    """The embedded list: the folder beside the package's files, or, when the package is not
    on a file system (a zip), an `importlib.resources` Traversable. The folder is found
    without importing `importlib.resources` (tens of milliseconds at start-up) when it can be."""
    import ppkm_lang.data as data
    folder = Path(data.__file__).parent / EMBEDDED_NAME if getattr(data, "__file__", None) else None
    if folder is not None and folder.is_dir():
        return folder
    from importlib import resources
    return resources.files("ppkm_lang.data").joinpath(EMBEDDED_NAME)


def _make(path: str, read, *, embedded: bool = False) -> Gazetteer:
    """`read(stem)` -> (display name, bytes) or None when the file is absent."""
    digest = hashlib.sha256(b"ppkm-gazetteer-1\0")
    tables, files = {}, {}
    for level in ("provinsi", "kabkota"):
        found = read(LEVELS[level][0])
        if found is None:
            raise GazetteerError(f"gazetteer `{path}` has no {LEVELS[level][0]}.csv")
        files[level], data = found
        digest.update(len(data).to_bytes(8, "big") + data)
        tables[level] = _rows(files[level], data, level)
    provinces = dict(tables["provinsi"])
    names: dict[str, str] = {}
    for code, name in tables["kabkota"]:
        if code[:2] not in provinces:
            raise GazetteerError(f"gazetteer file `{files['kabkota']}`: kab/kota `{code}` belongs to no province "
                                 f"of `{files['provinsi']}`")
        other = names.setdefault(region_key(name), code)
        if other != code:
            raise GazetteerError(f"gazetteer file `{files['kabkota']}`: kab/kota `{other}` and `{code}` have the "
                                 f"same name `{name}`")

    def lower(level: str):
        found = read(LEVELS[level][0])
        return None if found is None else _rows(found[0], found[1], level)

    return Gazetteer(path, provinces, tables["kabkota"], identity=digest.hexdigest(), reader=lower,
                     embedded=embedded)


def _read_embedded(stem: str):
    folder = embedded_directory()
    for name in (f"{stem}.csv", f"{stem}.csv.gz"):
        entry = folder.joinpath(name)
        if entry.is_file():
            return f"{EMBEDDED_NAME}/{name}", _maybe_gunzip(f"{EMBEDDED_NAME}/{name}", entry.read_bytes())
    return None


def _read_from_dir(directory: Path, stem: str):
    for name in (f"{stem}.csv", f"{stem}.csv.gz"):
        path = directory / name
        data = _read_bounded(path)
        if data is not None:
            return str(path), _maybe_gunzip(str(path), data)
    return None


def _read_bounded(path: Path) -> bytes | None:
    """The bytes of a regular file, or None when there is nothing at `path`. Opened without
    blocking (a FIFO would otherwise wait for a writer) and checked to be a regular file
    before anything is read, then read to at most MAX_FILE_BYTES."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer file `{path}`: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb", buffering=0) as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise GazetteerError(f"gazetteer file `{path}` is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise GazetteerError(f"gazetteer file `{path}` is {info.st_size} bytes; the limit is {MAX_FILE_BYTES}")
        try:
            data = fh.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise GazetteerError(f"cannot read gazetteer file `{path}`: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:  # grew while it was read
        raise GazetteerError(f"gazetteer file `{path}` is larger than {MAX_FILE_BYTES} bytes")
    return data


def _maybe_gunzip(name: str, data: bytes) -> bytes:
    if not name.endswith(".gz"):
        return data
    inflate = zlib.decompressobj(wbits=31)  # gzip framing
    try:
        text = inflate.decompress(data, MAX_TEXT_BYTES + 1)
    except zlib.error as exc:
        raise GazetteerError(f"gazetteer file `{name}` is not valid gzip: {exc}") from None
    if len(text) > MAX_TEXT_BYTES or inflate.unconsumed_tail:
        raise GazetteerError(f"gazetteer file `{name}` is larger than {MAX_TEXT_BYTES} bytes uncompressed")
    if not inflate.eof:
        raise GazetteerError(f"gazetteer file `{name}` is truncated")
    return text


def _rows(name: str, data: bytes, level: str) -> list[tuple[str, str]]:
    """(code, name) rows of one level, with the header and every row checked."""
    stem, pattern, shape = LEVELS[level]
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, as spreadsheets write, is fine
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"gazetteer file `{name}` is not UTF-8 text (byte {exc.start})") from None
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise GazetteerError(f"gazetteer file `{name}` is empty; it needs the header `kode,nama` and one row per region")
        columns = [cell.strip().lower() for cell in header]
        for column in COLUMNS:
            if column not in columns:
                raise GazetteerError(f"gazetteer file `{name}` has no column `{column}` (its header is "
                                     f"`{','.join(header)}`; it needs `kode,nama`)")
        at_code, at_name = columns.index("kode"), columns.index("nama")
        width = max(at_code, at_name) + 1
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for record in reader:
            if not record or (len(record) == 1 and not record[0].strip()):
                continue  # a blank line
            line = reader.line_num
            if len(record) < width:
                raise GazetteerError(f"gazetteer file `{name}`, line {line}: {len(record)} field(s); "
                                     f"the header has `kode` and `nama`")
            code, label = record[at_code].strip(), record[at_name].strip()
            if not pattern.fullmatch(code):
                raise GazetteerError(f"gazetteer file `{name}`, line {line}: `{code}` is not a {stem} code "
                                     f"({shape})")
            if not label:
                raise GazetteerError(f"gazetteer file `{name}`, line {line}: region `{code}` has no name")
            if code in seen:
                raise GazetteerError(f"gazetteer file `{name}`, line {line}: code `{code}` appears twice")
            seen.add(code)
            rows.append((code, label))
    except csv.Error as exc:
        raise GazetteerError(f"gazetteer file `{name}` is not a valid CSV: {exc}") from None
    if not rows:
        raise GazetteerError(f"gazetteer file `{name}` has a header but no regions")
    return rows


__all__ = ["Gazetteer", "GazetteerError", "load_gazetteer", "embedded_gazetteer", "embedded_directory",
           "EMBEDDED_NAME", "MAX_FILE_BYTES", "MAX_TEXT_BYTES"]
