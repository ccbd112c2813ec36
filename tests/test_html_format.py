"""The HTML report without a browser: escaping, self-containment, context lines, the
`report` command and its errors. tests/test_html_report.py opens it in Chromium."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import LUMIGLOW
from html_cases import HOSTILE_MARKDOWN, HOSTILE_NAME, handmade_findings
from markupsafe import escape  # what jinja2 escapes with

from factlint import formats
from factlint.cli import main
from factlint.formats import html as html_format

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "factlint" / "templates"
BAD = "Lumiglow was invented in 1991. It has no side effects.\n"


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.md").write_text(BAD)
    return tmp_path


def report_of(*paths: str) -> str:
    result = invoke(
        "check",
        "--isolated",
        "--register",
        str(LUMIGLOW),
        "--select",
        "FC",
        "--format",
        "html",
        *paths,
    )
    assert result.exit_code == 1, result.output
    return result.stdout


def findings_in(page: str) -> int:
    """Findings on the page: a card of repeated findings counts each of them."""
    return sum(map(int, re.findall(r'<article class="finding [^>]*data-count="(\d+)"', page)))


def cards_in(page: str) -> int:
    return len(re.findall(r'<article class="finding ', page))


def test_html_is_a_format_of_check(project):
    assert "html" in formats.names()
    page = report_of("bad.md")
    assert page.startswith("<!DOCTYPE html>")
    assert findings_in(page) == 2
    assert "<strong>2 findings</strong>" in page


def test_checked_text_is_escaped_not_markup(project):
    (project / HOSTILE_NAME).write_text(HOSTILE_MARKDOWN)
    page = report_of(HOSTILE_NAME)
    assert findings_in(page) == 4 and cards_in(page) == 3  # "no side effects" twice: one card
    assert page.count("<script") == 1  # the report's own
    assert "&lt;script&gt;window.__xss = &#39;inline&#39;" in page
    assert not re.search(r"<(img|svg|iframe|a)\b[^>]*(onerror|onload|javascript:)", page)
    assert 'data-file="x&#34;&#39;&gt;&lt;img src=x onerror=window.__xss=9&gt;.md"' in page


def test_every_field_of_saved_findings_is_escaped(tmp_path):
    data = handmade_findings()
    records, summary = html_format.read_records(data)
    page = html_format.render_records(records, summary, {})
    assert page.count("<script") == 1
    assert "<img" not in page and "<b>" not in page
    for tag in (
        "path",
        "name",
        "message",
        "text",
        "quote",
        "suggestion",
        "reason",
        "by",
        "register",
        "version",
        "property",
        "value-1",
        "note",
        "title",
        "error",
        "asserted",
        "clean-path",
        "waivers-file",
        "kept-text",
    ):
        assert str(escape(f"{tag} <script>window.__xss='{tag}'")) in page, tag


def test_templates_never_bypass_autoescaping():
    source = (TEMPLATES / "report.html.j2").read_text(encoding="utf-8")
    assert "|safe" not in source.replace(" ", "") and "autoescape false" not in source
    assert "{{ css }}" in source and "{{ script }}" in source  # the only Markup: our own files


def test_report_is_self_contained(project):
    page = report_of("bad.md")
    markup, script = re.sub(r"<script>(.*?)</script>", "", page, flags=re.S), _script(page)
    targets = re.findall(r'\b(?:src|href|action|data)\s*=\s*["\']?([^"\'\s>]*)', markup)
    assert targets and all(t.startswith("#") for t in targets), targets
    assert not re.search(r"https?://|<link\b|@import|url\(", page)
    # The script's one link is the reviewer's download, made from the page itself.
    assert re.findall(r"\.href = ([^;]*);", script) == [
        'URL.createObjectURL(new Blob([text], { type: "application/yaml" }))'
    ]
    assert not re.search(
        r"\b(fetch|XMLHttpRequest|import|eval|innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b",
        script,
    )


def _script(page: str) -> str:
    return re.search(r"<script>(.*?)</script>", page, re.S).group(1)


def test_content_security_policy_allows_exactly_the_inline_script_and_style(project):
    page = report_of("bad.md")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)

    def digest(text):
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"script-src 'sha256-{digest(script)}'" in policy
    assert f"style-src 'sha256-{digest(style)}'" in policy
    assert "default-src 'none'" in policy
    assert not re.search(r"<[^>]+\sstyle=", page)  # inline style attributes would be blocked


def test_flagged_words_are_marked_at_their_columns(project):
    (project / "crlf.md").write_bytes(
        "\ufeffCafé intro.\r\nLumiglow — invented in 1991.\r\n".encode()
    )
    page = report_of("crlf.md")
    assert (
        '<span class="ln" aria-hidden="true">2</span><span class="lt">Lumiglow — invented in <mark>1991</mark>.</span>'
        in page
    )
    assert '<span class="ln" aria-hidden="true">1</span><span class="lt">Café intro.</span>' in page


def test_very_long_lines_are_cut_around_the_flagged_words(project):
    (project / "long.html").write_text(
        "<p>" + "word " * 2000 + "Lumiglow was invented in 1991.</p>\n"
    )
    page = report_of("long.html")
    line = re.search(r'<span class="lt">(.*?)</span></div>', page).group(1)
    assert "<mark>1991</mark>" in line and line.startswith("…") and len(line) < 500


def test_summary_carries_registers_claim_values_and_sources(project):
    (project / "d.md").write_text("A Lumiglow course needs 11 sessions.\n")
    data = json.loads(
        invoke(
            "check", "--register", str(LUMIGLOW), "--select", "FC", "--format", "json", "d.md"
        ).stdout
    )
    summary = data["summary"]
    register = summary["registers"][0]
    assert register["version"] == "0.1.0"
    assert register["sha256"] == hashlib.sha256(LUMIGLOW.read_bytes()).hexdigest()
    claim = summary["claims"][data["findings"][0]["claim"]]
    assert claim["status"] == "disputed"
    assert [v["value"] for v in claim["values"]] == ["6–8 sessions", "8–12 sessions"]
    assert summary["sources"]["lumiglow"]["s1"] == "Clinic notes"
    assert summary["paths"] == ["d.md"]


def test_disputed_claims_show_each_sources_value_side_by_side(project):
    (project / "d.md").write_text("A Lumiglow course needs 11 sessions.\n")
    page = report_of("d.md")
    sides = re.search(
        r'<div class="sides">(.*?)</div>\s*</div>\s*\n\s*(?:<h6|</div>)', page, re.S
    ).group(1)
    assert re.findall(r'<p class="side-value">([^<]*)</p>', sides) == [
        "6–8 sessions",
        "8–12 sessions",
    ]
    assert "The sources disagree" in page and "Clinic notes" in page


def test_report_from_saved_json_matches_check(project):
    assert (
        invoke(
            "check",
            "--register",
            str(LUMIGLOW),
            "--select",
            "FC",
            "--format",
            "json",
            "-o",
            "f.json",
            "bad.md",
        ).exit_code
        == 1
    )
    result = invoke("report", "f.json", "-o", "r.html")
    assert result.exit_code == 0, result.output
    page = (project / "r.html").read_text(encoding="utf-8")
    assert findings_in(page) == 2
    for finding in json.loads((project / "f.json").read_text())["findings"]:
        assert str(escape(finding["message"])) in page
    assert "<mark>1991</mark>" in page and "<mark>no side effects</mark>" in page
    assert "from <code>f.json</code>" in page


def test_report_reads_stdin(project):
    saved = invoke(
        "check", "--register", str(LUMIGLOW), "--select", "FC", "--format", "json", "bad.md"
    ).stdout
    result = invoke("report", "-", input=saved)
    assert result.exit_code == 0 and findings_in(result.stdout) == 2


def test_missing_or_changed_files_are_shown_without_context(project):
    (project / "gone.md").write_text(BAD)
    invoke(
        "check",
        "--register",
        str(LUMIGLOW),
        "--select",
        "FC",
        "--format",
        "json",
        "-o",
        "f.json",
        "bad.md",
        "gone.md",
    )
    (project / "gone.md").unlink()
    (project / "bad.md").write_text("New first line.\n" + BAD)
    page = invoke("report", "f.json").stdout
    assert findings_in(page) == 4
    assert "<mark>" not in page.split('<section id="findings"', 1)[1].split("Flagged words")[0]
    assert page.count("The checked file is not available") == 2
    assert page.count("The file has changed since the check") == 2


def test_waived_findings_have_their_own_section():
    records, summary = html_format.read_records(handmade_findings())
    page = html_format.render_records(records, summary, {})
    active, waived = page.split('<section id="waived"', 1)
    assert findings_in(active) == 2 and findings_in(waived) == 1
    assert "Waived findings (1)" in waived and "until 2027-01-31" in waived
    assert "reason &lt;script&gt;" in waived


def test_no_findings_gives_a_clear_page(project):
    (project / "good.md").write_text("Lumiglow was first described in 1994.\n")
    result = invoke(
        "check", "--register", str(LUMIGLOW), "--select", "FC", "--format", "html", "good.md"
    )
    assert result.exit_code == 0
    assert "<strong>0 findings</strong>" in result.stdout and 'id="filters"' not in result.stdout


def test_check_report_option_writes_into_reports_by_default(project):
    result = invoke(
        "check", "--register", str(LUMIGLOW), "--select", "FC", "--report", "r.html", "bad.md"
    )
    assert result.exit_code == 1
    assert result.stdout.startswith("bad.md:1:26: FC001")  # the normal output is unchanged
    assert findings_in((project / "reports" / "r.html").read_text()) == 2
    (project / "out").mkdir()
    invoke(
        "check",
        "--register",
        str(LUMIGLOW),
        "--select",
        "FC",
        "--quiet",
        "--report",
        "out/x.html",
        "bad.md",
    )
    assert findings_in((project / "out" / "x.html").read_text()) == 2


@pytest.mark.parametrize(
    "content, message",
    [
        (
            b"{bad",
            "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)",
        ),
        (b"[]", "not factlint JSON findings"),
        (b'{"findings": 3}', "not factlint JSON findings"),
        (b'{"findings": [{"path": "a.md"}]}', "finding 1: 'line' is missing or not a int"),
        (b'{"findings": [], "summary": []}', "'summary' is not an object"),
        (b"\xff\xfe{", "not UTF-8"),
    ],
)
def test_bad_input_to_report_is_one_line_and_exit_2(project, content, message):
    (project / "in.json").write_bytes(content)
    result = invoke("report", "in.json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("factlint: in.json: ")
    assert message in result.stderr


def test_missing_findings_file_for_real(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "factlint", "report", str(tmp_path / "none.json")],
        capture_output=True,
        text=True,
    )
    assert (
        proc.returncode == 2
        and proc.stderr.count("\n") == 1
        and "none.json: file not found" in proc.stderr
    )


def test_plain_check_does_not_import_jinja2(project):
    """The pre-commit hook runs `factlint check`: the report's imports must not slow it."""
    code = (
        "import sys; from factlint.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('jinja2' in sys.modules, file=sys.stderr)"
    )
    for fmt, expected in (("text", "False"), ("json", "False"), ("html", "True")):
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                code,
                "check",
                "--register",
                str(LUMIGLOW),
                "--select",
                "FC",
                "--format",
                fmt,
                "bad.md",
            ],
            capture_output=True,
            text=True,
            cwd=project,
        )
        assert proc.stderr.strip().splitlines()[-1] == expected, (fmt, proc.stderr)


