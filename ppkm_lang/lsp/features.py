"""What the editor asks, answered from a checked project: hover, definitions, uses, completion
and the fixes a finding's hint names. Pure functions of a `Snapshot` and a position (0-based
line, character column); the server converts to and from the protocol."""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from ppkm_lang.lsp.index import Index, Symbol, Token, word_at
from ppkm_lang.lsp.project import Snapshot
from ppkm_lang.lsp.sourcetext import diktum_text, source_path
from ppkm_lang.syntax import ast


@attrs.frozen
class Place:
    file: str  # source name
    line: int
    start: int
    end_line: int
    end: int


# ------------------------------------------------------------------ hover


def hover(snap: Snapshot, index: Index, file: str, line: int, character: int) -> str | None:
    """Markdown for what is under the cursor."""
    cite = index.citation_at(file, line, character)
    word = word_at(index.sources[file].text, line, character) if file in index.sources else None
    if cite is not None and (word is None or word.kind == "string" or word.text in (cite.diktum, cite.instrument)
                             or word.text == "cite"):
        return _cite_hover(snap, index, cite)
    if word is None or word.kind != "name":
        return None
    found = index.declarations(word.text)
    if not found:
        return None
    return "\n\n---\n\n".join(_symbol_hover(snap, s) for s in found[:3])


def _symbol_hover(snap: Snapshot, sym: Symbol) -> str:
    node, policy = sym.node, snap.policy
    if sym.kind in ("fact", "measure"):
        ir = None
        if policy is not None:
            ir = (policy.facts if sym.kind == "fact" else policy.measures).get(sym.name)
        kind = "derived fact" if sym.kind == "fact" and node.derived else sym.kind
        lines = [f"**{kind}** `{sym.name}`: {_type_text(node.type, ir.type if ir else None)}"]
        unit = (ir.type.unit if ir is not None else None) or node.type.unit
        if unit:
            lines.append(f"unit: `{unit}`")
        if node.doc:
            lines.append(node.doc)
        return "\n\n".join(lines)
    if sym.kind in ("member", "group"):
        what = "group of" if sym.kind == "group" else "member of"
        extra = ""
        if sym.kind == "group":
            extra = ": " + ", ".join(f"`{m.name}`" for m in node.members)
        return f"**{what}** the enum of `{sym.owner}` `{sym.name}`{extra}" + (f"\n\n{node.doc}" if node.doc else "")
    if sym.kind == "instrument":
        dates = ""
        if policy is not None and sym.name in policy.instruments:
            inst = policy.instruments[sym.name]
            if inst.first or inst.last:
                dates = f"\n\nin force {inst.first or '…'} to {inst.last or '…'}"
        number = f" No. {node.number}/{node.year}" if node.number is not None else ""
        return f"**instrument** `{sym.name}`{number}\n\n{node.title}{dates}" + (f"\n\n{node.doc}" if node.doc else "")
    if sym.kind == "interpretation":
        parts = [f"**interpretation** `{sym.name}`" + (f": {node.title}" if node.title else "")]
        for label, text in (("question", node.question), ("decision", node.decision)):
            if text:
                parts.append(f"*{label}*: {text}")
        return "\n\n".join(parts)
    if sym.kind == "regionset":
        count = len(node.entries)
        return (f"**regionset** `{sym.name}`" + (f": {node.title}" if node.title else "")
                + f"\n\n{count} entr{'y' if count == 1 else 'ies'}"
                + (", includes " + ", ".join(f"`{n.text}`" for n in node.includes) if node.includes else ""))
    title = getattr(node, "title", None)
    text = f"**{sym.kind}** `{sym.name}`" + (f": {title}" if title else "")
    cites = getattr(node, "cites", ())
    if cites:
        text += "\n\n" + "\n".join(f"- {_cite_label(c)}" + (f': "{c.text}"' if c.text else "") for c in cites[:4])
    doc = getattr(node, "doc", None)
    return text + (f"\n\n{doc}" if doc else "")


def _type_text(t: ast.TypeAst, ir_type) -> str:
    if ir_type is not None:
        text = ir_type.describe()
        return text + (" (ordered)" if ir_type.ordered else "")
    if t.kind == "enum":
        return "enum {" + ", ".join(m.name for m in t.members) + "}" + (" (ordered)" if t.ordered else "")
    return t.kind


def _cite_label(c: ast.CitationAst) -> str:
    return f"`{c.instrument}` {c.diktum}" + (" " + ".".join(c.path) if c.path else "")


