"""The policy cache changes no answer and no diagnostic: not cold, not warm, not after an
imported file is edited, not when an entry is damaged, stale or written by someone else."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
from pathlib import Path

import pytest

from ppkm_lang import cache
from ppkm_lang.cli import main as cli
from ppkm_lang.loader import load

REPO = Path(__file__).resolve().parents[2]
EVAL = ["eval", "policies/", "--at", "2021-07-22", "--set", "wilayah=KOTA BANDUNG",
        "--set", "ppkm_level_4_jawa_bali=false", "--format", "json"]
CHECK = ["check", "policies/", "--format", "json"]
SMALL = ["check", "examples/", "--format", "json"]  # for the mechanics: a second, not a few


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the policies in a fresh folder, with a cache folder of its own."""
    shutil.copytree(REPO / "policies", tmp_path / "policies")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PPKM_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("PPKM_NO_CACHE", "PPKM_GAZETTEER", "PPKM_DEBUG", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def run(capsys, monkeypatch, argv, *, cached: bool):
    if cached:
        monkeypatch.delenv("PPKM_NO_CACHE", raising=False)
    else:
        monkeypatch.setenv("PPKM_NO_CACHE", "1")
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def entries(folder: Path, prefix: str = "policy-") -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(prefix)) if folder.is_dir() else []


@pytest.mark.parametrize("argv", [CHECK, EVAL, ["check", "examples/"]], ids=["check-json", "eval-json", "check-text"])
def test_same_output_without_cache_cold_and_warm(project, capsys, monkeypatch, argv):
    fresh = run(capsys, monkeypatch, argv, cached=False)
    assert not entries(project / "cache")
    cold = run(capsys, monkeypatch, argv, cached=True)
    assert len(entries(project / "cache")) == 1
    warm = run(capsys, monkeypatch, argv, cached=True)
    assert fresh == cold == warm
    assert fresh[0] == 0 and fresh[1]


def test_warm_load_comes_from_the_entry(project, monkeypatch):
    with cache.enabled_for_cli():
        first = load(["examples/"])
        from ppkm_lang import loader
        monkeypatch.setattr(loader, "_recorded", lambda *a: pytest.fail("the warm load parsed the files again"))
        second = load(["examples/"])
    assert second.policy == first.policy and second.diagnostics == first.diagnostics
    assert second.sources == first.sources and second.gazetteer is first.gazetteer


def test_an_edited_import_is_seen(project, capsys, monkeypatch):
    before = run(capsys, monkeypatch, EVAL, cached=True)
    assert '"level_mikro_jawa_bali_23"' in before[1]
    run(capsys, monkeypatch, CHECK, cached=True)
    # wilayah.ppkm is imported by both instruments: move Bandung's province out of Java-Bali.
    wilayah = project / "policies" / "wilayah.ppkm"
    text = wilayah.read_text(encoding="utf-8")
    assert 'province "JAWA BARAT"' in text
    wilayah.write_text(text.replace('province "JAWA BARAT"', 'province "JAWA TENGAH"'), encoding="utf-8")
    after = {}
    for name, argv in (("eval", EVAL), ("check", CHECK)):
        after[name] = run(capsys, monkeypatch, argv, cached=True)
        assert after[name] == run(capsys, monkeypatch, argv, cached=False)
    assert '"level_mikro_jawa_bali_23"' not in after["eval"][1]


def test_a_new_file_in_the_directory_is_seen(project, capsys, monkeypatch):
    before = run(capsys, monkeypatch, SMALL, cached=True)
    (project / "examples" / "extra.ppkm").write_text("fact extra_fact: bool\n", encoding="utf-8")
    after = run(capsys, monkeypatch, SMALL, cached=True)
    assert after == run(capsys, monkeypatch, SMALL, cached=False) and after != before


