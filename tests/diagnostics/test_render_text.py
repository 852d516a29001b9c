import datetime as dt
import io
from decimal import Decimal
from fractions import Fraction

import pytest
from rich.console import Console

from ppkm_lang.diagnostics import render_text
from ppkm_lang.diagnostics.model import Diagnostic, Related, Severity
from ppkm_lang.diagnostics.registry import finalize
from ppkm_lang.ir.model import Value
from ppkm_lang.source import SourceFile, Span

SOURCE = SourceFile("policies/a.ppkm", "rule a {\n  when zona == merah\n  set batas = 5\n}\n")
SOURCES = {SOURCE.name: SOURCE}


def render(diags, sources=SOURCES, files=None, **console_kw) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, color_system=None, **console_kw)
    render_text.render(finalize(diags), sources, console, files=files)
    return buffer.getvalue()


def caret_column(output: str, source_line: str, mark: str = "^") -> tuple[int, int]:
    """(column of the source line's text in the output, column of the first mark below it)."""
    lines = output.splitlines()
    for i, line in enumerate(lines):
        if line.endswith(source_line) and "|" in line:
            text_start = len(line) - len(source_line)
            below = lines[i + 1]
            return text_start, below.index(mark)
    raise AssertionError(f"source line {source_line!r} not in output:\n{output}")


def test_header_arrow_and_caret_under_the_span(demo_codes):
    diag = Diagnostic("PPK991", "`zona` is tested twice", Span("policies/a.ppkm", 2, 8, 2, 12))
    out = render([diag])
    lines = out.splitlines()
    assert lines[0] == "error[PPK991]: `zona` is tested twice"
    assert lines[1] == " --> policies/a.ppkm:2:8"
    start, caret = caret_column(out, "  when zona == merah")
    assert caret == start + 7  # column 8 is the eighth character of the line
    underline = out.splitlines()[out.splitlines().index("2 |   when zona == merah") + 1]
    assert underline.strip(" |") == "^^^^"


def test_tabs_are_expanded_the_same_way_above_and_below(demo_codes):
    source = SourceFile("t.ppkm", "\twhen\tzona == merah\n")
    diag = Diagnostic("PPK991", "m", Span("t.ppkm", 1, 7, 1, 11))
    out = render([diag], {"t.ppkm": source})
    shown = "    when    zona == merah"
    start, caret = caret_column(out, shown)
    assert caret - start == shown.index("zona")


def test_multi_line_span_underlines_the_first_line_to_its_end(demo_codes):
    diag = Diagnostic("PPK991", "m", Span("policies/a.ppkm", 2, 3, 3, 8))
    out = render([diag])
    start, caret = caret_column(out, "  when zona == merah")
    assert caret == start + 2
    row = out.splitlines()[out.splitlines().index("2 |   when zona == merah") + 1]
    assert row.count("^") == len("when zona == merah")


def test_empty_span_past_the_end_of_a_line_gets_one_caret(demo_codes):
    diag = Diagnostic("PPK991", "expected `}`", Span("policies/a.ppkm", 3, 16, 3, 16))
    out = render([diag])
    start, caret = caret_column(out, "  set batas = 5")
    assert caret == start + 15
    assert out.count("^") == 1


def test_wide_gutter_for_large_line_numbers(demo_codes):
    text = "\n" * 119 + "rule z {}\n"
    diag = Diagnostic("PPK991", "m", Span("big.ppkm", 120, 6, 120, 7))
    out = render([diag], {"big.ppkm": SourceFile("big.ppkm", text)})
    assert "  --> big.ppkm:120:6" in out
    assert "120 | rule z {}" in out
    assert "    |      ^" in out


def test_related_spans_with_notes(demo_codes):
    other = SourceFile("policies/b.ppkm", "rule b {\n}\n")
    diag = Diagnostic("PPK991", "rules `a` and `b` conflict", Span("policies/a.ppkm", 1, 6, 1, 7),
                      related=(Related(Span("policies/b.ppkm", 1, 6, 1, 7), "the other rule"),
                               Related(Span("gone.ppkm", 4, 1, 4, 2), "declared here")))
    out = render([diag], {**SOURCES, other.name: other})
    assert "\n ::: policies/b.ppkm:1:6\n" in out
    start, mark = caret_column(out, "rule b {", mark="-")
    assert mark == start + 5
    assert "- the other rule" in out
    # A related span in a file we do not have still shows its place and note.
    assert "\n ::: gone.ppkm:4:1\n" in out
    assert " = note: declared here" in out


def test_missing_source_skips_the_excerpt(demo_codes):
    diag = Diagnostic("PPK991", "cannot read", Span("nowhere.ppkm", 1, 1, 1, 1))
    out = render([diag], {})
    assert " --> nowhere.ppkm:1:1" in out
    assert "|" not in out


def test_witness_and_help(demo_codes):
    diag = Diagnostic("PPK991", "m", Span("policies/a.ppkm", 2, 3, 2, 7),
                      witness={"level": Value("int", Decimal(4)),
                               "wilayah": Value("region", "KOTA SIBOLGA"),
                               "jam": Value("time", 21 * 60),
                               "positif": Fraction(53, 10),
                               "tanggal": dt.date(2021, 7, 22)},
                      help="give one rule precedence")
    out = render([diag])
    assert ' = witness: level = 4, wilayah = "KOTA SIBOLGA", jam = 21:00, positif = 5.3, ' \
           'tanggal = 2021-07-22' in out
    assert " = help: give one rule precedence" in out


