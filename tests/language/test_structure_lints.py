"""The numbering-gap lint (PPK510) reads Indonesian ordinals in both spellings and reports the
true gap of the shipped 23/2021; the derivation-cycle lint (PPK214) reports each cycle once,
with its path and the rules that form it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ppkm_lang.diagnostics.codes import DERIVATION_CYCLE, NUMBERING_GAP
from ppkm_lang.lint import derivation, numbering
from ppkm_lang.lint.numbering import ordinal, ordinal_label
from ppkm_lang.loader import load

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("sep", ["", "_"])
def test_every_ordinal_label_reads_back_as_its_number(sep):
    for n in range(1, 100):
        assert ordinal(ordinal_label(n, sep)) == n, ordinal_label(n, sep)


@pytest.mark.parametrize("label, number", [
    ("KESATU", 1), ("PERTAMA", 1), ("KEEMPAT", 4), ("KESEPULUH", 10), ("KESEBELAS", 11),
    ("KEDUABELAS", 12), ("KEDUA_BELAS", 12), ("KETUJUH_BELAS", 17), ("KESEMBILANBELAS", 19),
    ("KEDUAPULUH", 20), ("KEDUAPULUHSATU", 21), ("KEDUA_PULUH_SATU", 21), ("KEDUAPULUHTIGA", 23),
    ("KETIGAPULUHDELAPAN", 38),
])
def test_ordinals_as_the_instruments_write_them(label, number):
    assert ordinal(label) == number


@pytest.mark.parametrize("label", ["ketentuan", "KE", "KESATUBELAS", "KEDUAPULUHSEBELAS", "KEDUAPULUHPULUH",
                                   "a", "1", "SATU", "penguatan_3t"])
def test_labels_that_are_no_ordinal(label):
    assert ordinal(label) is None


def test_spelling_follows_the_neighbours():
    assert ordinal_label(13, "_") == "KETIGA_BELAS"
    assert ordinal_label(22) == "KEDUAPULUHDUA"
    assert ordinal_label(20, "_") == "KEDUA_PULUH"


def test_shipped_policy_reports_the_missing_keduapuluhdua():
    policy = load([REPO / "policies"]).policy
    gaps = numbering.check(policy)
    assert [d.code for d in gaps] == [NUMBERING_GAP]
    (gap,) = gaps
    assert "`KEDUAPULUHDUA`" in gap.message and "`KEDUAPULUHSATU` to `KEDUAPULUHTIGA`" in gap.message
    assert gap.subject == "inmendagri_23_2021"
    assert Path(gap.span.file).name == "inmendagri_23_2021.ppkm"
    assert [r.message for r in gap.related] == ["`KEDUAPULUHSATU` comes before it"]


def _policy(tmp_path: Path, text: str):
    path = tmp_path / "p.ppkm"
    path.write_text(text, encoding="utf-8")
    result = load([path])
    assert result.policy is not None and not result.diagnostics, result.diagnostics
    return result.policy


HEAD = '''instrument inst "I" { number 1 year 2021 in_force 2021-07-01 to 2021-07-05 structure { KESATU } }
measure m: int "M."
'''


def _rule(name: str, when: str, then: str) -> str:
    return f'rule {name} {{ when {when} then {then} cite inst KESATU "k" }}\n'


def test_a_cycle_is_reported_once_with_its_path_and_rules(tmp_path):
    text = HEAD + 'fact x: bool "x."\n' + "".join(f"fact {n}: bool derived \"{n}.\"\n" for n in ("a", "b", "c", "d"))
    text += _rule("r_ab", "b", "a = true") + _rule("r_bc", "c", "b = true") + _rule("r_ca", "a", "c = true")
    text += _rule("r_ca2", "a and not x", "c = false, m = 1") + _rule("r_d", "a", "d = true")
    found = derivation.check(_policy(tmp_path, text))
    assert [d.code for d in found] == [DERIVATION_CYCLE]
    (cycle,) = found
    assert "`a` -> `b` -> `c` -> `a`" in cycle.message
    assert cycle.subject == "a"
    assert [r.message for r in cycle.related] == [
        "`r_ab` derives `a` from `b`", "`r_bc` derives `b` from `c`",
        "`r_ca` derives `c` from `a`", "`r_ca2` derives `c` from `a`"]


def test_each_elementary_cycle_of_a_tangle_once(tmp_path):
    # a <-> b and a <-> c share `a`: two cycles, neither repeated from another starting point.
    text = HEAD + "".join(f"fact {n}: bool derived \"{n}.\"\n" for n in ("a", "b", "c"))
    text += _rule("r1", "b or c", "a = true") + _rule("r2", "a", "b = true") + _rule("r3", "a", "c = true, m = 2")
    found = derivation.check(_policy(tmp_path, text))
    assert sorted(d.message for d in found) == [
        "derived facts depend on each other in a cycle: `a` -> `b` -> `a`",
        "derived facts depend on each other in a cycle: `a` -> `c` -> `a`"]


def test_a_chain_of_derived_facts_is_no_cycle(tmp_path):
    text = HEAD + 'fact x: bool "x."\n' + "".join(f"fact {n}: bool derived \"{n}.\"\n" for n in ("a", "b"))
    text += _rule("r1", "x", "a = true") + _rule("r2", "a", "b = true") + _rule("r3", "a and b", "m = 3")
    assert derivation.check(_policy(tmp_path, text)) == []


def test_shipped_policy_has_no_derivation_cycle():
    assert derivation.check(load([REPO / "policies"]).policy) == []
