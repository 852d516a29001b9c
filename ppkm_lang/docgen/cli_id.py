"""The command line's help texts in Indonesian, for the Indonesian site's CLI reference.

`ppkm --help` and each verb's `--help` are argparse's output, in English. The Indonesian page
reads that output back into its parts (usage, description, sections, one entry per option or
verb with its description, the closing notes), shows the usage lines and the options as
written (they are what one types) and each description in Indonesian, wrapped as argparse
wraps. A description without a translation here stays in English; a test keeps them all
translated.
"""

from __future__ import annotations

import re
import textwrap

from ppkm_lang.docgen.cli_id_texts import TEXTS

WIDTH = 100
_HEADINGS = {"usage:": "penggunaan:", "options:": "opsi:", "positional arguments:": "argumen posisi:",
             "verbs:": "perintah:", "optional arguments:": "opsi:"}


def _norm(text: str) -> str:
    return " ".join(text.split())


def _say(english: str) -> tuple[str, bool]:
    said = TEXTS.get(_norm(english))
    return (said, True) if said is not None else (_norm(english), False)


def parts(help_text: str) -> list[tuple[str, str, str]]:
    """The help as (kind, left, text) pieces: kind is "usage" (text as written), "heading",
    "entry" (left: the option or verb as written, with its indentation; text: its description,
    maybe empty), or "prose" (a paragraph of description or closing notes, with its indent)."""
    out: list[tuple[str, str, str]] = []
    lines = help_text.rstrip("\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("usage:"):
            block = [line]
            while i + 1 < len(lines) and lines[i + 1].startswith(" ") and lines[i + 1].strip():
                i += 1
                block.append(lines[i])
            out.append(("usage", "", "\n".join(block)))
        elif not line.strip():
            out.append(("blank", "", ""))
        elif line.endswith(":") and not line.startswith(" ") and line in _HEADINGS:
            out.append(("heading", "", line))
        elif line.startswith("  "):
            m = re.match(r"^(\s+\S(?:\S| (?! ))*)(?:\s{2,}(.*))?$", line)
            left, text = m.group(1), m.group(2) or ""
            column = len(line) - len(text) if text else None
            while i + 1 < len(lines) and lines[i + 1].strip() and \
                    len(lines[i + 1]) - len(lines[i + 1].lstrip()) > len(left) - len(left.lstrip()) + 2:
                i += 1
                if column is None:
                    column = len(lines[i]) - len(lines[i].lstrip())
                text += " " + lines[i].strip()
            out.append(("entry", left + ("\0" + str(column) if column else ""), text))
        else:
            block = [line]
            while i + 1 < len(lines) and lines[i + 1].strip() and not (lines[i + 1].endswith(":") and lines[i + 1] in _HEADINGS):
                nxt = lines[i + 1]
                # A new note starts with "word:" at the margin ("exit status: ...", "cache: ...").
                if not nxt.startswith(" ") and re.match(r"^[a-z][a-z ]*: ", nxt):
                    break
                i += 1
                block.append(nxt)
            out.append(("prose", "", " ".join(b.strip() for b in block)))
        i += 1
    return out


def indonesian(help_text: str) -> tuple[str, list[str]]:
    """(the help in Indonesian, the English descriptions that have no translation)."""
    missing: list[str] = []
    out: list[str] = []
    for kind, left, text in parts(help_text):
        if kind == "usage":
            out.append(text.replace("usage:", _HEADINGS["usage:"], 1))
        elif kind == "blank":
            out.append("")
        elif kind == "heading":
            out.append(_HEADINGS[text])
        elif kind == "entry":
            name, _, column = left.partition("\0")
            if not text:
                out.append(name)
                continue
            said, ok = _say(text)
            if not ok:
                missing.append(_norm(text))
            col = int(column)
            first_room = col - len(name)
            if first_room < 2:
                out.append(name)
                out.extend(textwrap.wrap(said, WIDTH, initial_indent=" " * col, subsequent_indent=" " * col,
                                         break_on_hyphens=False))
            else:
                wrapped = textwrap.wrap(said, WIDTH - col, break_on_hyphens=False)
                out.append(name + " " * first_room + wrapped[0])
                out.extend(" " * col + w for w in wrapped[1:])
        else:
            said, ok = _say(text)
            if not ok:
                missing.append(_norm(text))
            out.extend(textwrap.wrap(said, WIDTH, break_on_hyphens=False,
                                     subsequent_indent="  " if re.match(r"^[a-z][a-z ()]*: ", said) else ""))
    return "\n".join(out) + "\n", missing
