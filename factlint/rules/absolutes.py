"""Absolute phrasings as the writer asserts them: shared by the rules that report them
(FC003 when the sources or a code refute them, FC004 when nothing backs them, FC005 when the
text's own numbers contradict them)."""

from __future__ import annotations

from factlint.analysis import EXCLUDE, PHRASE, Context
from factlint.analysis.reading import advert_index, answer_starts, answer_to

PASSING_WORDS = (
    8  # words after an absolute within which its sentence tells how a side effect passes
)
EXCEPTION_WINDOW = 5  # words between a phrasing and the exception that qualifies it
HEDGE_WINDOW = 4  # words before a phrasing within which "may", "might" make it a possibility
SUBJECT_WORDS = 2  # words before a phrasing that still make it its clause's subject ("A real ...")
ASKING_WORDS = 3  # words between an asking verb and its "whether" ("ask your doctor whether")
PURPOSE_WORDS = 4  # words between the verb and "to" ("get mesotherapy injections to")
QUOTED_WORDS = 10  # words a quoted phrase may have around a phrasing ('"lose weight without diet"')
APPOSITIVE_WORDS = 2  # words between an excluded name and the comma before its description
ADVERT_MIN_SENTENCES = 5  # sentences a text needs before its lack of selling shows it is no advert
IMPERSONAL_MIN_SENTENCES = 3  # ... or, when it speaks to no one and as no one, before that shows


def phrase_hits(context: Context, status: str) -> list:
    """The (sentence, match, start, end) of the absolute phrasings of claims of `status`
    that the writer asserts (see _phrase_hits); found once per text and status, as FC003
    and FC005 both read the contradicted ones."""
    return context.shared(_phrase_hits, status)


def _phrase_hits(context: Context, status: str):
    """Non-negated, non-softened, non-rejected matches of absolute phrasings. A pack's
    claims apply whatever the text is about; a claim's `exclude` words in the sentence
    show that it explains or reports the phrasing rather than makes the claim."""
    knowledge = context.knowledge
    claims = knowledge.claims
    packs = knowledge.packs
    for facts in context.holding(PHRASE):
        matches = [
            m
            for m in facts.roles(PHRASE)
            if claims[m.payload.claim].status == status and (facts.question or not m.payload.asked)
        ]
        if not matches:
            continue
        # A question's words ("feel pain", asked) and a claim's own phrasing ("pain-free")
        # may overlap; neither speaks for the other, so each kind keeps its longest.
        if facts.question and any(m.payload.asked for m in matches):
            longest = _longest([m for m in matches if not m.payload.asked], claims) + _longest(
                [m for m in matches if m.payload.asked], claims
            )
        else:
            longest = _longest(matches, claims)
        # A register's phrasing and a pack's often cover the same words ("completely
        # safe"): what depends only on the words and the sentence is asked once for them
        # (by span, and by whether the claim's words are what the code forbids).
        asserted: dict[tuple, tuple | None] = {}
        for match in longest:
            claim = claims[match.payload.claim]
            key = (match.start, match.end, not claim.wording, claim.testimony)
            if match.payload.asked:
                key = (*key, True)
            span = asserted.get(key, ())
            if span == ():
                span = asserted[key] = (
                    _asked_and_denied(context, facts, match)
                    if match.payload.asked
                    else _asserted(context, facts, match, claim, status)
                )
            if span is None:
                continue
            if _said_of_something_else(context, facts, match, claim):
                continue  # "Slight swelling. Painless, dissolves in a day": not the procedure
            start, end = span
            register = claim.register
            if register not in packs and context.off_topic_at(facts, start, register):
                continue  # said of another procedure ("permanent fillers")
            if register in knowledge.advertising_packs and (
                context.shared(_not_an_advert, claim.testimony)
                or (_hearsay(context, facts) and not (claim.testimony and sells(context)))
            ):
                continue  # a news story, a health page, a customer's report of a sales pitch
                # (a client's word relayed in a text that sells is a testimonial: "Jess told us ...")
            if (
                register in packs
                and in_quotation(context.document.text, start, end)
                and context.shared(_not_an_advert, claim.testimony)
            ):
                continue  # '"It was painless everywhere else," Pearson said.' in a news story
            if (
                register in packs
                and not knowledge.lexicon.endorsement_families.isdisjoint(claim.families)
                and context.shared(_not_an_advert, claim.testimony)
            ):
                continue  # "Celebrities such as ... drew attention by praising" in a news story
            if (
                register in packs
                and claim.exclude
                and context.roles_in(facts, EXCLUDE, match.payload.claim)
            ):
                continue  # "botulinum toxin is a prescription-only medicine": explained, not promoted
            # (A procedure register's excludes hold in the phrasing's clause: _said_of_something_else.)
            yield facts, match, start, end


