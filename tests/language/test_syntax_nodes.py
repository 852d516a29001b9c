"""The surface AST: one typed node per declaration, nothing of lark in it, and the shape of each
block checked by the syntax stage itself."""

from __future__ import annotations

from pathlib import Path

import attrs
import lark

from ppkm_lang.source import SourceFile
from ppkm_lang.syntax import ast
from ppkm_lang.syntax.parser import parse

REPO = Path(__file__).resolve().parents[2]
DECLS = (ast.Import, ast.InstrumentDecl, ast.FactDecl, ast.MeasureDecl, ast.RegionSetDecl, ast.RuleDecl,
         ast.TableDecl, ast.InterpretationDecl, ast.ExampleDecl, ast.AssertDecl, ast.MonotoneDecl,
         ast.ReferenceDecl, ast.CoverageDecl, ast.AllowDecl)


def _walk(node, seen: list) -> None:
    seen.append(node)
    if attrs.has(type(node)):
        for a in attrs.fields(type(node)):
            _walk(getattr(node, a.name), seen)
    elif isinstance(node, (tuple, list)):
        for x in node:
            _walk(x, seen)


def test_policies_parse_to_typed_nodes_without_lark_objects():
    kinds = set()
    for path in sorted((REPO / "policies").glob("*.ppkm")) + sorted((REPO / "examples").glob("*.ppkm")):
        module, errors = parse(SourceFile(path.name, path.read_text(encoding="utf-8")))
        assert errors == [] and module.diagnostics == ()
        assert all(isinstance(item, DECLS) for item in module.items)
        kinds |= {type(item) for item in module.items}
        seen: list = []
        _walk(module, seen)
        assert not [n for n in seen if isinstance(n, (lark.Token, lark.Tree))]
        assert all(type(n) is str for n in seen if isinstance(n, str))
    assert {ast.RuleDecl, ast.TableDecl, ast.ExampleDecl, ast.RegionSetDecl, ast.InstrumentDecl} <= kinds


def test_block_shape_is_checked_when_parsing():
    text = '''rule r "R" {
  when a == b
  when a == c
  doc "x"
}
table t {
  inputs a
  outputs m
  row 1 | 2 -> 3
}
example e { given a = b }
'''
    module, errors = parse(SourceFile("s.ppkm", text))
    assert errors == []
    found = sorted((str(d.code), d.span.line, d.span.column, d.subject, d.message) for d in module.diagnostics)
    assert found == [
        ("PPK208", 9, 3, "t#1", "row 1 of `t` has 2 cells and 1 outputs; the table has 1 inputs and 1 outputs"),
        ("PPK211", 1, 6, "r", "rule `r` gives no value: add `then measure = value`"),
        ("PPK211", 11, 9, "e", "example `e` has no date: add `at YYYY-MM-DD`"),
        ("PPK213", 3, 3, "r", "`when` is given twice in rule `r`"),
    ]
    rule = module.items[0]
    assert isinstance(rule, ast.RuleDecl) and rule.title == "R" and rule.doc == "x"
    assert rule.when == ast.Compare("a", "==", ast.Lit("name", "b"))  # the first `when` is kept
