from pathlib import Path

from ppkm_lang.diagnostics import render_github
from ppkm_lang.diagnostics.model import Diagnostic, Severity
from ppkm_lang.diagnostics.registry import finalize
from ppkm_lang.source import Span


def test_one_command_per_finding_with_every_property(demo_codes):
    diags = finalize([
        Diagnostic("PPK991", "rules `a` and `b` conflict", Span("policies/a.ppkm", 12, 5, 13, 2)),
        Diagnostic("PPK992", "gap", Span("policies/a.ppkm", 20, 1, 20, 4)),
        Diagnostic("PPK993", "unused", Span("policies/a.ppkm", 30, 1, 30, 4)),
    ])
    lines = render_github.render(diags).splitlines()
    assert lines == [
        "::error file=policies/a.ppkm,line=12,col=5,endLine=13,endColumn=2,"
        "title=PPK991 demo-error::rules `a` and `b` conflict",
        "::warning file=policies/a.ppkm,line=20,col=1,endLine=20,endColumn=4,"
        "title=PPK992 demo-warning::gap",
        "::notice file=policies/a.ppkm,line=30,col=1,endLine=30,endColumn=4,"
        "title=PPK993 demo-info::unused",
    ]


def test_message_escaping(demo_codes):
    diag = Diagnostic("PPK991", "100% sure:\r\nyes, really", Span("a.ppkm", 1, 1, 1, 2))
    line = render_github.command(finalize([diag])[0])
    assert line.endswith("::100%25 sure:%0D%0Ayes, really")
    assert "\n" not in line and "\r" not in line


def test_property_escaping():
    assert render_github.escape_property("a,b:c%d\ne") == "a%2Cb%3Ac%25d%0Ae"
    assert render_github.escape_data("a,b:c%d\r") == "a,b:c%25d%0D"


def test_file_names_with_separators_are_escaped(demo_codes):
    diag = finalize([Diagnostic("PPK991", "m", Span("odd,name:1.ppkm", 1, 1, 1, 2))])[0]
    line = render_github.command(diag)
    assert line.startswith("::error file=odd%2Cname%3A1.ppkm,line=1,")


def test_witness_and_help_follow_the_message(demo_codes):
    diag = finalize([Diagnostic("PPK991", "m", Span("a.ppkm", 1, 1, 1, 2),
                                witness={"zona": "merah"}, help="fix it")])[0]
    assert render_github.command(diag).endswith("::m%0Awitness: zona = merah%0Ahelp: fix it")


def test_severity_override(demo_codes):
    diag = finalize([Diagnostic("PPK991", "m", Span("a.ppkm", 1, 1, 1, 2),
                                severity=Severity.INFO)])[0]
    assert render_github.command(diag).startswith("::notice ")


def test_paths_relative_to_the_repository_root(demo_codes):
    diag = finalize([Diagnostic("PPK991", "m", Span("a.ppkm", 1, 1, 1, 2))])
    out = render_github.render(diag, root=Path("/repo"), cwd=Path("/repo/policies"))
    assert out.startswith("::error file=policies/a.ppkm,")


def test_no_file_for_builtin_spans(demo_codes):
    diag = finalize([Diagnostic("PPK991", "m", Span("<builtin>", 1, 1, 1, 1))])[0]
    assert render_github.command(diag) == "::error title=PPK991 demo-error::m"
