"""Whether the writer asserts what a sentence says, or reports it only to reject it.

A number or phrasing that the writer rejects ("the myth that it is painless"), doubts
("She says I need 20 sessions, is that normal?"), answers ("Some salons say 10 mm; no
source gives more than 6 mm") or corrects in the next sentence ("In reality, ...") is not
the writer's claim, and the fact-check rules leave it alone. The words that signal each
of these are language data (the lexicon's rejections, replies, doubts, corrections...).

It reads only a Reading (factlint.analysis.reading): the sentences, their clauses, tokens
and the lexicon's phrases in them; nothing of tables, numbers or claims.
"""

from __future__ import annotations

import bisect
import re

from factlint.analysis.anchors import (
    LEAD_WINDOW,
)  # sentences a lead-in ("Red flags:") reaches down its list
from factlint.analysis.facts import SentenceFacts
from factlint.analysis.reading import Reading, turn_opening
from factlint.document import Document
from factlint.segment import ending

REPLY_OPENERS = ("—", "–", " - ", ";", ":", "(")  # what opens a reply inside a sentence
REPLY_WORDS = 8  # a following sentence this short can reject the one before ("It isn't.")
HYPOTHETICAL_WORDS = (
    6  # words after "if" within which the reader is addressed ("If your bruises ...")
)
REJECTION_OPENING = 2  # words a later clause may have before its rejection ("which is a lie")


def rejected(reading: Reading, facts: SentenceFacts, offset: int | None = None) -> bool:
    """The writer does not assert what the sentence says (at `offset`, when given).

    In the sentence: a case rather than a fact ("If it lasts over a week, ..."), a
    rejection ("the myth that...", "... — it isn't"), a question
    that ends by doubting ("..., is that normal?"), a report answered later ("Some say
    1952, but that was...", "...; no source gives more") or corrected ("...; in reality,
    ..."). In the next sentence: a short reply ("It isn't.", "Is it?", "No."), a
    correction ("In reality, ..."), or, after a report, the sources denying it ("No
    source gives more than..."); a quoted block is answered by the paragraph after it.
    With `offset`, a rejection counts before it, in its clause, opening a later clause
    ("..., which is a lie") or in one that points back ("..., but these are far too
    long"); not deep in a later clause about something else ("painless, so nothing can
    go wrong")."""
    return rejected_at(reading, facts, offset) or rejected_whole(reading, facts)


def rejected_at(reading: Reading, facts: SentenceFacts, offset: int | None = None) -> bool:
    """The parts of `rejected` that depend on `offset`: what rejects the words there."""
    if _rejection_within(reading, facts, offset) or _replied_within(reading, facts, offset):
        return True
    if offset is not None and _hypothetical(reading, facts, offset):
        return True
    if facts.question and offset is not None and _tag_doubt(reading, facts, offset):
        return True
    if offset is not None and (
        _report_answered(reading, facts, offset) or _corrected_within(reading, facts, offset)
    ):
        return True
    index = facts.index + 1
    if offset is not None and index < len(reading.sentences):
        following = reading.sentences[index]
        if (
            following.sentence.paragraph == facts.sentence.paragraph
            and _sources_deny(reading, following)
            and _reported_before(reading, facts, offset)
        ):
            return True  # "Some salons say two years. No source gives more than eighteen months."
    return False


def rejected_whole(reading: Reading, facts: SentenceFacts) -> bool:
    """The parts of `rejected` that hold for the whole sentence, whatever the offset (a
    Context asks them once a sentence)."""
    if _introduced_as_rejected(reading, facts) or _quotes_earlier(reading, facts):
        return True
    index = facts.index + 1
    if index < len(reading.sentences):
        following = reading.sentences[index]
        # (a turn of a transcript answers after its speaker's label: "DR. MOREL: No, ...")
        opening = turn_opening(
            reading.document.text, reading.tokens, following, reading.knowledge.lexicon
        )
        short = following.last_token - opening <= REPLY_WORDS
        # A quoted block ("> it is painless") is answered by the paragraph after it.
        answered = following.sentence.paragraph == facts.sentence.paragraph or (
            following.sentence.paragraph == facts.sentence.paragraph + 1
            and _quoted_block(reading, facts)
        )
        if answered and (
            _corrects(reading, following, opening) or _opens_with_reply(reading, following, opening)
        ):
            return True
        if answered and facts.question and _opens_with_no(reading, following, opening):
            return True  # "Mesotherapy: painless? No - most patients feel a sting."
        if short and answered:
            return (
                reading.sentence_has(following, "reply")
                or _disowning(reading, following)
                or (following.question and _whole_doubt(reading, following))
                or _bare_no(reading, following, opening)
            )
    return False


