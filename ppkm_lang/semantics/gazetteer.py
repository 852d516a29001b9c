"""The gazetteer: official kab/kota and province names, read from a configured directory.

The directory holds `kabupaten_kota.csv` and `provinsi.csv` with columns `kode,nama` (the
Kemendagri 2020 coding). The product never ships the list; it reads it where configured.
"""

from __future__ import annotations

import csv
from pathlib import Path

import attrs

from ppkm_lang.semantics.regions import region_key


class GazetteerError(Exception):
    pass


@attrs.frozen
class Gazetteer:
    path: str
    kabkota: dict[str, str]  # region key -> Kemendagri code
    provinces: dict[str, str]  # code -> name

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


def _read(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer file `{path}`: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise GazetteerError(f"gazetteer file `{path}` is not a UTF-8 CSV: {exc}") from None
    if rows and not {"kode", "nama"} <= set(rows[0]):
        raise GazetteerError(f"gazetteer file `{path}` needs the columns `kode,nama`")
    return rows


def load_gazetteer(directory: Path) -> Gazetteer:
    if not directory.is_dir():
        raise GazetteerError(f"gazetteer directory `{directory}` does not exist")
    kab = _read(directory / "kabupaten_kota.csv")
    prov = _read(directory / "provinsi.csv")
    return Gazetteer(str(directory), {region_key(r["nama"]): r["kode"] for r in kab},
                     {r["kode"]: r["nama"] for r in prov})
