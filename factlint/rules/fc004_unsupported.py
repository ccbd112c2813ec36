"""FC004 unsupported: a checkable statement no register claim supports.

## What it does
Finds statements that sound like established facts but that no source backs:
phrasings the register marks as `unsupported` ("clinically proven", "FDA
approved"), and outcome statistics (a percentage of patients, a success rate)
about the register's subject when no claim gives such a figure. A pack claim that
selects the `statistics` wording family ("9 out of 10 clients", "up to 8 shades
whiter", "lose 2 inches") speaks for invented statistics in any text, whatever its
topic: its percentages of clients or results are reported too, citing the pack's rule.

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
register's subject (or, with a statistics pack claim loaded, in any sentence) that
presents it as an outcome, never a price or a share. A claim of proof in a sentence
that carries a reference mark ("[4]", "(Smith et al., 2019)") cites its evidence and
is not reported.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from factlint.analysis import PHRASE, Context
from factlint.findings import Severity
from factlint.rules.absolutes import counter_evidence, phrase_hits, quoted, sells
from factlint.rules.base import Problem

CODE = "FC004"
NAME = "unsupported"
SEVERITY = Severity.WARNING
FIXABLE = False
STATUS = "unsupported"


STATISTICS_FAMILY = "statistics"  # the lexicon's wording family of invented statistics
PROVEN_FAMILY = "proven"  # the lexicon's wording family of claimed proof
SUPERLATIVES_FAMILY = "superlatives"  # the lexicon's wording family of comparisons and superlatives

# A reference mark in the sentence: "[4]", "[2, 5]", "[3-6]", "(Smith et al., 2019)",
# "(Lee and Park 2021)". A sentence that carries one shows where its proof is.
CITATION = re.compile(
    r"\[\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*\]"
    r"|\([^()\n]{0,80}?(?:et al\.?|\band\b|&)[^()\n]{0,40}?,?\s(?:19|20)\d\d[a-z]?\)"
    r"|\((?:[A-Z][\w'-]+,?\s)+(?:19|20)\d\d[a-z]?\)"
    # a reference number whose superscript was lost in copying, glued to a lower-case word
    # before a mark ("after ablative lasers21.", "in all skin types26,"); "CO2", "B12" and
    # "covid19 is" are not, as they are capitalised or go on
    r"|\b[a-z]{3,}\d{1,2}(?=[.,;:)])"
    # a superscript reference number after a word or a mark ("of this figure.¹"), not a
    # unit's power ("cm²", "mm²")
    r"|(?:(?<=[a-z]{3})|(?<=[.,;:)\s]))[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+"
)


LABEL = re.compile(r"[ \t*#_]*(\w+)[ \t*_]*:")  # "Results:", "**Findings**:"
LABELS = re.compile(r"^[ \t*#_]*(\w+)[ \t*_]*:", re.MULTILINE)


def check(context: Context) -> Iterator[Problem]:
    claims = context.knowledge.claims
    tied: list[int] | None = None
    for facts, match, start, end in phrase_hits(context, STATUS):
        claim = claims[match.payload.claim]
        if STATISTICS_FAMILY in claim.families and (
            _names_a_source(context, facts) or _cites(context, facts)
        ):
            continue  # "in a 2021 study of 120 women, 9 out of 10 ...": the text gives its source
        if STATISTICS_FAMILY in claim.families:
            if tied is None:  # (in order: a long text has thousands, and as many hits)
                tied = sorted(t.mention.start for t in context.ties)
            first = bisect.bisect_left(tied, start)
            if first < len(tied) and tied[first] < end:
                continue  # "a 20-25% reduction": a register claim measures it (FC001 if wrong)
        if PROVEN_FAMILY in claim.families and _cites(context, facts):
            continue  # "... has been shown to improve density [4]": the text cites its proof
        if SUPERLATIVES_FAMILY in claim.families and (
            _attributed(context, facts) or _cites(context, facts)
        ):
            continue  # "a study published in PloS One found ... better results than ...": its finding
        words = context.document.text[start:end]
        yield Problem(
            start,
            end,
            _message(context, claim, words),
            claim.id,
            counter_evidence(context, claim),
            claim.suggestion or "remove it, or cite a source and add it to the register",
        )
    yield from _statistics(context)


def _names_a_source(context: Context, facts) -> bool:
    """The figure's sentence names its source ("in a 2021 study of 120 women", "a survey"),
    or its paragraph is a section of a study's own report ("Results: ... (36.8% of
    patients)"): a measured rate, not a claim of results."""
    sources = context.knowledge.lexicon.source_words
    if any(word in sources for word in context.tokens.words[facts.first_token : facts.last_token]):
        return True
    return _attributed(context, facts) or _in_study_section(context, facts)


