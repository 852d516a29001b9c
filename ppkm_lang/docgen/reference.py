"""Reference pages: the language reference (dsl/reference.md), the command line (from the
parser's own help, so it cannot drift) and one page per diagnostic code (from the registry)."""

from __future__ import annotations

from pathlib import Path

from ppkm_lang.diagnostics.codes import all_codes
from ppkm_lang.docgen import cli_id, codes_id
from ppkm_lang.docgen.escape import fence, md
from ppkm_lang.docgen.i18n import Words
from ppkm_lang.docgen.mdkit import backticked, code_page, link, table

LANGUAGE = "referensi/bahasa.md"
CLI = "referensi/cli.md"
CODES = "referensi/kode/index.md"


def language_reference_path() -> Path:
    return Path(__file__).resolve().parent.parent.parent / "dsl" / "reference.md"


def pages(w: Words, helps=()) -> dict[str, str]:
    """The reference pages; `helps` are the command line's help texts (the CLI hands them over,
    so the site depends on no command-line code)."""
    out = {CLI: cli_page(w, helps), CODES: codes_index(w)}
    ref = language_reference_path()
    if ref.is_file():
        head, _, rest = ref.read_text(encoding="utf-8").partition("\n")
        out[LANGUAGE] = f"{head}\n\n!!! note\n    {md(w('english_only'))}\n{rest}"
    for code in all_codes():
        out[code_page(code.code)] = code_detail(code, w)
    return out


def cli_page(w: Words, helps) -> str:
    out = [f"# {w('cli_ref')}\n", w("cli_intro") + "\n"]
    for title, text in helps:
        if w.lang == "id":
            text = cli_id.indonesian(text)[0]
        out.append(f"## {md(title)}\n\n" + fence(text, "text"))
    return "\n".join(out)


def codes_index(w: Words) -> str:
    rows = [[link(md(c.code), CODES, code_page(c.code)), md(c.name), md(codes_id.severity(c, w.lang)),
             backticked(codes_id.text(c, "summary", w.lang))] for c in all_codes()]
    return (f"# {w('codes')}\n\n{w('codes_intro')}\n\n"
            + table([w("code"), w("name"), w("severity"), w("summary")], rows))


def code_detail(code, w: Words) -> str:
    """One code's page; its texts in the page's language (the example is code, shown as written)."""
    def text(field: str) -> str:
        return backticked(codes_id.text(code, field, w.lang))
    rows = [[f"**{w('severity')}**", md(codes_id.severity(code, w.lang))],
            [f"**{w('kind')}**", md(codes_id.kind(code, w.lang))]]
    return "\n".join([
        f"# {md(code.code)} {md(code.name)}\n", text("summary") + "\n", table([" ", " "], rows),
        f"## {w('why')}\n\n{text('why')}\n", f"## {w('example')}\n\n" + fence(code.example),
        f"## {w('fix')}\n\n{text('fix')}\n",
    ])
