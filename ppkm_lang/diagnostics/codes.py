"""Every diagnostic code constant, and lookups by code text.

Emission sites import the constants from here (`from ppkm_lang.diagnostics.codes import
RULE_CONFLICT`); the CLI, the renderers and the docs read `all_codes()` and `lookup()`.
"""

from __future__ import annotations

from ppkm_lang.diagnostics.model import Code
from ppkm_lang.diagnostics.registry import registered
from ppkm_lang.diagnostics.codes_analysis import (
    RULE_CONFLICT, TABLE_OVERLAP, SHADOWED_RULE, UNSATISFIABLE_CONDITION, PARTITION_OVERLAP,
    COVERAGE_GAP, PARTITION_HOLE, ASSERTION_FAILED, MONOTONICITY_BROKEN, ANALYSIS_BOUNDED
)
from ppkm_lang.diagnostics.codes_diff import UNREADABLE_REVISION, UNREADABLE_WEIGHTS_FILE
from ppkm_lang.diagnostics.codes_compile import UNSUPPORTED_COMPILE_TARGET
from ppkm_lang.diagnostics.codes_eval import (
    UNKNOWN_FACT, INVALID_FACT_VALUE, MALFORMED_INPUT, UNREADABLE_FACTS_FILE,
    NO_INSTRUMENT_IN_FORCE, EXAMPLE_FAILED, TOO_MANY_CASES
)
from ppkm_lang.diagnostics.codes_hygiene import (
    UNKNOWN_CITATION_TARGET, BROKEN_REFERENCE, MISSING_CITATION, REFERENCE_MISMATCH,
    DUPLICATE_DIKTUM, UNUSED_DECLARATION, DUPLICATE_RULE, MISSING_CITATION_TEXT, UNUSED_ALLOW,
    UNKNOWN_REGION, REGION_SPELLING, REGION_SPELT_TWO_WAYS, NO_GAZETTEER,
    PROVINCE_NEEDS_GAZETTEER, OVERLAPPING_IN_FORCE, EXAMPLE_OUTSIDE_PERIOD,
    REVOKED_STILL_REFERENCED, NUMBERING_GAP, BIDI_CONTROL
)
from ppkm_lang.diagnostics.codes_names import (
    UNKNOWN_NAME, DUPLICATE_DEFINITION, TYPE_MISMATCH, UNKNOWN_ENUM_VALUE, VALUE_OUT_OF_RANGE,
    WRONG_TARGET, TABLE_SHAPE, INVALID_LITERAL, MISPLACED_DECLARATION, MISSING_FIELD,
    INVALID_OPERATOR, DUPLICATE_FIELD, DERIVATION_CYCLE, APPLY_NOTHING, APPLY_CYCLE
)
from ppkm_lang.diagnostics.codes_config import UNKNOWN_CONFIG_KEY, INVALID_CONFIG_VALUE
from ppkm_lang.diagnostics.codes_syntax import (
    SYNTAX_ERROR, UNREADABLE_FILE, IMPORT_NOT_FOUND, TOO_DEEPLY_NESTED, FORMAT_REFUSED, OUTSIDE_ROOT,
    OUTPUT_NOT_REPLACEABLE, UNUSABLE_OUTPUT_PATH
)


def all_codes() -> list[Code]:
    """Every registered code, in code order."""
    return sorted(registered().values())


def lookup(code: str) -> Code:
    """The code constant for `"PPKnnn"`; KeyError when there is none."""
    return registered()[code]


# One name per line, so that codes added side by side merge cleanly.
__all__ = [
    'all_codes',
    'lookup',
    'ANALYSIS_BOUNDED',
    'APPLY_CYCLE',
    'APPLY_NOTHING',
    'ASSERTION_FAILED',
    'BIDI_CONTROL',
    'BROKEN_REFERENCE',
    'COVERAGE_GAP',
    'DERIVATION_CYCLE',
    'DUPLICATE_DEFINITION',
    'DUPLICATE_DIKTUM',
    'DUPLICATE_FIELD',
    'DUPLICATE_RULE',
    'EXAMPLE_FAILED',
    'EXAMPLE_OUTSIDE_PERIOD',
    'FORMAT_REFUSED',
    'IMPORT_NOT_FOUND',
    'INVALID_CONFIG_VALUE',
    'INVALID_FACT_VALUE',
    'INVALID_LITERAL',
    'INVALID_OPERATOR',
    'MALFORMED_INPUT',
    'MISPLACED_DECLARATION',
    'MISSING_CITATION',
    'MISSING_CITATION_TEXT',
    'MISSING_FIELD',
    'MONOTONICITY_BROKEN',
    'NO_GAZETTEER',
    'NO_INSTRUMENT_IN_FORCE',
    'NUMBERING_GAP',
    'OUTPUT_NOT_REPLACEABLE',
    'OUTSIDE_ROOT',
    'OVERLAPPING_IN_FORCE',
    'PARTITION_HOLE',
    'PARTITION_OVERLAP',
    'PROVINCE_NEEDS_GAZETTEER',
    'REFERENCE_MISMATCH',
    'REGION_SPELLING',
    'REGION_SPELT_TWO_WAYS',
    'REVOKED_STILL_REFERENCED',
    'RULE_CONFLICT',
    'SHADOWED_RULE',
    'SYNTAX_ERROR',
    'TABLE_OVERLAP',
    'TABLE_SHAPE',
    'TOO_DEEPLY_NESTED',
    'TOO_MANY_CASES',
    'TYPE_MISMATCH',
    'UNKNOWN_CITATION_TARGET',
    'UNKNOWN_CONFIG_KEY',
    'UNKNOWN_ENUM_VALUE',
    'UNKNOWN_FACT',
    'UNKNOWN_NAME',
    'UNKNOWN_REGION',
    'UNREADABLE_FACTS_FILE',
    'UNREADABLE_FILE',
    'UNREADABLE_REVISION',
    'UNREADABLE_WEIGHTS_FILE',
    'UNSATISFIABLE_CONDITION',
    'UNSUPPORTED_COMPILE_TARGET',
    'UNUSABLE_OUTPUT_PATH',
    'UNUSED_ALLOW',
    'UNUSED_DECLARATION',
    'VALUE_OUT_OF_RANGE',
    'WRONG_TARGET',
]