def _told_before_asking(context: Context, facts, match) -> bool:
    """The phrasing is in a statement that tells, and the question mark closes a later one
    after a dash or semicolon ("Our HIFU is totally safe - shall I book you in?"): only the
    last statement asks. A statement that opens with a question word asks itself ("Is it
    painless - or does it hurt?")."""
    starts = context.tokens.starts
    mark = context.document.text.find("?", starts[match.start], facts.sentence.end)
    own = context.clause_of(facts, starts[match.start], strong=True)
    if mark < 0 or context.clause_of(facts, mark, strong=True) == own:
        return False
    first = context.past_connectives(
        context.clause_first_token(facts, match.start, strong=True), match.start
    )
    return context.tokens.words[first] not in context.knowledge.lexicon.question_words


def _longest(matches: list, claims) -> list:
    """The longest phrasing at a place speaks for it within each register or pack: where
    several match, the engine keeps one finding (a register's before a pack's) and adds the
    others' evidence to it (one finding per words)."""
    if len(matches) == 1:
        return matches
    kept = []
    for register in dict.fromkeys(claims[m.payload.claim].register for m in matches):
        last = None
        for match in sorted(
            (m for m in matches if claims[m.payload.claim].register == register),
            key=lambda m: (m.start, -(m.end - m.start)),
        ):
            if last is not None and match.start < last.end:
                continue  # the longer phrase starting here or before already covers it
            kept.append(match)
            last = match
    return kept


def _asserted(context: Context, facts, match, claim, status: str) -> tuple[int, int] | None:
    """The phrasing's character span when the writer asserts its words (not rejected,
    negated, hedged, softened, qualified, asked, compared, quoted...), else None: the
    checks that depend only on the words, their sentence and whether the claim's words
    are what the code forbids (`claim.wording`) or a patient's (`claim.testimony`), not on
    which claim they are."""
    if context.rejected(facts, context.tokens.starts[match.start]):
        return None
    if (
        context.negated_before(facts, match.start) and not _coordinated(context, match)
    ) or context.clause_denied(facts, match.start):
        return None
    if status == "contradicted" and not claim.wording and _only_possible(context, facts, match):
        return None  # "light peels might need no downtime": a possibility, not a promise
    if _attenuated(context, facts, match, adjacent=claim.wording, typical=status != "unsupported"):
        return None  # "almost painless", "products that claim to cure hangovers"
    if any(
        m.payload == "exception" and 0 <= m.start - match.end <= EXCEPTION_WINDOW
        for m in context.lexicon_in(facts)
    ):
        return None  # "suitable for everyone except pregnant women" is not absolute
    if any(m.payload == "limiter" and m.start == match.end for m in context.lexicon_in(facts)):
        return None  # "not painful for most clients": part of the people, not everyone
    if (
        facts.question
        and not claim.wording
        and context.lexicon_roles_before(facts, match.start, "question", len(context.tokens))
        and not answered_yes(context, facts)
        and not _told_before_asking(context, facts, match)
    ):
        return None  # asked, not asserted
    if _comparison(context, facts, match):
        return None  # "as painless as possible"
    if _set_against(context, facts, match):
        return None  # "Unlike FDA-approved treatments, mesotherapy blends are ..."
    if status == "unsupported" and _opinion_doubted(context, facts, match):
        return None  # "It is considered a safer alternative to surgery. However, ..."
    if _goal_requires(context, facts, match):
        return None  # "To remove fat permanently, liposuction is necessary."
    if _marketing_reported(context, facts, match):
        return None  # "Marketed across the city as a lunchtime glow with zero downtime, ..."
    if _list_end_subject(context, facts, match):
        return None  # "no needles and downtime is short": the downtime is a new clause's subject
    if _unlabelled_value(context, match) or (
        not claim.wording and _range_start(context, facts, match)
    ):
        return None  # "some downtime, none of it serious"; "Downtime: none to minimal"
    if _partial_subject(context, facts, match):
        return None  # "Some patients may see results after one session"
    if (
        not claim.wording
        and (
            _denied_after(context, facts, match)
            or _asked_indirectly(context, facts, match)
            or _wanted(context, facts, match)
        )
        or _purpose(context, facts, match)
    ):
        return None  # "... is not possible", "ask whether it can ...", "wishing to ..."
    start, end = context.token_span(match.start, match.end)
    if not claim.testimony and quoted(context.document.text, start, end):
        return None  # a testimony is quoted by nature: the ad's claim all the same
    return start, end


