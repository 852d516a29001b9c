"""The language reference (dsl/reference.md) and the grammar stay in step: every rule and
alias of the grammar is named in some `productions:` line, and every name listed there exists
in the grammar. The code blocks of the reference parse."""

from __future__ import annotations

import re
from pathlib import Path

import lark

from ppkm_lang.source import SourceFile
from ppkm_lang.syntax.parser import grammar_text, parse

REFERENCE = Path(__file__).resolve().parents[2] / "dsl" / "reference.md"


def grammar_productions() -> set[str]:
    names = set()
    for line in grammar_text().splitlines():
        m = re.match(r"^\??([a-z_][a-z0-9_]*)\s*:", line)
        if m:
            names.add(m.group(1))
        names.update(re.findall(r"->\s*([a-z_][a-z0-9_]*)", line))
    return names


def documented_productions() -> set[str]:
    names = set()
    for m in re.finditer(r"^productions:\s*(.+)$", REFERENCE.read_text(encoding="utf-8"), re.M):
        names.update(n.strip() for n in m.group(1).split(","))
    return names


def test_every_production_is_documented():
    missing = grammar_productions() - documented_productions()
    assert not missing, f"describe these grammar productions in dsl/reference.md: {sorted(missing)}"


def test_reference_names_only_real_productions():
    stale = documented_productions() - grammar_productions()
    assert not stale, f"dsl/reference.md names productions the grammar lacks: {sorted(stale)}"


def test_reference_code_blocks_parse():
    text = REFERENCE.read_text(encoding="utf-8")
    blocks = re.findall(r"```ppkm\n(.*?)```", text, re.S)
    assert blocks
    for block in blocks:
        # `...` in the reference elides a part of a quoted sentence or of a list.
        snippet = block.replace(" ...", "").replace("...", "")
        module, diags = parse(SourceFile("reference.md", snippet))
        assert module is not None, (block, diags)


def test_grammar_is_lalr():
    lark.Lark(grammar_text(), parser="lalr")  # raises on a conflict
