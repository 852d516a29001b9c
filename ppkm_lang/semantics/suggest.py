"""Did-you-mean: the one place that picks the known names closest to a misspelt one.

Every "did you mean" in the checker, the evaluator and the command line comes from here, so a
name is suggested the same way whether it was misspelt in a policy, in `--set` or as a verb.
"""

from __future__ import annotations

from typing import Iterable

# difflib's ratio: 0.6 keeps one-letter slips and transpositions (`zonna`, `kegiatn`) and drops
# names that merely share a few letters.
CUTOFF = 0.6


def closest(word: str, candidates: Iterable[str], n: int = 1, *, cutoff: float = CUTOFF) -> list[str]:
    """Up to `n` candidates closest to `word`, the closest first. A higher `cutoff` asks for a
    closer likeness (the syntax errors use one for keywords, where a guess must be near)."""
    import difflib  # here: most runs suggest nothing, and difflib costs a few ms to import
    return difflib.get_close_matches(word, list(candidates), n=n, cutoff=cutoff)


def did_you_mean(word: str, candidates: Iterable[str], *, n: int = 1, quote: str = "`",
                 first: Iterable[str] = ()) -> str | None:
    """`did you mean `x`?` (or `x` or `y`, up to `n` names), None when nothing is close.
    `first` are candidates known to be meant (a bare "MEDAN" for "KOTA MEDAN"), put before
    the close ones; `quote` wraps each name (`"` for kab/kota names, which are written in
    quotes)."""
    names = list(dict.fromkeys([*first, *closest(word, candidates, n=n)]))[:n]
    if not names:
        return None
    return "did you mean " + " or ".join(f"{quote}{c}{quote}" for c in names) + "?"


__all__ = ["CUTOFF", "closest", "did_you_mean"]
