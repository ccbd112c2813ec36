"""The GitHub Action (action.yml): a valid composite action whose shell steps, run here
as GitHub would run them, check a pull request's changed content files and write SARIF."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
BAD = "Mesotherapy was first used in 1952 by a French doctor.\n"
GOOD = "Mesotherapy is a series of small injections into the skin.\n"

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash"
)


def step(name: str) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s.get("name") == name)


def test_the_action_is_a_composite_action_that_uploads_sarif():
    assert ACTION["runs"]["using"] == "composite"
    assert ACTION["name"] and ACTION["description"]
    uses = [s["uses"] for s in ACTION["runs"]["steps"] if "uses" in s]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)
    for s in ACTION["runs"]["steps"]:
        if "run" in s:
            assert s["shell"] == "bash"
            # Inputs come in through env, never pasted into the script (no injection).
            assert "${{" not in s["run"], s.get("name")
    referenced = set(re.findall(r"inputs\.([\w-]+)", (ROOT / "action.yml").read_text()))
    assert referenced == set(ACTION["inputs"]), "every input is used, and only declared ones"


def test_every_script_is_valid_bash():
    for s in ACTION["runs"]["steps"]:
        if "run" in s:
            subprocess.run(["bash", "-n", "-c", s["run"]], check=True)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture
def pull_request(tmp_path):
    """A content repository with a base commit and a pull request on top of it: one
    content file changed, one added, one unchanged, one deleted, and a script."""
    repo = tmp_path / "content"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "t@example.org")
    git(repo, "config", "user.name", "t")
    (repo / "docs").mkdir()
    (repo / "docs" / "old.md").write_text(BAD, encoding="utf-8")  # already there: not checked
    (repo / "docs" / "edited.md").write_text(GOOD, encoding="utf-8")
    (repo / "docs" / "gone.md").write_text(GOOD, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    base = git(repo, "rev-parse", "HEAD")
    (repo / "docs" / "edited.md").write_text(GOOD + BAD, encoding="utf-8")
    (repo / "docs" / "new page.md").write_text(GOOD, encoding="utf-8")
    (repo / "docs" / "tool.py").write_text("print('completely safe')\n", encoding="utf-8")
    (repo / "docs" / "gone.md").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "pull request")
    return repo, base


def run_step(name: str, repo: Path, inputs: dict[str, str], github: dict[str, str]):
    """Run one step's script as the runner does: its env with the expressions filled in
    from the inputs (their defaults, else what is given) and the github context."""
    values = {f"inputs.{k}": v.get("default", "") for k, v in ACTION["inputs"].items()}
    values.update({f"inputs.{k}": v for k, v in inputs.items()})
    values.update({f"github.{k}": v for k, v in github.items()})
    s = step(name)
    env = dict(os.environ)
    for key, value in s.get("env", {}).items():
        env[key] = EXPRESSION.sub(lambda m: values.get(m.group(1), ""), str(value))
    output = repo / "github_output"
    output.write_text("")
    env["GITHUB_OUTPUT"] = str(output)
    # factlint from this test's environment, as the install step would have put it.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    result = subprocess.run(
        ["bash", "-e", "-c", s["run"]],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return result, outputs


def test_in_a_pull_request_only_the_changed_content_files_are_checked(pull_request):
    repo, base = pull_request
    result, outputs = run_step(
        "Check the changed content",
        repo,
        {},
        {"event_name": "pull_request", "event.pull_request.base.sha": base},
    )
    assert result.returncode == 0, result.stderr
    assert outputs["checked"] == "2"  # edited.md and "new page.md"; not tool.py, gone.md, old.md
    assert outputs["exit-code"] == "1"
    assert outputs["sarif-file"] == "factlint.sarif"
    sarif = json.loads((repo / "factlint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    located = {
        (
            r["ruleId"],
            loc["physicalLocation"]["artifactLocation"]["uri"],
            loc["physicalLocation"]["region"]["startLine"],
        )
        for r in sarif["runs"][0]["results"]
        for loc in r["locations"]
    }
    assert located == {("FC001", "docs/edited.md", 2)}
    # The log shows the findings as text too.
    assert "docs/edited.md:2:31: FC001 error: " in result.stdout


def test_outside_a_pull_request_the_paths_are_checked_whole(pull_request):
    repo, _ = pull_request
    result, outputs = run_step(
        "Check the changed content", repo, {"paths": "docs"}, {"event_name": "push"}
    )
    assert result.returncode == 0, result.stderr
    assert outputs["checked"] == "1" and outputs["exit-code"] == "1"  # the folder, whole
    sarif = json.loads((repo / "factlint.sarif").read_text(encoding="utf-8"))
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
        for loc in r["locations"]
    }
    assert uris == {"docs/edited.md", "docs/old.md"}


def test_a_pull_request_without_content_changes_checks_nothing(pull_request):
    repo, _ = pull_request
    head = git(repo, "rev-parse", "HEAD")
    result, outputs = run_step(
        "Check the changed content",
        repo,
        {},
        {"event_name": "pull_request", "event.pull_request.base.sha": head},
    )
    assert result.returncode == 0, result.stderr
    assert outputs == {"checked": "0", "exit-code": "0", "sarif-file": ""}
    assert not (repo / "factlint.sarif").exists()


def test_a_factlint_error_fails_the_step(pull_request):
    repo, base = pull_request
    result, outputs = run_step(
        "Check the changed content",
        repo,
        {"args": "--select ZZ9"},
        {"event_name": "pull_request", "event.pull_request.base.sha": base},
    )
    assert result.returncode == 2
    assert "unknown rule code 'ZZ9'" in result.stderr
    assert outputs["exit-code"] == "2" and "sarif-file" not in outputs


def test_the_last_step_fails_the_job_on_findings_only_when_asked():
    condition = step("Fail on findings")["if"]
    assert "inputs.fail-on-findings == 'true'" in condition
    assert "steps.check.outputs.exit-code == '1'" in condition
    result = subprocess.run(
        ["bash", "-c", step("Fail on findings")["run"]], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1 and result.stdout.startswith("::error ")


def test_a_shallow_checkout_fetches_the_base_commit(pull_request, tmp_path):
    """actions/checkout fetches one commit by default: the step fetches the base itself."""
    repo, base = pull_request
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth=1", f"file://{repo}", str(clone))
    with pytest.raises(subprocess.CalledProcessError):
        git(clone, "cat-file", "-e", f"{base}^{{commit}}")
    result, outputs = run_step(
        "Check the changed content",
        clone,
        {},
        {"event_name": "pull_request", "event.pull_request.base.sha": base},
    )
    assert result.returncode == 0, result.stderr
    assert outputs["checked"] == "2" and outputs["exit-code"] == "1"