def _asked_and_denied(context: Context, facts, match) -> tuple[int, int] | None:
    """The span of a family's words that a question asks ("Is it painful?", "Any downtime?")
    when the sentence after it, in its paragraph or the next, is a whole denial ("Absolutely
    not.", "None whatsoever."): the answer says the family's absolute ("painless", "no
    downtime"). Not when the question itself negates them ("Isn't it painful?"), nor when the
    answer goes on, on its line, to soften the denial ("No. Most feel a slight sting.")."""
    if not facts.question or context.negated_before(facts, match.start):
        return None
    lex = context.knowledge.lexicon
    asked = context.tokens.words[facts.first_token : match.start]
    said = f" {' '.join(asked)} "
    if set(asked).intersection(lex.side_effect_words) or any(
        f" {other} " in said for other in lex.asked_of_other
    ):
        return None  # "Is the swelling painful? No.": asked of a side effect
    answer = answer_to(context.sentences, facts)
    if answer is None or answer.question:
        return None
    # (past a speaker's label: "A: None whatsoever.", "[00:03:05] DR. ALVES: Absolutely not.")
    words = context.tokens.words
    if not any(
        " ".join(words[first : answer.last_token]) in lex.denials
        for first in answer_starts(context.document.text, context.tokens, answer, lex)
    ):
        return None
    after = answer_to(context.sentences, answer, same_paragraph=True)
    text = context.document.text
    if after is not None and "\n" not in text[answer.sentence.end : after.sentence.start]:
        # (the answer's own line: a new line is another turn's)
        said = set(context.tokens.words[after.first_token : after.last_token])
        if said.intersection(lex.hedges) or said.intersection(lex.range_ends):
            return None  # "No. You may feel a slight sting."
    # (the question's words and the answer: "painful? Absolutely not")
    return context.token_span(match.start, answer.last_token)


def _unlabelled_value(context: Context, match) -> bool:
    """The phrasing ends in a label's value ("Downtime: none") that no label mark or table
    cell border parts from the word before it ("some downtime, none of it serious")."""
    tokens, lex = context.tokens, context.knowledge.lexicon
    last = match.end - 1
    if last == match.start or tokens.words[last] not in lex.label_values:
        return False
    gap = context.document.text[tokens.ends[last - 1] : tokens.starts[last]]
    if any(mark in gap for mark in lex.label_marks):
        return False
    tables, start = context.tables, tokens.starts[last]
    return tables.row(start) is None or tables.cell_at(start) == tables.cell_at(
        tokens.starts[last - 1]
    )


def _range_start(context: Context, facts, match) -> bool:
    """A range link and what the range runs up to follow the phrasing ("Downtime: none to
    minimal", "none-2 days", "no pain to mild discomfort"): the phrasing is the range's low
    end, not an absolute. (Words a code forbids are no value: "tox until 31st October".)"""
    tokens, lex = context.tokens, context.knowledge.lexicon
    after = match.end
    if after >= facts.last_token:
        return False
    gap = context.document.text[tokens.ends[after - 1] : tokens.starts[after]].strip()
    if gap and all(c in lex.range_marks for c in gap):
        end = after  # "none-2 days": the mark links, the next word ends the range
    elif not gap and tokens.words[after] in lex.range_links:
        end = after + 1
    else:
        return False
    words = tokens.words[end : min(end + 2, facts.last_token)]
    if not words:
        return False
    return (
        words[0][:1].isdigit()
        or words[0] in lex.numbers
        or words[0] in lex.range_ends
        or " ".join(words) in lex.range_ends
    )


def _not_an_advert(context: Context, testimony: bool = False) -> bool:
    """The text is long enough to tell (ADVERT_MIN_SENTENCES sentences), reports or informs
    (the lexicon's report_signals: "according to", "told", "the NHS", "eligible", "survey")
    and nowhere sells: no call to book, call, order or message, no business speaking of its
    own clinic, prices or offers, no discount code (advert_signals). Advertising rules
    govern adverts; news stories, health-service pages and patient leaflets name the
    medicines, offers and slogans those rules forbid in order to report, explain or warn
    about them ("Wegovy is available on the NHS to some patients", "package deals offering
    sun, sea and surgery"). A short text (a post, a slogan, one claim) cannot show that it
    is no advert, and a clinic's page that only describes its treatment reports nothing:
    both are read as adverts. A text of IMPERSONAL_MIN_SENTENCES sentences that reports and
    neither addresses the reader nor speaks as a writer (no reader_words, no writer_words:
    "you", "our", "we", "I") is a news item or a trade article too ("a professor who pioneered
    the use of Botox said ..."): an advert, a post or a testimonial speaks to someone. A
    writer's word inside a report signal is a reporter's ("we asked five injectors")."""
    sentences = context.sentence_count  # (the whole text's, when only parts are read)
    if sentences < IMPERSONAL_MIN_SENTENCES:
        # (an ad tells a client's word in a line: "Jade said the results changed her life")
        return not testimony and _news_line(context)
    if _business_voice(context):
        return False
    # One search over the whole text: most of its sentences are read for nothing else.
    index = advert_index(context.knowledge)
    found = index.find(context.tokens, 0, len(context.tokens))
    roles = {m.payload for m in found}
    if "report" not in roles or "advert" in roles:
        return False
    return sentences >= ADVERT_MIN_SENTENCES or _impersonal(context, found)


