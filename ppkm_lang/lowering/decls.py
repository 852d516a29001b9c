"""Lowering of the declarations that carry conditions and values: rules, tables, coverages,
examples, assertions, monotonicity, references, interpretations and suppressions."""

from __future__ import annotations

import attrs

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.ir.model import (ENUM, REGION, TIME, TRUE, WINDOW, Allow, And, Assertion, Assign, Citation, Cond,
                                Coverage, Example, Interpretation, Monotone, Policy, Reference, Rule,
                                Table, Term, Type, Value)
from ppkm_lang.lowering import conditions, reuse, windows
from ppkm_lang.lowering.conditions import CondError, Scope, literal
from ppkm_lang.semantics.suggest import did_you_mean
from ppkm_lang.semantics.values import parse_date
from ppkm_lang.syntax import ast
from ppkm_lang.diagnostics.codes import (
    INVALID_LITERAL, MISSING_FIELD, TYPE_MISMATCH, UNKNOWN_NAME, WRONG_TARGET
)


def _citation(c: ast.CitationAst) -> Citation:
    return Citation(c.instrument, c.diktum, c.path, c.text, c.span)


class Context:
    def __init__(self, policy: Policy, scope: Scope, diags: list[Diagnostic]):
        self.policy = policy
        self.scope = scope
        self.diags = diags
        self.instrument: str | None = None
        self._overrides: list[tuple[str, str, object]] = []  # (rule id, overridden name, span)
        self._pers: list[tuple[str, ast.Name]] = []  # (rule id, interpretation named by `per`)
        self._applications: list[reuse.Application] = []

    # -------------------------------------------------------------- helpers
    def _cond(self, cond: ast.CondAst | None) -> Cond:
        return TRUE if cond is None else conditions.lower(self.scope, cond)

    @staticmethod
    def _cites(cites: tuple[ast.CitationAst, ...]) -> tuple[Citation, ...]:
        return tuple(_citation(c) for c in cites)

    def _target_type(self, name: str, span, *, assign: bool) -> Type:
        if name in self.policy.measures:
            return self.policy.measures[name].type
        if name in self.policy.facts:
            fact = self.policy.facts[name]
            if assign and not fact.derived:
                raise CondError(Diagnostic(WRONG_TARGET, f"`{name}` is an input fact; rules give values to measures "
                                           "and derived facts", span,
                                           help=f"declare `fact {name}: ... derived` if rules decide it"))
            return fact.type
        raise CondError(Diagnostic(UNKNOWN_NAME, f"unknown measure `{name}`", span,
                                   help=did_you_mean(name, list(self.policy.measures) + list(self.policy.facts))))

    def value(self, target: str, typ: Type, lit: "ast.Lit | ast.IntervalLit") -> Value:
        if isinstance(lit, ast.IntervalLit) or typ.kind == WINDOW:
            return self._window(target, typ, lit)
        v = literal(lit, typ, target)
        if typ.kind == REGION:
            return Value(REGION, self.scope.resolve_region(v.data, lit))
        return v

    def _window(self, target: str, typ: Type, lit: "ast.Lit | ast.IntervalLit") -> Value:
        if typ.kind != WINDOW:
            raise CondError(Diagnostic(TYPE_MISMATCH, f"`{target}` is {typ.describe()}; a window `[..., ...]` is a "
                                       "value of a `window` measure", lit.span,
                                       help="declare `measure NAME: window` for opening hours"))
        if not isinstance(lit, ast.IntervalLit):
            raise CondError(Diagnostic(TYPE_MISMATCH, f"`{target}` is a window; write its value as `[18:00, 00:00]`",
                                       lit.span, help="a window past midnight: `[22:00, 02:00] overnight`"))
        time = Type(TIME)
        lo, hi = (literal(x, time, target).numeric() for x in (lit.lo, lit.hi))
        return windows.window_value(target, lo, hi, lit)

    def _assigns(self, assignments: tuple[ast.Assignment, ...], *, assign: bool) -> tuple[Assign, ...]:
        out = []
        for a in assignments:
            typ = self._target_type(a.name, a.name_span, assign=assign) if assign else \
                self.scope.fact(a.name, a.name_span).type
            out.append(Assign(a.name, self.value(a.name, typ, a.value), a.span))
        return tuple(out)

    # -------------------------------------------------------------- dispatch
    def lower(self, d: ast.Item) -> None:
        """Lower one declaration into the policy; its first error is reported and the
        declaration left out. A declaration the syntax stage found incomplete (PPK211, already
        reported) is left out silently."""
        try:
            match d:
                case ast.RuleDecl():
                    self._rule(d)
                case ast.TableDecl():
                    self._table(d)
                case ast.CoverageDecl():
                    self._coverage(d)
                case ast.ExampleDecl():
                    self._example(d)
                case ast.AssertDecl():
                    self._assert(d)
                case ast.MonotoneDecl():
                    self._monotone(d)
                case ast.ReferenceDecl():
                    self._reference(d)
                case ast.InterpretationDecl():
                    self._interpretation(d)
        except CondError as exc:
            self.diags.append(attrs.evolve(exc.diagnostic, subject=exc.diagnostic.subject or d.name))

    def _rule(self, d: ast.RuleDecl) -> None:
        if not d.then and d.apply is None:
            return
        when = self._cond(d.when)
        then = self._assigns(d.then, assign=True)
        if d.apply is not None:
            self._apply(d, when)
        for name in d.overrides:
            self._overrides.append((d.name, name.text, name.span))
        self._pers.extend((d.name, p) for p in d.per)
        if then:
            self.policy.rules[d.name] = Rule(
                d.name, d.title, self.instrument, when, then, self._cites(d.cites), frozenset(),
                tuple(p.text for p in d.per), doc=d.doc, span=d.span)

    def _apply(self, d: "ast.RuleDecl | ast.TableDecl", when: Cond) -> None:
        for a in d.apply.facts:  # the facts of `as` and their values are checked here, in place
            reuse.point(self.scope, a)
        self._applications.append(reuse.application(d, self.instrument, when, self._cites(d.cites)))

    def _table(self, d: ast.TableDecl) -> None:
        if d.apply is not None:
            self._apply(d, self._cond(d.when))
            if not d.outputs:
                self._pers.extend((d.name, p) for p in d.per)
        if not d.outputs:
            return
        hit = d.hit or "unique"
        in_types = [self.scope.fact(w.text, w.span) for w in d.inputs]
        out_types = [self._target_type(w.text, w.span, assign=True) for w in d.outputs]
        when = self._cond(d.when)
        ids = []
        for i, row in enumerate(d.rows, start=1):
            if not d.fits(row):  # PPK208, reported by the syntax stage
                continue
            rid = f"{d.name}#{i}"
            try:
                ids.append(self._row(d, rid, i, row, out_types, when))
            except CondError as exc:
                self.diags.append(attrs.evolve(exc.diagnostic, subject=rid))
        self._precedence(hit, ids, out_types)
        inputs, outputs = tuple(w.text for w in d.inputs), tuple(w.text for w in d.outputs)
        cites = self._cites(d.cites)
        self.policy.tables[d.name] = Table(d.name, d.title, hit, inputs, outputs, when, tuple(ids), cites, d.span)
        if d.covers is not None:
            domain = And((when, self._cond(d.covers)))
            self.policy.coverages[d.name] = Coverage(d.name, outputs, domain, self.instrument, cites, d.span)
        elif in_types and all(t.type.is_numeric for t in in_types):
            # A numeric table without `covers` is still checked over its inputs' declared range,
            # but its gaps are warnings (coverage was not declared).
            self.policy.coverages[d.name] = Coverage(d.name, outputs, when, self.instrument, cites, d.span,
                                                     declared=False)

    def _row(self, d: ast.TableDecl, rid: str, index: int, row: ast.Row, out_types: list[Type], when: Cond) -> str:
        cells = [conditions.lower_cell(self.scope, w.text, c) for w, c in zip(d.inputs, row.cells)]
        then = tuple(Assign(w.text, self.value(w.text, t, lit), lit.span)
                     for w, t, lit in zip(d.outputs, out_types, row.outputs))
        for name in row.overrides:
            self._overrides.append((rid, name.text, name.span))
        self._pers.extend((rid, p) for p in row.per)
        parts = tuple(c for c in [when] + cells if c != TRUE)
        cond = TRUE if not parts else parts[0] if len(parts) == 1 else And(parts)
        self.policy.rules[rid] = Rule(rid, d.title, self.instrument, cond, then, self._cites(row.cites), frozenset(),
                                      tuple(p.text for p in row.per), table=d.name, row=index, span=row.span)
        return rid

    def _precedence(self, hit: str, ids: list[str], out_types: list[Type]) -> None:
        rules = self.policy.rules
        for i, rid in enumerate(ids):
            beats: set[str] = set()
            if hit == "first":
                beats = set(ids[i + 1:])
            elif hit == "priority" and out_types and out_types[0].kind == ENUM:
                order = out_types[0].values
                mine = order.index(rules[rid].then[0].value.data)
                beats = {o for o in ids if order.index(rules[o].then[0].value.data) > mine}
            if beats:
                rules[rid] = attrs.evolve(rules[rid], overrides=rules[rid].overrides | beats)

    def _coverage(self, d: ast.CoverageDecl) -> None:
        for w in d.of:
            self._target_type(w.text, w.span, assign=True)
        self.policy.coverages[d.name] = Coverage(d.name, tuple(w.text for w in d.of), self._cond(d.covers),
                                                 self.instrument, self._cites(d.cites), d.span)

    def _example(self, d: ast.ExampleDecl) -> None:
        if d.at is None:
            return
        at = parse_date(d.at.text)
        if at is None:
            raise CondError(Diagnostic(INVALID_LITERAL, f"`{d.at.text}` is not a calendar date", d.at.span))
        given = self._assigns(d.given, assign=False)
        expect = self._assigns(d.expect, assign=True)
        undetermined = []
        for w in d.undetermined:
            self._target_type(w.text, w.span, assign=True)
            undetermined.append(w.text)
        self.policy.examples[d.name] = Example(d.name, d.title, at, given, expect, tuple(undetermined),
                                               d.no_instrument, self._cites(d.cites), self.instrument, d.span)

    def _assert(self, d: ast.AssertDecl) -> None:
        req = d.require
        if req is None:
            return
        measures = [t.value.text for t in req.lhs + req.rhs if t.value.kind == "name"]
        types = [self._target_type(m, d.span, assign=True) for m in measures]
        kinds = {t.kind for t in types}
        if len(kinds) > 1 or (types and not types[0].is_numeric):
            raise CondError(Diagnostic(TYPE_MISMATCH, "an assertion adds and compares numeric measures of one unit",
                                       req.span))
        typ = types[0] if types else None

        def terms(side: tuple[ast.SumTerm, ...]) -> tuple[Term, ...]:
            out = []
            for t in side:
                if t.value.kind == "name":
                    out.append(Term(t.sign, measure=t.value.text))
                elif typ is None:
                    raise CondError(Diagnostic(MISSING_FIELD, "an assertion names at least one measure", t.value.span))
                else:
                    out.append(Term(t.sign, value=self.value("the assertion", Type(typ.kind), t.value)))
            return tuple(out)
        self.policy.assertions[d.name] = Assertion(d.name, d.title, self._cond(d.when), terms(req.lhs), req.op,
                                                   terms(req.rhs), self._cites(d.cites), d.span)

    def _monotone(self, d: ast.MonotoneDecl) -> None:
        if d.spec is None:
            return
        m, over = d.spec.measure, d.spec.over
        mtype = self._target_type(m.text, m.span, assign=True)
        fact = self.scope.fact(over.text, over.span)
        if fact.type.kind != ENUM or not fact.type.ordered:
            raise CondError(Diagnostic(TYPE_MISMATCH, f"`{over.text}` must be an `ordered` enum fact", over.span))
        if not (mtype.is_numeric or (mtype.kind == ENUM and mtype.ordered)):
            raise CondError(Diagnostic(TYPE_MISMATCH, f"`{m.text}` must be numeric or an `ordered` enum", m.span))
        self.policy.monotones[d.name] = Monotone(d.name, d.title, m.text, d.spec.direction, over.text,
                                                 self._cond(d.when), self._cites(d.cites), d.span)

    def _reference(self, d: ast.ReferenceDecl) -> None:
        if d.at is None or d.to is None:
            return
        concerning = d.concerning
        if concerning and concerning.text not in self.policy.measures and concerning.text not in self.policy.facts:
            raise CondError(Diagnostic(UNKNOWN_NAME, f"unknown fact or measure `{concerning.text}`", concerning.span))
        self.policy.references[d.name] = Reference(d.name, _citation(d.at), d.to.instrument.text, d.to.diktum.text,
                                                   d.to.path, concerning.text if concerning else None, d.span)

    def _interpretation(self, d: ast.InterpretationDecl) -> None:
        self.policy.interpretations[d.name] = Interpretation(d.name, d.title, d.question, d.decision, d.reason,
                                                             self._cites(d.cites), d.span)

    def allow(self, a: ast.AllowDecl) -> None:
        self.policy.allows.append(Allow(a.code, a.target, a.reason, a.span))

    # -------------------------------------------------------------- after all declarations
    def finish(self) -> None:
        rules = self.policy.rules
        extra: dict[str, set[str]] = {}
        applying = {a.rule for a in self._applications}
        over_applied: dict[str, set[str]] = {}  # applying rule -> rules that override it
        for rid, name, span in self._overrides:
            if name in applying:
                over_applied.setdefault(name, set()).add(rid)
                if name in self.policy.tables:
                    extra.setdefault(rid, set()).update(self.policy.tables[name].rows)
                elif name in rules:
                    extra.setdefault(rid, set()).add(name)
            elif name in rules:
                extra.setdefault(rid, set()).add(name)
            elif name in self.policy.tables:
                extra.setdefault(rid, set()).update(self.policy.tables[name].rows)
            else:
                self.diags.append(Diagnostic(UNKNOWN_NAME, f"`{name}` is not a rule or table", span, subject=rid,
                                             help=did_you_mean(name, list(rules) + list(self.policy.tables))))
        for rid, names in extra.items():
            if rid in rules:
                rules[rid] = attrs.evolve(rules[rid], overrides=rules[rid].overrides | names)
        if self._applications:
            expander = reuse.Expander(self.policy, self.scope, self._applications, self.diags)
            made = expander.run()
            expander.settle_precedence(over_applied)
            for name, rids in over_applied.items():  # overriding an applying rule overrides what it made
                for rid in rids:
                    if rid in rules:
                        rules[rid] = attrs.evolve(rules[rid], overrides=rules[rid].overrides | set(made.get(name, ())))
        for rid, p in self._pers:
            if (rid in rules or rid in applying) and p.text not in self.policy.interpretations:
                self.diags.append(Diagnostic(UNKNOWN_NAME, f"unknown interpretation `{p.text}`", p.span, subject=rid,
                                             help=did_you_mean(p.text, self.policy.interpretations)))


__all__ = ["Context"]
