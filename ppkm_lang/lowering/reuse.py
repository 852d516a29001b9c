"""`apply`: a rule (or a table) that applies another provision's rules as if some facts had
given values ("anak di bawah 12 tahun ... sebagaimana level 2"), lowered into rules of its own.

    rule anak_seperti_level_2 {
      when usia < 12 and level == level_3
      apply inmendagri_x KESEBELAS as level = level_2
      cite inmendagri_x KEDUABELAS "... diperlakukan sebagaimana level 2 ..."
    }

The applied rules are every rule and table row that cites the provision (the diktum, and the
huruf or angka path when one is given), or the one rule or table named. Each becomes a new
rule `APPLYING#APPLIED`: its condition is the applying rule's `when` and the applied rule's
condition with the facts of `as` replaced by their values (a rule that cannot hold with them
is left out); its values are the applied rule's; its citations are the applied rule's followed
by the applying rule's, so the docs and the analysis see a rule like any other. It wins over
every written rule that gives one of its targets (that is what "as at level 2" means), except
a rule that itself overrides the applying rule. An application that brings in nothing is
PPK216; applications that apply each other's provisions in a cycle are PPK217.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from ppkm_lang.diagnostics import Diagnostic, Related
from ppkm_lang.ir.model import (TIME, And, Citation, Cond, Const, FALSE, InSet, Interval, Not, Or,
                                Policy, Rule, Test, TRUE)
from ppkm_lang.lowering.conditions import CondError, Scope, literal
from ppkm_lang.semantics.suggest import did_you_mean
from ppkm_lang.syntax import ast
from ppkm_lang.diagnostics.codes import APPLY_CYCLE, APPLY_NOTHING, TYPE_MISMATCH, UNKNOWN_NAME


@attrs.frozen
class Application:
    """One `apply` field, with what its rule contributes: `when`, citations, interpretations."""

    rule: str
    title: str | None
    instrument: str | None
    when: Cond
    cites: tuple[Citation, ...]
    per: tuple[str, ...]
    decl: ast.Apply
    span: object


def point(scope: Scope, a: ast.Assignment):
    fact = scope.fact(a.name, a.name_span)
    if isinstance(a.value, ast.IntervalLit):
        raise CondError(Diagnostic(TYPE_MISMATCH, f"`apply ... as` gives `{a.name}` one value, not a window",
                                   a.value.span, help=f"write one value: `{a.name} = ...`"))
    if fact.type.is_numeric:
        x = literal(a.value, fact.type, fact.name).numeric()
        return a.name, (Fraction(0) if fact.type.kind == TIME and x == 1440 else x)
    return a.name, scope.member(fact, a.value)


def _contains(iv: Interval, x) -> bool:
    return ((iv.lo is None or iv.lo < x or (iv.lo == x and iv.lo_closed))
            and (iv.hi is None or x < iv.hi or (x == iv.hi and iv.hi_closed)))


def substitute(cond: Cond, values: dict) -> Cond:
    """`cond` with the facts of `values` replaced by those values, simplified."""
    if isinstance(cond, Test):
        if cond.fact not in values:
            return cond
        x = values[cond.fact]
        c = cond.constraint
        held = x in c.values if isinstance(c, InSet) else _contains(c, x)
        return TRUE if held else FALSE
    if isinstance(cond, Not):
        inner = substitute(cond.item, values)
        return Const(not inner.value) if isinstance(inner, Const) else Not(inner)
    if isinstance(cond, (And, Or)):
        unit, zero = (TRUE, FALSE) if isinstance(cond, And) else (FALSE, TRUE)
        items = []
        for c in cond.items:
            c = substitute(c, values)
            if c == zero:
                return zero
            if c != unit:
                items.append(c)
        if not items:
            return unit
        return items[0] if len(items) == 1 else type(cond)(tuple(items))
    return cond


def _conjoin(a: Cond, b: Cond) -> Cond:
    parts = tuple(p for c in (a, b) if c != TRUE for p in (c.items if isinstance(c, And) else (c,)))
    return TRUE if not parts else parts[0] if len(parts) == 1 else And(parts)


def _cites_provision(rule: Rule, inst: str, diktum: str, path: tuple[str, ...]) -> bool:
    return any(c.instrument == inst and c.diktum == diktum and c.path[:len(path)] == path for c in rule.cites)


class Expander:
    def __init__(self, policy: Policy, scope: Scope, applications: list[Application], diags: list[Diagnostic]):
        self.policy, self.scope, self.diags = policy, scope, diags
        self.apps = {a.rule: a for a in applications}
        self.made: dict[str, list[str]] = {}  # applying rule -> the rules it made

    def run(self) -> dict[str, list[str]]:
        state: dict[str, str] = {}  # rule -> "busy" | "done"
        for name in self.apps:
            self._visit(name, state, [])
        return self.made

    def _depends(self, app: Application) -> list[str]:
        """The other applying rules whose rules `app` takes in."""
        names = app.decl.names
        if len(names) == 1:
            return [names[0].text] if names[0].text in self.apps and names[0].text != app.rule else []
        inst, diktum = names[0].text, names[1].text
        return [b.rule for b in self.apps.values() if b.rule != app.rule and any(
            c.instrument == inst and c.diktum == diktum and c.path[:len(app.decl.path)] == app.decl.path
            for c in b.cites)]

    def _visit(self, name: str, state: dict, stack: list[str]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "busy":
            cycle = stack[stack.index(name):]
            app = self.apps[name]
            others = tuple(Related(self.apps[o].decl.span, f"`{o}` applies a provision `{name}` is part of")
                           for o in cycle if o != name)
            self.diags.append(Diagnostic(APPLY_CYCLE, "rules apply each other's provisions in a cycle: "
                                         f"{' -> '.join(f'`{o}`' for o in cycle + [name])}", app.decl.span,
                                         subject=name, related=others,
                                         help="apply the provision that states the rules, not one that applies them"))
            for o in cycle:
                state[o] = "done"
            return
        state[name] = "busy"
        for dep in self._depends(self.apps[name]):
            self._visit(dep, state, stack + [name])
        if state.get(name) == "busy":
            state[name] = "done"
            try:
                self._expand(self.apps[name])
            except CondError as exc:
                self.diags.append(attrs.evolve(exc.diagnostic, subject=name))

    def _selected(self, app: Application) -> list[Rule]:
        rules, names = self.policy.rules, app.decl.names
        if len(names) == 1:
            target = names[0].text
            if target in self.policy.tables:
                return [rules[r] for r in self.policy.tables[target].rows if r in rules]
            if target in self.apps:
                own = [rules[target]] if target in rules else []
                return own + [rules[r] for r in self.made.get(target, [])]
            if target in rules:
                return [rules[target]]
            raise CondError(Diagnostic(UNKNOWN_NAME, f"`{target}` is not a rule, a table or an instrument",
                                       names[0].span, help=did_you_mean(target, list(rules) + list(self.policy.tables))))
        inst, diktum = names[0].text, names[1].text
        if inst not in self.policy.instruments:
            raise CondError(Diagnostic(UNKNOWN_NAME, f"unknown instrument `{inst}`", names[0].span,
                                       help=did_you_mean(inst, self.policy.instruments)))
        return [r for r in rules.values() if r.id != app.rule and not r.id.startswith(app.rule + "#")
                and _cites_provision(r, inst, diktum, app.decl.path)]

    def _expand(self, app: Application) -> None:
        values = dict(point(self.scope, a) for a in app.decl.facts)
        chosen = self._selected(app)
        made: list[tuple[Rule, Rule]] = []
        as_text = ", ".join(f"{a.name} = {a.value.text}" for a in app.decl.facts)
        for r in chosen:
            when = substitute(r.when, values)
            if when == FALSE:
                continue
            rid = f"{app.rule}#{r.id}"
            made.append((r, Rule(rid, app.title or r.title, app.instrument, _conjoin(app.when, when), r.then, r.cites + app.cites,
                                 frozenset(), r.per + app.per, doc=r.doc, span=app.span,
                                 applied=(app.rule, r.id, as_text))))
        if not made:
            target = " ".join(n.text for n in app.decl.names) + ("." + ".".join(app.decl.path) if app.decl.path else "")
            given = ", ".join(f"`{a.name} = {a.value.text}`" for a in app.decl.facts)
            why = "no rule or table row cites it" if not chosen else \
                f"{'its one rule' if len(chosen) == 1 else f'none of its {len(chosen)} rules'} can hold with {given}"
            why = why.replace("its one rule can", "its one rule cannot")
            raise CondError(Diagnostic(APPLY_NOTHING, f"`{app.rule}` applies `{target}`, but {why}", app.decl.span,
                                       help="cite the diktum (and huruf) whose rules are meant, or name the rule or table"))
        ids = {r.id: new.id for r, new in made}
        for r, new in made:
            self.policy.rules[new.id] = attrs.evolve(new, overrides=frozenset(ids[o] for o in r.overrides if o in ids))
        self.made[app.rule] = [new.id for _, new in made]

    def settle_precedence(self, overriding_applications: dict[str, set[str]]) -> None:
        """Each made rule wins over the written rules that give one of its targets, except those
        that override its applying rule (`overriding_applications`: applying rule -> rules)."""
        rules = self.policy.rules
        made_ids = {rid for ids in self.made.values() for rid in ids}
        written = [r for r in rules.values() if r.id not in made_ids]
        for app, ids in self.made.items():
            spared = overriding_applications.get(app, set()) | {app}
            for rid in ids:
                rule = rules[rid]
                targets = {a.target for a in rule.then}
                beats = {w.id for w in written if w.id not in spared and targets & {a.target for a in w.then}}
                rules[rid] = attrs.evolve(rule, overrides=rule.overrides | beats)


def application(decl: "ast.RuleDecl | ast.TableDecl", instrument: str | None, when: Cond,
                cites: tuple[Citation, ...]) -> Application:
    """The application of a rule's or a table's `apply` field."""
    return Application(decl.name, decl.title, instrument, when, cites, tuple(p.text for p in decl.per), decl.apply,
                       decl.span)


__all__ = ["Application", "Expander", "application", "point", "substitute"]
