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


def test_apply_makes_rules_of_its_own_with_both_citations():
    from ppkm_lang.api import prepare
    prepared = prepare(FIXTURES / "good" / "as_at_level_2.ppkm")
    rules = prepared.policy.rules
    made = rules["anak_seperti_level_2#ketentuan_level_2#1"]
    assert made.applied == ("anak_seperti_level_2", "ketentuan_level_2#1", "level = level_2")
    assert [(c.diktum, c.path) for c in made.cites] == [("KESATU", ("a",)), ("KETIGA", ())]
    assert made.then == rules["ketentuan_level_2#1"].then
    assert made.when == ir.And((ir.Test("usia", ir.Interval(None, False, 12, False)),
                                ir.Test("level", ir.InSet(frozenset({"level_3"}))),
                                ir.Test("kegiatan", ir.InSet(frozenset({"makan_di_tempat"})))))
    assert {"makan_level_3", "mall_level_3"} <= made.overrides
    assert "anak_seperti_level_2" not in rules  # it gives no value of its own
    # Unknown age at level 3: the residual answer splits at 12, each side with its rule.
    res = prepared.residuals("2021-10-06", {"level": "level_3", "kegiatan": "makan_di_tempat"})["kapasitas"]
    cases = {box["usia"]: (str(out.value), out.rules) for box, out in res.cases}
    assert cases == {((0, True, 11, True),): ("75%", ("anak_seperti_level_2#ketentuan_level_2#1",)),
                     ((12, True, 120, True),): ("50%", ("makan_level_3",))}


def test_apply_messages_say_what_was_applied():
    loaded = load([FIXTURES / "bad" / "PPK216_apply.ppkm"])
    messages = {d.subject: d.message for d in loaded.diagnostics if str(d.code) == "PPK216"}
    assert messages == {
        "tidak_ada_aturan": "`tidak_ada_aturan` applies `contoh KEDUA`, but no rule or table row cites it",
        "tidak_berlaku": "`tidak_berlaku` applies `contoh KESATU`, but its one rule cannot hold with `level = level_3`",
    }
    (cycle,) = [d for d in load([FIXTURES / "bad" / "PPK217_apply_cycle.ppkm"]).diagnostics if str(d.code) == "PPK217"]
    assert cycle.message == "rules apply each other's provisions in a cycle: `pertama` -> `kedua` -> `pertama`"


def test_apply_by_name_and_overriding_the_applying_rule(tmp_path):
    from ppkm_lang.checker import check
    path = tmp_path / "a.ppkm"
    path.write_text('''instrument x "X" { in_force 2021-10-01 to 2021-10-10 }
fact level: enum { level_2, level_3 }
fact usia: int [0, 120]
fact vaksin: bool
measure kapasitas: percent
rule level_2 { when level == level_2 then kapasitas = 75% cite x KESATU "75%" }
rule level_3 { when level == level_3 then kapasitas = 50% cite x KEDUA "50%" }
rule anak { when usia < 12 apply level_2 as level = level_2 cite x KETIGA "anak seperti level 2" }
rule tanpa_vaksin { when not vaksin then kapasitas = 0% overrides anak cite x KEEMPAT "tanpa vaksin 0%" }
''', encoding="utf-8")
    result = check([path], gazetteer=False)
    assert [str(d.code) for d in result.diagnostics if d.severity.name == "ERROR"] == []
    rules = result.loaded.policy.rules
    assert rules["anak#level_2"].when == ir.Test("usia", ir.Interval(None, False, 12, False))
    assert "tanpa_vaksin" not in rules["anak#level_2"].overrides
    assert "anak#level_2" in rules["tanpa_vaksin"].overrides


def test_as_at_level_2_answers_what_level_2_answers(tmp_path):
    """The law of `apply ... as level = level_2`: where the applying rule's condition holds, every
    answer is the answer at level 2; elsewhere it is the answer without the applying rule."""
    import itertools
    from ppkm_lang.api import prepare
    path = FIXTURES / "good" / "as_at_level_2.ppkm"
    text = path.read_text(encoding="utf-8")
    start = text.index("rule anak_seperti_level_2")
    without = tmp_path / "tanpa.ppkm"
    without.write_text(text[:start] + text[text.index("}\n", start) + 2:].split("example ")[0], encoding="utf-8")
    applied, plain = prepare(path), prepare(without)
    assert plain.ok and applied.ok
    for level, usia, kegiatan in itertools.product(("level_2", "level_3"), (0, 11, 12, 30),
                                                   ("makan_di_tempat", "pusat_perbelanjaan")):
        facts = {"level": level, "usia": usia, "kegiatan": kegiatan}
        expected_facts = dict(facts, level="level_2") if usia < 12 and level == "level_3" else facts
        got, want = applied.evaluate("2021-10-06", facts), plain.evaluate("2021-10-06", expected_facts)
        for measure in ("kapasitas", "jam_tutup"):
            assert got.value(measure) == want.value(measure), (facts, measure)


def test_a_table_can_apply_a_provision_too(tmp_path):
    from ppkm_lang.api import prepare
    path = tmp_path / "t.ppkm"
    path.write_text('''instrument x "X" { in_force 2021-10-01 to 2021-10-10 }
fact level: enum { level_2, level_3 }
fact usia: int [0, 120]
fact kegiatan: enum { makan, mall }
measure kapasitas: percent
table level_2 {
  inputs kegiatan
  outputs kapasitas
  when level == level_2
  row makan -> 75% cite x KESATU a "makan 75%"
  row mall -> 50% cite x KESATU b "mall 50%"
}
rule level_3 { when level == level_3 then kapasitas = 25% cite x KEDUA "25%" }
table anak {
  when usia < 12 and level == level_3
  apply x KESATU b as level = level_2
  cite x KETIGA "anak di mall seperti level 2"
}
''', encoding="utf-8")
    prepared = prepare(path, gazetteer=False)
    assert [str(d.code) for d in prepared.check().diagnostics if d.severity.name == "ERROR"] == []
    made = prepared.policy.rules["anak#level_2#2"]
    assert [c.diktum for c in made.cites] == ["KESATU", "KETIGA"] and "anak#level_2#1" not in prepared.policy.rules
    answer = prepared.evaluate("2021-10-05", {"level": "level_3", "usia": 5, "kegiatan": "mall"})
    assert str(answer.value("kapasitas")) == "50%"
    answer = prepared.evaluate("2021-10-05", {"level": "level_3", "usia": 5, "kegiatan": "makan"})
    assert str(answer.value("kapasitas")) == "25%"
