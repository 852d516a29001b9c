"""Diagnostic codes (see registry.py for the ranges): 62x, the inputs of `ppkm diff`."""
from ppkm_lang.diagnostics.model import Severity
from ppkm_lang.diagnostics.registry import define

UNREADABLE_REVISION = define(
    "PPK621", "unreadable-revision", "input", Severity.ERROR,
    "The git revision given to `ppkm diff --rev` cannot be read, or holds none of the policy files asked about.",
    why="Comparing with a revision that is not there would report every provision as new.",
    example="ppkm diff policies/ --rev mian   # the branch is `main`",
    fix="Give a revision `git show` knows (a branch, tag or commit) and paths inside the repository that "
        "exist in that revision.",
    input_problem=True)
UNREADABLE_WEIGHTS_FILE = define(
    "PPK622", "unreadable-weights-file", "input", Severity.ERROR,
    "The `--weights` file cannot be read, or a row is not a kab/kota followed by a number.",
    why="A weighted impact computed from a misread table would understate or overstate who a change touches.",
    example='ppkm diff old.ppkm new.ppkm --weights penduduk.csv   # row "KOTA BOGOR,satu juta"',
    fix="Give a UTF-8 CSV with one kab/kota (its official Kemendagri name) and one number per row; a header "
        "row is allowed.",
    input_problem=True)
