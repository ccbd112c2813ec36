"""FC001 conflict: a stated value that the claims register contradicts.

## What it does
Finds numbers tied to a register claim (by the claim's cue words in the same
sentence and a unit of the same kind) that lie outside every value the sources
give: an origin year other than the sourced one, a depth deeper than any source,
an effect that lasts longer than any source says; a place other than the sources'
("born in Italy" when they say France). Also finds a member of a set
claim presented as acceptable, such as a contraindication in "suitable for
everyone, including pregnant women" or a yes to a question asking leave for it ("Can
I have it while breastfeeding? Yes."). A least value ("at least", "a minimum of") is a
conflict above every source, and below every source when a source gives a least value
of its own or the claim is the wait between sessions ("a minimum of 2 weeks between
sessions" against 4 to 6).

## Why is this bad?
The text states as fact something the sources do not say, and often something
they rule out. Readers act on numbers like these.

## Example
```
Mesotherapy was invented in 1952 by Michel Pistor.
Our needles reach 12 mm into the skin.
```

Use instead:
```
Mesotherapy was introduced in 1958 by Michel Pistor.
Injections reach 0.5 to 4 mm into the skin.
```

## Options
None. A number is reported only when every claim it may be about rejects it, and
never when it is negated ("never deeper than 12 mm"), rejected ("the myth that one
session is enough"), doubted ("She says I need 20 sessions, is that normal?") or
corrected by the next sentence ("Salons say a day. In reality, it is a week."), nor
a count in a sentence with a price ("a three-session course costs £900": an offer).
A stated range is a conflict only when it shares nothing with any source's value
("from 3 to 15 sessions" against 5–10 is not; FC002 notes the part outside). It is an
error when the tie is sure (the claim's cue in the number's own clause) and the
statement plain; hedged ("may last up to 5 days") or tied from farther away, a warning.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from factlint import places, restrictions
from factlint.analysis import (
    CLAUSE_DISTANCE,
    MEMBER,
    PERMISSIVE,
    QUESTION_DISTANCE,
    Context,
    question_answered,
)
from factlint.analysis.reading import answer_starts, answer_to
from factlint.compare import supports
from factlint.extract.phrases import PhraseMatch
from factlint.extract.quantities import alternation
from factlint.extract.wordsets import WordTest
from factlint.findings import Severity
from factlint.rules.absolutes import answered_yes
from factlint.rules.base import Problem, evidence_of, quote_list, stated

CODE = "FC001"
NAME = "conflict"
SEVERITY = Severity.ERROR
FIXABLE = False


def check(context: Context) -> Iterator[Problem]:
    yield from _numbers(context)
    yield from _set_members(context)
    yield from _conditional_allowances(context)
    yield from _places(context)
    yield from _age_limits(context)
    yield from _table_answers(context)
    yield from _restrictions(context)


def _restrictions(context: Context) -> Iterator[Problem]:
    """Aftercare: "you can sunbathe straight after", "avoid make-up for 2 hours" when the
    sources say to avoid them for 24 to 48 hours."""
    for statement in context.shared(restrictions.statements):
        claim = statement.claim
        shortest = restrictions.shortest(claim, context, statement.members)
        if statement.hours >= shortest * (1 - claim.tolerance):
            continue
        sources_say = restrictions.required(claim, context, statement.members)
        what = restrictions.member_names(claim, statement.members)
        when = "straight away" if statement.hours == 0 else f"after {statement.hours:g} hours"
        if statement.kind == restrictions.RULE:
            said = f"the text says to avoid {what} for {statement.hours:g} hours"
        else:
            said = f"the text allows {what} {when}"
        yield Problem(
            statement.start,
            statement.end,
            f"{claim.property}: {said}, but the sources say to avoid it for {sources_say}",
            claim.id,
            evidence_of(claim),
            claim.suggestion or f"say to avoid {what} for {sources_say}",
        )


def _places(context: Context) -> Iterator[Problem]:
    """ "Mesotherapy was born in Italy" when the sources say France (an entity claim with cues)."""
    for statement in context.shared(places.statements):
        if statement.verdict != places.OTHER:
            continue
        claim = statement.claim
        told = claim.canonical + "".join(f" or {a.name}" for a in claim.alternatives)
        yield Problem(
            statement.start,
            statement.end,
            f"{claim.property}: the text says {statement.name}, but the sources say {told} "
            f"({quote_list(evidence_of(claim), 2)})",
            claim.id,
            evidence_of(claim),
            claim.suggestion or f"the sources say {told}",
        )


def _numbers(context: Context) -> Iterator[Problem]:
    for tie in context.ties:
        if tie.negated:
            continue
        unit = tie.mention.unit
        if (
            unit is not None
            and unit.counted
            and context.has_price(tie.sentence)
            and not _counted_column(context, tie)
        ):
            continue  # "a three-session course costs £900": a price list's package is an offer
        if tie.supported_by is not None:
            continue  # a candidate backs the value: not every one conflicts with it (Tie)
        if restrictions.ruled(context, tie.mention):
            continue  # "Wait at least twelve hours" for make-up: the aftercare rule's time
        # Asked last, of the few numbers in conflict: the writer's stance costs the most.
        if context.rejected(tie.sentence, tie.mention.start):
            continue
        claim = tie.claim
        message = (
            f"{claim.property}: the text says {stated(tie.mention, claim)}, but the sources give "
            f"{claim.describe_values()}"
        )
        other = _other_claim_with_value(context, tie)
        if other is not None:
            message += f" ({stated(tie.mention, claim)} is the sources' value for {other.property})"
        suggestion = claim.suggestion or f"use the sourced value: {claim.describe_values()}"
        yield Problem(
            tie.mention.start,
            tie.mention.end,
            message,
            claim.id,
            evidence_of(claim),
            suggestion,
            certain=_certain(tie),
        )


def _counted_column(context: Context, tie) -> bool:
    """The count stands in a table column of its own whose header names what it counts and
    holds a cue of the claim ("| Sessions recommended |" over "| 1 |"): the row's price is
    another column's. Under a bare "| Sessions |" beside a price, the row is a package."""
    column = context.tables.column_at(tie.mention.start)
    return (
        column is not None
        and column.unit is not None
        and column.unit == tie.mention.unit
        and tie.claim is not None
        and tie.claim.id in column.cues
    )


