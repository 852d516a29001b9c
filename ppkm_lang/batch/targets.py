"""The answer columns: which targets a table gets, their types, and the row status.

Targets are the derived facts the table does not give, then the measures, in the order the
schema lists them; `--measure NAME` keeps only those named. Per target the output has
`<name>` (its value when definite, else NULL), `<name>_cite` (the citations of the rules
that give it, as `ppkm eval` prints them) and `<name>_status`: `ok` (definite),
`conditional` (it depends on a fact the table does not give), `undetermined` (no rule of
the instruments in force decides it), `conflict` or `no_instrument`. The row's `row_status`
(not `status`: the PPKM policies have a measure of that name) is
`no_instrument` when no instrument is in force on its date, `conflict` when a target
conflicts, the code of its input error (`PPK602`...), else `ok`; `message` says why (NULL
when ok).
"""

from __future__ import annotations

from ppkm_lang.batch.cells import SQL_TYPES
from ppkm_lang.eval.residual import CONDITIONAL, CONFLICTING, DEFINITE, UNDETERMINED

OK, NO_INSTRUMENT, CONFLICT = "ok", "no_instrument", "conflict"
UNDETERMINED_STATUS = "undetermined"
TARGET_STATUS = {DEFINITE: OK, CONDITIONAL: "conditional", UNDETERMINED: UNDETERMINED_STATUS, CONFLICTING: CONFLICT}


def target_names(policy, given: set[str], selected: list[str] | None = None) -> list[str]:
    derived = [n for n, f in policy.facts.items() if f.derived and n not in given]
    names = derived + list(policy.measures)
    if selected:
        wanted = set(selected)
        names = [n for n in names if n in wanted]
    return names


def target_kind(policy, name: str) -> str:
    return policy.output_type(name).kind


ROW_STATUS, ROW_MESSAGE = "row_status", "row_message"  # a policy may have a measure named `status`


def row_names(policy) -> tuple[str, str]:
    """The names of the row's status and message columns (the same for every policy)."""
    return ROW_STATUS, ROW_MESSAGE


def target_columns(policy, names: list[str]) -> list[tuple[str, str]]:
    """(column, SQL type) of the answer columns, the row's status and message last."""
    out = []
    for n in names:
        out += [(n, SQL_TYPES[target_kind(policy, n)]), (f"{n}_cite", "VARCHAR"), (f"{n}_status", "VARCHAR")]
    status, message = row_names(policy)
    return out + [(status, "VARCHAR"), (message, "VARCHAR")]


def no_instrument_message(day) -> str:
    return f"no instrument in force on {day.isoformat()}"


def conflict_message(names: list[str]) -> str:
    return "the rules disagree on:" + "".join(f" `{n}`" for n in names)


__all__ = ["target_names", "target_columns", "row_names", "ROW_STATUS", "ROW_MESSAGE", "target_kind",
           "TARGET_STATUS", "UNDETERMINED_STATUS", "OK", "NO_INSTRUMENT", "CONFLICT",
           "no_instrument_message", "conflict_message"]
