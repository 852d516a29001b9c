"""How fast is evaluation?

For `examples/`, `policies/` (when present) and a generated large policy, prints:
- single-query latency of `Evaluator.decide` (what `api.evaluate` calls), in process, after
  loading: median and 99th percentile over 20,000 queries drawn from 2,000 distinct random
  cases plus the policies' own examples; "warm" is the evaluator as shipped (decisions cached
  per class of fact values, after one pass over the cases), "cold" has that cache switched off
  so every query runs the rules, "+reasons" is cold and also reads `Decision.undetermined`
  (the reasons of the undetermined measures are worked out on first use);
- batch throughput: a CSV of 200,000 random cases through the same code path as
  `ppkm eval --facts cases.csv --output out.csv` (read, evaluate, write), in rows per second,
  without the policy load. "narrow": the columns of the policy's commonest example shape
  of two or more facts (e.g. `at, wilayah, kegiatan`), random values; "wide": one column per
  fact any example
  gives, each row shaped like a random example (most cells empty).

    python -m benchmarks.eval_bench [--rows N] [--queries N]

The gazetteer is the directory in $PPKM_GAZETTEER when set, else the 2020 list that ships
with the package.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from ppkm_lang.eval.batch import read_csv_rows, run_batch
from ppkm_lang.eval.compile import collect_constraints
from ppkm_lang.eval.engine import Evaluator
from ppkm_lang.ir.model import (ENUM, PERCENT, REGION, TIME, Assign, Citation, Fact, InSet, Instrument, Interval,
                                Measure, Policy, Rule, Test, Type, Value, And)

REPO = Path(__file__).resolve().parent.parent


def gazetteer():
    """$PPKM_GAZETTEER's directory, else the embedded list."""
    from ppkm_lang.semantics.gazetteer import embedded_gazetteer, load_gazetteer
    configured = os.environ.get("PPKM_GAZETTEER")
    return load_gazetteer(Path(configured)) if configured else embedded_gazetteer()


# ------------------------------------------------------------------------ a large policy


