"""Paths -> linked Policy: read files, follow imports, parse, resolve and lower.

`load` never raises for bad input: unreadable files, syntax errors and type errors all come
back as diagnostics, and the policy holds every declaration that could be lowered.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Iterable, Mapping

import attrs

from ppkm_lang.diagnostics import Diagnostic
from ppkm_lang.ir.model import Policy
from ppkm_lang.semantics.gazetteer import Gazetteer, GazetteerError, embedded_gazetteer, load_gazetteer
from ppkm_lang.source import SourceError, SourceFile, Span, display_path, read_source
from ppkm_lang.diagnostics.codes import IMPORT_NOT_FOUND, OUTSIDE_ROOT, TOO_DEEPLY_NESTED, UNREADABLE_FILE


@attrs.frozen
class LoadResult:
    policy: Policy | None
    diagnostics: tuple[Diagnostic, ...]
    sources: dict[str, SourceFile] = attrs.field(hash=False)
    gazetteer: Gazetteer | None = attrs.field(default=None, hash=False)
    # For a load through the cache: a key for everything it depends on (the package, the
    # paths, the gazetteer, each file's text), under which work done on it may be cached.
    cache_key: str | None = attrs.field(default=None, eq=False, hash=False, repr=False)

    @property
    def ok(self) -> bool:
        from ppkm_lang.diagnostics.model import Severity
        return self.policy is not None and not any(d.severity is Severity.ERROR for d in self.diagnostics)


def _display(path: Path) -> str:
    try:
        return display_path(path.resolve().relative_to(Path.cwd().resolve()).as_posix())
    except (ValueError, OSError, RuntimeError):
        return display_path(path.as_posix())


def _at(raw) -> Span:
    return Span(display_path(raw), 1, 1, 1, 1)


def roots_of(paths: Iterable[str | Path]) -> list[Path]:
    """The folders the load may read from, symlinks resolved: each directory given, and the
    folder of each file given (its imports sit beside it)."""
    roots = []
    for raw in paths:
        p = Path(raw)
        try:
            roots.append((p if p.is_dir() else p.parent).resolve())
        except (OSError, RuntimeError):
            continue
    return roots


def inside(path: Path, roots: list[Path]) -> bool:
    """Whether `path`, symlinks resolved, lies in one of `roots`."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return False
    return any(real == root or real.is_relative_to(root) for root in roots)


def _outside(path: Path, span: Span, subject: str) -> Diagnostic:
    try:
        target = f"`{display_path(path.resolve())}`"
    except (OSError, RuntimeError):
        target = "a loop of symbolic links"
    return Diagnostic(OUTSIDE_ROOT, f"{subject} leads to {target}, outside the files and directories given, so it "
                      "is not read", span,
                      help="copy the file into the policy folder, or name its folder on the command line too")


def _walk(top: Path, roots: list[Path], diags: list[Diagnostic]) -> list[Path]:
    """The `*.ppkm` entries under `top`, every folder read or reported: a folder that cannot
    be listed is a finding (its files would otherwise go unchecked), and a symbolic link that
    leads out of the roots is reported and not followed."""
    found: list[Path] = []
    seen: set[Path] = set()
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            real = folder.resolve()
            if real in seen:  # a link back to a folder already walked
                continue
            seen.add(real)
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except (OSError, RuntimeError) as exc:
            message = getattr(exc, "strerror", None) or str(exc)
            diags.append(Diagnostic(UNREADABLE_FILE, f"cannot read directory `{_display(folder)}`: {message}",
                                    _at(_display(folder)), help="make the folder readable, or leave it out of the "
                                    "paths given"))
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                link = entry.is_symlink()
            except OSError:
                link = False
            try:
                is_dir = entry.is_dir()  # through a symlink too
            except OSError:  # e.g. a loop of links
                is_dir = False
            if not is_dir and not entry.name.endswith(".ppkm"):
                continue
            if link and not inside(path, roots):
                diags.append(_outside(path, _at(_display(path)), f"the link `{_display(path)}`"))
                continue
            if is_dir:
                stack.append(path)
            else:  # a FIFO or a broken link named *.ppkm is reported when it is read
                found.append(path)
    return sorted(found)


