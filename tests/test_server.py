"""`factlint server`, the language server, driven over stdio by pygls's own LSP client,
as an editor would: initialize, open, change, code actions, save, shutdown and exit."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the 'lsp' extra")

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

PAGE = (
    "# Our clinic\n"
    "\n"
    "Mesotherapy was first used in 1952 by a French doctor.\n"
    "The skin feels dry.Then it glows \U0001f600 and is completely safe.\n"
)
# seconds a step may take: a limit for a hung server, not a speed goal (60 s ran out at load 12
# on 2 cores); a healthy run takes well under one
WAIT = 240


class Editor:
    """A language client with the diagnostics the server published, by document."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.client = LanguageClient("test-editor", "1")
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.messages: list[types.ShowMessageParams] = []
        self.arrived = asyncio.Event()
        self.registrations: list[types.RegistrationParams] = []

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params):
            self._diagnostics(params)

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def message(params):
            self._message(params)

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params):
            self.registrations.append(params)

    def _diagnostics(self, params: types.PublishDiagnosticsParams) -> None:
        self.published.setdefault(params.uri, []).append(params)
        self.arrived.set()

    def _message(self, params: types.ShowMessageParams) -> None:
        self.messages.append(params)
        self.arrived.set()

    async def start(self) -> types.InitializeResult:
        env = dict(os.environ)
        await self.client.start_io(
            sys.executable, "-m", "factlint", "server", cwd=str(self.root), env=env
        )
        result = await self.client.initialize_async(
            types.InitializeParams(
                process_id=os.getpid(),
                root_uri=from_fs_path(str(self.root)),
                capabilities=types.ClientCapabilities(
                    workspace=types.WorkspaceClientCapabilities(
                        did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                            dynamic_registration=True
                        )
                    )
                ),
            )
        )
        self.client.initialized(types.InitializedParams())
        return result

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await asyncio.wait_for(self.client._server.wait(), WAIT)
        await self.client.stop()

    async def next_diagnostics(self, uri: str, count: int) -> list[types.Diagnostic]:
        """Wait for the `count`-th publication for `uri` and return its diagnostics."""

        async def arrived():
            while len(self.published.get(uri, [])) < count:
                self.arrived.clear()
                await self.arrived.wait()

        await asyncio.wait_for(arrived(), WAIT)
        return self.published[uri][count - 1].diagnostics

    def open(self, uri: str, text: str, language: str = "markdown") -> None:
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
            )
        )


def run(coroutine):
    return asyncio.run(coroutine)


def by_code(diagnostics):
    return {d.code: d for d in diagnostics}


def test_a_session_from_initialize_to_exit(tmp_path):
    """Diagnostics on open and on change, quick fixes and ignore comments as code
    actions, and a clean shutdown: the whole life of an editor session."""
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    uri = from_fs_path(str(page))

    async def session():
        editor = Editor(tmp_path)
        init = await editor.start()
        capabilities = init.capabilities
        assert init.server_info.name == "factlint"
        assert capabilities.code_action_provider is not None
        assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Incremental

        editor.open(uri, PAGE)
        found = by_code(await editor.next_diagnostics(uri, 1))
        assert set(found) == {"FC001", "DQ003", "FC003"}

        year = found["FC001"]
        assert year.source == "factlint"
        assert year.severity == types.DiagnosticSeverity.Error
        assert year.range == types.Range(types.Position(2, 30), types.Position(2, 34))
        assert "1958" in year.message
        # The evidence: each quote named by its source's title, opening where it is written.
        assert year.related_information
        first = year.related_information[0]
        assert '"as far back as 1958 in France"' in first.message
        assert not first.message.startswith("000")
        # It opens the source file (in ../shared/seeds) at the quoted line, 3.
        assert first.location.uri.startswith("file://") and first.location.uri.endswith(".txt")
        assert first.location.range.start.line == 2
        # The rule's documentation, as `factlint rules FC001` prints it.
        docs = Path(year.code_description.href.removeprefix("file://"))
        assert docs.read_text(encoding="utf-8").startswith("# FC001 conflict")

        # Columns in UTF-16 units: the emoji before "completely safe" counts two.
        safe = found["FC003"].range
        assert (safe.start.line, safe.start.character, safe.end.character) == (3, 43, 58)

        actions = await editor.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri),
                range=types.Range(types.Position(3, 0), types.Position(3, 5)),
                context=types.CodeActionContext(diagnostics=[]),
            )
        )
        titles = sorted(a.title for a in actions)
        assert titles == [
            "Fix DQ003: insert a space",
            "Ignore DQ003 on this line",
            "Ignore FC003 on this line",
        ]
        fix = next(a for a in actions if a.title.startswith("Fix DQ003"))
        (edit,) = fix.edit.changes[uri]
        assert (edit.range.start.line, edit.range.start.character, edit.new_text) == (3, 19, " ")
        ignore = next(a for a in actions if a.title == "Ignore FC003 on this line")
        (insert,) = ignore.edit.changes[uri]
        assert insert.new_text == " <!-- factlint: ignore FC003 -->"
        assert insert.range.start == types.Position(
            3, len("The skin feels dry.Then it glows \U0001f600 and is completely safe.") + 1
        )

        # The writer takes the quick fix and corrects the year: those findings go.
        editor.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[
                    types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text),
                    types.TextDocumentContentChangePartial(
                        range=types.Range(types.Position(2, 30), types.Position(2, 34)), text="1958"
                    ),
                ],
            )
        )
        after = await editor.next_diagnostics(uri, 2)
        assert [d.code for d in after] == ["FC003"]
        assert editor.published[uri][1].version == 2

        # Ignoring on the line, as the code action offers, silences the last one.
        line = "The skin feels dry. Then it glows \U0001f600 and is completely safe."
        end = types.Position(3, len(line.encode("utf-16-le")) // 2)
        editor.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(end, end), text=insert.new_text
                    )
                ],
            )
        )
        assert list(await editor.next_diagnostics(uri, 3)) == []

        # Saving checks again (a client that sends no changes still gets fresh findings).
        editor.client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri))
        )
        assert list(await editor.next_diagnostics(uri, 4)) == []
        assert editor.messages == []
        await editor.stop()
        return editor.client._server.returncode

    assert run(session()) == 0