def test_real_waivers_land_in_the_waived_section(project):
    (project / ".factlint-waivers.yaml").write_text(
        "waivers:\n  - path: bad.md\n    code: FC003\n    text: no side effects\n"
        "    reason: quoted from the label\n    by: a.reviewer\n    expires: 2099-12-31\n"
    )
    result = invoke(
        "check", "--register", str(LUMIGLOW), "--select", "FC", "--format", "html", "bad.md"
    )
    active, waived = result.stdout.split('<section id="waived"', 1)
    assert findings_in(active) == 1 and findings_in(waived) == 1
    assert "by a.reviewer: quoted from the label (until 2099-12-31)" in waived


def _context_of(page: str, code: str) -> str:
    """The context lines of the first card of a rule, as text with <mark> kept."""
    card = re.search(rf'<article [^>]*data-code="{code}".*?</article>', page, re.S).group(0)
    lines = re.findall(
        r'<span class="ln" aria-hidden="true">(\d+)</span><span class="lt">(.*?)</span></div>', card
    )
    return "\n".join(f"{n}: {text}" for n, text in lines)


def test_html_pages_show_the_text_a_reader_sees_by_source_line(project):
    (project / "page.html").write_text(
        "<!DOCTYPE html>\n<html><head><title>T</title>\n<style>p { color: red }</style></head>\n"
        "<body>\n<h1>About &amp; history</h1>\n"
        '<p class="x">Lumiglow was   invented\n  in&nbsp;<b>1991</b> &ndash; so we read.</p>\n'
        "<!-- a comment -->\n<ul><li>One</li><li>Two</li></ul>\n"
        "<table><tr><td>Sessions</td><td>6</td></tr></table>\n</body></html>\n"
    )
    page = report_of("page.html")
    assert _context_of(page, "FC001") == (
        "5: About &amp; history\n"
        "6: Lumiglow was invented\n"
        "7: in <mark>1991</mark> – so we read.\n"
        "9: One Two\n"
        "10: Sessions 6"
    )
    assert "The text as a browser shows it" in page


