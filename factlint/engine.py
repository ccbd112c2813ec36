"""Run the rules on one document and turn their problems into findings.

The engine, not the rules, stamps code, name, severity, path and positions, and
applies inline suppressions; selection by code happens before any rule runs.
"""

from __future__ import annotations

import bisect
import itertools
import time
from dataclasses import dataclass, field
from types import ModuleType

from factlint.analysis import analyse
from factlint.cache import sha256
from factlint.document import Document
from factlint.findings import Edit, Finding, Severity, sort_key
from factlint.knowledge import Knowledge
from factlint.rules.base import Problem


@dataclass
class Outcome:
    """What checking one document produced."""

    findings: list[Finding]
    suppressed: list[Finding] = field(default_factory=list)
    unused_suppressions: list[Finding] = field(default_factory=list)


def fingerprint(path: str, code: str, text: str, claim: str | None, occurrence: int) -> str:
    """Stable under line moves: path, code, the flagged words and their order among equals."""
    return _fingerprint(path, code, _normalized(text), claim, occurrence)


def _normalized(text: str) -> str:
    return " ".join(text.lower().split())


def _fingerprint(path: str, code: str, normalized: str, claim: str | None, occurrence: int) -> str:
    raw = f"{path}\0{code}\0{normalized}\0{claim or ''}\0{occurrence}"
    # A file name that is not UTF-8 reaches here with surrogates standing for its bytes.
    return sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:20]


def safe_edits(document: Document, rule: ModuleType, problem: Problem) -> tuple[Edit, ...]:
    """A rule's fix, in file positions; none unless the rule marks its fixes safe and every
    edit replaces prose exactly as it stands in the file (no markup or entity inside)."""
    if not problem.fix or not getattr(rule, "FIXABLE", False):
        return ()
    edits = []
    for edit in problem.fix:
        first, last = document.source_offset(edit.start), document.source_end(edit.end)
        if (
            edit.end > edit.start
            and document.source[first:last] != document.text[edit.start : edit.end]
        ):
            return ()
        if edit.end == edit.start:
            last = first
        edits.append(Edit(*document.line_col(first), *document.line_col(last), edit.content))
    return tuple(edits)


def to_finding(
    document: Document, rule: ModuleType, severity: Severity, problem: Problem, display_path: str
) -> Finding:
    line, column, end_line, end_column, text = document.span(problem.start, problem.end)
    edits = safe_edits(document, rule, problem)
    return Finding(
        path=display_path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=rule.CODE,
        name=rule.NAME,
        severity=severity,
        message=problem.message,
        text=text,
        claim=problem.claim,
        evidence=problem.evidence,
        suggestion=problem.suggestion,
        fix=edits,
    )


def check_document(
    document: Document,
    knowledge: Knowledge,
    rules: list[ModuleType],
    severities: dict[str, Severity] | None = None,
    display_path: str | None = None,
    report_unused: bool = False,
    options: dict | None = None,
    timings: dict[str, float] | None = None,
    topics: frozenset[str] = frozenset(),
) -> Outcome:
    """`options`: configured rule options by name; a rule receives those its OPTIONS names.
    `topics`: the procedure registers the configuration says every text is about, whether
    or not it names them (factlint.analysis checks a text against the others only when it
    names their topic).
    `timings`, when given, gets the seconds spent in the analysis and in each rule added.
    The analysis is computed as the rules ask for it (a run of data-quality rules never
    ties numbers to claims); its steps are timed apart from the rule that first asks."""
    severities = severities or {}
    options = options or {}
    path = display_path or document.path
    clock = time.perf_counter if timings is not None else None
    started = clock() if clock else 0.0
    # Rules that all read the text only around the phrasings they find (ANCHORED) have
    # only those paragraphs read (factlint.analysis.anchors).
    anchored = bool(rules) and all(getattr(rule, "ANCHORED", False) for rule in rules)
    context = analyse(document, knowledge, topics, clock, phrases_read(rules), anchored)
    if timings is not None:
        timings.setdefault("analysis", 0.0)
    findings = []
    for rule in rules:
        severity = severities.get(rule.CODE, rule.SEVERITY)
        wanted = {k: options[k] for k in getattr(rule, "OPTIONS", {}) if k in options}
        for problem in rule.check(context, **wanted):
            level = severity if problem.certain else min(severity, Severity.WARNING)
            findings.append(to_finding(document, rule, level, problem, path))
        if clock:
            # What the rule's first questions cost the analysis counts to the analysis.
            analysed, context.spent = context.spent, 0.0
            timings["analysis"] = timings.get("analysis", 0.0) + analysed
            started = _lap(timings, rule.CODE, started + analysed, clock)
    context.release()  # freed now, not by the garbage collector (see Context.release)
    findings = _one_finding_per_words(findings, knowledge)
    findings = _drop_notes_under_errors(findings)
    findings = _stamp_fingerprints(sorted(set(findings), key=sort_key))
    outcome = _apply_suppressions(document, findings, path, report_unused, {r.CODE for r in rules})
    if document.suppressions:
        outcome.findings = sorted(outcome.findings + _unknown_codes(document, path))
    if clock:
        _lap(timings, "findings", started, clock)
    return outcome


