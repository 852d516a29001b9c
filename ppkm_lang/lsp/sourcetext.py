"""The text of a diktum in the instrument's own transcription, when the policy says where it is.

A policy file names its source in a comment, as the files of `policies/` do:

    # Source: /work/shared/sources/002_496c02c6faef5ead.txt, a web transcription ...

(a path absolute or relative to the policy file). The diktum is the text from the line that
starts with its label (`KESATU :` or `KESATU`) to the next such line of another diktum.
"""

from __future__ import annotations

import re
from pathlib import Path

from ppkm_lang.source import MAX_FILE_BYTES

_SOURCE = re.compile(r"^#.*?\bSource:\s*(\S+?)[,;.]?(?:\s|$)", re.M)
_HEADING = re.compile(r"^\s*([A-Z]{4,})\s*:?\s*$|^\s*([A-Z]{4,})\s*:\s", re.M)
MAX_LINES = 14  # shown from the heading when the quote is near it
AFTER = 4  # lines shown after the one where the quote starts, when it is further down


def source_path(policy_text: str, policy_file: Path) -> Path | None:
    """The transcription a policy file's comments name, if it exists."""
    m = _SOURCE.search(policy_text)
    if m is None:
        return None
    path = Path(m.group(1))
    if not path.is_absolute():
        path = policy_file.parent / path
    try:
        return path if path.is_file() and path.stat().st_size <= MAX_FILE_BYTES else None
    except OSError:
        return None


def diktum_text(path: Path, label: str, quote: str | None = None) -> tuple[str, bool] | None:
    """The diktum `label` (the one holding `quote` when the label occurs twice): its opening
    lines, or its heading and the lines around the quote when that is further down; and
    whether `quote` was found in it word for word (spaces aside)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    headings = [(m.start(), m.group(1) or m.group(2)) for m in _HEADING.finditer(text)]
    sections = []
    for i, (start, name) in enumerate(headings):
        if name == label:
            end = next((s for s, n in headings[i + 1:] if _is_diktum(n)), len(text))
            sections.append(text[start:end])
    if not sections:
        return None
    wanted = _squash(quote) if quote else None
    found = [s for s in sections if wanted and wanted in _squash(s)]
    section = (found or sections)[0]
    lines = [ln.rstrip() for ln in section.strip("\n").split("\n") if ln.strip()]
    start = _line_of(lines, wanted) if found else 0
    if start <= 2:
        shown = lines[:MAX_LINES]
        more = len(lines) > MAX_LINES
    else:  # the heading, then the lines around the quoted sentence
        shown = [lines[0], "…", *lines[start - 2:start + AFTER]]
        more = start + AFTER < len(lines)
    return "\n".join(shown) + ("\n…" if more else ""), bool(found)


def _line_of(lines: list[str], wanted: str) -> int:
    """The first line where the quoted sentence starts (it may run over the next lines)."""
    head = wanted[:40]
    for i in range(len(lines)):
        if head in _squash(" ".join(lines[i:i + 3])) and head not in _squash(" ".join(lines[i + 1:i + 3])):
            return i
    return 0


def _is_diktum(name: str) -> bool:
    return name.startswith("KE") or name == "KESATU"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


__all__ = ["source_path", "diktum_text"]