def walk_policies(top: Path, diags: list[Diagnostic]) -> list[Path]:
    """The `*.ppkm` files under the directory `top`, as a load finds them: links out of it
    are reported and not followed, folders that cannot be listed are reported."""
    return _walk(Path(top), roots_of([top]), diags)


def expand_paths(paths: Iterable[str | Path], diags: list[Diagnostic],
                 virtual: Iterable[Path] = ()) -> list[Path]:
    """Files and directories -> policy files. `virtual`: resolved paths taken as files although
    nothing is on disk there (standard input, an editor's unsaved buffer)."""
    paths = list(paths)
    roots = roots_of(paths)
    out: list[Path] = []
    virtual = set(virtual)
    for raw in paths:
        p = Path(raw)
        if virtual and p.resolve() in virtual:
            out.append(p)
        elif p.is_dir():
            found = _walk(p, roots, diags)
            if not found and not any(d.code in (UNREADABLE_FILE, OUTSIDE_ROOT) for d in diags) \
                    and not any(inside(v, [p.resolve()]) for v in virtual):  # an unsaved buffer is a file
                diags.append(Diagnostic(UNREADABLE_FILE, f"no `.ppkm` files in directory `{display_path(raw)}`",
                                        _at(raw), help="give policy files or a directory that holds them"))
            out.extend(found)
        elif os.path.lexists(p):
            out.append(p)
        else:
            diags.append(Diagnostic(UNREADABLE_FILE, f"`{display_path(raw)}` does not exist", _at(raw),
                                    help="check the path; directories are searched for `*.ppkm` files"))
    return out


def load(paths: Iterable[str | Path], *, gazetteer: Path | Gazetteer | None | bool = None,
         cache: bool | None = None, texts: Mapping[Path, str] | None = None) -> LoadResult:
    """`gazetteer`: a directory, a loaded Gazetteer, None for the list that ships with the
    package, or False for none at all (region names are then checked against nothing).
    `cache`: use the policy cache (`ppkm_lang.cache`); None leaves it to the caller's
    context (on for the command line, off otherwise). `texts`: the text to use instead of
    the file's for some files (keyed by resolved path), as an editor holds them unsaved;
    such a load never uses the cache."""
    from ppkm_lang import cache as policy_cache
    paths = list(paths)
    gaz, diags = _gazetteer(gazetteer)
    if diags or texts or not policy_cache.wanted(cache):
        return _load(paths, gaz, diags, None, texts or {})
    result = policy_cache.through(paths, gaz, lambda: _recorded(paths, gaz),
                                  lambda payload, texts: _from_cache(payload, texts, gaz), current_inputs)
    if result.policy is None or not _storable(result.diagnostics):
        return result
    key = policy_cache.content_key(paths, gaz, {name: src.text for name, src in result.sources.items()})
    return attrs.evolve(result, cache_key=key) if key is not None else result


def _storable(diagnostics) -> bool:
    return not any(d.code.input_problem or d.code == IMPORT_NOT_FOUND for d in diagnostics)


def current_inputs(paths: list) -> tuple:
    """What the paths expand to now, as the cache compares it."""
    diags: list[Diagnostic] = []
    found = expand_paths(paths, diags)
    return [str(p) for p in found], [(str(d.code), d.message, str(d.span)) for d in diags]


def _recorded(paths: list, gaz: Gazetteer | None):
    from ppkm_lang.cache import text_hash
    reads: list[tuple[str, str, str]] = []
    expanded = current_inputs(paths)  # before the load: a file added meanwhile makes the entry miss
    result = _load(paths, gaz, [], reads)
    record = {
        "expanded": expanded,
        "files": [(path, resolved, name, text_hash(result.sources[name].text)) for path, resolved, name in reads],
        "payload": {"policy": result.policy, "diagnostics": result.diagnostics},
        "storable": _storable(result.diagnostics),
    }
    return result, record


