"""Register test cases: texts with the findings a register's authors expect.

A register `claims/NAME.yaml` keeps its cases beside it in `claims/NAME.tests.yaml` (the
`.tests.yaml` ending keeps them out of the registers a folder holds), like sqlfluff's YAML
rule cases or textlint-tester's valid/invalid lists:

    factlint-register-tests: 1
    register: NAME.yaml          # optional: the register(s) to load, relative to this file
    select: [FC]                 # optional: the rule codes or prefixes the cases are about
    cases:
      - name: a year the sources contradict
        text: "Mesotherapy was introduced in 1952."
        findings:
          - {code: FC001, line: 1, text: "1952"}
      - name: the sources' year
        text: "Mesotherapy was introduced in 1958."
        findings: []

Each case lists every finding expected (of the selected codes); an expected finding
asserts only the keys it gives (`code`, `line`, `column`, `text`, `claim`, `severity`,
`message_contains`). This module returns results; commands.py prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from factlint.yamlio import InputError

SUFFIX = ".tests.yaml"
FORMATS = {"text": ".txt", "markdown": ".md", "html": ".html"}
KEYS = {
    "code",
    "line",
    "column",
    "end_line",
    "end_column",
    "text",
    "claim",
    "severity",
    "message_contains",
}
FILE_KEYS = {"factlint-register-tests", "register", "registers", "select", "cases"}
CASE_KEYS = {"name", "text", "format", "findings"}


def is_test_file(path: Path) -> bool:
    """A register's test cases, never a register itself."""
    return path.name.endswith((SUFFIX, ".tests.yml"))


def register_for(test_file: Path) -> Path:
    """The register a test file belongs to when it names none: NAME.yaml beside NAME.tests.yaml."""
    stem = (
        test_file.name[: -len(SUFFIX)]
        if test_file.name.endswith(SUFFIX)
        else test_file.name[: -len(".tests.yml")]
    )
    return test_file.with_name(stem + ".yaml")