def _certain(tie) -> bool:
    """An error needs a sure tie and a plain statement: the claim's cue in the number's own
    clause or in the question it answers alone, no other claim's cue as near, and no hedge
    ("may last up to 5 days", "usually").
    Otherwise the conflict is reported as a warning."""
    nearest = tie.candidates[0].distance
    answered = nearest == QUESTION_DISTANCE and len(tie.candidates) == 1  # "How deep? 12 mm."
    return tie.unambiguous and (nearest < CLAUSE_DISTANCE or answered) and not tie.hedged


def _other_claim_with_value(context: Context, tie) -> object | None:
    """Another claim of the same kind whose sourced value this number is (a mix-up)."""
    if tie.mention.qualifier == "within":
        return None  # "the 1980s" holds a sourced year; it is not that year
    if tie.mention.dimension != "date":
        return None  # only a date is told as another claim's value
    units = context.knowledge.unit_by_name
    candidates = {c.claim.id for c in tie.candidates}
    for claim in context.knowledge.claims.values():
        if claim.id in candidates or not claim.is_numeric or claim.unit is None:
            continue
        if units[claim.unit].dimension != tie.mention.dimension:
            continue
        if any(supports(item, claim, tie.mention, units) for item in claim.values):
            return claim
    return None


def _set_members(context: Context) -> Iterator[Problem]:
    claims = context.knowledge.claims
    for facts in context.holding(PERMISSIVE):
        permissive = facts.roles(PERMISSIVE)
        if not permissive or context.rejected(facts):
            continue
        if facts.question and not answered_yes(context, facts):
            continue  # "Is it safe for breastfeeding mothers? Yes." asserts it
        if context.tables.header(facts.sentence.start):
            continue  # "| Suitable in pregnancy |" names a column; its cells answer
        for member_match in facts.roles(MEMBER):
            claim = claims[member_match.payload.claim]
            opener = next(
                (
                    p
                    for p in permissive
                    if p.payload.claim == claim.id and p.end <= member_match.start
                ),
                None,
            )
            if opener is None:
                opener = _said_after(context, facts, permissive, member_match, claim.id)
                if opener is None or context.negated_before(facts, member_match.start):
                    continue
                first, last = member_match, opener  # "pregnancy is not a contraindication"
            else:
                first, last = opener, member_match  # "suitable during pregnancy"
                if _negated_between(context, facts, opener.end, member_match.start):
                    continue
            if context.negated_before(facts, opener.start) and not _joined_after_negation(
                context, facts, opener.start
            ):
                continue
            if context.clause_denied(facts, first.start):
                continue  # "Nobody with keloid scars can have it": the subject denies it
            if _asked(context, facts, opener.start):
                continue  # "consult us to determine if it is suitable for you, ... pregnant"
            if context.off_topic_at(facts, context.tokens.starts[opener.start], claim.register):
                continue
            if context.answered_no(facts, claim.register):
                continue  # "| Suitable during pregnancy | no |": the row asks, its cells answer
            between = context.lexicon_phrases.find(context.tokens, first.end, last.start)
            if any(m.payload == "exception" for m in between):
                continue
            member = claim.members[member_match.payload.member]
            yield _allowed_member(
                context, claim, member, first, last, "the text presents it as acceptable"
            )


