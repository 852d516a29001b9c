"""A plan (`sql.plan`) as a sqlglot syntax tree, printed for one dialect.

The query has four levels, so that every condition is written and evaluated once per row:

    SELECT <passed-through columns>, <target>, <target>_cite, <target>_status, ...,
           row_status, row_message
    FROM (SELECT *, <one small integer per target: the row's cell>        -- __ppkm_k_<target>
          FROM (SELECT *, <the row's first bad input>                       -- __ppkm_bad
                FROM (SELECT *, <the row's period group>,                   -- __ppkm_g
                             <the class of each enum and region value>      -- __ppkm_c_<fact>
                      FROM <source>) AS __ppkm_0) AS __ppkm_a) AS __ppkm_b

sqlglot writes the dialect's quoting, literals and types (`STRING` for Spark, `VARCHAR` for
DuckDB and PostgreSQL, `* EXCEPT` or `* EXCLUDE`), so one tree serves every dialect.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import sqlglot
from sqlglot import exp

from ppkm_lang.analysis.space import NEG, OTHER_REGION, POS, Space
from ppkm_lang.diagnostics.codes import INVALID_FACT_VALUE, MALFORMED_INPUT
from ppkm_lang.eval.inputs import region_names
from ppkm_lang.ir.model import BOOL, DATE, ENUM, INT, NUMBER, PERCENT, REGION, TIME, Type, Value
from ppkm_lang.sql.plan import CONFLICTING, NO_INSTRUMENT, OK, Plan, Result

AT = "at"
ROW_STATUS, ROW_MESSAGE = "row_status", "row_message"  # a policy may have a measure named `status`
PREFIX = "__ppkm_"
GROUP, BAD = PREFIX + "g", PREFIX + "bad"
DIALECTS = ("duckdb", "spark", "postgres")
_EXCEPT = {"duckdb", "spark"}  # dialects with `SELECT * EXCLUDE/EXCEPT (...)`

SQL_TYPES = {ENUM: "VARCHAR", REGION: "VARCHAR", BOOL: "BOOLEAN", INT: "BIGINT", NUMBER: "DOUBLE",
             PERCENT: "DOUBLE", TIME: "INT", DATE: "DATE"}


def sql_type(t: Type) -> str:
    return SQL_TYPES.get(t.kind, "VARCHAR")


def col(name: str) -> exp.Column:
    return exp.column(name, quoted=True)


def text(s: str) -> exp.Literal:
    return exp.Literal.string(s)


def number(x) -> exp.Expression:
    """An exact decimal literal for an int, Decimal or Fraction."""
    if isinstance(x, Fraction):
        if x.denominator == 1:
            x = x.numerator
        else:
            d = Decimal(x.numerator) / Decimal(x.denominator)
            x = d if Fraction(d) == x else float(x)
    if isinstance(x, Decimal):
        s = format(x.normalize(), "f") if x == x.to_integral_value() else format(x, "f")
        return exp.Literal.number(s)
    return exp.Literal.number(str(x))


def date(day: dt.date) -> exp.Expression:
    return exp.cast(text(day.isoformat()), "DATE", copy=False)


def literal(v: Value) -> exp.Expression:
    if v.kind == BOOL:
        return exp.Boolean(this=bool(v.data))
    if v.kind == DATE:
        return date(v.data)
    if v.kind in (INT, NUMBER, PERCENT, TIME):
        return number(v.data)
    return text(str(v.data))


def ids(values) -> exp.Expression:
    values = list(values)
    if len(values) == 1:
        return exp.Literal.number(values[0])
    return exp.Tuple(expressions=[exp.Literal.number(v) for v in values])


def is_in(e: exp.Expression, values) -> exp.Expression:
    values = list(values)
    if len(values) == 1:
        return exp.EQ(this=e, expression=exp.Literal.number(values[0]))
    return exp.In(this=e, expressions=[exp.Literal.number(v) for v in values])


def _select(expressions, source) -> exp.Select:
    return exp.Select(expressions=list(expressions), from_=exp.From(this=source))


def neg(e: exp.Expression) -> exp.Expression:
    """NOT (e): sqlglot does not add the parentheses itself."""
    return exp.Not(this=exp.Paren(this=e))


def case(pairs, default=None) -> exp.Expression:
    c = exp.Case(ifs=[exp.If(this=cond, true=val) for cond, val in pairs])
    if default is not None:
        c.set("default", default)
    return c


# ---------------------------------------------------------------------------- conditions


class Conditions:
    """Boxes of the analysis space as SQL conditions on the typed columns. An enum or region
    column is first mapped to the number of its *class* (members that no condition of the
    query tells apart; NULL for a value that is not a member), so a long list of kab/kota is
    written once, not in every condition that tests it."""

    def __init__(self, space: Space, plan: Plan):
        self.space = space
        self.plan = plan
        self.classes: dict[str, list[list[str]]] = {}
        self.class_of: dict[str, dict[str, int]] = {}
        sets: dict[str, set] = {}
        for lists in plan.lists.values():
            for cells in lists:
                for box, _ in cells:
                    for d, v in box.items():
                        if space.dims[d].finite:
                            sets.setdefault(d, set()).add(v)
        for name in plan.columns:
            kind = plan.policy.facts[name].type.kind
            if kind not in (ENUM, REGION):
                continue
            members = list(plan.policy.facts[name].type.values) if kind == ENUM else sorted(region_names(plan.policy))
            dim = space.dims.get(name)
            tests = sorted(sets.get(name, ()), key=lambda x: sorted(x))
            by_sig: dict[tuple, list[str]] = {}
            for v in members:
                key = v if dim is None or v in dim.full else OTHER_REGION
                by_sig.setdefault(tuple(key in t for t in tests), []).append(v)
            self.classes[name] = list(by_sig.values())
            self.class_of[name] = {v: i for i, ms in enumerate(self.classes[name]) for v in ms}
            if dim is not None and OTHER_REGION in dim.full:
                # Without a gazetteer, the names the conditions never mention are "any other
                # kab/kota": a set holding that member holds their class.
                other = tuple(OTHER_REGION in t for t in tests)
                if other in by_sig:
                    self.class_of[name][OTHER_REGION] = list(by_sig).index(other)

    def class_column(self, name: str, enums: dict | None = None) -> exp.Expression:
        """The class number of the column's value; NULL for a value outside the members.
        With `enums` (DuckDB only), through an ENUM type of the members, whose name and
        members are put in `enums` for the caller to create: one hash lookup a row rather
        than a test of each class's IN list (a join each, in DuckDB)."""
        if enums is not None and self.classes[name]:
            members = sorted({v for ms in self.classes[name] for v in ms})
            of = self.class_of[name]
            type_name = f"{PREFIX}e{list(self.plan.policy.facts).index(name)}"
            enums[type_name] = members
            quoted = '"' + name.replace('"', '""') + '"'
            return sqlglot.parse_one(f"([{', '.join(str(of[v]) for v in members)}])"
                                     f"[enum_code(TRY_CAST({quoted} AS {type_name})) + 1]", read="duckdb")
        pairs = []
        for i, ms in enumerate(self.classes[name]):
            test = exp.EQ(this=col(name), expression=text(ms[0])) if len(ms) == 1 else \
                exp.In(this=col(name), expressions=[text(v) for v in ms])
            pairs.append((test, exp.Literal.number(i)))
        return case(pairs)

    def box(self, box) -> exp.Expression | None:
        parts = [p for d in sorted(box) if (p := self.dim(d, box[d])) is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else exp.and_(*parts, copy=False)

    def dim(self, d: str, s) -> exp.Expression | None:
        dim = self.space.dims[d]
        c = col(d)
        if dim.finite:
            return self._finite(dim, c, s)
        full = dim.full
        lo0, lc0 = (full[0][0], full[0][1]) if full else (NEG, False)
        hi0, hc0 = (full[-1][2], full[-1][3]) if full else (POS, False)
        pieces = []
        for lo, lc, hi, hc in s:
            if lo == hi and lo not in (NEG, POS):
                pieces.append(exp.EQ(this=c, expression=self._point(dim, lo)))
                continue
            ends = []
            if lo != NEG and (lo, lc) != (lo0, lc0):
                ends.append((exp.GTE if lc else exp.GT)(this=c, expression=self._point(dim, lo)))
            if hi != POS and (hi, hc) != (hi0, hc0):
                ends.append((exp.LTE if hc else exp.LT)(this=c, expression=self._point(dim, hi)))
            if not ends:
                return None
            pieces.append(ends[0] if len(ends) == 1 else exp.and_(*ends, copy=False))
        if not pieces:
            return exp.false()
        return pieces[0] if len(pieces) == 1 else exp.paren(exp.or_(*pieces, copy=False), copy=False)

    def _point(self, dim, x) -> exp.Expression:
        if dim.kind == DATE:
            return date(dt.date.fromordinal(int(x)))
        return number(x)

    def _finite(self, dim, c, s) -> exp.Expression | None:
        if s == dim.full:
            return None
        if dim.kind == BOOL:
            if len(s) != 1:
                return None if s else exp.false()
            return exp.EQ(this=c, expression=exp.Boolean(this=next(iter(s)) == "true"))
        of = self.class_of[dim.name]
        inside = sorted({of[v] for v in s if v in of})
        outside = [i for i in range(len(self.classes[dim.name])) if i not in inside]
        k = col(PREFIX + "c_" + dim.name)
        if not outside:
            return None
        if not inside:
            return exp.false()
        if len(outside) < len(inside):
            return neg(_in(k, outside))
        return _in(k, inside)


def _size(e) -> int:
    return 1 << 30 if e is None else sum(1 for _ in e.walk())


def _in(e, values) -> exp.Expression:
    if len(values) == 1:
        return exp.EQ(this=e, expression=exp.Literal.number(values[0]))
    return exp.In(this=e, expressions=[exp.Literal.number(v) for v in values])


# ---------------------------------------------------------------------------- inputs


def validity(policy, name: str) -> tuple[exp.Expression | None, str]:
    """The condition an input value must meet (None: any value of the column's type) and what
    the message says when it does not."""
    t = policy.facts[name].type
    c = col(name)
    if t.kind == ENUM:
        return neg(exp.Is(this=col(PREFIX + "c_" + name), expression=exp.Null())), \
            "is not one of " + ", ".join(t.values)
    if t.kind == REGION:
        where = "of the gazetteer" if policy.region_universe is not None else "the policy names"
        return neg(exp.Is(this=col(PREFIX + "c_" + name), expression=exp.Null())), \
            f"is not a kab/kota {where}"
    if t.is_numeric and (t.lo is not None or t.hi is not None):
        ends = []
        point = (lambda x: date(dt.date.fromordinal(int(x)))) if t.kind == DATE else number
        if t.lo is not None:
            ends.append(exp.GTE(this=c, expression=point(t.lo)))
        if t.hi is not None:
            ends.append(exp.LTE(this=c, expression=point(t.hi)))
        return (ends[0] if len(ends) == 1 else exp.and_(*ends, copy=False)), f"is outside the range of `{name}` ({t.describe()})"
    return None, ""


def bad_inputs(plan: Plan):
    """(condition, code, message expression) for each way a row's inputs can be bad, in order."""
    out = [(exp.Is(this=col(AT), expression=exp.Null()), MALFORMED_INPUT, text("the `at` cell is empty"))]
    for name in plan.columns:
        out.append((exp.Is(this=col(name), expression=exp.Null()), MALFORMED_INPUT,
                    text(f"the `{name}` cell is empty")))
        cond, why = validity(plan.policy, name)
        if cond is not None:
            shown = exp.cast(col(name), "VARCHAR", copy=False)
            out.append((neg(cond), INVALID_FACT_VALUE,
                        exp.Concat(expressions=[text(f"`{name}` = "), shown, text(" " + why)])))
    return out


# ---------------------------------------------------------------------------- the query


def build_query(plan: Plan, space: Space, *, dialect: str, source: str, passthrough=None,
                ids: dict | None = None, enums: dict | None = None) -> exp.Select:
    """The query. With `ids` (a dict, filled here), each target is one column of the same
    name holding the id of the row's result (NULL on a row with a bad input) rather than
    its value, citation and status, and `ids[target]` lists the `Result` of each id, in id
    order: the batch writer turns ids into cells through dictionaries, once per distinct
    result rather than once per row. With `enums` (a dict, filled here; DuckDB), the class of
    an enum or region value is found through an ENUM type (`Conditions.class_column`)."""
    conds = Conditions(space, plan)
    # Periods with the same instruments in force share a group (and their decision lists).
    groups: dict[tuple[str, ...], int] = {}
    period_group = [groups.setdefault(p.in_force, len(groups)) for p in plan.periods]
    at = col(AT)
    pairs = []
    for i, p in enumerate(plan.periods[:-1]):
        if period_group[i] != period_group[i + 1]:
            pairs.append((exp.LTE(this=at, expression=date(p.last)), exp.Literal.number(period_group[i])))
    last = exp.Literal.number(period_group[-1])
    group_expr = case(pairs, last) if pairs else last

    classes = [exp.alias_(conds.class_column(c, enums), PREFIX + "c_" + c, quoted=True, copy=False)
               for c in conds.classes]
    first = _select([exp.Star(), exp.alias_(group_expr, GROUP, quoted=True, copy=False), *classes],
                    exp.Table(this=exp.to_identifier(source, quoted=True)))
    bad = bad_inputs(plan)
    bad_expr = case([(cond, exp.Literal.number(i + 1)) for i, (cond, _, _) in enumerate(bad)])
    inner = _select([exp.Star(), exp.alias_(bad_expr, BAD, quoted=True, copy=False)], first.subquery(PREFIX + "0", copy=False))

    # One small integer per target: the id of its result for the row.
    results: dict[str, dict[Result, int]] = {}
    k_cols = []
    for t in plan.targets:
        rid: dict[Result, int] = {}
        by_list: dict[tuple, list[int]] = {}
        first_of_group: dict[int, int] = {}
        for i, g in enumerate(period_group):
            first_of_group.setdefault(g, i)
        lists: dict[tuple, tuple] = {}
        for g, i in first_of_group.items():
            cells = plan.lists[t][i]
            key = tuple((tuple(sorted(box.items())), r) for box, r in cells)
            lists.setdefault(key, cells)
            by_list.setdefault(key, []).append(g)
        branches = []
        for key, gs in by_list.items():
            branches.append((gs, _cells_expr(conds, lists[key], rid)))
        results[t] = rid
        pairs = [(neg(exp.Is(this=col(BAD), expression=exp.Null())), exp.Null())]
        if len(branches) == 1:
            body = case(pairs, branches[0][1])
        else:
            pairs += [(is_in(col(GROUP), gs), e) for gs, e in branches[:-1]]
            body = case(pairs, branches[-1][1])
        k_cols.append(exp.alias_(body, PREFIX + "k_" + t, quoted=True, copy=False))
    middle = _select([exp.Star(), *k_cols], inner.subquery(PREFIX + "a", copy=False))

    outputs = []
    if passthrough is not None:
        outputs.extend(col(c) for c in passthrough)
    elif dialect in _EXCEPT:
        hidden = [AT, *plan.columns, GROUP, *(PREFIX + "c_" + c for c in conds.classes), BAD,
                  *(PREFIX + "k_" + t for t in plan.targets)]
        outputs.append(exp.Star(except_=[col(c) for c in hidden]))
    conflict_conds = []
    for t in plan.targets:
        k = col(PREFIX + "k_" + t)
        rid = results[t]
        if ids is not None:
            ids[t] = sorted(rid, key=rid.__getitem__)
            outputs.append(exp.alias_(k, t, quoted=True, copy=False))
            conflicting = [i for r, i in rid.items() if r.status == CONFLICTING]
            if conflicting:
                conflict_conds.append((t, is_in(k, conflicting)))
            continue
        typ = sql_type(plan.output_type(t))
        by_value: dict[str, tuple[exp.Expression, list[int]]] = {}
        by_cite: dict[str, list[int]] = {}
        by_status: dict[str, list[int]] = {}
        for r, i in rid.items():
            if r.status == OK:
                lit = literal(r.value)
                by_value.setdefault((r.value.kind, str(r.value)), (lit, []))[1].append(i)
                by_cite.setdefault(r.cite, []).append(i)
            by_status.setdefault(r.status, []).append(i)
        value = case([(is_in(k, i), lit) for lit, i in by_value.values()]) if by_value else exp.Null()
        outputs.append(exp.alias_(exp.cast(value, typ, copy=False), t, quoted=True, copy=False))
        cite = case([(is_in(k, i), text(c)) for c, i in by_cite.items()]) if by_cite else exp.Null()
        outputs.append(exp.alias_(exp.cast(cite, "VARCHAR", copy=False), t + "_cite", quoted=True, copy=False))
        status = case([(is_in(k, i), text(s)) for s, i in by_status.items()])
        outputs.append(exp.alias_(exp.cast(status, "VARCHAR", copy=False), t + "_status", quoted=True, copy=False))
        if CONFLICTING in by_status:
            conflict_conds.append((t, is_in(k, by_status[CONFLICTING])))

    bad_col = col(BAD)
    by_code: dict[str, list[int]] = {}
    for i, (_, code, _) in enumerate(bad):
        by_code.setdefault(str(code), []).append(i + 1)
    status_pairs = [(is_in(bad_col, i), text(c)) for c, i in by_code.items()]
    message_pairs = [(exp.EQ(this=bad_col, expression=exp.Literal.number(i + 1)), m) for i, (_, _, m) in enumerate(bad)]
    empty = sorted({period_group[i] for i, p in enumerate(plan.periods) if not p.in_force})
    if empty:
        status_pairs.append((is_in(col(GROUP), empty), text(NO_INSTRUMENT)))
        message_pairs.append((is_in(col(GROUP), empty),
                              exp.Concat(expressions=[text("no instrument in force on "), exp.cast(at, "VARCHAR", copy=False)])))
    if conflict_conds:
        any_conflict = exp.or_(*(c for _, c in conflict_conds), copy=False) if len(conflict_conds) > 1 else conflict_conds[0][1]
        status_pairs.append((any_conflict, text(CONFLICTING)))
        names = [case([(c, text(f" `{t}`"))], text("")) for t, c in conflict_conds]
        message_pairs.append((any_conflict, exp.Concat(expressions=[text("the rules disagree on:"), *names])))
    outputs.append(exp.alias_(case(status_pairs, text(OK)), ROW_STATUS, quoted=True, copy=False))
    message = case(message_pairs) if message_pairs else exp.Null()
    outputs.append(exp.alias_(exp.cast(message, "VARCHAR", copy=False), ROW_MESSAGE, quoted=True, copy=False))
    return _select(outputs, middle.subquery(PREFIX + "b", copy=False))


def _cells_expr(conds: Conditions, cells, rid: dict) -> exp.Expression:
    """A decision list as a CASE giving each cell's result id; the cell with the longest
    condition is the ELSE (the cells cover every row)."""
    numbered = []
    for box, result in cells:
        i = rid.setdefault(result, len(rid))
        numbered.append((conds.box(box), i))
    if len(numbered) == 1 or len({i for _, i in numbered}) == 1:
        return exp.Literal.number(numbered[0][1])
    longest = max(range(len(numbered)), key=lambda j: _size(numbered[j][0]))
    rest = [(c, exp.Literal.number(i)) for j, (c, i) in enumerate(numbered) if j != longest]
    return case(rest, exp.Literal.number(numbered[longest][1]))


__all__ = ["build_query", "sql_type", "DIALECTS", "AT", "ROW_STATUS", "ROW_MESSAGE"]
