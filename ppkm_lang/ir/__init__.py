"""The IR: the lowered, linked policy (`ir.model`) that the checker, the evaluator, the tests and
the documentation read. A leaf: it imports nothing of ppkm_lang but `source`, and the pass that
builds it lives in `ppkm_lang.lowering`."""
