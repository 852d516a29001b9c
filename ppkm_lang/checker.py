"""`check`: load, lint and analyse a policy; apply suppressions; sort the findings.

This is the engine behind `ppkm check`; it returns data and never prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

import attrs

from ppkm_lang.diagnostics import Diagnostic, Severity
from ppkm_lang.diagnostics.registry import finalize
from ppkm_lang.loader import LoadResult, load
from ppkm_lang.semantics.gazetteer import Gazetteer
from ppkm_lang.source import SourceFile
from ppkm_lang.diagnostics.codes import UNUSED_ALLOW


@attrs.frozen
class CheckResult:
    diagnostics: tuple[Diagnostic, ...]
    sources: dict[str, SourceFile] = attrs.field(hash=False)
    files: int = 0
    loaded: LoadResult | None = attrs.field(default=None, eq=False, hash=False)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)


def _analyse(policy) -> list[Diagnostic]:
    from ppkm_lang.analysis import analyse
    return list(analyse(policy))


def check(paths: Iterable[str | Path], *, gazetteer: Path | Gazetteer | None = None,
          texts: Mapping[Path, str] | None = None) -> CheckResult:
    """Load the policy at `paths` and check it; `texts` as for `loader.load` (unsaved edits)."""
    return check_loaded(load(paths, gazetteer=gazetteer, texts=texts))


def check_loaded(loaded: LoadResult) -> CheckResult:
    """Lint and analyse an already loaded policy (for a load through the cache, the findings
    are cached too, under the load's `cache_key`)."""
    if loaded.cache_key is not None:
        from ppkm_lang import cache
        diags = cache.derived("check", loaded.cache_key, lambda: _findings(loaded))
    else:
        diags = _findings(loaded)
    return CheckResult(diags, loaded.sources, len(loaded.sources), loaded)


def _findings(loaded: LoadResult) -> tuple[Diagnostic, ...]:
    from ppkm_lang.lint import lint  # here: findings from the cache need no lint module
    diags = list(loaded.diagnostics)
    policy = loaded.policy
    if policy is not None:
        complete = not any(d.severity is Severity.ERROR for d in diags)
        # Unused-declaration lints only make sense when no declaration was dropped for an error.
        diags += lint(policy, has_gazetteer=loaded.gazetteer is not None, complete=complete)
        if not any(d.severity is Severity.ERROR for d in diags):
            diags += _analyse(policy)
        diags = _apply_allows(policy, diags)
    return tuple(finalize(diags))


def _apply_allows(policy, diags: list[Diagnostic]) -> list[Diagnostic]:
    used = set()
    kept = []
    for d in diags:
        hit = next((a for a in policy.allows if a.code == d.code and d.subject is not None
                    and (d.subject == a.target or d.subject.split("#")[0] == a.target)), None)
        if hit is None:
            kept.append(d)
        else:
            used.add(id(hit))
    for a in policy.allows:
        if id(a) not in used:
            kept.append(Diagnostic(UNUSED_ALLOW, f"`allow {a.code} on {a.target}` suppresses nothing", a.span,
                                   subject=a.target))
    return kept


__all__ = ["CheckResult", "check", "check_loaded"]
