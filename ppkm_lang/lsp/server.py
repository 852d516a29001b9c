"""The language server: pygls over stdio, each request answered by `features`.

A change to a document schedules a check of its project after a short pause (`DEBOUNCE`
seconds without another change), run in a worker thread so that requests are answered
meanwhile; the findings are then published for every file of the project, and cleared for
files that no longer have any. Requests read the last check, with the document's current text
re-read for names and positions when it has changed since.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from ppkm_lang._version import __version__
from ppkm_lang.lsp import convert, features
from ppkm_lang.lsp.index import Index
from ppkm_lang.lsp.project import Snapshot, check_project, project_root
from ppkm_lang.source import SourceFile

DEBOUNCE = 0.3


class PpkmServer(LanguageServer):
    def __init__(self, *, gazetteer=None) -> None:
        super().__init__("ppkm", __version__)
        self.gazetteer = gazetteer
        self.snapshots: dict[Path, Snapshot] = {}
        self.published: dict[Path, set[str]] = {}
        self.timers: dict[Path, asyncio.TimerHandle] = {}
        self.lock = threading.Lock()  # one check at a time: the machine's cores are few
        self.remembered: dict = {}  # file name -> its last syntax tree that parsed
        self.config_said: dict[Path, str | None] = {}

    # ------------------------------------------------------------------ projects
    def folders(self) -> list[Path]:
        try:
            return [Path(to_fs_path(f.uri)) for f in self.workspace.folders.values()]
        except Exception:  # noqa: BLE001 - no workspace yet
            return []

    def root_of(self, uri: str) -> Path | None:
        path = to_fs_path(uri)
        return project_root(Path(path), self.folders()) if path else None

    def open_texts(self) -> dict[Path, str]:
        out = {}
        for uri, doc in self.workspace.text_documents.items():
            path = to_fs_path(uri)
            if path:
                out[Path(path)] = doc.source
        return out

    def check(self, root: Path) -> Snapshot:
        with self.lock:
            snap = check_project(root, self.open_texts(), gazetteer=self.gazetteer, remembered=self.remembered)
        self.snapshots[root] = snap
        return snap

    def schedule(self, uri: str, delay: float = DEBOUNCE) -> None:
        root = self.root_of(uri)
        if root is None:
            return
        loop = asyncio.get_event_loop()
        old = self.timers.pop(root, None)
        if old is not None:
            old.cancel()
        self.timers[root] = loop.call_later(delay, lambda: asyncio.ensure_future(self.refresh(root)))

    async def refresh(self, root: Path) -> None:
        self.timers.pop(root, None)
        loop = asyncio.get_event_loop()
        try:
            snap = await loop.run_in_executor(None, self.check, root)
        except RuntimeError:  # the server is shutting down
            return
        self.publish(snap)

    def publish(self, snap: Snapshot) -> None:
        said = str(snap.config_problem) if snap.config_problem is not None else None
        if said != self.config_said.get(snap.root) and snap.config_problem is not None:
            problem = snap.config_problem
            code = f" [{problem.code}]" if getattr(problem, "code", None) else ""
            hint = f"; {problem.hint}" if getattr(problem, "hint", None) else ""
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Warning,
                message=f"ppkm: {problem}{code}{hint}; checked without the settings of ppkm.toml"))
        self.config_said[snap.root] = said  # said once, until it changes
        uri_of = lambda name: from_fs_path(str(snap.path_of(name)))  # noqa: E731
        by_file: dict[str, list] = {name: [] for name in snap.sources}
        for diag in snap.result.diagnostics:
            # A file that could not be read, or was not (a link out of the project, a FIFO, a
            # folder that cannot be listed), gets its finding at its own path, as `ppkm check`
            # reports it there.
            if diag.span.file in by_file or (diag.span.file and not diag.span.file.startswith("<")):
                by_file.setdefault(diag.span.file, []).append(convert.to_lsp(diag, snap.sources, uri_of))
        uris = {uri_of(name) for name in by_file}
        for stale in self.published.get(snap.root, set()) - uris:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=stale, diagnostics=[]))
        for name, diags in by_file.items():
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri_of(name), diagnostics=diags))
        self.published[snap.root] = uris

    async def snapshot_for(self, uri: str) -> tuple[Snapshot, Index, str, list[str]] | None:
        """The last check of the document's project (made now if there is none), an index
        that reads the document's current text, its source name and its lines."""
        root = self.root_of(uri)
        if root is None:
            return None
        snap = self.snapshots.get(root)
        if snap is None:
            snap = await asyncio.get_event_loop().run_in_executor(None, self.check, root)
            self.publish(snap)
        name = snap.name_of(Path(to_fs_path(uri)))
        if name is None:
            return None
        text = self.workspace.get_text_document(uri).source
        # The open documents as they are now: edits since the last check move names about.
        changed = {}
        for path, current in self.open_texts().items():
            other = snap.name_of(path)
            if other is not None and snap.sources[other].text != current:
                changed[other] = SourceFile(other, current)
        index = Index.of({**snap.sources, **changed}, self.remembered) if changed else snap.index
        return snap, index, name, text.split("\n")


