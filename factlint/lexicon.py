"""The language lexicon: number words, qualifiers, negations... read from data files.

One YAML file per language in factlint/data/lexicon/. Nothing here is about any
domain; the registers carry that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from factlint.cache import load_shipped_data, remembered, source_of

LEXICON_DIR = Path(__file__).resolve().parent / "data" / "lexicon"


@dataclass(frozen=True, eq=False)  # one cached instance per language: identity is equality
class Lexicon:
    """A language's general wording (numbers, qualifiers, negations...), from its YAML file."""

    language: str
    numbers: dict
    scales: dict
    number_phrases: dict
    fractions: dict
    times: dict
    frequency_adverbs: dict
    frequency_per: frozenset
    range_words: frozenset
    range_openers: frozenset
    qualifiers: dict
    post_qualifiers: dict
    relative_after: frozenset
    relative_before: frozenset
    relative_prepositions: frozenset  # "three years before she published": counts to the event
    negators: frozenset
    hedges: tuple
    attenuators: tuple
    rejections: tuple
    clause_breaks: frozenset
    abbreviations: frozenset
    number_abbreviations: frozenset
    exceptions: tuple
    conversion_connectors: tuple
    statistic_words: tuple
    articles: frozenset
    question_words: tuple
    not_measure_after: frozenset
    not_measure_before: frozenset
    ordinal_homographs: frozenset
    not_statistic_after: frozenset
    not_statistic_before: frozenset
    not_statistic_linkers: frozenset  # "a discount of 3%": "of" between them
    replies: tuple
    corrections: tuple  # "In reality, ..." opening the next sentence
    condition_openers: frozenset  # "If ...": an opening clause that sets the scope of the sentence
    phase_openers: frozenset  # "Then,": a sentence on the next phase of a schedule
    hypotheticals: frozenset  # "If ...": a clause stating a case, not a fact
    reader_words: frozenset  # "you", "your": the reader, whom a hypothetical addresses
    comparison_frames: frozenset  # "as painless as possible"
    partial_subjects: tuple  # "Some patients ...": part of the people, not everyone
    contrast_words: tuple  # "..., while others ...": the rest of the people set against them
    side_effect_words: (
        tuple  # "swelling": what an absolute may be said of that is not the procedure
    )
    span_prepositions: frozenset  # "for 2-3 months", "over one week"
    gradual_verbs: frozenset  # "resolves over one week"
    prevalence_words: tuple  # "50% of men suffer from hair loss"
    market_words: tuple  # "the market is set to grow 14% a year"
    preparation_words: tuple  # "stop taking aspirin 2 weeks prior to your treatment"
    writer_words: frozenset  # "I", "we": a year in their clause dates the writer's own event
    sequence_words: tuple  # "initially", "then": a value of one phase of a schedule
    life_events: tuple  # "born in 1924": a year of a life, not of the method
    spread_events: tuple  # "came to the US in 2002": a year of the method's spread
    doubts: tuple
    back_references: frozenset
    conjunctions: frozenset
    reporting_verbs: frozenset
    year_prepositions: frozenset
    every_words: tuple  # "every two weeks"
    alternate_words: tuple  # "every other week"
    times_words: tuple  # "3 times a week"
    frequency_range_words: tuple  # "2 or 3 times a week"
    unit_linkers: tuple  # "2 ml of cocktail"
    negative_answers: frozenset  # a table cell that answers no
    plural_endings: tuple  # (ending replaced, ending added), tried in order
    dispute_markers: tuple
    negative_openers: frozenset
    negative_pronouns: frozenset  # "nothing", "none": a subject that denies its clause
    denied_quantifiers: frozenset  # "not all", "not every": opens as "no" does
    relative_pronouns: frozenset  # "which", "who": a clause about what the one before names
    first_person: frozenset  # "my", "I": the writer's own case
    source_words: frozenset  # "source", "study": what "No source gives more than..." denies with
    self_subjects: frozenset  # "I", "we", "our": "I promise" is a commitment, not a rejection
    kept_before: frozenset  # "as promised": a promise kept, no rejection
    counter_voices: frozenset  # "critics": "..., but critics note ..." answers a report
    linking_verbs: frozenset
    currency_symbols: tuple
    currency_words: frozenset
    # Wording families: a name ("permanence") -> the phrasings people use for it, in register
    # phrase syntax, `{a b|c d}` groups unexpanded; a register claim selects one with `family:`.
    families: dict
    unit_emphasis: tuple = ()  # "two full years"
    count_stops: tuple = ()  # words that end a counted thing's describing words ("2 other treatments")
    diary_openers: frozenset = (
        frozenset()
    )  # "Had a course of 6": the writer's own, subject left out
    rhetorical_openers: tuple = ()  # "did you know": a question that tells, not asks
    conditions: frozenset = frozenset()  # "if": a sentence opening with one states a case
    condition_intensifiers: frozenset = frozenset()  # "even": before a condition ("even if")
    allowances: tuple = ()  # "it is fine to go ahead": allowed, with no "for" naming whom
    deferrals: frozenset = frozenset()  # "after", "once": an allowance put off till later
    maintenance_marks: frozenset = frozenset()  # register phrases that name upkeep after a course
    ongoing_words: tuple = ()  # an ongoing regimen ("as part of your routine"): upkeep too
    before_now: tuple = ()  # "sixty years ago"
    history_words: tuple = ()  # "150 years of history"
    history_openers: tuple = ()  # "has been around for 50 years": a beginning counted back
    history_places: tuple = ()  # "been practised in Europe for 50 years": a place between
    decade_words: dict = field(default_factory=dict)  # "the fifties"
    decade_parts: dict = field(default_factory=dict)  # "the early fifties"
    permissive: tuple = ()  # general wordings of "acceptable for" (set claims with permissive phrases)
    positive_answers: frozenset = frozenset()  # a table cell that answers yes
    denials: frozenset = frozenset()  # a whole answer that says no ("absolutely not"), its words
    # a family's words as a question asks them ("painful") -> phrases (braces expanded)
    asked_families: dict = field(default_factory=dict)
    permission_words: frozenset = frozenset()  # "can", "safe": a question that asks leave
    asked_of_other: tuple = ()  # "side effects": a question naming one asks of it
    affirmative_answers: frozenset = frozenset()  # "Yes, ..." after a question asserts it
    age_openers: tuple = ()  # "from 16", "aged 16 and over"
    age_closers: tuple = ()
    age_words: tuple = ()
    age_followers: frozenset = frozenset()
    immediately: dict = field(default_factory=dict)  # "straight after" -> 0 hours
    allow_words: tuple = ()  # "you can sunbathe"
    caution_words: tuple = ()  # "should guard against the sun straight after": no allowance
    vague_cues: frozenset = frozenset()  # "skin", "first": too vague to tie a number
    places: dict = field(
        default_factory=dict
    )  # place word as written ("Paris") -> its country ("France")
    place_homographs: frozenset = frozenset()  # "turkey", "polish": no place in lower case
    # How messages write a qualifier ("up to 5 sessions"): qualifier kind -> words.
    qualifier_wording: dict = field(default_factory=dict)
    number_joiners: frozenset = frozenset()  # "one hundred and twenty"
    opened_range_words: frozenset = frozenset()  # "between 2 and 4": a range only after an opener
    exclusive_age_openers: tuple = ()  # "over 16": the age itself is excluded
    decade_openers: tuple = ()  # "the fifties"
    decade_endings: tuple = ()  # "the 1970s", "the '50s"
    negator_endings: tuple = ()  # "isn't": a word ending so negates
    hyphened_negations: frozenset = frozenset()  # "one": "no-one" still negates, "no-downtime" not
    possibility_modals: frozenset = frozenset()  # "might need no downtime": possible, not promised
    label_values: frozenset = frozenset()  # "Downtime: none": a label's value ends the phrasing
    label_marks: str = ""  # ":", "|": what parts a label from its value
    range_links: frozenset = frozenset()  # "none to minimal": an absolute as a range's low end
    range_marks: str = ""  # "none-2 days", "none/minimal"
    range_ends: tuple = ()  # "minimal", "mild": what a range from an absolute runs up to
    auxiliaries: frozenset = frozenset()  # "is", "can": a negator follows ("is not possible")
    doubt_adverbs: frozenset = frozenset()  # "But can this really happen?": a doubt
    study_sections: frozenset = frozenset()  # "Results:": a paragraph of a study's own report
    attributions: tuple = ()  # ("according", "to"): before the name of who gives a figure
    person_titles: frozenset = frozenset()  # "Dr", "Prof": the name attributed to is a person's
    institution_words: frozenset = frozenset()  # "university", "journal": a person's outside body
    limiters: tuple = ()  # "not painful for most clients": said of part of the people
    determiners: frozenset = frozenset()  # "but the sources say": before what answers a report
    nominal_negators: frozenset = frozenset()  # "no", "without": negate a noun, not the verb
    affirming_after_negator: frozenset = frozenset()  # "not only", "not unusual": still asserted
    asking_verbs: frozenset = frozenset()  # "ask whether": what follows is asked, not said
    desire_verbs: frozenset = frozenset()  # "those wishing to get rid of fat": wanted, not promised
    purpose_verbs: frozenset = frozenset()  # "people get it to remove cellulite": a purpose
    purpose_subjects: frozenset = frozenset()  # "people", "patients": whose purpose it is
    contrast_openers: frozenset = frozenset()  # "Unlike X, ...": X is not the subject
    necessity_words: frozenset = frozenset()  # "liposuction is necessary": what a goal takes
    opinion_verbs: frozenset = frozenset()  # "is considered a safer alternative": an opinion
    opinion_links: frozenset = frozenset()  # "as" in "is regarded as"
    turning_openers: frozenset = frozenset()  # "However, ..." opening the next sentence
    endorsement_families: frozenset = frozenset()  # praise offered as proof only where it sells
    inversion_verbs: frozenset = frozenset()  # "Rarely are the results permanent": softened
    subject_verbs: frozenset = frozenset()  # "no needles and downtime is short": a new clause
    indirect_question_words: frozenset = frozenset()  # "ask whether ...", "wonder if ..."
    count_questions: tuple = ()  # "How many sessions ...? Usually 2 or 3.": asks for a count
    infinitive_markers: frozenset = frozenset()  # "wishing to ...": a verb of wanting's "to"
    embedded_subjects: frozenset = frozenset()  # "how our facelift takes ...": a title that tells
    advert_signals: tuple = ()  # "book now", "our prices": a text that sells (advertising packs)
    report_signals: tuple = ()  # "according to", "the NHS": a text that reports or informs
    advert_owners: frozenset = frozenset()  # "our": a business's own ...
    typicality: frozenset = frozenset()  # "typically": what people generally get, still a claim
    advert_nouns: frozenset = (
        frozenset()
    )  # ... "clinic", "prescribers", "prices" (a text that sells)
    hearsay: tuple = ()  # "the receptionist told me": what a seller said, reported by its customer
    marketing_frames: tuple = ()  # "is marketed across X as", "the pitch is": others' selling reported
    report_speech: tuple = ()  # "..., pharmacists told the BBC": a line that reports what others said
    past_endings: tuple = ()  # "ed": a verb told in the past ("was fined", "sales doubled")
    past_words: frozenset = frozenset()  # "rose", "fell": irregular pasts
    frequency_words: tuple = ()  # "often": words a frequency is said with, besides "every"
    stem_endings: tuple = ()  # "injected" -> "inject*" (register build's cues), tried in order
    adverb_endings: tuple = ()  # "usually": never a cue
    statement: str = "{subject}: {phrase}."  # "Mesotherapy is painless.": a test sentence
    past_forms: dict = field(default_factory=dict)  # "takes" -> ("took",): a past told as well
    # short words that end a noun written in two ("top-up", "add-on") and take its plural
    particles: frozenset = frozenset()
    # "1 in 20,000", "9 out of 10": a share written as a rate, read as a percentage
    # "if you want similar results without surgery, ...": a wish the sentence answers
    reader_wishes: tuple = ()
    rate_linkers: tuple = ()
    # "and how far apart", "can i still do it": a chat line that asks without a "?"
    open_question_words: frozenset = frozenset()
    question_subjects: frozenset = frozenset()
    # "half of", "two thirds of": a share written as a fraction (its words -> its value)
    share_fractions: dict = field(default_factory=dict)
    share_linkers: tuple = ()  # "of", after a fraction

    def __reduce_ex__(self, protocol):
        # Pickled inside something else (the compiled registers in the cache), the lexicon
        # a run has loaded is named, not copied: a copy was megabytes more in every run,
        # beside the one read from its own cache entry.
        if _LOADED.get(self.language) is self:
            return lexicon, (self.language,)
        return super().__reduce_ex__(protocol)

    def plurals(self, word: str) -> tuple[str, ...]:
        """The regular plural of a word, by the first ending rule that fits ("session" ->
        "sessions", "therapy" -> "therapies"); none for short words or those with digits.
        A verb's irregular past follows it ("takes" -> "took": "that took fifteen minutes"
        is a length as "it takes" is), so a phrase's last word meets both."""
        past = self.past_forms.get(word, ())
        if word in self.particles:
            return (word + "s", *past)  # "top up" meets "top-ups"
        if len(word) < 3 or not word.isalpha():
            return past
        for ending, plural in self.plural_endings:
            if word.endswith(ending):
                return (word[: len(word) - len(ending)] + plural, *past)
        return past

    def plural(self, word: str) -> str | None:
        """The plural a message writes for a unit's name ("3 sessions"); None for symbols
        and abbreviations (mm, %), which stay as they are."""
        forms = self.plurals(word)
        return forms[0] if forms else None

    def qualified(self, qualifier: str, text: str) -> str:
        """A value with the words of its qualifier before it ("at least 6 months"); a sign
        when the lexicon has no words for it."""
        words = self.qualifier_wording.get(qualifier) or QUALIFIER_SIGNS.get(qualifier)
        return f"{words} {text}" if words else text


