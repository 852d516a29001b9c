"""Conditions in plain words, for people who do not read the policy language.

`condition_text` is the one renderer of a condition; `why_not` says why a condition does not
hold for given facts, naming the fact's actual value and what the rule needs ("`level` is
level_4, the rule needs level_3"). Both `ppkm explain` outputs (text and JSON) and the test
runner use these sentences.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ppkm_lang.ir.model import (BOOL, ENUM, REGION, And, Cond, Const, Interval, Not, Or, Policy,
                                Test, value_from_numeric)
from ppkm_lang.eval.compile import U, compile_cond, inset_values

_MANY = 4


class Words:
    """What the sentences need to know about a policy: fact types, enum groups and region sets
    (so a lowered set of 30 kab/kota reads as the set's name)."""

    def __init__(self, policy: Policy, derived: set[str] | None = None):
        self.policy = policy
        self.kinds = {n: f.type.kind for n, f in policy.facts.items()}
        self.derived = derived if derived is not None else {n for n, f in policy.facts.items() if f.derived}
        self.region_sets: dict[frozenset, str] = {}
        for name, rs in policy.regionsets.items():
            self.region_sets.setdefault(rs.expanded, name)

    def value(self, fact: str, x: Any) -> str:
        """An encoded value as a person reads it."""
        if x is U:
            return "undetermined"
        kind = self.kinds.get(fact)
        if kind == REGION:
            return f'"{x}"'
        if isinstance(x, (int, Fraction)) and kind not in (ENUM, BOOL, REGION, None):
            return str(value_from_numeric(kind, Fraction(x)))
        return str(x)

    def truth(self, cond: Cond, env: dict) -> Any:
        return compile_cond(cond, self.kinds)(env)


def needs(test: Test, words: Words, negated: bool = False) -> str:
    """What a test asks of its fact, as the object of "the rule needs ...": `level_3`, `one of
    a, b`, `at least 5%`."""
    c = test.constraint
    f = test.fact
    if isinstance(c, Interval):
        text = _interval(f, c, words)
        return f"not {text}" if negated else text
    kind = words.kinds.get(f)
    values = inset_values(kind, c.values)
    if kind == BOOL:
        want = {"true", "false"} & values
        if len(want) == 1:
            v = next(iter(want))
            return ({"true": "false", "false": "true"}[v]) if negated else v
        return "nothing" if negated else "true or false"
    prefix = "not " if negated else ""
    if kind == REGION:
        named = words.region_sets.get(frozenset(values))
        if named is not None:
            return f"{'a kab/kota outside' if negated else 'a kab/kota in'} region set `{named}`"
        shown = sorted(values)
        if len(shown) == 1:
            return prefix + f'"{shown[0]}"'
        listed = ", ".join(f'"{v}"' for v in shown[:_MANY]) + (", ..." if len(shown) > _MANY else "")
        return f"{'none' if negated else 'one'} of {len(shown)} kab/kota ({listed})"
    fact = words.policy.facts.get(f)
    if fact is not None and kind == ENUM:
        members = fact.type.values
        ordered = [v for v in members if v in values]
        for gname, gmembers in fact.type.groups:
            if frozenset(gmembers) == values:
                return f"{'a value outside' if negated else 'a value in'} group `{gname}` ({', '.join(gmembers)})"
        rest = [v for v in members if v not in values]
        if not negated and len(rest) == 1 and len(ordered) > 1:
            return f"anything but {rest[0]}"
        if negated and len(rest) == 1 and len(ordered) > 1:
            return rest[0]
    else:
        ordered = sorted(values)
    if len(ordered) == 1:
        return prefix + ordered[0]
    return f"{'none' if negated else 'one'} of {', '.join(ordered)}"


def _interval(f: str, c: Interval, words: Words) -> str:
    kind = words.kinds.get(f)

    def show(x: Fraction) -> str:
        return words.value(f, x.numerator if x.denominator == 1 else x) if kind else str(x)
    if c.lo is not None and c.hi is not None and c.lo_closed and c.hi_closed:
        return show(c.lo) if c.lo == c.hi else f"between {show(c.lo)} and {show(c.hi)}"
    parts = []
    if c.lo is not None:
        parts.append(("at least " if c.lo_closed else "more than ") + show(c.lo))
    if c.hi is not None:
        parts.append(("at most " if c.hi_closed else "less than ") + show(c.hi))
    return " and ".join(parts) if parts else "any value"


def rule_name(rule) -> str:
    """How a rule is named in a sentence: "rule `x`" or "row 3 of table `t`"."""
    if rule.table is not None and rule.row is not None:
        return f"row {rule.row} of table `{rule.table}`"
    return f"rule `{rule.id}`"


def condition_text(cond: Cond, words: Words) -> str:
    """The condition as a sentence fragment: "`level` is level_3 and `kegiatan` is mall"."""
    if isinstance(cond, Const):
        return "always" if cond.value else "never"
    if isinstance(cond, Test):
        return f"`{cond.fact}` is {needs(cond, words)}"
    if isinstance(cond, Not):
        if isinstance(cond.item, Test):
            return f"`{cond.item.fact}` is {needs(cond.item, words, negated=True)}"
        return f"it is not the case that ({condition_text(cond.item, words)})"
    if isinstance(cond, And):
        return " and ".join(_wrap(c, words) for c in cond.items)
    if isinstance(cond, Or):
        parts = [_wrap(c, words) for c in cond.items]
        return "either " + " or ".join(parts) if len(parts) == 2 else "one of: " + "; ".join(parts)
    return str(cond)


def _wrap(cond: Cond, words: Words) -> str:
    text = condition_text(cond, words)
    return f"({text})" if isinstance(cond, (And, Or)) else text


def why_not(cond: Cond, env: dict, words: Words) -> str:
    """Why `cond` is not true for `env`: the first failing part, with the actual value."""
    if isinstance(cond, Const):
        return "its condition is `never`"
    if isinstance(cond, Test):
        x = env.get(cond.fact, U)
        if x is U:
            state = ("is not given and its rules do not decide it" if cond.fact in words.derived
                     else "is not given")
            return (f"`{cond.fact}` {state}, so whether “{condition_text(cond, words)}” holds is unknown")
        return f"`{cond.fact}` is {words.value(cond.fact, x)}, the rule needs {needs(cond, words)}"
    if isinstance(cond, Not):
        inner = words.truth(cond.item, env)
        if inner is None:
            return why_not(cond.item, env, words)
        if isinstance(cond.item, Test):
            x = env.get(cond.item.fact, U)
            return (f"`{cond.item.fact}` is {words.value(cond.item.fact, x)}, the rule needs "
                    f"{needs(cond.item, words, negated=True)}")
        return f"“{condition_text(cond.item, words)}” holds, and the rule needs it not to"
    if isinstance(cond, And):
        results = [(c, words.truth(c, env)) for c in cond.items]
        for c, r in results:
            if r is False:
                return why_not(c, env, words)
        for c, r in results:
            if r is None:
                return why_not(c, env, words)
        return "its condition does not hold"
    if isinstance(cond, Or):
        reasons = [why_not(c, env, words) for c in cond.items if words.truth(c, env) is not True]
        return "none of its alternatives holds: " + "; ".join(reasons)
    return "its condition does not hold"


__all__ = ["Words", "needs", "rule_name", "condition_text", "why_not"]
