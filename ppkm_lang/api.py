"""The Python API: one facade over the pipeline, like OPA's prepared query.

    import ppkm_lang
    prepared = ppkm_lang.prepare("policies/")            # a path, or a list of paths
    answer = prepared.evaluate("2021-04-10", {"wilayah": "KOTA BOGOR", "kegiatan": "ibadah"})
    answer.measures["status"].status                     # 'conditional'
    [(c.text, str(c.value)) for c in answer.measures["status"].cases]
    answer.next_question.fact                            # 'rumah_positif_7_hari'
    prepared.explain("2021-07-22", {...}).targets[0].sentence
    prepared.examples().failed
    prepared.check().diagnostics

`prepare` loads the policy once (files, imports, the gazetteer: the embedded 2020 Kemendagri
list unless one is configured), and compiles it on first use; every query then costs
microseconds to a millisecond. Facts may be given as text (as on the command line: "25%",
"17:00", "level_3") or as Python values (Decimal, int, float, bool, datetime.date,
datetime.time, str). A bad one raises `InputError` with a stable code (PPK601 unknown fact,
PPK602 a value the fact's type does not allow, PPK603 a malformed date or number). Querying a
policy that did not load raises `PolicyError`, which carries the diagnostics.

Every entry point takes a path as `str`, as `pathlib.Path`, or a list of them.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Union

from ppkm_lang.eval.answer import Answer, Case, Note, Question, TargetAnswer
from ppkm_lang.eval.inputs import InputError
from ppkm_lang.ir.model import Policy

if TYPE_CHECKING:  # pragma: no cover - imported for annotations only
    from ppkm_lang.eval.explain import Explanation, RuleNote, TargetExplanation
    from ppkm_lang.testing.runner import ExampleResult, TestReport
    from ppkm_lang.checker import CheckResult
    from ppkm_lang.eval.residual import Residual, ResidualEngine
    from ppkm_lang.loader import LoadResult
    from ppkm_lang.semantics.gazetteer import Gazetteer

# Re-exported, imported on first use: a query that neither explains nor runs examples does not
# pay for their modules at start-up.
_LAZY = {"Explanation": "ppkm_lang.eval.explain", "RuleNote": "ppkm_lang.eval.explain",
         "TargetExplanation": "ppkm_lang.eval.explain", "TestReport": "ppkm_lang.testing.runner",
         "ExampleResult": "ppkm_lang.testing.runner"}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ppkm_lang.api' has no attribute {name!r}")
    import importlib
    return getattr(importlib.import_module(module), name)


PathLike = Union[str, Path]
Paths = Union[PathLike, Iterable[PathLike]]

__all__ = ["prepare", "load", "check", "evaluate", "explain", "run_examples", "Prepared", "PolicyError",
           "InputError", "Answer", "TargetAnswer", "Case", "Question", "Note", "Explanation",
           "TargetExplanation", "RuleNote", "TestReport", "ExampleResult", "as_paths"]


class PolicyError(Exception):
    """The policy has errors that keep it from being queried; `.diagnostics` says which."""

    def __init__(self, diagnostics):
        self.diagnostics = tuple(diagnostics)
        first = next(iter(self.diagnostics), None)
        super().__init__(f"the policy has {len(self.diagnostics)} error(s)"
                         + (f"; the first: {first.code} {first.message} ({first.span})" if first else ""))


def as_paths(paths: Paths) -> list[Path]:
    """A str or Path is one path (never a sequence of characters); anything else is iterated."""
    if isinstance(paths, (str, Path)):
        return [Path(paths)]
    out = []
    for p in paths:
        if not isinstance(p, (str, Path)):
            raise TypeError(f"a policy path must be a str or a pathlib.Path, not {type(p).__name__}")
        out.append(Path(p))
    return out


def _gazetteer(gazetteer):
    return Path(gazetteer) if isinstance(gazetteer, str) else gazetteer


def load(paths: Paths, gazetteer: PathLike | "Gazetteer" | None = None) -> "LoadResult":
    """Read policy files or directories (with their imports) into a linked Policy: `.policy`
    (None when syntax errors prevent lowering), `.diagnostics`, `.sources`, `.ok`."""
    from ppkm_lang.loader import load as _load
    return _load(as_paths(paths), gazetteer=_gazetteer(gazetteer))


def check(paths: Paths, gazetteer: PathLike | "Gazetteer" | None = None) -> "CheckResult":
    """Every finding of `ppkm check`: load errors, lints and the exact analysis."""
    from ppkm_lang.checker import check as _check
    return _check(as_paths(paths), gazetteer=_gazetteer(gazetteer))


def prepare(paths: Paths, gazetteer: PathLike | "Gazetteer" | None = None) -> "Prepared":
    """Load a policy once, to be queried many times."""
    return Prepared(load(paths, gazetteer))


class Prepared:
    """A loaded policy and its compiled forms (built on first use, then kept)."""

    def __init__(self, loaded: "LoadResult"):
        self.loaded = loaded
        self._lock = threading.Lock()

    @classmethod
    def of(cls, policy: Policy) -> "Prepared":
        """A Prepared for an already lowered policy (kept for the last few policies used)."""
        return _of_policy(policy)

    # ------------------------------------------------------------------ what was loaded
    @property
    def policy(self) -> Policy | None:
        return self.loaded.policy

    @property
    def diagnostics(self) -> tuple:
        return self.loaded.diagnostics

    @property
    def sources(self) -> dict:
        return self.loaded.sources

    @property
    def ok(self) -> bool:
        """The policy loaded without errors and can be queried."""
        return self.loaded.ok

    def _require(self) -> Policy:
        if not self.ok:
            from ppkm_lang.diagnostics.model import Severity
            raise PolicyError([d for d in self.diagnostics if d.severity is Severity.ERROR])
        return self.loaded.policy

    # ------------------------------------------------------------------ compiled forms
    @functools.cached_property
    def _evaluator(self):
        from ppkm_lang.eval.engine import Evaluator
        return Evaluator(self._require())

    @functools.cached_property
    def _answerer(self):
        from ppkm_lang.eval.answering import Answerer
        with self._lock:
            return Answerer(self._require(), self._evaluator)

    # ------------------------------------------------------------------ queries
    def evaluate(self, at: Any, facts: Mapping[str, Any] | None = None) -> Answer:
        """What applies on `at` (a date or "YYYY-MM-DD") for `facts`: each measure (and each
        derived fact not given) definite, conditional (with its cases and what decides them)
        or undetermined, with citations; the questions worth asking next; notes."""
        return self._answerer.answer(at, facts or {})

    def explain(self, at: Any, facts: Mapping[str, Any] | None = None) -> Explanation:
        """`evaluate` with the reasons, in plain sentences: for each target the deciding rules
        and their source sentences, and for each other rule why it does not apply, where it
        would, or what overrides it."""
        from ppkm_lang.eval.explain import explain as _explain
        return _explain(self._answerer, at, facts or {})

    def residuals(self, at: Any, facts: Mapping[str, Any] | None = None,
                  targets: Iterable[str] | None = None, free: Iterable[str] = ()) -> dict[str, "Residual"]:
        """The residual engine's raw cases per target: disjoint boxes of `space` (facts not given
        -> allowed value sets) with outcomes (`analysis.derive.Outcome`), for tools that compile
        or compare policies. `free`: derived facts to treat as inputs (their rules unused)."""
        answerer = self._answerer
        day, plan, env, given = answerer.ev.prepare(at, facts or {})
        return answerer.engine.run(plan.in_force, {n: env[n] for n in given}, targets, free)

    @property
    def residual_engine(self) -> "ResidualEngine":
        """The residual engine behind `evaluate` and `residuals` (`eval.residual.ResidualEngine`),
        for tools that run it on variants of the policy (mutation testing) or need the order in
        which derived facts are worked out."""
        return self._answerer.engine

    @property
    def space(self):
        """The analysis space the residual boxes are expressed in (`analysis.space.Space`)."""
        return self._answerer.space

    def periods(self) -> list[tuple["dt.date | None", "dt.date | None", tuple[str, ...]]]:
        """The policy's time line as (first day, last day, instruments in force) pieces, in
        order, covering every date (None: unbounded); answers are the same on every day of a
        piece. Revocations included."""
        return _periods(self._require())

    def examples(self) -> TestReport:
        """Run every `example` block and compare with its expectations; the report also says
        which rules and table rows no example exercises."""
        from ppkm_lang.testing.runner import run_examples as _run
        return _run(self._require(), self.evaluate)

    def batch(self, header: list[str], rows, out, **options):
        """Evaluate a table of cases (see `eval.batch.run_batch`), one output row per case."""
        from ppkm_lang.eval.batch import run_batch
        return run_batch(self._evaluator, header, rows, out, **options)

    def check(self) -> "CheckResult":
        """The findings of `ppkm check` for the loaded policy (lints and analysis)."""
        from ppkm_lang.checker import check_loaded
        return check_loaded(self.loaded)

    def schema(self) -> dict:
        """The facts, measures and instruments as data (`ppkm schema --format json`)."""
        from ppkm_lang.schema import schema_json
        return schema_json(self._require())


def _periods(policy: Policy) -> list:
    import datetime as dt
    cuts = set()
    for inst_id, inst in policy.instruments.items():
        for a, b in policy.effective_periods(inst_id):
            cuts.add(a)
            if b < dt.date.max:
                cuts.add(b + dt.timedelta(days=1))
    edges = sorted(cuts)
    out = []
    # No day comes before the first day of the calendar: then there is no open first piece.
    starts = [None, *edges] if not edges or edges[0] > dt.date.min else edges
    edges = edges if starts[0] is None else edges[1:]
    for i, first in enumerate(starts):
        last = edges[i] - dt.timedelta(days=1) if i < len(edges) else None
        probe = first if first is not None else (edges[0] - dt.timedelta(days=1) if edges else dt.date(2021, 1, 1))
        out.append((first, last, tuple(policy.in_force(probe))))
    return out


_lock = threading.Lock()
_prepared: OrderedDict[int, tuple[Policy, Prepared]] = OrderedDict()
CACHE_SIZE = 8


def _of_policy(policy: Policy) -> Prepared:
    key = id(policy)
    with _lock:
        entry = _prepared.get(key)
        if entry is not None and entry[0] is policy:
            _prepared.move_to_end(key)
            return entry[1]
    from ppkm_lang.loader import LoadResult
    prepared = Prepared(LoadResult(policy, (), {}))
    with _lock:
        _prepared[key] = (policy, prepared)
        _prepared.move_to_end(key)
        while len(_prepared) > CACHE_SIZE:
            _prepared.popitem(last=False)
    return prepared


def _prepared_of(target: Prepared | Policy) -> Prepared:
    return target if isinstance(target, Prepared) else _of_policy(target)


def evaluate(policy: Prepared | Policy, at: Any, facts: Mapping[str, Any] | None = None) -> Answer:
    """`Prepared.evaluate` for a prepared or lowered policy."""
    return _prepared_of(policy).evaluate(at, facts)


def explain(policy: Prepared | Policy, at: Any, facts: Mapping[str, Any] | None = None) -> Explanation:
    """`Prepared.explain` for a prepared or lowered policy."""
    return _prepared_of(policy).explain(at, facts)


def run_examples(policy: Prepared | Policy) -> TestReport:
    """`Prepared.examples` for a prepared or lowered policy."""
    return _prepared_of(policy).examples()
