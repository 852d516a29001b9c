"""How fast is the exact analysis behind `ppkm check`?

Generates synthetic policies of N rules (built directly as IR) in the shape of the PPKM
instructions: an activity (`kegiatan`) by level, cut into bands of a percentage
(`positivity`) or of a count (`rumah`), a derived zone partition, exceptions declared with
`overrides`, a `first` table, coverages over groups of activities, an assertion and a
monotone. Conflicts and gaps are planted at known places; the run checks that exactly those
are found, then prints the analysis time and peak memory (tracemalloc) for each N, and the
brute-force oracle's time where its domain is small enough to enumerate.

    python -m benchmarks.check_bench [N ...]
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
import time
import tracemalloc
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs

from ppkm_lang.analysis import analyse
from ppkm_lang.ir.model import (ENUM, INT, PERCENT, REGION, TIME, TRUE, And, Assertion, Assign, Coverage, Fact, InSet,
                                Instrument, Interval, Measure, Monotone, Policy, Rule, Table, Term, Test, Type,
                                Value)

REGIONS = 514  # kab/kota in the 2020 gazetteer
# (rules, kab/kota): a first row small enough for the brute-force oracle, then the targets.
SIZES = ((100, 5), (100, REGIONS), (1_000, REGIONS), (10_000, REGIONS))
LEVELS = ("level_1", "level_2", "level_3", "level_4")
PCT_BANDS = [(0, 5), (5, 10), (10, 15), (15, 25), (25, 100)]  # [lo, hi); the last is closed
RUMAH_BANDS = [(0, 0), (1, 2), (3, 5), (6, 1000)]
GROUPS = 8  # coverages, each over a slice of the activities
ORACLE_LIMIT = 8_000_000  # rule evaluations the brute-force oracle may take (about 30 s)


def _pct(x) -> Value:
    return Value(PERCENT, Decimal(x))


def _eq(fact: str, value: str) -> Test:
    return Test(fact, InSet(frozenset({value})))


def synthetic(n: int, seed: int = 0, conflicts: int = 5, gaps: int = 5, regions: int = REGIONS) -> tuple[Policy, dict]:
    """A policy of about n rules over `regions` kab/kota, with `conflicts` planted rule
    conflicts, `gaps` planted coverage gaps (in distinct coverages), one region listed at two
    levels and one at none. Returns the policy and what was planted."""
    rng = random.Random(seed)
    per_activity = len(LEVELS) * (len(PCT_BANDS) + len(RUMAH_BANDS)) // 2
    k = max(GROUPS, n // per_activity)
    activities = tuple(f"kegiatan_{i:05d}" for i in range(k))
    facts = {
        "kegiatan": Fact("kegiatan", Type(ENUM, values=activities)),
        "level": Fact("level", Type(ENUM, values=LEVELS, ordered=True)),
        "positivity": Fact("positivity", Type(PERCENT)),
        "rumah": Fact("rumah", Type(INT, lo=Fraction(0), hi=Fraction(1000))),
        "zona": Fact("zona", Type(ENUM, values=("hijau", "kuning", "oranye", "merah"), ordered=True), derived=True),
        "wilayah": Fact("wilayah", Type(REGION)),
    }
    facts["level"] = attrs.evolve(facts["level"], derived=True)
    measures = {"kapasitas": Measure("kapasitas", Type(PERCENT)), "jam_tutup": Measure("jam_tutup", Type(TIME)),
                "wfh": Measure("wfh", Type(PERCENT)), "wfo": Measure("wfo", Type(PERCENT))}
    inst = Instrument("inst", "synthetic", first=dt.date(2021, 7, 21), last=dt.date(2021, 7, 25))
    rules: dict[str, Rule] = {}

    def add(rid, when, then, overrides=(), table=None, row=None):
        rules[rid] = Rule(rid, None, "inst", when, tuple(then), overrides=frozenset(overrides), table=table, row=row)

    cells = []
    for a_i, act in enumerate(activities):
        numeric, bands = ("positivity", PCT_BANDS) if a_i % 2 == 0 else ("rumah", RUMAH_BANDS)
        for l_i, level in enumerate(LEVELS):
            for b_i, (lo, hi) in enumerate(bands):
                if numeric == "positivity":
                    last = b_i == len(bands) - 1
                    iv = Interval(Fraction(lo), True, Fraction(hi), last)
                else:
                    iv = Interval(Fraction(lo), True, Fraction(hi), True)
                rid = f"r_{a_i}_{l_i}_{b_i}"
                value = max(0, 100 - 25 * l_i - 5 * b_i)  # nonincreasing in the level
                add(rid, And((_eq("kegiatan", act), _eq("level", level), Test(numeric, iv))),
                    [Assign("kapasitas", _pct(value)), Assign("jam_tutup", Value(TIME, 21 * 60 - 60 * l_i))])
                cells.append((rid, a_i, numeric, iv))
    # Exceptions that are declared, hence no finding.
    for a_i in rng.sample(range(k), min(k, max(1, n // 50))):
        act = activities[a_i]
        targets = [rid for rid in rules if rid.startswith(f"r_{a_i}_3_")]
        add(f"pengecualian_{a_i}", And((_eq("kegiatan", act), _eq("level", "level_4"))),
            [Assign("kapasitas", _pct(0))], overrides=targets)
    # Working from home: a `first` table and an assertion that holds.
    add("kantor#1", _eq("level", "level_4"), [Assign("wfh", _pct(100)), Assign("wfo", _pct(0))], {"kantor#2"},
        "kantor", 1)
    add("kantor#2", TRUE, [Assign("wfh", _pct(50)), Assign("wfo", _pct(50))], (), "kantor", 2)
    # The zone partition of RT counts.
    for z_i, (zone, (lo, hi)) in enumerate(zip(("hijau", "kuning", "oranye", "merah"), RUMAH_BANDS)):
        add(f"zona_{zone}", Test("rumah", Interval(Fraction(lo), True, Fraction(hi), True)),
            [Assign("zona", Value(ENUM, zone))])

    # Levels by kab/kota, as the instructions list them: one region set per level over a
    # gazetteer-sized universe; one region is listed twice and one is left out.
    regions = [f"KAB. {i:03d}" for i in range(regions)]
    for l_i, level in enumerate(LEVELS):
        listed = {r for i, r in enumerate(regions[:-1]) if i % len(LEVELS) == l_i}
        if l_i == 2:
            listed.add(regions[0])
        add(f"penetapan_{level}", Test("wilayah", InSet(frozenset(listed))), [Assign("level", Value(ENUM, level))])
    coverages = {"level_wilayah": Coverage("level_wilayah", ("level",), TRUE, instrument="inst")}
    planted_partition = {frozenset(("penetapan_level_1", "penetapan_level_3"))}

    planted_conflicts = set()
    chosen = rng.sample(cells, conflicts)
    for c_i, (rid, a_i, numeric, iv) in enumerate(chosen):
        act = activities[a_i]
        level = LEVELS[int(rid.split("_")[2])]
        add(f"konflik_{c_i}", And((_eq("kegiatan", act), _eq("level", level), Test(numeric, iv))),
            [Assign("kapasitas", _pct(33))])
        # The new rule clashes with whichever rule decides the cell: the declared exception
        # over it if there is one (the exception wins over the cell's own rule), else that rule.
        winner = next((o for o in rules if o.startswith("pengecualian_") and rid in rules[o].overrides), rid)
        planted_conflicts.add(frozenset((winner, f"konflik_{c_i}")))

    group_of = {act: i * GROUPS // k for i, act in enumerate(activities)}
    for g in range(GROUPS):
        members = frozenset(a for a, gi in group_of.items() if gi == g)
        coverages[f"kapasitas_{g}"] = Coverage(f"kapasitas_{g}", ("kapasitas",), Test("kegiatan", InSet(members)),
                                               instrument="inst")
    coverages["zona_rt"] = Coverage("zona_rt", ("zona",), TRUE, instrument="inst")
    planted_gaps = set()
    removable = [c for c in cells if f"konflik" not in c[0] and not any(
        c[0] in rules[o].overrides for o in rules if o.startswith("pengecualian_"))]
    taken_groups = set()
    for rid, a_i, _, _ in rng.sample(removable, len(removable)):
        g = group_of[activities[a_i]]
        if len(planted_gaps) == gaps:
            break
        if g in taken_groups or any(rid in pair for pair in planted_conflicts):
            continue
        taken_groups.add(g)
        del rules[rid]
        planted_gaps.add(f"kapasitas_{g}")

    tables = {"kantor": Table("kantor", None, "first", ("level",), ("wfh", "wfo"), TRUE, ("kantor#1", "kantor#2"))}
    assertions = {"wfh_wfo": Assertion("wfh_wfo", None, TRUE, (Term(1, "wfh"), Term(1, "wfo")), "==",
                                       (Term(1, value=_pct(100)),))}
    monotones = {"kapasitas_level": Monotone("kapasitas_level", None, "kapasitas", "nonincreasing", "level")}
    policy = Policy(files=("synthetic.ppkm",), instruments={"inst": inst}, facts=facts, measures=measures,
                    rules=rules, tables=tables, coverages=coverages, assertions=assertions, monotones=monotones,
                    region_universe=frozenset(regions))
    return policy, {"PPK301": planted_conflicts, "PPK401": planted_gaps, "PPK305": planted_partition,
                    "PPK402": {"level_wilayah"}}


def _found(diags) -> dict:
    out: dict[str, set] = {}
    for d in diags:
        if d.code in ("PPK301", "PPK305"):
            out.setdefault(d.code, set()).add(frozenset(re.findall(r"`([^`]+)`", d.message)[:2]))
        else:
            out.setdefault(d.code, set()).add(d.subject)
    return out


def measure(n: int, regions: int = REGIONS) -> dict:
    policy, planted = synthetic(n, regions=regions)
    tracemalloc.start()
    start = time.perf_counter()
    diags = analyse(policy)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    start = time.perf_counter()
    analyse(policy)  # untraced: tracemalloc slows allocation-heavy code
    fast = time.perf_counter() - start
    ok = _found(diags) == planted
    return {"n": len(policy.rules), "seconds": fast, "traced_seconds": elapsed, "peak_mib": peak / 2 ** 20,
            "findings": len(diags), "ok": ok, "policy": policy, "diags": diags}


def run_oracle(policy: Policy, diags) -> str:
    """Time the brute-force oracle of the test suite and compare its findings, or say why it
    was skipped."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "analysis"))
    from analysis_brute import Oracle  # the test oracle: point-by-point evaluation

    oracle = Oracle(policy)
    points = 1
    for f in oracle.facts:
        points *= len(oracle.domains[f])
    size = f"{points:,} points x {len(oracle.days)} days x {len(policy.rules):,} rules"
    if points * len(oracle.days) * len(policy.rules) > ORACLE_LIMIT:
        return f"skipped: {size}"
    start = time.perf_counter()
    truth = {code: {k[0] if code in ("PPK401", "PPK402") else k for k in found}
             for code, found in oracle.findings().items() if found}
    seconds = time.perf_counter() - start
    agree = truth == _found(diags)
    return f"{seconds:.1f} s for {size}; {'agrees' if agree else 'DISAGREES'}"


