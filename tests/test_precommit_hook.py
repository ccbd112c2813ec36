"""The pre-commit hooks, run by pre-commit itself on a temporary content repository.

pre-commit installs factlint from a snapshot of this working tree (tracked and new files,
committed into a throwaway repository) exactly as a content repo's `.pre-commit-config.yaml`
would fetch it, then real `git commit`s go through the hook.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLEAN = "# Mesotherapy\n\nA course usually has 5 to 10 sessions, spaced 7 to 10 days apart.\n"
ABSOLUTE = "# Mesotherapy\n\nThe procedure is completely safe.\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")


def run(args, cwd, env=None, check=True):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(
            f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result


def git(cwd, *args, check=True):
    return run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd,
        check=check,
    )


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A git repository holding this working tree, as pre-commit would clone it."""
    snapshot = tmp_path_factory.mktemp("factlint-hook-repo")
    listed = run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    # The register finds its sources beside the project, as in a clone.
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot")
    return snapshot, git(snapshot, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def content_repo(tmp_path, hook_repo, pre_commit_home):
    repo_path, rev = hook_repo
    repo = tmp_path / "content"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {repo_path.as_posix()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: factlint\n"
    )
    env = dict(os.environ, PRE_COMMIT_HOME=str(pre_commit_home), PRE_COMMIT_COLOR="never")
    env.pop("VIRTUAL_ENV", None)
    pre_commit = [sys.executable, "-m", "pre_commit"]
    run([*pre_commit, "install"], repo, env)
    git(repo, "add", ".pre-commit-config.yaml")

    class Repo:
        path = repo

        def commit(self, files: dict[str, str], message="edit"):
            for name, text in files.items():
                (repo / name).write_text(text, encoding="utf-8")
            git(repo, "add", *files)
            result = run(
                [
                    "git",
                    "-c",
                    "user.name=T",
                    "-c",
                    "user.email=t@example.org",
                    "-c",
                    "commit.gpgsign=false",
                    "commit",
                    "-q",
                    "-m",
                    message,
                ],
                repo,
                env,
                check=False,
            )
            return result.returncode, result.stdout + result.stderr

        def use_hook(self, hook_id: str, args: list[str] | None = None):
            extra = f"\n        args: {args}" if args else ""
            (repo / ".pre-commit-config.yaml").write_text(
                "repos:\n"
                f"  - repo: {repo_path.as_posix()}\n"
                f"    rev: {rev}\n"
                "    hooks:\n"
                f"      - id: {hook_id}{extra}\n"
            )
            git(repo, "add", ".pre-commit-config.yaml")

    return Repo()


def test_a_clean_text_commits(content_repo):
    code, output = content_repo.commit({"course.md": CLEAN})
    assert code == 0, output
    assert "factlint" in output and "Passed" in output


def test_a_refuted_absolute_claim_stops_the_commit_and_shows_the_finding(content_repo):
    code, output = content_repo.commit({"promo.md": ABSOLUTE})
    assert code != 0
    assert "Failed" in output
    assert "promo.md:3:18: FC003 error: 'completely safe'" in output


def test_the_repos_configuration_is_honoured(content_repo):
    (content_repo.path / ".factlint.yaml").write_text("ignore: [FC003]\n")
    code, output = content_repo.commit(
        {"promo.md": ABSOLUTE, ".factlint.yaml": "ignore: [FC003]\n"}
    )
    assert code == 0, output


def test_the_repos_waivers_are_honoured(content_repo):
    waivers = (
        "waivers:\n  - {path: promo.md, code: FC003, text: completely safe,\n"
        "     reason: quoted from a regulator's warning, by: editor}\n"
    )
    code, output = content_repo.commit({"promo.md": ABSOLUTE, ".factlint-waivers.yaml": waivers})
    assert code == 0, output


def test_only_prose_files_are_checked(content_repo):
    code, output = content_repo.commit({"data.json": '{"claim": "completely safe"}\n'})
    assert code == 0, output


def test_the_fix_hook_fixes_and_fails_as_pre_commit_expects(content_repo):
    content_repo.use_hook("factlint-fix")
    sloppy = "# Mesotherapy\n\nThe the course has 5 to 10 sessions .\n"
    code, output = content_repo.commit({"course.md": sloppy})
    assert code != 0
    assert "files were modified by this hook" in output
    fixed = (content_repo.path / "course.md").read_text(encoding="utf-8")
    assert fixed == "# Mesotherapy\n\nThe course has 5 to 10 sessions.\n"
    git(content_repo.path, "add", "course.md")
    code, output = content_repo.commit({}, message="fixed")
    assert code == 0, output
