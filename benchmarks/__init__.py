"""Speed benchmarks: one module per subject (`*_bench.py`), each with a `main(argv)` that
prints its figures and returns an exit code. `python -m benchmarks` runs them all."""
