"""The VS Code extension is a valid extension manifest whose entry point starts the language
server: `extension.js`, loaded under node with a stub of the `vscode` module, makes a
LanguageClient that runs `ppkm lsp` (or the command of `ppkm.server.path`) over stdio."""

from __future__ import annotations

import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXTENSION = REPO / "editors" / "vscode"
MANIFEST = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))


def test_the_manifest_names_files_that_exist():
    for key in ("name", "publisher", "version"):
        assert isinstance(MANIFEST[key], str) and MANIFEST[key]
    assert re.fullmatch(r"\^?\d+\.\d+\.\d+", MANIFEST["engines"]["vscode"])
    assert (EXTENSION / MANIFEST["main"]).is_file()
    assert "onLanguage:ppkm" in MANIFEST["activationEvents"]
    languages, grammars = MANIFEST["contributes"]["languages"], MANIFEST["contributes"]["grammars"]
    ids = {language["id"] for language in languages}
    for language in languages:
        assert (EXTENSION / language["configuration"]).is_file()
    for grammar in grammars:
        assert grammar["language"] in ids and (EXTENSION / grammar["path"]).is_file()
        assert json.loads((EXTENSION / grammar["path"]).read_text(encoding="utf-8"))["scopeName"] == grammar["scopeName"]
    setting = MANIFEST["contributes"]["configuration"]["properties"]["ppkm.server.path"]
    assert setting["type"] == "string" and setting["default"] == "ppkm"


def test_the_language_client_is_a_locked_runtime_dependency():
    # A dependency (not a devDependency): `vsce package` bundles only these into the .vsix.
    assert "vscode-languageclient" in MANIFEST["dependencies"]
    lock = json.loads((EXTENSION / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][""]["dependencies"] == MANIFEST["dependencies"]
    assert "node_modules/vscode-languageclient" in lock["packages"]
    # The client library says which VS Code it needs; the manifest must not promise less.
    needed = lock["packages"]["node_modules/vscode-languageclient"]["engines"]["vscode"]
    assert _version(MANIFEST["engines"]["vscode"]) >= _version(needed)
    ignored = (EXTENSION / ".vscodeignore").read_text(encoding="utf-8").split()
    assert "node_modules/**" not in ignored  # the packaged extension needs its client
    assert "node_modules/" in (EXTENSION / ".gitignore").read_text(encoding="utf-8").split()


def _version(spec: str) -> tuple[int, ...]:
    return tuple(int(n) for n in spec.lstrip("^~>=").split("."))


def test_activation_starts_ppkm_lsp_over_stdio(activate_extension):
    report = activate_extension()
    (client,) = report["clients"]
    assert report["library"]["LanguageClient"] == "function"  # the real package resolves
    assert client["serverOptions"] == {"command": "ppkm", "args": ["lsp"], "transport": report["library"]["stdio"]}
    assert client["documentSelector"] == [{"scheme": "file", "language": "ppkm"}]
    assert report["started"] == 1 and report["errors"] == [] and report["subscriptions"] >= 1
    assert report["stopped"] >= 1  # deactivate stops the server


def test_the_server_path_setting_is_the_command(activate_extension):
    report = activate_extension({"ppkm.server.path": "/opt/ppkm-lang/.venv/bin/ppkm"})
    assert report["clients"][0]["serverOptions"]["command"] == "/opt/ppkm-lang/.venv/bin/ppkm"
    assert report["clients"][0]["serverOptions"]["args"] == ["lsp"]
    blank = activate_extension({"ppkm.server.path": "  "})
    assert blank["clients"][0]["serverOptions"]["command"] == "ppkm"


def test_a_server_that_cannot_start_is_said_once_and_does_not_fail_activation(activate_extension):
    report = activate_extension({"ppkm.server.path": "/nowhere/ppkm"}, fail_start=True)
    (message,) = report["errors"]
    assert "`/nowhere/ppkm lsp`" in message and "ppkm.server.path" in message
