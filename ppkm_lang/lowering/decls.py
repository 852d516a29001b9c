"""Lowering of the declarations that carry conditions and values: rules, tables, coverages,
examples, assertions, monotonicity, references, interpretations and suppressions."""

from __future__ import annotations

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.ir.model import (ENUM, REGION, TRUE, Allow, And, Assertion, Assign, Citation, Cond,
                                Coverage, Example, Interpretation, Monotone, Policy, Reference, Rule,
                                Table, Term, Type, Value)
from ppkm_lang.lowering import conditions
from ppkm_lang.lowering.conditions import CondError, Scope
from ppkm_lang.semantics.suggest import did_you_mean
from ppkm_lang.semantics.values import LiteralError, parse_date, to_value
from ppkm_lang.syntax import ast
from ppkm_lang.diagnostics.codes import (
    DUPLICATE_FIELD, INVALID_LITERAL, MISSING_FIELD, TABLE_SHAPE, TYPE_MISMATCH, UNKNOWN_NAME,
    WRONG_TARGET
)

_SINGLE = {"when", "hit", "inputs", "outputs", "covers", "question", "decision", "reason", "at", "doc",
           "require", "measure", "to", "concerning", "of"}


def _citation(c: ast.CitationAst) -> Citation:
    return Citation(c.instrument, c.diktum, c.path, c.text, c.span)