def test_a_corrupt_or_truncated_entry_is_ignored_and_rebuilt(project, capsys, monkeypatch):
    expected = run(capsys, monkeypatch, SMALL, cached=False)
    run(capsys, monkeypatch, SMALL, cached=True)
    [entry] = entries(project / "cache")
    whole = entry.read_bytes()
    key = entry.name.removeprefix("policy-")
    stored = cache.read_entry(project / "cache", key)
    for damaged in (b"", whole[: len(whole) // 2], whole[:-1] + bytes([whole[-1] ^ 1]), b"garbage" * 10):
        entry.write_bytes(damaged)
        assert run(capsys, monkeypatch, SMALL, cached=True) == expected
        # Rewritten whole (the files' parses now come from their own entries, so the bytes
        # may share objects differently; the content is the same).
        assert cache.read_entry(project / "cache", key) == stored


def forge(entry: Path, result_text: str) -> None:
    """Rewrite an entry so that, if it were used, the warm load would report `result_text`
    (a valid digest: only the ownership and mode checks can refuse it)."""
    import hashlib
    blob = entry.read_bytes()
    data = pickle.loads(blob[len(cache.FORMAT) + 32:])
    from ppkm_lang.diagnostics import Diagnostic
    from ppkm_lang.diagnostics.codes import UNREADABLE_FILE
    from ppkm_lang.source import Span
    data["payload"]["diagnostics"] = (Diagnostic(UNREADABLE_FILE, result_text, Span("x", 1, 1, 1, 1)),)
    payload = pickle.dumps(data)
    entry.write_bytes(cache.FORMAT + hashlib.sha256(payload).digest() + payload)


def test_an_entry_others_could_write_is_not_read(project, capsys, monkeypatch):
    expected = run(capsys, monkeypatch, SMALL, cached=False)
    run(capsys, monkeypatch, SMALL, cached=True)
    [entry] = entries(project / "cache")
    forge(entry, "FORGED")
    os.chmod(entry, 0o666)
    assert run(capsys, monkeypatch, SMALL, cached=True) == expected
    # The same forged entry with the owner's mode would be used: the mode check is what refused it.
    forge(entry, "FORGED")
    os.chmod(entry, 0o600)
    assert "FORGED" in run(capsys, monkeypatch, SMALL, cached=True)[1]


def test_a_directory_others_can_write_is_not_read(project, capsys, monkeypatch):
    run(capsys, monkeypatch, SMALL, cached=True)
    [entry] = entries(project / "cache")
    forge(entry, "FORGED")
    os.chmod(project / "cache", 0o777)
    assert cache.read_entry(project / "cache", entry.name.removeprefix("policy-")) is None
    assert "FORGED" not in run(capsys, monkeypatch, SMALL, cached=True)[1]
    assert stat.S_IMODE(os.stat(project / "cache").st_mode) == 0o700  # tightened when written


def test_an_entry_of_another_owner_is_not_read(project, capsys, monkeypatch):
    run(capsys, monkeypatch, SMALL, cached=True)
    [entry] = entries(project / "cache")
    key = entry.name.removeprefix("policy-")
    assert cache.read_entry(project / "cache", key) is not None
    monkeypatch.setattr(os, "getuid", lambda: os.stat(entry).st_uid + 1)
    assert cache.read_entry(project / "cache", key) is None


def test_modes_and_no_temporary_files_left(project, capsys, monkeypatch):
    run(capsys, monkeypatch, SMALL, cached=True)
    folder = project / "cache"
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert not path.name.startswith(".tmp-")


def test_no_cache_writes_nothing(project, capsys, monkeypatch):
    run(capsys, monkeypatch, SMALL, cached=False)
    assert not (project / "cache").exists()


def test_the_library_does_not_cache_unless_asked(project):
    load(["examples/"])
    assert not (project / "cache").exists()
    load(["examples/"], cache=True)
    assert len(entries(project / "cache")) == 1


def test_another_package_version_or_gazetteer_misses(project, monkeypatch):
    load(["examples/"], cache=True)
    load(["examples/"], cache=True, gazetteer=False)  # another gazetteer identity: another key
    assert len(entries(project / "cache")) == 2
    monkeypatch.setattr(cache, "_package_fingerprint", lambda: "other code")
    load(["examples/"], cache=True)
    assert len(entries(project / "cache")) == 3


def test_loads_with_input_problems_are_not_stored(project):
    (project / "examples" / "broken.ppkm").write_text("import nowhere\n", encoding="utf-8")
    result = load(["examples/"], cache=True)
    assert any(d.code == "PPK103" for d in result.diagnostics)
    assert not entries(project / "cache")


def test_grammar_tables_come_from_the_cache(project, monkeypatch):
    import lark

    from ppkm_lang.syntax.parser import grammar_text
    options = dict(parser="lalr", propagate_positions=True, maybe_placeholders=False)
    with cache.enabled_for_cli():
        first = cache.lark_parser(grammar_text(), **options)
        [entry] = entries(project / "cache", "grammar-")
        built = []
        real = lark.Lark.__init__
        monkeypatch.setattr(lark.Lark, "__init__", lambda self, *a, **k: built.append(1) or real(self, *a, **k))
        second = cache.lark_parser(grammar_text(), **options)
        assert not built  # loaded, not built
        sample = (REPO / "policies" / "vocab.ppkm").read_text(encoding="utf-8")
        assert second.parse(sample) == first.parse(sample)
        entry.write_bytes(b"damaged")
        third = cache.lark_parser(grammar_text(), **options)
        assert built and third.parse(sample) == first.parse(sample)


def test_after_an_edit_only_the_edited_file_is_parsed_again(project, monkeypatch):
    from ppkm_lang.syntax import parser
    with cache.enabled_for_cli():
        load(["policies/"])
        assert len(entries(project / "cache", "ast-")) == len(list((project / "policies").glob("*.ppkm")))
        edited = project / "policies" / "wilayah.ppkm"
        edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        real, seen = parser.parse, []
        monkeypatch.setattr(parser, "parse", lambda source: seen.append(source.name) or real(source))
        again = load(["policies/"])
    assert seen == ["policies/wilayah.ppkm"]
    monkeypatch.setattr(parser, "parse", real)
    fresh = load(["policies/"])
    assert again.policy == fresh.policy and again.diagnostics == fresh.diagnostics
    assert again.sources == fresh.sources


def test_a_damaged_parsed_file_entry_is_parsed_afresh(project, monkeypatch):
    expected = load(["examples/"])
    with cache.enabled_for_cli():
        load(["examples/"])
        parsed = entries(project / "cache", "ast-")
        assert parsed
        for entry in parsed:
            entry.write_bytes(entry.read_bytes()[:-3])
        for entry in entries(project / "cache"):
            entry.unlink()
        again = load(["examples/"])
    assert again.policy == expected.policy and again.diagnostics == expected.diagnostics


def test_a_file_with_a_syntax_error_is_not_kept_parsed(project):
    (project / "examples" / "broken.ppkm").write_text("fact (\n", encoding="utf-8")
    with cache.enabled_for_cli():
        result = load(["examples/broken.ppkm"])
    assert result.policy is None
    assert not entries(project / "cache", "ast-")


def test_check_findings_of_an_unchanged_policy_come_from_the_cache(project, capsys, monkeypatch):
    from ppkm_lang import checker
    fresh = run(capsys, monkeypatch, CHECK, cached=False)
    cold = run(capsys, monkeypatch, CHECK, cached=True)
    assert len(entries(project / "cache", "check-")) == 1
    monkeypatch.setattr(checker, "_findings", lambda loaded: pytest.fail("the findings were worked out again"))
    warm = run(capsys, monkeypatch, CHECK, cached=True)
    assert fresh == cold == warm


def test_an_edit_makes_the_check_findings_be_worked_out_again(project, capsys, monkeypatch):
    run(capsys, monkeypatch, SMALL, cached=True)
    with cache.enabled_for_cli():
        before = load(["examples/"]).cache_key
        assert before is not None and load(["examples/"]).cache_key == before
        edited = project / "examples" / "level_wilayah.ppkm"
        edited.write_text(edited.read_text(encoding="utf-8") + '\nfact tidak_dipakai: bool "Unused."\n',
                          encoding="utf-8")
        assert load(["examples/"]).cache_key not in (None, before)
    # An unused fact added: the check must report the new finding, not the stored ones.
    expected = run(capsys, monkeypatch, SMALL, cached=False)
    assert "tidak_dipakai" in expected[1] and "PPK506" in expected[1]
    assert run(capsys, monkeypatch, SMALL, cached=True) == expected
    assert len(entries(project / "cache", "check-")) == 2


def test_a_load_with_input_problems_has_no_cache_key(project):
    (project / "examples" / "broken.ppkm").write_text("import nowhere\n", encoding="utf-8")
    with cache.enabled_for_cli():
        assert load(["examples/"]).cache_key is None
