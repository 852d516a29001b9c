"""Diagnostic codes (see registry.py for the ranges): 7xx, the project's configuration file."""
from ppkm_lang.diagnostics.model import Severity
from ppkm_lang.diagnostics.registry import define

UNKNOWN_CONFIG_KEY = define("PPK701", "unknown-config-key", "config", Severity.ERROR,
                            "`ppkm.toml` holds a key that ppkm does not know.",
                            why="A misspelt key would otherwise be ignored in silence: a `fail_level` meant to fail CI "
                                "on warnings, or an `ignore` meant to quiet a code, would have no effect.",
                            example='# ppkm.toml\nfail_level = "warning"   # the key is `fail-level`',
                            fix="Use one of the keys `select`, `ignore`, `exclude`, `fail-level` and `gazetteer` (the "
                                "message suggests the closest), or delete the line.",
                            input_problem=True)
INVALID_CONFIG_VALUE = define("PPK702", "invalid-config-value", "config", Severity.ERROR,
                              "A key of `ppkm.toml` has a value of the wrong kind, or `ppkm.toml` is not valid TOML.",
                              why="A value ppkm cannot use would otherwise be dropped, and the run would check with "
                                  "settings other than those written.",
                              example='# ppkm.toml\nselect = "PPK3"          # a list is needed: ["PPK3"]',
                              fix="`select`, `ignore` and `exclude` take lists of strings (code prefixes such as "
                                  "`\"PPK5\"`, or path patterns); `fail-level` is `\"error\"` or `\"warning\"`; "
                                  "`gazetteer` is a path.",
                              input_problem=True)
