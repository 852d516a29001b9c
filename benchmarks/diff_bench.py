"""How fast are `ppkm diff` and `ppkm test --mutate`?

Prints:
- the two-date diff of `policies/` (2021-04-10, Inmendagri 07/2021, against 2021-07-22, 23/2021),
  after loading: seconds and regions found; and the whole command as a user runs it;
- for generated policies of 1,000 and 10,000 rules (100 measures; each rule tests an activity,
  a set of kab/kota and a positivity threshold) with five planted changes (a value changed, a
  threshold moved, a rule dropped, a kab/kota added to a set, a new rule), the seconds of
  `diff_policies` from scratch (both sides' engines built, every period), and whether exactly
  the planted measures were reported;
- the mutation run over `policies/`: mutants, seconds, mutants per second.

    python -m benchmarks diff
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs

from ppkm_lang import api
from ppkm_lang.diff import diff_dates, diff_policies
from ppkm_lang.ir.model import (ENUM, PERCENT, REGION, And, Assign, Citation, Fact, InSet, Instrument, Interval,
                                Measure, Policy, Rule, Test, Type, Value)
from ppkm_lang.testing.mutate import EQUIVALENT, KILLED, SURVIVED, MutationRun

REPO = Path(__file__).resolve().parent.parent
DAY = dt.date(2021, 7, 21)


def generated(rules: int, measures: int = 100, seed: int = 7) -> Policy:
    from ppkm_lang.semantics.gazetteer import embedded_gazetteer
    universe = sorted({name for name in embedded_gazetteer().kabkota_names.values()})
    rng = random.Random(seed)
    activities = tuple(f"k{i}" for i in range(40))
    facts = {"wilayah": Fact("wilayah", Type(REGION)),
             "kegiatan": Fact("kegiatan", Type(ENUM, values=activities)),
             "positivity": Fact("positivity", Type(PERCENT, lo=Fraction(0), hi=Fraction(100)))}
    ms = {f"m{j}": Measure(f"m{j}", Type(PERCENT, lo=Fraction(0), hi=Fraction(100))) for j in range(measures)}
    inst = Instrument("gen_2021", "Generated", first=DAY, last=DAY + dt.timedelta(days=13))
    cite = (Citation("gen_2021", "KESATU", ("a",), "generated"),)
    out = {}
    for i in range(rules):
        target = f"m{i % measures}"
        cond = And((Test("kegiatan", InSet(frozenset({activities[(i // measures) % len(activities)]}))),
                    Test("wilayah", InSet(frozenset(rng.sample(universe, 5)))),
                    Test("positivity", Interval(None, False, Fraction(rng.choice([5, 10, 15, 20])), False))))
        value = Value(PERCENT, Decimal(rng.choice([25, 50, 75, 100])))
        out[f"r{i}"] = Rule(f"r{i}", None, "gen_2021", cond, (Assign(target, value),), cite)
    return Policy(files=("gen.ppkm",), instruments={inst.id: inst}, facts=facts, measures=ms, rules=out,
                  region_universe=frozenset(universe))


def planted(policy: Policy) -> tuple[Policy, set[str]]:
    """Five changes, each to another measure."""
    rules = dict(policy.rules)
    ids = list(rules)
    touched = set()

    def target(rid):
        return rules[rid].then[0].target

    r = rules[ids[3]]  # a value changed
    rules[r.id] = attrs.evolve(r, then=(Assign(target(r.id), Value(PERCENT, Decimal(13))),))
    touched.add(target(r.id))
    r = rules[ids[14]]  # a threshold moved
    k, w, p = r.when.items
    rules[r.id] = attrs.evolve(r, when=And((k, w, Test("positivity", attrs.evolve(p.constraint, hi=Fraction(30))))))
    touched.add(target(r.id))
    del rules[ids[25]]  # a rule dropped
    touched.add(policy.rules[ids[25]].then[0].target)
    r = rules[ids[36]]  # a kab/kota more
    k, w, p = r.when.items
    extra = next(n for n in sorted(policy.region_universe) if n not in w.constraint.values)
    rules[r.id] = attrs.evolve(r, when=And((k, Test("wilayah", InSet(w.constraint.values | {extra})), p)))
    touched.add(target(r.id))
    rules["new"] = Rule("new", None, "gen_2021", Test("kegiatan", InSet(frozenset({"k39"}))),
                        (Assign("m47", Value(PERCENT, Decimal(1))),), policy.rules[ids[0]].cites)
    touched.add("m47")
    return attrs.evolve(policy, rules=rules), touched


def main(argv: list[str]) -> int:
    status = 0
    prepared = api.prepare(REPO / "policies")
    start = time.perf_counter()
    diff = diff_dates(prepared.policy, dt.date(2021, 4, 10), dt.date(2021, 7, 22))
    took = time.perf_counter() - start
    print(f"policies/ 2021-04-10 vs 2021-07-22: {took:.3f} s after loading; {len(diff.changes)} regions in "
          f"{len(diff.changed_targets())} of {len(diff.targets)} measures and derived facts")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ppkm_lang", "diff", str(REPO / "policies"), "--at", "2021-04-10",
                    "--vs", "2021-07-22", "--format", "json"], capture_output=True, check=False)
    print(f"  `ppkm diff policies/ --at 2021-04-10 --vs 2021-07-22 --format json`: "
          f"{time.perf_counter() - start:.2f} s wall, start-up and load included")
    for n in (1_000, 10_000):
        old = generated(n)
        new, touched = planted(old)
        start = time.perf_counter()
        diff = diff_policies(old, new)
        took = time.perf_counter() - start
        found = set(diff.changed_targets())
        ok = found == touched
        status |= 0 if ok else 1
        print(f"generated {n:>6,} rules, 5 planted changes: {took:.2f} s; {len(diff.changes)} regions in "
              f"{len(found)} measures; planted measures reported exactly: {'yes' if ok else 'NO'}")
    run = MutationRun(prepared.policy, prepared._answerer.engine)
    start = time.perf_counter()
    report = run.run()
    took = time.perf_counter() - start
    print(f"mutation run over policies/: {len(report.results)} mutants ({report.count(KILLED)} killed, "
          f"{report.count(SURVIVED)} survived, {report.count(EQUIVALENT)} equivalent) in {took:.1f} s, "
          f"{len(report.results) / took:.1f} mutants/s, score {report.score:.1f}%")
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
