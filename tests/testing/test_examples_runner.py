"""`ppkm test`: examples pass and fail with a diff, coverage of rules and table rows, and the
text, JSON and JUnit reports with their exit codes."""

import argparse
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.console import Console

from ppkm_lang import api
from ppkm_lang.cli import test as test_cli
from ppkm_lang.cli.common import print_error
from ppkm_lang.testing import junit

POLICY = '''
instrument demo_2021 "Demo" {
  number 1 year 2021
  signed 2021-07-20
  in_force 2021-07-21 to 2021-07-25
  structure { KESATU { a b c } }
}
fact rumah: int [0, 1000] "Rumah positif."
fact zona: enum ordered { hijau, kuning, merah } derived "Zona."
measure batas: int "Batas kerumunan."
measure jam: time "Jam."

table zona_rt "Zona" {
  hit unique
  inputs rumah
  outputs zona
  row 0      -> hijau  cite demo_2021 KESATU a "tidak ada kasus"
  row [1, 5] -> kuning cite demo_2021 KESATU b "1 sampai 5 rumah"
  row > 5    -> merah  cite demo_2021 KESATU c "lebih dari 5 rumah"
}
rule merah_batas "Merah" {
  when zona == merah
  then batas = 3, jam = 20:00
  cite demo_2021 KESATU c "kerumunan paling banyak 3 orang"
}
'''

EXAMPLES_OK = '''
example merah_tujuh "Tujuh rumah" {
  at 2021-07-22
  given rumah = 7
  expect zona = merah, batas = 3, jam = 20:00
}
example kuning_dua {
  at 2021-07-22
  given rumah = 2
  expect zona = kuning
  expect undetermined batas
}
example sesudah {
  at 2021-07-26
  given rumah = 7
  expect no_instrument
  expect undetermined batas
}
'''

EXAMPLES_BAD = '''
example salah_zona "A <wrong> & \\"quoted\\" example" {
  at 2021-07-22
  given rumah = 4
  expect zona = merah, batas = 3
}
example salah_undetermined {
  at 2021-07-22
  given rumah = 9
  expect undetermined batas
}
example salah_berlaku {
  at 2021-07-23
  given rumah = 1
  expect no_instrument
}
'''


class Ctx:
    def __init__(self):
        self.out = Console(file=io.StringIO(), width=200, no_color=True, highlight=False)
        self.err = Console(file=io.StringIO(), width=200, no_color=True, highlight=False)
        self.gazetteer = None

    def write(self, text):
        self.out.file.write(text)

    def fail(self, message, *, code=None, hint=None):
        print_error(self.err, message, code=code, hint=hint)
        return 2


def write(tmp_path: Path, examples: str) -> Path:
    path = tmp_path / "demo.ppkm"
    path.write_text(POLICY + examples)
    return path


def run(argv):
    parser = argparse.ArgumentParser()
    test_cli.add_arguments(parser)
    ctx = Ctx()
    code = test_cli.run(parser.parse_args(argv), ctx)
    return code, ctx.out.file.getvalue(), ctx.err.file.getvalue()


def report_for(tmp_path, examples):
    loaded = api.load(write(tmp_path, examples))
    assert loaded.ok, loaded.diagnostics
    return api.run_examples(loaded.policy)


def test_passing_examples_and_coverage(tmp_path):
    report = report_for(tmp_path, EXAMPLES_OK)
    assert (report.total, report.passed, report.failed) == (3, 3, 0)
    cov = report.coverage
    assert (cov.rules, cov.covered) == (4, 3)
    assert [(u.table, u.row) for u in cov.uncovered] == [("zona_rt", 1)]
    assert cov.uncovered[0].location.line > 1


def test_failures_carry_expected_and_actual(tmp_path):
    report = report_for(tmp_path, EXAMPLES_BAD)
    by = {r.name: r for r in report.results}
    assert report.failed == 3
    diff = {d.target: d for d in by["salah_zona"].differences}
    assert diff["zona"].expected == "merah" and diff["zona"].actual == "kuning (rule `zona_rt#2`)"
    assert diff["batas"].actual == "undetermined"
    assert by["salah_undetermined"].differences[0].actual == "3 (rule `merah_batas`)"
    assert by["salah_berlaku"].differences[0].actual == "demo_2021"
    assert by["salah_zona"].location.line > 1


