"""Testing policies by their own examples: run every `example` block (its date, its given
facts, its expectations), report differences, and measure which rules the examples exercise."""

from ppkm_lang.testing.runner import ExampleResult, TestReport, run_examples

__all__ = ["ExampleResult", "TestReport", "run_examples"]