def _cite_hover(snap: Snapshot, index: Index, cite: ast.CitationAst) -> str:
    parts = [f"**cite** {_cite_label(cite)}"]
    decl = next((s for s in index.declarations(cite.instrument) if s.kind == "instrument"), None)
    if decl is not None:
        parts.append(decl.node.title)
    if cite.text:
        parts.append("> " + cite.text)
    source = _diktum_source(snap, index, decl, cite)
    if source is not None:
        text, found = source
        note = "the quoted sentence is in it" if found else "the quoted sentence was not found in it word for word"
        if not cite.text:
            note = "the citation quotes no sentence"
        parts.append(f"source text of {cite.diktum} ({note}):\n\n```text\n{text}\n```")
    return "\n\n".join(parts)


def _diktum_source(snap: Snapshot, index: Index, decl: Symbol | None, cite: ast.CitationAst):
    if decl is None or decl.file not in index.sources:
        return None
    path = source_path(index.sources[decl.file].text, snap.path_of(decl.file))
    return diktum_text(path, cite.diktum, cite.text) if path is not None else None


# ------------------------------------------------------------------ definitions and uses


def definition(index: Index, file: str, line: int, character: int, snap: Snapshot | None = None) -> list[Place]:
    word = _name_at(index, file, line, character)
    if word is None:
        return []
    if snap is not None and _is_import(index, file, word):
        target = snap.path_of(file).parent / f"{word.text}.ppkm"
        name = snap.name_of(target)
        return [Place(name, 0, 0, 0, 0)] if name is not None else []
    found = index.declarations(word.text)
    decls = [s for s in found if s.kind not in ("member", "group")] or found
    return [Place(s.file, s.line, s.start, s.line, s.end) for s in decls]


def references(index: Index, file: str, line: int, character: int, include_declaration: bool = True) -> list[Place]:
    word = _name_at(index, file, line, character)
    if word is None or not index.declarations(word.text):
        return []
    decls = {(s.file, s.line, s.start) for s in index.declarations(word.text)}
    return [Place(f, t.line, t.start, t.line, t.end) for f, t in index.uses(word.text)
            if include_declaration or (f, t.line, t.start) not in decls]


def _name_at(index: Index, file: str, line: int, character: int) -> Token | None:
    if file not in index.sources:
        return None
    word = word_at(index.sources[file].text, line, character)
    return word if word is not None and word.kind == "name" else None


def _is_import(index: Index, file: str, word: Token) -> bool:
    module = index.modules.get(file)
    return module is not None and any(isinstance(i, ast.Import) and i.name == word.text
                                      and i.span.line - 1 == word.line for i in module.items)


# ------------------------------------------------------------------ completion


@attrs.frozen
class Choice:
    label: str
    kind: str  # fact, measure, member, group, region, diktum, part, instrument, rule, interpretation, regionset
    detail: str = ""


_CITE_PATH = re.compile(r"\bcite\s+(\w+)\s+(\w+)\s+([\w.]*)$")
_CITE_DIKTUM = re.compile(r"\bcite\s+(\w+)\s+(\w*)$")
_CITE_INSTRUMENT = re.compile(r"\bcite\s+(\w*)$")
_VALUE = re.compile(r"\b(\w+)\s*(?:==|!=|=)\s*(\w*)$")
_IN_SET = re.compile(r"\b(\w+)\s+(?:not\s+)?in\s*\{[^}]*?(\w*)$")
_OVERRIDES = re.compile(r"\boverrides\s+(?:\w+\s*,\s*)*(\w*)$")
_PER = re.compile(r"\bper\s+(?:\w+\s*,\s*)*(\w*)$")


def completion(snap: Snapshot, index: Index, file: str, line: int, character: int) -> list[Choice]:
    source = index.sources.get(file)
    if source is None:
        return []
    lines = source.text.split("\n")
    prefix = lines[line][:character] if line < len(lines) else ""
    if _in_string(prefix):
        return _regions(snap)
    if m := _CITE_PATH.search(prefix):
        return [Choice(p, "part", f"{m.group(1)} {m.group(2)}") for p in _paths(index, m.group(1), m.group(2))]
    if m := _CITE_DIKTUM.search(prefix):
        return [Choice(p.label, "diktum", m.group(1)) for p in _structure(index, m.group(1))]
    if _CITE_INSTRUMENT.search(prefix):
        return [Choice(s.name, "instrument", _title(s)) for s in index.of_kind("instrument")]
    if m := _OVERRIDES.search(prefix):
        return [Choice(s.name, s.kind, _title(s)) for s in index.of_kind("rule", "table")]
    if m := _PER.search(prefix):
        return [Choice(s.name, "interpretation", _title(s)) for s in index.of_kind("interpretation")]
    for pattern in (_IN_SET, _VALUE):
        m = pattern.search(prefix)
        if m and index.members_of(m.group(1)):
            return [Choice(s.name, s.kind, f"{s.kind} of `{m.group(1)}`") for s in index.members_of(m.group(1))]
    return [Choice(s.name, s.kind, _title(s)) for s in index.of_kind("fact", "measure", "regionset")]


