"""`ppkm lsp` driven over the protocol, as an editor drives it: a real subprocess on stdio.

One server serves the module's tests (starting one costs a second or two). The project is a
copy of examples/level_wilayah.ppkm with a second file: findings are published as the text
changes, a quick fix takes the did-you-mean region, another writes the `overrides` a conflict
asks for, and hover, definition, references, completion and formatting answer on the file.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

REPO = Path(__file__).resolve().parents[2]
PROJECT = Path(tempfile.mkdtemp(prefix="ppkm-lsp-")) / "proyek"  # filled by the fixture
MAIN = PROJECT / "contoh.ppkm"
OTHER = PROJECT / "lain.ppkm"
OTHER_TEXT = '''\
# Source: sumber.txt
instrument contoh_lain "Contoh kedua" {
  number 1 year 2021
  signed 2021-07-20
  in_force 2021-07-26 to 2021-07-30
  structure { KESATU { a b { 1 2 } } KEDUA }
}

rule pusat_perbelanjaan_level_4 "Pusat perbelanjaan, level 4" {
  when level == level_4 and kegiatan == pusat_perbelanjaan
  then layanan = pesan_antar_saja
  cite contoh_lain KESATU b.1 "pusat perbelanjaan ditutup sementara;"
}
'''
SOURCE_TEXT = "KESATU :\n  a. sesuatu;\n  b. 1. pusat perbelanjaan ditutup sementara;\nKEDUA :\n  lain.\n"
CONFLICT = '''
rule kapasitas_lain "Kapasitas lain" {
  when level == level_3 and kegiatan == makan_di_tempat
  then kapasitas = 50%
  cite inmendagri_23_2021 KESEBELAS d.1 "makan/minum di tempat sebesar 25% (dua puluh lima persen) dari kapasitas;"
}
'''


def uri(path: Path) -> str:
    return path.as_uri()


def make_project() -> None:
    shutil.rmtree(PROJECT, ignore_errors=True)
    PROJECT.mkdir(parents=True)
    (PROJECT / "ppkm.toml").write_text("# the project's root\n", encoding="utf-8")
    shutil.copy(REPO / "examples" / "level_wilayah.ppkm", MAIN)
    OTHER.write_text(OTHER_TEXT, encoding="utf-8")
    (PROJECT / "sumber.txt").write_text(SOURCE_TEXT, encoding="utf-8")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, "-m", "ppkm_lang", "lsp"],
    server_env={"PPKM_NO_CACHE": "1", "PATH": "/usr/bin:/bin"}))
async def client(lsp_client: LanguageClient):
    make_project()
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=uri(PROJECT),
        workspace_folders=[types.WorkspaceFolder(uri=uri(PROJECT), name="proyek")]))
    for path in (MAIN, OTHER):
        lsp_client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri(path), language_id="ppkm", version=1, text=path.read_text(encoding="utf-8"))))
    yield
    await lsp_client.shutdown_session()
    shutil.rmtree(PROJECT.parent, ignore_errors=True)


async def wait_for(client: LanguageClient, condition, timeout: float = 60.0):
    """Wait until `condition()` holds after a publication of findings."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        remaining = deadline - loop.time()
        assert remaining > 0, f"timed out; findings: {client.diagnostics}"
        try:
            await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), remaining)
        except asyncio.TimeoutError:
            pass


def codes(client: LanguageClient, path: Path) -> list[str]:
    return [d.code for d in client.diagnostics.get(uri(path), [])]


def position_of(path_text: str, needle: str, offset: int = 0) -> types.Position:
    index = path_text.index(needle) + offset
    line = path_text.count("\n", 0, index)
    return types.Position(line=line, character=index - (path_text.rfind("\n", 0, index) + 1))