# What a message writes for a qualifier the lexicon of a language gives no words for.
QUALIFIER_SIGNS = {
    "approx": "~",
    "at_most": "≤",
    "at_most_range": "≤",
    "below": "<",
    "at_least": "≥",
    "above": ">",
}


BRACES = re.compile(r"\{([^{}]*)\}")
WORDS = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # the words of a lexicon entry, as a text's tokens


def expand_braces(phrase: str) -> list[str]:
    """A family phrase with `{a b|c d}` groups (choices of several words each, which the
    phrase syntax's `|` cannot give) as the plain phrases it stands for."""
    match = BRACES.search(phrase)
    if match is None:
        return [" ".join(phrase.split())]
    out = []
    for choice in match.group(1).split("|"):
        out.extend(expand_braces(phrase[: match.start()] + choice + phrase[match.end() :]))
    return out


def available_languages() -> list[str]:
    return sorted(p.stem for p in LEXICON_DIR.glob("*.yaml"))


@cache
def lexicon(language: str = "en") -> Lexicon:
    """The lexicon of a language (English when there is none), built once and then read
    from the cache, keyed by the file's bytes and this code."""
    path = LEXICON_DIR / f"{language}.yaml"
    if not path.exists():
        path = LEXICON_DIR / "en.yaml"
    inputs = (path.read_bytes(), source_of(__file__))
    loaded = remembered("lexicon", inputs, lambda: _build(path), Lexicon)
    if loaded.language == language:  # (a language without a lexicon is given English's)
        _LOADED[language] = loaded
    return loaded


