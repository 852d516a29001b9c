"""PPK102: input that cannot be read is a coded finding, never a traceback."""

from __future__ import annotations

from ppkm_lang.checker import check


def _codes(paths):
    return [(d.code, d.message) for d in check(paths).diagnostics]


def test_missing_path(tmp_path):
    [(code, message)] = _codes([tmp_path / "nope.ppkm"])
    assert code == "PPK102" and "does not exist" in message


def test_directory_without_policies(tmp_path):
    [(code, message)] = _codes([tmp_path])
    assert code == "PPK102" and "no `.ppkm` files" in message


def test_binary_and_wrong_encoding(tmp_path):
    (tmp_path / "a.ppkm").write_bytes(b"fact a: bool\x00")
    (tmp_path / "b.ppkm").write_bytes("fact zona: enum { h\u00e9 }".encode("latin-1"))
    found = _codes([tmp_path / "a.ppkm", tmp_path / "b.ppkm"])
    assert [c for c, _ in found] == ["PPK102", "PPK102"]
    assert "not a text file" in found[0][1] and "not valid UTF-8" in found[1][1]


def test_missing_gazetteer(tmp_path):
    (tmp_path / "a.ppkm").write_text("fact wilayah: region\n", encoding="utf-8")
    codes = [d.code for d in check([tmp_path], gazetteer=tmp_path / "no-such-dir").diagnostics]
    assert "PPK102" in codes