def _attributed(context: Context, facts) -> bool:
    """The sentence says who gives its figures: one of the lexicon's attributions, then
    after at most one determiner a capitalised name ("..., according to the American
    Society of Plastic Surgeons", "according to ASPS"). "According to statistics" names
    no one and stays a figure without its source."""
    lex = context.knowledge.lexicon
    words, starts = context.tokens.words, context.tokens.starts
    text = context.document.text
    last = facts.last_token
    for phrase in lex.attributions:
        size = len(phrase)
        for i in range(facts.first_token, last - size):
            if tuple(words[i : i + size]) != phrase:
                continue
            name = i + size
            if words[name] in lex.determiners and name + 1 < last:
                name += 1
            if text[starts[name]].isupper():
                return words[name] not in lex.person_titles or _independent(context, facts)
    return False


def _independent(context: Context, facts) -> bool:
    """A person a figure is attributed to ("according to Dr Weiss") vouches for it from
    outside the text's seller: the sentence names an outside body or study ("of the
    University of Lyon", "in her 2021 study"), or neither it nor the text speaks as a
    business ("our medical director", "our clinic", "book now"): the clinic's own doctor
    on the clinic's own page is no independent source."""
    lex = context.knowledge.lexicon
    words = context.tokens.words[facts.first_token : facts.last_token]
    if any(w in lex.institution_words or w in lex.source_words for w in words):
        return True
    if not lex.writer_words.isdisjoint(words):
        return False
    return not sells(context)


def _in_study_section(context: Context, facts) -> bool:
    """The sentence's line or paragraph opens with a label of a study report and a colon
    ("Results:", "Findings:"; the lexicon's study_sections)."""
    sentences, index = context.sentences, facts.index
    paragraph = facts.sentence.paragraph
    while index > 0 and sentences[index - 1].sentence.paragraph == paragraph:
        index -= 1
    text = context.document.text
    line = text.rfind("\n", 0, facts.sentence.start) + 1
    return any(
        _labelled(context, start) for start in {line, sentences[index].sentence.start}
    ) and _study_report(context)


def _study_report(context: Context) -> bool:
    """The text is laid out as a study's report: two different labels of its sections open
    lines ("Methods:" ... "Results:"); an advert's lone "Results:" heading is not one."""
    sections = context.knowledge.lexicon.study_sections
    labels = {m.group(1).lower() for m in LABELS.finditer(context.document.text)}
    return len(labels & sections) >= 2


def _labelled(context: Context, start: int) -> bool:
    """A study report's label and a colon open the text at `start`."""
    match = LABEL.match(context.document.text, start)
    return match is not None and (
        match.group(1).lower() in context.knowledge.lexicon.study_sections
    )


def _cites(context: Context, facts) -> bool:
    sentence = facts.sentence
    return CITATION.search(context.document.text, sentence.start, sentence.end) is not None


def _message(context: Context, claim, words: str) -> str:
    if claim.register in context.knowledge.packs:
        return f"'{words}' needs evidence the text does not show ({claim.property})"
    return f"'{words}': no source in the register supports this ({claim.property})"