def large_policy(activities: int = 100, regions: list[str] | None = None, seed: int = 1) -> Policy:
    """PPKM-shaped: a level per kab/kota from four region sets (a `first` table), then per
    activity x level x positivity band a capacity and a closing time, with exceptions that
    override the general rules."""
    rng = random.Random(seed)
    regions = regions or [f"KOTA R{i:03d}" for i in range(514)]
    levels = ("level_1", "level_2", "level_3", "level_4")
    acts = tuple(f"kegiatan_{i:03d}" for i in range(activities))
    bands = [(0, 5), (5, 10), (10, 15), (15, 25), (25, 100)]
    inst = Instrument("besar_2021", "Generated", first=dt.date(2021, 7, 21), last=dt.date(2021, 8, 20))
    shuffled = regions[:]
    rng.shuffle(shuffled)
    sets = {lvl: shuffled[i::5] for i, lvl in enumerate(levels[1:], start=1)}
    facts = {
        "wilayah": Fact("wilayah", Type(REGION)),
        "level": Fact("level", Type(ENUM, values=levels, ordered=True), derived=True),
        "kegiatan": Fact("kegiatan", Type(ENUM, values=acts)),
        "positivity": Fact("positivity", Type(PERCENT, lo=Fraction(0), hi=Fraction(100))),
    }
    measures = {"kapasitas": Measure("kapasitas", Type(PERCENT, lo=Fraction(0), hi=Fraction(100))),
                "jam_tutup": Measure("jam_tutup", Type(TIME, lo=Fraction(0), hi=Fraction(1440)))}
    cite = (Citation("besar_2021", "KESATU", ("a",), "generated"),)
    rules: dict[str, Rule] = {}
    rows = []
    for i, lvl in enumerate(reversed(levels[1:]), start=1):
        rid = f"level_table#{i}"
        rows.append(rid)
        rules[rid] = Rule(rid, None, inst.id, Test("wilayah", InSet(frozenset(sets[lvl]))),
                          (Assign("level", Value(ENUM, lvl)),), cite, table="level_table", row=i)
    default = f"level_table#{len(rows) + 1}"
    rules[default] = Rule(default, None, inst.id, And(()), (Assign("level", Value(ENUM, "level_1")),), cite,
                          table="level_table", row=len(rows) + 1)
    for rid in rows:
        rules[rid] = Rule(rid, None, inst.id, rules[rid].when, rules[rid].then, cite, frozenset({default}),
                          table="level_table", row=rules[rid].row)
    for a in acts:
        for li, lvl in enumerate(levels):
            for lo, hi in bands:
                cap = max(0, 100 - 25 * li - lo)
                when = And((Test("kegiatan", InSet(frozenset({a}))), Test("level", InSet(frozenset({lvl}))),
                            Test("positivity", Interval(Fraction(lo), True, Fraction(hi), hi == 100))))
                rid = f"{a}_{lvl}_{lo}"
                rules[rid] = Rule(rid, None, inst.id, when, (Assign("kapasitas", Value(PERCENT, Decimal(cap))),
                                                             Assign("jam_tutup", Value(TIME, 21 * 60 - 60 * li))),
                                  cite)
        if rng.random() < 0.5:
            rid = f"{a}_tutup"
            rules[rid] = Rule(rid, None, inst.id, And((Test("kegiatan", InSet(frozenset({a}))),
                                                       Test("level", InSet(frozenset({"level_4"}))))),
                              (Assign("kapasitas", Value(PERCENT, Decimal(0))),), cite,
                              frozenset(f"{a}_level_4_{lo}" for lo, _ in bands))
    return Policy(files=("generated.ppkm",), instruments={inst.id: inst}, facts=facts, measures=measures,
                  rules=rules, region_universe=frozenset(regions))


# ------------------------------------------------------------------------ random cases


def case_generator(ev: Evaluator, seed: int = 7, narrow: bool = False):
    """Random cases in text form (as on the command line or in a CSV). Each case gives the
    facts one of the policy's examples gives (the shape of a real question: an activity in a
    kab/kota, a sector, ...) with random values; without examples, every input fact."""
    policy = ev.policy
    rng = random.Random(seed)
    shapes = [tuple(a.target for a in ex.given) for ex in policy.examples.values() if ex.given]
    if not shapes:
        shapes = [tuple(n for n, f in policy.facts.items() if not f.derived)]
    if narrow:  # only the commonest shape of two or more facts: a table with a few columns
        several = [sh for sh in shapes if len(sh) > 1] or shapes
        shapes = [max(sorted(set(several)), key=several.count)]
    names = list(dict.fromkeys(n for shape in shapes for n in shape))
    constraints: dict = {}
    for r in policy.rules.values():
        collect_constraints(r.when, constraints)
    points = {f: sorted({b for c in cs if isinstance(c, Interval) for b in (c.lo, c.hi) if b is not None})
              for f, cs in constraints.items()}
    regions = sorted(ev.parser.regions)
    days = sorted({d for i in policy.instruments.values() if i.first for d in (i.first, i.last)}) or \
        [dt.date(2021, 7, 22)]

    def value(name: str) -> str:
        t = policy.facts[name].type
        if t.kind == ENUM:
            return rng.choice(t.values)
        if t.kind == "bool":
            return rng.choice(("true", "false"))
        if t.kind == REGION:
            return rng.choice(regions)
        lo = float(t.lo) if t.lo is not None else 0.0
        hi = float(t.hi) if t.hi is not None else max([lo + 100.0] + [float(p) for p in points.get(name, [])])
        if t.kind == "int":
            return str(rng.randint(int(lo), int(min(hi, lo + 1000))))
        if t.kind == TIME:
            m = rng.randint(int(lo), int(hi))
            return f"{m // 60:02d}:{m % 60:02d}"
        if t.kind == "date":
            return (rng.choice(days) + dt.timedelta(rng.randint(-3, 3))).isoformat()
        return f"{rng.uniform(lo, hi):.1f}"

    def case() -> tuple[dt.date, dict[str, str]]:
        at = rng.choice(days) + dt.timedelta(rng.randint(-1, 3))
        return at, {n: value(n) for n in rng.choice(shapes)}

    return names, case


