"""Where the sources disagree with each other: `factlint register audit`.

For every numeric claim the audit lists the distinct values its sources give, each
with the sources that give it. A claim with two or more different values (after
unit conversion) is a dispute. The register may record it (status: disputed) or
not; `recorded` says which.

The audit also re-reads the source files, the way `factlint check` reads any text:
a number tied to a claim (a cue of the claim in its sentence, a unit of the claim's
dimension) whose value lies outside every recorded value is an unrecorded value.
A sentence a claim already cites is not searched again for that claim: its other
numbers are about something else.

Absolute claims a source asserts (`asserted_in`, or found in the source files) are
disputes too: one source says what another's evidence refutes.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from factlint.analysis import Context, Tie, analyse
from factlint.extract.quantities import interval_of
from factlint.findings import Evidence
from factlint.knowledge import Knowledge, compile_knowledge
from factlint.lexicon import Lexicon, lexicon
from factlint.register.build import SourceText, read_source
from factlint.register.model import Claim, Register, describe_interval, format_number, plural_of
from factlint.register.sources import normalize, source_folder
from factlint.rules.absolutes import phrase_hits
from factlint.yamlio import InputError

ASSERTED, REFUTED = "asserted", "refuted"


@dataclass(frozen=True)
class AuditValue:
    """One value the sources give for a claim, and where."""

    value: str  # for display: "0.5–4", "1958", "at least 6"; "asserted"/"refuted" for absolutes
    unit: str | None
    sources: tuple[Evidence, ...]
    in_register: bool
    low: float = math.nan  # in the unit's dimension's base unit, for comparing
    high: float = math.nan
    language: str = "en"  # the register's: the words the value is written in
    note: str = ""  # the case the register's item says it is for ("face"), if any

    def to_dict(self) -> dict:
        return {
            "value": self.value,
            "unit": self.unit,
            "sources": [e.to_dict() for e in self.sources],
            "in_register": self.in_register,
        }

    def describe(self) -> str:
        if self.unit is None:
            return self.value
        words = _unit_words(self.value, self.unit, lexicon(self.language))
        return f"{self.value} {words}".strip()


@dataclass(frozen=True)
class Dispute:
    """A claim whose sources disagree with each other."""

    claim: str
    register: str
    kind: str
    property: str
    status: str
    recorded: bool  # the register records this disagreement (and every value in it)
    values: tuple[AuditValue, ...]
    tolerance: float = 0.0

    @property
    def conflicting(self) -> bool:
        """Whether the values disagree: two different intervals, unless one is a single value
        lying inside the other ("20 minutes" within "20 to 30 minutes": compatible detail)."""
        if self.kind == "absolute":
            return True
        numbers = [v for v in self.values if not (math.isnan(v.low) or math.isnan(v.high))]
        return any(
            _disagree(a, b, self.tolerance) for i, a in enumerate(numbers) for b in numbers[i + 1 :]
        )

    def to_dict(self) -> dict:
        return {
            "claim": self.claim,
            "register": self.register,
            "kind": self.kind,
            "property": self.property,
            "status": self.status,
            "recorded": self.recorded,
            "conflicting": self.conflicting,
            "values": [v.to_dict() for v in self.values],
        }


@dataclass
class AuditResult:
    """What `factlint register audit` found."""

    disputes: list[Dispute] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"disputes": [d.to_dict() for d in self.disputes]}


@dataclass
class _Found:
    """What the source files say that the register does not record."""

    numbers: dict = field(
        default_factory=dict
    )  # claim id -> list of (Evidence, low, high, unit, display)
    assertions: dict = field(default_factory=dict)  # claim id -> list of Evidence


def audit_registers(registers: list[Register], sources_dir: Path | None = None) -> AuditResult:
    """Audit loaded registers. Raises RegisterError when they cannot be loaded together."""
    knowledge = compile_knowledge(registers)
    result = AuditResult()
    found = _Found()
    for register in registers:
        _read_sources(
            register, knowledge, source_folder(register, sources_dir), found, result.notes
        )
    for register in registers:
        for claim in register.claims:
            dispute = None
            if claim.is_numeric and claim.values:
                dispute = _numeric_dispute(claim, knowledge, found.numbers.get(claim.id, []))
            elif claim.kind == "absolute":
                dispute = _absolute_dispute(claim, found.assertions.get(claim.id, []))
            if dispute is not None:
                result.disputes.append(dispute)
    return result


# -- reading the sources ----------------------------------------------------------------


def _read_sources(
    register: Register, knowledge: Knowledge, folder: Path | None, found: _Found, notes: list[str]
) -> None:
    if folder is None:
        if register.sources:
            notes.append(
                f"{register.path}: no sources_dir; give --sources DIR to search the source files"
            )
        return
    own = {c.id for c in register.claims}
    for source in register.sources:
        if not source.file:
            continue  # a public document cited by address: no file to read
        path = folder / source.file
        if not path.is_file():
            notes.append(f"{register.path}: source {source.id!r} ({path}): not found; not searched")
            continue
        try:
            # As `build` reads a source: its address line blank, its title line known.
            text = replace(read_source(path, set()), id=source.id, title=source.title)
        except InputError as error:
            notes.append(f"{register.path}: source {source.id!r} ({path}): {error}; not searched")
            continue
        document = text.document
        context = analyse(document, knowledge)
        for tie in context.ties:
            _unrecorded_number(tie, context, text, register, own, knowledge, found)
        wanted = {
            c.id for c in register.claims if c.kind == "absolute" and c.status == "contradicted"
        }
        # the same reading as FC003's: "some side effects are permanent" asserts no
        # permanent result, so the source is not listed as stating the phrasing
        hits = phrase_hits(context, "contradicted")
        for _, match, start, end in (h for h in hits if h[1].payload.claim in wanted):
            quoted = text.quote(start, end)
            if quoted:
                found.assertions.setdefault(match.payload.claim, []).append(
                    Evidence(source.id, quoted[0], quoted[1])
                )


def _unrecorded_number(
    tie: Tie,
    context: Context,
    text: SourceText,
    register: Register,
    own: set[str],
    knowledge: Knowledge,
    found: _Found,
) -> None:
    if tie.negated:
        return
    candidates = [c for c in tie.candidates if c.claim.id in own]
    if not candidates:
        return
    mention = tie.mention
    if any(_consistent(mention, c.claim, knowledge) for c in candidates):
        return
    if len(candidates) > 1 and candidates[0].distance == candidates[1].distance:
        return  # two claims' cues are equally near: no telling which one the number is about
    claim = candidates[0].claim
    quoted = text.quote(mention.start, mention.end)
    if quoted is None:
        return
    line, quote = quoted
    if line == text.title_line:
        return  # a title's number dates or names the page, as `build` reads it
    sentence = tie.sentence.sentence
    first = text.line_of(context.document.source_offset(sentence.start))
    last = text.line_of(context.document.source_end(sentence.end) - 1)
    if any(e.source == text.id and first <= e.line <= last for e in claim.evidence):
        return  # the sentence is cited for this claim already; this number is about something else
    if _quoted_elsewhere(register, text.id, line, quote):
        return  # another claim cites this very number
    low, high, _, _ = interval_of(mention)
    display = _display(mention.low, mention.high, lexicon(claim.language), mention.qualifier)
    found.numbers.setdefault(claim.id, []).append(
        (Evidence(text.id, line, quote), low, high, mention.unit.name, display)
    )


def _quoted_elsewhere(register: Register, source: str, line: int, quote: str) -> bool:
    words = normalize(quote).lower()
    return any(
        e.source == source and e.line == line and words in normalize(e.quote).lower()
        for c in register.claims
        for e in c.evidence
    )


def _consistent(mention, claim: Claim, knowledge: Knowledge) -> bool:
    """Whether the number agrees with one of the claim's recorded values."""
    if not claim.is_numeric:
        return False
    low, high, low_asserted, high_asserted = interval_of(mention)
    for item in claim.values:
        item_low, item_high = _base(item.low, item.high, item.unit or claim.unit, knowledge)
        tolerance = _tolerance(claim, knowledge)
        if (not low_asserted or _within(low, item_low, item_high, tolerance)) and (
            not high_asserted or _within(high, item_low, item_high, tolerance)
        ):
            return True
    return False