def _statistics_claim(context: Context):
    """The pack claim that speaks for invented statistics in any text, if one is loaded."""
    return next(
        (
            c
            for c in context.knowledge.claims.values()
            if STATISTICS_FAMILY in c.families and c.register in context.knowledge.packs
        ),
        None,
    )


def _statistics(context: Context) -> Iterator[Problem]:
    tied = {id(t.mention) for t in context.ties}  # a register claim speaks for these
    pack = _statistics_claim(context)
    for facts in context.sentences:
        if not facts.mentions:
            continue  # (most sentences) no number
        ratios = [m for m in facts.mentions if m.dimension == "ratio" and id(m) not in tied]
        if not ratios or not (facts.about_topic or pack is not None) or context.rejected(facts):
            continue
        # A register's absolute phrasing speaks for its words; a pack's statistics phrasing
        # meets this finding in the engine, which keeps one finding for the words.
        phrases = [
            context.token_span(m.start, m.end)
            for m in facts.roles(PHRASE)
            if not context.knowledge.from_pack(m.payload.claim)
        ]
        for mention in ratios:
            if any(start <= mention.start < end for start, end in phrases):
                continue  # part of an absolute phrasing ("100% results"), reported as such
            if not _outcome_statistic(context, facts, mention):
                continue
            if quoted(context.document.text, mention.start, mention.end):
                continue  # 'copy like "proven to cut wrinkles by 80%"': a wording named
            if _names_a_source(context, facts) or _cites(context, facts):
                continue  # "In a 2005 study, 14% of patients ...", "... 50% of men [2]": a measured rate
            words = context.document.text[mention.start : mention.end]
            if pack is not None and not facts.about_topic:
                yield Problem(
                    mention.start,
                    mention.end,
                    _message(context, pack, words),
                    pack.id,
                    counter_evidence(context, pack),
                    pack.suggestion,
                )
                continue
            yield Problem(
                mention.start,
                mention.end,
                f"'{words}': no claim in the register gives this figure; the sources report no such statistic",
                None,
                (),
                "remove the figure, or cite a source and add it to the register",
            )


STATISTIC_WINDOW = 4  # words between a percentage and the word that makes it an outcome


def _outcome_statistic(context: Context, facts, mention) -> bool:
    """A percentage reads as a claimed outcome when a statistic word ("patients",
    "success", "reduces") is close to it in the same clause, and it is not a price, a
    concentration ("38% off", "20% VAT") or how common a condition is ("suffer from")."""
    tokens, lexicon = context.tokens, context.knowledge.lexicon
    first = bisect.bisect_left(tokens.starts, mention.start)
    last = bisect.bisect_left(tokens.starts, mention.end)
    after = tokens.words[last] if last < facts.last_token else ""
    if after in lexicon.not_statistic_after:
        return False
    before = tokens.words[max(facts.first_token, first - 2) : first]
    if before and before[-1] in lexicon.not_statistic_linkers:
        before = before[:-1]
    if before and before[-1] in lexicon.not_statistic_before:
        return False  # "a discount of 3%": a price
    where = context.clause_of(facts, mention.start)
    if any(
        m.payload == "prevalence" and context.clause_of(facts, tokens.starts[m.start]) == where
        for m in context.lexicon_in(facts)
    ):
        return False  # "50% of men over 50 suffer from hair loss": how common a condition is
    if any(m.payload == "market" for m in context.lexicon_in(facts)):
        return False  # "the market grew 14% last year": a business figure
    low = max(facts.first_token, first - STATISTIC_WINDOW)
    high = min(facts.last_token, last + STATISTIC_WINDOW)
    return any(
        match.payload == "statistic"
        and context.clause_of(facts, tokens.starts[match.start]) == where
        for match in context.lexicon_phrases.find(tokens, low, high)
    )
