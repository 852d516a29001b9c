"""The Python API: load policies, evaluate them, explain the answers and run their examples.

    from ppkm_lang import api
    loaded = api.load(["policies/"], gazetteer="/path/to/wilayah-2020")
    decision = api.evaluate(loaded.policy, "2021-07-22",
                            {"wilayah": "KOTA SIBOLGA", "kegiatan": "makan_di_tempat"})
    decision.measures["kapasitas"].value      # Value('percent', Decimal('25'))
    decision.measures["kapasitas"].cite       # 'inmendagri_23_2021 KESEBELAS huruf d angka 1'
    api.explain(loaded.policy, "2021-07-22", {...}).targets[0].sentence
    api.run_examples(loaded.policy).failed

Facts may be given as text (as on the command line: "25%", "17:00", "level_3") or as Python
values (Decimal, int, float, bool, datetime.date, datetime.time, str). Every value is checked
by one function; a bad one raises `InputError` with a stable code: PPK601 unknown fact, PPK602
a value the fact's type does not allow, PPK603 a malformed date or number.

A policy is compiled on first use and the compiled form is kept for the last few policies
used (`compiled(policy)` returns it), so repeated queries cost microseconds.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Iterable, Mapping

from ppkm_lang.eval.engine import Evaluator
from ppkm_lang.eval.explain import Explanation, RuleNote, TargetExplanation
from ppkm_lang.eval.explain import explain as _explain
from ppkm_lang.eval.inputs import InputError
from ppkm_lang.eval.results import (Candidate, Conflict, Decision, FactResult, MeasureResult,
                                    Undetermined)
from ppkm_lang.ir.model import Policy
from ppkm_lang.testing.runner import ExampleResult, TestReport
from ppkm_lang.testing.runner import run_examples as _run_examples

__all__ = ["load", "evaluate", "explain", "run_examples", "compiled", "Decision", "FactResult",
           "MeasureResult", "Undetermined", "Conflict", "Candidate", "Explanation", "TargetExplanation",
           "RuleNote", "TestReport", "ExampleResult", "InputError"]


def load(paths: Iterable[str | Path] | str | Path, gazetteer: str | Path | None = None):
    """Read policy files or directories (with their imports) into a linked Policy.

    Returns the loader's result: `.policy` (None when syntax errors prevent lowering),
    `.diagnostics` (coded findings; check `.ok` before trusting the policy) and `.sources`.
    """
    from ppkm_lang.loader import load as _load
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return _load(list(paths), gazetteer=Path(gazetteer) if isinstance(gazetteer, str) else gazetteer)


_lock = threading.Lock()
# The most recently used compiled policies, by identity. An entry holds its Policy, so the id
# cannot be reused by another object while the entry exists.
_compiled: OrderedDict[int, tuple[Policy, Evaluator]] = OrderedDict()
CACHE_SIZE = 8


def compiled(policy: Policy) -> Evaluator:
    """The compiled evaluator of `policy`, built once and kept for the last few policies used."""
    key = id(policy)
    with _lock:
        entry = _compiled.get(key)
        if entry is not None and entry[0] is policy:
            _compiled.move_to_end(key)
            return entry[1]
    ev = Evaluator(policy)
    with _lock:
        _compiled[key] = (policy, ev)
        _compiled.move_to_end(key)
        while len(_compiled) > CACHE_SIZE:
            _compiled.popitem(last=False)
    return ev


def evaluate(policy: Policy, at: Any, facts: Mapping[str, Any]) -> Decision:
    """The measures in force on `at` (a date or "YYYY-MM-DD") for `facts`.

    The Decision lists the instruments in force, every fact as used (given, decided by a
    rule, or undetermined), each decided measure with its rule, instrument and cited text, the
    measures no rule decides (with the reason) and the conflicts between applicable rules.
    Raises InputError for an unknown fact or a bad value.
    """
    return compiled(policy).decide(at, facts)


def explain(policy: Policy, at: Any, facts: Mapping[str, Any]) -> Explanation:
    """Like `evaluate`, with the reasons: for each measure and derived fact, the deciding rule
    and its source sentence, and for each other rule why it did not apply or what overrode
    it, in plain sentences."""
    return _explain(compiled(policy), at, facts)


def run_examples(policy: Policy) -> TestReport:
    """Evaluate every `example` block of the policy and compare with its expectations; the
    report also says which rules and table rows no example exercises."""
    return _run_examples(policy, compiled(policy))
