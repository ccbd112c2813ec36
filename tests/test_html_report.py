"""The HTML report in a real browser: Debian's headless Chromium, driven by Playwright.

The page must load with no console error, show every finding, filter them from the mouse
and the keyboard, never run a script that a checked text or a register smuggles in, fit a
1280 px window, and print without its controls. A screenshot goes to reports/ for people.

These tests need /usr/bin/chromium (`apt-get install chromium`; .ci/run installs it). When it
is missing they fail with a message saying so; FACTLINT_SKIP_BROWSER=1 skips them instead,
for a local run on a machine without it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import LUMIGLOW
from html_cases import HOSTILE_FINDINGS, HOSTILE_MARKDOWN, HOSTILE_NAME, handmade_findings, nasty

from factlint.cli import main

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"
CHROMIUM = Path(os.environ.get("FACTLINT_CHROMIUM", "/usr/bin/chromium"))
# As root in a sandbox with no network: no sandbox, and none of Chromium's own traffic.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTH = 1280


def _unavailable(why: str) -> None:
    if os.environ.get("FACTLINT_SKIP_BROWSER") == "1":
        pytest.skip(f"browser tests skipped (FACTLINT_SKIP_BROWSER=1): {why}")
    pytest.fail(
        f"browser tests need Debian's Chromium and Playwright: {why}. Install them with "
        "'apt-get install chromium' and \"pip install -e '.[test]'\" (.ci/run does both), "
        "or set FACTLINT_SKIP_BROWSER=1 to skip these tests on this machine.",
        pytrace=False,
    )


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package 'playwright' is not installed")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} does not exist")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


class Page:
    """A page with everything it said recorded: console messages, errors, dialogs."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": WIDTH, "height": 900})
        self.page = self.context.new_page()
        self.console, self.errors, self.dialogs = [], [], []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visible(self, section: str = "#findings") -> list[str]:
        """data-code of each finding that shows in the section."""
        return self.page.eval_on_selector_all(
            f"{section} .finding",
            "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.code)",
        )

    def shown(self, section: str = "#findings") -> int:
        """How many findings show: a card of repeated findings counts each of them."""
        return self.page.eval_on_selector_all(
            f"{section} .finding",
            "els => els.filter(e => e.offsetParent !== null)"
            ".reduce((n, e) => n + Number(e.dataset.count), 0)",
        )

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert [m for m in self.console if m.startswith(("error", "warning"))] == [], self.console
        assert self.dialogs == [], self.dialogs


@pytest.fixture
def open_page(browser):
    pages = []

    def opener(path: Path) -> Page:
        pages.append(Page(browser, path))
        return pages[-1]

    yield opener
    for page in pages:
        page.context.close()


def cli(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    """The shipped examples checked once: saved JSON and the report, as CI makes both."""
    folder = tmp_path_factory.mktemp("examples")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = cli(
            "check",
            "--isolated",
            "--format",
            "json",
            "-o",
            str(folder / "findings.json"),
            "--report",
            str(folder / "report.html"),
            "examples/",
        )
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1, result.output
    return folder / "report.html", json.loads((folder / "findings.json").read_text())


def test_report_loads_cleanly_and_shows_every_finding(examples, open_page):
    report, data = examples
    view = open_page(report)
    view.assert_clean()
    total = data["summary"]["findings"]
    assert total == len(data["findings"]) > 0
    assert len(view.visible()) == total
    assert view.page.locator("#filters").is_visible()  # the script ran and showed the controls
    assert view.page.locator("#shown").text_content() == f"Showing {total} of {total} findings."
    assert view.page.locator("svg.chart rect").count() == len(data["summary"]["by_code"])
    REPORTS.mkdir(exist_ok=True)
    shutil.copyfile(report, REPORTS / "test-html-report.html")
    view.page.screenshot(path=str(REPORTS / "test-html-report.png"), full_page=True)
    assert (REPORTS / "test-html-report.png").stat().st_size > 10_000


def test_filters_hide_and_show_findings(examples, open_page):
    report, data = examples
    by_code, total = data["summary"]["by_code"], data["summary"]["findings"]
    view = open_page(report)
    page = view.page

    page.get_by_role("checkbox", name="FC003 absolute-claim").uncheck()
    shown = view.visible()
    assert len(shown) == total - by_code["FC003"] and "FC003" not in shown
    assert page.locator("#shown").text_content() == f"Showing {len(shown)} of {total} findings."
    page.get_by_role("checkbox", name="FC003 absolute-claim").check()
    assert len(view.visible()) == total

    page.get_by_role("checkbox", name="error", exact=True).uncheck()
    severities = page.eval_on_selector_all(
        "#findings .finding",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.severity)",
    )
    assert severities == ["warning"] * data["summary"]["by_severity"]["warning"]
    page.get_by_role("button", name="Show all").click()
    assert len(view.visible()) == total

    page.get_by_label("File", exact=True).select_option("examples/clinic-faq.html")
    in_file = sum(1 for f in data["findings"] if f["path"] == "examples/clinic-faq.html")
    assert len(view.visible()) == in_file
    assert not page.locator("section.file", has_text="examples/salon-promo.md").is_visible()
    page.get_by_label("File", exact=True).select_option("")

    page.get_by_role("searchbox").fill("painless")
    assert view.visible() == ["FC003"]
    page.get_by_role("searchbox").fill("")
    assert len(view.visible()) == total
    view.assert_clean()