def _conditional_allowances(context: Context) -> Iterator[Problem]:
    """ "If you are on Accutane, it is fine to go ahead": a sentence that opens with a
    condition ("if", "even if") naming a member of a "who may have it" set, and allows
    in its next clause without naming whom (the lexicon's allowances); or a short question
    that names the member, with the allowance opening the next sentence ("Pregnant? Still
    fine to book."). Not when either part is negated ("If you are not pregnant", "it is
    not safe"), nor when the allowance is put off or made to hang on something ("once you
    have stopped", "only with your doctor's approval": the lexicon's deferrals)."""
    claims = context.knowledge.claims
    for facts in context.holding(MEMBER):
        index = facts.index
        members = [m for m in facts.roles(MEMBER) if claims[m.payload.claim].permissive]
        if not members or context.rejected(facts):
            continue
        if facts.question:
            found = _asked_then_allowed(context, index, members)
        else:
            found = _if_then_allowed(context, facts, members) or _asked_within(
                context, facts, members
            )
        if found is None:
            continue
        member, allowance, said = found
        claim = claims[member.payload.claim]
        if context.off_topic_at(said, context.tokens.starts[allowance.start], claim.register):
            continue
        entry = claim.members[member.payload.member]
        yield _allowed_member(
            context, claim, entry, member, allowance, "the text allows it on that condition"
        )


def _allowed_member(context: Context, claim, member, first, last, how: str) -> Problem:
    """The finding for a member of a "who may not have it" set that the text allows, from
    the match `first` to the match `last`; `how` says how the text allows it."""
    start, _ = context.token_span(first.start, first.end)
    _, end = context.token_span(last.start, last.end)
    evidence = member.evidence or evidence_of(claim)
    return Problem(
        start,
        end,
        f"the sources list {member.name} among the {claim.property} "
        f"({quote_list(evidence, 1)}), but {how}",
        claim.id,
        tuple(evidence),
        claim.suggestion or f"say that {member.name} is one of the {claim.property}",
    )


def _if_then_allowed(context: Context, facts, members):
    """(member, allowance, sentence) of "If <member ...>, <allowance>", else None."""
    lex, words, starts = context.knowledge.lexicon, context.tokens.words, context.tokens.starts
    first = facts.first_token + (words[facts.first_token] in lex.condition_intensifiers)
    if first >= facts.last_token or words[first] not in lex.conditions:
        return None
    condition = context.clause_of(facts, starts[first])
    member = next(
        (m for m in members if context.clause_of(facts, starts[m.start]) == condition), None
    )
    if member is None:
        return None
    allowance = _allowance(
        context,
        facts,
        lambda m: (
            m.start >= member.end
            and context.clause_of(facts, starts[m.start]) in (condition, condition + 1)
        ),
    )
    if allowance is None or _negated_between(context, facts, first, allowance.start):
        return None
    return member, allowance, facts


