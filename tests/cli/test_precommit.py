"""The hooks of .pre-commit-hooks.yaml, run by pre-commit itself on a sample repository.

The sample's `.pre-commit-config.yaml` names this repository as a user's `repo:` entry would
(a commit of a copy of the working tree, as `pre-commit try-repo` makes, so that uncommitted
changes are tested too). pre-commit installs it into a fresh environment (`language: python`:
pip installs it from the checkout, the dependencies from the package index pip is configured
with) once for the module, about half a minute, in a temporary PRE_COMMIT_HOME.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

CLEAN = "examples/level_wilayah.ppkm"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    out = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    out.update(PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")), PPKM_NO_CACHE="1",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", NO_COLOR="1")
    out.pop("PPKM_GAZETTEER", None)
    return out


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, repo_root, env):
    """A commit of the working tree's files (tracked and untracked, less the ignored)."""
    dest = tmp_path_factory.mktemp("hook-repo")
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=repo_root, env=env,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = repo_root / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    subprocess.run(["git", "init", "-q", "."], cwd=dest, check=True, env=env)
    git(dest, env, "add", "-A")
    git(dest, env, "commit", "-qm", "hooks")
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=dest, env=env, capture_output=True, text=True,
                         check=True).stdout.strip()
    return dest, rev


@pytest.fixture
def sample(tmp_path, repo_root, env, hook_repo):
    path, rev = hook_repo
    repo = tmp_path / "kebijakan"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", "."], cwd=repo, check=True, env=env)
    shutil.copy(repo_root / CLEAN, repo / "contoh.ppkm")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n      - id: ppkm-check\n      - id: ppkm-fmt\n",
        encoding="utf-8")
    git(repo, env, "add", ".")
    git(repo, env, "commit", "-qm", "contoh")
    return repo


def git(repo, env, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)


def hooks(repo, env, repo_root, *hook):
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", *hook, "--all-files", "--color", "never"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_check_and_fmt_hooks_pass_on_a_clean_policy(sample, env, repo_root):
    run = hooks(sample, env, repo_root)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ppkm check" in run.stdout and "ppkm fmt" in run.stdout
    assert run.stdout.count("Passed") == 2


def test_check_hook_fails_on_a_finding_and_names_it(sample, env, repo_root):
    text = (sample / "contoh.ppkm").read_text(encoding="utf-8")
    (sample / "contoh.ppkm").write_text(text.replace('"Kota Medan" cite', '"Kota Medn" cite'), encoding="utf-8")
    git(sample, env, "add", ".")
    run = hooks(sample, env, repo_root, "ppkm-check")
    assert run.returncode == 1
    assert "Failed" in run.stdout and "error[PPK511]" in run.stdout and '"Kota Medn"' in run.stdout


def test_fmt_hook_formats_the_file_and_fails_until_it_is_staged(sample, env, repo_root):
    path = sample / "contoh.ppkm"
    clean = path.read_text(encoding="utf-8")
    path.write_text(clean.replace("  hit first", "      hit    first"), encoding="utf-8")
    git(sample, env, "add", ".")
    run = hooks(sample, env, repo_root, "ppkm-fmt")
    assert run.returncode == 1 and "files were modified by this hook" in run.stdout
    assert path.read_text(encoding="utf-8") == clean
    git(sample, env, "add", ".")
    assert hooks(sample, env, repo_root, "ppkm-fmt").returncode == 0
