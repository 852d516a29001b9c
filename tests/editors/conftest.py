"""The TextMate engine of VS Code for the editor tests: vscode-textmate and vscode-oniguruma
from npm, installed from the lock file beside this file on first use, run with node; and the
extension's own dependency (the language client), installed from editors/vscode's lock file."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
REPO = HERE.parents[1]
EXTENSION = REPO / "editors" / "vscode"
GRAMMAR = EXTENSION / "syntaxes" / "ppkm.tmLanguage.json"


def _engine(folder: Path = HERE, package: str = "vscode-textmate") -> str:
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node and npm, "node and npm are needed to run the TextMate engine of VS Code"
    if not (folder / "node_modules" / package / "package.json").is_file():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=folder, check=True,
                       stdin=subprocess.DEVNULL, timeout=300)
    return node


@pytest.fixture(scope="session")
def tokenize():
    """`tokenize(text)` -> the TextMate tokens of the committed grammar, each a dict with
    line, start, end (0-based columns), text and scopes."""
    node = _engine()

    def run(text: str, grammar: Path = GRAMMAR) -> list[dict]:
        out = subprocess.run([node, str(HERE / "tokenize.mjs"), str(grammar)], input=text, text=True,
                             capture_output=True, check=True, timeout=60)
        return json.loads(out.stdout)
    return run


@pytest.fixture(scope="session")
def activate_extension():
    """`activate_extension(settings, fail_start=False)` -> what the VS Code extension's
    `activate` and `deactivate` did under node (see activate_extension.cjs)."""
    node = _engine(EXTENSION, "vscode-languageclient")

    def run(settings: dict | None = None, fail_start: bool = False) -> dict:
        options = json.dumps({"settings": settings or {}, "failStart": fail_start})
        out = subprocess.run([node, str(HERE / "activate_extension.cjs"), str(EXTENSION), options],
                             text=True, capture_output=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)
    return run