ASKED_WORDS = 5  # words of a question that names a member as a condition ("PSA: pregnant?")


def _asked_then_allowed(context: Context, index: int, members):
    """(member, allowance, sentence) of "<member>? <allowance> ..." ("On blood thinners?
    It is fine to go ahead."), else None: the short question puts the condition. A question
    that asks leave for the member ("Can I have it when pregnant?", "Is it safe while
    breastfeeding?"; the lexicon's permission_words) is answered by a yes ("Yes, no
    problem.", "A: yes"), past a speaker's label, in its paragraph or the next."""
    facts = context.sentences[index]
    if index + 1 >= len(context.sentences):
        return None
    said = context.sentences[index + 1]
    if said.question or _negated_between(context, facts, facts.first_token, facts.last_token):
        return None
    yes = _yes_to_leave(context, facts, said)
    if yes is not None:
        return members[0], yes, said
    if (
        facts.last_token - facts.first_token > ASKED_WORDS
        or said.sentence.paragraph != facts.sentence.paragraph
    ):
        return None
    opening = context.clause_of(said, context.tokens.starts[said.first_token])
    allowance = _allowance(
        context,
        said,
        lambda m: context.clause_of(said, context.tokens.starts[m.start]) == opening,
    )
    # (the allowance's own words may deny: "No problem.")
    if allowance is None or _negated_between(context, said, said.first_token, allowance.start):
        return None
    if not context.knowledge.lexicon.deferrals.isdisjoint(
        context.tokens.words[said.first_token : allowance.start]
    ):
        return None  # "Pregnant? After the birth it is fine to go ahead."
    return members[0], allowance, said


LEAVE_WORDS = (
    12  # words of a question that asks leave for a member ("Can I have it while pregnant?")
)


def _yes_to_leave(context: Context, facts, said):
    """The yes (a match-like span of its word) that answers a question asking leave for a
    member, else None. Not a yes that a negation follows ("Yes, it is not allowed") unless
    an allowance opens there ("yes no problem"), nor one put off ("Yes, after the birth")."""
    lex, words = context.knowledge.lexicon, context.tokens.words
    asked = words[facts.first_token : facts.last_token]
    if len(asked) > LEAVE_WORDS or lex.permission_words.isdisjoint(asked):
        return None
    if facts.roles(PERMISSIVE):
        return None  # "Is it safe for breastfeeding mothers? Yes.": the permissive wording's own
    if answer_to(context.sentences, facts) is not said:
        return None
    # (past a speaker's label, with a remark or a time stamp: "A (Owner): Yes")
    first = next(
        (
            i
            for i in answer_starts(context.document.text, context.tokens, said, lex)
            if i < said.last_token and words[i] in lex.affirmative_answers
        ),
        None,
    )
    if first is None:
        return None
    # (an allowance's own words neither deny nor put off: "yes no problem")
    allowed = {
        i
        for m in context.lexicon_in(said)
        if m.payload == "allowance"
        for i in range(m.start, m.end)
    }
    rest = [words[i] for i in range(first + 1, said.last_token) if i not in allowed]
    if not lex.deferrals.isdisjoint(rest) or any(
        w in lex.negators or w.endswith(lex.negator_endings) for w in rest
    ):
        return None
    return PhraseMatch(first, first + 1, "allowance")


