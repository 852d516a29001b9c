"""A grammar-aware generator of *valid* policy text, for fuzzing the checker, the evaluator and
the formatter (the other fuzzers of tests/language/test_robustness.py make broken text).

A drawn policy is a folder of two or three files: `vocab.ppkm` declares facts of every type
(enum, enum with a group, ordered enum, int with bounds, number, percent, time, date, bool,
region) and the measures (text too); `a.ppkm` holds one instrument (its `in_force` dates drawn
from a pool that includes the edges of the calendar), a region set, rules with nested
conditions, `overrides` and rules that decide derived facts, and decision tables of each hit
policy; `b.ppkm`, when drawn, a second instrument that revokes or extends the first, with
rules of its own. Every name is declared and every literal has its fact's type, so the
text parses and lowers without an error; what the analysis then finds (conflicts, gaps,
shadowed rules) is up to the draw. The layout is drawn too (indentation, blank lines, line
breaks, comments), so that the formatter has work to do.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

# Real kab/kota of the 2020 list that ships with ppkm, so region names check clean.
REGIONS = ['"KOTA MEDAN"', '"KAB. BERAU"', '"KOTA SURAKARTA"', '"KAB. SLEMAN"']
# Ordinary days, a leap day and the turn of a year; `policies(edges=True)` adds the first and
# last days of the calendar.
DATES = [dt.date(2020, 2, 29), dt.date(2021, 7, 3), dt.date(2021, 7, 5), dt.date(2021, 7, 10),
         dt.date(2021, 7, 20), dt.date(2021, 12, 31), dt.date(2022, 1, 1)]
EDGE_DATES = [dt.date(1, 1, 1), dt.date(1, 1, 2), dt.date(9999, 12, 30), dt.date(9999, 12, 31)]
TIMES = ["00:00", "06:00", "17:00", "20:59", "21:00", "24:00"]
PERCENTS = ["0%", "5%", "5.5%", "10%", "25%", "100%"]
NUMBERS = ["0", "1.5", "2.5", "10", "99.75"]
KINDS = ["enum", "ordered", "int", "number", "percent", "time", "date", "bool", "region"]  # text: measures only


class Vocab:
    """What the drawn facts and measures are, for drawing well-typed conditions and values."""

    def __init__(self) -> None:
        self.facts: dict[str, tuple] = {}  # name -> (kind, members or bounds)
        self.derived: dict[str, tuple] = {}
        self.measures: dict[str, tuple] = {}
        self.groups: dict[str, str] = {}  # group name -> its enum fact
        self.regionsets: list[str] = []
        self.dates: list[dt.date] = DATES


def _date(d: dt.date) -> str:
    return d.isoformat()


@st.composite
def _fact_decl(draw, vocab: Vocab, name: str, kind: str) -> str:
    doc = draw(st.sampled_from(["", ' "Sebuah fakta."', ' "Fakta dengan \\"kutipan\\"."']))
    if kind in ("enum", "ordered"):
        members = [f"{name}_{x}" for x in "abcd"[: draw(st.integers(2, 4))]]
        vocab.facts[name] = (kind, members)
        if kind == "ordered":
            body = ", ".join(members)
            return f"fact {name}: enum ordered {{ {body} }}{doc}"
        group = f"{name}_grup"
        vocab.groups[group] = name
        first, rest = members[:2], members[2:]
        inner = ", ".join(first)
        tail = "".join(f", {m}" for m in rest)
        return f'fact {name}: enum {{\n  group {group} "Grup" {{ {inner} }}{tail},\n}}{doc}'
    if kind == "int":
        lo = draw(st.sampled_from([0, 1]))
        hi = draw(st.sampled_from([10, 100]))
        vocab.facts[name] = (kind, (lo, hi))
        unit = draw(st.sampled_from(["", ' unit "rumah"']))
        return f"fact {name}: int [{lo}, {hi}]{unit}{doc}"
    vocab.facts[name] = (kind, vocab.dates if kind == "date" else None)
    return f"fact {name}: {kind}{doc}"


def _literal(kind: str, info, draw) -> str:
    if kind in ("enum", "ordered"):
        return draw(st.sampled_from(info))
    if kind == "int":
        lo, hi = info if info else (0, 100)
        return str(draw(st.integers(lo, hi)))
    if kind == "number":
        return draw(st.sampled_from(NUMBERS))
    if kind == "percent":
        return draw(st.sampled_from(PERCENTS))
    if kind == "time":
        return draw(st.sampled_from(TIMES))
    if kind == "date":
        return _date(draw(st.sampled_from(info or DATES)))
    if kind == "bool":
        return draw(st.sampled_from(["true", "false"]))
    if kind == "region":
        return draw(st.sampled_from(REGIONS))
    return draw(st.sampled_from(['"teks"', '"lain"', '""']))


def _ordered_pair(kind: str, info, draw) -> tuple[str, str]:
    """Two literals of a numeric kind, the first not above the second."""
    if kind == "int":
        lo, hi = info
        a, b = sorted((draw(st.integers(lo, hi)), draw(st.integers(lo, hi))))
        return str(a), str(b)
    pool = [_date(d) for d in sorted(info or DATES)] if kind == "date" else \
        {"number": NUMBERS, "percent": PERCENTS, "time": TIMES}[kind]
    i, j = sorted((draw(st.integers(0, len(pool) - 1)), draw(st.integers(0, len(pool) - 1))))
    if kind == "time" and i == j:  # an empty window of time is refused (PPK205); of others, allowed
        i, j = (i, i + 1) if i + 1 < len(pool) else (i - 1, i)
    return pool[i], pool[j]


@st.composite
def _test(draw, vocab: Vocab, tested: dict[str, tuple]) -> str:
    name = draw(st.sampled_from(sorted(tested)))
    kind, info = tested[name]
    if kind == "bool":
        return draw(st.sampled_from([name, f"not {name}", f"{name} == true", f"{name} != false"]))
    if kind in ("enum", "ordered"):
        a = draw(st.sampled_from(info))
        some = sorted(set(draw(st.lists(st.sampled_from(info), min_size=1, max_size=3))))
        forms = [f"{name} == {a}", f"{name} != {a}", f"{name} in {{{', '.join(some)}}}",
                 f"{name} not in {{{', '.join(some)}}}"]
        if kind == "ordered":
            forms += [f"{name} >= {a}", f"{name} < {a}"]
        groups = [g for g, f in vocab.groups.items() if f == name]
        forms += [f"{name} in {g}" for g in groups] + [f"{name} not in {g}" for g in groups]
        return draw(st.sampled_from(forms))
    if kind == "region":
        some = sorted(set(draw(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=3))))
        forms = [f"{name} == {some[0]}", f"{name} in {{{', '.join(some)}}}", f"{name} not in {{{', '.join(some)}}}"]
        forms += [f"{name} in {rs}" for rs in vocab.regionsets] + [f"{name} not in {rs}" for rs in vocab.regionsets]
        return draw(st.sampled_from(forms))
    if kind == "text":
        return f"{name} == {_literal(kind, info, draw)}"
    lo, hi = _ordered_pair(kind, info, draw)
    op = draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
    left, right = draw(st.sampled_from("[(")), draw(st.sampled_from("])"))
    forms = [f"{name} {op} {lo}", f"{name} in {left}{lo}, {hi}{right}",
             f"{lo} {draw(st.sampled_from(['<', '<=']))} {name} {draw(st.sampled_from(['<', '<=']))} {hi}"]
    return draw(st.sampled_from(forms))


def _condition(vocab: Vocab, tested: dict[str, tuple], depth: int = 2):
    leaf = _test(vocab, tested)
    if depth == 0:
        return leaf
    sub = _condition(vocab, tested, depth - 1)
    return st.one_of(
        leaf, leaf, st.just("always"),
        st.tuples(sub, st.sampled_from([" and ", " or ", "\n    and ", " or\n    "]), sub).map("".join),
        sub.map(lambda c: f"not ({c})"), sub.map(lambda c: f"({c})"))


@st.composite
def _rule(draw, vocab: Vocab, rid: str, inst: str, earlier: list[str], targets: dict[str, tuple],
          tested: dict[str, tuple]) -> str:
    when = draw(_condition(vocab, tested))
    names = sorted(set(draw(st.lists(st.sampled_from(sorted(targets)), min_size=1, max_size=2))))
    then = ", ".join(f"{n} = {_literal(*targets[n], draw)}" for n in names)
    lines = [f'rule {rid} "Aturan {rid}" {{', f"  when {when}", f"  then {then}"]
    if earlier and draw(st.booleans()):
        lines.append(f"  overrides {', '.join(sorted(set(draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=2)))))}")
    part = draw(st.sampled_from(["KESATU", "KESATU a", "KESATU b.1", "KEDUA"]))
    lines.append(f'  cite {inst} {part} "kalimat sumber {rid}"')
    lines.append("}")
    return "\n".join(lines)


@st.composite
def _cell(draw, kind: str, info) -> str:
    if draw(st.integers(0, 4)) == 0:
        return "-"
    if kind in ("enum", "ordered"):
        some = sorted(set(draw(st.lists(st.sampled_from(info), min_size=1, max_size=2))))
        return draw(st.sampled_from([some[0], "{" + ", ".join(some) + "}", "not {" + ", ".join(some) + "}"]))
    if kind == "bool":
        return draw(st.sampled_from(["true", "false"]))
    lo, hi = _ordered_pair(kind, info, draw)
    return draw(st.sampled_from([f"< {lo}", f">= {lo}", f"[{lo}, {hi}]", f"({lo}, {hi}]", lo,
                                 f"> {lo} and <= {hi}"]))


@st.composite
def _table(draw, vocab: Vocab, tid: str, inst: str, outputs: dict[str, tuple]) -> str:
    usable = {n: v for n, v in vocab.facts.items() if v[0] != "region"}
    inputs = sorted(set(draw(st.lists(st.sampled_from(sorted(usable)), min_size=1, max_size=2))))
    enum_outputs = {n: v for n, v in outputs.items() if v[0] in ("enum", "ordered")}
    hit = draw(st.sampled_from(["unique", "first", "any"] + (["priority"] if enum_outputs else [])))
    pool = enum_outputs if hit == "priority" else outputs
    out = draw(st.sampled_from(sorted(pool)))
    lines = [f'table {tid} "Tabel {tid}" {{', f"  hit {hit}", f"  inputs {', '.join(inputs)}", f"  outputs {out}"]
    if draw(st.booleans()):
        lines.append(f"  when {draw(_condition(vocab, vocab.facts, 1))}")
    lines.append(f'  cite {inst} KEDUA "tabel {tid}"')
    for _ in range(draw(st.integers(1, 4))):
        cells = " | ".join(draw(_cell(*usable[i])) for i in inputs)
        lines.append(f"  row {cells} -> {_literal(*pool[out], draw)}")
    lines.append("}")
    return "\n".join(lines)


def _instrument(name: str, number: int, first: dt.date, last: dt.date, extra: str = "") -> str:
    return (f'instrument {name} "Instruksi {number}" {{\n  number {number} year 2021\n  signed {_date(first)}\n'
            f"  in_force {_date(first)} to {_date(last)}\n{extra}"
            "  structure { KESATU { a b { 1 2 } } KEDUA }\n}\n")


def _layout(text: str, draw) -> str:
    """The same tokens laid out anyhow: indentation, trailing blanks, blank lines, comments."""
    out = []
    for line in text.split("\n"):
        indent = " " * draw(st.sampled_from([0, 0, 2, 3, 8]))
        trail = draw(st.sampled_from(["", "", "  ", "   # catatan"]))
        out.append(indent + line.strip() + (trail if line.strip() and not line.strip().startswith("#") else ""))
        if draw(st.integers(0, 9)) == 0:
            out.append("")
    return "\n".join(out) + "\n"


@st.composite
def policies(draw, edges: bool = False) -> dict[str, str]:
    """File name -> text of one valid policy folder; with `edges`, dates (of `in_force` and
    in conditions) include the first and last days of the calendar."""
    vocab = Vocab()
    if edges:
        vocab.dates = sorted(DATES + EDGE_DATES)
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=2, max_size=6))
    facts = [draw(_fact_decl(vocab, f"f{i}", kind)) for i, kind in enumerate(kinds)]
    derived = []
    for i in range(draw(st.integers(0, 2))):
        name = f"z{i}"
        if draw(st.booleans()):
            members = [f"{name}_lo", f"{name}_hi"]
            vocab.derived[name] = ("ordered", members)
            derived.append(f"fact {name}: enum ordered {{ {', '.join(members)} }} derived")
        else:
            vocab.derived[name] = ("bool", None)
            derived.append(f'fact {name}: bool derived "Turunan."')
    measures = []
    for i in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["bool", "int", "number", "percent", "time", "enum", "text"]))
        name = f"m{i}"
        if kind == "enum":
            members = [f"{name}_buka", f"{name}_tutup", f"{name}_sebagian"]
            vocab.measures[name] = ("ordered", members)
            measures.append(f"measure {name}: enum ordered {{ {', '.join(members)} }}")
        else:
            vocab.measures[name] = (kind, (0, 50) if kind == "int" else None)
            measures.append(f"measure {name}: {kind}" + (" [0, 50]" if kind == "int" else "") + ' "Ukuran."')
    vocab_text = "\n".join(facts + derived + measures) + "\n"

    first, last = sorted((draw(st.sampled_from(vocab.dates)), draw(st.sampled_from(vocab.dates))))
    regionset = ""
    if any(v[0] == "region" for v in vocab.facts.values()) and draw(st.booleans()):
        vocab.regionsets.append("raya")
        names = sorted(set(draw(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=3))))
        regionset = 'regionset raya "Wilayah raya" {\n' + "".join(
            f"  {n} cite inst_a KESATU a \"wilayah\"\n" for n in names) + "}\n"

    # Derived facts are decided first (by rules that test inputs only), then tested by the
    # other rules: no cycle.
    items, rule_ids = [], []
    for i, name in enumerate(sorted(vocab.derived)):
        rid = f"turunan_{i}"
        items.append(draw(_rule(vocab, rid, "inst_a", [], {name: vocab.derived[name]}, vocab.facts)))
        rule_ids.append(rid)
    tested = {**vocab.facts, **vocab.derived}
    for i in range(draw(st.integers(1, 5))):
        rid = f"r{i}"
        items.append(draw(_rule(vocab, rid, "inst_a", list(rule_ids), vocab.measures, tested)))
        rule_ids.append(rid)
    tables = draw(st.integers(0, 2)) if any(v[0] != "region" for v in vocab.facts.values()) else 0
    for i in range(tables):
        items.append(draw(_table(vocab, f"t{i}", "inst_a", vocab.measures)))
    a_text = "import vocab\n\n" + _instrument("inst_a", 1, first, last) + regionset + "\n".join(items) + "\n"
    files = {"vocab.ppkm": vocab_text, "a.ppkm": a_text}

    if draw(st.booleans()):
        b_first, b_last = sorted((draw(st.sampled_from(vocab.dates)), draw(st.sampled_from(vocab.dates))))
        relation = draw(st.sampled_from(["revokes", "extends"]))
        extra = f'  {relation} inst_a cite inst_b KESATU "{relation}"\n'
        rules = [draw(_rule(vocab, f"s{i}", "inst_b", [], vocab.measures, tested)) for i in range(draw(st.integers(1, 2)))]
        files["b.ppkm"] = ("import vocab\nimport a\n\n" + _instrument("inst_b", 2, b_first, b_last, extra)
                           + "\n".join(rules) + "\n")
    if draw(st.booleans()):
        files = {name: _layout(text, draw) for name, text in files.items()}
    return files


@st.composite
def queries(draw, files: dict[str, str], edges: bool = False):
    """A date and some facts for the policy of `files`, as text a user would give."""
    vocab = Vocab()
    # Read the declared facts back from the generated vocabulary: name, kind, literals.
    for line in files["vocab.ppkm"].splitlines():
        line = line.strip()
        if line.startswith("fact ") and " derived" not in line:
            name, rest = line[5:].split(":", 1)
            vocab.facts[name.strip()] = rest.strip()
    dates = DATES + (EDGE_DATES if edges else [])
    at = draw(st.sampled_from(dates + [dt.date(2021, 7, 4)]))
    given = {}
    for name, decl in vocab.facts.items():
        if not draw(st.booleans()):
            continue
        kind = decl.split()[0]
        if kind == "enum":
            given[name] = draw(st.sampled_from([f"{name}_a", f"{name}_b"]))
        elif kind == "int":
            given[name] = str(draw(st.integers(1, 10)))
        elif kind in ("number", "percent", "time", "date", "bool", "region", "text"):
            pool = {"number": NUMBERS, "percent": PERCENTS + ["7"], "time": TIMES, "date": [_date(d) for d in dates],
                    "bool": ["true", "false"], "region": [r.strip('"') for r in REGIONS],
                    "text": ["teks", "apa saja"]}[kind]
            given[name] = draw(st.sampled_from(pool))
    return at, given
