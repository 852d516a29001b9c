"""Diagnostics as SARIF 2.1.0, the format GitHub code scanning uploads.

One rule per code used, documented from the registry; one result per finding with its
location relative to the repository root (`uriBaseId` `%SRCROOT%`), related locations, a
fingerprint that survives unrelated edits (it hashes the code, file, message and subject,
not the line) and the witness under `properties`. Each rule links to its page on the site
(`helpUri`) and the tool to the site (`informationUri`).

GitHub code scanning takes at most 5,000 results per run: past `MAX_RESULTS` the log keeps the
first findings (errors first, then warnings, then notes, each in file order), says how many
were left out in `runs[].properties` and in an invocation's tool notification, and reports
the run as complete but truncated.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ppkm_lang._version import __version__
from ppkm_lang.diagnostics.links import code_url, docs_url
from ppkm_lang.diagnostics.model import Code, Diagnostic, Severity
from ppkm_lang.diagnostics.codes import lookup
from ppkm_lang.diagnostics.render_json import witness_json
from ppkm_lang.source import Span

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT = "ppkmFinding/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
MAX_RESULTS = 5000  # GitHub code scanning's limit of results per run


def render(diagnostics: Iterable[Diagnostic], *, root: Path | None = None,
           cwd: Path | None = None) -> str:
    """The SARIF log as text. File names in spans are taken relative to `cwd` and written
    relative to `root` (the repository root); both default to the current directory."""
    return json.dumps(sarif_log(diagnostics, root=root, cwd=cwd), indent=2,
                      ensure_ascii=False) + "\n"


def sarif_log(diagnostics: Iterable[Diagnostic], *, root: Path | None = None,
              cwd: Path | None = None, max_results: int = MAX_RESULTS) -> dict[str, Any]:
    cwd = cwd or Path.cwd()
    root = root or cwd
    diagnostics = list(diagnostics)
    dropped = max(0, len(diagnostics) - max_results)
    if dropped:
        ranked = sorted(range(len(diagnostics)), key=lambda i: (-diagnostics[i].severity.rank, i))
        keep = set(ranked[:max_results])
        diagnostics = [d for i, d in enumerate(diagnostics) if i in keep]
    codes = sorted({d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "ppkm",
            "version": __version__,
            "informationUri": docs_url(),
            "rules": [_rule(lookup(code)) for code in codes],
        }},
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, index[d.code], root, cwd) for d in diagnostics],
    }
    if dropped:
        note = (f"{dropped} more finding{'s' if dropped != 1 else ''} left out: code scanning takes at most "
                f"{max_results} results per run; run `ppkm check` for all of them")
        run["properties"] = {"truncated": True, "omittedResults": dropped, "note": note}
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": [
            {"level": "warning", "message": {"text": note}, "descriptor": {"id": "results-truncated"}}]}]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [run],
    }


def _rule(code: Code) -> dict[str, Any]:
    example = f"Example:\n\n{code.example}\n\n" if code.example else ""
    markdown_example = f"**Example**\n\n```ppkm\n{code.example}\n```\n\n" if code.example else ""
    return {
        "id": code.code,
        "name": code.name,
        "helpUri": code_url(code.code),
        "shortDescription": {"text": code.summary},
        "fullDescription": {"text": f"{code.summary} {code.why}".strip()},
        "help": {
            "text": f"{code.summary}\n\nWhy: {code.why}\n\n{example}Fix: {code.fix}",
            "markdown": (f"{code.summary}\n\n**Why it matters.** {code.why}\n\n"
                         f"{markdown_example}**How to fix it.** {code.fix}"),
        },
        "defaultConfiguration": {"level": LEVEL[code.severity]},
        "properties": {"tags": ["ppkm", code.kind]},
    }


def _result(diag: Diagnostic, rule_index: int, root: Path, cwd: Path) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": diag.code,
        "ruleIndex": rule_index,
        "level": LEVEL[diag.severity],
        "message": {"text": diag.message},
    }
    location = _location(diag.span, root, cwd)
    # The repository-relative path, so that `ppkm check ./policies` and `ppkm check policies`
    # (or a run from another directory) give the same fingerprint.
    where = artifact_uri(diag.span.file, root, cwd) if location else diag.span.file
    result["partialFingerprints"] = {FINGERPRINT: fingerprint(diag, where)}
    if location is not None:
        result["locations"] = [location]
    related = []
    for i, rel in enumerate(diag.related):
        loc = _location(rel.span, root, cwd)
        if loc is None:
            continue
        loc["id"] = i
        if rel.message:
            loc["message"] = {"text": rel.message}
        related.append(loc)
    if related:
        result["relatedLocations"] = related
    properties: dict[str, Any] = {}
    if diag.witness is not None:
        properties["witness"] = witness_json(diag.witness)
    if diag.help:
        properties["help"] = diag.help
    if diag.subject:
        properties["subject"] = diag.subject
    if properties:
        result["properties"] = properties
    return result


def _location(span: Span, root: Path, cwd: Path) -> dict[str, Any] | None:
    if span.file.startswith("<"):  # <builtin>, <stdin>, <command line>: no file to point at
        return None
    region = {"startLine": max(1, span.line), "startColumn": max(1, span.column),
              "endLine": max(1, span.end_line), "endColumn": max(1, span.end_column)}
    return {"physicalLocation": {
        "artifactLocation": {"uri": artifact_uri(span.file, root, cwd), "uriBaseId": "%SRCROOT%"},
        "region": region,
    }}


def artifact_uri(file: str, root: Path, cwd: Path) -> str:
    """`file` as a percent-encoded POSIX path relative to `root`."""
    path = Path(file)
    if not path.is_absolute():
        path = cwd / path
    relative = os.path.relpath(os.path.normpath(path), os.path.normpath(root.absolute()))
    return quote(_name_bytes(Path(relative).as_posix()), safe="/")


def _name_bytes(name: str) -> bytes:
    """The bytes of a file name as `source.display_path` wrote it: a byte that is not UTF-8
    is written there `\\xNN`, and the URI must carry that byte (`%FF`), not the escape."""
    raw = re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name.encode("utf-8"))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw
    return name.encode("utf-8")  # no escape of ours: a name that really holds `\x..`


def fingerprint(diag: Diagnostic, file: str) -> str:
    """A stable hash of what the finding is (code, file, message, subject), not where in the
    file it sits, so that code scanning keeps tracking an alert when lines move."""
    key = "\0".join((diag.code, file, diag.message, diag.subject or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
