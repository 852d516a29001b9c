"""SARIF rules link to their pages on the site, and a log is cut at GitHub's 5,000 results
with a note that says how many were left out."""

from ppkm_lang.diagnostics import render_sarif
from ppkm_lang.diagnostics.codes import SHADOWED_RULE, UNUSED_DECLARATION, UNKNOWN_NAME
from ppkm_lang.diagnostics.links import DOCS_URL
from ppkm_lang.diagnostics.model import Diagnostic
from ppkm_lang.source import Span

from tests.diagnostics.test_render_sarif import schema_errors


def diag(code, line):
    return Diagnostic(code, f"finding {line}", Span("policies/a.ppkm", line, 1, line, 2))


def test_rules_link_to_their_code_pages(monkeypatch):
    monkeypatch.delenv("PPKM_DOCS_URL", raising=False)
    log = render_sarif.sarif_log([diag(UNKNOWN_NAME, 1)])
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == DOCS_URL
    assert driver["rules"][0]["helpUri"] == f"{DOCS_URL}en/referensi/kode/{str(UNKNOWN_NAME).lower()}/"
    assert "properties" not in log["runs"][0] and "invocations" not in log["runs"][0]
    monkeypatch.setenv("PPKM_DOCS_URL", "https://example.org/kebijakan")
    driver = render_sarif.sarif_log([diag(UNKNOWN_NAME, 1)])["runs"][0]["tool"]["driver"]
    assert driver["rules"][0]["helpUri"].startswith("https://example.org/kebijakan/en/referensi/kode/")
    assert schema_errors(render_sarif.sarif_log([diag(UNKNOWN_NAME, 1)])) == []


def test_results_past_the_cap_are_left_out_errors_last_to_go():
    warnings = [diag(UNUSED_DECLARATION, i) for i in range(1, 8)]
    errors = [diag(UNKNOWN_NAME, 100 + i) for i in range(3)]
    log = render_sarif.sarif_log(warnings + errors + [diag(SHADOWED_RULE, 200)], max_results=5)
    run = log["runs"][0]
    kept = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]]
    assert kept == [("PPK506", 1), ("PPK506", 2), ("PPK201", 100), ("PPK201", 101), ("PPK201", 102)]
    assert run["properties"]["omittedResults"] == 6 and run["properties"]["truncated"] is True
    note = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert note.startswith("6 more findings left out") and "at most 5 results" in note
    assert schema_errors(log) == []


def test_the_default_cap_is_githubs():
    assert render_sarif.MAX_RESULTS == 5000
    log = render_sarif.sarif_log([diag(UNUSED_DECLARATION, i) for i in range(1, 5003)])
    assert len(log["runs"][0]["results"]) == 5000 and log["runs"][0]["properties"]["omittedResults"] == 2