def _news_line(context: Context) -> bool:
    """A text of one or two sentences, each reporting what others said (the lexicon's
    report_speech: "..., pharmacy chains say", "magistrates heard") of something done (a
    past form outside the attribution: "was fined", "have doubled", "rose"), that speaks to
    no one and as no one and nowhere sells: a news line. A slogan credited to a magazine
    has no verb of its own ("the best lips in Leeds, says Tatler"), and a client's word is
    told in the present ("Jade says she finally has the confidence to ..."): adverts.
    (A testimony claim is not left alone by it: see _phrase_hits.)"""
    if _business_voice(context):
        return False
    lex = context.knowledge.lexicon
    found = advert_index(context.knowledge).find(context.tokens, 0, len(context.tokens))
    if any(m.payload == "advert" for m in found) or not _impersonal(context, found):
        return False
    speech = [m for m in found if m.payload == "speech"]
    words = context.tokens.words
    for facts in context.sentences:
        first, last = facts.first_token, facts.last_token
        spans = [m for m in speech if first <= m.start < last]
        attribution = {i for m in spans for i in range(m.start, m.end)}
        if not spans or not any(
            (word in lex.past_words or word.endswith(lex.past_endings)) and i not in attribution
            for i, word in enumerate(words[first:last], first)
        ):
            return False
    return True


def sells(context: Context) -> bool:
    """The text speaks as a business (_business_voice: "our clinic") or holds a sign of
    selling (the lexicon's advert_signals: "book now", "from only"); found once per text."""
    return context.shared(_sells)


def _sells(context: Context) -> bool:
    if _business_voice(context):
        return True
    found = advert_index(context.knowledge).find(context.tokens, 0, len(context.tokens))
    return any(m.payload == "advert" for m in found)


def _impersonal(context: Context, found) -> bool:
    """No word of the text addresses the reader or speaks as its writer, but as a reporter
    within a report signal ("we asked")."""
    lex = context.knowledge.lexicon
    words = context.tokens.words
    reporting = {
        i for m in found if m.payload in ("report", "speech") for i in range(m.start, m.end)
    }
    return not any(
        (word in lex.reader_words or word in lex.writer_words) and i not in reporting
        for i, word in enumerate(words)
    )


def _hearsay(context: Context, facts) -> bool:
    """The sentence reports speech the writer heard ("the offer ends Friday, the receptionist
    told me"; the lexicon's hearsay): the seller's pitch as its customer passes it on, not
    the writer's advert. (A testimonial in an ad says "says one client".)"""
    found = advert_index(context.knowledge).find(
        context.tokens, facts.first_token, facts.last_token
    )
    return any(m.payload == "hearsay" for m in found)


def _business_voice(context: Context) -> bool:
    """A business speaks of its own staff, services or prices: an owner word ("our") with one
    of the lexicon's advert_nouns right after it or one word later ("our clinic", "our Levity
    experts", "our new prices"): a seller's guide that cites the NHS still sells."""
    lex = context.knowledge.lexicon
    words = context.tokens.words  # lower-cased by the tokenizer
    owners, nouns = lex.advert_owners, lex.advert_nouns
    return any(
        word in owners and not nouns.isdisjoint(words[i + 1 : i + 3])
        for i, word in enumerate(words)
    )


def answered_yes(context: Context, facts) -> bool:
    """The question is answered yes by the sentence after it, in its paragraph or the next
    one ("Are the results permanent? Yes, as long as you..."): the answer asserts what the
    question names. A yes followed by a negation ("Absolutely not") is no yes."""
    answer = answer_to(context.sentences, facts)
    if answer is None:
        return False
    words = context.tokens.words
    lex = context.knowledge.lexicon
    last = answer.last_token
    return any(
        first < last
        and words[first].lower() in lex.affirmative_answers
        and (first + 1 >= last or words[first + 1].lower() not in lex.negators)
        for first in answer_starts(context.document.text, context.tokens, answer, lex)
    )


def _said_of_something_else(context: Context, facts, match, claim) -> bool:
    """An absolute is about the procedure or its result, not about what the claim's
    `exclude` words name (a side effect, an ingredient) in its clause, or, when the
    phrasing opens a sentence without a subject of its own, in the sentence before it in
    the paragraph. The lexicon's side effects count the same way when the phrasing's
    sentence goes on to tell how that side effect passes ("Slight swelling at the injection.
    Painless, dissolves in a day or two.")."""
    words = context.tokens.words
    # Within a few words: "Painless, dissolves in a day".
    passing = not context.knowledge.lexicon.gradual_verbs.isdisjoint(
        words[match.end : min(facts.last_token, match.end + PASSING_WORDS)]
    )
    if not passing and not claim.exclude:
        return False  # (most claims) no words it could be said of
    claim_id = match.payload.claim
    starts = context.tokens.starts
    clause = context.clause_of(facts, starts[match.start])

    clauses = {clause}
    if _attributive_in_a_list(context, facts, match):
        clauses.add(clause + 1)  # "a painless, firm mass": said of the noun after the list

    def hits(sentence, within: set[int] | None, role_words: bool) -> bool:
        found = [m.start for m in context.roles_in(sentence, EXCLUDE, claim_id)]
        if role_words:
            # a side effect the phrasing is said of comes before it ("Slight swelling.
            # Painless, ..."); one named after it is the next statement's subject ("There is
            # no downtime and any bruising tends to disappear in days")
            found += [
                m.start
                for m in context.lexicon_in(sentence)
                if m.payload == "aftermath" and (sentence is not facts or m.start < match.start)
            ]
        return any(
            (within is None or context.clause_of(sentence, starts[h]) in within)
            and not (sentence is facts and match.start <= h < match.end)
            for h in found
        )

    if hits(facts, clauses, passing):
        return True
    if _appositive_of_excluded(context, facts, match, claim_id):
        return True
    if match.start != facts.first_token or facts.index == 0:
        return False
    before = context.sentences[facts.index - 1]
    return before.sentence.paragraph == facts.sentence.paragraph and hits(before, None, passing)


