"""The project's settings (`ppkm.toml`) and where the gazetteer comes from.

`ppkm.toml` is looked for in the current directory and then in each parent; the nearest one
holds the settings, with the meaning ruff gives the same keys:

    select = ["PPK3", "PPK4"]   # report only codes with these prefixes (default: every code)
    ignore = ["PPK506"]         # never report these (a longer prefix beats a shorter one)
    exclude = ["drafts", "*.draft.ppkm"]  # paths (globs, relative to ppkm.toml) not checked
    fail-level = "warning"      # the default of `check --fail-level`
    gazetteer = "data/wilayah"  # a region list instead of the one that ships with ppkm

Any other key is an error (PPK701, with the nearest known key), and so is a value of the wrong
kind (PPK702): a misspelt setting must not be ignored in silence.

The gazetteer (the official 2020 region list)

The list ships inside the package and is used unless a directory is configured. First match
wins:

1. the `--gazetteer PATH` option (relative to the current directory);
2. the `PPKM_GAZETTEER` environment variable (relative to the current directory);
3. `gazetteer = "path"` in the nearest `ppkm.toml`, looked for in the current directory and
   then in each parent (relative to the directory of that file);
4. nothing configured: None, which the loader takes as the embedded list.

A path that is configured but does not exist is an error rather than "no gazetteer": a typo
would otherwise silently switch off every region check.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

CONFIG_FILE = "ppkm.toml"
ENV_VAR = "PPKM_GAZETTEER"
KEYS = ("select", "ignore", "exclude", "fail-level", "gazetteer")
FAIL_LEVELS = ("error", "warning")


class ConfigError(Exception):
    """The configuration names something that cannot be used; the message says what and where,
    `code` is a diagnostic code when there is one, `hint` how to fix it."""

    def __init__(self, message: str, *, code: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.hint = hint


@attrs.frozen
class Settings:
    """What the nearest `ppkm.toml` says (everything empty when there is none)."""

    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_level: str | None = None

    @property
    def root(self) -> Path | None:
        return self.path.parent if self.path is not None else None

    def reports(self, code: str) -> bool:
        """Whether a finding with `code` is reported: as in ruff, the longest prefix of
        `select` or `ignore` that matches decides, and `select` wins a tie."""
        chosen = max((len(p) for p in self.select if code.startswith(p)), default=-1 if self.select else 0)
        dropped = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return chosen >= 0 and chosen >= dropped

    def excludes(self, path: Path) -> bool:
        """Whether `path` falls under an `exclude` pattern (a glob matched against the path
        relative to `ppkm.toml`, and against each of its leading directories and names)."""
        if not self.exclude or self.root is None:
            return False
        try:
            rel = Path(os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))).as_posix()
        except ValueError:  # another drive
            return False
        if rel.startswith("../"):
            return False
        parts = rel.split("/")
        candidates = {rel, *parts, *("/".join(parts[:i]) for i in range(1, len(parts)))}
        return any(fnmatch.fnmatchcase(c, p.rstrip("/")) for p in self.exclude for c in candidates)


def load_settings(cwd: Path) -> Settings:
    """The settings of the nearest `ppkm.toml` (raises ConfigError when it is not valid)."""
    config = find_config(cwd)
    if config is None:
        return Settings()
    data = _read_config(config)
    return Settings(config, _strings(data, "select", config), _strings(data, "ignore", config),
                    _strings(data, "exclude", config), _fail_level(data, config))


def excluded(path: Path, root: Path) -> bool:
    """Whether the settings that hold for `root` exclude `path`."""
    return load_settings(root).excludes(path)


def expand(paths: Iterable[str | Path], settings: Settings, *, force: bool = False,
           problems: list | None = None) -> list[Path]:
    """The command line's paths with `exclude` applied: to the files found in directories, and
    with `force` to the files named too (as ruff's `--force-exclude`). A directory whose files
    are all excluded contributes nothing; one with no files at all is kept, for the loader to
    report. Directories are searched as the loader searches them (a link out of one is not
    followed, a folder that cannot be listed is a finding): what the search finds wrong is
    added to `problems`."""
    from ppkm_lang.loader import walk_policies

    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found_problems: list = []
            found = walk_policies(path, found_problems)
            if problems is not None:
                problems.extend(found_problems)
            kept = [q for q in found if not settings.excludes(q)]
            # Nothing found: the loader reports the directory, unless its problems already are.
            out.extend(kept if found or (found_problems and problems is not None) else [path])
        elif not (force and settings.excludes(path)):
            out.append(path)
    return out


def _strings(data: dict, key: str, config: Path) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _invalid(f"{config}: `{key}` must be a list of non-empty strings", f'{key} = ["..."]')
    if key in ("select", "ignore"):
        from ppkm_lang.diagnostics.codes import all_codes
        known = [c.code for c in all_codes()]
        for prefix in value:
            if not any(code.startswith(prefix) for code in known):
                raise _invalid(f"{config}: `{key}` names `{prefix}`, which is the prefix of no code",
                               "give codes or their prefixes, such as \"PPK3\" or \"PPK506\" "
                               "(`ppkm docs` lists them)")
    return tuple(value)


def _fail_level(data: dict, config: Path) -> str | None:
    value = data.get("fail-level")
    if value is not None and value not in FAIL_LEVELS:
        raise _invalid(f"{config}: `fail-level` must be \"error\" or \"warning\", not {value!r}",
                       'fail-level = "warning"')
    return value


def _invalid(message: str, hint: str) -> ConfigError:
    from ppkm_lang.diagnostics.codes import INVALID_CONFIG_VALUE
    return ConfigError(message, code=INVALID_CONFIG_VALUE, hint=hint)


def resolve_gazetteer(flag: str | None, cwd: Path, *,
                      env: Mapping[str, str] | None = None) -> Path | None:
    """The configured gazetteer directory, or None when none is configured (the loader then
    uses the embedded list)."""
    env = os.environ if env is None else env
    if flag is not None:
        if not flag.strip():
            raise ConfigError("`--gazetteer` was given an empty path")
        return _existing(cwd / flag, "the path given to `--gazetteer`")
    from_env = env.get(ENV_VAR, "")
    if from_env.strip():
        return _existing(cwd / from_env, f"the path in the environment variable `{ENV_VAR}`")
    config = find_config(cwd)
    if config is None:
        return None
    value = _read_config(config).get("gazetteer")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{config}: `gazetteer` must be a non-empty string (a path)")
    return _existing(config.parent / value, f"`gazetteer` in {config}")


def find_config(cwd: Path) -> Path | None:
    """The nearest `ppkm.toml` in `cwd` or one of its parents."""
    start = cwd.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
    return None


def _read_config(path: Path) -> dict:
    import tomllib  # only when there is a ppkm.toml: most runs have none

    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise _invalid(f"{path} is not valid TOML: {exc}", "see https://toml.io for the syntax") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    for key in data:
        if key not in KEYS:
            from ppkm_lang.diagnostics.codes import UNKNOWN_CONFIG_KEY
            from ppkm_lang.semantics.suggest import did_you_mean
            hint = did_you_mean(key, KEYS) or "the keys are " + ", ".join(f"`{k}`" for k in KEYS)
            raise ConfigError(f"{path}: unknown key `{key}`", code=UNKNOWN_CONFIG_KEY, hint=hint)
    return data


def _existing(path: Path, origin: str) -> Path:
    # Not resolved: keep the path as the user wrote it so that messages read naturally.
    # os.stat never opens the path, so a FIFO or a device here cannot block or be read.
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise ConfigError(f"gazetteer not found: {path} does not exist ({origin})") from None
    except OSError as exc:
        raise ConfigError(f"gazetteer {path} cannot be read: {exc.strerror or exc} ({origin})") from None
    if not stat.S_ISDIR(mode):
        raise ConfigError(f"gazetteer {path} is not a directory ({origin}); give a directory that "
                          "holds kabupaten_kota.csv and provinsi.csv")
    return path


__all__ = ["CONFIG_FILE", "ENV_VAR", "KEYS", "ConfigError", "Settings", "load_settings", "excluded", "expand",
           "resolve_gazetteer", "find_config"]