class Context:
    def __init__(self, policy: Policy, scope: Scope, diags: list[Diagnostic]):
        self.policy = policy
        self.scope = scope
        self.diags = diags
        self.instrument: str | None = None
        self._overrides: list[tuple[str, str, object]] = []  # (rule id, overridden name, span)

    # -------------------------------------------------------------- helpers
    def _fields(self, d: ast.Decl) -> dict[str, list]:
        out: dict[str, list] = {}
        for name, payload, span in d.fields:
            if name in _SINGLE and name in out:
                self.diags.append(Diagnostic(DUPLICATE_FIELD, f"`{name}` is given twice in {d.keyword} `{d.name}`",
                                             span, subject=d.name))
                continue
            out.setdefault(name, []).append((payload, span))
        return out

    def _cond(self, fields, key="when") -> Cond:
        if key not in fields:
            return TRUE
        (payload, _span), = fields[key][:1]
        return conditions.lower(self.scope, payload[0])

    def _cites(self, fields) -> tuple[Citation, ...]:
        return tuple(_citation(p) for p, _ in fields.get("cite", []))

    def _words(self, fields, key) -> list:
        return [w for payload, _ in fields.get(key, []) for w in payload if isinstance(w, ast.Lit)]

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

    def value(self, target: str, typ: Type, lit: ast.Lit) -> Value:
        try:
            v = to_value(lit, typ, target)
        except LiteralError as exc:
            raise CondError(exc.diagnostic) from None
        if typ.kind == REGION:
            return Value(REGION, self.scope.resolve_region(v.data, lit))
        return v

    def _assigns(self, payload: list, *, assign: bool) -> tuple[Assign, ...]:
        out = []
        for a in payload:
            if not isinstance(a, ast.Assignment):
                continue
            typ = self._target_type(a.name, a.name_span, assign=assign) if assign else \
                self.scope.fact(a.name, a.name_span).type
            out.append(Assign(a.name, self.value(a.name, typ, a.value), a.span))
        return tuple(out)

    def _names(self, fields, key) -> tuple[str, ...]:
        return tuple(w.text for w in self._words(fields, key))

    # -------------------------------------------------------------- dispatch
    def lower(self, d: ast.Decl) -> None:
        try:
            getattr(self, "_" + d.keyword)(d, self._fields(d))
        except CondError as exc:
            import attrs
            self.diags.append(attrs.evolve(exc.diagnostic, subject=exc.diagnostic.subject or d.name))

    def _rule(self, d: ast.Decl, f) -> None:
        if "then" not in f:
            raise CondError(Diagnostic(MISSING_FIELD, f"rule `{d.name}` gives no value: add `then measure = value`",
                                       d.name_span, subject=d.name))
        then = self._assigns([a for p, _ in f["then"] for a in p], assign=True)
        for name, span in ((w.text, w.span) for w in self._words(f, "overrides")):
            self._overrides.append((d.name, name, span))
        self.policy.rules[d.name] = Rule(
            d.name, d.title, self.instrument, self._cond(f), then, self._cites(f), frozenset(),
            self._names(f, "per"), doc=(f["doc"][0][0][0].text if "doc" in f else None), span=d.span)

    def _table(self, d: ast.Decl, f) -> None:
        hit = f["hit"][0][0][0].text if "hit" in f else "unique"
        inputs = [w for w in self._words(f, "inputs")]
        outputs = [w for w in self._words(f, "outputs")]
        if not outputs:
            raise CondError(Diagnostic(MISSING_FIELD, f"table `{d.name}` has no `outputs`", d.name_span, subject=d.name))
        in_types = [self.scope.fact(w.text, w.span) for w in inputs]
        out_types = [self._target_type(w.text, w.span, assign=True) for w in outputs]
        when = self._cond(f)
        ids = []
        for i, (row, span) in enumerate(((p, s) for p, s in f.get("row", [])), start=1):
            rid = f"{d.name}#{i}"
            try:
                ids.append(self._row(d, rid, i, row, inputs, outputs, out_types, when))
            except CondError as exc:
                import attrs
                self.diags.append(attrs.evolve(exc.diagnostic, subject=rid))
        self._precedence(hit, ids, out_types)
        self.policy.tables[d.name] = Table(d.name, d.title, hit, tuple(w.text for w in inputs),
                                           tuple(w.text for w in outputs), when, tuple(ids), self._cites(f), d.span)
        if "covers" in f:
            domain = And((when, self._cond(f, "covers")))
            self.policy.coverages[d.name] = Coverage(d.name, tuple(w.text for w in outputs), domain,
                                                     self.instrument, self._cites(f), d.span)
        elif in_types and all(t.type.is_numeric for t in in_types):
            # A numeric table without `covers` is still checked over its inputs' declared range,
            # but its gaps are warnings (coverage was not declared).
            self.policy.coverages[d.name] = Coverage(d.name, tuple(w.text for w in outputs), when,
                                                     self.instrument, self._cites(f), d.span, declared=False)

    def _row(self, d, rid, index, row: ast.Row, inputs, outputs, out_types, when) -> str:
        if len(row.cells) != len(inputs) or len(row.outputs) != len(outputs):
            raise CondError(Diagnostic(TABLE_SHAPE, f"row {index} of `{d.name}` has {len(row.cells)} cells and "
                                       f"{len(row.outputs)} outputs; the table has {len(inputs)} inputs and "
                                       f"{len(outputs)} outputs", row.span))
        cells = [conditions.lower_cell(self.scope, w.text, c) for w, c in zip(inputs, row.cells)]
        then = tuple(Assign(w.text, self.value(w.text, t, lit), lit.span)
                     for w, t, lit in zip(outputs, out_types, row.outputs))
        rf: dict[str, list] = {}
        for name, payload, span in row.fields:
            rf.setdefault(name, []).append((payload, span))
        for w in self._words(rf, "overrides"):
            self._overrides.append((rid, w.text, w.span))
        parts = tuple(c for c in [when] + cells if c != TRUE)
        cond = TRUE if not parts else parts[0] if len(parts) == 1 else And(parts)
        self.policy.rules[rid] = Rule(rid, d.title, self.instrument, cond, then, self._cites(rf), frozenset(),
                                      self._names(rf, "per"), table=d.name, row=index, span=row.span)
        return rid

    def _precedence(self, hit: str, ids: list[str], out_types: list[Type]) -> None:
        import attrs
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

    def _coverage(self, d: ast.Decl, f) -> None:
        outs = self._words(f, "of")
        for w in outs:
            self._target_type(w.text, w.span, assign=True)
        self.policy.coverages[d.name] = Coverage(d.name, tuple(w.text for w in outs), self._cond(f, "covers"),
                                                 self.instrument, self._cites(f), d.span)

    def _example(self, d: ast.Decl, f) -> None:
        at = None
        if "at" in f:
            word = f["at"][0][0][0]
            at = parse_date(word.text)
            if at is None:
                raise CondError(Diagnostic(INVALID_LITERAL, f"`{word.text}` is not a calendar date", word.span))
        else:
            raise CondError(Diagnostic(MISSING_FIELD, f"example `{d.name}` has no date: add `at YYYY-MM-DD`",
                                       d.name_span, subject=d.name))
        given = self._assigns([a for p, _ in f.get("given", []) for a in p], assign=False)
        expect = self._assigns([a for p, _ in f.get("expect", []) for a in p], assign=True)
        undetermined = []
        for w in self._words(f, "undetermined"):
            self._target_type(w.text, w.span, assign=True)
            undetermined.append(w.text)
        self.policy.examples[d.name] = Example(d.name, d.title, at, given, expect, tuple(undetermined),
                                               "no_instrument" in f, self._cites(f), self.instrument, d.span)

    def _assert(self, d: ast.Decl, f) -> None:
        if "require" not in f:
            raise CondError(Diagnostic(MISSING_FIELD, f"assertion `{d.name}` has no `require`", d.name_span))
        (lhs, op, rhs), _ = f["require"][0]
        measures = [lit.text for _, lit in lhs + rhs if lit.kind == "name"]
        types = [self._target_type(m, d.span, assign=True) for m in measures]
        kinds = {t.kind for t in types}
        if len(kinds) > 1 or (types and not types[0].is_numeric):
            raise CondError(Diagnostic(TYPE_MISMATCH, "an assertion adds and compares numeric measures of one unit",
                                       f["require"][0][1]))
        typ = types[0] if types else None

        def terms(side):
            out = []
            for sign, lit in side:
                if lit.kind == "name":
                    out.append(Term(sign, measure=lit.text))
                elif typ is None:
                    raise CondError(Diagnostic(MISSING_FIELD, "an assertion names at least one measure", lit.span))
                else:
                    out.append(Term(sign, value=self.value("the assertion", Type(typ.kind), lit)))
            return tuple(out)
        self.policy.assertions[d.name] = Assertion(d.name, d.title, self._cond(f), terms(lhs), op.text,
                                                   terms(rhs), self._cites(f), d.span)

    def _monotone(self, d: ast.Decl, f) -> None:
        if "measure" not in f:
            raise CondError(Diagnostic(MISSING_FIELD, f"`{d.name}` needs `measure M nonincreasing over FACT`",
                                       d.name_span))
        (m, direction, over), span = f["measure"][0]
        mtype = self._target_type(m.text, m.span, assign=True)
        fact = self.scope.fact(over.text, over.span)
        if fact.type.kind != ENUM or not fact.type.ordered:
            raise CondError(Diagnostic(TYPE_MISMATCH, f"`{over.text}` must be an `ordered` enum fact", over.span))
        if not (mtype.is_numeric or (mtype.kind == ENUM and mtype.ordered)):
            raise CondError(Diagnostic(TYPE_MISMATCH, f"`{m.text}` must be numeric or an `ordered` enum", m.span))
        self.policy.monotones[d.name] = Monotone(d.name, d.title, m.text, direction.text, over.text,
                                                 self._cond(f), self._cites(f), d.span)

    def _reference(self, d: ast.Decl, f) -> None:
        if "at" not in f or "to" not in f:
            raise CondError(Diagnostic(MISSING_FIELD, f"reference `{d.name}` needs `at` and `to`", d.name_span))
        at = _citation(f["at"][0][0][0])
        to = f["to"][0][0]
        path = next((p for p in to if isinstance(p, tuple)), ())
        concerning = self._words(f, "concerning")
        if concerning and concerning[0].text not in self.policy.measures \
                and concerning[0].text not in self.policy.facts:
            raise CondError(Diagnostic(UNKNOWN_NAME, f"unknown fact or measure `{concerning[0].text}`",
                                       concerning[0].span))
        self.policy.references[d.name] = Reference(d.name, at, to[0].text, to[1].text, tuple(path),
                                                   concerning[0].text if concerning else None, d.span)

    def _interpretation(self, d: ast.Decl, f) -> None:
        def text(key):
            return f[key][0][0][0].text if key in f else None
        self.policy.interpretations[d.name] = Interpretation(d.name, d.title, text("question"), text("decision"),
                                                             text("reason"), self._cites(f), d.span)

    def _regionset(self, d, f) -> None:
        pass  # lowered before conditions, in lower.py

    def allow(self, a: ast.AllowDecl) -> None:
        self.policy.allows.append(Allow(a.code, a.target, a.reason, a.span))

    # -------------------------------------------------------------- after all declarations
    def finish(self) -> None:
        import attrs
        rules = self.policy.rules
        extra: dict[str, set[str]] = {}
        for rid, name, span in self._overrides:
            if name in rules:
                extra.setdefault(rid, set()).add(name)
            elif name in self.policy.tables:
                extra.setdefault(rid, set()).update(self.policy.tables[name].rows)
            else:
                self.diags.append(Diagnostic(UNKNOWN_NAME, f"`{name}` is not a rule or table", span, subject=rid,
                                             help=did_you_mean(name, list(rules) + list(self.policy.tables))))
        for rid, names in extra.items():
            if rid in rules:
                rules[rid] = attrs.evolve(rules[rid], overrides=rules[rid].overrides | names)
        for rule in rules.values():
            for p in rule.per:
                if p not in self.policy.interpretations:
                    self.diags.append(Diagnostic(UNKNOWN_NAME, f"unknown interpretation `{p}`", rule.span,
                                                 subject=rule.id, help=did_you_mean(p, self.policy.interpretations)))
