"""PPK530: bidirectional control characters anywhere in policy text are a hygiene warning,
and the site shows them as their code point instead of letting them reorder the page."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest

from ppkm_lang.checker import check
from ppkm_lang.diagnostics.codes import BIDI_CONTROL
from ppkm_lang.diagnostics.model import Severity
from ppkm_lang.docgen.escape import fence, md, script_json
from ppkm_lang.lint.text import BIDI_CONTROLS, MAX_REPORTED, bidi_controls
from ppkm_lang.source import SourceFile

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("ch", sorted(BIDI_CONTROLS))
def test_each_control_is_flagged_where_it_stands(ch):
    text = f'fact a: bool "doc"\n# comment {ch}x\nrule r "a{ch}b" {{ }}\n'
    found = bidi_controls(SourceFile("p.ppkm", text))
    assert [(d.code, d.span.line, d.span.column) for d in found] == [(BIDI_CONTROL, 2, 11), (BIDI_CONTROL, 3, 10)]
    assert all(d.severity is Severity.WARNING and f"U+{ord(ch):04X}" in d.message for d in found)


def test_plain_indonesian_text_and_other_invisibles_are_not_flagged():
    text = 'fact a: bool "Kegiatan di luar rumah \u2014 \u00e9 \u00a0 \u200b"\n'
    assert bidi_controls(SourceFile("p.ppkm", text)) == []


def test_a_file_full_of_them_is_reported_a_bounded_number_of_times():
    found = bidi_controls(SourceFile("p.ppkm", "# " + "\u202e" * 5000 + "\n"))
    assert len(found) == MAX_REPORTED and "4980 more" in found[-1].message


def test_the_checker_reports_them_and_a_real_policy_still_loads(tmp_path):
    text = (EXAMPLES / "zonasi_rt.ppkm").read_text(encoding="utf-8")
    hostile = text.replace('"Zonasi tingkat RT"', '"Zonasi \u202etingkat RT"', 1)
    assert hostile != text
    (tmp_path / "z.ppkm").write_text(hostile, encoding="utf-8")
    result = check([tmp_path / "z.ppkm"])
    assert [d.code for d in result.diagnostics] == [BIDI_CONTROL]
    assert result.loaded.policy is not None


@pytest.mark.parametrize("ch", sorted(BIDI_CONTROLS))
def test_pages_show_the_code_point_not_the_control(ch):
    shown = f"[U+{ord(ch):04X}]"
    rendered = markdown.markdown(md(f"a{ch}b"))
    assert ch not in rendered and shown in __import__("html").unescape(rendered)
    block = fence(f'rule r "a{ch}b" {{ }}\n')
    assert ch not in block and shown in block
    data = {"doc": f"a{ch}b"}
    text = script_json(data)
    assert ch not in text and json.loads(text) == {"doc": f"a{shown}b"}