# ------------------------------------------------------------------------ measurements


def latency(ev: Evaluator, cases: list, n: int, reasons: bool = False) -> tuple[float, float]:
    for at, facts in cases:  # warm the caches that belong to the evaluator as shipped
        ev.decide(at, facts)
    times = []
    clock = time.perf_counter_ns
    for i in range(n):
        at, facts = cases[i % len(cases)]
        t0 = clock()
        d = ev.decide(at, facts)
        if reasons:
            d.undetermined  # noqa: B018 - the reasons are made on first use
        times.append(clock() - t0)
    times.sort()
    return statistics.median(times) / 1000, times[int(len(times) * 0.99)] / 1000


def batch(ev: Evaluator, names: list[str], case, rows: int, folder: Path) -> tuple[float, int, int]:
    source, target = folder / "cases.csv", folder / "out.csv"
    with source.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["at", *names])
        for _ in range(rows):
            at, facts = case()
            w.writerow([at.isoformat(), *(facts.get(n, "") for n in names)])
    fresh = Evaluator(ev.policy)  # no caches from the latency runs
    t0 = time.perf_counter()
    header, reader = read_csv_rows(source.read_bytes().decode("utf-8-sig"))
    with target.open("w", newline="", encoding="utf-8") as fh:
        summary = run_batch(fresh, header, reader, fh, default_at=None, defaults={})
    elapsed = time.perf_counter() - t0
    return rows / elapsed, summary.evaluated, len(summary.errors)


def corpora(gaz: Path | None):
    from ppkm_lang import api
    for folder in ("examples", "policies"):
        path = REPO / folder
        if not path.is_dir() or not any(path.rglob("*.ppkm")):
            continue
        loaded = api.load(path, gazetteer=gaz)
        if loaded.policy is None:
            print(f"{folder}/: does not load, skipped")
            continue
        yield f"{folder}/", loaded.policy
    universe = sorted(gaz.kabkota)
    yield "generated (100 activities)", large_policy(regions=universe)


def partial_queries(policy: Policy, n: int, seed: int = 11) -> list[tuple]:
    """Questions as people ask them: a date in force, the place, the activity, and sometimes one
    more fact (2-3 facts given)."""
    from ppkm_lang.api import Prepared
    rng = random.Random(seed)
    days = [d for i in policy.instruments.values() if i.first and not i.external for d in (i.first, i.last)]
    prepared = Prepared.of(policy)
    places = [f for f, x in policy.facts.items() if x.type.kind == "region"]
    regions = sorted(prepared._answerer.space.dims[places[0]].full) if places and places[0] in prepared.space.dims else []
    activity = max((f for f, x in policy.facts.items() if x.type.kind == "enum" and not x.derived),
                   key=lambda f: sum(f in str(r.when) for r in policy.rules.values()), default=None)
    others = [f for f, x in policy.facts.items() if f not in (*places, activity) and x.type.kind in ("enum", "bool")
              and not x.derived]
    out = []
    for _ in range(n):
        facts = {}
        if places and regions:
            facts[places[0]] = rng.choice(regions)
        if activity:
            facts[activity] = rng.choice(policy.facts[activity].type.values)
        if others and rng.random() < 0.5:
            f = rng.choice(others)
            t = policy.facts[f].type
            facts[f] = rng.choice(t.values) if t.kind == "enum" else rng.choice(["true", "false"])
        out.append((rng.choice(days) if days else dt.date(2021, 7, 22), facts))
    return out