def test_filters_work_from_the_keyboard(examples, open_page):
    report, data = examples
    total = data["summary"]["findings"]
    view = open_page(report)
    page = view.page
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type("as acceptable")
    assert len(view.visible()) == 1
    page.keyboard.press("Escape")
    assert len(view.visible()) == total

    page.evaluate("document.activeElement.blur()")
    for _ in range(60):  # Tab from the top of the page to the FC001 box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == "FC001":
            break
    else:
        pytest.fail("Tab never reached the FC001 filter")
    page.keyboard.press("Space")
    assert "FC001" not in view.visible()
    assert len(view.visible()) == total - data["summary"]["by_code"]["FC001"]
    page.keyboard.press("Space")
    assert len(view.visible()) == total
    view.assert_clean()


def test_checked_text_with_script_runs_nothing(tmp_path, open_page, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / HOSTILE_NAME).write_text(HOSTILE_MARKDOWN)
    assert (
        cli(
            "check",
            "--register",
            str(LUMIGLOW),
            "--select",
            "FC",
            "--report",
            "r.html",
            HOSTILE_NAME,
        ).exit_code
        == 1
    )
    view = open_page(tmp_path / "reports" / "r.html")
    _assert_nothing_ran(view)
    assert view.shown() == HOSTILE_FINDINGS and len(view.visible()) == HOSTILE_FINDINGS - 1
    assert view.page.get_by_text("<script>window.__xss = 'inline'; alert(1)</script>").count() >= 1
    assert view.page.locator("mark", has_text="no side effects").count() == 2