_LOADED: dict[str, Lexicon] = {}  # language -> the lexicon `lexicon` gives for it


def _build(path: Path) -> Lexicon:
    raw = load_shipped_data(path)
    adverbs = {}
    for word, spec in raw["frequency_adverbs"].items():
        adverbs[word] = (
            (spec["unit"], float(spec["value"])) if isinstance(spec, dict) else (spec, 1.0)
        )
    return Lexicon(
        language=path.stem,
        numbers={k: float(v) for k, v in raw["numbers"].items()},
        scales={k: float(v) for k, v in raw["scales"].items()},
        number_phrases={k: float(v) for k, v in raw["number_phrases"].items()},
        fractions={k: float(v) for k, v in raw["fractions"].items()},
        times={k: float(v) for k, v in raw["times"].items()},
        frequency_adverbs=adverbs,
        frequency_per=frozenset(raw["frequency_per"]),
        range_words=frozenset(raw["range_words"]),
        range_openers=frozenset(raw["range_openers"]),
        qualifiers=dict(raw["qualifiers"]),
        post_qualifiers=dict(raw["post_qualifiers"]),
        relative_after=frozenset(raw["relative_after"]),
        relative_before=frozenset(raw["relative_before"]),
        relative_prepositions=frozenset(raw.get("relative_prepositions", ())),
        negators=frozenset(raw["negators"]),
        hedges=tuple(raw["hedges"]),
        articles=frozenset(raw.get("articles", ())),
        question_words=tuple(raw.get("question_words", ())),
        not_measure_after=frozenset(raw.get("not_measure_after", ())),
        not_measure_before=frozenset(raw.get("not_measure_before", ())),
        ordinal_homographs=frozenset(raw.get("ordinal_homographs", ())),
        not_statistic_after=frozenset(raw.get("not_statistic_after", ())),
        not_statistic_before=frozenset(raw.get("not_statistic_before", ())),
        not_statistic_linkers=frozenset(raw.get("not_statistic_linkers", ())),
        replies=tuple(raw.get("replies", ())),
        corrections=tuple(raw.get("corrections", ())),
        condition_openers=frozenset(raw.get("condition_openers", ())),
        phase_openers=frozenset(raw.get("phase_openers", ())),
        hypotheticals=frozenset(raw.get("hypotheticals", ())),
        reader_words=frozenset(raw.get("reader_words", ())),
        comparison_frames=frozenset(raw.get("comparison_frames", ())),
        partial_subjects=tuple(raw.get("partial_subjects", ())),
        contrast_words=tuple(raw.get("contrast_words", ())),
        side_effect_words=tuple(raw.get("side_effect_words", ())),
        span_prepositions=frozenset(raw.get("span_prepositions", ())),
        gradual_verbs=frozenset(raw.get("gradual_verbs", ())),
        prevalence_words=tuple(raw.get("prevalence_words", ())),
        market_words=tuple(raw.get("market_words", ())),
        preparation_words=tuple(raw.get("preparation_words", ())),
        writer_words=frozenset(raw.get("writer_words", ())),
        sequence_words=tuple(raw.get("sequence_words", ())),
        life_events=tuple(raw.get("life_events", ())),
        spread_events=tuple(raw.get("spread_events", ())),
        doubts=tuple(raw.get("doubts", ())),
        back_references=frozenset(raw.get("back_references", ())),
        conjunctions=frozenset(raw.get("conjunctions", ())),
        reporting_verbs=frozenset(raw.get("reporting_verbs", ())),
        year_prepositions=frozenset(raw.get("year_prepositions", ())),
        every_words=tuple(raw.get("every_words", ())),
        alternate_words=tuple(raw.get("alternate_words", ())),
        times_words=tuple(raw.get("times_words", ())),
        frequency_range_words=tuple(raw.get("frequency_range_words", ())),
        unit_linkers=tuple(raw.get("unit_linkers", ())),
        negative_answers=frozenset(str(a).lower() for a in raw.get("negative_answers", ())),
        plural_endings=tuple((str(a or ""), str(b)) for a, b in raw.get("plural_endings", ())),
        particles=frozenset(str(w).lower() for w in raw.get("particles", ())),
        past_forms={
            str(verb): tuple(map(str, forms))
            for verb, forms in (raw.get("past_forms") or {}).items()
        },
        dispute_markers=tuple(raw.get("dispute_markers", ())),
        negative_openers=frozenset(raw.get("negative_openers", ())),
        negative_pronouns=frozenset(raw.get("negative_pronouns", ())),
        denied_quantifiers=frozenset(raw.get("denied_quantifiers", ())),
        relative_pronouns=frozenset(raw.get("relative_pronouns", ())),
        first_person=frozenset(raw.get("first_person", ())),
        source_words=frozenset(raw.get("source_words", ())),
        self_subjects=frozenset(raw.get("self_subjects", ())),
        kept_before=frozenset(raw.get("kept_before", ())),
        counter_voices=frozenset(raw.get("counter_voices", ())),
        linking_verbs=frozenset(raw.get("linking_verbs", ())),
        currency_symbols=tuple(raw.get("currency_symbols", ())),
        currency_words=frozenset(raw.get("currency_words", ())),
        unit_emphasis=tuple(raw.get("unit_emphasis", ())),
        count_stops=tuple(raw.get("count_stops", ())),
        diary_openers=frozenset(raw.get("diary_openers", ())),
        rhetorical_openers=tuple(str(r).lower() for r in raw.get("rhetorical_openers", ())),
        conditions=frozenset(raw.get("conditions", ())),
        condition_intensifiers=frozenset(raw.get("condition_intensifiers", ())),
        reader_wishes=tuple(tuple(w.split()) for w in raw.get("reader_wishes", ())),
        rate_linkers=tuple(raw.get("rate_linkers", ())),
        open_question_words=frozenset(raw.get("open_question_words", ())),
        question_subjects=frozenset(raw.get("question_subjects", ())),
        share_fractions={k: float(v) for k, v in (raw.get("share_fractions") or {}).items()},
        share_linkers=tuple(raw.get("share_linkers", ())),
        allowances=tuple(raw.get("allowances", ())),
        deferrals=frozenset(raw.get("deferrals", ())),
        maintenance_marks=frozenset(str(m).lower() for m in raw.get("maintenance_marks", ())),
        ongoing_words=tuple(raw.get("ongoing_words", ())),
        before_now=tuple(raw.get("before_now", ())),
        history_words=tuple(raw.get("history_words", ())),
        history_openers=tuple(raw.get("history_openers", ())),
        history_places=tuple(raw.get("history_places", ())),
        decade_words={k: int(v) for k, v in (raw.get("decade_words") or {}).items()},
        decade_parts={
            k: (int(v[0]), int(v[1])) for k, v in (raw.get("decade_parts") or {}).items()
        },
        permissive=tuple(raw.get("permissive", ())),
        positive_answers=frozenset(str(a).lower() for a in raw.get("positive_answers", ())),
        # (as the answer's words are compared: its tokens, without the marks between)
        denials=frozenset(" ".join(WORDS.findall(str(a).lower())) for a in raw.get("denials", ())),
        permission_words=frozenset(str(a).lower() for a in raw.get("permission_words", ())),
        asked_of_other=tuple(str(a).lower() for a in raw.get("asked_of_other", ())),
        asked_families={
            str(k): tuple(p for phrase in v for p in expand_braces(str(phrase)))
            for k, v in (raw.get("asked_families") or {}).items()
        },
        affirmative_answers=frozenset(str(a).lower() for a in raw.get("affirmative_answers", ())),
        age_openers=tuple(raw.get("age_openers", ())),
        age_closers=tuple(raw.get("age_closers", ())),
        age_words=tuple(raw.get("age_words", ())),
        age_followers=frozenset(raw.get("age_followers", ())),
        immediately={str(k): float(v) for k, v in (raw.get("immediately") or {}).items()},
        allow_words=tuple(raw.get("allow_words", ())),
        caution_words=tuple(raw.get("caution_words", ())),
        vague_cues=frozenset(str(w).lower() for w in raw.get("vague_cues", ())),
        places={
            str(name): country
            for country, names in (raw.get("places") or {}).items()
            for name in [country, *names]
        },
        place_homographs=frozenset(str(w) for w in raw.get("place_homographs", ())),
        qualifier_wording={str(k): str(v) for k, v in (raw.get("qualifier_wording") or {}).items()},
        number_joiners=frozenset(raw.get("number_joiners", ())),
        opened_range_words=frozenset(raw.get("opened_range_words", ())),
        label_values=frozenset(raw.get("label_values", ())),
        label_marks="".join(raw.get("label_marks", ())),
        range_links=frozenset(raw.get("range_links", ())),
        range_marks="".join(raw.get("range_marks", ())),
        range_ends=tuple(raw.get("range_ends", ())),
        exclusive_age_openers=tuple(raw.get("exclusive_age_openers", ())),
        decade_openers=tuple(raw.get("decade_openers", ())),
        decade_endings=tuple(str(e) for e in raw.get("decade_endings", ())),
        negator_endings=tuple(str(e) for e in raw.get("negator_endings", ())),
        hyphened_negations=frozenset(raw.get("hyphened_negations", ())),
        possibility_modals=frozenset(raw.get("possibility_modals", ())),
        auxiliaries=frozenset(raw.get("auxiliaries", ())),
        doubt_adverbs=frozenset(raw.get("doubt_adverbs", ())),
        study_sections=frozenset(raw.get("study_sections", ())),
        attributions=tuple(tuple(str(p).split()) for p in raw.get("attributions", ())),
        person_titles=frozenset(raw.get("person_titles", ())),
        institution_words=frozenset(raw.get("institution_words", ())),
        limiters=tuple(raw.get("limiters", ())),
        determiners=frozenset(raw.get("determiners", ())),
        nominal_negators=frozenset(str(w) for w in raw.get("nominal_negators", ())),
        affirming_after_negator=frozenset(raw.get("affirming_after_negator", ())),
        asking_verbs=frozenset(raw.get("asking_verbs", ())),
        desire_verbs=frozenset(raw.get("desire_verbs", ())),
        purpose_verbs=frozenset(raw.get("purpose_verbs", ())),
        purpose_subjects=frozenset(raw.get("purpose_subjects", ())),
        contrast_openers=frozenset(raw.get("contrast_openers", ())),
        necessity_words=frozenset(raw.get("necessity_words", ())),
        opinion_verbs=frozenset(raw.get("opinion_verbs", ())),
        opinion_links=frozenset(raw.get("opinion_links", ())),
        turning_openers=frozenset(raw.get("turning_openers", ())),
        endorsement_families=frozenset(raw.get("endorsement_families", ())),
        inversion_verbs=frozenset(raw.get("inversion_verbs", ())),
        subject_verbs=frozenset(raw.get("subject_verbs", ())),
        indirect_question_words=frozenset(raw.get("indirect_question_words", ())),
        count_questions=tuple(raw.get("count_questions", ())),
        infinitive_markers=frozenset(raw.get("infinitive_markers", ())),
        embedded_subjects=frozenset(raw.get("embedded_subjects", ())),
        frequency_words=tuple(raw.get("frequency_words", ())),
        report_signals=tuple(raw.get("report_signals", ())),
        advert_owners=frozenset(raw.get("advert_owners", ())),
        typicality=frozenset(raw.get("typicality", ())),
        advert_nouns=frozenset(raw.get("advert_nouns", ())),
        hearsay=tuple(raw.get("hearsay", ())),
        marketing_frames=tuple(raw.get("marketing_frames", ())),
        report_speech=tuple(raw.get("report_speech", ())),
        past_endings=tuple(str(e) for e in raw.get("past_endings", ())),
        past_words=frozenset(raw.get("past_words", ())),
        advert_signals=tuple(
            p for phrase in raw.get("advert_signals", ()) for p in expand_braces(str(phrase))
        ),
        stem_endings=tuple(str(e) for e in raw.get("stem_endings", ())),
        adverb_endings=tuple(str(e) for e in raw.get("adverb_endings", ())),
        statement=str(raw.get("statement") or "{subject}: {phrase}."),
        families={  # (as written: a claim's Phrasings expand them, register/model.py)
            str(k): tuple(str(phrase) for phrase in v)
            for k, v in (raw.get("families") or {}).items()
        },
        attenuators=tuple(raw["attenuators"]),
        rejections=tuple(raw["rejections"]),
        clause_breaks=frozenset(raw["clause_breaks"]),
        abbreviations=frozenset(a.lower() for a in raw["abbreviations"]),
        number_abbreviations=frozenset(a.lower() for a in raw["number_abbreviations"]),
        exceptions=tuple(raw["exceptions"]),
        conversion_connectors=tuple(raw["conversion_connectors"]),
        statistic_words=tuple(raw["statistic_words"]),
    )
