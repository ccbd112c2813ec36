"""Structure: every rule is documented and tested the same way; layers stay apart."""

from __future__ import annotations

import ast
import fnmatch
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factlint.findings import Severity
from factlint.rules import MODULES, RULES, UnknownRuleError, get

PACKAGE = Path(__file__).resolve().parent.parent / "factlint"
CASES = Path(__file__).resolve().parent / "rules"
ROOT = PACKAGE.parent
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
    probe = (
        "import sys, factlint.rules as r; assert sorted(r.RULES) and 'FC001' in r.RULES; "
        "assert not any(m.startswith('factlint.rules.') for m in sys.modules), sorted(sys.modules); "
        "r.RULES['FC003']; print(sorted(m for m in sys.modules if m.startswith('factlint.rules.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.split() == [
        "['factlint.rules.absolutes',",
        "'factlint.rules.base',",
        "'factlint.rules.fc003_absolute_claim']",
    ]


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
    allowed = (
        "factlint.findings",
        "factlint.rules",
        "factlint.formats",
        "factlint.register.model",
        "factlint.html_text",
        "factlint._version",
    )
    internal = [m for m in _imports(path) if m.startswith("factlint")]
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
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(getattr(body[0], "value", None), ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            body[0] = ast.Pass()
    return ast.unparse(tree)


def test_engine_has_no_domain_words():
    """The engine knows no domain: no fact, name or phrase of the shipped register in code."""
    words = (
        "mesotherap",
        "pistor",
        "procaine",
        "hyaluron",
        "1958",
        "1952",
        "side effect",
        "painless",
        "completely safe",
        "pregnan",
    )
    for path in PACKAGE.rglob("*.py"):
        code = _code_without_docs(path).lower()
        assert not [w for w in words if w in code], path


# -- the import graph: no cycles, layers kept (import-linter's contracts, as a test) --------

# From the entry points down; a module may import its own layer and those below it. Every
# module of the package is in exactly one layer (a new module must be placed here).
LAYERS = (
    ("entry points", ("factlint", "factlint.__main__", "factlint.cli")),
    (
        "front ends",
        (
            "factlint.run",
            "factlint.fix_files",
            "factlint.dask",
            "factlint.server",
            "factlint.formats",
            "factlint.formats.*",
            "factlint.register.commands",
        ),
    ),
    (
        "run inputs and outputs",
        ("factlint.files", "factlint.waivers", "factlint.baseline", "factlint.atomic"),
    ),
    ("api", ("factlint.api", "factlint.edits", "factlint.config")),
    (
        "engine and register tools",
        (
            "factlint.engine",
            "factlint.register.build",
            "factlint.register.audit",
            "factlint.register.advice",
            "factlint.register.testing",
            "factlint.register.scaffold",
            "factlint.register.work",
        ),
    ),
    ("rules", ("factlint.rules", "factlint.rules.*")),
    (
        "analysis",
        (
            "factlint.analysis",
            "factlint.analysis.tying",
            "factlint.analysis.numbers",
            "factlint.places",
            "factlint.restrictions",
        ),
    ),
    ("what rules read", ("factlint.analysis.context",)),
    (
        "tables, voices and stance",
        (
            "factlint.analysis.tables",
            "factlint.analysis.voices",
            "factlint.stance",
            "factlint.compare",
        ),
    ),
    (
        "sentences",
        ("factlint.analysis.reading", "factlint.analysis.anchors", "factlint.analysis.facts"),
    ),
    ("compiled registers", ("factlint.knowledge",)),
    (
        "register model",
        (
            "factlint.register",
            "factlint.register.model",
            "factlint.register.load",
            "factlint.register.sources",
        ),
    ),
    ("extraction", ("factlint.extract", "factlint.extract.*")),
    (
        "text",
        (
            "factlint.document",
            "factlint.segment",
            "factlint.html_text",
            "factlint.lexicon",
            "factlint.words",
            "factlint.matching",
        ),
    ),
    ("cache", ("factlint.cache", "factlint.startup")),
    ("base", ("factlint.findings", "factlint.yamlio", "factlint._version")),
)
RULE_MODULE = re.compile(r"factlint\.rules\.[a-z]{2}[0-9]{3}_\w+")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES_ON_DISK = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _internal_imports(name: str, path: Path) -> set[str]:
    """The package's modules that `name` imports anywhere in its code: at the top, inside
    functions, under `if TYPE_CHECKING:`; `from a import b` counts as a.b when b is a module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES_ON_DISK else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in MODULES_ON_DISK:
                target = target.rpartition(".")[0]  # import a.b.c of a non-module: a.b
            if target and target != name:
                found.add(target)
    return found


GRAPH = {name: _internal_imports(name, path) for name, path in MODULES_ON_DISK.items()}


def _layer_of(name: str) -> int:
    places = [
        number
        for number, (_, patterns) in enumerate(LAYERS)
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)
    ]
    assert len(places) == 1, f"{name} must be in exactly one layer of LAYERS, not {places}"
    return places[0]


def _breaks_a_contract(importer: str, imported: str) -> str | None:
    if _layer_of(imported) < _layer_of(importer):
        return (
            f"{importer} ({LAYERS[_layer_of(importer)][0]}) imports {imported}, "
            f"a higher layer ({LAYERS[_layer_of(imported)][0]})"
        )
    if RULE_MODULE.fullmatch(importer) and RULE_MODULE.fullmatch(imported):
        return f"rule {importer} imports rule {imported}; shared helpers go in rules/base.py"
    return None


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_sees_function_level_and_type_checking_imports():
    assert "factlint.api" in GRAPH["factlint"]  # inside __getattr__
    assert "factlint.fix_files" in GRAPH["factlint.cli"]  # inside a function
    assert "factlint.knowledge" in GRAPH["factlint.api"]  # under TYPE_CHECKING, and in functions
    assert "factlint.cache" in GRAPH["factlint.lexicon"]  # `from factlint.cache import ...`
    assert "factlint.cache" in GRAPH["factlint.knowledge"]  # `from factlint import cache`


def test_every_module_has_its_place_in_the_layers():
    for name in GRAPH:
        _layer_of(name)


def test_no_import_cycle():
    assert _cycles(GRAPH) == []


def test_no_import_against_the_layers_and_no_rule_imports_another():
    broken = [
        _breaks_a_contract(importer, imported)
        for importer, imports in GRAPH.items()
        for imported in imports
    ]
    assert [b for b in broken if b] == []


def test_the_checks_see_a_cycle_an_upward_import_and_a_rule_importing_another():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert "a higher layer" in _breaks_a_contract("factlint.findings", "factlint.cli")
    assert "imports rule" in _breaks_a_contract(
        "factlint.rules.fc001_conflict", "factlint.rules.fc003_absolute_claim"
    )
    assert _breaks_a_contract("factlint.cli", "factlint.findings") is None


def test_every_package_of_the_source_is_installed():
    """pyproject.toml names the packages a `pip install` copies: a package missing there
    works from the source tree and is absent from every installed copy."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 on

    listed = set(
        tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(path.parent.relative_to(PACKAGE.parent).parts)
        for path in PACKAGE.rglob("__init__.py")
        if "__pycache__" not in path.parts
    }
    assert found - listed == set()


SHIPPED_YAML = sorted(
    path.relative_to(ROOT).as_posix()
    for folder in (ROOT / "factlint" / "data", ROOT / "claims")
    for path in folder.rglob("*.yaml")
)


@pytest.mark.parametrize("name", SHIPPED_YAML)
def test_shipped_data_has_no_duplicate_key(name):
    """Shipped data is read by the fast loader, which keeps the last of two equal keys in
    silence; the strict loader the users' files go through names the second one."""
    from factlint.yamlio import load_yaml_file

    load_yaml_file(ROOT / name)


def test_the_strict_loader_names_a_duplicate_key(tmp_path):
    from factlint.yamlio import InputError, load_yaml_file

    path = tmp_path / "twice.yaml"
    path.write_text("denials: [no]\nother: 1\ndenials:\n  - none\n", encoding="utf-8")
    with pytest.raises(InputError, match="duplicate key 'denials'") as raised:
        load_yaml_file(path)
    assert raised.value.line == 3
