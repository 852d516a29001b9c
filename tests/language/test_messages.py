"""Messages that say what is wrong in the words of the language (the fixtures prove codes and
places; these prove the sentences)."""

from __future__ import annotations

from pathlib import Path

from ppkm_lang.ir import model as ir
from ppkm_lang.loader import load

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_group_where_one_member_is_expected_is_called_a_group():
    loaded = load([FIXTURES / "bad" / "PPK204_group.ppkm"])
    (d,) = loaded.diagnostics
    assert d.message == "`makan_minum` is a group of `jenis`; a value is one of its members (makan, minum)"
    assert "not a member of the enum" not in d.message


def test_a_group_inside_a_set_literal_stands_for_its_members():
    policy = load([FIXTURES / "good" / "group_in_set.ppkm"]).policy
    assert policy.rules["terbuka"].when == ir.Test("kegiatan", ir.InSet(frozenset({"makan", "minum", "mall"})))
    assert policy.rules["tutup#1"].when == ir.Test("kegiatan", ir.InSet(frozenset({"makan", "minum"})))


def test_an_unknown_interpretation_is_reported_at_its_name():
    loaded = load([FIXTURES / "bad" / "PPK201_per.ppkm"])
    found = {(d.subject, d.span.line, d.span.column, d.span.end_column) for d in loaded.diagnostics
             if str(d.code) == "PPK201"}
    assert found == {("r", 9, 7, 20), ("t#1", 16, 9, 23)}
