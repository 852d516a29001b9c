"""Diagnostic codes (see registry.py for the ranges)."""
from ppkm_lang.diagnostics.model import Severity
from ppkm_lang.diagnostics.registry import define


UNKNOWN_NAME = define("PPK201", "unknown-name", "name", Severity.ERROR,
                      "A name does not refer to any declared fact, measure, rule, table, region set or interpretation.",
                      why="A misspelt name would make a condition or a value silently mean nothing.",
                      example="rule r { when zonna == merah then batas_kerumunan = 3 }   # `zona`",
                      fix="Use the declared name (the hint suggests the closest one) or declare it.")
DUPLICATE_DEFINITION = define("PPK202", "duplicate-definition", "name", Severity.ERROR,
                              "A name is declared twice (all declarations share one namespace), or an enum lists a member twice.",
                              why="With two definitions it is unclear which one the rules mean.",
                              example="fact zona: enum { hijau, merah }\nmeasure zona: percent",
                              fix="Rename one of the two, or remove the repetition.")
TYPE_MISMATCH = define("PPK203", "type-mismatch", "type", Severity.ERROR,
                       "A value or comparison does not fit the type or unit of its fact or measure.",
                       why="Percentages, times of day, counts and dates are different units; mixing them is a drafting error.",
                       example="measure jam_tutup: time\nrule r { then jam_tutup = 17.00 }   # write 17:00",
                       fix="Write the value in the unit of the declaration (`25%`, `17:00`, `2021-07-21`, `3`).")
UNKNOWN_ENUM_VALUE = define("PPK204", "unknown-enum-value", "type", Severity.ERROR,
                            "A value is not a member of the enum of its fact or measure.",
                            why="A misspelt member makes a rule never apply, or gives an answer nobody can read.",
                            example="rule r { when zona == merha ... }",
                            fix="Use one of the members listed in the hint, or add the member to the enum.")
VALUE_OUT_OF_RANGE = define("PPK205", "value-out-of-range", "type", Severity.ERROR,
                            "A number lies outside the declared range of its fact or measure, or an interval or a "
                            "time window is empty, runs backwards, or is declared `overnight` without crossing midnight.",
                            why="A value no input can take hides a mistake in the bound or in the declaration; a "
                            "window that runs backwards (22:00 to 02:00) crosses midnight only when it says so.",
                            example="fact rumah: int [0, 100]\nrule r { when rumah > 500 ... }\n"
                            "rule s { when jam in [22:00, 02:00] ... }",
                            fix="Correct the value or widen the declared range; write a window past midnight "
                            "`jam in [22:00, 02:00] overnight`.")
WRONG_TARGET = define("PPK206", "wrong-target", "type", Severity.ERROR,
                      "A rule gives a value to an input fact, or a condition tests a measure.",
                      why="Inputs are given by the user and outputs decided by rules; mixing them hides circular logic.",
                      example="fact zona: enum { hijau, merah }\nrule r { then zona = merah }",
                      fix="Declare the fact `derived` when rules decide it; test facts, not measures, in conditions.")
TABLE_SHAPE = define("PPK208", "table-shape", "type", Severity.ERROR,
                     "A table row does not have one cell per input and one value per output.",
                     why="A misaligned row would test the wrong fact or give the wrong measure its value.",
                     example="table t { inputs a, b outputs m  row < 5% -> 1 }",
                     fix="Write one cell per input (`-` for any value) and one value per output.")
INVALID_LITERAL = define("PPK209", "invalid-literal", "type", Severity.ERROR,
                         "A date or time of day does not exist, or a period ends before it starts.",
                         why="An impossible date makes in-force periods and examples meaningless.",
                         example="example e { at 2021-02-30 }",
                         fix="Write a real calendar date (YYYY-MM-DD) or time (00:00 to 24:00).")
MISPLACED_DECLARATION = define("PPK210", "misplaced-declaration", "name", Severity.ERROR,
                               "A file declares more than one instrument.",
                               why="Rules belong to the instrument of their file; with two, the owner of each rule is unclear.",
                               example='instrument a "A" { ... }\ninstrument b "B" { ... }',
                               fix="Put each instrument and its rules in a file of its own; share vocabulary through `import`.")
MISSING_FIELD = define("PPK211", "missing-field", "name", Severity.ERROR,
                       "A declaration lacks a field it needs (a rule's `then`, an example's `at`, an instrument's period...).",
                       why="Without it the declaration cannot be evaluated or checked.",
                       example="rule r { when zona == merah }",
                       fix="Add the field named in the message.")
INVALID_OPERATOR = define("PPK212", "invalid-operator", "type", Severity.ERROR,
                          "An operator does not apply to the type of the fact it tests.",
                          why="`<` on an unordered enum or an interval on a name has no meaning.",
                          example="rule r { when zona < merah ... }   # zona is not `ordered`",
                          fix="Use `==`, `!=`, `in` for enums and regions; intervals and `<` for numbers, times and dates; "
                          "declare an enum `ordered` to compare its members.")
DUPLICATE_FIELD = define("PPK213", "duplicate-field", "name", Severity.ERROR,
                         "A field that may appear once is written twice in one declaration.",
                         why="Two `when` or two `hit` lines leave it unclear which one counts.",
                         example="rule r { when a when b then m = 1 }",
                         fix="Join the conditions with `and`, or remove one of the fields.")
DERIVATION_CYCLE = define("PPK214", "derivation-cycle", "name", Severity.ERROR,
                          "Derived facts depend on each other in a cycle: a rule deriving `a` tests `b`, and a rule deriving "
                          "`b` tests `a`.",
                          why="The evaluator decides derived facts one after another; in a cycle one of them is read before it "
                              "is decided, so the answer depends on declaration order rather than on the text.",
                          example="fact a: bool derived\nfact b: bool derived\n"
                                  "rule r1 { when b then a = true ... }\nrule r2 { when a then b = true ... }",
                          fix="Derive one of the facts from inputs only, or make it an input fact that the question gives.")
APPLY_NOTHING = define("PPK216", "apply-nothing", "name", Severity.ERROR,
                       "A rule applies a provision no rule encodes, or one none of whose rules can hold with the "
                       "values it is applied as.",
                       why="`apply inmendagri_x KESEBELAS as level = level_2` is meant to bring rules in; applying "
                       "nothing hides a misspelt diktum or a wrong value.",
                       example="rule anak { when usia < 12 apply inm KESEMBILAN as level = level_2 ... }"
                       "   # no rule cites KESEMBILAN",
                       fix="Cite the diktum (and huruf) whose rules are meant, or the rule or table by name.")
APPLY_CYCLE = define("PPK217", "apply-cycle", "name", Severity.ERROR,
                     "Rules apply each other's provisions in a cycle: `a` applies a provision `b` is part of, and `b` "
                     "applies one `a` is part of.",
                     why="Each application copies the other's rules, so the rules would never be complete.",
                     example="rule a { apply inm KEDUA as level = level_2 cite inm KESATU ... }\n"
                     "rule b { apply inm KESATU as level = level_3 cite inm KEDUA ... }",
                     fix="Apply the rules of the provision that states them, not the one that applies them.")
