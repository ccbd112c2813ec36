"""The README is the front door: what it shows must be what factlint does."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from factlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_example_output_is_real(monkeypatch):
    shown = re.search(r"```\n\$ factlint check (\S+)\n(.*?)```", README, re.S)
    assert shown, "the README shows a `factlint check` run"
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-color", shown.group(1)])
    assert result.stdout == shown.group(2)


def test_the_two_copy_paste_lines_are_what_ci_runs():
    lines = re.search(r"```\n(python3 -m venv[^\n]+)\n(python3 -m venv[^\n]+)\n```", README)
    assert lines, "the README starts with two copy-paste lines"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert lines.group(2) in ci.splitlines()
    assert "factlint check examples/" in lines.group(1)


def test_every_rule_is_in_the_rules_table():
    from factlint.rules import RULES

    for code in RULES:
        assert f"| {code} |" in README, f"{code} is missing from the README's rules table"


def test_the_show_source_example_is_real(monkeypatch):
    shown = re.search(r"```\n\$ factlint check (--show-source [^\n]+)\n(.*?)```", README, re.S)
    assert shown, "the README shows a `factlint check --show-source` run"
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--no-color", *shown.group(1).split()]
    )
    # The README shows the first finding, cut after its first piece of evidence.
    assert result.stdout.startswith(shown.group(2))


def test_the_pack_example_is_real(tmp_path, monkeypatch):
    shown = re.search(
        r"```\n\$ cat (\S+)\n(.*?)\$ factlint check (--pack [^\n]+)\n(.*?)```", README, re.S
    )
    assert shown, "the README shows a `factlint check --pack` run on a file it prints"
    name, text, args, output = shown.groups()
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-color", *args.split()])
    assert result.stdout == output


def test_the_readme_sets_up_the_language_server_and_the_action():
    assert "factlint[lsp]" in README and '"glspc.server.command": "factlint"' in README
    assert 'cmd = { "factlint", "server" }' in README
    assert "github/codeql-action/upload-sarif" in README or "code scanning" in README
    assert "uses: your-org/factlint@" in README


def test_the_python_api_example_runs(monkeypatch, capsys):
    section = README[README.index("### From Python") : README.index("### On a cluster: Dask")]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own example
    printed = capsys.readouterr().out.splitlines()
    assert printed and printed[0].startswith("1 16 FC003 'completely safe'")


def test_the_readme_shows_the_dask_recipe():
    section = README[README.index("### On a cluster: Dask") :]
    for shown in (
        "factlint[dask]",
        "--dask local",
        "dask scheduler",
        "dask worker",
        "fd.read_parquet(",
        "fd.lint(",
        "fd.to_parquet(",
    ):
        assert shown in section, shown