def _asked_within(context: Context, facts, members):
    """(member, allowance, sentence) of "pregnant? still fine to book" as one sentence (a
    question mark before a lower-case word ends no sentence): the short question before
    the mark names the member, the words after it allow."""
    text, tokens = context.document.text, context.tokens
    last = min(facts.first_token + ASKED_WORDS, facts.last_token - 1)
    mark = next(
        (
            i
            for i in range(facts.first_token, last)
            if "?" in text[tokens.ends[i] : tokens.starts[i + 1]]
        ),
        None,
    )
    if mark is None:
        return None
    member = next((m for m in members if m.end <= mark + 1), None)
    if member is None or _negated_between(context, facts, facts.first_token, mark + 1):
        return None
    allowance = _allowance(context, facts, lambda m: m.start > mark)
    if allowance is None or _negated_between(context, facts, mark + 1, allowance.start):
        return None
    if not context.knowledge.lexicon.deferrals.isdisjoint(
        context.tokens.words[mark + 1 : allowance.start]
    ):
        return None  # "pregnant? wait until after the birth, then it's fine to go ahead"
    return member, allowance, facts


def _allowance(context: Context, facts, where):
    """The longest allowance of the lexicon in the sentence where `where` holds ("it is fine
    to go ahead", not "is fine"), when nothing after it puts it off (the lexicon's
    deferrals); else None."""
    found = max(
        (m for m in context.lexicon_in(facts) if m.payload == "allowance" and where(m)),
        key=lambda m: m.end,
        default=None,
    )
    deferrals = context.knowledge.lexicon.deferrals
    if found is None or not deferrals.isdisjoint(
        context.tokens.words[found.end : facts.last_token]
    ):
        return None
    return found


_AGE_PATTERNS: dict[int, re.Pattern] = {}


def age_words(words, lex) -> set[str] | None:
    """Of a text's words (tokens, lower case), those where a match of the age pattern's
    number can begin, a superset found without scanning every character: the number
    follows no letter or digit (the pattern's look-behind, or the space or hyphen after
    an opener), so it starts a token, or follows an apostrophe inside one; it is digits
    or a number word. Words with an apostrophe or a character outside ASCII (whose case
    folding may differ from lower()) are kept to be safe. None: no such shortcut (a
    number word outside ASCII, or not opening with a letter)."""
    openings = []
    for word, value in lex.numbers.items():
        if 1 < value < 100:
            opening = _OPENING.match(word.lower()).group()
            if not opening or not word.isascii():
                return None
            openings.append(opening)
    openings = tuple(openings)
    kept = _AGE_WORDS.get(id(lex))
    if kept is None or kept[0] is not lex or kept[1] != openings:
        kept = _AGE_WORDS[id(lex)] = (
            lex,
            openings,
            WordTest(
                lambda w: w[:1].isdigit() or w.startswith(openings) or "'" in w or not w.isascii()
            ),
        )
    return kept[2].among(words)  # each word tested once per run (extract.wordsets)


# id(lexicon) -> (lexicon, the number words' openings, the test of age_words)
_AGE_WORDS: dict[int, tuple] = {}


_OPENING = re.compile(r"[^\W_]*")


def _age_pattern(lex) -> re.Pattern:
    pattern = _AGE_PATTERNS.get(id(lex))
    if pattern is None:

        def words(items):
            # Longest first, written as a tree of shared beginnings (the same matches, found
            # faster); the same pattern in every run whatever a set's order (its compiled
            # form is kept between runs).
            return alternation(items) or "(?!)"

        number = r"\d{1,2}|" + words(w for w, v in lex.numbers.items() if 1 < v < 100)
        pattern = re.compile(
            rf"(?<![\w.,])(?:(?P<open>{words(lex.age_openers)})[\s-]+)?(?P<n>{number})"
            # not "16 to 18"; sorted, as a set's order (and so the pattern's text, by which
            # compiled patterns are kept for the next run) changes from run to run
            # nor a decimal ("16.5") or a thousands group ("16,000"); a full stop or comma
            # after it ends the sentence or clause ("fine from 16.", "From 14, with consent")
            rf"(?![\w%:]|[.,]\d|\s*(?:[-–—]|{words(sorted(lex.range_words))})\s*\d)"
            rf"(?P<close>\s*(?:{words(lex.age_closers)})(?!\w))?",
            re.IGNORECASE,
        )
        _AGE_PATTERNS[id(lex)] = pattern
    return pattern


