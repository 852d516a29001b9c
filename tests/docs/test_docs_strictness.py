"""The activity x level (and x zone) matrices coloured by how strict each cell's answer is,
on the scale of `docgen/strictness.py`, with a legend; the text of the cells is kept."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path

import pytest

from ppkm_lang.docgen.strictness import decision_step, value_step
from ppkm_lang.ir.model import BOOL, ENUM, INT, PERCENT, TIME, Value


@pytest.mark.parametrize("measure, value, step", [
    ("status", Value(ENUM, "ditutup"), 4),
    ("status", Value(ENUM, "ditiadakan"), 4),
    ("status", Value(ENUM, "pesan_antar_saja"), 3),
    ("status", Value(ENUM, "dibatasi"), 2),
    ("status", Value(ENUM, "dibuka"), 0),
    ("kapasitas", Value(PERCENT, Decimal(0)), 4),
    ("kapasitas", Value(PERCENT, Decimal(25)), 3),
    ("kapasitas", Value(PERCENT, Decimal(50)), 2),
    ("kapasitas", Value(PERCENT, Decimal(70)), 1),
    ("kapasitas_operasional", Value(PERCENT, Decimal(100)), 0),
    ("wfo", Value(PERCENT, Decimal(25)), 3),
    ("wfh", Value(PERCENT, Decimal(100)), 4),  # everyone at home: nobody at the office
    ("wfh", Value(PERCENT, Decimal(50)), 2),
    ("jam_tutup", Value(TIME, 17 * 60), 3),
    ("jam_tutup", Value(TIME, 20 * 60), 2),
    ("jam_tutup", Value(TIME, 21 * 60), 2),
    ("jam_tutup", Value(TIME, 22 * 60), 1),
    ("kegiatan_masyarakat_dilarang", Value(BOOL, True), 4),
    ("kegiatan_masyarakat_dilarang", Value(BOOL, False), None),
    ("batas_kerumunan", Value(INT, Decimal(3)), None),  # not on the scale
    ("status", Value(ENUM, "member_not_in_the_vocabulary"), None),  # never shown as open
    ("jam_keluar_masuk_rt", Value(TIME, 20 * 60), 2),
    ("jam_buka", Value(TIME, 6 * 60), None),  # an opening hour reads the other way round
    ("target_positivity_rate_di_bawah", Value(PERCENT, Decimal(5)), None),
])
def test_the_scale_of_one_value(measure, value, step):
    assert value_step(measure, value) == step


class _Decision:
    def __init__(self, definite, conflicts=()):
        self.definite, self.conflicts = definite, conflicts


class _Measure:
    def __init__(self, value):
        self.value = value


class _Conflict:
    kind = "measure"


def test_a_cell_takes_its_strictest_value():
    open_half = {"status": _Measure(Value(ENUM, "dibuka")), "kapasitas": _Measure(Value(PERCENT, Decimal(50))),
                 "jam_tutup": _Measure(Value(TIME, 17 * 60))}
    assert decision_step(_Decision(open_half)) == 3
    assert decision_step(_Decision({"batas_kerumunan": _Measure(Value(INT, Decimal(3)))})) is None
    assert decision_step(_Decision(open_half, (_Conflict(),))) is None  # a conflict is not graded


def _cells(page: Path) -> dict[tuple[str, str, str], tuple[int | None, str]]:
    """(table heading, row identifier, column identifier) -> (step, cell text)."""
    text = page.read_text(encoding="utf-8")
    out = {}
    for part in re.split(r"<h3 ", text)[1:]:
        heading = html.unescape(re.sub(r"<[^>]+>", "", part[:part.index("</h3>")].split(">", 1)[1])).strip("¶ ")
        if "<table>" not in part:
            continue
        table = part[part.index("<table>"):part.index("</table>")]
        columns = [html.unescape(t) for t in re.findall(r'<th><span class="ppkm-rank[^"]*"><span title="([^"]+)"', table)]
        for row in re.findall(r"<tr>\s*(.*?)</tr>", table, re.S)[1:]:
            tds = re.findall(r"<td>(.*?)</td>", row, re.S)
            ident = html.unescape(re.search(r'title="([^"]+)"', tds[0]).group(1))
            for col, td in zip(columns, tds[1:], strict=True):
                m = re.match(r'<span class="ppkm-strict ppkm-strict-(\d)" data-strictness="\1"', td)
                out[(heading, ident, col)] = (int(m.group(1)) if m else None,
                                              html.unescape(re.sub(r"<[^>]+>", "", td)))
    return out


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_matrix_cells_are_coloured_by_the_strictness_of_their_answer(policies_site: Path, lang):
    page = policies_site / lang / "berlaku" / "index.html"
    cells = _cells(page)
    by_level = {(r, c): v for (h, r, c), v in cells.items() if h.endswith("level PPKM") or h.endswith("PPKM level")}
    by_zone = {(r, c): v for (h, r, c), v in cells.items() if h.endswith("zona RT") or h.endswith("RT zone")}
    assert by_level and by_zone
    # Inmendagri 23/2021 KESEBELAS d: dine-in at level 3 at 25% until 17.00 (step 3);
    # delivery until 20.00 (step 2); KESEPULUH d: at level 4 delivery or take-away only (step 3).
    step, text = by_level[("makan_di_tempat", "level_3")]
    assert step == 3 and "25%" in text and "17:00" in text, text
    step, text = by_level[("pesan_antar", "level_3")]
    assert step == 2 and "20:00" in text and "%" not in text, text
    assert by_level[("makan_di_tempat", "level_4")][0] == 3
    # KESEBELAS c: daily-needs shops at 100% at level 3 (step 0); KESEPULUH c.4: at 50% until
    # 20.00 at level 4 (step 2). KESEBELAS h: public areas closed at level 3 (step 4).
    assert by_level[("toko_kebutuhan_sehari_hari", "level_3")][0] == 0
    assert by_level[("toko_kebutuhan_sehari_hari", "level_4")][0] == 2
    assert by_level[("area_publik", "level_3")][0] == 4
    # Inmendagri 07/2021 KEDUA c: worship houses closed in zona oranye (and merah).
    step, text = by_zone[("ibadah", "oranye")]
    assert step == 4, (step, text)
    # The step follows the values shown, never the column: cells of one column differ.
    for table, col in ((by_level, "level_3"), (by_level, "level_4"), (by_zone, "hijau"), (by_zone, "merah")):
        steps = {s for (_, c), (s, _) in table.items() if c == col and s is not None}
        assert len(steps) > 1, (col, steps)
    html_text = page.read_text(encoding="utf-8")
    legend = html_text[html_text.index('class="ppkm-strict-legend"'):]
    legend = legend[:legend.index("</div>")]
    assert [int(s) for s in re.findall(r'ppkm-strict-(\d)">\1</span>', legend)] == [4, 3, 2, 1, 0]
    assert "ppkm-strict-none" in legend


def test_every_shipped_status_member_and_end_time_is_graded():
    """The scale names the vocabulary's members and times one by one: a member added to the
    `status` enum of `policies/`, or an end time, must be placed on it, or its cells would
    lose their colour without a word."""
    from ppkm_lang import api
    from ppkm_lang.docgen import strictness

    policy = api.prepare(str(Path(__file__).resolve().parents[2] / "policies")).loaded.policy
    status = policy.measures["status"].type
    assert status.kind == ENUM
    assert set(status.values) - set(strictness._STATUS) == set()
    times = {name for name, m in policy.measures.items() if m.type.kind == TIME}
    assert strictness._ENDS <= times, strictness._ENDS - times
