"""The package version.

Written here, in step with `pyproject.toml` (a test checks that they agree), rather than read
from the installed distribution's metadata: `importlib.metadata` costs tens of milliseconds
at start-up, more than the rest of `ppkm --version`.
"""

FALLBACK_VERSION = "0.1.0"  # the name the agreement test reads; there is no other source now

__version__ = FALLBACK_VERSION

__all__ = ["__version__", "FALLBACK_VERSION"]