def test_text_report_and_exit_codes(tmp_path):
    code, out, _ = run([str(write(tmp_path, EXAMPLES_OK)), "--coverage"])
    assert code == 0
    assert "PASS" not in out and "3 examples: 3 passed, 0 failed" in out  # passes only with -v
    assert "examples exercise 3 of 4 rules (75.0%)" in out
    assert "not exercised: row 1 of table `zona_rt`" in out
    code, out, _ = run([str(write(tmp_path, EXAMPLES_OK)), "-v"])
    assert code == 0 and out.count("PASS  ") == 3 and "PASS  merah_tujuh" in out
    code, out, _ = run([str(write(tmp_path, EXAMPLES_BAD))])
    assert code == 1
    assert "FAIL  salah_zona" in out and "[PPK606]" in out and "- zona: expected merah" in out and "+ zona: got kuning" in out
    assert "demo.ppkm:" in out


def test_min_coverage(tmp_path):
    path = str(write(tmp_path, EXAMPLES_OK))
    assert run([path, "--min-coverage", "75"])[0] == 0
    code, _, err = run([path, "--min-coverage", "80"])
    assert code == 1 and "below --min-coverage 80%" in err
    assert run([path, "--min-coverage", "120"])[0] == 2


@pytest.mark.parametrize("text", ["\uff18\uff10", "\u0668\u0660", "8\u0660"])
def test_min_coverage_takes_ascii_digits_only(tmp_path, text, capsys):
    # float() reads `８０` as 80: a full-width or Arabic-Indic digit is refused, as in --set.
    path = str(write(tmp_path, EXAMPLES_OK))
    with pytest.raises(SystemExit) as exc:
        run([path, "--min-coverage", text])
    assert exc.value.code == 2 and "is not an ASCII digit" in capsys.readouterr().err
    assert run([path, "--min-coverage", "75%"])[0] == 0


def test_json_report(tmp_path):
    code, out, _ = run([str(write(tmp_path, EXAMPLES_BAD)), "--format", "json"])
    doc = json.loads(out)
    assert code == 1
    assert {k: doc[k] for k in ("version", "total", "passed", "failed")} == \
        {"version": 1, "total": 3, "passed": 0, "failed": 3}
    first = doc["results"][0]
    assert set(first) >= {"name", "location", "status", "expected", "actual"}
    assert first["expected"] == {"zona": "merah", "batas": "3"} and first["status"] == "fail"
    assert first["code"] == "PPK606"
    assert set(doc["coverage"]) >= {"rules", "covered", "uncovered"}


def test_junit_is_valid_xml_with_escaped_text(tmp_path):
    code, out, _ = run([str(write(tmp_path, EXAMPLES_BAD)), "--format", "junit"])
    assert code == 1
    root = ET.fromstring(out.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite.get("tests") == "3" and suite.get("failures") == "3"
    case = suite.find("testcase")
    assert case.get("name") == "salah_zona" and case.get("classname") == "demo"
    failure = case.find("failure")
    assert failure.get("type") == "PPK606"
    assert "expected merah, got kuning" in failure.get("message") and "demo.ppkm:" in failure.text


def test_junit_survives_control_characters():
    from ppkm_lang.source import Span
    from ppkm_lang.testing.runner import Coverage, Difference, ExampleResult, TestReport
    r = ExampleResult("a<&>\x01", None, "fail", {}, {}, (Difference("x", "\x07]]>", "<b>"),),
                      location=Span("p.ppkm", 1, 1, 1, 2))
    text = junit.render(TestReport((r,), Coverage(0, 0, ())))
    root = ET.fromstring(text.encode("utf-8"))
    assert root.find("testsuite/testcase").get("name") == "a<&>\ufffd"
    assert "]]>" in root.find("testsuite/testcase/failure").text


def test_output_file_and_load_errors(tmp_path):
    out = tmp_path / "junit.xml"
    code, stdout, _ = run([str(write(tmp_path, EXAMPLES_OK)), "--format", "junit", "--output", str(out)])
    assert code == 0 and stdout == "" and ET.parse(out).getroot().tag == "testsuites"
    bad = tmp_path / "bad.ppkm"
    bad.write_text("example e { at 2021-07-22 given nope = 1 }\n")
    code, _, err = run([str(bad)])
    assert code == 1 and "PPK201" in err
    assert run([str(tmp_path / "none.ppkm")])[0] == 2


@pytest.mark.parametrize("examples_dir", ["examples"])
def test_repository_examples_pass(examples_dir, repo_root):
    path = repo_root / examples_dir
    loaded = api.load(path)
    assert loaded.ok
    report = api.run_examples(loaded.policy)
    assert report.total > 0 and report.failed == 0, [r for r in report.results if r.status != "pass"]
