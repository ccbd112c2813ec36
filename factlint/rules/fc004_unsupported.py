"""FC004 unsupported: a checkable statement no register claim supports.

## What it does
Finds statements that sound like established facts but that no source backs:
phrasings the register marks as `unsupported` ("clinically proven", "FDA
approved"), and outcome statistics (a percentage of patients, a success rate)
about the register's subject when no claim gives such a figure.

## Why is this bad?
Invented figures and borrowed authority are the claims readers trust most and
reviewers can least verify.

## Example
```
Clinically proven: 97% of patients see results after one session.
```

Use instead:
```
Most sources report visible results after a course of several sessions.
```

## Options
None. Precision first: a percentage is reported only in a sentence about the
register's subject that presents it as an outcome, never a price or a share.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from factlint.analysis import PHRASE, Context
from factlint.findings import Severity
from factlint.rules.base import Problem
from factlint.rules.fc003_absolute_claim import counter_evidence, phrase_hits

CODE = "FC004"
NAME = "unsupported"
SEVERITY = Severity.WARNING
FIXABLE = False
STATUS = "unsupported"


def check(context: Context) -> Iterator[Problem]:
    claims = context.knowledge.claims
    for _, match, start, end in phrase_hits(context, STATUS):
        claim = claims[match.payload.claim]
        words = context.document.text[start:end]
        yield Problem(start, end, f"'{words}': no source in the register supports this ({claim.property})",
                      claim.id, counter_evidence(context, claim),
                      claim.suggestion or "remove it, or cite a source and add it to the register")
    yield from _statistics(context)


def _statistics(context: Context) -> Iterator[Problem]:
    tied = {id(t.mention) for t in context.ties}  # a register claim speaks for these
    for facts in context.sentences:
        ratios = [m for m in facts.mentions if m.dimension == "ratio" and id(m) not in tied]
        if not ratios or not facts.about_topic or context.rejected(facts):
            continue
        phrases = [context.token_span(m.start, m.end) for m in facts.roles(PHRASE)]
        for mention in ratios:
            if any(start <= mention.start < end for start, end in phrases):
                continue  # part of an absolute phrasing ("100% results"), reported as such
            if not _outcome_statistic(context, facts, mention):
                continue
            words = context.document.text[mention.start:mention.end]
            yield Problem(mention.start, mention.end,
                          f"'{words}': no claim in the register gives this figure; the sources report no such statistic",
                          None, (), "remove the figure, or cite a source and add it to the register")


STATISTIC_WINDOW = 4  # words between a percentage and the word that makes it an outcome


def _outcome_statistic(context: Context, facts, mention) -> bool:
    """A percentage reads as a claimed outcome when a statistic word ("patients",
    "success", "reduces") is close to it in the same clause, and it is not a price, a
    concentration ("38% off", "20% VAT") or how common a condition is ("suffer from")."""
    tokens = context.tokens
    first = bisect.bisect_left(tokens.starts, mention.start)
    last = bisect.bisect_left(tokens.starts, mention.end)
    after = tokens.words[last] if last < facts.last_token else ""
    if after in context.knowledge.lexicon.not_statistic_after:
        return False
    where = context.clause_of(facts, mention.start)
    if any(m.payload == "prevalence" and context.clause_of(facts, tokens.starts[m.start]) == where
           for m in context.lexicon_in(facts)):
        return False  # "50% of men over 50 suffer from hair loss": how common a condition is
    low = max(facts.first_token, first - STATISTIC_WINDOW)
    high = min(facts.last_token, last + STATISTIC_WINDOW)
    return any(
        match.payload == "statistic" and context.clause_of(facts, tokens.starts[match.start]) == where
        for match in context.lexicon_phrases.find(tokens, low, high)
    )
