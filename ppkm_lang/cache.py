"""A cache of loaded policies, so that a command repeated on unchanged files skips the parse
and the lowering.

An entry is found by a key made of everything a load depends on besides the files: the
package (its version and the content of its own source files), the Python version, the
current directory (diagnostics name files relative to it), the paths as given and the
gazetteer's identity (the content hash of its kab/kota level, embedded or configured). The
entry then records what the load read: the `.ppkm` files the paths expanded to (and the
diagnostics of that expansion), and for each file read its path, resolved path, name and the
SHA-256 of its text. It is used only when all of that is still the same now: every file is
read and hashed again, so an edited import is seen; otherwise the policy is loaded afresh
and the entry replaced. A load with input problems (an unreadable file, a missing import) is
never stored. Each file of such a load is also kept parsed (`parsed`), keyed by its name and
text, so that after an edit only the edited files are parsed again; and work done on a load
(the findings of `check`) is kept under the load's `content_key` (`derived`).

Where: `$PPKM_CACHE_DIR`, else `$XDG_CACHE_HOME/ppkm`, else `~/.cache/ppkm`; `PPKM_NO_CACHE=1`
turns it off. Entries are pickles, and unpickling runs code chosen by whoever wrote the file,
so an entry is read only when the directory and the file belong to the current user and
neither is writable by group or others (so only that user could have written it); it is
also checked against a SHA-256 of its payload and its key before use, and anything wrong
(truncated, corrupt, stale, from another version) is ignored and rebuilt. Writes go to a
temporary file in the same directory, then `os.replace`, so a reader sees a whole entry or
none. The directory is made with mode 0700, files 0600.

The loader uses the cache only when asked: `cli.main` turns it on for the command it runs
(`enabled_for_cli`); the Python API loads afresh unless `load(..., cache=True)`.
"""

from __future__ import annotations

import contextlib
import contextvars
import copyreg
import functools
import hashlib
import io
import operator
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Callable

FORMAT = b"PPKMCACHE2\n"
ENV_DIR = "PPKM_CACHE_DIR"
ENV_OFF = "PPKM_NO_CACHE"
MAX_ENTRY_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 64
# Parsed files are kept apart from whole loads: a folder of many files makes many of them.
MAX_PARSED_ENTRIES = 512

_cli_default: contextvars.ContextVar[bool] = contextvars.ContextVar("ppkm_cache_default", default=False)


@contextlib.contextmanager
def enabled_for_cli():
    """Within this block, loads whose `cache` argument is None use the cache."""
    token = _cli_default.set(True)
    try:
        yield
    finally:
        _cli_default.reset(token)


def wanted(cache: bool | None) -> bool:
    if cache is None:
        cache = _cli_default.get()
    return bool(cache) and os.environ.get(ENV_OFF, "") in ("", "0")


def directory(env=None) -> Path:
    env = os.environ if env is None else env
    if env.get(ENV_DIR):
        return Path(env[ENV_DIR])
    if env.get("XDG_CACHE_HOME"):
        return Path(env["XDG_CACHE_HOME"]) / "ppkm"
    return Path.home() / ".cache" / "ppkm"


# ---------------------------------------------------------------------- the key


