"""The SQL tests share the random policies of the evaluator's tests (tests/eval/gen_eval.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import os

from hypothesis import Phase, settings

settings.register_profile("no-shrink", phases=[Phase.explicit, Phase.reuse, Phase.generate])
if os.environ.get("PPKM_NO_SHRINK"):
    settings.load_profile("no-shrink")