def _appositive_of_excluded(context: Context, facts, match, claim_id) -> bool:
    """The phrasing opens, with an article, a description set after a comma of what an
    `exclude` word named just before it ("... can cause PAH, a painless, firm swelling")."""
    article = match.start - 1
    if article <= facts.first_token:
        return False
    if context.tokens.words[article] not in context.knowledge.lexicon.articles:
        return False
    tokens = context.tokens
    between = context.document.text[tokens.ends[article - 1] : tokens.starts[article]]
    if between.replace(")", "").strip() != ",":
        return False  # "PAH, a ...", "PAH (paradoxical adipose hyperplasia), a ..."
    return any(
        article - APPOSITIVE_WORDS <= m.end <= article and m.start >= facts.first_token
        for m in context.roles_in(facts, EXCLUDE, claim_id)
    )


def _attributive_in_a_list(context: Context, facts, match) -> bool:
    """The phrasing stands after an article and before a comma ("a painless, firm mass"):
    the first of a list of words describing a noun that comes after the comma."""
    if match.start <= facts.first_token or match.end >= facts.last_token:
        return False
    if context.tokens.words[match.start - 1] not in context.knowledge.lexicon.articles:
        return False
    text = context.document.text
    after = text[context.tokens.ends[match.end - 1] : context.tokens.starts[match.end]]
    return after.strip() == ","


def _attenuated(context: Context, facts, match, adjacent: bool, typical: bool = True) -> bool:
    """A softening word just before the phrasing ("almost painless", "little or no
    downtime"). For a claim whose words are what the code forbids, only one right before
    them counts: "spend less on boob jobs" still says "boob jobs". Without `typical`, a
    word that says what people usually get ("typically lose two dress sizes") softens
    nothing: a typical result still needs its evidence."""
    start = max(facts.first_token, match.start - 2)
    words, typicality = context.tokens.words, context.knowledge.lexicon.typicality
    conjunctions = context.knowledge.lexicon.conjunctions
    if any(
        m.payload == "attenuator"
        and (m.end == match.start if adjacent else m.end <= match.start)
        and (typical or m.end - m.start > 1 or words[m.start] not in typicality)
        # an item of a list beside the phrasing, not a word softening it ("done more
        # easily, practically and painlessly"; "relatively quick and painless" softens both)
        and not (m.end < match.start and words[m.end] in conjunctions)
        for m in context.lexicon_phrases.find(context.tokens, start, match.start)
    ):
        return True
    opener = None if adjacent else _opening_softener(context, facts, match.start)
    return opener is not None and (
        typical or opener.end - opener.start > 1 or words[opener.start] not in typicality
    )


def _opening_softener(context: Context, facts, token: int):
    """A softening word or a part of the people that makes up the opening clause of the
    statement holding `token` ("Generally, the injection is painless", "In most cases,
    there is no downtime", "Rarely is it painful"): it softens what that statement says as the same words right
    before the phrasing would. The match, else None."""
    first = context.past_connectives(context.clause_first_token(facts, token, strong=True), token)
    if first >= token:
        return None
    text, tokens = context.document.text, context.tokens
    inverted = context.knowledge.lexicon.inversion_verbs
    for m in context.lexicon_in(facts):
        if (
            m.start == first
            and m.payload in ("attenuator", "limiter")
            and m.end < token
            and (
                text[tokens.ends[m.end - 1] : tokens.starts[m.end]].strip() == ","
                # the verb put before its subject ("Only on rare occasions are the results
                # permanent"): the softener opens the statement as a comma would
                or tokens.words[m.end].lower() in inverted
            )
        ):
            return m
    return None


COORDINATION_WINDOW = 4  # words back from a phrasing's own negation to the "and" before it


def _coordinated(context: Context, match) -> bool:
    """The phrasing carries its own negation and follows a conjunction ("no surgery and no
    downtime", "requires no surgery and has no side effects"): the negation before it opens
    a list item of its own, not this one."""
    words = context.tokens.words
    lex = context.knowledge.lexicon
    if match.start == 0 or words[match.start] not in lex.negators:
        return False
    # a conjunction met before any negation, going back ("requires no surgery and has no
    # side effects"): the earlier negation belongs to the item before it
    for i in range(match.start - 1, max(0, match.start - COORDINATION_WINDOW) - 1, -1):
        if words[i] in lex.negators:
            return False
        if words[i] in lex.conjunctions:
            return True
    return False


