"""Remake reports/example-report.png and reports/example-report-390.png: the HTML report on
the shipped examples, in Debian's Chromium, at 1280 px and at a phone's 390 px (the second
with one finding marked accepted, so that the review bar shows).

    python tools/screenshot_report.py        # from the repository's root, venv active
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.html"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "factlint",
                "check",
                "--isolated",
                "--format",
                "html",
                "-o",
                str(report),
                "examples/",
            ],
            cwd=ROOT,
            check=False,
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            desktop = browser.new_page(viewport={"width": 1280, "height": 900})
            desktop.goto(report.as_uri())
            desktop.screenshot(
                path=str(ROOT / "reports" / "example-report.png"),
                clip={"x": 0, "y": 0, "width": 1280, "height": 2300},
                full_page=True,
            )
            phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
            phone.goto(report.as_uri())
            card = phone.locator("article.finding").first
            card.get_by_role("radio", name="accepted", exact=True).check()
            card.get_by_role("textbox", name="Reason").fill("our own measurement, see ticket 12")
            phone.evaluate("window.scrollTo(0, 0)")
            phone.screenshot(path=str(ROOT / "reports" / "example-report-390.png"))
            browser.close()


if __name__ == "__main__":
    main()