def overlapping_policy(n: int, seed: int = 1) -> Policy:
    """A worst case rather than a policy: n rules with random, heavily overlapping conditions
    over two enums, a percentage and a count, random values and sparse random `overrides`;
    most pairs of rules conflict, so the findings grow with the square of n."""
    rng = random.Random(seed)
    a_values = tuple(f"a{i}" for i in range(20))
    b_values = tuple(f"b{i}" for i in range(5))
    facts = {"a": Fact("a", Type(ENUM, values=a_values)), "b": Fact("b", Type(ENUM, values=b_values)),
             "x": Fact("x", Type(PERCENT)), "n": Fact("n", Type(INT, lo=Fraction(0), hi=Fraction(1000)))}
    rules = {}
    for i in range(n):
        parts = []
        if rng.random() < 0.9:
            parts.append(Test("a", InSet(frozenset(rng.sample(a_values, rng.randint(1, 3))))))
        if rng.random() < 0.5:
            parts.append(Test("b", InSet(frozenset(rng.sample(b_values, rng.randint(1, 3))))))
        if rng.random() < 0.7:
            lo = rng.randint(0, 90)
            parts.append(Test("x", Interval(Fraction(lo), rng.random() < .5, Fraction(lo + rng.randint(1, 30)),
                                            rng.random() < .5)))
        if rng.random() < 0.5:
            lo = rng.randint(0, 900)
            parts.append(Test("n", Interval(Fraction(lo), True, Fraction(lo + rng.randint(0, 200)), True)))
        overrides = frozenset(f"r{j}" for j in rng.sample(range(n), 2)) if rng.random() < 0.2 else frozenset()
        rules[f"r{i}"] = Rule(f"r{i}", None, None, And(tuple(parts)),
                              (Assign("m", _pct(rng.choice([0, 25, 50]))),), overrides=overrides)
    return Policy(files=("overlapping.ppkm",), facts=facts, measures={"m": Measure("m", Type(PERCENT))},
                  rules=rules, coverages={"c": Coverage("c", ("m",), TRUE)})


