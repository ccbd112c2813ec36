"""Property tests of the command line itself on generated folders of files.

Whatever the files hold (several formats, encodings, BOMs, nesting), `factlint check`
ends with 0, 1 or 2 and no internal error, never changes a file it checks, reports
positions that quote the file's own text, and after `--fix` a second `--fix` finds
nothing left to do. The command runs in this process (click's runner, through the same
entry point as a shell), which is what lets hypothesis try many folders.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import re
import tempfile
from pathlib import Path

from click.testing import CliRunner
from conftest import LUMIGLOW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.cli import main

EXAMPLES = max(20, int(os.environ.get("FACTLINT_FUZZ_EXAMPLES", "300")) // 50)
CLI_FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES > 100,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SENTENCES = [
    "Lumiglow was invented in 1991.",
    "A course needs 6 sessions, spaced 3 to 4 days apart.",
    "It improves allvisual skin tone , and the the glow.",
    "Results are he althy.Most clients return( twice ).",
    "Lumiglow is completely safe for everyone!",
    "Read more | Share | Reply",
    "# Heading",
    "- a list item",
    "| Sessions | 6 |",
    "<p>Lumiglow &amp; light</p>",
    "```\ncode 1991\n```",
    "Ａ ｆｕｌｌ ｗｉｄｔｈ",
]
PIECE_OF_TEXT = st.one_of(st.sampled_from(SENTENCES), st.text(max_size=40))
TEXTS = st.lists(PIECE_OF_TEXT, max_size=12).flatmap(
    lambda parts: st.sampled_from([" ", "\n", "\n\n", "\r\n"]).map(lambda sep: sep.join(parts))
)
ENCODINGS = st.sampled_from(
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
    ]
)
NAMES = st.text(alphabet="abcxyz-_é", min_size=1, max_size=8)
FILES = st.dictionaries(
    st.tuples(
        st.lists(NAMES, max_size=2), NAMES, st.sampled_from([".md", ".txt", ".html", ".markdown"])
    ),
    st.tuples(TEXTS, ENCODINGS),
    min_size=1,
    max_size=4,
)


@contextlib.contextmanager
def folder_of(files):
    """A temporary working folder holding `docs/` with the generated files."""
    previous = os.getcwd()
    with tempfile.TemporaryDirectory() as temporary:
        os.chdir(temporary)
        try:
            written = {}
            for (folders, stem, suffix), (text, (codec, bom)) in files.items():
                path = Path("docs", *folders, stem + suffix)
                if path.exists() or any(parent.is_file() for parent in path.parents):
                    continue  # a name already taken by a file or a folder
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(bom + text.encode(codec, "surrogatepass"))
                written[path] = (codec, bom)
            yield written
        finally:
            os.chdir(previous)


def factlint(*args):
    result = CliRunner().invoke(main, ["check", "--isolated", "--register", str(LUMIGLOW), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), result.output
    return result


def snapshot() -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in Path("docs").rglob("*") if p.is_file()}


@CLI_FUZZ
@given(FILES)
def test_check_on_any_folder_ends_cleanly_changes_nothing_and_quotes_the_files(files):
    with folder_of(files) as written:
        before = snapshot()
        result = factlint("--format", "json", "docs")
        assert snapshot() == before  # checking never writes
        if result.exit_code == 2 and not result.stdout.strip().startswith("{"):
            return  # every file refused (undecodable): one line each, no report
        report = json.loads(result.stdout)
        for finding in report["findings"]:
            path = Path(finding["path"])
            assert path in written, finding["path"]
            codec, bom = written[path]
            text = path.read_bytes()[len(bom) :].decode(codec)
            starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
            assert 1 <= finding["line"] <= finding["end_line"] <= len(starts)
            first = starts[finding["line"] - 1] + finding["column"] - 1
            last = starts[finding["end_line"] - 1] + finding["end_column"] - 1
            assert text[first:last] == finding["text"], finding


@CLI_FUZZ
@given(FILES)
def test_fix_on_any_folder_leaves_nothing_for_a_second_fix(files):
    with folder_of(files):
        factlint("--fix", "docs")
        fixed = snapshot()
        factlint("--fix", "docs")
        assert snapshot() == fixed
