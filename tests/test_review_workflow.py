"""Waivers and baseline: reviewers accept findings; only new ones fail."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import LUMIGLOW

from factlint.cli import main

TEXT = "Lumiglow was invented in 1991. It has no side effects.\n"


def invoke(*args):
    return CliRunner().invoke(main, ["check", "--register", str(LUMIGLOW), *args])


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.md").write_text(TEXT)
    return tmp_path


def write_waivers(folder, body: str):
    (folder / ".factlint-waivers.yaml").write_text(body)


WAIVE_FC003 = """\
waivers:
  - path: post.md
    code: FC003
    text: no side effects
    reason: the legal team approved this wording for the spring campaign
    by: a.martin
    expires: 2999-12-31
"""


def test_a_waived_finding_does_not_fail_the_run_but_stays_in_the_json(project):
    write_waivers(project, WAIVE_FC003)
    text = invoke("post.md")
    assert text.exit_code == 1  # FC001 is not waived
    assert "FC003" not in text.stdout and "1 waived." in text.stdout
    data = json.loads(invoke("--format", "json", "post.md").stdout)
    waived = [f for f in data["findings"] if "waiver" in f]
    assert [f["code"] for f in waived] == ["FC003"]
    assert waived[0]["waiver"] == {
        "reason": "the legal team approved this wording for the spring campaign",
        "by": "a.martin",
        "expires": "2999-12-31",
        "source": ".factlint-waivers.yaml:2",
    }
    assert data["summary"]["waived"] == 1 and data["summary"]["findings"] == 1


def test_when_every_finding_is_waived_the_run_passes(project):
    write_waivers(
        project,
        WAIVE_FC003
        + """\
  - path: "*.md"
    code: FC001
    reason: historical quote, kept as written
    by: b.lee
""",
    )
    result = invoke("post.md")
    assert result.exit_code == 0, result.output
    assert "2 waived" in result.stdout


def test_an_expired_waiver_stops_applying_and_says_so(project):
    write_waivers(project, WAIVE_FC003.replace("2999-12-31", "2001-01-31"))
    result = invoke("post.md")
    assert result.exit_code == 1
    assert "FC003" in result.stdout
    assert (
        ".factlint-waivers.yaml:2: waiver for FC003 in post.md expired on 2001-01-31"
        in result.stderr
    )


def test_a_waiver_that_matches_nothing_is_reported(project):
    write_waivers(project, WAIVE_FC003.replace("no side effects", "painless"))
    result = invoke("post.md")
    assert "waiver for FC003 'painless' in post.md matches no finding" in result.stderr


def test_a_waiver_for_a_file_not_checked_is_left_alone(project):
    (project / "other.md").write_text("Nothing to see.\n")
    write_waivers(project, WAIVE_FC003)
    result = invoke("other.md")
    assert result.exit_code == 0 and result.stderr == ""


def test_a_waiver_can_name_a_fingerprint(project):
    fingerprint = next(
        f["fingerprint"]
        for f in json.loads(invoke("--format", "json", "post.md").stdout)["findings"]
        if f["code"] == "FC001"
    )
    write_waivers(
        project,
        f"""\
waivers:
  - {{path: post.md, code: FC001, fingerprint: "{fingerprint}", reason: quoted from a 1991 ad, by: c.ng}}
""",
    )
    data = json.loads(invoke("--format", "json", "post.md").stdout)
    assert [f["code"] for f in data["findings"] if "waiver" in f] == ["FC001"]


@pytest.mark.parametrize(
    "body, message",
    [
        (
            "waivers:\n  - path: post.md\n    code: FC003\n    by: x\n",
            ".factlint-waivers.yaml:2: waiver needs 'reason'",
        ),
        (
            "waivers:\n  - {path: post.md, code: FC003, reason: r, by: x, until: 2020-01-01}\n",
            ".factlint-waivers.yaml:2: unknown key 'until'",
        ),
        (
            "waivers:\n  - {path: post.md, code: FC003, reason: r, by: x,\n     expires: next week}\n",
            ".factlint-waivers.yaml:3: 'expires' must be a date",
        ),
        ("waivers: [\n", ".factlint-waivers.yaml:"),
        ("rules: []\n", ".factlint-waivers.yaml:1: expected a mapping with one key, 'waivers'"),
    ],
)
def test_a_bad_waivers_file_is_one_line_with_file_and_line(project, body, message):
    write_waivers(project, body)
    result = invoke("post.md")
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_waivers_from_an_explicit_file(project):
    (project / "review.yaml").write_text(WAIVE_FC003)
    result = invoke("--waivers", "review.yaml", "post.md")
    assert "1 waived" in result.stdout


# -- baseline ----------------------------------------------------------------------------


def test_a_baseline_accepts_todays_findings_and_new_ones_still_fail(project):
    written = invoke("--write-baseline", "baseline.yaml", "post.md")
    assert written.exit_code == 1  # writing a baseline does not hide today's findings
    assert invoke("--baseline", "baseline.yaml", "post.md").exit_code == 0

    # Lines move and a new problem appears: only the new one is reported.
    (project / "post.md").write_text("# Lumiglow\n\nIt is completely harmless.\n\n" + TEXT)
    result = invoke("--baseline", "baseline.yaml", "post.md")
    assert result.exit_code == 1
    reported = [line for line in result.stdout.splitlines() if ": FC" in line]
    assert len(reported) == 1 and "completely harmless" in reported[0]
    assert "2 in the baseline." in result.stdout


def test_a_changed_sentence_is_a_new_finding(project):
    invoke("--write-baseline", "baseline.yaml", "post.md")
    (project / "post.md").write_text(TEXT.replace("1991", "1990"))
    result = invoke("--baseline", "baseline.yaml", "post.md")
    assert result.exit_code == 1 and "1990" in result.stdout


def test_a_bad_baseline_is_one_line_with_file_and_line(project):
    (project / "baseline.yaml").write_text(
        "factlint-baseline: 1\nfindings:\n  - {path: post.md, code: FC001}\n"
    )
    result = invoke("--baseline", "baseline.yaml", "post.md")
    assert result.exit_code == 2
    assert result.stderr.strip() == "factlint: baseline.yaml:3: entry needs a 'fingerprint'"


def test_a_file_that_is_not_a_baseline_is_refused(project):
    (project / "baseline.yaml").write_text("findings: []\n")
    result = invoke("--baseline", "baseline.yaml", "post.md")
    assert result.exit_code == 2 and "not a factlint baseline" in result.stderr