def _only_possible(context: Context, facts, match) -> bool:
    """A modal of possibility in the few words before the phrasing, in its clause ("you may
    feel no pain"): the text says it can happen, not that it will."""
    modals = context.knowledge.lexicon.possibility_modals
    words = context.tokens.words
    if modals.isdisjoint(words[max(facts.first_token, match.start - HEDGE_WINDOW) : match.start]):
        return False  # (most phrasings) no modal in the few words before, in any clause
    first = max(context.clause_first_token(facts, match.start), match.start - HEDGE_WINDOW)
    return not modals.isdisjoint(words[first : match.start])


def _denied_after(context: Context, facts, match) -> bool:
    """The phrasing is its clause's subject and the verb after it is negated ("A
    non-surgical facelift is not possible", "Results after one session aren't
    realistic"), unless the negation still asserts ("is not only safe", "is not unusual",
    "can't be wrong")."""
    lex = context.knowledge.lexicon
    words = context.tokens.words
    at, last = match.end, facts.last_token
    if at < last and words[at].lower() in lex.auxiliaries:
        at += 1
    # (not a negator of nouns: "results with no pain", "lose weight without dieting")
    negator = words[at].lower() if at < last else ""
    if negator not in lex.negators or negator in lex.nominal_negators:
        return False  # (most phrasings: the words after them first, before the clause)
    starts = context.tokens.starts
    if context.clause_of(facts, starts[at], strong=True) != context.clause_of(
        facts, starts[match.start], strong=True
    ):
        return False  # "Permanent hair removal - never shave again!": a statement of its own
    after = at + 1
    if after + 1 < last and words[after].lower() in lex.linking_verbs:
        after += 1  # "... can't be wrong": the word after the copula
    if after < last and words[after].lower() in lex.affirming_after_negator:
        return False
    clause = context.clause_of(facts, context.tokens.starts[match.start])
    first = context.past_connectives(context.clause_start_token(facts, clause), match.start)
    return match.start - first <= SUBJECT_WORDS


def _asked_indirectly(context: Context, facts, match) -> bool:
    """The phrasing follows "whether" or "if" after an asking verb in its statement ("Ask
    your doctor whether minoxidil could help stop hair loss", "doctors debate whether it
    can melt fat"): it is asked, not claimed. ("Whether you want to lose fat or tone up"
    has no asking verb: it still claims.)"""
    lex = context.knowledge.lexicon
    words = context.tokens.words
    if lex.indirect_question_words.isdisjoint(words[facts.first_token : match.start]):
        return False  # (most phrasings) no "whether" or "if" before them in the sentence
    statement = context.clause_first_token(facts, match.start, strong=True)
    for i in range(match.start - 1, statement - 1, -1):
        if words[i].lower() in lex.indirect_question_words:
            return any(
                words[j].lower() in lex.asking_verbs
                for j in range(max(facts.first_token, i - ASKING_WORDS - 1), i)
            )
    return False


def _wanted(context: Context, facts, match) -> bool:
    """A verb of wanting and "to" right before the phrasing ("for those wishing to get rid
    of stubborn fat", "people trying to lose weight"), or before that "to" anywhere in its
    clause of a question ("Looking for a way to turn back the clock?"): someone's wish, not
    a promise."""
    lex = context.knowledge.lexicon
    words = context.tokens.words
    at = match.start
    if (
        at - 2 >= facts.first_token
        and words[at - 1].lower() in lex.infinitive_markers
        and words[at - 2].lower() in lex.desire_verbs
    ):
        return True
    # A question that asks what the reader wishes to do ("Looking for a way to turn back
    # the clock?") holds no promise, however many words stand between the wish and "to":
    # such an elliptical question has no question word. (A wish for a thing that has the
    # property, "Looking for a treatment with zero downtime?", still promises it.)
    if not facts.question or words[at - 1].lower() not in lex.infinitive_markers:
        return False
    starts = context.tokens.starts
    clause = context.clause_of(facts, starts[at])
    for i in range(at - 1, facts.first_token - 1, -1):
        if context.clause_of(facts, starts[i]) != clause:
            return False
        if words[i].lower() in lex.desire_verbs:
            return True
    return False


def _purpose(context: Context, facts, match) -> bool:
    """Earlier in the phrasing's statement, people get the treatment "to" do something
    ("People generally get mesotherapy to remove cellulite, ... so it appears wrinkle-free"):
    the phrasing says why they come, not what the treatment does. A clause break ("but")
    ends the purpose."""
    lex = context.knowledge.lexicon
    words = context.tokens.words
    first = facts.first_token
    if lex.infinitive_markers.isdisjoint(words[first + 1 : match.start]):
        return False  # (most phrasings) no "to" before them in the sentence
    statement = context.clause_first_token(facts, match.start, strong=True)
    for i in range(match.start - 1, max(first, statement - 1), -1):
        if words[i].lower() in lex.clause_breaks:
            return False
        if words[i].lower() not in lex.infinitive_markers:
            continue
        for j in range(i - 1, max(first, i - 1 - PURPOSE_WORDS) - 1, -1):
            if words[j].lower() in lex.purpose_verbs:
                k = j - 1
                while k >= first and words[k].lower().endswith(lex.adverb_endings):
                    k -= 1  # "people generally get"
                if k >= first and words[k].lower() in lex.purpose_subjects:
                    return True
    return False


