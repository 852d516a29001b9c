"""Escaping of policy text for pages and <script> blocks, and the JSON export of the policy."""

from __future__ import annotations

import json
from fractions import Fraction

import markdown
import pytest

from docsite import EXAMPLES
from ppkm_lang import api
from ppkm_lang.docgen.escape import fence, md, script_json
from ppkm_lang.docgen.export import cond_json, export, rational
from ppkm_lang.ir import model as ir

HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "**bold** _it_ `code`",
    "[link](javascript:alert(1))", "{: onclick=\"alert(1)\" }", "| a | b |", "&amp; &lt;", "# heading",
    "![img](x)", "<!-- c -->", "a\\*b", "line\nbreak", "1. list", "- item", "> quote", "~~del~~",
]
RENDER = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "admonition", "toc"])


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_shows_policy_text_exactly(text: str):
    import html
    rendered = RENDER.reset().convert(md(text))
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[3:-4]
    assert "<" not in inner and ">" not in inner
    assert html.unescape(inner) == " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_in_a_table_cell_stays_in_its_cell(text: str):
    rendered = RENDER.reset().convert(f"| a | b |\n|---|---|\n| {md(text)} | x |\n")
    assert rendered.count("<td>") == 2


def test_fence_outlasts_backticks_in_the_code():
    code = 'rule r {\n  # ```\n  # ````\n}\n'
    block = fence(code)
    assert block.startswith("````` ppkm\n") and block.endswith("`````\n")
    rendered = markdown.markdown(block, extensions=["fenced_code"])
    assert "````" in rendered and rendered.count("<pre>") == 1


def test_script_json_cannot_end_the_script_block():
    data = {"t": "</script><script>alert(1)</script> <!-- & \u2028\u2029 >"}
    text = script_json(data)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == data


def test_rationals_are_exact():
    assert rational(Fraction(53, 10)) == "53/10" and rational(Fraction(5)) == "5" and rational(None) is None


def test_conditions_keep_their_shape():
    cond = ir.Or((ir.And((ir.Test("zona", ir.InSet(frozenset({"merah", "oranye"}))),
                          ir.Test("p", ir.Interval(Fraction(5), False, None, True)))),
                  ir.Not(ir.Test("b", ir.InSet(frozenset({"true"}))))))
    assert cond_json(cond) == {"op": "or", "items": [
        {"op": "and", "items": [{"op": "in", "fact": "zona", "values": ["merah", "oranye"]},
                                {"op": "iv", "fact": "p", "lo": "5", "loc": False, "hi": None, "hic": True}]},
        {"op": "not", "item": {"op": "in", "fact": "b", "values": ["true"]}}]}


def test_export_of_the_examples():
    loaded = api.load([EXAMPLES])
    data = export(loaded.policy, loaded.sources)
    assert data == json.loads(json.dumps(data))  # plain JSON
    assert script_json(data) == script_json(export(api.load([EXAMPLES]).policy, loaded.sources))
    inst = {i["id"]: i for i in data["instruments"]}
    assert inst["inmendagri_23_2021"]["periods"] == [["2021-07-21", "2021-07-25"]]
    rules = {r["id"]: r for r in data["rules"]}
    rule = rules["makan_di_tempat_level_3"]
    assert {"target": "kapasitas", "value": {"kind": "percent", "text": "25%", "num": "25"}} in rule["then"]
    assert {"target": "jam_tutup", "value": {"kind": "time", "text": "17:00", "num": "1020"}} in rule["then"]
    assert rule["cites"][1]["label"] == "inmendagri_23_2021 KESEBELAS huruf d angka 2"
    assert rule["source"].startswith("rule makan_di_tempat_level_3 ")
    rows = [r for r in data["rules"] if r["table"] == "level_wilayah"]
    assert [r["row"] for r in rows] == [1, 2, 3]
    # `hit first`: each row overrides the rows after it
    assert rows[0]["overrides"] == sorted([rows[1]["id"], rows[2]["id"]])
    assert "KOTA SIBOLGA" in data["regions"]