def _tolerance(claim: Claim, knowledge: Knowledge) -> float:
    """A claim's relative tolerance; none for calendar years (1882 and 1903 differ)."""
    unit = knowledge.unit_by_name.get(claim.unit)
    return 0.0 if unit is not None and unit.dimension == "date" else claim.tolerance


def _within(value: float, low: float, high: float, tolerance: float) -> bool:
    return low - tolerance * abs(low) <= value <= high + tolerance * abs(high)


def _base(low: float, high: float, unit: str | None, knowledge: Knowledge) -> tuple[float, float]:
    factor = knowledge.unit_by_name[unit].factor if unit in knowledge.unit_by_name else 1.0
    return low * factor, high * factor


# -- disputes ---------------------------------------------------------------------------


def _numeric_dispute(claim: Claim, knowledge: Knowledge, unrecorded: list) -> Dispute | None:
    values: list[AuditValue] = []
    groups: dict[tuple, list[Evidence]] = {}
    for item in claim.values:
        unit = item.unit or claim.unit
        groups.setdefault((item.low, item.high, unit, item.note), []).extend(item.evidence)
    lex = lexicon(claim.language)
    for (low, high, unit, note), evidence in groups.items():
        base = _base(low, high, unit, knowledge)
        evidence = tuple(dict.fromkeys(evidence))
        display = _display(low, high, lex)
        values.append(AuditValue(display, unit, evidence, True, *base, claim.language, note))
    extra: dict[tuple, list[Evidence]] = {}
    for evidence, low, high, unit, display in unrecorded:
        extra.setdefault((display, unit, low, high), []).append(evidence)
    for (display, unit, low, high), evidence in extra.items():
        evidence = tuple(dict.fromkeys(evidence))
        values.append(AuditValue(display, unit, evidence, False, low, high, claim.language))
    tolerance = _tolerance(claim, knowledge)
    if _distinct(values, tolerance) < 2 or (claim.discrete and not extra):
        return None  # (`one_of` values are the values possible, no disagreement)
    return Dispute(
        claim.id,
        claim.register,
        claim.kind,
        claim.property,
        claim.status,
        recorded=claim.status == "disputed" and not extra,
        values=tuple(values),
        tolerance=tolerance,
    )


