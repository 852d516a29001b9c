"""The checker's messages, hints and notes in Indonesian, for the findings page of the
Indonesian site.

The checker writes its findings in English (the CLI, JSON and SARIF keep them so); the site
shows them in the page's language. Each pattern matches one shape of English text as the
checker writes it, with the names, values and spellings it carries (in backticks or quotes)
captured and put back as they are. A text no pattern matches is shown in English, marked as
such for screen readers; a test keeps the findings of the published policies translated.
"""

from __future__ import annotations

import re

_N = r"(`[^`]+`)"          # a name in backticks, kept as it is
_Q = r'("[^"]*")'          # a spelling in quotes, kept as it is

_PATTERNS: list[tuple[str, str]] = [
    # PPK401 coverage-gap
    (rf"coverage {_N} has a gap: no rule gives {_N} a value where (.+)",
     r"cakupan \1 berlubang: tidak ada aturan yang memberi \2 nilai bila \3"),
    (rf"add a rule or row that gives {_N} a value there, or narrow `covers` if the source leaves the case open "
     r"\(and record why in an `interpretation`\)",
     r"tambahkan aturan atau baris yang memberi \1 nilai di sana, atau persempit `covers` bila sumbernya "
     r"membiarkan kasus itu terbuka (dan catat alasannya dalam sebuah `interpretation`)"),
    # PPK504 reference-mismatch
    (r"the source points to Diktum (\S+) for (`[^`]+`), which is defined in Diktum (.+)",
     r"sumber merujuk Diktum \1 untuk \2, yang ditetapkan dalam Diktum \3"),
    (r"a defect of the source text: keep the reference as written and document it",
     r"cacat teks sumber: biarkan rujukannya seperti tertulis dan dokumentasikan"),
    (rf"{_N} defined by {_N}", r"\1 ditetapkan oleh \2"),
    # PPK505 duplicate-diktum
    (rf"instrument {_N} has two parts labelled {_N}", r"instrumen \1 mempunyai dua bagian berlabel \2"),
    (r"citations resolve to the first; record the choice as an interpretation",
     r"rujukan mengarah ke yang pertama; catat pilihan itu sebagai tafsiran"),
    (r"first one", r"yang pertama"),
    # PPK510 numbering-gap
    (rf"{_N} has no Diktum {_N}: the numbering goes from {_N} to {_N}",
     r"\1 tidak mempunyai Diktum \2: penomorannya melompat dari \3 ke \4"),
    (r"if the source skips it, keep the structure as written: the warning records the source's defect; "
     r"if the structure was mistyped, add the missing label",
     r"bila sumbernya melewatkannya, biarkan strukturnya seperti tertulis: peringatan ini mencatat cacat "
     r"sumber; bila strukturnya salah ketik, tambahkan label yang hilang"),
    (rf"{_N} comes before it", r"\1 ada sebelumnya"),
    # PPK512 region-spelling
    (rf"the source writes {_Q}; the official name is {_Q}", r"sumber menulis \1; nama resminya \2"),
    (rf"resolved per {_N}", r"diselesaikan menurut \1"),
    # PPK513 region-spelt-two-ways
    (rf"{_Q} is spelt (\d+) ways in the source: (.+)", r"\1 dieja dengan \2 cara dalam sumber: \3"),
    (r"keep each spelling as the source writes it; both resolve to one region",
     r"biarkan setiap ejaan seperti ditulis sumbernya; keduanya mengarah ke satu wilayah"),
]
_COMPILED = [(re.compile(p), r) for p, r in _PATTERNS]

# Words inside a condition (PPK401's "where ..."), between the names and values kept as written.
_CONDITION = ((" or ", " atau "), (" and ", " dan "), ("not ", "bukan "))


def _condition(text: str) -> str:
    parts = re.split(r"(`[^`]*`|\"[^\"]*\")", text)
    for i in range(0, len(parts), 2):  # outside backticks and quotes
        for en, id_ in _CONDITION:
            parts[i] = parts[i].replace(en, id_)
    return "".join(parts)


def indonesian(text: str) -> str | None:
    """The Indonesian of a message, hint or note the checker wrote; None when no pattern knows it."""
    for pattern, replacement in _COMPILED:
        m = pattern.fullmatch(text)
        if m:
            out = m.expand(replacement)
            return _condition(out) if "bila " in out and pattern.pattern.startswith("coverage") else out
    return None


def in_language(text: str, lang: str) -> tuple[str, bool]:
    """(text to show, whether it is in `lang`): the English itself on the English site."""
    if lang != "id":
        return text, True
    if not re.search(r"[A-Za-z]", re.sub(r'`[^`]*`|"[^"]*"', "", text)):
        return text, True  # only names and spellings, as written (a related spelling)
    said = indonesian(text)
    return (said, True) if said is not None else (text, False)