def test_html_findings_outside_the_visible_text_keep_the_source_lines(project):
    (project / "page.html").write_text(
        "<p>Lumiglow was invented in 1991.</p>\n<!-- factlint: ignore FC004 -->\n<p>Fine.</p>\n"
    )
    result = invoke(
        "check",
        "--isolated",
        "--register",
        str(LUMIGLOW),
        "--select",
        "FC",
        "--report-unused-suppressions",
        "--format",
        "html",
        "page.html",
    )
    unused = _context_of(result.stdout, "FL001")
    assert "2: &lt;!-- <mark>factlint: ignore FC004 --&gt;</mark>" in unused, unused


def test_repeated_findings_of_a_rule_collapse_into_one_card_with_their_places(project):
    (project / "many.md").write_text(
        "It has no side effects.\n\nTruly, no side effects.\n\nAgain: no side effects!\n"
        "Lumiglow was invented in 1991.\n"
    )
    page = report_of("many.md")
    assert findings_in(page) == 4 and cards_in(page) == 2
    card = re.search(r'<article [^>]*data-code="FC003".*?</article>', page, re.S).group(0)
    assert 'data-count="3"' in card and "× 3" in card
    places = re.findall(
        r'<li data-text="([^"]*)" data-fingerprint="[0-9a-f]+">'
        r'<span class="muted">line</span> (\d+:\d+)',
        card,
    )
    assert places == [("no side effects", "3:8"), ("no side effects", "5:8")]
    assert (
        "<strong>4 findings</strong>" in page
        and 'many.md</span> <span class="muted">4 findings' in page
    )