def find_test_files(paths: list[Path]) -> list[Path]:
    """Test files named, or under the folders named (packs in subfolders too)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.tests.y*ml") if is_test_file(p)))
        elif path.is_file() and is_test_file(path):
            found.append(path)
        elif path.is_file():
            sibling = path.with_name(path.name.rsplit(".", 1)[0] + SUFFIX)
            if not sibling.is_file():
                raise InputError(
                    f"no test file {sibling.name} beside this register", path=str(path)
                )
            found.append(sibling)
        else:
            raise InputError("no such file or folder", path=str(path))
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class CaseResult:
    """One test case of a register: what it expected and what factlint found."""

    name: str
    passed: bool
    expected: tuple[str, ...]
    got: tuple[str, ...]
    line: int = 0


@dataclass
class FileResult:
    """The test cases of one tests file, with the registers they ran against."""

    path: Path
    registers: list[Path]
    cases: list[CaseResult] = field(default_factory=list)


def run_test_file(path: Path) -> FileResult:
    """Run every case of one test file against its register(s)."""
    from factlint.document import build_document
    from factlint.engine import check_document
    from factlint.knowledge import load_knowledge
    from factlint.register.load import RegisterError
    from factlint.rules import RULES
    from factlint.yamlio import load_yaml_file

    spec = load_yaml_file(path)
    if not isinstance(spec, dict) or not isinstance(spec.get("cases"), list):
        raise InputError("a register test file is a mapping with a 'cases' list", path=str(path))
    _known_keys(spec, FILE_KEYS, "the test file", path)
    registers = _registers(spec, path)
    try:
        knowledge = load_knowledge(registers)
    except RegisterError as error:
        raise InputError("\n".join(str(p) for p in error.problems)) from None
    codes = _codes(spec.get("select"), sorted(RULES), path)
    rules = [RULES[c] for c in codes]
    result = FileResult(path, registers)
    for number, case in enumerate(spec["cases"], 1):
        name, text, kind, expected = _case(case, number, path)
        document = build_document(f"case{FORMATS[kind]}", text.encode("utf-8"))
        records = [f.to_dict() for f in check_document(document, knowledge, rules).findings]
        result.cases.append(_compare(name, expected, records, getattr(case, "line", 0)))
    return result


def _registers(spec: dict, path: Path) -> list[Path]:
    named = spec.get("register", spec.get("registers"))
    if named is None:
        return [register_for(path)]
    names = [named] if isinstance(named, str) else named
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise InputError("'register' must be a file name or a list of them", path=str(path))
    return [(path.parent / n).resolve() if not Path(n).is_absolute() else Path(n) for n in names]


def _codes(select, known: list[str], path: Path) -> list[str]:
    if select is None:
        return known
    prefixes = [select] if isinstance(select, str) else select
    if not isinstance(prefixes, list) or not all(isinstance(p, str) for p in prefixes):
        raise InputError("'select' must be a list of rule codes or prefixes", path=str(path))
    codes = [c for c in known if any(c.startswith(p.upper()) for p in prefixes)]
    if not codes:
        raise InputError(f"'select' {prefixes} names no rule", path=str(path))
    return codes


def _case(case, number: int, path: Path):
    where = f"case {number}"
    if not isinstance(case, dict):
        raise InputError(f"{where} is not a mapping", path=str(path))
    name = str(case.get("name") or where)
    # A misspelt key ("findngs:") would otherwise leave a case silently expecting nothing.
    _known_keys(case, CASE_KEYS, f"case {name!r}", path)
    text = case.get("text")
    if not isinstance(text, str):
        raise InputError(f"case {name!r} has no 'text'", path=str(path))
    kind = case.get("format", "text")
    if kind not in FORMATS:
        raise InputError(
            f"case {name!r}: format {kind!r} is not one of {', '.join(FORMATS)}", path=str(path)
        )
    expected = case.get("findings", [])
    if not isinstance(expected, list) or not all(isinstance(e, dict) for e in expected):
        raise InputError(f"case {name!r}: 'findings' must be a list of mappings", path=str(path))
    for entry in expected:
        unknown = set(entry) - KEYS
        if unknown:
            raise InputError(
                f"case {name!r}: unknown key {min(unknown)!r} in a finding "
                f"(known: {', '.join(sorted(KEYS))})",
                path=str(path),
            )
    return name, text, kind, expected


def _known_keys(mapping: dict, known: set[str], where: str, path: Path) -> None:
    unknown = set(mapping) - known
    if unknown:
        raise InputError(
            f"{where}: unknown key {min(map(str, unknown))!r} (known: {', '.join(sorted(known))})",
            path=str(path),
            line=getattr(mapping, "line", None),
        )


def _matches(want: dict, got: dict) -> bool:
    for key, value in want.items():
        if key == "message_contains":
            if str(value) not in got["message"]:
                return False
        elif got.get(key) != value:
            return False
    return True


def _compare(name: str, expected: list[dict], records: list[dict], line: int = 0) -> CaseResult:
    """Every expected finding matches a distinct reported one, and nothing else is reported."""
    left = list(records)
    missing = []
    for want in expected:
        hit = next((g for g in left if _matches(want, g)), None)
        if hit is None:
            missing.append(want)
        else:
            left.remove(hit)
    passed = not missing and not left
    return CaseResult(
        name,
        passed,
        tuple(_describe_expected(e) for e in expected),
        tuple(describe(g) for g in records),
        line,
    )


def describe(record: dict) -> str:
    claim = f" [{record['claim']}]" if record.get("claim") else ""
    return f"{record['line']}:{record['column']} {record['code']} {record['text']!r}{claim}"


def _describe_expected(entry: dict) -> str:
    where = f"{entry['line']}:{entry.get('column', '*')}" if "line" in entry else "*:*"
    parts = [where, str(entry.get("code", "*"))]
    if "text" in entry:
        parts.append(repr(entry["text"]))
    if "claim" in entry:
        parts.append(f"[{entry['claim']}]")
    if "message_contains" in entry:
        parts.append(f"(message has {entry['message_contains']!r})")
    return " ".join(parts)


def finding_entry(record: dict) -> dict:
    """What a scaffolded case expects of a finding: where, which rule, which words, which claim."""
    entry = {"code": record["code"], "line": record["line"], "text": record["text"]}
    if record.get("claim"):
        entry["claim"] = record["claim"]
    return entry
