"""The stages of the pipeline import each other in one direction only.

The import graph is read from the source (every `import ppkm_lang.X` and `from ppkm_lang.X
import ...`, at module level and inside functions), one node per package or top-level module
of `ppkm_lang`. A stage that can reach itself again through that graph is in a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ppkm_lang"
ACYCLIC = ["ir", "semantics", "lowering", "syntax", "diagnostics", "eval", "analysis", "cli", "docgen"]


def _imported(tree: ast.AST) -> set[str]:
    """The dotted ppkm_lang modules a parsed module imports, anywhere in its body."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("ppkm_lang."))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.startswith("ppkm_lang."):
                out.add(node.module)
            elif node.module == "ppkm_lang":  # `from ppkm_lang import api`
                out.update(f"ppkm_lang.{a.name}" for a in node.names)
    return out


def _node(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        here = _node(path)
        targets = graph.setdefault(here, set())
        for name in _imported(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            there = name.split(".")[1]
            if there != here:
                targets.add(there)
    return graph


def _cycle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """A shortest path start -> ... -> start, or None."""
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        step = []
        for node in frontier:
            for nxt in sorted(graph.get(node, ())):
                if nxt == start:
                    return paths[node] + [start]
                if nxt not in paths:
                    paths[nxt] = paths[node] + [nxt]
                    step.append(nxt)
        frontier = step
    return None


def test_the_graph_is_read_from_the_source():
    graph = _graph()
    assert {"ir", "lowering", "syntax", "semantics"} <= set(graph)
    assert "ir" in graph["lowering"] and "syntax" in graph["lowering"]
    assert "lowering" in graph["loader"]


@pytest.mark.parametrize("stage", ACYCLIC)
def test_stage_is_in_no_import_cycle(stage):
    assert _cycle_through(_graph(), stage) is None, " -> ".join(_cycle_through(_graph(), stage))


def test_ir_model_is_a_leaf():
    tree = ast.parse((PACKAGE / "ir" / "model.py").read_text(encoding="utf-8"))
    assert _imported(tree) <= {"ppkm_lang.source"}


def test_ir_imports_neither_lowering_nor_semantics():
    assert not _graph()["ir"] & {"lowering", "semantics", "syntax"}