def change(client: LanguageClient, path: Path, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def apply(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        a = offsets[edit.range.start.line] + edit.range.start.character
        b = offsets[edit.range.end.line] + edit.range.end.character
        text = text[:a] + edit.new_text + text[b:]
    return text


async def quick_fixes(client: LanguageClient, path: Path, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))


@pytest.mark.asyncio(loop_scope="module")
async def test_findings_follow_the_text_and_quick_fixes_repair_them(client: LanguageClient):
    await wait_for(client, lambda: uri(MAIN) in client.diagnostics and uri(OTHER) in client.diagnostics)
    assert codes(client, MAIN) == [] and codes(client, OTHER) == []  # the example checks clean

    # A misspelt kab/kota: PPK511, with the nearest name as the fix.
    text = MAIN.read_text(encoding="utf-8").replace('"Kota Banda Aceh" cite', '"Kota Banda Aceeh" cite')
    change(client, MAIN, text, 2)
    await wait_for(client, lambda: "PPK511" in codes(client, MAIN))
    diag = next(d for d in client.diagnostics[uri(MAIN)] if d.code == "PPK511")
    assert diag.code_description.href.endswith("/referensi/kode/ppk511/")
    assert text.split("\n")[diag.range.start.line][diag.range.start.character:].startswith('"Kota Banda Aceeh"')
    actions = await quick_fixes(client, MAIN, diag)
    assert [a.title for a in actions] == ["Replace `Kota Banda Aceeh` with `KOTA BANDA ACEH`"]
    text = apply(text, actions[0].edit.changes[uri(MAIN)])
    assert '"KOTA BANDA ACEH" cite' in text

    # A second rule that disagrees with one already there: PPK301, fixed by `overrides`.
    text += CONFLICT
    change(client, MAIN, text, 3)
    await wait_for(client, lambda: codes(client, MAIN) == ["PPK301"])
    diag = client.diagnostics[uri(MAIN)][0]
    actions = await quick_fixes(client, MAIN, diag)
    titles = [a.title for a in actions]
    assert titles == ["Write `overrides makan_di_tempat_level_3` in `kapasitas_lain`",
                      "Write `overrides kapasitas_lain` in `makan_di_tempat_level_3`"]
    assert actions[0].is_preferred
    text = apply(text, actions[0].edit.changes[uri(MAIN)])
    assert "  overrides makan_di_tempat_level_3\n}" in text
    change(client, MAIN, text, 4)
    await wait_for(client, lambda: codes(client, MAIN) == [])
    change(client, MAIN, MAIN.read_text(encoding="utf-8"), 5)  # back to the file as saved


@pytest.mark.asyncio(loop_scope="module")
async def test_hover_on_a_fact_a_measure_and_a_citation(client: LanguageClient):
    main = MAIN.read_text(encoding="utf-8")

    async def hover(path, text, needle, offset=1):
        result = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri(path)), position=position_of(text, needle, offset)))
        return result.contents.value if result else None

    assert await hover(MAIN, main, "when level ==") is None  # `when` is a keyword, not a name
    fact = await hover(MAIN, main, "level == level_4 and", 1)
    assert "**derived fact** `level`: enum {mikro, level_3, level_4} (ordered)" in fact
    assert "Level PPKM kabupaten/kota." in fact
    measure = await hover(MAIN, main, "kapasitas = 25%", 2)
    assert "**measure** `kapasitas`: percent" in measure and "Kapasitas pengunjung paling banyak." in measure
    cite = await hover(OTHER, OTHER_TEXT, "KESATU b.1", 2)
    assert "**cite** `contoh_lain` KESATU b.1" in cite
    assert "> pusat perbelanjaan ditutup sementara;" in cite
    assert "source text of KESATU (the quoted sentence is in it)" in cite and "a. sesuatu;" in cite
    assert "KEDUA" not in cite.split("source text")[1]


@pytest.mark.asyncio(loop_scope="module")
async def test_definition_and_references_across_files(client: LanguageClient):
    where = position_of(OTHER_TEXT, "kegiatan == pusat", 2)
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(OTHER)), position=where))
    main = MAIN.read_text(encoding="utf-8")
    lines = main.split("\n")
    declared = next(i for i, line in enumerate(lines) if line.startswith("fact kegiatan:"))
    assert [(f.uri, f.range.start.line, f.range.start.character) for f in found] == [(uri(MAIN), declared, 5)]
    refs = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=uri(OTHER)), position=where,
        context=types.ReferenceContext(include_declaration=False)))
    by_file = {(r.uri, r.range.start.line) for r in refs}
    assert {line for u, line in by_file if u == uri(OTHER)} == {where.line}
    uses = {i for i, line in enumerate(lines) if re.search(r"\bkegiatan\s*==?", line)}
    assert len(uses) >= 4 and {line for u, line in by_file if u == uri(MAIN)} == uses
    # A region set is defined where it is declared, and used in the table's rows.
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(MAIN)),
        position=position_of(main, "row level_3_luar_jawa_bali", 6)))
    assert [f.range.start.line for f in found] == [main[:main.index("regionset level_3")].count("\n")]


