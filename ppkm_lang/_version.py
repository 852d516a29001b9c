"""The package version, read from the installed distribution's metadata."""

from importlib.metadata import PackageNotFoundError, version

# Used when the package runs from a source tree that was never installed.
FALLBACK_VERSION = "0.1.0"

try:
    __version__ = version("ppkm-lang")
except PackageNotFoundError:
    __version__ = FALLBACK_VERSION
