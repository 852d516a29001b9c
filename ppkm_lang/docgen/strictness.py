"""How strict an answer of the activity x level (and x zone) matrices is, on a fixed scale
from 0 (open, no limit) to 4 (closed), for colouring the cells. The scale is read from the
values the measures give, never from the column the cell stands in:

- 4: the activity is closed (`status` ditutup or ditiadakan) or forbidden in the place
  (`kegiatan_masyarakat_dilarang`), or a share of people allowed on site (visitors, staff,
  operation, the office) is 0%, or everyone works from home;
- 3: the activity is held only online, only for delivery, or without congregations; or at
  most 25% on site; or it must end (`jam_tutup`, `jam_keluar_masuk_rt`) by 18:00;
- 2: it is restricted, closed proportionally, opened in stages, or partly online; or at most
  50% on site; or it must end by 21:00;
- 1: at most 75% on site; or it must end at some later time;
- 0: open with no such limit (more than 75% on site, or `status` dibuka).

The measures and members are those of the shipped vocabulary (`policies/vocab.ppkm`), named
here one by one: a measure or member not named is not graded, rather than guessed.

A cell takes the strictest step of its values; a cell with none of these measures, or with a
conflict, is not placed on the scale (it keeps the table's colours). The text of every cell is
kept: the colour repeats what it says.
"""

from __future__ import annotations

from ppkm_lang.ir.model import BOOL, ENUM, PERCENT, TIME, Value

STEPS = 5

# `status` members by step; a member not listed is not graded (never shown as open).
_STATUS = {
    "dibuka": 0,
    "ditutup": 4, "ditiadakan": 4,
    "daring": 3, "pesan_antar_saja": 3, "tidak_berjamaah": 3,
    "dibatasi": 2, "ditutup_proporsional": 2, "dibuka_bertahap": 2, "daring_dan_luring": 2,
}
# Shares of people present (at most so many percent), and the share kept away (working from home).
_PRESENT = frozenset({"kapasitas", "kapasitas_staf", "kapasitas_operasional", "wfo"})
_AWAY = frozenset({"wfh"})
# Yes/no measures whose "yes" forbids the activity.
_FORBIDS = frozenset({"kegiatan_masyarakat_dilarang"})
# Times by which the activity must end or people be back (minutes after midnight): by 18:00 is
# step 3, by 21:00 step 2, later step 1. Only these: another time (an opening hour, say) would
# read the other way round.
_ENDS = frozenset({"jam_tutup", "jam_keluar_masuk_rt"})
_BY_18, _BY_21 = 18 * 60, 21 * 60


def _share_step(present) -> int:
    if present <= 0:
        return 4
    if present <= 25:
        return 3
    if present <= 50:
        return 2
    if present <= 75:
        return 1
    return 0


def value_step(measure: str, value: Value) -> int | None:
    """The step of one measure's value, or None when the scale does not grade it."""
    if measure == "status" and value.kind == ENUM:
        return _STATUS.get(value.data)
    if value.kind == PERCENT and measure in _PRESENT:
        return _share_step(value.data)
    if value.kind == PERCENT and measure in _AWAY:
        return _share_step(100 - value.data)
    if value.kind == BOOL and measure in _FORBIDS:
        return 4 if value.data else None
    if value.kind == TIME and measure in _ENDS:
        return 3 if value.data <= _BY_18 else 2 if value.data <= _BY_21 else 1
    return None


def decision_step(decision) -> int | None:
    """The strictest step of a decision's definite values; None without a graded value or
    with a conflict on a measure."""
    if any(c.kind == "measure" for c in decision.conflicts):
        return None
    steps = [s for n, m in decision.definite.items() if (s := value_step(n, m.value)) is not None]
    return max(steps) if steps else None
