"""`ppkm init` makes an instrument that checks clean and whose example passes; `ppkm
completion` prints a script the shell accepts and that completes the verbs and options."""

import json
import shutil
import subprocess

import pytest

from ppkm_lang.cli.main import main


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.delenv("PPKM_GAZETTEER", raising=False)
    monkeypatch.setenv("PPKM_NO_CACHE", "1")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_writes_an_instrument_that_checks_clean_and_passes_its_example(here, capsys):
    assert main(["init", "inmendagri_67_2021", "--dir", "kebijakan", "--title", "PPKM Level 4 Jawa-Bali"]) == 0
    assert "wrote kebijakan/inmendagri_67_2021.ppkm and kebijakan/ppkm.toml" in capsys.readouterr().out
    text = (here / "kebijakan" / "inmendagri_67_2021.ppkm").read_text(encoding="utf-8")
    assert 'instrument inmendagri_67_2021 "PPKM Level 4 Jawa-Bali"' in text and "number 67 year 2021" in text
    assert main(["check", "kebijakan", "--format", "json", "--fail-level", "warning"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []
    assert main(["test", "kebijakan"]) == 0
    assert "1 example: 1 passed, 0 failed" in capsys.readouterr().out
    assert main(["fmt", "--check", "kebijakan"]) == 0  # written in the canonical layout


def test_init_refuses_to_overwrite_and_bad_names(here, capsys):
    assert main(["init", "baru"]) == 0
    before = (here / "baru.ppkm").read_text(encoding="utf-8")
    assert main(["init", "baru"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (here / "baru.ppkm").read_text(encoding="utf-8") == before
    assert main(["init", "Bukan-Nama"]) == 2
    assert main(["init", "lain", "--title", 'dengan "kutip"']) == 2
    assert not (here / "lain.ppkm").exists()
    assert main(["init", "kedua"]) == 0  # a ppkm.toml is there already: not written again
    assert "and" not in capsys.readouterr().out.splitlines()[-2]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completion_completes_verbs_and_options(here, capsys):
    assert main(["completion", "bash"]) == 0
    script = here / "ppkm.bash"
    script.write_text(capsys.readouterr().out, encoding="utf-8")

    def complete(*words):
        line = " ".join(words)
        out = subprocess.run(["bash", "-c", f'source {script}; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; '
                              f'COMP_LINE="{line}"; COMP_POINT=${{#COMP_LINE}}; _shtab_ppkm; echo "${{COMPREPLY[@]}}"'],
                             capture_output=True, text=True, check=True)
        return out.stdout.split()

    assert complete("ppkm", "ch") == ["check"]
    assert set(complete("ppkm", "")) >= {"check", "eval", "fmt", "lsp", "init", "completion"}
    assert set(complete("ppkm", "check", "--f")) == {"--format", "--fail-level", "--force-exclude"}


def test_zsh_completion_is_a_zsh_function(capsys):
    assert main(["completion", "zsh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("#compdef ppkm") and "lsp" in out and "--stdin-filename" in out
