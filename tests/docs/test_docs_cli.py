"""`ppkm docs`: usage problems exit 2 with a message and never touch the output directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from docsite import EXAMPLES, REPO
from ppkm_lang.cli.main import main


@pytest.fixture(autouse=True)
def _plain(monkeypatch):
    for name in ("PPKM_DEBUG", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


def test_missing_policy_path(tmp_path: Path, capsys):
    assert main(["docs", str(tmp_path / "nope"), "--out", str(tmp_path / "site")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_refuses_to_replace_a_directory_that_is_not_a_site(tmp_path: Path, capsys):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    assert main(["docs", str(EXAMPLES), "--out", str(out)]) == 2
    assert "refusing to replace" in capsys.readouterr().err
    assert (out / "notes.txt").read_text() == "keep me"


def test_unreadable_policy_is_an_input_problem(tmp_path: Path, capsys):
    bad = tmp_path / "bad.ppkm"
    bad.write_text("rule r { when zona = merah }\n")
    assert main(["docs", str(bad), "--out", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert "PPK101" in err and "no site was built" in err
    assert not (tmp_path / "site").exists()


def test_missing_config_file(tmp_path: Path, capsys):
    assert main(["docs", str(EXAMPLES), "--out", str(tmp_path / "s"), "--config", str(tmp_path / "x.yml")]) == 2
    assert "x.yml" in capsys.readouterr().err


def test_broken_hand_written_page_fails_the_strict_build(tmp_path: Path, capsys):
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    (docs / "index.md").write_text("# Beranda\n\n[rusak](tidak-ada.md)\n")
    (docs / "en" / "index.md").write_text("# Home\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text((REPO / "mkdocs.yml").read_text())
    assert main(["docs", str(EXAMPLES), "--out", str(tmp_path / "site"), "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert "tidak-ada.md" in err and "could not build" in err


def test_help_lists_the_options(capsys):
    assert main(["docs", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--out DIR" in out and "policies/" in out


def test_builds_without_a_configuration(tmp_path: Path, monkeypatch, capsys):
    # No mkdocs.yml and no hand-written pages: built-in settings and a generated front page.
    monkeypatch.chdir(tmp_path)
    assert main(["docs", str(EXAMPLES), "--out", "out"]) == 0
    assert "built" in capsys.readouterr().out
    for page in ("out/index.html", "out/en/index.html", "out/cek/index.html"):
        assert (tmp_path / page).is_file()
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="instrumen/"' in home and 'href="cek/"' in home


# ---------------------------------------------------------------- what --out may replace


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_folder_with_an_index_html_and_other_files_is_kept_whole(tmp_path: Path, capsys):
    # It was emptied once: an index.html (and no .git) was taken for an earlier site.
    out = tmp_path / "www"
    (out / "uploads").mkdir(parents=True)
    (out / "index.html").write_text("<h1>my page</h1>")
    (out / "data.csv").write_text("a,b\n1,2\n")
    (out / "uploads" / "photo.jpg").write_bytes(b"\xff\xd8 not really")
    before = _tree(out)
    assert main(["docs", str(EXAMPLES), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "PPK111" in err and "refusing to replace" in err
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["www"]  # no staging folder left behind


def test_a_site_is_replaced_by_the_next_build_but_not_a_file_added_to_it(tmp_path: Path, capsys):
    out = tmp_path / "site"
    assert main(["docs", str(EXAMPLES), "--out", str(out)]) == 0
    marker = (out / ".ppkm-site").read_text(encoding="utf-8")
    assert "index.html\n" in marker and "en/index.html\n" in marker
    stale = out / "instrumen" / "old-page" / "index.html"  # a page an earlier build wrote
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    (out / ".ppkm-site").write_text(marker + "instrumen/old-page/index.html\n", encoding="utf-8")
    assert main(["docs", str(EXAMPLES), "--out", str(out)]) == 0
    assert not stale.exists() and (out / "index.html").is_file()
    # A file the build did not write stops the next one, and stays.
    (out / "notes.txt").write_text("keep me")
    capsys.readouterr()
    assert main(["docs", str(EXAMPLES), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "PPK111" in err and "notes.txt" in err
    assert (out / "notes.txt").read_text() == "keep me" and (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_build_leaves_the_earlier_site_as_it_was(tmp_path: Path, capsys):
    out = tmp_path / "site"
    assert main(["docs", str(EXAMPLES), "--out", str(out)]) == 0
    before = _tree(out)
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    (docs / "index.md").write_text("# Beranda\n\n[rusak](tidak-ada.md)\n")
    (docs / "en" / "index.md").write_text("# Home\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text((REPO / "mkdocs.yml").read_text())
    assert main(["docs", str(EXAMPLES), "--out", str(out), "--config", str(config)]) == 1
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "mkdocs.yml", "site"]


def test_out_into_a_missing_folder_or_onto_a_file_is_a_coded_usage_error(tmp_path: Path, capsys):
    assert main(["docs", str(EXAMPLES), "--out", str(tmp_path / "no" / "such" / "site")]) == 2
    err = capsys.readouterr().err
    assert "PPK112" in err and "does not exist" in err and "internal error" not in err
    (tmp_path / "file").write_text("x")
    assert main(["docs", str(EXAMPLES), "--out", str(tmp_path / "file")]) == 2
    err = capsys.readouterr().err
    assert "PPK112" in err and "is a file" in err
    assert (tmp_path / "file").read_text() == "x"


def test_bidi_controls_in_policy_text_never_reach_the_site_raw(tmp_path: Path, capsys):
    from ppkm_lang.lint.text import BIDI_CONTROLS
    text = (EXAMPLES / "zonasi_rt.ppkm").read_text(encoding="utf-8")
    hostile = text.replace('"Zonasi tingkat RT"', '"Zonasi \u202etingkat\u2066 RT"', 1)
    hostile = hostile.replace("# Teaching example", "# Teaching \u202eexample", 1)
    assert hostile.count("\u202e") == 2
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "z.ppkm").write_text(hostile, encoding="utf-8")
    assert main(["docs", str(tmp_path / "p"), "--out", str(tmp_path / "site")]) == 0
    seen = 0
    for page in (tmp_path / "site").rglob("*"):
        if page.is_file() and page.suffix in (".html", ".json", ".js", ".xml"):
            body = page.read_text(encoding="utf-8")
            assert not set(BIDI_CONTROLS) & set(body), page
            seen += "U+202E" in body
    assert seen  # shown as its code point where the text appears


def test_a_staging_folder_left_by_a_killed_build_is_removed_by_the_next(tmp_path: Path, capsys):
    # `.site.building-*` stayed for good when a build was killed outright.
    import subprocess
    import sys
    from ppkm_lang.cli.outputs import _host
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    left = tmp_path / f".site.ppkm-building-{_host()}-{proc.pid}-k1lled00"
    (left / "en").mkdir(parents=True)
    (left / "en" / "index.html").write_text("half a site")
    assert main(["docs", str(EXAMPLES), "--out", str(tmp_path / "site")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_build_broken_by_an_exception_leaves_no_staging_folder(tmp_path: Path, capsys, monkeypatch):
    import ppkm_lang.docgen.build

    def broken(data, out, **kwargs):
        (out / "index.html").write_text("half")
        raise RuntimeError("the build broke")
    monkeypatch.setattr(ppkm_lang.docgen.build, "build_site", broken)
    assert main(["docs", str(EXAMPLES), "--out", str(tmp_path / "site")]) == 2
    assert "internal error" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_site_url_fills_both_sitemaps(policies_site: Path):
    # conftest builds the published site with --site-url SITE_URL.
    from docsite import SITE_URL
    ids = (policies_site / "sitemap.xml").read_text(encoding="utf-8")
    ens = (policies_site / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}cek/</loc>" in ids and f"<loc>{SITE_URL}en/" not in ids
    assert f"<loc>{SITE_URL}en/cek/</loc>" in ens


def test_site_url_must_be_an_http_address(tmp_path: Path, capsys):
    code = main(["docs", str(EXAMPLES), "--out", str(tmp_path / "site"), "--no-gazetteer", "--site-url", "ppkm.example.org"])
    assert code == 2
    assert "ppkm.example.org" in capsys.readouterr().err
