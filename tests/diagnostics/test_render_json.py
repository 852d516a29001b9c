import datetime as dt
import enum
import json
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ppkm_lang.diagnostics import render_json
from ppkm_lang.diagnostics.model import Diagnostic, Related, Severity
from ppkm_lang.diagnostics.registry import finalize
from ppkm_lang.diagnostics.render_json import decimal_text, jsonable
from ppkm_lang.ir.model import Value
from ppkm_lang.source import Span

FINDING_KEYS = {"code", "name", "severity", "kind", "message", "location", "related", "witness",
                "help"}
LOCATION_KEYS = {"file", "line", "column", "end_line", "end_column"}


def test_document_shape(demo_codes):
    diags = finalize([
        Diagnostic("PPK991", "rules `a` and `b` conflict", Span("p/a.ppkm", 3, 5, 3, 9),
                   related=(Related(Span("p/b.ppkm", 7, 1, 8, 2), "the other rule"),),
                   witness={"level": Value("int", Decimal(4)), "zona": "merah"},
                   help="add `overrides`"),
        Diagnostic("PPK992", "gap", Span("p/a.ppkm", 9, 1, 9, 4), severity=Severity.INFO),
    ])
    doc = json.loads(render_json.render(diags, files=2))
    assert set(doc) == {"version", "files", "findings"}
    assert doc["version"] == 1 and doc["files"] == 2
    first, second = doc["findings"]
    assert set(first) == FINDING_KEYS
    assert first["code"] == "PPK991" and first["name"] == "demo-error"
    assert first["kind"] == "conflict" and first["severity"] == "error"
    assert first["location"] == {"file": "p/a.ppkm", "line": 3, "column": 5, "end_line": 3,
                                 "end_column": 9}
    assert first["related"] == [{"file": "p/b.ppkm", "line": 7, "column": 1, "end_line": 8,
                                 "end_column": 2, "message": "the other rule"}]
    assert first["witness"] == {"level": 4, "zona": "merah"}
    assert first["help"] == "add `overrides`"
    # The severity of the diagnostic, not the code's default; absent parts are null / empty.
    assert second["severity"] == "info" and second["kind"] == "gap"
    assert second["witness"] is None and second["help"] is None and second["related"] == []
    assert set(second["location"]) == LOCATION_KEYS


def test_empty_document():
    assert json.loads(render_json.render([], files=0)) == {"version": 1, "files": 0, "findings": []}


class Zone(enum.Enum):
    RED = "merah"


@pytest.mark.parametrize("value, expected", [
    (Fraction(53, 10), 5.3),
    (Fraction(4), 4),
    (Fraction(1, 3), "1/3"),
    (Fraction(-3, 8), -0.375),
    (Decimal("2.50"), 2.5),
    (Decimal("7"), 7),
    (Decimal("NaN"), "NaN"),
    (float("inf"), "inf"),
    (dt.date(2021, 7, 22), "2021-07-22"),
    (dt.datetime(2021, 7, 22, 20, 0), "2021-07-22T20:00:00"),
    (Value("time", 20 * 60), "20:00"),
    (Value("date", dt.date(2021, 7, 3)), "2021-07-03"),
    (Value("percent", Decimal("5.3")), 5.3),
    (Value("bool", True), True),
    (Zone.RED, "merah"),
    (frozenset({"b", "a"}), ["a", "b"]),
    ((Fraction(1, 2), None), [0.5, None]),
    ({1: Fraction(1, 4)}, {"1": 0.25}),
    (object, str(object)),
])
def test_jsonable(value, expected):
    assert jsonable(value) == expected
    json.dumps(jsonable(value))


def test_digits_beyond_a_float_stay_exact():
    x = Fraction(12345678901234567891, 10 ** 19)
    assert jsonable(x) == "1.2345678901234567891"


@given(st.fractions(max_denominator=10 ** 6))
def test_jsonable_fractions_read_back_exactly(x):
    out = jsonable(x)
    text = json.dumps(out)
    back = json.loads(text)
    if isinstance(back, str):
        assert Fraction(back) == x
    else:
        assert Fraction(repr(back)) == x


@given(st.integers(-10 ** 9, 10 ** 9), st.integers(0, 12), st.integers(0, 12))
def test_decimal_text_is_exact(n, twos, fives):
    x = Fraction(n, 2 ** twos * 5 ** fives)
    text = decimal_text(x)
    assert text is not None and Fraction(text) == x
    assert not text.endswith(".") and (text.count(".") == 0 or not text.endswith("0"))


def test_decimal_text_refuses_repeating_decimals():
    assert decimal_text(Fraction(1, 3)) is None
    assert decimal_text(Fraction(1, 6)) is None


def test_the_text_is_that_of_one_json_document_with_indent_2(demo_codes):
    # The document is written one finding at a time; the text must stay exactly what
    # `json.dumps(document, indent=2)` gives, multi-line strings and nested witnesses included.
    diags = finalize([
        Diagnostic("PPK991", "line one\nline \"two\"", Span("p/a.ppkm", 3, 5, 3, 9),
                   related=(Related(Span("p/b.ppkm", 7, 1, 8, 2), "the other\nrule"),),
                   witness={"a": {"b": [1, 2]}, "zona": "merah"}, help="add `overrides`"),
        Diagnostic("PPK992", "gap \u00e9", Span("p/a.ppkm", 9, 1, 9, 4), severity=Severity.INFO),
    ])
    text = render_json.render(diags, files=2)
    document = {"version": render_json.FORMAT_VERSION, "files": 2,
                "findings": [render_json.finding(d) for d in diags]}
    assert text == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    assert render_json.render([], files=0) == json.dumps(
        {"version": render_json.FORMAT_VERSION, "files": 0, "findings": []}, indent=2) + "\n"
