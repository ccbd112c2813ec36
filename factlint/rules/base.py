"""What a rule yields, and helpers rules share for messages and evidence."""

from __future__ import annotations

from dataclasses import dataclass

from factlint.findings import Evidence
from factlint.lexicon import lexicon
from factlint.register.model import Claim, describe_interval, format_number

MAX_EVIDENCE = 6


@dataclass(frozen=True)
class TextEdit:
    """Replace document.text[start:end] with `content` (a safe, mechanical fix)."""

    start: int
    end: int
    content: str


@dataclass(frozen=True)
class Problem:
    """A rule's report: character span in the document text, message and evidence.

    The engine turns it into a Finding: it adds the path, line and column, code,
    name and severity, so rules never see those.
    """

    start: int
    end: int
    message: str
    claim: str | None = None
    evidence: tuple[Evidence, ...] = ()
    suggestion: str | None = None
    fix: tuple[TextEdit, ...] = ()
    # Whether the rule is sure of what it reports: a number tied by a cue in its own clause
    # and stated without "may" or "can". When not, an error is reported as a warning.
    certain: bool = True


def evidence_of(claim: Claim, limit: int = MAX_EVIDENCE) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(claim.evidence))[:limit]


def stated(mention, claim: Claim) -> str:
    """A stated value in words, with its qualifier ("up to 5 years"): in the language of the
    claim's register, as the claim's own values are written beside it."""
    if getattr(mention, "note", None):
        return mention.note  # a year worked out from the text's words ("150 years of history")
    unit = mention.unit.name if mention.unit else None
    before = mention.unit.before[0] if mention.unit and mention.unit.before else ""
    lex = lexicon(claim.language)
    text = describe_interval(mention.low, mention.high, unit, lex, before)
    qualifier = mention.qualifier
    if qualifier == "at_most" and mention.low != mention.high:
        qualifier = "at_most_range"  # "within 3 to 5 days", not "up to 3–5 days"
    return lex.qualified(qualifier, text) if qualifier else text


def quote_list(evidence, limit: int = 2) -> str:
    quotes = [f'{e.where} "{e.quote}"' for e in list(evidence)[:limit]]
    return "; ".join(quotes)


__all__ = ["Problem", "TextEdit", "evidence_of", "stated", "quote_list", "format_number"]