def test_the_workspace_configuration_is_honoured_and_read_again_when_it_changes(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    config = tmp_path / ".factlint.yaml"
    config.write_text("ignore: [FC]\n", encoding="utf-8")
    uri = from_fs_path(str(page))

    async def session():
        editor = Editor(tmp_path)
        await editor.start()
        editor.open(uri, PAGE)
        assert [d.code for d in await editor.next_diagnostics(uri, 1)] == ["DQ003"]
        # The server asked to be told when configuration files change.
        (registration,) = editor.registrations[0].registrations
        patterns = {w["globPattern"] for w in registration.register_options["watchers"]}
        assert {"**/.factlint.yaml", "**/pyproject.toml"} <= patterns

        config.write_text("ignore: [DQ]\n", encoding="utf-8")
        editor.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(
                        uri=from_fs_path(str(config)), type=types.FileChangeType.Changed
                    )
                ]
            )
        )
        assert {d.code for d in await editor.next_diagnostics(uri, 2)} == {"FC001", "FC003"}

        # A broken configuration: one message naming the file and line, not a crash.
        config.write_text("select: [FC]\nignore: [ZZ9]\n", encoding="utf-8")
        editor.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(
                        uri=from_fs_path(str(config)), type=types.FileChangeType.Changed
                    )
                ]
            )
        )

        async def message():
            while not editor.messages:
                editor.arrived.clear()
                await editor.arrived.wait()

        await asyncio.wait_for(message(), WAIT)
        (shown,) = editor.messages
        assert shown.type == types.MessageType.Error
        assert ".factlint.yaml:2" in shown.message and "ZZ9" in shown.message
        # ... and the configuration file shows it on its line.
        (bad,) = editor.published[from_fs_path(str(config))][-1].diagnostics
        assert bad.range.start.line == 1 and "ZZ9" in bad.message

        # Mended: the message says so, the file's diagnostic goes, the checks come back.
        config.write_text("ignore: [FC]\n", encoding="utf-8")
        editor.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(
                        uri=from_fs_path(str(config)), type=types.FileChangeType.Changed
                    )
                ]
            )
        )
        assert [d.code for d in await editor.next_diagnostics(uri, 3)] == ["DQ003"]
        assert list(editor.published[from_fs_path(str(config))][-1].diagnostics) == []
        assert editor.messages[-1].type == types.MessageType.Info
        await editor.stop()

    run(session())


def test_files_factlint_does_not_check_get_no_diagnostics(tmp_path):
    script = tmp_path / "tool.py"
    script.write_text("print('completely safe')\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")

    async def session():
        editor = Editor(tmp_path)
        await editor.start()
        editor.open(from_fs_path(str(script)), script.read_text(), language="python")
        editor.open(from_fs_path(str(page)), PAGE)
        await editor.next_diagnostics(from_fs_path(str(page)), 1)
        assert from_fs_path(str(script)) not in editor.published
        await editor.stop()

    run(session())


def test_findings_a_reviewer_waived_are_not_shown(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    (tmp_path / ".factlint-waivers.yaml").write_text(
        "waivers:\n  - {path: page.md, code: FC003, reason: a quoted advert, by: a.reviewer}\n",
        encoding="utf-8",
    )

    async def session():
        editor = Editor(tmp_path)
        await editor.start()
        editor.open(from_fs_path(str(page)), PAGE)
        found = await editor.next_diagnostics(from_fs_path(str(page)), 1)
        await editor.stop()
        return {d.code for d in found}

    assert run(session()) == {"FC001", "DQ003"}


def test_without_pygls_the_server_says_what_to_install(tmp_path):
    # pygls made unimportable: what a user without the 'lsp' extra sees.
    probe = (
        "import sys; sys.modules['pygls'] = None; sys.argv = ['factlint', 'server']; "
        "from factlint.cli import run; run()"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=WAIT
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "factlint: the language server needs pygls, which is not installed: pip install 'factlint[lsp]'"
    ]


@pytest.mark.parametrize(
    ("kind", "line", "expected"),
    [
        # Markdown and HTML: a comment at the end of the line covers that line.
        ("markdown", "It is painless.", (1, 16, " <!-- factlint: ignore FC003 -->")),
        ("html", "<p>It is painless.</p>", (1, 23, " <!-- factlint: ignore FC003 -->")),
        # An HTML line ending inside a tag: a comment alone on the line before.
        ("html", '<p>It is painless. <a href="/x"', (1, 1, "<!-- factlint: ignore FC003 -->\n")),
        # Plain text: the directive words at the end of the line.
        ("text", "It is painless.", (1, 16, "  factlint: ignore FC003")),
        # A directive already on the line gets the code added.
        ("markdown", "It is painless. <!-- factlint: ignore DQ003 -->", (1, 44, " FC003")),
    ],
)
def test_ignore_on_this_line_writes_the_directive_the_line_needs(kind, line, expected):
    from factlint.server import ignore_edit

    assert ignore_edit(line + "\n", kind, 1, "FC003") == expected