def _hypothetical(reading: Reading, facts: SentenceFacts, offset: int) -> bool:
    """The words at `offset` are in a clause that puts a case to the reader, not a fact:
    it opens with "if", "unless", "should" and speaks to the reader ("If your bruises
    persist after one week, call us"). "If a course of 6 to 8 sessions is completed, ..."
    still says what a course is."""
    lex, words = reading.knowledge.lexicon, reading.tokens.words
    if lex.hypotheticals.isdisjoint(words[facts.first_token : facts.last_token]):
        return False  # (most sentences) no "if", "unless" anywhere in it
    clause = reading.clause_of(facts, offset)
    first = reading.past_connectives(reading.clause_start_token(facts, clause), facts.last_token)
    if (
        first >= facts.last_token
        or words[first] not in lex.hypotheticals
        or reading.tokens.starts[first] > offset
    ):
        return False
    token = min(bisect.bisect_left(reading.tokens.starts, offset), first + 1 + HYPOTHETICAL_WORDS)
    reader = next((i for i in range(first + 1, token) if words[i] in lex.reader_words), None)
    return reader is not None and not _wish_offered(reading, facts, clause, reader + 1)


def _wish_offered(reading: Reading, facts: SentenceFacts, clause: int, token: int) -> bool:
    """The case puts a wish of the reader's ("if you want similar results without surgery,
    X may be the option for you"): the lexicon's reader_wishes at `token`, not before "to",
    and a later clause of the sentence that offers it (no negation there: "..., X is not
    for you" offers nothing)."""
    lex, words = reading.knowledge.lexicon, reading.tokens.words
    wish = next((w for w in lex.reader_wishes if tuple(words[token : token + len(w)]) == w), None)
    if wish is None:
        return False
    after = token + len(wish)
    if after >= facts.last_token or words[after] in lex.infinitive_markers:
        return False  # "if you want to ...": the reader's own aim
    starts = reading.tokens.starts
    rest = [
        i for i in range(after, facts.last_token) if reading.clause_of(facts, starts[i]) > clause
    ]
    return bool(rest) and lex.negators.isdisjoint(words[i] for i in rest)


def _opens_later_part(reading: Reading, token: int) -> bool:
    """Whether a token opens a later part of its sentence: after a clause break ("but") or a
    mark that opens a reply ("—", ";", ":", "(")."""
    tokens = reading.tokens
    gap = reading.document.text[tokens.ends[token - 1] : tokens.starts[token]]
    return tokens.words[token - 1] in reading.knowledge.lexicon.clause_breaks or any(
        mark in gap for mark in REPLY_OPENERS
    )


def _reported_before(reading: Reading, facts: SentenceFacts, offset: int) -> bool:
    """A reporting verb before `offset` in the sentence ("Some salons say ...")."""
    words, verbs = reading.tokens.words, reading.knowledge.lexicon.reporting_verbs
    token = bisect.bisect_left(reading.tokens.starts, offset)
    return not verbs.isdisjoint(words[facts.first_token : token])


def _sources_deny(reading: Reading, facts: SentenceFacts) -> bool:
    """The sentence opens by saying the sources do not back something ("No source gives
    more than...", "None of the studies shows...")."""
    lex, words = reading.knowledge.lexicon, reading.tokens.words
    first = facts.first_token
    if first >= facts.last_token or words[first] not in lex.negative_openers:
        return False
    return any(
        words[i] in lex.source_words for i in range(first + 1, min(first + 5, facts.last_token))
    )