def test_files_checked_link_to_their_sections_and_register_paths_are_relative(project):
    (project / "good.md").write_text("Lumiglow was first described in 1994.\n")
    page = report_of("bad.md", "good.md")
    assert '<a class="path" href="#file-1" data-section="file-1">bad.md</a>' in page
    assert '<span class="path">good.md</span>: clear' in page
    assert '<section class="file" id="file-1"' in page
    shown = re.search(r'version 0\.1\.0, <span class="path">([^<]*)</span>', page).group(1)
    assert shown == "…/lumiglow/lumiglow.yaml" and str(LUMIGLOW.parent) not in page
    local = project / "claims"
    local.mkdir()
    (local / "l.yaml").write_bytes(LUMIGLOW.read_bytes())
    inside = invoke(
        "check",
        "--isolated",
        "--register",
        str(local / "l.yaml"),
        "--no-core-pack",  # (only the copied register: no pack compiled beside a new path)
        "--select",
        "FC",
        "--format",
        "html",
        "bad.md",
    ).stdout
    assert 'version 0.1.0, <span class="path">claims/l.yaml</span>' in inside
    assert str(project) not in inside


def test_many_places_of_one_finding_fold_away(project):
    (project / "many.md").write_text("It has no side effects.\n\n" * 12)
    page = report_of("many.md")
    assert findings_in(page) == 12 and cards_in(page) == 1
    assert (
        '<details class="places">\n    <summary>The same finding 11 more times in this file</summary>'
        in page
    )
    assert page.count('<li data-text="no side effects"') == 11


def test_html_places_show_the_words_as_read(project):
    (project / "p.html").write_text(
        "<p>It has no&nbsp;side effects.</p>\n<p>Truly, no&nbsp;side effects.</p>\n"
    )
    page = report_of("p.html")
    assert '<li data-text="no&amp;nbsp;side effects"' in page  # the waiver matches the source
    assert "2:11 <mark>no side effects</mark></li>" in page


def test_html_flagged_words_across_markup_are_marked_as_read(project):
    (project / "t.html").write_text(
        "<p>Lumiglow is great.</p>\n<p>It has no <em>side</em> effects at all.</p>\n<p>Done.</p>\n"
    )
    assert _context_of(report_of("t.html"), "FC003") == (
        "1: Lumiglow is great.\n2: It has <mark>no side effects</mark> at all.\n3: Done."
    )


def test_the_runs_waivers_travel_in_json_to_the_report_for_the_download(project):
    (project / ".factlint-waivers.yaml").write_text(
        "waivers:\n  - path: '*.md'\n    code: FC003\n    reason: quoted from the label\n"
        "    by: a.reviewer\n"
    )
    args = ("check", "--register", str(LUMIGLOW), "--select", "FC", "--format", "json", "bad.md")
    summary = json.loads(invoke(*args).stdout)["summary"]
    assert summary["waivers"] == {
        "file": ".factlint-waivers.yaml",
        "entries": [
            {"path": "*.md", "code": "FC003", "reason": "quoted from the label", "by": "a.reviewer"}
        ],
    }
    invoke(*args[:-1], "-o", "f.json", "bad.md")
    page = invoke("report", "f.json").stdout
    assert (
        '<li data-path="*.md" data-code="FC003" data-reason="quoted from the label"'
        ' data-by="a.reviewer"></li>' in page
    )
    assert "keeps the 1 waiver of <code>.factlint-waivers.yaml</code>" in page