@functools.lru_cache(maxsize=1)
def _package_fingerprint() -> str:
    # The content of every source file of the package, so that an edited checkout (or an
    # upgrade) never reads an entry written by other code. About 2 ms for ~130 files.
    from ppkm_lang._version import __version__
    root = str(Path(__file__).resolve().parent)
    from attr import _make  # attrs' __setstate__ reads the state tuples of `dumps`: its code is in the key
    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
    with open(_make.__file__, "rb") as fh:  # (not attrs.__version__: it reads importlib.metadata, ~20 ms)
        digest.update(fh.read())
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and d != "data")
        folder = dirpath[len(root) + 1:]  # relative to the package (os.path.relpath is slower)
        for name in sorted(filenames):
            if name.endswith((".py", ".lark")):
                with open(os.path.join(dirpath, name), "rb") as fh:
                    data = fh.read()
                relative = os.path.join(folder, name) if folder else name
                digest.update(f"{relative}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


def key_of(paths: list, gazetteer_identity: str) -> str:
    parts = [FORMAT.decode().strip(), _package_fingerprint(), os.getcwd(), gazetteer_identity,
             *(os.fspath(p) for p in paths)]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# ---------------------------------------------------------------------- entries


def read_blob(folder: Path, name: str) -> bytes | None:
    """The payload stored under `name`, when the file can be trusted and is whole."""
    if not _safe_directory(folder, create=False):
        return None
    try:
        fd = os.open(folder / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if (not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid()
                    or info.st_mode & 0o022 or info.st_size > MAX_ENTRY_BYTES):
                return None
            blob = fh.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    head = len(FORMAT) + 32
    if len(blob) < head or not blob.startswith(FORMAT):
        return None
    payload = blob[head:]
    if hashlib.sha256(payload).digest() != blob[len(FORMAT):head]:
        return None
    return payload


def write_blob(folder: Path, name: str, payload: bytes) -> None:
    """Store `payload` atomically; a cache that cannot be written is silently not used."""
    if len(payload) > MAX_ENTRY_BYTES or not _safe_directory(folder, create=True):
        return
    import tempfile

    blob = FORMAT + hashlib.sha256(payload).digest() + payload
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".part")  # mode 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, folder / name)
        tmp = None
        _prune(folder, name.partition("-")[0])
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def dumps(value) -> bytes:
    """`pickle.dumps(value)`, with each attrs object stored as its class and the tuple of its
    fields rather than the dict its `__getstate__` builds: half the time and 3/4 of the bytes
    for a policy (most of a cold load's cache writes), restored by the class's own attrs
    `__setstate__`, which takes such a tuple."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj):
        cls = type(obj)
        try:
            fields = _FIELDS[cls]
        except KeyError:
            fields = _FIELDS[cls] = _fields_of(cls)
        if fields is None:
            return NotImplemented
        return copyreg.__newobj__, (cls,), fields(obj)


_FIELDS: dict = {}


def _fields_of(cls):
    """A function from an object of `cls` to the tuple its attrs `__setstate__` reads, in the
    order of its `__attrs_attrs__` (that of the state attrs builds); None when the class
    pickles otherwise (not an attrs class with slots, or its own `__getstate__`)."""
    own = cls.__dict__
    if getattr(own.get("__getstate__"), "__name__", None) != "slots_getstate" or \
            getattr(own.get("__setstate__"), "__name__", None) != "slots_setstate":
        return None
    names = tuple(a.name for a in cls.__attrs_attrs__ if a.name != "__weakref__")
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        get = operator.attrgetter(names[0])
        return lambda obj: (get(obj),)
    return lambda obj: ()


def read_entry(folder: Path, key: str) -> dict | None:
    """The stored policy entry for `key`, or None when there is none that can be trusted."""
    payload = read_blob(folder, f"policy-{key}")
    if payload is None:
        return None
    try:
        entry = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - an entry from other code or a damaged one: rebuild
        return None
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None
    return entry


def write_entry(folder: Path, key: str, entry: dict) -> None:
    try:
        payload = dumps({**entry, "key": key})
    except Exception:  # noqa: BLE001 - something in the result does not pickle: don't cache
        return
    write_blob(folder, f"policy-{key}", payload)


def _prune(folder: Path, kind: str) -> None:
    """Keep the newest entries of a kind: MAX_ENTRIES loads (each (paths, directory, version)
    makes its own) or grammars, MAX_PARSED_ENTRIES parsed files."""
    limit = MAX_PARSED_ENTRIES if kind == "ast" else MAX_ENTRIES
    try:
        found = [(e.stat().st_mtime, e.path) for e in os.scandir(folder) if e.is_file(follow_symlinks=False)
                 and e.name.partition("-")[0] == kind]
    except OSError:
        return
    if len(found) <= limit:
        return
    for _, path in sorted(found)[: len(found) - limit]:
        with contextlib.suppress(OSError):
            os.unlink(path)


# ---------------------------------------------------------------------- work on a load


def content_key(paths: list, gazetteer, texts: dict[str, str]) -> str | None:
    """A key for a load and the text of every file it read (name -> text): what the check
    findings of the load are cached under (`derived`)."""
    try:
        digest = hashlib.sha256(key_of(paths, "none" if gazetteer is None else gazetteer.identity).encode())
    except (OSError, RuntimeError):  # the current directory is gone
        return None
    for name in sorted(texts):
        digest.update(f"\0{name}\0{text_hash(texts[name])}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def derived(kind: str, key: str | None, build: Callable[[], object]):
    """`build()`, or what it returned before for the same `kind` and `key` (see
    `content_key`); None as the key, or a cache turned off, always builds."""
    if key is None or not wanted(None):
        return build()
    try:
        folder = directory()
    except RuntimeError:
        return build()
    name = f"{kind}-{key}"
    payload = read_blob(folder, name)
    if payload is not None:
        try:
            entry = pickle.loads(payload)
        except Exception:  # noqa: BLE001 - damaged or from other code: build afresh
            entry = None
        if isinstance(entry, dict) and entry.get("key") == key and "value" in entry:
            return entry["value"]
    value = build()
    try:
        blob = dumps({"key": key, "value": value})
    except Exception:  # noqa: BLE001 - does not pickle: don't cache
        return value
    write_blob(folder, name, blob)
    return value


# ---------------------------------------------------------------------- parsed files


def parsed(name: str, text: str, parse: Callable[[], tuple]) -> tuple:
    """`parse()` of one file, (module, diagnostics), from the cache when this package and Lark
    parsed the same text under the same name before: after an edit, only the edited files of a
    folder are parsed again. Only a clean parse (a module, no diagnostics) is stored."""
    import lark

    try:
        folder = directory()
    except RuntimeError:  # no home directory to find the cache in
        return parse()
    digest = hashlib.sha256("\0".join([FORMAT.decode().strip(), "ast", _package_fingerprint(), lark.__version__,
                                       name, ""]).encode("utf-8", "surrogateescape"))
    digest.update(text.encode("utf-8", "surrogatepass"))
    key = digest.hexdigest()
    payload = read_blob(folder, f"ast-{key}")
    if payload is not None:
        try:
            entry = pickle.loads(payload)
        except Exception:  # noqa: BLE001 - a damaged entry or one from other code: parse afresh
            entry = None
        if isinstance(entry, dict) and entry.get("key") == key and entry.get("module") is not None:
            return entry["module"], []
    module, diagnostics = parse()
    if module is not None and not diagnostics:
        try:
            blob = dumps({"key": key, "module": module})
        except Exception:  # noqa: BLE001 - something in the tree does not pickle: don't cache
            return module, diagnostics
        write_blob(folder, f"ast-{key}", blob)
    return module, diagnostics


# ---------------------------------------------------------------------- the grammar


def lark_parser(grammar: str, attach: dict | None = None, **options):
    """A Lark LALR parser for `grammar`, from the cache when the same grammar, options, Lark
    and Python built one before (building the tables takes ~0.2 s; loading them ~0.03 s).
    `attach`: options that Lark takes when it loads saved tables (a `transformer`, a
    `postlex`): they are not part of the entry, so parsers that differ only in them share it,
    and tables built in this process (the cache off) are built once for all of them."""
    import lark

    attach = attach or {}
    key = hashlib.sha256("\0".join([FORMAT.decode().strip(), grammar, repr(sorted(options.items())),
                                     lark.__version__, sys.version]).encode()).hexdigest()
    folder = None
    if wanted(None):
        try:
            folder = directory()
        except RuntimeError:  # no home directory to find the cache in
            folder = None
    if folder is None:  # no cache: the tables are built once in this process
        built = _BUILT.get(key)
        if built is None:
            _BUILT[key] = parser = lark.Lark(grammar, **options, **attach)
            return parser
        return _load_lark(_saved(built), attach)
    name = f"grammar-{key}"
    payload = read_blob(folder, name)
    if payload is not None:
        try:
            return _load_lark(payload, attach)
        except Exception:  # noqa: BLE001 - a damaged entry: build afresh
            pass
    parser = lark.Lark(grammar, **options)
    payload = _saved(parser)
    write_blob(folder, name, payload)
    return _load_lark(payload, attach) if attach else parser


# The parser that built tables in this process with the cache off: another parser of the same
# tables loads them from it (~25 ms) instead of building them again (~0.2 s).
_BUILT: dict = {}
_ATTACHABLE = ("transformer", "postlex", "lexer_callbacks")  # not part of the saved tables


def _saved(parser) -> bytes:
    buffer = io.BytesIO()
    parser.save(buffer, exclude_options=_ATTACHABLE)
    return buffer.getvalue()


def _load_lark(payload: bytes, attach: dict):
    import lark
    # `Lark.load` with options, as Lark's own `cache=` does it (`_load` takes the options
    # Lark allows on a load, `_LOAD_ALLOWED_OPTIONS`).
    return lark.Lark.__new__(lark.Lark)._load(io.BytesIO(payload), **attach)


def _safe_directory(folder: Path, *, create: bool) -> bool:
    """The folder exists (made 0700 when `create`), is a real directory of the current user
    and nobody else can write to it."""
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return False
    if info.st_mode & 0o077:
        if not create:
            return False
        try:  # ours, but made by someone with a looser umask: tighten it
            os.chmod(folder, 0o700)
        except OSError:
            return False
    return True


# ---------------------------------------------------------------------- through the cache


def through(paths: list, gazetteer, build: Callable[[], tuple[object, dict]],
            rebuild_result: Callable[[dict, dict], object], current_inputs: Callable[[list], object]):
    """The result of `build()`, or of the cached entry when it still holds.

    `build()` returns (result, record), where `record` says what the load read (see
    `loader`): {"expanded": [...], "files": [(path, resolved, name, text hash), ...],
    "payload": {...}, "storable": bool}. `rebuild_result(payload, texts)` makes the result
    from a stored payload and the texts just read (name -> text); `current_inputs(paths)` says
    what the paths expand to now. (The loader hands these in: this module imports no stage of
    the pipeline, so the parser can use it for its tables without an import cycle.)"""
    try:
        folder = directory()
        key = key_of(paths, "none" if gazetteer is None else gazetteer.identity)
    except (OSError, RuntimeError):  # no home directory, or the current directory is gone
        return build()[0]
    entry = read_entry(folder, key)
    if entry is not None:
        texts = _still_valid(entry, paths, current_inputs)
        if texts is not None:
            try:
                return rebuild_result(entry["payload"], texts)
            except Exception:  # noqa: BLE001 - an entry of the right key but wrong shape
                pass
    result, record = build()
    if record.get("storable"):
        write_entry(folder, key, {"expanded": record["expanded"], "files": record["files"],
                                  "payload": record["payload"]})
    return result


def _still_valid(entry: dict, paths: list, current_inputs) -> dict | None:
    """name -> text of every file the entry read, when each is unchanged; else None."""
    from ppkm_lang.source import SourceError, read_source
    try:
        if current_inputs(paths) != entry["expanded"]:
            return None
        texts: dict[str, str] = {}
        for path, resolved, name, digest in entry["files"]:
            if str(Path(path).resolve()) != resolved:
                return None
            try:
                text = read_source(Path(path), name).text
            except SourceError:
                return None
            if text_hash(text) != digest:
                return None
            texts[name] = text
        return texts
    except (OSError, KeyError, TypeError, ValueError):
        return None


__all__ = ["dumps", "enabled_for_cli", "wanted", "directory", "through", "content_key", "derived", "parsed", "lark_parser",
           "read_blob", "write_blob", "read_entry", "write_entry", "key_of", "text_hash", "ENV_DIR", "ENV_OFF"]