def product_source(k: int, rules: int = 1, overrides: bool = False) -> str:
    """A policy file whose rules are one `(a0 or b0) and ... and (a{k-1} or b{k-1})` each (2^k
    boxes in normal form), the later rules giving the measure other values (and, with
    `overrides`, overriding the first one, which they then shadow)."""
    lines = ['instrument i "Produk disjungsi" {', "  number 1 year 2021", "  in_force 2021-07-01 to 2021-07-10",
             "  structure { KESATU }", "}"]
    for i in range(k):
        lines.append(f'fact a{i}: bool "A{i}."')
        lines.append(f'fact b{i}: bool "B{i}."')
    lines.append('measure m: percent "M."')
    cond = " and ".join(f"(a{i} or b{i})" for i in range(k))
    for r in range(rules):
        over = " overrides r0" if overrides and r else ""
        lines.append(f'rule r{r} {{ when {cond} then m = {5 * r}%{over} cite i KESATU "satu" }}')
    return "\n".join(lines) + "\n"


def time_products(ks=(5, 8, 14, 20), tries: int = 3) -> bool:
    """`ppkm check` (in process, from the file) on products of disjunctions: one rule alone, two
    that conflict, and two where the second overrides (so shadows) the first. Target: the
    14-term files in under 1 s."""
    import tempfile

    from ppkm_lang.checker import check
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for k in ks:
            for rules, overrides in ((1, False), (2, False), (2, True)):
                path = Path(tmp) / f"produk_{k}_{rules}_{overrides}.ppkm"
                path.write_text(product_source(k, rules, overrides), encoding="utf-8")
                best, codes = None, None
                for _ in range(tries):
                    start = time.perf_counter()
                    result = check([path], gazetteer=False)
                    seconds = time.perf_counter() - start
                    best = seconds if best is None else min(best, seconds)
                    codes = sorted({str(getattr(d.code, "code", d.code)) for d in result.diagnostics})
                expected = ["PPK303"] if overrides else ["PPK301"] if rules == 2 else []
                ok &= codes == expected and (k != 14 or best < 1.0)
                shape = "2 rules, overriding" if overrides else f"{rules} rule{'s' if rules > 1 else ''}"
                print(f"{k:>8} terms, {shape:<19} ({path.stat().st_size:>5} bytes): "
                      f"{best:.3f} s, findings {', '.join(codes) or 'none'}", flush=True)
    return ok


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    sizes = [(int(a), REGIONS) for a in args] or list(SIZES)
    print("check: exact analysis of synthetic policies (planted conflicts and gaps)")
    print(f"{'rules':>8} {'kab/kota':>8} {'check s':>8} {'peak MiB':>8} {'findings':>8} {'planted':>7}  "
          "brute-force oracle")
    failed = False
    for n, regions in sizes:
        r = measure(n, regions)
        oracle = run_oracle(r["policy"], r["diags"])
        print(f"{r['n']:>8,} {regions:>8} {r['seconds']:>8.3f} {r['peak_mib']:>8.1f} {r['findings']:>8} "
              f"{'found' if r['ok'] else 'MISSED':>7}  {oracle}", flush=True)
        failed |= not r["ok"] or "DISAGREES" in oracle
    if not args:
        print("products of disjunctions: `ppkm check` of one file, best of 3 (target: 14 terms under 1 s)")
        failed |= not time_products()
        print("worst case: random, heavily overlapping rules (most pairs conflict)")
        for n in (300, 1_000):
            policy = overlapping_policy(n)
            start = time.perf_counter()
            diags = analyse(policy)
            print(f"{n:>8,} rules: {len(diags):,} findings in {time.perf_counter() - start:.2f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
