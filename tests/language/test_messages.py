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


def test_an_imported_vocabulary_is_not_called_unused_when_one_instrument_is_checked(tmp_path):
    from ppkm_lang.checker import check
    (tmp_path / "vocab.ppkm").write_text('fact zona: enum { hijau, merah }\nfact dipakai_lain: bool\n'
                                         'measure batas: int\n', encoding="utf-8")
    (tmp_path / "a.ppkm").write_text('import vocab\ninstrument a "A" { in_force 2021-07-01 to 2021-07-10 }\n'
                                     'rule r {\n  when zona == merah\n  then batas = 3\n  cite a KESATU "kalimat"\n}\n',
                                     encoding="utf-8")
    alone = [d.subject for d in check([tmp_path / "a.ppkm"], gazetteer=False).diagnostics if str(d.code) == "PPK506"]
    assert alone == []
    both = [d.subject for d in check([tmp_path / "a.ppkm", tmp_path / "vocab.ppkm"], gazetteer=False).diagnostics
            if str(d.code) == "PPK506"]
    assert both == ["dipakai_lain"]


def test_one_shipped_instrument_checked_alone_has_no_unused_declaration():
    from ppkm_lang.checker import check
    root = Path(__file__).resolve().parents[2] / "policies"
    codes = [str(d.code) for d in check([root / "inmendagri_23_2021.ppkm"]).diagnostics]
    assert "PPK506" not in codes


def test_an_ordered_comparison_is_the_set_of_members_it_names():
    policy = load([FIXTURES / "good" / "ordered_compare.ppkm"]).policy
    assert policy.rules["sudah_vaksin"].when.items[0] == ir.Test(
        "status_vaksin", ir.InSet(frozenset({"dosis_pertama", "dosis_kedua", "booster"})))
    assert policy.rules["kapasitas_menurut_vaksin#1"].when == ir.Test(
        "status_vaksin", ir.InSet(frozenset({"belum", "dosis_pertama"})))


def test_comparing_a_plain_enum_says_it_is_not_ordered():
    loaded = load([FIXTURES / "bad" / "PPK212_unordered.ppkm"])
    first = next(d for d in loaded.diagnostics if str(d.code) == "PPK212")
    assert first.message == "`>=` compares members in order, and the enum of `status_vaksin` is not `ordered`"
    assert "enum ordered" in first.help