def _distinct(values: list[AuditValue], tolerance: float) -> int:
    """How many different intervals the values give, after unit conversion."""
    kept: list[AuditValue] = []
    for value in values:
        if not any(
            _same(value.low, other.low, tolerance) and _same(value.high, other.high, tolerance)
            for other in kept
        ):
            kept.append(value)
    return len(kept)


def _disagree(a: AuditValue, b: AuditValue, tolerance: float) -> bool:
    if _same(a.low, b.low, tolerance) and _same(a.high, b.high, tolerance):
        return False
    if a.note and b.note and a.note != b.note:
        return False  # "4 weeks" for the face, "6 weeks" for the body: two cases, no dispute
    return not (_point_inside(a, b, tolerance) or _point_inside(b, a, tolerance))


def _point_inside(point: AuditValue, span: AuditValue, tolerance: float) -> bool:
    return _same(point.low, point.high, tolerance) and _within(
        point.low, span.low, span.high, tolerance
    )


def _same(a: float, b: float, tolerance: float) -> bool:
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def _absolute_dispute(claim: Claim, found: list[Evidence]) -> Dispute | None:
    recorded_lines = {(e.source, e.line) for e in claim.asserted_in}
    unrecorded = tuple(dict.fromkeys(e for e in found if (e.source, e.line) not in recorded_lines))
    if not claim.asserted_in and not unrecorded:
        return None
    values = []
    if claim.asserted_in:
        values.append(AuditValue(ASSERTED, None, tuple(claim.asserted_in), True))
    if unrecorded:
        values.append(AuditValue(ASSERTED, None, unrecorded, False))
    if claim.evidence:
        values.append(AuditValue(REFUTED, None, tuple(claim.evidence), True))
    return Dispute(
        claim.id,
        claim.register,
        claim.kind,
        claim.property,
        claim.status,
        recorded=not unrecorded,
        values=tuple(values),
    )