def phrases_read(rules: list[ModuleType]) -> frozenset[tuple[str, str | None]] | None:
    """The register phrases the rules read, as their PHRASES declare them ((role, claim
    status) pairs, status None for any); None, every phrase, when a rule declares none."""
    needs: set[tuple[str, str | None]] = set()
    for rule in rules:
        declared = getattr(rule, "PHRASES", None)
        if declared is None:
            return None
        needs |= declared
    return frozenset(needs)


def _lap(timings: dict[str, float], stage: str, started: float, clock) -> float:
    now = clock()
    timings[stage] = timings.get(stage, 0.0) + now - started
    return now


MAX_MERGED_EVIDENCE = 3  # of the other finding's evidence, added to the kept one's
KEPT_BESIDE = frozenset({"FC005"})  # fact findings kept beside another on the same words


def _one_finding_per_words(findings: list[Finding], knowledge: Knowledge) -> list[Finding]:
    """Where two fact findings flag overlapping words (a procedure register's claim and a
    pack's rule on "completely safe"), keep one: the more serious (a warning never hides an
    error on the same words), then the most specific (a register's claim beats a pack's, a
    jurisdiction's pack the core pack), with the other's evidence added to it. Data-quality
    findings are about the text, not a claim: all kept; so is a self-contradiction (FC005),
    which points to another place in the text that the other finding does not name ("zero
    downtime" here, "2 to 3 days of redness" there)."""
    facts = [f for f in findings if f.code.startswith("FC") and f.code not in KEPT_BESIDE]
    if len(facts) < 2:
        return findings

    order = {register.id: number for number, register in enumerate(knowledge.registers)}

    def rank(finding: Finding) -> tuple:
        # The more serious finding (a jurisdiction's efficacy warning on "get rid of
        # cellulite for good" must not hide the core pack's permanence error), then a
        # register's claim, then a pack loaded later (a jurisdiction's, after the core
        # pack), then the longer span.
        span = (finding.end_line - finding.line, finding.end_column - finding.column)
        claim = knowledge.claims.get(finding.claim) if finding.claim else None
        pack = claim is not None and claim.register in knowledge.packs
        return (finding.severity, not pack, order[claim.register] if pack else 0, span)

    facts.sort(key=lambda f: (f.line, f.column))
    kept: list[Finding] = []
    # The kept findings that reach past the current one's start (the only ones it can
    # overlap, as starts only grow): a long text stays linear however many findings it has.
    open_: list[int] = []
    for finding in facts:
        start = (finding.line, finding.column)
        open_ = [i for i in open_ if (kept[i].end_line, kept[i].end_column) > start]
        place = next((i for i in reversed(open_) if _overlap(kept[i], finding)), None)
        if place is None:
            kept.append(finding)
            open_.append(len(kept) - 1)
            continue
        rival = kept[place]
        winner, loser = (rival, finding) if rank(rival) >= rank(finding) else (finding, rival)
        # The winner's own evidence first, then a few of the other's (a pack's rule citation).
        merged = tuple(dict.fromkeys(winner.evidence + loser.evidence))[
            : len(winner.evidence) + MAX_MERGED_EVIDENCE
        ]
        kept[place] = winner.with_evidence(merged)
    return [f for f in findings if not f.code.startswith("FC") or f.code in KEPT_BESIDE] + kept


def _overlap(a: Finding, b: Finding) -> bool:
    return (a.line, a.column) < (b.end_line, b.end_column) and (b.line, b.column) < (
        a.end_line,
        a.end_column,
    )


def _drop_notes_under_errors(findings: list[Finding]) -> list[Finding]:
    """An info note is not repeated on words that already carry a more serious finding."""
    if all(f.severity > Severity.INFO for f in findings):
        return findings
    # The serious findings by start, with the furthest end reached so far: a note overlaps
    # one of them when one starting before the note's end ends after the note's start.
    serious = sorted(
        ((f.line, f.column), (f.end_line, f.end_column))
        for f in findings
        if f.severity > Severity.INFO
    )
    starts = [start for start, _ in serious]
    furthest = list(itertools.accumulate((end for _, end in serious), max))
    return [f for f in findings if f.severity > Severity.INFO or not _covered(f, starts, furthest)]