def _in_string(prefix: str) -> bool:
    code = prefix.split("#", 1)[0] if prefix.count('"') % 2 == 0 else prefix
    return len(re.findall(r'(?<!\\)"', code)) % 2 == 1


def _regions(snap: Snapshot) -> list[Choice]:
    gaz = snap.gazetteer
    if gaz is None:
        return []
    return [Choice(name, "region", province) for name, province in gaz.typeahead()]


def _structure(index: Index, instrument: str) -> tuple[ast.PartAst, ...]:
    decl = next((s for s in index.declarations(instrument) if s.kind == "instrument"), None)
    return decl.node.structure if decl is not None else ()


def _paths(index: Index, instrument: str, diktum: str) -> list[str]:
    out: list[str] = []

    def walk(parts, prefix):
        for p in parts:
            path = f"{prefix}.{p.label}" if prefix else p.label
            out.append(path)
            walk(p.parts, path)

    for part in _structure(index, instrument):
        if part.label == diktum:
            walk(part.parts, "")
    return list(dict.fromkeys(out))


def _title(sym: Symbol) -> str:
    title = getattr(sym.node, "title", None) or getattr(sym.node, "doc", None) or ""
    return title if len(title) <= 80 else title[:77] + "..."


# ------------------------------------------------------------------ code actions


@attrs.frozen
class Fix:
    title: str
    file: str
    line: int
    start: int
    end_line: int
    end: int
    new_text: str
    preferred: bool = False


_DID_YOU_MEAN = re.compile(r"did you mean (.+)\?")
_QUOTED = re.compile(r"`([^`]+)`|\"([^\"]+)\"")
_OVERRIDE_HINT = re.compile(r"write `overrides (\w+)` in `(\w+)`( \(or the reverse\))?")


def fixes(index: Index, file: str, message: str, help_text: str | None, start: tuple[int, int],
          end: tuple[int, int]) -> list[Fix]:
    """The edits a finding's hint names: `overrides` to add, or a did-you-mean to take."""
    if not help_text or file not in index.sources:
        return []
    out: list[Fix] = []
    m = _OVERRIDE_HINT.search(help_text)
    if m:
        winner, loser = m.group(2), m.group(1)
        out += _add_overrides(index, winner, loser, preferred=True)
        if m.group(3):
            out += _add_overrides(index, loser, winner)
    m = _DID_YOU_MEAN.search(help_text)
    if m:
        out += _replacements(index, file, message, m.group(1), start, end)
    return out


def _add_overrides(index: Index, rule: str, other: str, preferred: bool = False) -> list[Fix]:
    decl = next((s for s in index.declarations(rule) if s.kind == "rule"), None)
    if decl is None:
        return []
    node: ast.RuleDecl = decl.node
    lines = index.sources[decl.file].text.split("\n")
    close = node.span.end_line - 1  # the line of the closing brace
    if node.overrides:  # add to the list already there
        last = node.overrides[-1].span
        col = last.end_column - 1
        return [Fix(f"Add `{other}` to the `overrides` of `{rule}`", decl.file, last.end_line - 1, col,
                    last.end_line - 1, col, f", {other}", preferred)]
    indent = re.match(r"\s*", lines[decl.line]).group() + "  "
    return [Fix(f"Write `overrides {other}` in `{rule}`", decl.file, close, 0, close, 0,
                f"{indent}overrides {other}\n", preferred)]


def _replacements(index: Index, file: str, message: str, suggestions: str, start, end) -> list[Fix]:
    # The name the message quotes is the one to replace; it is written in the source the way
    # the message quotes it (a string in `"…"`, a name in backticks), whatever the hint's quotes.
    first = _QUOTED.search(message)
    if first is None:
        return []
    wrong, quoted = (first.group(1), False) if first.group(1) else (first.group(2), True)
    text = index.sources[file].text.split("\n")
    hit = _find_in_range(text, wrong, start, end, quoted)
    if hit is None:
        return []
    line, col, end_col = hit
    out = []
    for a, b in _QUOTED.findall(suggestions):
        new = a or b
        out.append(Fix(f"Replace `{wrong}` with `{new}`", file, line, col, line, end_col,
                       f'"{new}"' if quoted else new, preferred=not out))
    return out


def _find_in_range(lines: list[str], wrong: str, start, end, quoted: bool):
    for line in range(start[0], min(end[0], len(lines) - 1) + 1):
        text = lines[line]
        lo = start[1] if line == start[0] else 0
        if quoted:
            m = re.compile(r'"' + re.escape(wrong) + r'"', re.I).search(text, lo)
        else:
            m = re.compile(r"(?<![\w])" + re.escape(wrong) + r"(?![\w])").search(text, lo)
        if m:
            return line, m.start(), m.end()
    return None


__all__ = ["Place", "Choice", "Fix", "hover", "definition", "references", "completion", "fixes"]
