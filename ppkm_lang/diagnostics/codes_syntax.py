"""Diagnostic codes (see registry.py for the ranges)."""
from ppkm_lang.diagnostics.model import Severity
from ppkm_lang.diagnostics.registry import define


SYNTAX_ERROR = define("PPK101", "syntax-error", "syntax", Severity.ERROR,
                      "The text does not follow the grammar of the ppkm language.",
                      why="Nothing in a file with a syntax error can be checked or evaluated.",
                      example='rule r {\n  when zona = merah   # `=` gives a value; conditions compare with `==`\n}',
                      fix="Write what the message says is expected at the caret; see the language reference.")
UNREADABLE_FILE = define("PPK102", "unreadable-file", "syntax", Severity.ERROR,
                         "A policy file or directory could not be read as UTF-8 text.",
                         why="A file that cannot be read silently drops its rules from the policy.",
                         example="ppkm check missing.ppkm",
                         fix="Check the path, and save the file as UTF-8 text.",
                         input_problem=True)
IMPORT_NOT_FOUND = define("PPK103", "import-not-found", "syntax", Severity.ERROR,
                          "An `import` names a module with no `.ppkm` file beside the importing file.",
                          why="The facts and measures of the missing module would all be unknown names.",
                          example="import vokab   # the file is vocab.ppkm",
                          fix="Name the module by its file name without `.ppkm`, in the same directory.")
TOO_DEEPLY_NESTED = define("PPK104", "too-deeply-nested", "syntax", Severity.ERROR,
                           "Brackets are nested deeper than the language allows.",
                           why="Deeply nested conditions are unreadable and are refused to keep checking fast and safe.",
                           example="rule r { when ((((((((zona == merah)))))))) ... }   # more than 64 levels",
                           fix="Split the condition into several rules, or name the sets it tests.")
FORMAT_REFUSED = define("PPK105", "format-refused", "syntax", Severity.ERROR,
                        "The formatter would have changed the meaning of a file, so it left the file as it was.",
                        why="Formatting must only ever change whitespace; a file it cannot format safely is kept intact.",
                        example="ppkm fmt policy.ppkm",
                        fix="Report the file; format it by hand meanwhile.")