def _age_limits(context: Context) -> Iterator[Problem]:
    """ "fine from 16", "teens from 14", "16+" when the sources set a minimum age of 18."""
    limits = [
        (claim, member)
        for claim in context.knowledge.claims.values()
        if claim.kind == "set"
        for member in claim.members
        if member.minimum_age is not None
    ]
    if not limits:
        return
    lex = context.knowledge.lexicon
    pattern = _age_pattern(lex)
    text = context.document.text
    grammar = context.knowledge.grammar
    words, ends = context.tokens.words, context.tokens.ends
    hot = age_words(words, lex)
    for facts in context.sentences:
        # The sentence's words, with one it may start inside of (see age_words).
        first = bisect.bisect_right(ends, facts.sentence.start)
        if hot is not None and not any(map(hot.__contains__, words[first : facts.last_token])):
            continue  # no word where an age's number can begin: no match
        matches = [
            m
            for m in pattern.finditer(text, facts.sentence.start, facts.sentence.end)
            if m.group("open") or m.group("close")
        ]
        if not matches or facts.question or context.rejected(facts) or context.has_price(facts):
            continue
        about: dict[str, bool] = {}  # per claim: whether the sentence is about who may have it
        negated = _negated_clauses(context, facts)
        for match in matches[:MAX_AGES]:
            age = _age_value(match, lex)
            following = text[match.end() : match.end() + 30].split()
            unit = grammar.unit_of(following[0].strip(".,;:!?)").lower()) if following else None
            if age is None or (unit is not None and unit.dimension != "time"):
                continue  # "from 16 sessions": a count, not an age
            if unit is not None and unit.name != "year":
                continue  # "from 16 days"
            opener = (match.group("open") or "").lower()
            if (
                not match.group("close")
                and " " not in opener
                and following
                and following[0][:1].isalpha()
                and following[0].strip(".,;:!?)").lower() not in lex.age_followers
            ):
                continue  # "clients from 16 countries": "from 16" with a noun after it is no age
            token = bisect.bisect_left(context.tokens.starts, match.start())
            for claim, member in limits:
                if age >= member.minimum_age:
                    continue
                if claim.id not in about:
                    about[claim.id] = _about_who(context, facts, claim)
                if not about[claim.id]:
                    continue
                if context.negated_before(facts, token) or context.answered_no(
                    facts, claim.register
                ):
                    continue
                if context.clause_of(facts, match.start()) in negated:
                    continue  # "from the age of 16 is not allowed"
                if context.off_topic_at(facts, match.start(), claim.register):
                    continue
                evidence = member.evidence or evidence_of(claim)
                yield Problem(
                    match.start(),
                    match.end(),
                    f"the sources list {member.name} among the {claim.property} "
                    f"({quote_list(evidence, 1)}), but the text allows it from the age of "
                    f"{age:g}",
                    claim.id,
                    tuple(evidence),
                    claim.suggestion or f"say that {member.name} is one of the {claim.property}",
                )


# Ages read in one sentence at most: a run of "1+2+3+..." is no list of age limits.
MAX_AGES = 20


def _negated_clauses(context: Context, facts) -> set[int]:
    """The clauses of a sentence that hold a negation."""
    words, starts = context.tokens.words, context.tokens.starts
    negators = context.knowledge.lexicon.negators
    negating = context.knowledge.lexicon.negator_endings  # "isn't"
    return {
        context.clause_of(facts, starts[i])
        for i in range(facts.first_token, facts.last_token)
        if words[i] in negators or words[i].endswith(negating)
    }


def _age_value(match: re.Match, lex) -> float | None:
    raw = match.group("n").lower()
    value = float(raw) if raw.isdigit() else lex.numbers.get(raw)
    if value is None or value < 5:
        return None
    opener = " ".join((match.group("open") or "").lower().split())
    # "over 16" allows 17-year-olds: the age itself is excluded
    return value + 1 if opener in lex.exclusive_age_openers else value