def test_saved_findings_with_script_everywhere_run_nothing(tmp_path, open_page, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f.json").write_text(json.dumps(handmade_findings()))
    assert cli("report", "f.json", "-o", "r.html").exit_code == 0
    view = open_page(tmp_path / "r.html")
    _assert_nothing_ran(view)
    assert len(view.visible()) == 2 and len(view.visible("#waived")) == 1
    assert view.page.get_by_text("message <script>window.__xss='message'").count() == 1


def _assert_nothing_ran(view: Page) -> None:
    page = view.page
    view.assert_clean()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("script").count() == 1
    assert page.locator("img, iframe, [onerror], [onload], b").count() == 0
    hrefs = page.eval_on_selector_all(
        "[href], [src]", "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))"
    )
    assert all(h.startswith("#") for h in hrefs), hrefs
    for link in page.locator("a").all():  # following every link runs nothing either
        link.evaluate("a => a.click()")
    assert page.evaluate("typeof window.__xss") == "undefined" and view.dialogs == []
    assert page.locator("#shown").text_content().startswith("Showing")  # our own script did run


def test_hostile_labels_stay_text_in_every_grouping(tmp_path, open_page, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f.json").write_text(json.dumps(handmade_findings()))
    assert cli("report", "f.json", "-o", "r.html").exit_code == 0
    view = open_page(tmp_path / "r.html")
    page = view.page
    for group in ("severity", "code", "claim", "file"):
        page.get_by_label("Group by").select_option(group)
        _assert_nothing_ran(view)
        assert view.shown() == 2
    page.get_by_label("Group by").select_option("claim")
    assert f"Claim c1: {nasty('property')}" in _headings(page)
    page.get_by_label("Group by").select_option("code")
    assert "FC9\"><script>window.__xss='code'</script> " + nasty("name") in _headings(page)
    assert page.locator(".review-kept code").text_content() == nasty("waivers-file")


def test_waived_findings_show_in_their_own_section(tmp_path, open_page):
    data = handmade_findings()
    (tmp_path / "f.json").write_text(json.dumps(data))
    assert cli("report", str(tmp_path / "f.json"), "-o", str(tmp_path / "r.html")).exit_code == 0
    view = open_page(tmp_path / "r.html")
    page = view.page
    waived = page.locator("#waived")
    assert waived.is_visible()
    assert waived.get_by_role("heading", name="Waived findings (1)").is_visible()
    assert "until 2027-01-31" in waived.text_content()
    assert page.locator("#shown").text_content() == "Showing 2 of 2 findings, and 1 of 1 waived."
    page.get_by_role(
        "checkbox", name="warning", exact=True
    ).uncheck()  # the waived one is a warning
    assert view.visible("#waived") == [] and not waived.locator("section.file").is_visible()
    view.assert_clean()


def test_no_horizontal_scrolling_at_1280_px(tmp_path, open_page, examples, monkeypatch):
    monkeypatch.chdir(tmp_path)
    long_name = "a-very-long-folder-name-without-any-break-" * 4
    (tmp_path / long_name).mkdir()
    text = (
        "Lumiglow-" * 80
        + " was invented in 1991. "
        + "x" * 900
        + "\n\n"
        + "It has no side effects "
        + "https://example.invalid/"
        + "y" * 300
        + "\n"
    )
    (tmp_path / long_name / "long.md").write_text(text)
    assert (
        cli(
            "check",
            "--register",
            str(LUMIGLOW),
            "--select",
            "FC",
            "--report",
            "long.html",
            long_name,
        ).exit_code
        == 1
    )
    for report in (tmp_path / "reports" / "long.html", examples[0]):
        view = open_page(report)
        assert view.page.evaluate("document.scrollingElement.scrollWidth") <= WIDTH
        assert view.page.evaluate("document.scrollingElement.clientWidth") == WIDTH
        view.assert_clean()


def test_print_hides_the_controls_and_keeps_the_findings(examples, open_page):
    report, data = examples
    view = open_page(report)
    page = view.page
    page.get_by_role("checkbox", name="FC001 conflict").uncheck()
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert page.locator("#print-note").is_visible()  # says the printout is filtered
    assert len(view.visible()) == data["summary"]["findings"] - data["summary"]["by_code"]["FC001"]
    assert page.evaluate(
        "document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
    )
    assert len(page.pdf()) > 10_000
    view.assert_clean()


# -- a reviewer acts on the report ------------------------------------------------------

REVIEWED = (
    "Lumiglow was invented in 1991. It has no side effects.\n\n"
    "Ask us: it has no side effects at all.\n"
)


def _decide(card, decision: str, reason: str = "") -> None:
    card.get_by_role("radio", name=decision, exact=True).check()
    if reason:
        card.get_by_role("textbox", name="Reason").fill(reason)


def _download(page, tmp_path: Path, name: str = ".factlint-waivers.yaml") -> str:
    """Download the decisions and save them as `name` (the reviewer moves the file there)."""
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download waivers").click()
    download = caught.value
    assert download.suggested_filename == "factlint-waivers.yaml"  # browsers drop a leading dot
    target = tmp_path / name
    download.save_as(target)
    return target.read_text(encoding="utf-8")


def test_a_reviewer_marks_downloads_and_the_next_report_shows_them_waived(
    tmp_path, open_page, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(REVIEWED)
    check = ("check", "--register", str(LUMIGLOW), "--select", "FC")
    assert cli(*check, "--report", "first.html", "page.md").exit_code == 1
    view = open_page(tmp_path / "reports" / "first.html")
    page = view.page
    absolute = page.locator("article.finding[data-code='FC003']")
    assert absolute.count() == 1 and absolute.get_attribute("data-count") == "2"  # one card
    _decide(absolute, "accepted", "quoted from the maker's label, see ticket 12")
    expires = absolute.get_by_label("Until").input_value()
    assert len(expires) == 10 and expires > "2026-01-01"  # six months on, by default
    _decide(page.locator("article.finding[data-code='FC001']"), "to fix")
    assert page.locator("#review-count").text_content() == "1 accepted, 1 to fix, 0 undecided."
    page.reload()  # decisions not yet downloaded survive a reload
    absolute = page.locator("article.finding[data-code='FC003']")
    assert absolute.get_by_role("radio", name="accepted", exact=True).is_checked()
    assert absolute.get_by_label("Until").input_value() == expires
    assert page.locator("#review-count").text_content() == "1 accepted, 1 to fix, 0 undecided."
    page.get_by_role("button", name="Download waivers").click()
    assert "Give your name" in page.locator("#review-note").text_content()  # nothing saved
    page.get_by_label("Your name").fill("a.reviewer")
    saved = _download(page, tmp_path)
    assert saved.count('code: "FC003"') == 1  # one waiver covers both places: same words
    assert "a.reviewer" in saved and '#   "page.md:1:26 FC001 1991"' in saved  # to fix, a comment
    view.assert_clean()

    result = cli(*check, "--report", "second.html", "page.md")
    assert result.exit_code == 1  # the FC001 to fix still fails the run
    assert "2 waived" in result.output and "FC003" not in result.output
    second = open_page(tmp_path / "reports" / "second.html")
    assert second.visible() == ["FC001"]
    assert second.shown("#waived") == 2 and second.visible("#waived") == ["FC003"]
    waiver = second.page.locator("#waived .waiver").text_content()
    assert "by a.reviewer: quoted from the maker's label, see ticket 12" in waiver
    assert f"(until {expires})" in waiver

    # Deciding on the rest keeps the waivers the run used.
    kept = "The download keeps the 1 waiver of .factlint-waivers.yaml."
    assert second.page.locator(".review-kept").text_content() == kept
    _decide(second.page.locator("article.finding[data-code='FC001']"), "accepted", "a test page")
    second.page.get_by_label("Your name").fill("b.reviewer")
    _download(second.page, tmp_path, "factlint-waivers.yaml")
    result = cli(*check, "--waivers", "factlint-waivers.yaml", "page.md")
    assert result.exit_code == 0 and "3 waived" in result.output
    second.assert_clean()


def test_downloaded_decisions_keep_hostile_words_as_words(tmp_path, open_page, monkeypatch):
    """Flagged words with line breaks, YAML syntax and script stay one quoted value."""
    monkeypatch.chdir(tmp_path)
    data = handmade_findings()
    words = "x\"\n- path: '*'\n  code: FC001\u2028#\u0085 <script>window.__xss=1</script> \\"
    data["findings"][0].update(path="page.md", text=words)
    (tmp_path / "f.json").write_text(json.dumps(data))
    assert cli("report", "f.json", "-o", "r.html").exit_code == 0
    view = open_page(tmp_path / "r.html")
    card = view.page.locator("article.finding[data-code='FC001']")
    _decide(card, "accepted", 'reason: with "quotes" # and a hash')
    _decide(view.page.locator("article.finding[data-severity='info']"), "to fix")
    view.page.get_by_label("Your name").fill("- by: 'x'")
    _download(view.page, tmp_path)
    _assert_nothing_ran(view)
    from factlint.waivers import load_waivers

    entries = load_waivers(tmp_path / ".factlint-waivers.yaml")
    (kept,), new = entries[:-1], entries[-1]
    assert kept.text == nasty("kept-text") + "\n- code: FC001" and kept.path == nasty("kept-path")
    assert (kept.waiver.reason, kept.waiver.by) == (nasty("kept-reason"), nasty("kept-by"))
    assert (new.path, new.code, new.text) == ("page.md", "FC001", words)
    assert new.waiver.reason == 'reason: with "quotes" # and a hash'
    assert new.waiver.by == "- by: 'x'"


def _headings(page, section: str = "#findings") -> list[str]:
    return page.eval_on_selector_all(
        f"{section} section.file:not([hidden]) > h3 .path", "els => els.map(e => e.textContent)"
    )


def test_findings_group_by_severity_rule_or_claim_and_order_by_severity(examples, open_page):
    report, data = examples
    total = data["summary"]["findings"]
    view = open_page(report)
    page = view.page
    by_file = _headings(page)
    assert by_file == sorted({f["path"] for f in data["findings"]})
    page.get_by_label("Group by").select_option("severity")
    assert _headings(page) == ["error", "warning"]
    assert view.shown() == total
    severities = page.eval_on_selector_all(
        "#findings .finding", "els => els.map(e => e.dataset.severity)"
    )
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    page.get_by_label("Group by").select_option("claim")
    claims = _headings(page)
    named = {f["claim"] for f in data["findings"] if f["claim"]}
    assert len(claims) == len(named) + 1 and claims[-1].startswith("No register claim")
    assert all(h.startswith("Claim ") for h in claims[:-1])
    page.get_by_label("Group by").select_option("code")
    assert [h.split()[0] for h in _headings(page)] == sorted(data["summary"]["by_code"])
    page.get_by_role("checkbox", name="FC001 conflict").uncheck()  # filters still apply
    assert "FC001" not in [h.split()[0] for h in _headings(page)]
    assert view.shown() == total - data["summary"]["by_code"]["FC001"]

    page.get_by_label("Group by").select_option("file")
    page.get_by_label("Order", exact=True).select_option("severity")
    assert _headings(page) == by_file
    mixed = 0
    for section in page.locator("#findings section.file").all():
        shown = section.locator(".finding").evaluate_all("els => els.map(e => e.dataset.severity)")
        ranks = [["error", "warning", "info"].index(s) for s in shown]
        assert ranks == sorted(ranks)
        mixed += len(set(ranks)) > 1
    assert mixed  # the order was tested on a file with more than one severity
    page.get_by_label("Order", exact=True).select_option("place")
    lines = (
        page.locator("#findings section.file")
        .first.locator(".finding")
        .evaluate_all("els => els.map(e => Number(e.dataset.line))")
    )
    assert lines == sorted(lines)
    view.assert_clean()


def test_files_checked_link_to_their_section_whatever_the_grouping(examples, open_page):
    report, data = examples
    view = open_page(report)
    page = view.page
    page.get_by_label("Group by").select_option("severity")
    page.get_by_label("Search").fill("nothing matches these words")
    link = page.locator("#checked a", has_text="examples/salon-promo.md")
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    assert page.get_by_label("Group by").input_value() == "file"
    section = page.locator(target)
    assert (
        section.is_visible() and "examples/salon-promo.md" in section.locator("h3").text_content()
    )
    assert section.bounding_box()["y"] < 100  # scrolled to it
    in_file = sum(1 for f in data["findings"] if f["path"] == "examples/salon-promo.md")
    assert view.shown(target) == in_file
    assert page.locator("#checked li", has_text="patient-guide.md").locator("a").count() == 0
    view.assert_clean()


def test_on_a_phone_the_first_finding_is_near_the_top(examples, open_page, tmp_path):
    report, data = examples
    view = open_page(report)
    page = view.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_load_state("load")
    first = page.locator("#findings .finding").first.bounding_box()
    assert first["y"] < 844 * 0.75, first  # on the first screen, not 3000 px down
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    page.locator("#per-rule > summary").click()  # the folded table opens
    names = page.locator(".totals .rule-title")
    assert names.count() == len(data["summary"]["by_code"])
    for name in names.all():  # a rule's name on one line, never split inside a word
        assert name.evaluate("e => e.getClientRects().length") == 1, name.text_content()
        box = name.bounding_box()
        assert box["height"] < 30 and box["x"] + box["width"] <= 390, name.text_content()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / "test-html-report-390.png"), full_page=True)
    view.assert_clean()


def test_a_long_list_of_files_folds_away(tmp_path, open_page, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for n in range(13):
        (tmp_path / f"clean-{n:02}.md").write_text("Lumiglow was first described in 1994.\n")
    (tmp_path / "bad.md").write_text(REVIEWED)
    check = ("check", "--register", str(LUMIGLOW), "--select", "FC", "--report", "r.html", ".")
    assert cli(*check).exit_code == 1
    view = open_page(tmp_path / "reports" / "r.html")
    assert view.page.locator("#checked").get_attribute("open") is None
    assert view.page.locator("#per-rule").get_attribute("open") == ""
    view.page.locator("#checked > summary").click()
    view.page.locator("#checked a", has_text="bad.md").click()
    assert view.page.evaluate("location.hash") == "#file-1"
    view.assert_clean()
