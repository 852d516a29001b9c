"""How fast are the findings printed, as their number grows?

Checks one generated file of N unused facts (N warnings, PPK506) once, then times rendering
the findings as text (a plain console, as when the output is not a terminal) and as JSON,
in CPU seconds of this process (the figures stay comparable on a busy machine), and the
peak memory of rendering the JSON (tracemalloc) beside the size of the JSON text.
Both must grow linearly in N: the time per finding is printed so that a quadratic renderer
shows as a column that grows.

    python -m benchmarks.render_bench [N ...]
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

SIZES = (2_000, 8_000, 20_000)


def findings_of(n: int):
    from ppkm_lang.checker import check
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "many.ppkm"
        path.write_text("".join(f"fact f{i}: bool\n" for i in range(n)), encoding="utf-8")
        result = check([path])
    return result


def measure(n: int) -> dict:
    from rich.console import Console

    from ppkm_lang.diagnostics import render_json, render_text
    result = findings_of(n)
    console = Console(file=io.StringIO(), color_system=None, no_color=True, highlight=False, width=100)
    start = time.process_time()
    render_text.render(result.diagnostics, result.sources, console, files=result.files)
    text_s = time.process_time() - start
    start = time.process_time()
    document = render_json.render(result.diagnostics, files=result.files)
    json_s = time.process_time() - start
    del document
    tracemalloc.start()  # a second run, traced: the peak memory of the JSON rendering alone
    document = render_json.render(result.diagnostics, files=result.files)
    json_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"n": n, "findings": len(result.diagnostics), "text_s": text_s, "json_s": json_s,
            "json_peak_mib": json_peak / 2 ** 20, "text_bytes": len(console.file.getvalue()),
            "json_bytes": len(document)}


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    sizes = [int(a) for a in args] or list(SIZES)
    print("render: N findings on one file, printed as text and as JSON")
    print(f"{'findings':>9} {'text CPU s':>10} {'µs/finding':>10} {'json CPU s':>10} {'µs/finding':>10} "
          f"{'json MiB':>9} {'of output':>9}")
    failed = False
    for n in sizes:
        r = measure(n)
        failed |= r["findings"] != n
        print(f"{r['findings']:>9,} {r['text_s']:>10.3f} {1e6 * r['text_s'] / n:>10.0f} {r['json_s']:>10.3f} "
              f"{1e6 * r['json_s'] / n:>10.0f} {r['json_peak_mib']:>9.1f} {r['json_bytes'] / 2 ** 20:>9.1f}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