def _about_who(context: Context, facts, claim) -> bool:
    """Whether a number is an age in a statement about who may have it: the sentence
    presents something as acceptable, or says it is an age, or answers a question that
    does ("Can teenagers have it? From fourteen.")."""
    asked = question_answered(context, facts)
    return _says_who(context, facts, claim) or (
        asked is not None and _says_who(context, asked, claim)
    )


def _says_who(context: Context, facts, claim) -> bool:
    if any(p.payload.claim == claim.id for p in facts.roles(PERMISSIVE)):
        return True
    words = context.knowledge.lexicon.age_words
    said = context.document.text[facts.sentence.start : facts.sentence.end].lower()
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", said) for w in words)


def _table_answers(context: Context) -> Iterator[Problem]:
    """ "| Pregnant women | yes |" under a header about the procedure: a row whose label
    is a member, answered yes."""
    if not context.tables.any_rows():
        return  # no table row, no row label
    claims = context.knowledge.claims
    for facts in context.holding(MEMBER):
        members = [
            m
            for m in facts.roles(MEMBER)
            if claims[m.payload.claim].permissive
            and context.row_label(context.tokens.starts[m.start])
        ]
        if not members or context.negated_before(facts, members[0].start):
            continue
        for match in members:
            claim = claims[match.payload.claim]
            if not context.answered_yes(facts, claim.register):
                continue
            member = claim.members[match.payload.member]
            yield _allowed_member(context, claim, member, match, match, "the table answers yes")
            break


# A permissive phrase this close after a member speaks of it ("pregnancy is not a contraindication").
AFTER_MEMBER = 4


ASKING_WORDS = 4  # words between an asking verb and its "if" ("determine with us if")


def _asked(context: Context, facts, token: int) -> bool:
    """The permissive words follow "if" or "whether" after an asking verb in their clause
    ("a consultation to determine if it is suitable for you, especially if you are
    pregnant"): whether it is acceptable is asked, not said."""
    lex = context.knowledge.lexicon
    words, starts = context.tokens.words, context.tokens.starts
    statement = context.clause_of(facts, starts[token], strong=True)
    for i in range(token - 1, facts.first_token - 1, -1):
        if context.clause_of(facts, starts[i], strong=True) != statement:
            return False
        if words[i] in lex.indirect_question_words:
            return any(
                words[j] in lex.asking_verbs
                for j in range(max(facts.first_token, i - ASKING_WORDS), i)
            )
    return False


def _said_after(context: Context, facts, permissive, member_match, claim_id: str):
    """A permissive phrase of the claim right after the member, in its statement."""
    statement = context.clause_of(facts, context.tokens.starts[member_match.start], strong=True)
    for phrase in permissive:
        if phrase.payload.claim != claim_id or phrase.start < member_match.end:
            continue
        if (
            phrase.start - member_match.end <= AFTER_MEMBER
            and context.clause_of(facts, context.tokens.starts[phrase.start], strong=True)
            == statement
        ):
            return phrase
    return None


def _joined_after_negation(context: Context, facts, token: int) -> bool:
    """An "and" stands between the permissive words and the negation before them: the
    negation is the earlier predicate's ("completely without risk and also suitable for
    pregnant women")."""
    lex = context.knowledge.lexicon
    words = context.tokens.words
    for i in range(token - 1, facts.first_token - 1, -1):
        if words[i] in lex.conjunctions:
            return True
        if words[i] in lex.negators or words[i].endswith(lex.negator_endings):
            return False
    return False


def _negated_between(context: Context, facts, first: int, last: int) -> bool:
    """A negation in the tokens [first, last), between a permissive phrase and the member
    ("suitable for everyone but not pregnant women"); the phrase's own words ("not a
    contraindication") do not count."""
    words = context.tokens.words
    negators = context.knowledge.lexicon.negators
    negating = context.knowledge.lexicon.negator_endings  # "isn't"
    return any(words[i] in negators or words[i].endswith(negating) for i in range(first, last))