def _report_answered(reading: Reading, facts: SentenceFacts, offset: int) -> bool:
    """What others say, answered later in the same sentence: by "but" and a word pointing
    back ("Some writers say it was 1952, but that was the year of his first experiment")
    or by a clause that opens with a denial ("Some clinics say 10 mm; no source gives
    more than 6 mm")."""
    lex, words = reading.knowledge.lexicon, reading.tokens.words
    reported = _reported_before(reading, facts, offset)
    token = bisect.bisect_left(reading.tokens.starts, offset)
    if not reported and lex.reporting_verbs.isdisjoint(words[token + 1 : facts.last_token - 1]):
        return False  # (most sentences) no report before or after: nothing is answered
    for i in range(token + 2, facts.last_token):
        # the report may also follow the words it attributes ("invented in 1952, according
        # to some blogs, but the sources say 1958")
        reported = reported or words[i - 1] in lex.reporting_verbs
        if not reported:
            continue
        if words[i - 1] in lex.clause_breaks and _answering(lex, words, i, facts.last_token):
            return True  # "..., but that was ...", "..., but critics|the sources say ..."
        if words[i] in lex.negative_openers and _opens_later_part(reading, i):
            return True  # "...; no source gives more"
    return False


def _answering(lex, words, i: int, last: int) -> bool:
    """The words after a clause break answer a report: a word pointing back, a counter voice
    ("critics"), or the sources, after a determiner ("the sources say ...")."""
    if words[i] in lex.determiners and i + 1 < last:
        i += 1
    return (
        words[i] in lex.back_references
        or words[i] in lex.counter_voices
        or words[i] in lex.source_words
    )


def _corrected_within(reading: Reading, facts: SentenceFacts, offset: int) -> bool:
    """A later statement of the sentence opens with a correction ("Salons advertise
    three-session courses; in reality, the sources talk of five to fifteen")."""
    starts = reading.tokens.starts
    return any(
        m.payload == "correction"
        and starts[m.start] > offset
        and m.start > facts.first_token
        and (_opens_later_part(reading, m.start) or _ends_concession(reading, facts, m.start))
        for m in reading.lexicon_in(facts)
    )


def _ends_concession(reading: Reading, facts: SentenceFacts, token: int) -> bool:
    """The sentence opens by conceding ("Though videos show instant results, the reality
    is ...") and the token opens the clause after that concession's comma."""
    first = facts.first_token
    if reading.tokens.words[first] not in reading.knowledge.lexicon.clause_breaks:
        return False
    tokens = reading.tokens
    return "," in reading.document.text[tokens.ends[token - 1] : tokens.starts[token]]


def _tag_doubt(reading: Reading, facts: SentenceFacts, offset: int) -> bool:
    """A question that ends by doubting what it reports ("She says I need 10 sessions, is
    that normal?", "..., really?")."""
    starts = reading.tokens.starts
    return any(
        m.payload == "doubt"
        and m.end == facts.last_token
        and starts[m.start] > offset
        and m.start > facts.first_token
        for m in reading.lexicon_in(facts)
    )


def _opens_with_no(reading: Reading, facts: SentenceFacts, first: int | None = None) -> bool:
    """The sentence opens (at `first`, past a speaker's label) with a no and a mark before
    what follows ("No - most feel a sting", "No, it stings"): the answer to a question
    before it."""
    first = facts.first_token if first is None else first
    if first + 1 >= facts.last_token:
        return _bare_no(reading, facts, first)
    if reading.tokens.words[first] not in reading.knowledge.lexicon.negative_answers:
        return False
    gap = reading.document.text[reading.tokens.ends[first] : reading.tokens.starts[first + 1]]
    return any(mark in gap for mark in (",", ":", "!", "—", "–", " - "))


def _bare_no(reading: Reading, facts: SentenceFacts, first: int | None = None) -> bool:
    """The sentence is only a no ("No.", "Nope!"), from `first` (past a speaker's label)."""
    first = facts.first_token if first is None else first
    words = reading.tokens.words[first : facts.last_token]
    return bool(words) and " ".join(words) in reading.knowledge.lexicon.negative_answers


def _corrects(reading: Reading, facts: SentenceFacts, first: int | None = None) -> bool:
    """The sentence opens (at `first`, past a speaker's label) by correcting the one
    before ("In reality, ...")."""
    first = facts.first_token if first is None else first
    return any(m.payload == "correction" and m.start == first for m in reading.lexicon_in(facts))


def _opens_with_reply(reading: Reading, facts: SentenceFacts, first: int) -> bool:
    """The sentence's first clause, past "however" or "but", is a reply and nothing more,
    however long the rest ("However, it is not, and you will need a touch-up once a
    year."; not "It is not cheap, but ..." nor "It isn't painful for everyone")."""
    first = reading.past_connectives(first, facts.last_token)
    starts = reading.tokens.starts
    return any(
        m.payload == "reply"
        and m.start == first
        and (
            m.end == facts.last_token
            or reading.clause_of(facts, starts[m.end]) != reading.clause_of(facts, starts[first])
        )
        for m in reading.lexicon_in(facts)
    )


