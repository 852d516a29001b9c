"""Where the verbs write: a path is judged before any work is done, and a site directory is
replaced only when everything in it was written by `ppkm docs`.

A built site holds the marker file `.ppkm-site`, which lists every file of that build. A
directory may be replaced when it is new, empty, or holds a marker and no file the marker
does not list; anything else is refused (PPK111), so that nothing the tool did not write is
ever lost. The new site is built beside the old one and swapped in whole: an interrupted
or failed build leaves the old site as it was.

The staging directory is named `.<site>.ppkm-building-<host>-<pid>-<random>` (and the old
site, for the moment of the swap, `.<site>.ppkm-old-<host>-<pid>-<random>`). It is removed on
every exit Python sees: an error, Ctrl-C, and SIGTERM, which `site_swap` turns into
`SystemExit` while it runs. A build killed outright (SIGKILL, power loss) leaves it behind; the
next build of the same site removes those of this host whose process is gone (an old site left
in the middle of a swap is put back first when the site itself is missing).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import attrs

from ppkm_lang.diagnostics.codes import OUTPUT_NOT_REPLACEABLE, UNUSABLE_OUTPUT_PATH
from ppkm_lang.diagnostics.model import Code
from ppkm_lang.source import display_path

SITE_MARKER = ".ppkm-site"
_MARKER_HEAD = "# written by `ppkm docs`: the files of this build, replaced by the next one\n"


@attrs.frozen
class OutputProblem:
    code: Code
    message: str
    hint: str


def file_problem(path: Path, option: str = "--output") -> OutputProblem | None:
    """Why a report cannot be written to the file `path`, or None."""
    shown = display_path(path)
    if path.is_dir():
        return OutputProblem(UNUSABLE_OUTPUT_PATH, f"`{option} {shown}` is a directory; it takes a file",
                             f"name a file in it, such as `{option} {shown.rstrip('/')}/report`")
    # A link is followed, as the writer follows it (`outfiles`): its target's folder is judged.
    return _folder_problem(path, option, Path(os.path.realpath(path)) if path.is_symlink() else path)


def _folder_problem(path: Path, option: str, target: Path | None = None) -> OutputProblem | None:
    parent = (target or path).absolute().parent
    if not parent.exists():
        return OutputProblem(UNUSABLE_OUTPUT_PATH, f"`{option} {display_path(path)}`: the folder "
                             f"`{display_path(parent)}` does not exist", f"create it first: mkdir -p {display_path(parent)}")
    if not parent.is_dir():
        return OutputProblem(UNUSABLE_OUTPUT_PATH, f"`{option} {display_path(path)}`: `{display_path(parent)}` is "
                             "not a folder", f"give a path inside a folder for `{option}`")
    if not os.access(parent, os.W_OK | os.X_OK):
        return OutputProblem(UNUSABLE_OUTPUT_PATH, f"`{option} {display_path(path)}`: the folder "
                             f"`{display_path(parent)}` is not writable", f"write elsewhere with `{option}`")
    return None


def refuse_file(ctx, value: str | None, option: str = "--output") -> int | None:
    """The exit code (2) after reporting why a verb cannot write its report to the file
    `value`, or None when it can (or no file was asked for). Every verb that takes an output
    file calls this before any work, so that nothing is computed, and nothing written, for a
    report that has nowhere to go."""
    if not value:
        return None
    problem = file_problem(Path(value), option)
    return None if problem is None else ctx.fail(problem.message, code=problem.code, hint=problem.hint)


def site_problem(out: Path, option: str = "--out") -> OutputProblem | None:
    """Why `ppkm docs` may not write its site to the directory `out`, or None."""
    shown = display_path(out)
    if out.exists() and not out.is_dir():
        return OutputProblem(UNUSABLE_OUTPUT_PATH, f"`{option} {shown}` is a file; the site is a directory",
                             f"give a new or empty directory for `{option}`")
    if not out.exists():  # a dangling link: the site goes where it leads (`site_swap`)
        return _folder_problem(out, option, Path(os.path.realpath(out)) if out.is_symlink() else None)
    foreign = _foreign_entry(out)
    if foreign is None:
        return None
    marked = (out / SITE_MARKER).is_file()
    why = (f"`{display_path(foreign)}` was not written by the build that is there" if marked
           else "it is not empty and holds no site built by `ppkm docs`")
    hint = ("move that file out of the site, or choose another directory" if marked else
            "choose a new or empty directory; a site built before the marker file `.ppkm-site` existed must be "
            "deleted by hand once")
    return OutputProblem(OUTPUT_NOT_REPLACEABLE, f"refusing to replace `{shown}`: {why}", hint)


def _foreign_entry(out: Path) -> Path | None:
    """The first entry under `out` that the marker of the site there does not list (the
    directory itself when there is no marker and it is not empty); None when it may go."""
    listed = _listed(out)
    for folder, dirs, files in os.walk(out):  # links to folders are listed, never followed
        dirs.sort()
        for name in sorted(files) + sorted(d for d in dirs if os.path.islink(os.path.join(folder, d))):
            path = Path(folder) / name
            rel = path.relative_to(out).as_posix()
            if rel != SITE_MARKER and rel not in listed:
                return path if listed else out
    return None


def _listed(out: Path) -> set[str]:
    marker = out / SITE_MARKER
    if not marker.is_file() or marker.is_symlink():
        return set()
    try:
        text = marker.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return {line for line in text.splitlines() if line and not line.startswith("#")}


@attrs.define
class Staged:
    """The directory a site is built in; `keep = False` abandons it (the old site stays)."""

    path: Path
    keep: bool = True


@contextlib.contextmanager
def site_swap(out: Path) -> Iterator[Staged]:
    """`_swap` with SIGTERM raising `SystemExit` meanwhile, so that a terminated build removes
    its staging directory as an error does."""
    with _terminate_raises():
        with _swap(out) as staged:
            yield staged


@contextlib.contextmanager
def _terminate_raises() -> Iterator[None]:
    def stop(signum, frame):
        raise SystemExit(128 + signum)
    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname()) or "host"


def _fresh(out: Path, kind: str) -> Path:
    return Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.ppkm-{kind}-{_host()}-{os.getpid()}-"))


def sweep_staging(out: Path) -> list[Path]:
    """Remove the staging directories that builds of `out` on this host left when they were
    killed (their process is gone); the removed paths. An old site parked there in the middle
    of a swap goes back to `out` when `out` is missing."""
    from ppkm_lang.outfiles import process_alive

    pattern = re.compile(rf"\.{re.escape(out.name)}\.ppkm-(?P<kind>building|old)-{re.escape(_host())}-"
                         r"(?P<pid>\d+)-[a-z0-9_]+")
    removed: list[Path] = []
    try:
        entries = sorted(os.scandir(out.parent), key=lambda e: e.name)
    except OSError:
        return removed
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if not m or not entry.is_dir(follow_symlinks=False) or process_alive(int(m["pid"])):
            continue
        path = Path(entry.path)
        with contextlib.suppress(OSError):
            parked = path / "site"
            if m["kind"] == "old" and parked.is_dir() and not os.path.lexists(out):
                os.replace(parked, out)
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            removed.append(path)
    return removed


@contextlib.contextmanager
def _swap(out: Path) -> Iterator[Staged]:
    """A fresh staging directory beside `out` to build the site in; when the block completes
    (and `keep` is still true) the staging directory gets its marker and takes the place of
    `out`, whose old content goes only then. On an error or `keep = False` the staging
    directory is removed and `out` is untouched. Call `site_problem` first."""
    # A link to the site's directory stays a link: the directory it names is replaced.
    out = out.resolve() if out.is_symlink() else out.absolute()
    sweep_staging(out)
    staging = _fresh(out, "building")
    try:
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's 0700 would hide the site from a web server
        staged = Staged(staging)
        yield staged
        if not staged.keep:
            return
        _write_marker(staging)
        if not out.exists():
            os.replace(staging, out)
            return
        old = _fresh(out, "old")
        os.replace(out, old / "site")
        try:
            os.replace(staging, out)
        except OSError:
            os.replace(old / "site", out)
            raise
        finally:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_marker(site: Path) -> None:
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() or p.is_symlink())
    (site / SITE_MARKER).write_text(_MARKER_HEAD + "".join(f"{f}\n" for f in files), encoding="utf-8")


__all__ = ["SITE_MARKER", "OutputProblem", "Staged", "file_problem", "refuse_file", "site_problem", "site_swap",
           "sweep_staging"]