def partial_latency(policy: Policy, n: int) -> tuple[float, float, float, float]:
    """Medians and 99th percentiles (µs) of `Prepared.evaluate` on partial questions: the first
    pass over new questions (each combination of value classes answered for the first time,
    on a freshly prepared policy), and a second pass over the same questions."""
    from ppkm_lang.api import Prepared
    from ppkm_lang.loader import LoadResult
    cases = partial_queries(policy, n)
    prepared = Prepared(LoadResult(policy, (), {}))
    prepared.evaluate(*cases[0])  # compile (not timed)
    first, again = [], []
    for at, facts in cases[1:]:
        t0 = time.perf_counter()
        prepared.evaluate(at, facts)
        first.append((time.perf_counter() - t0) * 1e6)
    for at, facts in cases[1:]:
        t0 = time.perf_counter()
        prepared.evaluate(at, facts)
        again.append((time.perf_counter() - t0) * 1e6)
    q = lambda xs: (statistics.median(xs), sorted(xs)[int(len(xs) * 0.99) - 1])  # noqa: E731
    return (*q(first), *q(again))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.eval_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000, help="rows of the batch CSV (default 200000)")
    parser.add_argument("--queries", type=int, default=20_000, help="timed single queries (default 20000)")
    args = parser.parse_args(argv if argv is not None else [])
    gaz = gazetteer()
    print(f"eval benchmark (python {sys.version.split()[0]}, gazetteer: {gaz.path})")
    print(f"{'policy':<28} {'rules':>6} {'warm µs p50/p99':>17} {'cold µs p50/p99':>17} {'+reasons':>15}"
          f" {'narrow rows/s':>14} {'wide rows/s':>12}")
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        for label, policy in corpora(gaz):
            t0 = time.perf_counter()
            ev = Evaluator(policy)
            compile_ms = (time.perf_counter() - t0) * 1000
            names, case = case_generator(ev)
            cases = [case() for _ in range(2000)]
            cases += [(ex.at, {a.target: a.value for a in ex.given}) for ex in policy.examples.values() if ex.at]
            warm = latency(ev, cases, args.queries)
            cold_ev = Evaluator(policy, memo=False)
            cold = latency(cold_ev, cases, args.queries)
            reasons = latency(cold_ev, cases, args.queries, reasons=True)
            # The cached and the uncached evaluator must give the same answers.
            for at, facts in cases[:500]:
                a, b = ev.decide(at, facts), cold_ev.decide(at, facts)
                if dict(a.measures) != dict(b.measures) or a.conflicts != b.conflicts:
                    print(f"  DISAGREEMENT on {at} {facts}")
                    status = 1
                    break
            narrow = batch(ev, *case_generator(ev, narrow=True), args.rows, Path(tmp))
            wide = batch(ev, names, case, args.rows, Path(tmp))
            print(f"{label:<28} {len(policy.rules):>6} {warm[0]:>8.1f}/{warm[1]:<8.1f} {cold[0]:>8.1f}/{cold[1]:<8.1f}"
                  f" {reasons[0]:>7.1f}/{reasons[1]:<7.1f}"
                  f" {narrow[0]:>14,.0f} {wide[0]:>12,.0f}  (compile {compile_ms:.0f} ms; rows evaluated afresh:"
                  f" {narrow[1]:,} narrow, {wide[1]:,} wide)")
            for errors in (narrow[2], wide[2]):
                if errors:
                    print(f"  {errors} bad rows (a benchmark bug)")
                    status = 1
            p1, p99, a1, a99 = partial_latency(policy, 2000)
            print(f"{'':<28} partial questions (2-3 facts given, Prepared.evaluate, µs p50/p99): "
                  f"first time {p1:.0f}/{p99:.0f}, again {a1:.0f}/{a99:.0f}")
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