def _own_word(reading: Reading, facts: SentenceFacts, match) -> bool:
    """The rejection word is the speaker's own commitment: after "I", "we", "our" ("we
    promise", "that's our promise"), or a promise kept ("exactly as promised"), not a report
    the writer distances from."""
    lexicon = reading.knowledge.lexicon
    return match.start > facts.first_token and (
        reading.tokens.words[match.start - 1] in lexicon.self_subjects
        or reading.tokens.words[match.start - 1] in lexicon.kept_before
    )


def _disowning(reading: Reading, facts: SentenceFacts) -> bool:
    """A rejection in the sentence that is not the speaker's own word ("That's a myth.",
    not "That's our promise.")."""
    return any(
        m.payload == "rejection" and not _own_word(reading, facts, m)
        for m in reading.lexicon_in(facts)
    )


def _rejection_within(reading: Reading, facts: SentenceFacts, offset: int | None) -> bool:
    starts = reading.tokens.starts
    for match in reading.lexicon_in(facts):
        if match.payload != "rejection":
            continue
        if _own_word(reading, facts, match):
            continue  # "I promise", "our promise": the speaker's own word
        if offset is None or starts[match.start] <= offset:
            return True
        clause = reading.clause_of(facts, starts[match.start])
        if clause == reading.clause_of(facts, offset):
            return True
        first = reading.clause_start_token(facts, clause)
        if match.start - first <= REJECTION_OPENING:
            return True
        opener = reading.past_connectives(first, match.start)
        if (
            opener < match.start
            and reading.tokens.words[opener] in reading.knowledge.lexicon.back_references
        ):
            return True  # "..., but these are far too long", "..., and this is a myth"
    return False


def _quoted_block(reading: Reading, facts: SentenceFacts) -> bool:
    """Whether the sentence is in a Markdown blockquote (a line opening with '>')."""
    if reading.document.kind != "markdown":
        return False
    _, start, _, where = reading.source_line(facts.sentence.start)
    return reading.document.source[start:where].lstrip(" \t").startswith(">")


QUOTED_MIN_WORDS = 2  # words a quoted block needs to be told as a quotation of earlier text


def _quotes_earlier(reading: Reading, facts: SentenceFacts) -> bool:
    """A quoted block that repeats words of the text before it (a forum reply quoting the
    post it answers: "> My clinic says I need 20 sessions"): the earlier words are judged
    where they stand, and the quotation says nothing new."""
    if facts.last_token - facts.first_token < QUOTED_MIN_WORDS or not _quoted_block(reading, facts):
        return False
    text, tokens = reading.document.text, reading.tokens
    quoted = text[tokens.starts[facts.first_token] : tokens.ends[facts.last_token - 1]]
    return text.find(quoted, 0, facts.sentence.start) >= 0  # (no copy of the text before)


def _whole_doubt(reading: Reading, facts: SentenceFacts) -> bool:
    """The question is a doubt and nothing more ("Is it?", "Really?"; not "Is it safe?"),
    or asks yes or no of what was just said with a doubting adverb ("But can this really
    happen?", "Does it actually work?"; not "Is it right for you?")."""
    if any(
        m.payload == "doubt" and m.start == facts.first_token and m.end == facts.last_token
        for m in reading.lexicon_in(facts)
    ):
        return True
    lex, words = reading.knowledge.lexicon, reading.tokens.words
    first = reading.past_connectives(facts.first_token, facts.last_token)
    return (
        first + 2 < facts.last_token
        and words[first] in lex.auxiliaries
        and words[first + 1] in lex.back_references
        and not lex.doubt_adverbs.isdisjoint(words[first + 2 : facts.last_token])
    )


def _replied_within(reading: Reading, facts: SentenceFacts, offset: int | None) -> bool:
    """A reply that makes up the end of a later clause: "People say it's painless — it
    isn't", "..., but it is not." (not "..., but it is not cheap")."""
    starts = reading.tokens.starts
    for match in reading.lexicon_in(facts):
        i = match.start
        if match.payload != "reply" or i == facts.first_token:
            continue
        if offset is not None and starts[i] <= offset:
            continue  # a reply answers what came before it
        if not _opens_later_part(reading, i):
            continue
        if match.end == facts.last_token or reading.clause_of(
            facts, starts[match.end]
        ) != reading.clause_of(facts, starts[i]):
            return True
    return False


