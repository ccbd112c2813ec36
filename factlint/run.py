"""One `factlint check` run: files -> config -> registers -> documents -> rules -> findings."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factlint.config import Config, ConfigFinder
from factlint.document import build_document
from factlint.files import Target, discover, display_path
from factlint.findings import Finding, Severity
from factlint.yamlio import InputError


@dataclass
class CheckOptions:
    paths: list[str]
    registers: list[Path] = field(default_factory=list)
    config: Path | None = None
    isolated: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    stdin_filename: str | None = None
    encoding: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    report_unused: bool = False
    fail_on: str | None = None
    waivers: Path | None = None  # default: .factlint-waivers.yaml in the current folder, if any
    baseline: Path | None = None
    write_baseline: bool = False
    replaced: dict[str, bytes] = field(default_factory=dict)  # display path -> bytes to check instead


@dataclass
class CheckResult:
    findings: list[Finding]
    summary: dict
    error_lines: list[str]
    notices: list[str]
    fatal: bool
    failing: bool
    baseline_text: str | None = None  # what --write-baseline writes
    # The decoded text of each file with findings, by display path: the HTML report's context.
    texts: dict[str, str] = field(default_factory=dict)


def _apply_cli(config: Config, options: CheckOptions) -> Config:
    from dataclasses import replace

    changes = {}
    if options.select:
        changes["select"] = options.select
    if options.ignore:
        changes["ignore"] = config.ignore + options.ignore
    if options.extend_select:
        changes["extend_select"] = config.extend_select + options.extend_select
    if options.include:
        changes["include"] = options.include
    if options.exclude:
        changes["exclude"] = config.exclude + options.exclude
    if options.fail_on:
        changes["fail_on"] = Severity.parse(options.fail_on)
    return replace(config, **changes) if changes else config


def _check_codes(codes: tuple[str, ...], known: list[str]) -> None:
    for code in codes:
        if code.upper() != "ALL" and not any(k.startswith(code.upper()) for k in known):
            raise InputError(f"unknown rule code {code!r} (see 'factlint rules')")


def resolve_register_paths(options: CheckOptions, config: Config) -> list[Path]:
    from factlint.knowledge import shipped_register_paths

    chosen = options.registers or list(config.registers)
    if not chosen:
        found = shipped_register_paths()
        if not found:
            raise InputError("no claims register found; give --register PATH")
        return found
    out = []
    for path in chosen:
        if path.is_dir():
            found = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))
            if not found:
                raise InputError("no register files (*.yaml) in this folder", path=str(path))
            out.extend(found)
        else:
            out.append(path)
    return out


def run_check(options: CheckOptions) -> CheckResult:
    from factlint.knowledge import load_knowledge
    from factlint.register.load import RegisterError
    from factlint.rules import RULES

    known = sorted(RULES)
    _check_codes(options.select + options.ignore + options.extend_select, known)
    finder = ConfigFinder(known, explicit=options.config, isolated=options.isolated)
    base = _apply_cli(finder.for_path(Path.cwd()), options)
    try:
        knowledge = load_knowledge(resolve_register_paths(options, base))
    except RegisterError as error:
        raise InputError("\n".join(str(p) for p in error.problems)) from None

    error_lines, notices = [], []
    fatal = False
    findings: list[Finding] = []
    suppressed = 0
    checked = 0
    checked_paths: set[str] = set()
    texts: dict[str, str] = {}
    inputs = _inputs(options, base)
    for label, loader, config_path, named in inputs:
        try:
            data = loader()
            config = _apply_cli(finder.for_path(config_path), options)
            document = build_document(label, data, encoding=options.encoding)
        except InputError as error:
            if named:
                error_lines.append(str(error))
                fatal = True
            else:
                notices.append(f"{error} (skipped)")
            continue
        outcome = _check_one(document, knowledge, config, options)
        checked += 1
        checked_paths.add(document.path)
        if outcome.findings:
            texts[document.path] = document.source
        findings.extend(outcome.findings)
        suppressed += len(outcome.suppressed)
    findings.sort()
    findings, waived = _waive(findings, options, checked_paths, notices)
    baseline_text = None
    if options.write_baseline:
        from factlint.baseline import render_baseline

        baseline_text = render_baseline(findings)
    baselined = 0
    if options.baseline is not None:
        from factlint.baseline import apply_baseline, load_baseline

        outcome = apply_baseline(findings, load_baseline(options.baseline))
        findings, baselined = outcome.findings, outcome.baselined
    summary = _summary(findings, checked, suppressed, error_lines, knowledge)
    summary["waived"] = waived
    summary["baselined"] = baselined
    summary.update(_report_context(findings, checked_paths, knowledge))
    threshold = base.fail_on
    failing = any(f.severity >= threshold and f.waiver is None for f in findings)
    return CheckResult(findings, summary, error_lines, notices, fatal, failing, baseline_text,
                       texts=texts)


def _waive(findings: list[Finding], options: CheckOptions, checked: set[str], notices: list[str]):
    from factlint.waivers import DEFAULT_FILE

    path = options.waivers
    if path is None:
        if not Path(DEFAULT_FILE).is_file():
            return findings, 0
        path = Path(DEFAULT_FILE)
    from factlint.waivers import apply_waivers, load_waivers

    outcome = apply_waivers(findings, load_waivers(path), str(path), checked)
    notices.extend(outcome.notices)
    return outcome.findings, outcome.waived


def _check_one(document, knowledge, config: Config, options: CheckOptions):
    from factlint.engine import check_document
    from factlint.rules import RULES

    codes = config.enabled(sorted(RULES), document.path)
    rules = [RULES[c] for c in codes]
    return check_document(document, knowledge, rules, config.severities(),
                          display_path=document.path, report_unused=options.report_unused,
                          options={"boilerplate": config.boilerplate})


def _inputs(options: CheckOptions, config: Config):
    """(display path, byte loader, where to look for config, named on the command line)."""
    out = []
    rest = [p for p in options.paths if p != "-"]
    if "-" in options.paths:
        label = options.stdin_filename or "-"
        out.append((label, lambda: sys.stdin.buffer.read(), Path(label) if options.stdin_filename else Path.cwd(), True))
    include = config.include
    exclude = config.exclude
    for target in discover(rest, include, exclude):
        label = display_path(target.path)
        loader = _reader(target)
        if label in options.replaced:  # fixes not written yet (`--diff`) are checked again
            loader = (lambda data: lambda: data)(options.replaced[label])
        out.append((label, loader, target.path, target.named))
    return out


def _reader(target: Target):
    def load() -> bytes:
        path = target.path
        try:
            if path.is_dir():
                raise InputError("is a directory, expected a file", path=str(path))
            return path.read_bytes()
        except PermissionError:
            raise InputError("permission denied; cannot read", path=display_path(path)) from None
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror or error}", path=display_path(path)) from None

    return load


def _summary(findings: list[Finding], files: int, suppressed: int, errors: list[str], knowledge) -> dict:
    findings = [f for f in findings if f.waiver is None]  # waived ones are counted apart
    by_severity = Counter(str(f.severity) for f in findings)
    return {
        "files": files,
        "files_with_findings": len({f.path for f in findings}),
        "findings": len(findings),
        "by_code": dict(sorted(Counter(f.code for f in findings).items())),
        "by_severity": {s: by_severity.get(s, 0) for s in ("error", "warning", "info")},
        "suppressed": suppressed,
        "errors": errors,
        "registers": [{"id": r.id, "version": r.version, "path": r.path, "sha256": r.sha256}
                      for r in knowledge.registers],
    }


def _report_context(findings: list[Finding], checked: set[str], knowledge) -> dict:
    """What a report shows beside the findings: the files checked, each named claim's
    values source by source (waived findings included), and the titles of the sources."""
    claims = {f.claim: knowledge.claims[f.claim] for f in findings if f.claim in knowledge.claims}
    return {
        "paths": sorted(checked),
        "claims": {claim_id: claims[claim_id].to_summary() for claim_id in sorted(claims)},
        "sources": {r.id: {s.id: s.title for s in r.sources} for r in knowledge.registers},
    }
