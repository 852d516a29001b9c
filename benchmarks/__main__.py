"""Run every benchmark module of this package: `python -m benchmarks [NAME ...]`.

A benchmark module is a `*_bench.py` file beside this one with a `main(argv) -> int` that
prints its figures; NAME (e.g. `check`) runs only `check_bench`. The exit code is non-zero
when any benchmark reports a failure (a missed planted finding, a disagreement...).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def modules() -> list[str]:
    here = Path(__file__).resolve().parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.endswith("_bench"))


def main(argv: list[str]) -> int:
    names = modules()
    wanted = [a if a.endswith("_bench") else f"{a}_bench" for a in argv]
    unknown = [w for w in wanted if w not in names]
    if unknown:
        print(f"unknown benchmark: {', '.join(unknown)} (have: {', '.join(names)})", file=sys.stderr)
        return 2
    status = 0
    for name in wanted or names:
        module = importlib.import_module(f"{__package__}.{name}")
        print(f"== {name}", flush=True)
        start = time.perf_counter()
        status |= int(module.main([]) or 0)
        print(f"({name}: {time.perf_counter() - start:.1f} s in all)\n", flush=True)
    return 1 if status else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