LIST_ITEM_WORDS = 40  # longer than this, a sentence is prose again, not a list item


def _introduced_as_rejected(reading: Reading, facts: SentenceFacts) -> bool:
    """The sentence is what a lead-in before it rejects: "Biggest myth? 'That it's
    painless.'", or an item of a list under "Be careful if the salon:". The lead-in is a
    sentence ending in ':' or '?' with a rejection in it, and nothing between them is
    longer than a list item. After items without full stops, a sentence with one is the
    prose that follows the list, not one of its items."""
    # A lead-in ends with ':' or '?': without one among the sentences the walk may reach,
    # there is none (most sentences).
    leads = _lead_in_marks(reading)
    nearest = bisect.bisect_left(leads, facts.index) - 1
    if nearest < 0 or leads[nearest] < facts.index - LEAD_WINDOW:
        return False
    return _lead_in_above(reading, facts)


def _lead_in_above(reading: Reading, facts: SentenceFacts) -> bool:
    """_introduced_as_rejected's walk up from the sentence, whatever the marks."""
    text = reading.document.text
    own_ending = _ending(text, facts)
    restarts = reading.segments.restarts
    for index in range(facts.index - 1, max(-1, facts.index - 1 - LEAD_WINDOW), -1):
        if index + 1 in restarts:
            # A run of paragraphs read alone starts after a sentence of prose (ending
            # with a full stop: factlint.analysis.anchors), where the walk stops.
            return False
        lead = reading.sentences[index]
        if lead.last_token - lead.first_token > LIST_ITEM_WORDS:
            return False
        ending = _ending(text, lead)
        if ending in ":?" and reading.sentence_has(lead, "rejection"):
            if index == facts.index - 1:
                return True
            return ending == ":" and (
                not (own_ending and own_ending in ".!") or _bulleted(reading.document, facts)
            )
        if ending in ".!" and not (
            _bulleted(reading.document, lead) and _bulleted(reading.document, facts)
        ):
            return False  # a sentence of prose between: the lead-in, if any, is over
        if ending == ":" and _bulleted(reading.document, facts):
            return False  # another lead-in opens the list this item is in ("What it does:")
    return False


LEAD_MARK = re.compile(r"[:?]")  # a lead-in's ending holds one


def _lead_in_marks(reading: Reading) -> list[int]:
    """The indices of the sentences holding a ':' or a '?', in order (those that may end
    as a lead-in does), found once per text; kept on the reading."""
    found = reading.__dict__.get("_lead_in_marks")
    if found is None:
        sentences = reading.sentences
        found = sorted(
            {
                bisect.bisect_right(sentences, m.start(), key=_sentence_start) - 1
                for m in LEAD_MARK.finditer(reading.document.text)
            }
        )
        reading.__dict__["_lead_in_marks"] = found
    return found


def _sentence_start(facts: SentenceFacts) -> int:
    return facts.sentence.start


MARKERS = "-*•●▪–\x00"  # a list item's marker (Markdown's is masked: factlint.document.MASK)
BULLET = re.compile(r"[ \t]*(?:[-*•●▪–\x00]+[ \t]*|\d{1,2}[.)][ \t]*)?")
LIST_ITEM_TAG = re.compile(r"<li\b[^>]*>\s*$", re.IGNORECASE)  # an HTML item opens just before


def _bulleted(document: Document, facts: SentenceFacts) -> bool:
    """The sentence opens an item of a list ("- Dramatic results.", an HTML <li>): a full
    stop ends the item, not the list, so the items below a lead-in stay under it."""
    start = facts.sentence.start
    if document.kind == "html":
        at = document.source_offset(start)
        return LIST_ITEM_TAG.search(document.source, max(0, at - 200), at) is not None
    text = document.text
    line = text.rfind("\n", 0, start) + 1
    head = text[line : start + 2].lstrip(" \t")
    marked = head[:1] in MARKERS or re.match(r"\d{1,2}[.)]\s", head) is not None
    return marked and BULLET.fullmatch(text[line:start]) is not None


def _ending(text: str, facts: SentenceFacts) -> str:
    return ending(text, facts.sentence)
