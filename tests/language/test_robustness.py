"""No input text produces a traceback: random text, random bytes and mutations of real policy
files all come back as diagnostics (the checker itself never raises)."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from ppkm_lang.checker import check
from ppkm_lang.diagnostics.codes import lookup

REPO = Path(__file__).resolve().parents[2]
CORPUS = sorted((REPO / "examples").rglob("*.ppkm")) + sorted((REPO / "policies").rglob("*.ppkm")) + \
    sorted((REPO / "tests" / "language" / "fixtures").rglob("*.ppkm"))
TEXTS = [p.read_text(encoding="utf-8") for p in CORPUS]
EXAMPLES = int(os.environ.get("PPKM_FUZZ_EXAMPLES", "1000"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TOKENS = ["rule", "table", "fact", "measure", "when", "then", "{", "}", "(", ")", "[", "]", "==", "<", "in",
          "and", "or", "not", "25%", "17:00", "2021-07-21", '"x"', "row", "->", "|", "-", "cite", "KESATU",
          "a.1", "enum", "int", "percent", ":", ",", "#", "\n", "zona", "merah", "instrument", "example",
          # the shapes of the adversarial round: glued keywords, brackets in a string, bidi
          # controls, digits that are not ASCII, the edges of the calendar
          "whenb", "to2021-07-10", '"' + "(" * 70 + '"', "\u202e", "\u2066", "\u0663%", "\uff15",
          "0001-01-01", "9999-12-31", "in_force", "to", "revokes", "24:00", "100%"]


def _check_text(tmp_path: Path, data: bytes) -> None:
    f = tmp_path / "fuzz.ppkm"
    f.write_bytes(data)
    result = check([f])
    for d in result.diagnostics:
        lookup(d.code)  # every code it emits is registered
        assert d.span.line >= 1 and d.span.column >= 1


@FUZZ
@given(st.text(max_size=400))
def test_random_text(tmp_path_factory, text):
    _check_text(tmp_path_factory.mktemp("t"), text.encode("utf-8", "surrogatepass").replace(b"\xed", b"?"))


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(tmp_path_factory, data):
    _check_text(tmp_path_factory.mktemp("b"), data)


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_token_soup(tmp_path_factory, tokens):
    _check_text(tmp_path_factory.mktemp("s"), " ".join(tokens).encode())


@FUZZ
@given(st.sampled_from(TEXTS), st.data())
def test_mutations_of_real_policies(tmp_path_factory, text, data):
    """Delete, duplicate or replace a random slice of a real file."""
    n = len(text)
    i = data.draw(st.integers(0, n))
    j = data.draw(st.integers(i, min(n, i + 80)))
    op = data.draw(st.sampled_from(["delete", "duplicate", "replace", "truncate"]))
    if op == "delete":
        mutated = text[:i] + text[j:]
    elif op == "duplicate":
        mutated = text[:j] + text[i:j] + text[j:]
    elif op == "truncate":
        mutated = text[:i]
    else:
        mutated = text[:i] + data.draw(st.sampled_from(TOKENS)) + text[j:]
    _check_text(tmp_path_factory.mktemp("m"), mutated.encode())


def test_huge_and_deep_inputs(tmp_path):
    _check_text(tmp_path, b"(" * 100_000)
    _check_text(tmp_path, ("fact a: bool\n" * 20_000).encode())
    _check_text(tmp_path, b"rule r { when " + b"not " * 5000 + b"a then m = 1 }")