def _partial_subject(context: Context, facts, match) -> bool:
    """The phrasing's clause opens with a subject that is part of the people and the
    sentence sets the others against them ("Some patients see results after just one
    treatment, while others need several")."""
    found = context.lexicon_in(facts)
    if not any(m.payload == "contrast" and m.start >= match.end for m in found) and not (
        _contrasted_next(context, facts)
    ):
        return False  # (most sentences) nothing set against the phrasing after it
    starts = context.tokens.starts
    clause = context.clause_of(facts, starts[match.start])
    first = context.past_connectives(context.clause_start_token(facts, clause), match.start)
    return any(m.payload == "partial" and m.start == first for m in found)


def _contrasted_next(context: Context, facts) -> bool:
    """The next sentence, in the same paragraph, opens with a clause break and sets part or
    the rest of the people against the sentence ("Most patients report it was not painful.
    However, some feel a little discomfort.")."""
    after = facts.index + 1
    if after >= len(context.sentences):
        return False
    following = context.sentences[after]
    if following.sentence.paragraph != facts.sentence.paragraph:
        return False
    words = context.tokens.words
    if following.first_token >= following.last_token:
        return False  # a "sentence" of no words (an emoji after the full stop)
    if words[following.first_token] not in context.knowledge.lexicon.clause_breaks:
        return False  # (most sentences) no "However" or "But" opening the next one
    first = context.past_connectives(following.first_token, following.last_token)
    return any(
        m.payload in ("partial", "contrast") and m.start == first
        for m in context.lexicon_in(following)
    )


def _comparison(context: Context, facts, match) -> bool:
    """The phrasing is framed as a comparison ("as painless as possible", "as safe as"):
    a lexicon word on both sides of it."""
    words = context.tokens.words
    frames = context.knowledge.lexicon.comparison_frames
    return (
        match.start > facts.first_token
        and match.end < facts.last_token
        and words[match.start - 1] in frames
        and words[match.end] in frames
    )


def _list_end_subject(context: Context, facts, match) -> bool:
    """The phrasing joins a negated noun and a last one with a conjunction (the lexicon's
    `conjunctions`), and a verb follows the last ("no needles and downtime is short"): that
    noun is the subject of a clause of its own, which the "no" does not reach."""
    lex = context.knowledge.lexicon
    words = context.tokens.words
    return (
        match.end < facts.last_token
        and words[match.start] in lex.negators
        and not lex.conjunctions.isdisjoint(words[match.start + 1 : match.end - 1])
        and words[match.end].lower() in lex.subject_verbs
    )


def _set_against(context: Context, facts, match) -> bool:
    """The phrasing is inside a phrase that opens its clause with a word setting the
    subject against what it names ("Unlike FDA-approved treatments, mesotherapy blends are
    custom-made"): the subject is what the phrase says it is not. A phrasing that opens
    the phrase itself ("Unlike other clinics, we ...") is the comparison, and stays."""
    words = context.tokens.words
    openers = context.knowledge.lexicon.contrast_openers
    first = context.past_connectives(context.clause_first_token(facts, match.start), match.start)
    return first < match.start and words[first].lower() in openers


def _opinion_doubted(context: Context, facts, match) -> bool:
    """The phrasing follows a linking verb and one of the lexicon's opinion_verbs ("is
    considered", "are regarded as"), and the next sentence opens by turning
    against it (turning_openers: "However, it is not approved"): an opinion the writer
    reports to doubt, not a comparison the writer makes. Only for claims that need evidence
    (FC004): alone, "is considered a permanent treatment" passes the opinion on as fact."""
    lex = context.knowledge.lexicon
    words = context.tokens.words
    k = match.start - 1
    if k > facts.first_token and words[k].lower() in lex.opinion_links:
        k -= 1  # "is regarded as"
    if k <= facts.first_token or words[k].lower() not in lex.opinion_verbs:
        return False  # (most phrasings) no opinion reported before them
    if words[k - 1].lower() not in lex.linking_verbs:
        return False
    after = facts.index + 1
    if after >= len(context.sentences):
        return False
    following = context.sentences[after]
    # (the next paragraph's, too: web pages set each sentence apart)
    return (
        following.first_token < following.last_token
        and words[following.first_token].lower() in lex.turning_openers
    )


