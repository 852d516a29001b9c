"""Evaluation: the IR compiled into closures and indexes, then asked about dates and facts.

- `inputs`: fact values and dates from text or Python, checked, with coded errors (PPK60x);
- `compile`: conditions -> closures (three-valued), rule indexes, value classes;
- `engine`: the `Evaluator` (plans per set of instruments in force, derived facts, precedence);
- `results`: the `Decision` and its JSON contract;
- `wording` and `explain`: why each value was decided, in plain sentences;
- `batch`: many cases from a CSV table.
"""

from ppkm_lang.eval.engine import Evaluator
from ppkm_lang.eval.inputs import InputError
from ppkm_lang.eval.results import Decision

__all__ = ["Evaluator", "InputError", "Decision"]
