"""The tutorial "Writing a new instrument" (English and Indonesian) is run as written.

Its fenced blocks are taken in order: a `console` block's `$ ` lines are commands, run in a
fresh directory, and the lines after each are its output (`...` stands for any further
lines); a `ppkm` or `yaml` block that starts with `# file: PATH` is written to PATH. Each
policy written must check clean, the pre-commit configuration may use only the hooks this
repository defines, and the `ppkm` steps of the workflow are run too.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

PAGES = ["docs/en/panduan/menulis-instrumen.md", "docs/panduan/menulis-instrumen.md"]
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)


def blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(text)]


def ppkm(cwd: Path, command: str) -> subprocess.CompletedProcess:
    words = shlex.split(command)
    assert words[0] == "ppkm", command
    env = {**os.environ, "PPKM_NO_CACHE": "1", "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("PPKM_GAZETTEER", None)
    return subprocess.run([sys.executable, "-m", "ppkm_lang", *words[1:]], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def matches(expected: list[str], actual: list[str]) -> bool:
    if expected and expected[-1] == "...":
        return actual[:len(expected) - 1] == expected[:-1]
    return actual == expected


def run_console(cwd: Path, block: str) -> None:
    steps: list[tuple[str, list[str]]] = []
    for line in block.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    for command, expected in steps:
        done = ppkm(cwd, command)
        actual = [x.rstrip() for x in (done.stdout + done.stderr).rstrip("\n").split("\n") if done.stdout + done.stderr]
        assert done.returncode == 0, f"`{command}` exited {done.returncode}:\n{done.stdout}{done.stderr}"
        assert matches(expected, actual), f"`{command}` printed:\n" + "\n".join(actual)


@pytest.mark.parametrize("page", PAGES)
def test_tutorial_runs_as_written(page, repo_root, tmp_path):
    text = (repo_root / page).read_text(encoding="utf-8")
    found = blocks(text)
    assert [k for k, _ in found].count("console") >= 3 and any(k == "ppkm" for k, _ in found)
    hook_ids = {h["id"] for h in yaml.safe_load((repo_root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    policies, workflow_runs = [], []
    for kind, body in found:
        first = body.split("\n", 1)[0]
        target = first[len("# file: "):].strip() if first.startswith("# file: ") else None
        if kind == "console":
            run_console(tmp_path, body)
        elif target is not None:
            path = tmp_path / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
            if kind == "ppkm":
                policies.append(path)
            elif target == ".pre-commit-config.yaml":
                used = {h["id"] for repo in yaml.safe_load(body)["repos"] for h in repo["hooks"]}
                assert used and used <= hook_ids
            elif target.startswith(".github/workflows/"):
                steps = [s for job in yaml.safe_load(body)["jobs"].values() for s in job["steps"]]
                assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
                workflow_runs = [s["run"] for s in steps if s.get("run", "").startswith("ppkm ")]
    assert policies, "the tutorial writes no policy"
    for path in policies:
        done = ppkm(tmp_path, f"ppkm check {path.relative_to(tmp_path)} --fail-level warning")
        assert done.returncode == 0 and done.stdout.strip() == "no findings in 1 file", done.stdout + done.stderr
    assert workflow_runs, "the workflow runs no ppkm step"
    for command in workflow_runs:
        done = ppkm(tmp_path, command)
        assert done.returncode == 0, f"workflow step `{command}`:\n{done.stdout}{done.stderr}"
    log = json.loads((tmp_path / "ppkm.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["runs"][0]["results"] == []


def test_both_languages_show_the_same_code(repo_root):
    en, id_ = (blocks((repo_root / p).read_text(encoding="utf-8")) for p in PAGES)
    assert en == id_