def _goal_requires(context: Context, facts, match) -> bool:
    """The phrasing is in a purpose that opens its sentence ("To remove fat permanently,"),
    and the main clause says, with a linking verb and one of the lexicon's necessity_words,
    what that goal takes ("liposuction is necessary"): the goal is named, not promised. A
    main clause in the business's voice (an owner word: "our") or with a number ("one
    session is needed") promises, and stays."""
    lex = context.knowledge.lexicon
    words = context.tokens.words
    first, last = facts.first_token, facts.last_token
    if words[first].lower() not in lex.infinitive_markers:
        return False  # (most sentences) no purpose opens the sentence
    starts = context.tokens.starts
    if context.clause_of(facts, starts[match.start]) != 0:
        return False
    main = next(
        (i for i in range(match.end, last) if context.clause_of(facts, starts[i]) != 0), last
    )
    clause = [w.lower() for w in words[main:last]]
    if not lex.advert_owners.isdisjoint(clause) or any(
        w[:1].isdigit() or w in lex.numbers for w in clause
    ):
        return False
    return any(
        w in lex.linking_verbs and clause[k + 1] in lex.necessity_words
        for k, w in enumerate(clause[:-1])
    )


def _marketing_reported(context: Context, facts, match) -> bool:
    """Earlier in the sentence, words frame what follows as someone's selling (the lexicon's
    marketing_frames: "Marketed across the city as ...", "The pitch is seductive: ...",
    "clinics promise ..."), in a text that does not sell (`sells`): the writer reports the
    marketing to weigh it. A text that sells makes the same words its own ("marketed in 40
    countries as the painless choice")."""
    found = advert_index(context.knowledge).find(context.tokens, facts.first_token, match.start)
    if not any(m.payload == "marketing" and m.end <= match.start for m in found):
        return False  # (most sentences) no marketing framed before the phrasing
    return not sells(context)


def quoted(text: str, start: int, end: int) -> bool:
    """The phrasing stands in quotes, alone or as a quoted sentence ('"One session is
    enough."'): the writer quotes it."""
    before = text[max(0, start - 1) : start]
    after = text[end : end + 3].lstrip(".!?…")[:1]
    if before in ('"', "“", "‘", "«", "'") and after in ('"', "”", "’", "»", "'"):
        return True
    if _scare_quoted(text, start, end, before):
        return True
    return _in_quoted_phrase(text, start, end)


_CLOSING = {'"': '"', "“": "”", "‘": "’", "«": "»", "'": "'"}


def in_quotation(text: str, start: int, end: int) -> bool:
    """The words lie inside a quotation in double quotes on their line, however long: someone's
    speech as the writer quotes it ('"It was painless everywhere else," she said.')."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:start], text[end:line_end]
    straight = before.count('"') % 2 == 1 and '"' in after
    curly = before.rfind("“") > before.rfind("”") and "”" in after
    return straight or curly


def _scare_quoted(text: str, start: int, end: int, before: str) -> bool:
    """The phrasing's first words stand in quotes and the rest follows them ("'miraculous'
    results", '"permanent" removal'): the writer holds the word at a distance. The quote
    closes inside the phrasing, before a space."""
    closing = _CLOSING.get(before)
    if closing is None:
        return False
    at = text.find(closing, start, end)
    return at > start and text[at + 1 : at + 2].isspace()


def _in_quoted_phrase(text: str, start: int, end: int) -> bool:
    """The phrasing lies inside a short phrase in double quotes on its line ('offers such
    as "lose weight without diet or exercise" sound too good'): the writer names the
    wording. A quotation that ends a sentence of its own ('"It is harmless," said the
    company') is someone's speech, and so is a long one; single quotes are apostrophes too.
    A quoted fragment that opens in lower case is a wording named inside the writer's
    sentence wherever the closing stop falls ('has "the most proven technology."', the
    stop inside the quotes as American usage puts it)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    opening = max(text.rfind(q, line_start, start) for q in ('"', "“", "«"))
    if opening < 0 or text.count('"', line_start, opening) % 2:
        return False  # no quote before it, or the one before closes an earlier quotation
    closings = [i for i in (text.find(q, end, line_end) for q in ('"', "”", "»")) if i >= 0]
    if not closings or any(q in text[opening + 1 : start] for q in ('"', "”", "»")):
        return False
    quoted = text[opening + 1 : min(closings)].rstrip()
    fragment = quoted[:1].islower()
    return (fragment or not quoted.endswith((",", ".", "!", "?", "…"))) and len(
        quoted.split()
    ) <= QUOTED_WORDS


_COUNTER_EVIDENCE: dict[int, tuple] = {}  # id(claim) -> (claim, knowledge, evidence)


def counter_evidence(context: Context, claim) -> tuple:
    """The claim's evidence and that of the claims that refute it (at most 8), worked out
    once per claim: a run reports the same few claims over and over."""
    knowledge = context.knowledge
    known = _COUNTER_EVIDENCE.get(id(claim))
    if known is not None and known[0] is claim and known[1] is knowledge:
        return known[2]
    evidence = list(claim.evidence)
    for other in claim.refuted_by:
        evidence.extend(knowledge.claims[other].evidence)
    found = tuple(dict.fromkeys(evidence))[:8]
    if len(_COUNTER_EVIDENCE) > 10_000:  # a bound over very many registers
        _COUNTER_EVIDENCE.clear()
    # (The claim is kept with it, so its id is not reused for another while it is here.)
    _COUNTER_EVIDENCE[id(claim)] = (claim, knowledge, found)
    return found
