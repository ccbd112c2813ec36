"""`factlint server`: a language server, so writers see findings as they type.

Diagnostics on open, change (after a short pause in typing) and save; the `--fix` edits
and "ignore on this line" as quick fixes. The workspace's `.factlint.yaml` or
`pyproject.toml` is honoured and re-read when it changes; registers are compiled once
per workspace and kept. It needs pygls (`pip install 'factlint[lsp]'`); the rest of
factlint never imports this module.

The server runs from the workspace's root folder, as `factlint check` would be run from
a repository's root: relative paths in configuration, per-file ignores and waivers mean
the same in the editor as on the command line.
"""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from factlint import __version__
from factlint.config import CONFIG_NAMES, Config, ConfigFinder
from factlint.document import DIRECTIVE, LINE_BREAK, kind_of
from factlint.findings import Finding, Severity
from factlint.yamlio import InputError

SOURCE = "factlint"
PAUSE = 0.3  # seconds of quiet typing before a changed document is checked again
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
LANGUAGE_SUFFIXES = {"markdown": ".md", "html": ".html", "plaintext": ".txt"}


# -- the engine, as the command line runs it ------------------------------------------


def lint(text: str, label: str, path: Path, finder: ConfigFinder, knowledge) -> list[Finding]:
    """The one place the server calls the engine: one file of `factlint check`
    (factlint/run.py: its configuration, a long text in pieces, the configured timeout),
    on the editor's text instead of the file's bytes."""
    from factlint.run import CheckOptions, _check_input, _Input

    options = CheckOptions(paths=[label], keep_texts=False)
    item = _Input(label, path, named=True, data=text.encode("utf-8"))
    outcome = _check_input(item, (finder, knowledge, options))
    if outcome.error is not None:
        raise InputError(outcome.error)
    return outcome.findings


class Workspace:
    """One workspace's configurations and compiled registers, kept between checks."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.reload()

    def reload(self) -> None:
        """Forget configurations and registers: they are read again when next needed."""
        from factlint.rules import RULES

        self.finder = ConfigFinder(sorted(RULES))
        self.knowledge: dict[tuple[Path, ...], object] = {}
        self.waivers = None  # read when first needed
        self.waivers_read = False

    def label(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def config(self, path: Path) -> Config:
        return self.finder.for_path(path)

    def wanted(self, path: Path, config: Config) -> bool:
        """Check the files `factlint check` would pick in a folder (include, exclude)."""
        import fnmatch

        label = self.label(path)
        if any(fnmatch.fnmatch(label, p) or fnmatch.fnmatch(path.name, p) for p in config.exclude):
            return False
        return any(
            fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(label, p) for p in config.include
        )

    def registers(self, config: Config):
        """The registers and packs `factlint check` would load for this configuration,
        compiled once and kept."""
        from factlint.knowledge import load_knowledge
        from factlint.register.load import RegisterError
        from factlint.run import CheckOptions, resolve_register_paths

        paths = tuple(resolve_register_paths(CheckOptions(paths=[]), config))
        if paths not in self.knowledge:
            try:
                self.knowledge[paths] = load_knowledge(list(paths))
            except RegisterError as error:
                raise InputError("\n".join(str(p) for p in error.problems)) from None
        return self.knowledge[paths]

    def check(self, path: Path, text: str) -> list[Finding] | None:
        """The findings for a document's text, or None for a file factlint does not check."""
        config = self.config(path)
        if not self.wanted(path, config):
            return None
        findings = lint(text, self.label(path), path, self.finder, self.registers(config))
        waivers = self.waiver_book()
        if waivers is not None:  # a reviewer's accepted findings stay quiet here too
            findings, _ = waivers.apply(findings)
        return [f for f in findings if f.waiver is None]

    def waiver_book(self):
        """The workspace's `.factlint-waivers.yaml`, as `factlint check` run from its root
        reads it."""
        if not self.waivers_read:
            from factlint.waivers import DEFAULT_FILE, WaiverBook, load_waivers

            self.waivers_read = True
            where = self.root / DEFAULT_FILE
            if where.is_file():
                self.waivers = WaiverBook(load_waivers(where), DEFAULT_FILE)
        return self.waivers


