"""Diagnostic codes (see registry.py for the ranges): 3xx conflicts and dead rules, 4xx gaps,
coverage, assertions. Found by `ppkm_lang.analysis`, each with a witness."""
from ppkm_lang.diagnostics.model import Severity
from ppkm_lang.diagnostics.registry import define

RULE_CONFLICT = define("PPK301", "rule-conflict", "conflict", Severity.ERROR,
                       "Two rules both apply to some facts on some day and give one measure different values, and "
                       "neither has precedence over the other.",
                       why="The policy gives two answers to one question; an evaluator would have to pick one "
                           "arbitrarily, and a reader cannot tell which the source meant.",
                       example='rule makan_level_4 {\n  when level == level_4\n  then kapasitas = 0%\n}\n'
                               'rule makan_bungkus {\n  when kegiatan == makan_di_tempat\n  then kapasitas = 25%\n}\n'
                               '# level_4 and makan_di_tempat: 0% or 25%?',
                       fix="If one rule is the exception to the other, say so with `overrides`; otherwise make the "
                           "conditions exclusive. The witness is a fact combination where both apply.")
TABLE_OVERLAP = define("PPK302", "table-overlap", "conflict", Severity.ERROR,
                       "Rows of a `unique` table match the same facts, or rows of an `any` table match the same "
                       "facts and give different outputs.",
                       why="The hit policy promises that at most one row (or only agreeing rows) answer; an overlap "
                           "breaks that promise, usually through a boundary written on both sides.",
                       example='table tes {\n  hit unique\n  inputs positivity\n  outputs tes_per_1000\n'
                               '  row <= 5%          -> 1\n  row >= 5% and < 15% -> 5   # both rows match 5%\n}',
                       fix="Make the rows exclusive (check `<` against `<=` at the shared bound), or use `hit first` "
                           "if the earlier row is meant to win.")
SHADOWED_RULE = define("PPK303", "shadowed-rule", "dead", Severity.WARNING,
                       "A rule can never decide any of its targets: rules with precedence over it (including the "
                       "rows above it in a `first` table) apply wherever it does.",
                       why="A rule that never decides anything is dead text: either it is redundant, or an "
                           "`overrides` or row order hides the case it was written for.",
                       example='table zona {\n  hit first\n  inputs rumah\n  outputs zona\n  row >= 3 -> oranye\n'
                               '  row > 5  -> merah   # never reached: `>= 3` already matches\n}',
                       fix="Delete the rule, or reorder the rows / narrow the `overrides` so the specific case comes "
                           "first.")
UNSATISFIABLE_CONDITION = define("PPK304", "unsatisfiable-condition", "dead", Severity.WARNING,
                                 "A rule's `when` can never hold inside the declared fact types, or its instrument is never "
                                 "in force.",
                                 why="A rule that can never apply decides nothing; it usually hides a typo in a bound or a "
                                     "value, or an instrument revoked before it starts.",
                                 example='fact positivity: percent\nrule r {\n  when positivity > 100%\n  then tes = 15\n}',
                                 fix="Check the tested values and bounds against the fact declarations, and the instrument's "
                                     "`in_force` dates and revocations.")
PARTITION_OVERLAP = define("PPK305", "partition-overlap", "conflict", Severity.ERROR,
                           "Rules that compute a derived fact overlap with different values: the partition that "
                           "defines the fact is broken.",
                           why="A derived fact such as a zone is a classification; a case in two classes makes every "
                               "rule that tests the fact ambiguous.",
                           example='rule kuning { when rumah in [1, 3] then zona = kuning }\n'
                                   'rule oranye { when rumah in [3, 5] then zona = oranye }   # 3 is both',
                           fix="Make the classes exclusive at their shared bound, as the source draws it.")
COVERAGE_GAP = define("PPK401", "coverage-gap", "gap", Severity.ERROR,
                      "Inside a declared coverage, on a day its instrument is in force, some fact combination "
                      "gets no value for an output.",
                      why="The coverage states that the source answers every case in its domain; a gap is a case "
                          "the encoding answers with nothing, often a boundary value the text skips (`< 5%`, "
                          "`> 5%`: what of exactly 5%?).",
                      example='table tes {\n  hit unique\n  inputs positivity\n  outputs tes_per_1000\n'
                              '  covers positivity in [0%, 100%]\n  row < 5%           -> 1\n'
                              '  row > 5% and < 15% -> 5   # 5% and 15% or more get nothing\n}',
                      fix="Add the missing rule or row; if the source itself leaves the case open, narrow `covers` "
                          "and record the reading in an `interpretation`.")
PARTITION_HOLE = define("PPK402", "partition-hole", "gap", Severity.ERROR,
                        "Inside a declared coverage, some fact combination gets no value for a derived fact.",
                        why="Every rule that tests the derived fact (a zone, a level) is silent for the cases its "
                            "classification leaves out.",
                        example='table zona {\n  hit unique\n  inputs rumah\n  outputs zona\n  covers rumah >= 0\n'
                                '  row 0 -> hijau\n  row [1, 2] -> kuning\n  row > 3 -> merah   # 3 has no zone\n}',
                        fix="Add the missing class or widen a neighbouring one, as the source draws the bounds.")
ASSERTION_FAILED = define("PPK451", "assertion-failed", "assertion", Severity.ERROR,
                          "An `assert` does not hold for some fact combination where all its measures have values.",
                          why="An assertion states an invariant of the source (WFH + WFO = 100%); a counterexample "
                              "means a rule departs from the source or the invariant is wrong.",
                          example='assert wfh_wfo {\n  when kegiatan == perkantoran\n  require wfh + wfo == 100%\n}\n'
                                  '# a rule gives wfh = 50% and another wfo = 25% on the same facts',
                          fix="Read the witness: correct the rule that gives the wrong value, or the assertion.")
MONOTONICITY_BROKEN = define("PPK452", "monotonicity-broken", "assertion", Severity.ERROR,
                             "A `monotone` measure moves the wrong way between two fact combinations that differ only "
                             "in the `over` fact.",
                             why="Stricter levels or zones should never loosen a restriction; a break is usually a "
                                 "copied value or a rule attached to the wrong level.",
                             example='monotone m {\n  measure kapasitas nonincreasing over level\n}\n'
                                     'rule l3 { when level == level_3 then kapasitas = 25% }\n'
                                     'rule l4 { when level == level_4 then kapasitas = 50% }',
                             fix="Compare the two values of the witness with the source and correct the rule that departs "
                                 "from it; narrow the `monotone` with `when` if the source is not monotone there.")
ANALYSIS_BOUNDED = define("PPK460", "analysis-bounded", "limit", Severity.WARNING,
                          "A check stopped at its limit: a condition too large to expand, or a search past its "
                          "budget, so its question is left open.",
                          why="Conflicts, gaps and dead rules are decided exactly, and some conditions (a long "
                              "`and` of `or`s) are exponentially large when expanded. Rather than run without end "
                              "or guess, `ppkm check` says which question it did not settle; no finding is claimed "
                              "or denied for it.",
                          example='rule r {\n  when (a0 or b0) and (a1 or b1) and ... and (a13 or b13)\n'
                                  '  then m = 0%\n}\n# fine alone; in an assertion or a derived fact\'s rules it is '
                                  'not expanded',
                          fix="Split the rule into smaller rules (one per case the source lists), or name the "
                              "repeated part as a derived fact; the check then runs in full.")
