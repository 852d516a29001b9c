"""Paths -> linked Policy: read files, follow imports, parse, resolve and lower.

`load` never raises for bad input: unreadable files, syntax errors and type errors all come
back as diagnostics, and the policy holds every declaration that could be lowered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import attrs

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.lowering import from_ast
from ppkm_lang.ir.model import Policy
from ppkm_lang.semantics.gazetteer import Gazetteer, GazetteerError, embedded_gazetteer, load_gazetteer
from ppkm_lang.source import SourceError, SourceFile, Span, read_source
from ppkm_lang.syntax import ast
from ppkm_lang.syntax.parser import parse
from ppkm_lang.diagnostics.codes import IMPORT_NOT_FOUND, TOO_DEEPLY_NESTED, UNREADABLE_FILE


@attrs.frozen
class LoadResult:
    policy: Policy | None
    diagnostics: tuple[Diagnostic, ...]
    sources: dict[str, SourceFile] = attrs.field(hash=False)
    gazetteer: Gazetteer | None = attrs.field(default=None, hash=False)

    @property
    def ok(self) -> bool:
        from ppkm_lang.diagnostics.model import Severity
        return self.policy is not None and not any(d.severity is Severity.ERROR for d in self.diagnostics)


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def expand_paths(paths: Iterable[str | Path], diags: list[Diagnostic]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*.ppkm") if q.is_file())
            if not found:
                diags.append(Diagnostic(UNREADABLE_FILE, f"no `.ppkm` files in directory `{raw}`", Span(str(raw), 1, 1, 1, 1),
                                        help="give policy files or a directory that holds them"))
            out.extend(found)
        elif p.exists():
            out.append(p)
        else:
            diags.append(Diagnostic(UNREADABLE_FILE, f"`{raw}` does not exist", Span(str(raw), 1, 1, 1, 1),
                                    help="check the path; directories are searched for `*.ppkm` files"))
    return out


def load(paths: Iterable[str | Path], *, gazetteer: Path | Gazetteer | None | bool = None) -> LoadResult:
    """`gazetteer`: a directory, a loaded Gazetteer, None for the list that ships with the
    package, or False for none at all (region names are then checked against nothing)."""
    diags: list[Diagnostic] = []
    gaz = None
    if isinstance(gazetteer, Gazetteer):
        gaz = gazetteer
    elif gazetteer is None or gazetteer is True:
        gaz = embedded_gazetteer()
    elif gazetteer is not False:
        try:
            gaz = load_gazetteer(Path(gazetteer))
        except GazetteerError as exc:
            diags.append(Diagnostic(UNREADABLE_FILE, str(exc), Span(str(gazetteer), 1, 1, 1, 1),
                                    help="set --gazetteer, PPKM_GAZETTEER or ppkm.toml to a directory with "
                                    "kabupaten_kota.csv and provinsi.csv"))
    queue = expand_paths(paths, diags)
    sources: dict[str, SourceFile] = {}
    modules: list[ast.Module] = []
    seen: set[Path] = set()
    failed = False
    while queue:
        path = queue.pop(0)
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        name = _display(path)
        try:
            source = read_source(path, name)
        except SourceError as exc:
            diags.append(Diagnostic(UNREADABLE_FILE, str(exc), Span(name, 1, 1, 1, 1)))
            failed = True
            continue
        sources[name] = source
        module, errors = parse(source)
        diags.extend(errors)
        if module is None:
            failed = True
            continue
        modules.append(module)
        for item in module.items:
            if isinstance(item, ast.Import):
                target = path.parent / f"{item.name}.ppkm"
                if target.is_file():
                    queue.append(target)
                else:
                    diags.append(Diagnostic(IMPORT_NOT_FOUND, f"no module `{item.name}`: `{_display(target)}` does not exist",
                                            item.span, help="modules are `.ppkm` files in the importing file's directory"))
    if failed and not modules:
        return LoadResult(None, tuple(diags), sources, gaz)
    try:
        policy, lowered = from_ast(modules, gaz)
    except RecursionError:
        span = Span(modules[0].file if modules else "<input>", 1, 1, 1, 1)
        return LoadResult(None, tuple(diags) + (Diagnostic(TOO_DEEPLY_NESTED, "the policy is nested too deeply to read", span),),
                          sources, gaz)
    diags.extend(lowered)
    return LoadResult(None if failed else policy, tuple(diags), sources, gaz)
