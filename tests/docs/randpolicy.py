"""Random small policies (as IR) and random queries, for comparing the browser evaluator with
the Python one. Seeded, so a failure names the seed that reproduces it.

The policies use every fact kind a query can give (enum, int, percent, time, date, bool,
region), two derived facts (the second may test the first, and rules may assign a derived
fact that is also given), nested and/or/not conditions with open and closed bounds, random
`overrides` (cycles included), rules of no instrument, and instruments with overlapping
periods, revocations and an external one.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from fractions import Fraction

from ppkm_lang.ir.model import (BOOL, DATE, ENUM, INT, PERCENT, REGION, TIME, TRUE, And, Assign, Citation,
                                Fact, InSet, Instrument, Interval, Measure, Not, Or, Policy, RegionMember,
                                RegionSet, Rule, Test, Type, Value)

DAY0 = dt.date(2021, 7, 1)
REGIONS = ["KOTA A", "KOTA B", "KAB. C", "KAB. D"]
FACTS = {
    "e": Type(ENUM, values=("a", "b", "c")),
    "n": Type(INT, lo=Fraction(0), hi=Fraction(10)),
    "p": Type(PERCENT, lo=Fraction(0), hi=Fraction(100)),
    "t": Type(TIME, lo=Fraction(0), hi=Fraction(1440)),
    "d": Type(DATE),
    "b": Type(BOOL),
    "w": Type(REGION),
}
DERIVED = {"z1": Type(ENUM, values=("lo", "hi")), "z2": Type(ENUM, values=("u", "v"))}
POINTS = {
    "n": [Fraction(x) for x in (0, 2, 5, 10)] + [Fraction(5, 2)],
    "p": [Fraction(x) for x in (0, 5, 25, 100)] + [Fraction(53, 10)],
    "t": [Fraction(x) for x in (0, 600, 1020, 1440)],
    "d": [Fraction((DAY0 + dt.timedelta(days=k)).toordinal()) for k in (0, 3, 9)],
}
MEASURES = {"m1": Type(PERCENT, lo=Fraction(0), hi=Fraction(100)), "m2": Type(ENUM, values=("buka", "tutup")),
            "m3": Type(TIME, lo=Fraction(0), hi=Fraction(1440))}
VALUES = {"m1": [Value(PERCENT, Decimal(x)) for x in ("0", "25", "25.0", "50")],
          "m2": [Value(ENUM, "buka"), Value(ENUM, "tutup")],
          "m3": [Value(TIME, 1020), Value(TIME, 1200)],
          "z1": [Value(ENUM, "lo"), Value(ENUM, "hi")], "z2": [Value(ENUM, "u"), Value(ENUM, "v")]}


def _type(name: str) -> Type:
    return FACTS.get(name) or DERIVED[name]


def _test(r: random.Random, names: list[str]) -> Test:
    name = r.choice(names)
    t = _type(name)
    if t.kind == ENUM:
        return Test(name, InSet(frozenset(r.sample(t.values, r.randint(1, len(t.values))))))
    if t.kind == BOOL:
        return Test(name, InSet(frozenset({r.choice(["true", "false"])})))
    if t.kind == REGION:
        return Test(name, InSet(frozenset(r.sample(REGIONS, r.randint(1, 3)))))
    lo, hi = (r.choice([None, *POINTS[name]]) for _ in range(2))
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return Test(name, Interval(lo, r.random() < .5, hi, r.random() < .5))


def _cond(r: random.Random, names: list[str], depth: int = 2):
    roll = r.random()
    if depth == 0 or roll < .45:
        return _test(r, names)
    if roll < .6:
        return Not(_cond(r, names, depth - 1))
    items = tuple(_cond(r, names, depth - 1) for _ in range(r.randint(2, 3)))
    return And(items) if roll < .85 else Or(items)


def policy(seed: int) -> Policy:
    r = random.Random(seed)
    instruments = {
        "i1": Instrument("i1", "satu", first=DAY0, last=DAY0 + dt.timedelta(days=9)),
        "i2": Instrument("i2", "dua", first=DAY0 + dt.timedelta(days=5), last=DAY0 + dt.timedelta(days=14),
                         revokes=("i1",) if r.random() < .5 else ()),
        "x": Instrument("x", "luar", external=True),
    }
    facts = {n: Fact(n, t) for n, t in FACTS.items()}
    facts.update({n: Fact(n, t, derived=True) for n, t in DERIVED.items()})
    rules: dict[str, Rule] = {}
    count = r.randint(2, 14)
    for i in range(count):
        target = r.choice(["m1", "m2", "m3", "m1", "m2", "z1", "z2"])
        tested = list(FACTS) + (["z1"] if target == "z2" else []) + (["z1", "z2"] if target.startswith("m") else [])
        when = TRUE if r.random() < .1 else _cond(r, tested)
        then = [Assign(target, r.choice(VALUES[target]))]
        if target.startswith("m") and r.random() < .3:
            other = r.choice([m for m in MEASURES if m != target])
            then.append(Assign(other, r.choice(VALUES[other])))
        overrides = frozenset(f"r{j}" for j in r.sample(range(count), r.randint(0, 2)) if j != i)
        instrument = r.choice(["i1", "i2", "i2", None])
        rules[f"r{i}"] = Rule(f"r{i}", f"aturan {i}", instrument, when, tuple(then),
                              cites=(Citation(instrument or "i1", "KESATU", ("a",), f"kutipan {i}"),),
                              overrides=overrides)
    # Every region is named in a set, so each is a region the policy knows.
    everywhere = RegionSet("semua", None, tuple(RegionMember(n, n) for n in REGIONS))
    return Policy(files=("random.ppkm",), instruments=instruments, facts=facts,
                  measures={n: Measure(n, t) for n, t in MEASURES.items()}, rules=rules,
                  regionsets={"semua": everywhere})


def _text(r: random.Random, name: str, x: Fraction) -> str:
    kind = _type(name).kind
    if kind == DATE:
        return dt.date.fromordinal(int(x)).isoformat()
    if kind == TIME:
        return f"{int(x) // 60:02d}:{int(x) % 60:02d}"
    text = format(Decimal(x.numerator) / Decimal(x.denominator), "f")
    return text + ("%" if kind == PERCENT and r.random() < .5 else "")


def queries(seed: int, count: int) -> list[tuple[str, dict[str, str]]]:
    """(date, facts as text) pairs: values at, just inside and just outside every bound."""
    r = random.Random(seed * 7919 + 1)
    days = [DAY0 + dt.timedelta(days=k) for k in (-1, 0, 4, 5, 9, 10, 14, 15)]
    out = []
    for _ in range(count):
        facts: dict[str, str] = {}
        for name, t in {**FACTS, **DERIVED}.items():
            if r.random() < (.35 if name in FACTS else .75):
                continue
            if t.kind == ENUM:
                facts[name] = r.choice(t.values)
            elif t.kind == BOOL:
                facts[name] = r.choice(["true", "false"])
            elif t.kind == REGION:
                facts[name] = r.choice(REGIONS + ["kota  a", "Kabupaten C"])
            else:
                base = r.choice(POINTS[name])
                step = Fraction(1) if t.kind in (TIME, DATE, INT) else Fraction(1, 10)
                x = base + r.choice([-step, 0, 0, step])
                if t.kind == INT:
                    x = Fraction(int(x))
                if t.lo is not None:
                    x = max(x, t.lo)
                if t.hi is not None:
                    x = min(x, t.hi)
                facts[name] = _text(r, name, x)
        out.append((r.choice(days).isoformat(), facts))
    return out
