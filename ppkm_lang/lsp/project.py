"""Which files an open document is checked with, and the result of checking them.

A document is checked together with the policy it belongs to, so that its imports resolve and
names declared in the other files are known: the files under the nearest directory that holds
a `ppkm.toml` (up to the workspace folder), or else the files of the document's own directory.
The check is the one `ppkm check ROOT` runs, on the files it finds (the same directory
search, with the same boundary), with the editor's unsaved text where it has any.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Mapping

import attrs

from ppkm_lang.checker import CheckResult
from ppkm_lang.lsp.index import Index
from ppkm_lang.source import SourceFile


@attrs.frozen
class Snapshot:
    """One check of one project, with what the editor features read from it."""

    root: Path
    result: CheckResult
    index: Index
    cwd: Path  # file names in the result are relative to this directory
    config_problem: Exception | None = None  # ppkm.toml could not be used (ConfigError)

    @property
    def sources(self) -> dict[str, SourceFile]:
        return self.result.sources

    @property
    def policy(self):
        return self.result.loaded.policy if self.result.loaded is not None else None

    @property
    def gazetteer(self):
        return self.result.loaded.gazetteer if self.result.loaded is not None else None

    def path_of(self, name: str) -> Path:
        path = Path(name)
        return path if path.is_absolute() else self.cwd / path

    def name_of(self, path: Path) -> str | None:
        """The source name (as diagnostics spell it) of the file at `path`, if it was checked."""
        wanted = _resolved(path)
        for name in self.sources:
            if _resolved(self.path_of(name)) == wanted:
                return name
        return None


def project_root(document: Path, workspace_folders: Iterable[Path] = ()) -> Path:
    """The directory whose policy files are checked with `document`."""
    folder = document.parent
    limits = [_resolved(w) for w in workspace_folders]
    container = next((w for w in limits if _within(_resolved(folder), w)), None)
    for candidate in (folder, *folder.parents):
        if (candidate / "ppkm.toml").is_file():
            return candidate
        if container is not None and _resolved(candidate) == container:
            break
    return folder


def check_project(root: Path, texts: Mapping[Path, str], *, gazetteer=None, remembered=None) -> Snapshot:
    """Check the policy files under `root` (with `texts` for the open documents)."""
    from ppkm_lang.checker import check
    from ppkm_lang.config import ConfigError, Settings, expand, load_settings

    cwd = Path.cwd()
    try:
        settings, problem = load_settings(root), None
    except ConfigError as exc:  # checked without the settings; the editor is told why
        settings, problem = Settings(), exc
    overlay = {_resolved(p): t for p, t in texts.items() if _within(_resolved(p), _resolved(root))}
    # The files are found as `ppkm check ROOT` finds them, by the loader's directory search:
    # a link out of the root is reported (PPK110) and not followed, a FIFO or other file that
    # is not regular is reported when read, a folder that cannot be listed is reported.
    problems: list = []
    paths = expand([root], settings, problems=problems) if settings.exclude else [root]
    unsaved = [p for p in overlay if not p.exists() and not settings.excludes(p)]  # new, never saved
    result = check([*paths, *unsaved] or [root], gazetteer=gazetteer, texts=overlay)
    if problems:
        result = attrs.evolve(result, diagnostics=tuple(sorted((*problems, *result.diagnostics),
                                                               key=lambda d: d.sort_key())))
    if settings.select or settings.ignore:
        kept = tuple(d for d in result.diagnostics
                     if d.code.input_problem or d.code.kind == "syntax" or settings.reports(d.code))
        result = attrs.evolve(result, diagnostics=kept)
    return Snapshot(root, result, Index.of(result.sources, remembered), cwd, problem)


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


__all__ = ["Snapshot", "project_root", "check_project"]