def _display(low: float, high: float, lex: Lexicon, qualifier: str | None = None) -> str:
    if qualifier in ("at_least", "above"):
        return lex.qualified("at_least", format_number(low))
    if qualifier in ("at_most", "below"):
        return lex.qualified("at_most", format_number(high))
    return describe_interval(low, high, None, lex)


def _unit_words(value: str, unit: str, lex: Lexicon) -> str:
    if unit == "calendar-year":
        return ""
    plural = plural_of(unit, lex)
    one = ("1", lex.qualified("at_most", "1"), lex.qualified("at_least", "1"))
    return unit if value in one or not plural else plural


# -- text output --------------------------------------------------------------------------


def render_text(result: AuditResult) -> str:
    """One block per dispute, in words a reader without the format in mind can follow;
    then the compatible differences (a single value inside another's range), which need
    no record."""
    if not result.disputes:
        return "No disputes: wherever several sources give a value, they agree.\n"
    disputes = [d for d in result.disputes if d.conflicting or d.status == "disputed"]
    compatible = [d for d in result.disputes if d not in disputes]
    blocks = [_block(d) for d in disputes]
    if compatible:
        blocks.append(
            "Compatible differences (a single value inside another's range, or values for the "
            "different cases their notes name; nothing to record):\n\n"
            + "\n\n".join(_block(d) for d in compatible)
        )
    unrecorded = sum(1 for d in disputes if not d.recorded)
    count = len(disputes)
    phrasings = sum(1 for d in disputes if d.kind == "absolute")
    summary = f"{count} dispute{'s' if count != 1 else ''}"
    if phrasings:
        summary += (
            f" ({count - phrasings} between values, {phrasings} "
            f"phrasing{'s' if phrasings != 1 else ''} a source asserts and evidence refutes)"
        )
    if unrecorded:
        summary += f", {unrecorded} of them not recorded in the register"
    if compatible:
        summary += f"; {len(compatible)} compatible difference{'s' if len(compatible) != 1 else ''}"
    return "\n\n".join(blocks) + f"\n\n{summary}.\n"


def _block(dispute: Dispute) -> str:
    lines = [f"{dispute.claim} ({dispute.register}): {dispute.property}", "  " + _verdict(dispute)]
    width = max(len(_label(v)) for v in dispute.values)
    for value in dispute.values:
        cited = [f'{e.source} line {e.line}: "{e.quote}"' for e in value.sources]
        label = _label(value).ljust(width)
        lines.append(f"    {label}  {cited[0]}")
        lines.extend(f"    {'':{width}}  {c}" for c in cited[1:])
    return "\n".join(lines)


def _label(value: AuditValue) -> str:
    if value.unit is None:
        label = {"asserted": "a source asserts it", "refuted": "evidence against it"}.get(
            value.value, value.value
        )
    else:
        label = value.describe()
    if value.note:
        label += f" ({value.note})"
    return label if value.in_register else f"{label} (not in the register)"


def _verdict(dispute: Dispute) -> str:
    found = any(not v.in_register for v in dispute.values)
    if not dispute.conflicting:
        if dispute.status == "disputed":
            return "The register marks this claim disputed, though each value lies within another."
        if found:
            return "A source gives a value the register does not record; it lies within a recorded range."
        if len({v.note for v in dispute.values if v.note}) > 1:
            return "The values are for different cases, as their notes say: compatible."
        return "The sources give a value that lies within another's range: compatible."
    if dispute.kind == "absolute":
        if found:
            return (
                "A source states this phrasing in a place the register's asserted_in does not list "
                "(check it: a source may state it only to reject it)."
            )
        return "A source states this phrasing, which the register's evidence refutes."
    if dispute.status == "disputed":
        if found:
            return "The register marks this claim disputed, but the sources give values it does not record."
        return "The register marks this claim disputed and records every value below."
    if found:
        return (
            f"The register calls this claim {dispute.status}, but the source files give "
            "values it does not record."
        )
    return f"The register calls this claim {dispute.status}, but it records different values."


def render_json(result: AuditResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