def _covered(note: Finding, starts: list, furthest: list) -> bool:
    before = bisect.bisect_left(starts, (note.end_line, note.end_column))
    return before > 0 and furthest[before - 1] > (note.line, note.column)


def _with_fingerprints(findings: list[Finding]) -> list[Finding]:
    counts: dict[tuple, int] = {}
    out = []
    for finding in findings:
        key = (finding.code, _normalized(finding.text), finding.claim)
        occurrence = counts.get(key, 0)
        counts[key] = occurrence + 1
        out.append(finding.with_fingerprint(_fingerprint(finding.path, *key, occurrence)))
    return out


def _stamp_fingerprints(findings: list[Finding]) -> list[Finding]:
    """_with_fingerprints for the findings check_document has just made, which nothing
    else holds yet: each is stamped where it is instead of copied (a finding's fingerprint
    is no part of its equality, hash or order). A run makes 13,000 findings on 200 corpus
    files, and copying each made its 16 fields again."""
    counts: dict[tuple, int] = {}
    for finding in findings:
        key = (finding.code, _normalized(finding.text), finding.claim)
        occurrence = counts.get(key, 0)
        counts[key] = occurrence + 1
        _set_fingerprint(finding, _fingerprint(finding.path, *key, occurrence))
    return findings


def _set_fingerprint(finding: Finding, fingerprint: str) -> None:
    object.__setattr__(finding, "fingerprint", fingerprint)  # frozen; see _stamp_fingerprints


def renumbered(findings: list[Finding]) -> list[Finding]:
    """Fingerprints counted again over findings in file order (a long file checked in
    pieces); a finding without one (an unused suppression) keeps none."""
    marked = _with_fingerprints([f for f in findings if f.fingerprint])
    others = [f for f in findings if not f.fingerprint]
    return sorted(marked + others) if others else marked


def _apply_suppressions(
    document: Document, findings: list[Finding], path: str, report_unused: bool, active: set[str]
) -> Outcome:
    if not document.suppressions:
        return Outcome(findings)
    kept, suppressed = [], []
    used = set()
    by_line: dict[int, list] = {}  # line -> (order, suppression); 0 is the whole file
    for order, suppression in enumerate(document.suppressions):
        by_line.setdefault(suppression.line, []).append((order, suppression))
    whole_file = by_line.get(0, [])
    for finding in findings:
        near = sorted(whole_file + by_line.get(finding.line, [])) if finding.line else whole_file
        match = next(
            (s for _, s in near if not s.codes or any(finding.code.startswith(c) for c in s.codes)),
            None,
        )
        if match is None:
            kept.append(finding)
        else:
            suppressed.append(finding)
            used.add(match)
    unused = []
    if report_unused:
        for suppression in document.suppressions:
            if suppression in used:
                continue
            if suppression.codes and not any(
                code.startswith(c) for c in suppression.codes for code in active
            ):
                continue  # about rules not run here: can't tell
            codes = " ".join(suppression.codes) or "all codes"
            line_text = document.line_text(suppression.directive_line)
            column = max(1, line_text.find("factlint:") + 1)
            unused.append(
                Finding(
                    path=path,
                    line=suppression.directive_line,
                    column=column,
                    end_line=suppression.directive_line,
                    end_column=len(line_text) + 1,
                    code="FL001",
                    name="unused-suppression",
                    severity=Severity.WARNING,
                    message=f"this factlint: ignore ({codes}) suppresses nothing; remove it",
                    text=line_text[column - 1 :],
                )
            )
    return Outcome(sorted(kept + unused), suppressed)


def _unknown_codes(document: Document, path: str) -> list[Finding]:
    """FL002: a code in a `factlint: ignore` directive that names no rule (a typo that
    would otherwise suppress nothing, silently)."""
    import re

    from factlint.rules import known_code
    from factlint.rules.directives import UnknownSuppressionCode as FL002

    out = []
    for suppression in document.suppressions:
        unknown = [c for c in suppression.codes if not known_code(c)]
        if not unknown:
            continue
        line_text = document.line_text(suppression.directive_line)
        for code in unknown:
            found = re.search(rf"(?<![A-Za-z0-9]){re.escape(code)}(?![A-Za-z0-9])", line_text)
            column = found.start() + 1 if found else 1
            out.append(
                Finding(
                    path=path,
                    line=suppression.directive_line,
                    column=column,
                    end_line=suppression.directive_line,
                    end_column=column + len(code) if found else len(line_text) + 1,
                    code=FL002.CODE,
                    name=FL002.NAME,
                    severity=FL002.SEVERITY,
                    message=f"'factlint: ignore' names {code}, which is not a factlint code "
                    "(see 'factlint rules'); it suppresses nothing",
                    text=code if found else line_text,
                    suggestion="write the code of the finding to ignore, e.g. FC003",
                )
            )
    return out