def test_summary_line_counts_by_severity_and_files(demo_codes):
    span = Span("policies/a.ppkm", 1, 1, 1, 2)
    diags = [Diagnostic("PPK991", "a", span), Diagnostic("PPK991", "b", span),
             Diagnostic("PPK992", "c", span)]
    assert render(diags, files=3).rstrip().splitlines()[-1] == "2 errors, 1 warning in 3 files"
    assert render([], files=1).strip() == "no findings in 1 file"
    assert render_text.summary_line([Diagnostic("PPK993", "i", span)]) == "1 info"
    # The severity given to a diagnostic wins over its code's default.
    demoted = Diagnostic("PPK991", "d", span, severity=Severity.WARNING)
    assert render_text.summary_line([demoted], 2) == "1 warning in 2 files"


def test_severity_labels(demo_codes):
    span = Span("policies/a.ppkm", 1, 1, 1, 2)
    out = render([Diagnostic("PPK992", "w", span), Diagnostic("PPK993", "i", span)])
    assert "warning[PPK992]: w" in out
    assert "info[PPK993]: i" in out


def test_policy_text_is_never_read_as_markup(demo_codes):
    source = SourceFile("m.ppkm", 'rule r { set note = "[bold]x[/bold]" }\n')
    diag = Diagnostic("PPK991", "value `[red]` is odd", Span("m.ppkm", 1, 21, 1, 37),
                      help="see [link]")
    out = render([diag], {"m.ppkm": source})
    assert "value `[red]` is odd" in out
    assert '"[bold]x[/bold]"' in out
    assert "see [link]" in out


def test_colour_only_when_the_console_has_it(demo_codes):
    diag = Diagnostic("PPK991", "m", Span("policies/a.ppkm", 2, 3, 2, 7))
    assert "\x1b[" not in render([diag])
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="standard", width=100)
    render_text.render(finalize([diag]), SOURCES, console)
    assert "\x1b[" in buffer.getvalue()


@pytest.mark.parametrize("value, text", [
    (True, "true"), (Fraction(1, 3), "1/3"), (Fraction(-1, 8), "-0.125"), (Fraction(7), "7"),
    (Decimal("2.50"), "2.5"), (frozenset({"b", "a"}), "{a, b}"),
])
def test_format_value(value, text):
    assert render_text.format_value(value) == text


def test_control_characters_cannot_reach_the_terminal(demo_codes):
    source = SourceFile("c.ppkm", 'rule r { set note = "\x1b[2J\u202e" zona }\n')
    diag = Diagnostic("PPK991", "odd \x1b]0;title\x07 text", Span("c.ppkm", 1, 28, 1, 32))
    out = render([diag], {"c.ppkm": source})
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    start, caret = caret_column(out, 'rule r { set note = "\ufffd[2J\ufffd" zona }')
    assert caret - start == 27  # still under `zona`


def test_every_bidi_control_of_ppk530_is_replaced_in_the_terminal(demo_codes):
    from ppkm_lang.lint.text import BIDI_CONTROLS
    marks = "".join(sorted(BIDI_CONTROLS))
    source = SourceFile("c.ppkm", f'rule r "{marks}" {{ }}\n')
    out = render([Diagnostic("PPK991", f"odd {marks}", Span("c.ppkm", 1, 1, 1, 5))], {"c.ppkm": source})
    assert not set(marks) & set(out) and "\ufffd" * len(marks) in out


def test_lines_are_counted_at_newlines_only(demo_codes):
    # A form feed is a line break for str.splitlines but not for the parser.
    source = SourceFile("f.ppkm", "a\x0cb\r\nrule z {}\n")
    out = render([Diagnostic("PPK991", "m", Span("f.ppkm", 2, 6, 2, 7))], {"f.ppkm": source})
    assert "2 | rule z {}" in out


def test_error_at_the_end_of_the_file(demo_codes):
    source = SourceFile("e.ppkm", "rule z {\n")
    out = render([Diagnostic("PPK991", "expected `}`", Span("e.ppkm", 2, 1, 2, 1))],
                 {"e.ppkm": source})
    assert "2 | \n" in out and out.count("^") == 1


def test_wide_characters_take_two_cells(demo_codes):
    line = 'note "日本" zona'
    source = SourceFile("w.ppkm", line + "\n")
    out = render([Diagnostic("PPK991", "m", Span("w.ppkm", 1, 11, 1, 15))], {"w.ppkm": source})
    start, caret = caret_column(out, line)
    assert caret - start == line.index("zona") + 2  # two characters, four cells


def test_nested_witness_values_read_like_policy_text():
    from ppkm_lang.diagnostics.render_text import format_value

    witness = {"first": {"level": "level_3", "kegiatan": "makan_di_tempat"}, "values": [25, 50]}
    assert format_value(witness) == "(first = (level = level_3, kegiatan = makan_di_tempat), values = [25, 50])"


class _CountingText(str):
    """Policy text that counts how often it is split into lines."""

    splits = 0

    def split(self, *args, **kwargs):
        type(self).splits += 1
        return super().split(*args, **kwargs)


def test_the_file_is_split_into_lines_once_however_many_findings(demo_codes):
    # Splitting the whole file again for each diagnostic made text output quadratic in the
    # number of findings (20,000 warnings on one file took minutes).
    text = _CountingText("".join(f"fact f{i}: bool\n" for i in range(300)))
    source = SourceFile("policies/many.ppkm", text)
    diags = [Diagnostic("PPK991", f"`f{i}` is unused", Span(source.name, i + 1, 6, i + 1, 8)) for i in range(300)]
    _CountingText.splits = 0
    out = render(diags, {source.name: source})
    assert _CountingText.splits == 1
    assert "299 | fact f298: bool" in out and out.count("^^") == 300
