"""Diagnostic codes (see registry.py for the ranges): 6xx, the inputs of an evaluation."""
from ppkm_lang.diagnostics.model import Severity
from ppkm_lang.diagnostics.registry import define

UNKNOWN_FACT = define("PPK601", "unknown-fact", "input", Severity.ERROR,
                      "A fact given to `ppkm eval`, `ppkm explain` or the API is not declared by the policy.",
                      why="A misspelt fact name would otherwise be ignored and the answer would silently be "
                          "computed without it.",
                      example="ppkm eval policies/ --at 2021-07-22 --set kegiatn=mall   # the fact is `kegiatan`",
                      fix="Use a fact the policy declares (the message suggests the closest name). Measures are "
                          "outputs and cannot be given.",
                      input_problem=True)
INVALID_FACT_VALUE = define("PPK602", "invalid-fact-value", "input", Severity.ERROR,
                            "A fact is given a value its type does not allow: an enum value that is not a member, a "
                            "number outside the declared range, or a region that is not a kab/kota.",
                            why="An answer for a value the policy does not know is not an answer the law gives.",
                            example="ppkm eval policies/ --at 2021-07-22 --set level=level_5",
                            fix="Use one of the allowed values the message lists; for a region, the official "
                                "Kemendagri name (\"KOTA MEDAN\", \"KAB. BERAU\").",
                            input_problem=True)
MALFORMED_INPUT = define("PPK603", "malformed-input", "input", Severity.ERROR,
                         "A date, number, percentage or time of day given as input cannot be read.",
                         why="Guessing at a malformed value could evaluate a different case than the one meant.",
                         example="ppkm eval policies/ --at 22-07-2021 --set positivity_rate_mingguan=5,3%",
                         fix="Write dates as YYYY-MM-DD, decimals with a point (`5.3`), percentages as `5.3%` or "
                             "`5.3`, times as `17:00`, and facts as `--set name=value`.",
                         input_problem=True)
UNREADABLE_FACTS_FILE = define("PPK604", "unreadable-facts-file", "input", Severity.ERROR,
                               "The file given with `--facts` cannot be read, or is not a JSON object or a CSV table with a "
                               "header row.",
                               why="Evaluating without the facts the file was meant to give would answer another question.",
                               example="ppkm eval policies/ --at 2021-07-22 --facts cases.xlsx",
                               fix="Give a UTF-8 `.json` file holding one object (`{\"fact\": value}`) or a `.csv` file whose "
                                   "header names facts (and optionally `at`).",
                               input_problem=True)
NO_INSTRUMENT_IN_FORCE = define("PPK605", "no-instrument-in-force", "input", Severity.INFO,
                                "No encoded instrument is in force on the date asked about.",
                                why="This is an answer, not a failure: on that date none of the encoded instructions applies, "
                                    "so no measure comes from them.",
                                example="ppkm eval policies/ --at 2021-07-26   # Inmendagri 23/2021 ran until 25 July",
                                fix="Nothing to fix; ask about a date inside an instrument's in-force period if that was meant.")
EXAMPLE_FAILED = define("PPK606", "example-failed", "test", Severity.ERROR,
                        "An `example` block gives a result that the evaluation of the policy does not produce.",
                        why="Examples state what the instruments say for concrete cases; a failing example means the "
                            "encoding or the example departs from the source.",
                        example='example e {\n  at 2021-04-10\n  given rumah_positif_7_hari = 6\n'
                                '  expect zona = oranye   # six houses make the zone merah\n}',
                        fix="Compare the expected and actual values and the cited diktum; correct the rule or the "
                            "example, whichever departs from the text.")
TOO_MANY_CASES = define("PPK607", "too-many-cases", "input", Severity.ERROR,
                        "The facts given leave a provision whose condition splits into more cases than the "
                        "residual engine works out (a product of many alternatives over facts not given).",
                        why="Working the cases out would take time and memory growing exponentially with the "
                            "alternatives; answering without them would claim more than the facts allow, so the "
                            "answer is refused instead of guessed or left running.",
                        example="rule r { when (a0 or b0) and (a1 or b1) and ... and (a13 or b13) then ... }\n"
                                "ppkm eval FILE --at 2021-07-02 --set a0=true",
                        fix="Give more of the facts the message names (each one given halves the cases), or ask "
                            "about fewer measures with `--measure`.",
                        input_problem=True)
