"""FC003 absolute-claim: an absolute phrasing the register's evidence refutes.

## What it does
Finds phrasings the register lists as refuted, such as "completely safe", "no
side effects", "painless", "guaranteed results" or "permanent", and shows the
counter-evidence from the sources. Uses that are negated ("it is not completely
safe"), softened ("almost painless"), qualified ("suitable for everyone except
pregnant women"), quoted, rejected ("the myth that it is painless") or asked ("Is it
painless?") are not reported; a question that promises
("Looking for painless results?") is, and so is a question answered by a whole denial
("Is it painful? Absolutely not." says "painless").

## Why is this bad?
Absolute promises about a medical procedure mislead readers and are often
against advertising rules; the sources themselves describe risks, pain and
limits. A claims pack (the core pack, or `--pack uk`) reports wording an
advertising code forbids outright, in any text, citing the code's section.

## Example
```
Our mesotherapy is completely safe and has no side effects.
```

Use instead:
```
Side effects such as bruising and redness are common and usually pass within days.
```

## Options
None. The phrasings and their counter-evidence live in the register.
"""

from __future__ import annotations

from collections.abc import Iterator

from factlint.analysis import Context
from factlint.findings import Severity
from factlint.knowledge import OFF_TOPIC, PHRASE, TOPIC
from factlint.rules.absolutes import counter_evidence, phrase_hits
from factlint.rules.base import Problem, quote_list

CODE = "FC003"
NAME = "absolute-claim"
SEVERITY = Severity.ERROR
FIXABLE = False
STATUS = "contradicted"
# The register phrases it reads in every sentence (the engine looks for no others when it
# runs alone): the contradicted claims' phrasings and the topics that say what a sentence
# is about. The claims' exclusions it reads only beside a phrasing it found
# (Context.roles_in looks for them there).
PHRASES = frozenset({(PHRASE, STATUS), (TOPIC, None), (OFF_TOPIC, None)})
# It reads the text only around the phrasings it finds (their paragraph and the next, the
# sentences and headings before: what the checks in rules.absolutes look at), so a run of
# it alone reads only those paragraphs (factlint.analysis.anchors).
ANCHORED = True


def check(context: Context) -> Iterator[Problem]:
    claims = context.knowledge.claims
    text = context.document.text
    for _, match, start, end in phrase_hits(context, STATUS):
        claim = claims[match.payload.claim]
        evidence, said, suggestion = _told(context, claim)
        yield Problem(start, end, f"'{text[start:end]}' {said}", claim.id, evidence, suggestion)


_TOLD: dict[int, tuple] = {}  # id(claim) -> (claim, knowledge, what _told gives)


def _told(context: Context, claim) -> tuple:
    """The claim's counter-evidence, what the message says after the flagged words, and
    the suggestion: the same for every finding of the claim, so worked out once per claim."""
    knowledge = context.knowledge
    known = _TOLD.get(id(claim))
    if known is not None and known[0] is claim and known[1] is knowledge:
        return known[2]
    evidence = counter_evidence(context, claim)
    if claim.register in knowledge.packs:
        said = f"is wording the advertising rules do not allow ({claim.property})"
    else:
        said = f"is an absolute claim the sources contradict ({claim.property})"
    if evidence:
        said += f": {quote_list(evidence, 2)}"
    told = (evidence, said, claim.suggestion or default_suggestion(claim, evidence))
    if len(_TOLD) > 10_000:  # a bound over very many registers
        _TOLD.clear()
    _TOLD[id(claim)] = (claim, knowledge, told)  # (kept, so its id is not reused meanwhile)
    return told


def default_suggestion(claim, evidence: tuple) -> str:
    """For a claim whose register gives no suggestion: what the sources do say about it,
    in their words (a "100% natural" needs the composition, not a list of risks)."""
    if not evidence:
        return f"remove the claim, or say only what the sources support about {claim.property}"
    return f'say what the sources say instead, e.g. "{evidence[0].quote}"'
