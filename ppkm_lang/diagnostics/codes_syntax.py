"""Diagnostic codes (see registry.py for the ranges)."""
from ppkm_lang.diagnostics.model import Severity
from ppkm_lang.diagnostics.registry import define


SYNTAX_ERROR = define("PPK101", "syntax-error", "syntax", Severity.ERROR,
                      "The text does not follow the grammar of the ppkm language.",
                      why="Nothing in a file with a syntax error can be checked or evaluated.",
                      example='rule r {\n  when zona = merah   # `=` gives a value; conditions compare with `==`\n}',
                      fix="Write what the message says is expected at the caret; see the language reference.")
UNREADABLE_FILE = define("PPK102", "unreadable-file", "syntax", Severity.ERROR,
                         "A policy file or directory could not be read: it is missing, unreadable, not a regular file, too "
                         "large, or not UTF-8 text.",
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
# 110-119: the files and folders the tool reads and writes (paths, not policy text).
OUTSIDE_ROOT = define("PPK110", "outside-root", "input", Severity.ERROR,
                      "An import or a file found in a directory leads, through a symbolic link, outside the files and "
                      "directories given on the command line, so it is not read.",
                      why="A policy folder may hold a link to any file of the machine (`vocab.ppkm -> /etc/passwd`); "
                          "reading it would quote that file in a diagnostic and check text nobody asked for.",
                      example="ln -s /etc/passwd policies/vocab.ppkm\nppkm check policies/   # main.ppkm: import vocab",
                      fix="Copy the module into the policy folder, or name the folder that holds it on the command line "
                          "too (`ppkm check policies/ ../shared/`).",
                      input_problem=True)
OUTPUT_NOT_REPLACEABLE = define("PPK111", "output-not-replaceable", "output", Severity.ERROR,
                                "The output directory of `ppkm docs` holds files that the tool did not write, so it is "
                                "left as it is.",
                                why="Building the site replaces the whole directory; anything else in it (notes, data, "
                                    "a site built by hand) would be lost.",
                                example="ppkm docs policies/ --out ~/Documents   # not empty, and no site of ppkm",
                                fix="Give a new or empty directory, or one an earlier `ppkm docs` built (it holds the "
                                    "marker file `.ppkm-site`); move the other files away first if the directory is "
                                    "meant for the site.",
                                input_problem=True)
UNUSABLE_OUTPUT_PATH = define("PPK112", "unusable-output-path", "output", Severity.ERROR,
                              "An output path cannot be written: its folder does not exist, or it names a directory where "
                              "a file is wanted (or a file where a directory is).",
                              why="Writing would fail halfway, after all the work; the path is checked first and nothing "
                                  "is written.",
                              example="ppkm test policies/ --format junit --output reports/junit.xml   # no reports/",
                              fix="Create the folder first (`mkdir -p reports`), or give a path to a file (for `--output`) "
                                  "or a directory (for `ppkm docs --out`).",
                              input_problem=True)