def _from_cache(payload: dict, texts: dict[str, str], gaz: Gazetteer | None) -> LoadResult:
    sources = {name: SourceFile(name, text) for name, text in texts.items()}
    return LoadResult(payload["policy"], tuple(payload["diagnostics"]), sources, gaz)


def _gazetteer(gazetteer) -> tuple[Gazetteer | None, list[Diagnostic]]:
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
            diags.append(Diagnostic(UNREADABLE_FILE, str(exc), _at(str(gazetteer)),
                                    help="set --gazetteer, PPKM_GAZETTEER or ppkm.toml to a directory with "
                                    "kabupaten_kota.csv and provinsi.csv"))
    return gaz, diags


def _load(paths: list, gaz: Gazetteer | None, diags: list[Diagnostic], reads: list | None,
          texts: Mapping[Path, str] | None = None) -> LoadResult:
    # Imported here: a load answered by the cache needs neither Lark nor the syntax tree.
    from ppkm_lang.lint.text import bidi_controls
    from ppkm_lang.lowering import from_ast
    from ppkm_lang.syntax import ast
    from ppkm_lang.syntax.parser import parse

    queue = expand_paths(paths, diags, texts or ())
    roots = roots_of(paths)
    given = tuple(dict.fromkeys(_display(p) for p in queue))
    sources: dict[str, SourceFile] = {}
    modules: list = []
    seen: set[Path] = set()
    failed = False
    while queue:
        path = queue.pop(0)
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a loop of links: reading it reports the problem
            key = path.absolute()
        if key in seen:
            continue
        seen.add(key)
        name = _display(path)
        try:
            source = SourceFile(name, texts[key]) if texts and key in texts else read_source(path, name)
        except SourceError as exc:
            diags.append(Diagnostic(UNREADABLE_FILE, str(exc), Span(name, 1, 1, 1, 1)))
            failed = True
            continue
        sources[name] = source
        diags.extend(bidi_controls(source))
        if reads is not None:  # what the cache must find unchanged to reuse this load
            reads.append((str(path), str(key), name))
        if reads is not None:  # a load for the cache: each file's parse is cached too
            from ppkm_lang.cache import parsed
            module, errors = parsed(name, source.text, functools.partial(parse, source))
        else:
            module, errors = parse(source)
        diags.extend(errors)
        if module is None:
            failed = True
            continue
        modules.append(module)
        for item in module.items:
            if isinstance(item, ast.Import):
                target = path.parent / f"{item.name}.ppkm"
                if texts and target.resolve() in texts:
                    queue.append(target)
                elif not os.path.lexists(target) or (target.is_symlink() and not target.exists()):
                    diags.append(Diagnostic(IMPORT_NOT_FOUND, f"no module `{item.name}`: `{_display(target)}` does not exist",
                                            item.span, help="modules are `.ppkm` files in the importing file's directory"))
                elif not inside(target, roots):
                    diags.append(_outside(target, item.span, f"the module `{item.name}` (`{_display(target)}`)"))
                else:
                    queue.append(target)
    if failed and not modules:
        return LoadResult(None, tuple(diags), sources, gaz)
    try:
        policy, lowered = from_ast(modules, gaz)
    except RecursionError:
        span = Span(modules[0].file if modules else "<input>", 1, 1, 1, 1)
        return LoadResult(None, tuple(diags) + (Diagnostic(TOO_DEEPLY_NESTED, "the policy is nested too deeply to read", span),),
                          sources, gaz)
    diags.extend(lowered)
    policy = attrs.evolve(policy, given=given)
    return LoadResult(None if failed else policy, tuple(diags), sources, gaz)
