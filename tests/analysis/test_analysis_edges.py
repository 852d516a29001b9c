"""Dates, times and numbers at the edges of their ranges: witnesses stay inside the calendar,
and an instrument that starts on the first day there is revokes without overflowing, in check,
eval and the docs' dates."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ppkm_lang.analysis import analyse
from ppkm_lang.api import prepare
from ppkm_lang.cli.main import main
from ppkm_lang.docgen.build import source_date_epoch
from ppkm_lang.loader import load

INSTRUMENT = """instrument i "T" {{
  number 1 year 2021
  in_force {first} to {last}
  structure {{ KESATU }}
}}
"""
REVOKER = """instrument j "U" {
  number 2 year 2021
  in_force 0001-01-01 to 0001-01-02
  revokes i
  structure { KESATU }
}
"""


def _write(folder, body, first="2021-07-01", last="2021-07-10", revoker=False):
    folder.mkdir(exist_ok=True)
    (folder / "i.ppkm").write_text(INSTRUMENT.format(first=first, last=last) + body, encoding="utf-8")
    if revoker:
        (folder / "j.ppkm").write_text(REVOKER, encoding="utf-8")
    return folder


def _analysed(folder):
    result = load([folder], gazetteer=False)
    assert result.policy is not None
    return analyse(result.policy)


def _check_json(folder, capsys) -> dict:
    code = main(["--no-gazetteer", "check", "--format", "json", str(folder)])
    out = capsys.readouterr().out
    assert code in (0, 1), out
    return json.loads(out)


RULES = """fact d: date "Tanggal."
fact k: enum { x, y } "K."
measure m: percent "M."
rule a { when not (d in [2021-07-05, 2021-07-05)) then m = 0% cite i KESATU "satu" }
rule b { when k == x then m = 5% cite i KESATU "satu" }
"""


def test_a_witness_from_an_unbounded_date_range_is_a_real_date(tmp_path, capsys):
    [d] = _analysed(_write(tmp_path / "p", RULES))
    assert d.code == "PPK301"
    assert dt.date.fromisoformat(d.witness["d"]) and d.witness["k"] == "x"
    [found] = _check_json(tmp_path / "p", capsys)["findings"]
    assert found["code"] == "PPK301"


def test_dates_before_the_calendar_are_no_fact_combination(tmp_path):
    body = RULES.replace("not (d in [2021-07-05, 2021-07-05))", "d < 0001-01-01")
    found = {(d.code, d.subject) for d in _analysed(_write(tmp_path / "p", body))}
    assert found == {("PPK304", "a")}


def test_a_revocation_from_the_first_day_there_is(tmp_path, capsys):
    folder = _write(tmp_path / "p", RULES, revoker=True)
    found = _analysed(folder)
    assert {(d.code, d.subject) for d in found} == {("PPK304", "a"), ("PPK304", "b")}
    assert {f["code"] for f in _check_json(folder, capsys)["findings"]} == {"PPK304"}
    prepared = prepare(folder, gazetteer=False)
    assert prepared.policy.effective_periods("i") == []
    periods = prepared.periods()
    assert periods[0][0] == dt.date.min and periods[-1][1] is None
    assert prepared.evaluate(dt.date(2021, 7, 2), {"k": "x"}).in_force == ()
    assert main(["--no-gazetteer", "eval", str(folder), "--at", "0001-01-01", "--set", "k=x"]) in (0, 1)
    capsys.readouterr()


def test_the_last_days_of_the_calendar(tmp_path, capsys):
    body = RULES.replace("not (d in [2021-07-05, 2021-07-05))", "d > 9999-12-30")
    folder = _write(tmp_path / "p", body, first="9999-12-30", last="9999-12-31")
    [d] = _analysed(folder)
    assert d.witness == {"d": "9999-12-31", "k": "x", "at": "9999-12-30"}
    first, last, live = prepare(folder, gazetteer=False).periods()[-1]
    assert (first, last, live) == (dt.date(9999, 12, 30), None, ("i",))


@pytest.mark.parametrize("day", [dt.date.min, dt.date(1960, 1, 1), dt.date.max])
def test_the_site_date_fits_an_archive_header(tmp_path, day):
    folder = _write(tmp_path / "p", RULES, first=day.isoformat(), last=day.isoformat())
    seconds = source_date_epoch(load([folder], gazetteer=False).policy)
    assert 0 <= seconds < 2**32
