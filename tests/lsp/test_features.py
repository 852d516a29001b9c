"""The language server's parts without the protocol: which files a document is checked with,
the settings of ppkm.toml, names outside strings and comments, and UTF-16 columns."""

from __future__ import annotations

import shutil
from pathlib import Path

from ppkm_lang.lsp import features
from ppkm_lang.lsp.convert import from_units, to_units
from ppkm_lang.lsp.index import Index, word_at
from ppkm_lang.lsp.project import check_project, project_root
from ppkm_lang.source import SourceFile

UNUSED = '\nfact tidak_dipakai: bool "Tidak dipakai."\n'


def project(tmp_path: Path, repo_root: Path, toml: str | None) -> Path:
    root = tmp_path / "proyek"
    (root / "draf").mkdir(parents=True)
    shutil.copy(repo_root / "examples" / "level_wilayah.ppkm", root / "contoh.ppkm")
    (root / "draf" / "rusak.ppkm").write_text("rule rusak {\n", encoding="utf-8")
    if toml is not None:
        (root / "ppkm.toml").write_text(toml, encoding="utf-8")
    return root


def test_project_root_is_the_nearest_ppkm_toml_within_the_workspace(tmp_path):
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    doc = tmp_path / "a" / "b" / "c" / "x.ppkm"
    assert project_root(doc, [tmp_path]) == doc.parent  # no ppkm.toml: the document's directory
    (tmp_path / "ppkm.toml").write_text("")
    assert project_root(doc, [tmp_path]) == tmp_path
    assert project_root(doc, [tmp_path / "a" / "b"]) == doc.parent  # not above the workspace folder
    (tmp_path / "a" / "ppkm.toml").write_text("")
    assert project_root(doc, [tmp_path]) == tmp_path / "a"


def test_check_project_applies_exclude_and_ignore(tmp_path, repo_root):
    root = project(tmp_path, repo_root, 'exclude = ["draf"]\nignore = ["PPK506"]\n')
    main = root / "contoh.ppkm"
    unsaved = main.read_text(encoding="utf-8") + UNUSED
    snap = check_project(root, {main: unsaved})
    assert snap.config_problem is None
    assert [snap.path_of(n).name for n in snap.sources] == ["contoh.ppkm"]  # draf/ excluded
    assert snap.result.diagnostics == ()  # the PPK506 of the unsaved text is ignored
    (root / "ppkm.toml").write_text('exclude = ["draf"]\n')
    codes = [d.code for d in check_project(root, {main: unsaved}).result.diagnostics]
    assert codes == ["PPK506"]  # the editor's text was checked, not the file on disk


def test_a_broken_ppkm_toml_is_reported_and_the_project_still_checked(tmp_path, repo_root):
    root = project(tmp_path, repo_root, 'exclud = ["draf"]\n')
    snap = check_project(root, {})
    assert snap.config_problem is not None and snap.config_problem.code == "PPK701"
    assert "did you mean `exclude`?" in snap.config_problem.hint
    assert any(str(d.code).startswith("PPK1") for d in snap.result.diagnostics)  # draf/ was checked


def test_names_in_strings_and_comments_are_not_uses():
    text = ('fact zona: enum { merah, hijau } "zona di sini bukan nama" # zona\n'
            'measure m: bool "d."\nrule r {\n  when zona == merah\n  then m = true\n}\n')
    index = Index.of({"a.ppkm": SourceFile("a.ppkm", text)})
    places = features.references(index, "a.ppkm", 3, 8)
    assert [(p.line, p.start) for p in places] == [(0, 5), (3, 7)]
    assert [(p.line, p.start) for p in features.definition(index, "a.ppkm", 3, 16)] == [(0, 18)]  # `merah`
    assert word_at(text, 0, 40).kind == "string"
    assert features.references(index, "a.ppkm", 0, 62) == []  # inside the comment


def test_utf16_columns_count_astral_characters_twice():
    line = 'x "\U0001F600" zona'
    column = line.index("zona")
    assert to_units(line, column) == column + 1
    assert from_units(line, to_units(line, column)) == column
    assert from_units("abc", 99) == 3


def test_did_you_mean_fix_replaces_only_the_misspelt_name():
    text = 'rule r {\n  when zona == merrah\n}\n'
    index = Index.of({"a.ppkm": SourceFile("a.ppkm", text)})
    fixes = features.fixes(index, "a.ppkm", "`merrah` is not a member of the enum of `zona`",
                           "did you mean `merah` or `marah`?", (1, 2), (1, 21))
    assert [(f.title, f.line, f.start, f.end, f.new_text, f.preferred) for f in fixes] == [
        ("Replace `merrah` with `merah`", 1, 15, 21, "merah", True),
        ("Replace `merrah` with `marah`", 1, 15, 21, "marah", False)]
    assert features.fixes(index, "a.ppkm", "m", None, (0, 0), (0, 1)) == []


def test_diktum_text_shows_the_lines_around_a_quote_far_down(tmp_path):
    from ppkm_lang.lsp.sourcetext import diktum_text, source_path
    lines = [f"  {i}. butir nomor {i};" for i in range(1, 31)]
    (tmp_path / "sumber.txt").write_text("KESATU :\n" + "\n".join(lines) + "\nKEDUA :\n  lain.\n", encoding="utf-8")
    policy = "# Inmendagri contoh. Source: sumber.txt, a transcription\n"
    path = source_path(policy, tmp_path / "p.ppkm")
    assert path == tmp_path / "sumber.txt"
    text, found = diktum_text(path, "KESATU", "butir   nomor 20;")
    assert found and text.split("\n")[:4] == ["KESATU :", "…", "  18. butir nomor 18;", "  19. butir nomor 19;"]
    assert "  20. butir nomor 20;" in text and "nomor 25" not in text and "KEDUA" not in text
    text, found = diktum_text(path, "KESATU", "tidak ada di sumber")
    assert not found and text.startswith("KESATU :\n  1. butir nomor 1;")
    assert diktum_text(path, "KETIGA") is None
    assert source_path("# no source named\n", tmp_path / "p.ppkm") is None


def test_a_folder_that_cannot_be_listed_is_reported_and_an_unsaved_file_is_checked(tmp_path, monkeypatch):
    # As `ppkm check` does: a folder whose files would go unchecked is a finding (PPK102).
    # Tests often run as root, who can list any folder: the listing fails by hand instead.
    import os
    root = tmp_path / "proyek"
    (root / "terkunci").mkdir(parents=True)
    (root / "ppkm.toml").write_text("", encoding="utf-8")
    (root / "terkunci" / "x.ppkm").write_text('fact x: bool "X."\n', encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "terkunci":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)
    monkeypatch.setattr(os, "scandir", scandir)
    new = root / "baru.ppkm"  # never saved: only the editor has its text
    snap = check_project(root, {new: 'fact baru: bool "Baru."\n'})
    found = {(str(d.code), Path(d.span.file).name) for d in snap.result.diagnostics}
    assert ("PPK102", "terkunci") in found
    assert [snap.path_of(n).name for n in snap.sources] == ["baru.ppkm"]
    assert not any("no `.ppkm` files" in d.message for d in snap.result.diagnostics)
