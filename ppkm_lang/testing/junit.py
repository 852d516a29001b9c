"""A TestReport as JUnit XML, the format CI systems read for test results.

Built with xml.etree so that every name, message and value is escaped; characters that XML 1.0
cannot carry at all (most control characters) are replaced, since policy text may hold them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import PurePath

from ppkm_lang.testing.runner import ERROR, EXAMPLE_FAILED, FAIL, TestReport

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str | None) -> str:
    return _INVALID_XML.sub("\ufffd", text or "")


def render(report: TestReport, *, suite: str = "ppkm examples") -> str:
    failures = sum(1 for r in report.results if r.status == FAIL)
    errors = sum(1 for r in report.results if r.status == ERROR)
    root = ET.Element("testsuites", {"name": "ppkm", "tests": str(report.total),
                                     "failures": str(failures), "errors": str(errors)})
    ts = ET.SubElement(root, "testsuite", {"name": _clean(suite), "tests": str(report.total),
                                           "failures": str(failures), "errors": str(errors), "skipped": "0"})
    for r in report.results:
        file = r.location.file
        classname = PurePath(file).stem if file and not file.startswith("<") else "ppkm"
        case = ET.SubElement(ts, "testcase", {"classname": _clean(classname), "name": _clean(r.name),
                                              "file": _clean(file), "line": str(r.location.line)})
        if r.status == FAIL:
            text = "\n".join(d.line() for d in r.differences)
            first = r.differences[0].line() if r.differences else "example failed"
            node = ET.SubElement(case, "failure", {"type": EXAMPLE_FAILED, "message": _clean(first)})
            node.text = _clean(f"{r.location}\n{text}")
        elif r.status == ERROR:
            node = ET.SubElement(case, "error", {"type": "input", "message": _clean(r.message)})
            node.text = _clean(f"{r.location}\n{r.message}")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
