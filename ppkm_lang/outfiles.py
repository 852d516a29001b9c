"""Output files: written whole or not at all, with the modes and the link behaviour of `cp`.

Every file a command writes (`--output`, a batch table) goes through `atomic_path` or
`atomic_output`:
- the data is written to a temporary file in the destination's own folder, named
  `.<name>.ppkm-<pid>-<random>.tmp`, then renamed over the destination, so a reader never sees
  a half-written file and a failed or interrupted run leaves the destination as it was;
- the temporary file is removed on every exit path Python sees (an exception, Ctrl-C, SIGTERM
  turned into `SystemExit` by the command line); a run killed outright (SIGKILL, power loss)
  leaves it behind, and the next run writing into the same folder removes those older than an
  hour whose process is gone (`sweep_stale`);
- the file gets the mode a new file gets from `open()`: 0666 minus the umask (0644 with the
  usual umask 022), not the 0600 of `tempfile`; an existing destination keeps its mode;
- a destination that is a symbolic link is followed: the file it points to is replaced and the
  link is kept (as `cp` and shell redirection do). A destination that is a folder, or whose
  folder does not exist, is refused with PPK112 before anything is computed (`check_target`).

CSV cells are made safe for spreadsheets by `spreadsheet_safe` (see there).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from pathlib import Path
from typing import IO, Iterator

from ppkm_lang.diagnostics.codes import UNUSABLE_OUTPUT_PATH
from ppkm_lang.diagnostics.model import Code

STALE_SECONDS = 3600
_TEMP = re.compile(r"\.(?P<name>.+)\.ppkm-(?P<pid>\d+)-[0-9a-f]+\.tmp\Z")


class OutputError(Exception):
    """A destination that cannot be written (PPK112), found before anything is computed."""

    def __init__(self, code: Code, message: str, *, help: str | None = None):
        super().__init__(message)
        self.code, self.message, self.help = code, message, help





def check_target(path: Path) -> Path:
    """The file to write for `path` (a symbolic link resolved to its target); PPK112 when the
    destination is a folder or its folder does not exist."""
    path = Path(path)
    real = Path(os.path.realpath(path)) if path.is_symlink() else path
    if real.is_dir():
        raise OutputError(UNUSABLE_OUTPUT_PATH, f"the output `{path}` is a folder",
                         help="give a file name, e.g. `--output out.csv`")
    folder = real.parent if str(real.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(UNUSABLE_OUTPUT_PATH, f"the folder of the output `{path}` does not exist",
                         help=f"create `{folder}` first, or write elsewhere")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(UNUSABLE_OUTPUT_PATH, f"the folder of the output `{path}` is not writable")
    return real


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def sweep_stale(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove the temporary files of earlier runs in `folder` that are older than an hour and
    whose process no longer runs; the removed paths."""
    removed = []
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TEMP.fullmatch(entry.name)
        if not m or not entry.is_file(follow_symlinks=False):
            continue
        with contextlib.suppress(OSError):
            if now - entry.stat(follow_symlinks=False).st_mtime < STALE_SECONDS or process_alive(int(m["pid"])):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def process_alive(pid: int) -> bool:
    """Whether the process `pid` runs (ours always does); one we may not signal runs too."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to (by any means: DuckDB's COPY, a file handle);
    renamed to `path` when the block completes, removed when it does not."""
    target = check_target(Path(path))
    folder = target.parent if str(target.parent) else Path(".")
    sweep_stale(folder)
    tmp = folder / f".{target.name}.ppkm-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        yield tmp
        try:
            mode = os.stat(target).st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:  # KeyboardInterrupt and SystemExit too: never leave the partial file
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_output(path: Path, *, newline: str | None = None, binary: bool = False) -> Iterator[IO]:
    """A text (or binary) file opened for writing that appears at `path` only when the block
    completes; on error the partial file is removed and `path` is left as it was."""
    with atomic_path(path) as tmp:
        if binary:
            with open(tmp, "xb") as fh:
                yield fh
        else:
            with open(tmp, "x", encoding="utf-8", newline=newline) as fh:
                yield fh


# ------------------------------------------------------------------ spreadsheet-safe CSV cells

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?%?")


def spreadsheet_safe(cell: str) -> str:
    """A text cell as a spreadsheet shows it without running it: a cell that starts with `=`,
    `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe (the OWASP advice
    for CSV injection, as spreadsheet-safe exporters do), unless the whole cell is a number
    (`-5`, `+2.5`, `-3%`), which a spreadsheet reads as a number and never as a formula."""
    if cell and cell[0] in FORMULA_START and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


# The same rule as a DuckDB SQL expression over a VARCHAR column `x` (for tables written by
# DuckDB's COPY); `{x}` is replaced by the quoted column.
SPREADSHEET_SAFE_SQL = ("CASE WHEN regexp_matches({x}, '^[=+\\-@\\t\\r]') AND NOT regexp_full_match({x}, "
                        "'[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?%?') THEN '''' || {x} ELSE {x} END")


__all__ = ["OutputError", "atomic_output", "atomic_path", "check_target", "process_alive", "sweep_stale", "spreadsheet_safe",
           "SPREADSHEET_SAFE_SQL", "FORMULA_START", "STALE_SECONDS"]