@pytest.mark.asyncio(loop_scope="module")
async def test_completion_of_members_regions_diktum_labels_and_facts(client: LanguageClient):
    async def complete(text, version):
        change(client, OTHER, text, version)
        lines = text.split("\n")
        result = await client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(OTHER)),
            position=types.Position(line=len(lines) - 1, character=len(lines[-1]))))
        return [i.label for i in result.items]

    base = OTHER_TEXT + "\nexample e {\n  at 2021-07-22\n"
    assert await complete(base + "  given kegiatan = ", 10) == ["makan_di_tempat", "pusat_perbelanjaan"]
    assert await complete(base + "  given level == ", 11) == ["mikro", "level_3", "level_4"]
    regions = await complete(base + '  given wilayah = "KOTA ME', 12)
    assert "KOTA MEDAN" in regions and len(regions) > 500  # the whole gazetteer; the editor filters
    assert await complete(base + "  cite contoh_lain ", 13) == ["KESATU", "KEDUA"]
    assert await complete(base + "  cite contoh_lain KESATU ", 14) == ["a", "b", "b.1", "b.2"]
    assert set(await complete(base + "  cite ", 15)) == {"inmendagri_23_2021", "contoh_lain"}
    facts = await complete(base + "  given ", 16)
    assert {"wilayah", "level", "kegiatan", "kapasitas", "layanan", "level_4_luar_jawa_bali"} <= set(facts)
    change(client, OTHER, OTHER_TEXT, 17)


@pytest.mark.asyncio(loop_scope="module")
async def test_formatting_uses_the_formatter(client: LanguageClient):
    messy = OTHER_TEXT.replace("  then layanan = pesan_antar_saja", "      then   layanan =  pesan_antar_saja")
    change(client, OTHER, messy, 20)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri(OTHER)),
        options=types.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert apply(messy, edits) == OTHER_TEXT
    change(client, OTHER, "rule rusak {\n", 21)  # does not parse: left as it is
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri(OTHER)),
        options=types.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert not edits
    await wait_for(client, lambda: any(c.startswith("PPK1") for c in codes(client, OTHER)))
    change(client, OTHER, OTHER_TEXT, 22)


SECRET = 'fact rahasia_luar: bool "Isi berkas di luar proyek."\n'


@pytest.mark.asyncio(loop_scope="module")
async def test_the_workspace_files_are_found_as_ppkm_check_finds_them(client: LanguageClient):
    # The server once listed the files itself (`rglob`): it read a policy through a link out
    # of the project and skipped a FIFO without a word. Now the loader's directory search finds
    # them, with its boundary, so the editor shows what `ppkm check` reports.
    import os
    folder, outside = PROJECT.parent / "batas", PROJECT.parent / "luar"
    folder.mkdir()
    outside.mkdir()
    (folder / "ppkm.toml").write_text("", encoding="utf-8")
    (outside / "rahasia.ppkm").write_text(SECRET, encoding="utf-8")
    os.symlink(outside / "rahasia.ppkm", folder / "bocor.ppkm")
    os.mkfifo(folder / "pipa.ppkm")
    main = folder / "utama.ppkm"
    main.write_text('fact dipakai: bool "Dipakai."\n', encoding="utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri(main), language_id="ppkm", version=1, text=main.read_text(encoding="utf-8"))))
    link, fifo = folder / "bocor.ppkm", folder / "pipa.ppkm"
    await wait_for(client, lambda: uri(main) in client.diagnostics and codes(client, link) and codes(client, fifo))
    assert codes(client, link) == ["PPK110"]  # outside-root: not read
    assert codes(client, fifo) == ["PPK102"]  # not a regular file
    assert "not a regular file" in client.diagnostics[uri(fifo)][0].message
    assert not [u for u in client.diagnostics if u.startswith(uri(outside))]
    published = [d.message for ds in client.diagnostics.values() for d in ds]
    assert not any("rahasia_luar" in m or "Isi berkas" in m for m in published)  # its text is never quoted