# -- findings as LSP diagnostics --------------------------------------------------------


class Lines:
    """A text's lines as LSP counts them (\\n, \\r\\n, \\r), to turn factlint's 1-based
    character columns into the client's position units (UTF-16 unless agreed otherwise)."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.lines = LINE_BREAK.split(text)
        self.encoding = encoding

    def position(self, line: int, column: int) -> types.Position:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        before = text[: column - 1]
        if self.encoding == types.PositionEncodingKind.Utf16:
            units = len(before.encode("utf-16-le")) // 2
        elif self.encoding == types.PositionEncodingKind.Utf8:
            units = len(before.encode("utf-8"))
        else:
            units = len(before)
        return types.Position(line=line - 1, character=units)

    def text(self, line: int, column: int, end_line: int, end_column: int) -> str:
        """The characters between two 1-based positions (end exclusive), lines joined by \n."""
        if line == end_line:
            return self.lines[line - 1][column - 1 : end_column - 1]
        parts = [
            self.lines[line - 1][column - 1 :],
            *self.lines[line : end_line - 1],
            self.lines[end_line - 1][: end_column - 1],
        ]
        return "\n".join(parts)

    def range(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        return types.Range(self.position(line, column), self.position(end_line, end_column))


def rule_docs_uri(code: str) -> str | None:
    """A file with the rule's documentation (`factlint rules CODE`), written once into
    factlint's cache folder, for the editor to open from the diagnostic's code."""
    import inspect

    from factlint import cache
    from factlint.rules import RULES

    module, where = RULES.get(code), cache.folder()
    if module is None or where is None:
        return None
    target = where / "rules" / __version__ / f"{code}.md"
    if not target.is_file():
        doc = inspect.cleandoc(module.__doc__ or "")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                f"# {code} {module.NAME}\n\n(`factlint rules {code}`)\n\n{doc}\n", encoding="utf-8"
            )
        except OSError:
            return None
    return from_fs_path(str(target))


class Sources:
    """Where a piece of evidence can be opened: the source file at its line when it is on
    this machine, else the register at the claim; and a title to name the source by."""

    def __init__(self, knowledge) -> None:
        self.knowledge = knowledge
        self.by_id = {}
        from factlint.register.sources import source_folder

        for register in knowledge.registers:
            folder = source_folder(register, None) or Path(register.path).parent
            for source in register.sources:
                self.by_id.setdefault(
                    source.id,
                    (source, folder / source.file if source.file else None, register.path),
                )

    def location(self, finding: Finding, source_id: str, line: int) -> types.Location:
        _, file, register = self.by_id.get(source_id, (None, None, None))
        if file is not None and file.is_file():
            uri, at = from_fs_path(str(file.resolve())), max(0, line - 1)
        else:
            claim = self.knowledge.claims.get(finding.claim) if finding.claim else None
            register = register or (
                self.knowledge.registers[0].path if self.knowledge.registers else ""
            )
            uri, at = (
                from_fs_path(str(Path(register).resolve())),
                max(0, (claim.line if claim else 1) - 1),
            )
        return types.Location(uri, types.Range(types.Position(at, 0), types.Position(at, 0)))

    def title(self, source_id: str) -> str:
        found = self.by_id.get(source_id)
        return found[0].title if found and found[0].title else source_id


def _place(evidence) -> str:
    section = getattr(evidence, "section", "")
    return f"§{section}" if section else f"line {evidence.line}"


def diagnostic(finding: Finding, lines: Lines, sources: Sources | None) -> types.Diagnostic:
    message = finding.message
    if finding.suggestion:
        message += f"\nSuggestion: {finding.suggestion}"
    related = None
    if finding.evidence and sources is not None:
        related = [
            types.DiagnosticRelatedInformation(
                sources.location(finding, e.source, e.line),
                f'{sources.title(e.source)}, {_place(e)}: "{e.quote}"',
            )
            for e in finding.evidence
        ]
    href = rule_docs_uri(finding.code)
    return types.Diagnostic(
        range=lines.range(finding.line, finding.column, finding.end_line, finding.end_column),
        message=message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        source=SOURCE,
        code_description=types.CodeDescription(href=href) if href else None,
        related_information=related,
        data={"fingerprint": finding.fingerprint, "docs": f"factlint rules {finding.code}"},
    )


# -- quick fixes ------------------------------------------------------------------------


def _shown(words: str) -> str:
    return {" ": "a space", "": "nothing"}.get(words, f"'{words}'")


def fix_title(finding: Finding, lines: Lines) -> str:
    """What the fix does, in words: "Fix DQ003: insert a space"."""
    if len(finding.fix) != 1:
        return f"Fix {finding.code} ({len(finding.fix)} edits)"
    edit = finding.fix[0]
    before = lines.text(edit.line, edit.column, edit.end_line, edit.end_column)
    if not before:
        what = f"insert {_shown(edit.content)}"
    elif not edit.content:
        what = f"remove {_shown(before)}"
    else:
        what = f"replace {_shown(before)} with {_shown(edit.content)}"
    return f"Fix {finding.code}: {what}"


def fix_action(
    finding: Finding, uri: str, lines: Lines, diag: types.Diagnostic
) -> types.CodeAction:
    edits = [
        types.TextEdit(lines.range(e.line, e.column, e.end_line, e.end_column), e.content)
        for e in finding.fix
    ]
    title = fix_title(finding, lines)
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        is_preferred=True,
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


def ignore_edit(text: str, kind: str, line: int, code: str) -> tuple[int, int, str]:
    """Where and what to insert so `code` is ignored on `line` (1-based): (line, column,
    text), column 1-based. A directive already on the line gets the code added; else a
    comment goes at the end of the line (Markdown, HTML), or the directive words (text)."""
    lines = LINE_BREAK.split(text)
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    for match in DIRECTIVE.finditer(current):
        if match.group("verb") == "ignore" and match.group("codes").strip():
            return line, match.end() + 1, f" {code}"
    if kind == "text":
        return line, len(current) + 1, f"  factlint: ignore {code}"
    if kind == "html" and current.rfind("<") > current.rfind(">"):
        # The line ends inside a tag: a comment alone on the line before covers this one.
        indent = current[: len(current) - len(current.lstrip())]
        newline = re.search(r"\r\n|\r|\n", text)
        return (
            line,
            1,
            f"{indent}<!-- factlint: ignore {code} -->{newline.group() if newline else chr(10)}",
        )
    return line, len(current) + 1, f" <!-- factlint: ignore {code} -->"


def ignore_action(
    finding: Finding, uri: str, text: str, kind: str, lines: Lines, diag: types.Diagnostic
) -> types.CodeAction:
    line, column, content = ignore_edit(text, kind, finding.line, finding.code)
    at = lines.position(line, column)
    edit = types.TextEdit(types.Range(at, at), content)
    return types.CodeAction(
        title=f"Ignore {finding.code} on this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


# -- the server -------------------------------------------------------------------------


class FactlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "factlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.space: Workspace | None = None
        self.findings: dict[str, list[tuple[Finding, types.Diagnostic]]] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.failed: str | None = None  # the last configuration or register error shown
        self.failed_uri: str | None = None  # the file it is about, which shows it too

    def workspace_root(self) -> Workspace:
        if self.space is None:
            root = Path.cwd()
            folders = self.workspace.folders
            if folders:
                root = Path(to_fs_path(next(iter(folders.values())).uri) or root)
            elif self.workspace.root_path:
                root = Path(self.workspace.root_path)
            if root.is_dir():
                os.chdir(root)
            self.space = Workspace(root)
        return self.space

    def check(self, uri: str) -> None:
        document = self.workspace.get_text_document(uri)
        path = Path(to_fs_path(uri) or "") if uri.startswith("file:") else None
        if path is None:  # an unsaved buffer: checked as its language's kind of file
            suffix = LANGUAGE_SUFFIXES.get(document.language_id or "", ".txt")
            path = Path.cwd() / f"untitled{suffix}"
        space = self.workspace_root()
        try:
            findings = space.check(path, document.source)
            knowledge = space.registers(space.config(path)) if findings else None
        except InputError as error:
            self.report_failure(error)
            return
        if self.failed is not None:
            self.failed = None
            if self.failed_uri is not None:
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(uri=self.failed_uri, diagnostics=[])
                )
                self.failed_uri = None
            self.window_show_message(
                types.ShowMessageParams(
                    types.MessageType.Info,
                    "factlint: configuration and registers read again; all well",
                )
            )
        if findings is None and uri not in self.findings:
            return  # not a file factlint checks, and no diagnostics of ours to clear
        lines = Lines(document.source, self.workspace.position_encoding)
        sources = Sources(knowledge) if knowledge is not None else None
        pairs = [(f, diagnostic(f, lines, sources)) for f in findings or ()]
        if findings is None:
            del self.findings[uri]
        else:
            self.findings[uri] = pairs
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=document.version, diagnostics=[d for _, d in pairs]
            )
        )

    def report_failure(self, error: InputError) -> None:
        """A broken configuration or register: said once, in the editor's message area,
        and on the line of the file at fault when the editor opens it."""
        message = str(error)
        if message == self.failed:
            return
        self.failed = message
        if error.path and Path(error.path).is_file():
            at = types.Position(max(0, (error.line or 1) - 1), 0)
            self.failed_uri = from_fs_path(str(Path(error.path).resolve()))
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=self.failed_uri,
                    diagnostics=[
                        types.Diagnostic(
                            range=types.Range(at, types.Position(at.line, 10_000)),
                            message=error.message,
                            severity=types.DiagnosticSeverity.Error,
                            source=SOURCE,
                        )
                    ],
                )
            )
        self.window_show_message(
            types.ShowMessageParams(types.MessageType.Error, f"factlint: {message}")
        )

    def check_later(self, uri: str) -> None:
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()

        async def later():
            await asyncio.sleep(PAUSE)
            self.pending.pop(uri, None)
            self.check(uri)

        self.pending[uri] = asyncio.get_running_loop().create_task(later())

    def check_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.check(uri)

    def settings_changed(self) -> None:
        if self.space is not None:
            self.space.reload()
        self.check_all()


def is_settings_file(uri: str) -> bool:
    """A configuration file, a register or the waivers: a change to one changes the checks."""
    name = uri.rsplit("/", 1)[-1]
    return name in CONFIG_NAMES or name.endswith((".yaml", ".yml"))


def build_server() -> FactlintServer:
    server = FactlintServer()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: FactlintServer, params: types.InitializedParams) -> None:
        ls.workspace_root()
        watching = (
            ls.client_capabilities.workspace
            and ls.client_capabilities.workspace.did_change_watched_files
        )
        if watching and watching.dynamic_registration:
            watchers = [
                types.FileSystemWatcher(glob_pattern=p)
                for p in ("**/.factlint.yaml", "**/.factlint.yml", "**/pyproject.toml", "**/*.yaml")
            ]
            await ls.client_register_capability_async(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="factlint-settings",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=watchers
                            ),
                        )
                    ]
                )
            )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: FactlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: FactlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.check_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: FactlintServer, params: types.DidSaveTextDocumentParams) -> None:
        if is_settings_file(params.text_document.uri):
            ls.settings_changed()
        else:
            ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FactlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.findings.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_changed(ls: FactlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_settings_file(change.uri) for change in params.changes):
            ls.settings_changed()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: FactlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        pending = ls.pending.pop(uri, None)
        if pending is not None:  # typed since the last check: positions must be current
            pending.cancel()
            ls.check(uri)
        document = ls.workspace.get_text_document(uri)
        lines = Lines(document.source, ls.workspace.position_encoding)
        kind = (
            kind_of(uri.rsplit("/", 1)[-1])
            if uri.startswith("file:")
            else ({"markdown": "markdown", "html": "html"}.get(document.language_id or "", "text"))
        )
        wanted = params.range
        actions = []
        for finding, diag in ls.findings.get(uri, ()):
            if diag.range.end.line < wanted.start.line or diag.range.start.line > wanted.end.line:
                continue
            if finding.fix:
                actions.append(fix_action(finding, uri, lines, diag))
            actions.append(ignore_action(finding, uri, document.source, kind, lines, diag))
        return actions

    return server


def serve() -> None:
    """Talk LSP over standard input and output until the client says exit."""
    build_server().start_io()