def build(gazetteer=None) -> PpkmServer:
    server = PpkmServer(gazetteer=gazetteer)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PpkmServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PpkmServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PpkmServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PpkmServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    def at(lines: list[str], pos: types.Position) -> tuple[int, int]:
        text = lines[pos.line] if pos.line < len(lines) else ""
        return pos.line, convert.from_units(text, pos.character)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: PpkmServer, params: types.HoverParams):
        got = await ls.snapshot_for(params.text_document.uri)
        if got is None:
            return None
        snap, index, name, lines = got
        text = features.hover(snap, index, name, *at(lines, params.position))
        if text is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))

    def locations(snap: Snapshot, index: Index, places) -> list[types.Location]:
        out = []
        for p in places:
            lines = index.sources[p.file].text.split("\n") if p.file in index.sources else []
            out.append(types.Location(uri=from_fs_path(str(snap.path_of(p.file))),
                                      range=convert.range_of(lines, p.line, p.start, p.end_line, p.end)))
        return out

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: PpkmServer, params: types.DefinitionParams):
        got = await ls.snapshot_for(params.text_document.uri)
        if got is None:
            return None
        snap, index, name, lines = got
        return locations(snap, index, features.definition(index, name, *at(lines, params.position), snap=snap)) or None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    async def references(ls: PpkmServer, params: types.ReferenceParams):
        got = await ls.snapshot_for(params.text_document.uri)
        if got is None:
            return None
        snap, index, name, lines = got
        places = features.references(index, name, *at(lines, params.position),
                                     include_declaration=params.context.include_declaration)
        return locations(snap, index, places)

    kinds = {"fact": types.CompletionItemKind.Variable, "measure": types.CompletionItemKind.Field,
             "member": types.CompletionItemKind.EnumMember, "group": types.CompletionItemKind.Enum,
             "region": types.CompletionItemKind.Value, "diktum": types.CompletionItemKind.Reference,
             "part": types.CompletionItemKind.Reference, "instrument": types.CompletionItemKind.Module,
             "rule": types.CompletionItemKind.Function, "table": types.CompletionItemKind.Function,
             "interpretation": types.CompletionItemKind.Constant, "regionset": types.CompletionItemKind.Class}

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=['"', " ", "{", "."]))
    async def completion(ls: PpkmServer, params: types.CompletionParams):
        got = await ls.snapshot_for(params.text_document.uri)
        if got is None:
            return None
        snap, index, name, lines = got
        choices = features.completion(snap, index, name, *at(lines, params.position))
        return types.CompletionList(is_incomplete=False, items=[
            types.CompletionItem(label=c.label, kind=kinds.get(c.kind), detail=c.detail or c.kind) for c in choices])

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: PpkmServer, params: types.DocumentFormattingParams):
        from ppkm_lang.fmt import format_source
        doc = ls.workspace.get_text_document(params.text_document.uri)
        result = format_source(SourceFile(doc.filename or doc.uri, doc.source))
        if result.diagnostics or not result.changed:
            return []  # a file that does not parse is left as it is; its errors are published
        lines = doc.source.split("\n")
        end = convert.position(lines, len(lines) - 1, len(lines[-1]))
        return [types.TextEdit(range=types.Range(start=types.Position(line=0, character=0), end=end),
                               new_text=result.text)]

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    async def code_action(ls: PpkmServer, params: types.CodeActionParams):
        got = await ls.snapshot_for(params.text_document.uri)
        if got is None:
            return None
        snap, index, name, lines = got
        actions = []
        for diag in params.context.diagnostics:
            data = diag.data if isinstance(diag.data, dict) else {}
            start, end = at(lines, diag.range.start), at(lines, diag.range.end)
            for fix in features.fixes(index, name, data.get("message") or diag.message, data.get("help"), start, end):
                target = index.sources[fix.file].text.split("\n")
                edit = types.TextEdit(range=convert.range_of(target, fix.line, fix.start, fix.end_line, fix.end),
                                      new_text=fix.new_text)
                uri = from_fs_path(str(snap.path_of(fix.file)))
                actions.append(types.CodeAction(title=fix.title, kind=types.CodeActionKind.QuickFix,
                                                diagnostics=[diag], is_preferred=fix.preferred or None,
                                                edit=types.WorkspaceEdit(changes={uri: [edit]})))
        return actions

    return server


__all__ = ["PpkmServer", "build", "DEBOUNCE"]
