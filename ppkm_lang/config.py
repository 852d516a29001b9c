"""Where the gazetteer (the official 2020 region list) comes from.

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

import os
import stat
from collections.abc import Mapping
from pathlib import Path

CONFIG_FILE = "ppkm.toml"
ENV_VAR = "PPKM_GAZETTEER"


class ConfigError(Exception):
    """The configuration names something that cannot be used; the message says what and where."""


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
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None


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


__all__ = ["CONFIG_FILE", "ENV_VAR", "ConfigError", "resolve_gazetteer", "find_config"]
