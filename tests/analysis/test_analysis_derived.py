"""The analysis follows derived facts back to the facts a person can give: witnesses are
combinations that can occur, coverages over a derived fact see no false gap, and a coverage can
state the completeness of one table against another (the daily test targets of 23/2021)."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal

from ppkm_lang.analysis import analyse
from ppkm_lang.analysis.space import OTHER_REGION
from ppkm_lang.checker import check
from ppkm_lang.ir.model import (ENUM, And, PERCENT, REGION, TRUE, Assign, Coverage, Fact, InSet, Instrument, Measure,
                                Not, Policy, Rule, Type, Value)
from ppkm_lang.ir.model import Test as Is

COVERAGE = "target_tes_level_3_4_23"


def _gaps(result, coverage):
    return [d for d in result.diagnostics if d.code == "PPK401" and d.subject == coverage]


def test_every_level_3_and_4_kab_kota_has_a_daily_test_target(repo_root):
    result = check([repo_root / "policies"])
    assert COVERAGE in result.loaded.policy.coverages
    assert _gaps(result, COVERAGE) == []
    # No finding of the shipped policies pairs a kab/kota with a level it is not listed at.
    for d in result.diagnostics:
        if d.witness and d.witness.get("wilayah") == "KOTA SIBOLGA":
            assert d.witness.get("level", "level_3") == "level_3", d.message


def test_a_deleted_target_row_is_a_gap_with_that_kab_kota_as_witness(repo_root, tmp_path):
    folder = tmp_path / "policies"
    shutil.copytree(repo_root / "policies", folder)
    path = folder / "inmendagri_23_2021.ppkm"
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.strip().startswith('row "KOTA SIBOLGA"'))
    path.write_text(text.replace(row + "\n", ""), encoding="utf-8")
    [gap] = _gaps(check([folder]), COVERAGE)
    assert gap.witness["wilayah"] == "KOTA SIBOLGA"
    assert gap.witness["level"] == "level_3"  # a consequence of the list, not a free choice
    assert '"KOTA SIBOLGA"' in gap.message


# ---------------------------------------------------------------------------- hand-built IR

INST = Instrument("i", "i", first=dt.date(2021, 7, 21), last=dt.date(2021, 7, 25))
WILAYAH = Fact("wilayah", Type(REGION))
LEVEL = Fact("level", Type(ENUM, values=("mikro", "level_3", "level_4"), ordered=True), derived=True)


def _is(fact, *values):
    return Is(fact, InSet(frozenset(values)))


def _rule(rid, when, target, value, instrument="i"):
    return Rule(rid, None, instrument, when, (Assign(target, value),))


def _level(value):
    return Value(ENUM, value)


def _pct(x):
    return Value(PERCENT, Decimal(x))


def _policy(rules, **kw):
    return Policy(files=("t.ppkm",), instruments={"i": INST}, facts={"wilayah": WILAYAH, "level": LEVEL},
                  measures={"m": Measure("m", Type(PERCENT))}, rules={r.id: r for r in rules}, **kw)


LEVEL_RULES = [_rule("l4", _is("wilayah", "KOTA MEDAN"), "level", _level("level_4")),
               _rule("l3", _is("wilayah", "KOTA SIBOLGA"), "level", _level("level_3"))]


MIKRO = _rule("lm", Not(_is("wilayah", "KOTA MEDAN", "KOTA SIBOLGA")), "level", _level("mikro"))


def test_a_conflict_witness_is_a_combination_that_can_occur():
    p = _policy([*LEVEL_RULES, _rule("a", _is("level", "level_4"), "m", _pct(0)),
                 _rule("b", _is("wilayah", "KOTA SIBOLGA", "KOTA MEDAN"), "m", _pct(25))])
    [d] = analyse(p)
    assert d.code == "PPK301"
    assert d.witness == {"wilayah": "KOTA MEDAN", "at": "2021-07-21", "level": "level_4"}


def test_rules_that_cannot_meet_through_a_derivation_do_not_conflict():
    p = _policy([*LEVEL_RULES, _rule("a", _is("level", "level_4"), "m", _pct(0)),
                 _rule("b", _is("wilayah", "KOTA SIBOLGA"), "m", _pct(25))])
    assert analyse(p) == []


def test_a_coverage_over_a_derived_fact_has_no_false_gap():
    # Without a rule for the other kab/kota their level is free, so the gap there is real.
    p = _policy([*LEVEL_RULES, _rule("t", _is("wilayah", "KOTA MEDAN", "KOTA SIBOLGA"), "m", _pct(0))],
                coverages={"c": Coverage("c", ("m",), _is("level", "level_3", "level_4"), instrument="i")})
    [d] = analyse(p)
    assert d.witness == {"wilayah": OTHER_REGION, "at": "2021-07-21", "level": "level_3"}
    p = _policy([*LEVEL_RULES, MIKRO, _rule("t", _is("wilayah", "KOTA MEDAN", "KOTA SIBOLGA"), "m", _pct(0))],
                coverages={"c": Coverage("c", ("m",), _is("level", "level_3", "level_4"), instrument="i")})
    assert analyse(p) == []
    p = _policy([*LEVEL_RULES, MIKRO, _rule("t", _is("wilayah", "KOTA MEDAN"), "m", _pct(0))],
                coverages={"c": Coverage("c", ("m",), _is("level", "level_3", "level_4"), instrument="i")})
    [d] = analyse(p)
    assert (d.code, d.witness) == ("PPK401", {"wilayah": "KOTA SIBOLGA", "at": "2021-07-21", "level": "level_3"})


def test_where_no_rule_derives_it_a_derived_fact_is_free():
    # The level rules hold only while `i` is in force; a rule of no instrument that tests the
    # level meets any level on the other days, and the witness says which.
    sibolga_4 = And((_is("level", "level_4"), _is("wilayah", "KOTA SIBOLGA")))
    p = _policy([*LEVEL_RULES, MIKRO, _rule("a", sibolga_4, "m", _pct(0), instrument=None),
                 _rule("b", TRUE, "m", _pct(25), instrument=None)])
    [d] = analyse(p)
    assert d.code == "PPK301"
    assert d.witness["level"] == "level_4" and d.witness["wilayah"] == "KOTA SIBOLGA"
    day = dt.date.fromisoformat(d.witness["at"]) if "at" in d.witness else None
    assert day is not None and not (INST.first <= day <= INST.last)
