"""Structure: every rule is documented and tested the same way; layers stay apart."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factlint.findings import Severity
from factlint.rules import MODULES, RULES, UnknownRuleError, get

PACKAGE = Path(__file__).resolve().parent.parent / "factlint"
CASES = Path(__file__).resolve().parent / "rules"
HEADINGS = ("## What it does", "## Why is this bad?", "## Example", "## Options")


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_module_declares_its_metadata(code):
    module = RULES[code]
    assert module.CODE == code
    assert module.NAME and module.NAME == module.NAME.lower() and " " not in module.NAME
    assert isinstance(module.SEVERITY, Severity)
    assert isinstance(module.FIXABLE, bool)
    assert callable(module.check)
    assert Path(module.__file__).stem.startswith(code.lower() + "_")


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_docstring_is_user_documentation(code):
    doc = inspect.cleandoc(RULES[code].__doc__ or "")
    assert doc.splitlines()[0].startswith(f"{code} {RULES[code].NAME}: ")
    positions = [doc.find(h) for h in HEADINGS]
    assert all(p >= 0 for p in positions), f"{code} lacks one of {HEADINGS}"
    assert positions == sorted(positions), f"{code}: headings out of order"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_pass_and_fail_cases(code):
    path = CASES / f"{code}.yaml"
    assert path.exists(), f"no rule cases for {code}"
    cases = yaml.safe_load(path.read_text())["cases"]
    assert any("pass_str" in c for c in cases) and any("fail_str" in c for c in cases)
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "case names must be unique"


def test_codes_and_names_are_unique():
    assert len({m.NAME for m in RULES.values()}) == len(RULES)


def test_every_rule_module_is_registered_and_imported_only_when_asked_for():
    on_disk = {p.stem for p in (PACKAGE / "rules").glob("[a-z][a-z][0-9][0-9][0-9]_*.py")}
    assert on_disk == set(MODULES)
    probe = ("import sys, factlint.rules as r; assert sorted(r.RULES) and 'FC001' in r.RULES; "
             "assert not any(m.startswith('factlint.rules.') for m in sys.modules), sorted(sys.modules); "
             "r.RULES['FC003']; print(sorted(m for m in sys.modules if m.startswith('factlint.rules.')))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.split() == ["['factlint.rules.base',", "'factlint.rules.fc003_absolute_claim']"]


def test_unknown_code_raises():
    with pytest.raises(UnknownRuleError):
        get("XX999")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted((PACKAGE / "rules").glob("*.py")), ids=lambda p: p.name)
def test_rules_do_not_import_config_formats_or_cli(path):
    forbidden = ("factlint.config", "factlint.formats", "factlint.cli", "factlint.run", "click")
    assert not [m for m in _imports(path) if m.startswith(forbidden)]


@pytest.mark.parametrize("path", sorted((PACKAGE / "formats").glob("*.py")), ids=lambda p: p.name)
def test_formats_import_only_findings_and_rule_metadata(path):
    # html_text: the HTML report shows a page's text as a reader sees it, read by the same
    # parser the checks use (a standard-library leaf that imports nothing of factlint).
    allowed = ("factlint.findings", "factlint.rules", "factlint.formats", "factlint.register.model",
               "factlint.html_text")
    internal = [m for m in _imports(path) if m.startswith("factlint") and m != "factlint"]  # "factlint": __version__
    assert all(m.startswith(allowed) for m in internal), internal


def test_html_text_stays_a_leaf():
    assert not [m for m in _imports(PACKAGE / "html_text.py") if m.startswith("factlint")]


def test_only_cli_prints_or_exits():
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("cli.py", "__main__.py") or "commands" in path.name:
            continue
        source = path.read_text(encoding="utf-8")
        assert "click.echo" not in source and "sys.exit" not in source, path


def _code_without_docs(path: Path) -> str:
    """The module's code with docstrings and comments dropped (user docs may give examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(getattr(body[0], "value", None), ast.Constant) \
                and isinstance(body[0].value.value, str):
            body[0] = ast.Pass()
    return ast.unparse(tree)


def test_engine_has_no_domain_words():
    """The engine knows no domain: no fact, name or phrase of the shipped register in code."""
    words = ("mesotherap", "pistor", "procaine", "hyaluron", "1958", "1952", "side effect",
             "painless", "completely safe", "pregnan")
    for path in PACKAGE.rglob("*.py"):
        code = _code_without_docs(path).lower()
        assert not [w for w in words if w in code], path
