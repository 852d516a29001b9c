"""The TextMate engine of VS Code for the editor tests: vscode-textmate and vscode-oniguruma
from npm, installed from the lock file beside this file on first use, run with node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
REPO = HERE.parents[1]
GRAMMAR = REPO / "editors" / "vscode" / "syntaxes" / "ppkm.tmLanguage.json"


def _engine() -> str:
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node and npm, "node and npm are needed to run the TextMate engine of VS Code"
    if not (HERE / "node_modules" / "vscode-textmate" / "package.json").is_file():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True,
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
