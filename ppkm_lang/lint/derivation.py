"""Cycles between derived facts (PPK214): a rule that derives `a` tests `b`, and a rule that
derives `b` tests `a` (or, shortest of all, a rule derives `a` from `a` itself).

The evaluator decides the derived facts one after the other, each after the facts its rules
test; in a cycle one of them is necessarily read before it is decided, so the answer would
depend on the order of the declarations rather than on the text. The graph has an edge
`a -> b` for every rule that assigns the derived fact `a` and tests the derived fact `b`;
every elementary cycle of it is reported once, on its earliest-declared fact, with the path
from that fact and the rules that form it.
"""

from __future__ import annotations

from ppkm_lang.diagnostics import Diagnostic, Related
from ppkm_lang.ir.model import Policy, Rule, facts_of
from ppkm_lang.diagnostics.codes import DERIVATION_CYCLE

_MAX_CYCLES = 20  # per strongly connected group of facts; past it the rest adds nothing to fix


def _graph(policy: Policy) -> dict[tuple[str, str], list[Rule]]:
    derived = {a.target for r in policy.rules.values() for a in r.then if a.target in policy.facts}
    edges: dict[tuple[str, str], list[Rule]] = {}
    for r in policy.rules.values():
        tested = sorted(facts_of(r.when) & derived)
        for target in dict.fromkeys(a.target for a in r.then if a.target in derived):
            for fact in tested:
                edges.setdefault((target, fact), []).append(r)
    return edges


def _components(nodes: list[str], succ: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(succ[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == node:
                            break
                    out.append(comp)
            elif nxt not in index:
                index[nxt] = low[nxt] = len(index)
                stack.append(nxt)
                on_stack.add(nxt)
                work.append((nxt, iter(succ[nxt])))
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
    return out


def _cycles(comp: list[str], succ: dict[str, list[str]], position: dict[str, int]) -> list[list[str]]:
    """The elementary cycles of one component, each starting at its earliest-declared fact."""
    members = set(comp)
    found: list[list[str]] = []
    for start in sorted(comp, key=position.__getitem__):
        allowed = {n for n in members if position[n] >= position[start]}
        path = [start]
        work = [iter(n for n in succ[start] if n in allowed)]
        while work and len(found) < _MAX_CYCLES:
            nxt = next(work[-1], None)
            if nxt is None:
                work.pop()
                path.pop()
            elif nxt == start:
                found.append(path + [start])
            elif nxt not in path:
                path.append(nxt)
                work.append(iter(n for n in succ[nxt] if n in allowed))
    return found


def check(policy: Policy) -> list[Diagnostic]:
    edges = _graph(policy)
    if not edges:
        return []
    position = {name: i for i, name in enumerate(policy.facts)}
    nodes = sorted({n for e in edges for n in e}, key=position.__getitem__)
    succ = {n: sorted({b for a, b in edges if a == n}, key=position.__getitem__) for n in nodes}
    out: list[Diagnostic] = []
    for comp in _components(nodes, succ):
        if len(comp) == 1 and (comp[0], comp[0]) not in edges:
            continue
        for cycle in _cycles(comp, succ, position):
            out.append(_finding(policy, cycle, edges))
    return out


def _finding(policy: Policy, cycle: list[str], edges: dict[tuple[str, str], list[Rule]]) -> Diagnostic:
    """One finding per cycle, on the declaration of its first fact; the rules that close it
    are the related spans, in the order of the path."""
    steps = list(zip(cycle, cycle[1:]))
    related = tuple(Related(r.span, f"`{r.id}` derives `{a}` from `{b}`") for a, b in steps for r in edges[(a, b)])
    path = " -> ".join(f"`{n}`" for n in cycle)
    what = (f"`{cycle[0]}` is derived by a rule that tests `{cycle[0]}` itself ({path})" if len(cycle) == 2
            else f"derived facts depend on each other in a cycle: {path}")
    return Diagnostic(DERIVATION_CYCLE, what, policy.facts[cycle[0]].span, subject=cycle[0], related=related,
                      help="derive one of these facts from input facts only, or make it an input that the question "
                           "gives; as written, the value depends on the order of the declarations")


__all__ = ["check"]
