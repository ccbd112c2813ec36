"""Draft a claims register from source texts: `factlint register build`.

Every sentence that states something checkable becomes a candidate claim: a number
with a unit (value, range, duration, frequency, calendar year), a capitalised
two- or three-word name (entity), or a marketing absolute such as those listed in
factlint/data/build_hints.yaml (absolute). Each claim quotes only the few words
that carry it, on the line they stand on, so `factlint register validate` passes
on the draft. Kinds, cues, ids and statuses are guesses: a curator reviews the
draft and merges, renames and corrects claims before it is shipped.

The numbers come from factlint's own reading (document -> segments -> quantities,
through analysis.analyse), so a draft sees exactly what `factlint check` sees.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from factlint.analysis import PHRASE, Context, SentenceFacts, analyse
from factlint.document import Document, build_document
from factlint.extract.quantities import YEAR_UNIT, Mention
from factlint.knowledge import Knowledge, compile_knowledge
from factlint.register.load import DATA_DIR, SLUG, RegisterError, load_register
from factlint.register.model import DRAFT_MARK, DRAFTED_PROPERTY, Claim, Register, Unit
from factlint.register.sources import normalize
from factlint.yamlio import InputError, read_bytes_file

HINTS_FILE = DATA_DIR / "build_hints.yaml"
DRAFT_QUALITY = f"{DRAFT_MARK} not yet reviewed"
MAX_CUES = 3
# A line's label before its number: two or three words and a colon, perhaps after a list
# mark and before an opening quote ("- Procedure time: \"5 to 10 minutes\"").
LABEL = re.compile(
    r"[ \t]*(?:[-*•][ \t]+)?([^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){1,2})[ \t]*:[ \t]*[\"“]?[ \t]*"
)
MAX_MERGED_CUES = 6
COMMON_CUE_SHARE = 0.15  # a cue near more than this share of the numbers does not merge them
MAX_REFUTATIONS = 3  # lines cited against a family of absolutes
# A heading's members in its own sentence, after "if" or "when" and no colon.
INLINE_ITEMS = re.compile(r"\s*,?\s*(?:including\s+)?(?:if|when|while)\b", re.IGNORECASE)
MAX_MEMBER_WORDS = 6  # a list item longer than this is a sentence, not a member
LIST_ITEM = re.compile(r"^\s*(?:[-*•·–]|\d+[.)])\s+(.+)$")
# A line that is only a web address: where the source was published (the draft's `url`),
# never a fact, a name or a heading to draft from.
ADDRESS_LINE = re.compile(r"^\s*<?(https?://\S+?)>?\s*$")
# Where a list item's member ends: "bleeding disorders such as hemophilia", "active acne
# (on the face)", "eczema, psoriasis".
MEMBER_END = re.compile(r"\s*(?:[,;:(]|\bsuch as\b|\bincluding\b|\be\.g\b|\bwithin\b)")
QUOTE_CONTEXT = 2  # words quoted on each side of a refuting word
GAP, GAP_WORDS = "...", 3  # a hint phrase's "..." stands for up to three words
MIN_CUE_LENGTH = 4  # "nouns and verbs": shorter words are mostly function words
# The build hints are English, and so are the drafts: another language needs its own hints
# file; the grammar words (stem endings, articles) come from this language's lexicon.
LANGUAGE = "en"


@dataclass(frozen=True)
class Family:
    """Marketing absolutes that say one thing, and the words with which a source refutes it."""

    name: str
    phrases: tuple[str, ...]
    refuted_by: tuple[str, ...] = ()
    always: bool = False


@dataclass(frozen=True)
class Hints:
    """What drafting a register looks for in source texts (absolute phrases, count units...)."""

    absolute_phrases: tuple[str, ...]
    count_units: tuple[Unit, ...]
    stopwords: frozenset[str]
    families: tuple[Family, ...] = ()
    # absolute_phrases[i] belongs to families[family_of[i]]
    family_of: tuple[int, ...] = ()
    set_headings: tuple[str, ...] = ()
    permissive: tuple[str, ...] = ()
    ratio_exclude: tuple[str, ...] = ()
    item_openers: frozenset[str] = frozenset()  # "you are suffering from" before a member
    interval_words: tuple[str, ...] = ()  # a time near them is between sessions: a frequency
    treated_before: tuple[str, ...] = ()  # "soften scarring": what it treats, not causes
    name_titles: frozenset[str] = frozenset()  # "Dr", "Prof": before a name, not part of it
    never_cues: frozenset[str] = frozenset()  # "itself": no cue even as a last resort
    describing_endings: tuple[str, ...] = ()  # "bacterial or fungal infection": share a noun
    degrees: tuple[str, ...] = ()  # "MD", "PhD": after a name in a byline
    age_closers: tuple[str, ...] = ()  # "65 years of age", "16 years old": an age
    age_openers: tuple[str, ...] = ()  # "< 65 years", "under 18 years": an age near a person
    age_people: tuple[str, ...] = ()  # "adults", "children": the persons an opener needs


@lru_cache(maxsize=1)
def load_hints() -> Hints:
    raw = yaml.safe_load(HINTS_FILE.read_text(encoding="utf-8"))
    units = tuple(
        Unit(
            name=str(name),
            dimension=spec["dimension"],
            factor=float(spec.get("factor", 1)),
            aliases=tuple(str(a) for a in spec.get("aliases", (name,))),
        )
        for name, spec in raw["count_units"].items()
    )
    families = tuple(
        Family(
            str(name),
            tuple(str(p) for p in spec["phrases"]),
            tuple(str(p) for p in spec.get("refuted_by", ())),
            bool(spec.get("always", False)),
        )
        for name, spec in raw["absolute_families"].items()
    )
    phrases = tuple(p for f in families for p in f.phrases)
    family_of = tuple(i for i, f in enumerate(families) for _ in f.phrases)
    lists = raw.get("contraindications", {})
    return Hints(
        phrases,
        units,
        frozenset(str(w).lower() for w in raw["stopwords"]),
        families,
        family_of,
        tuple(map(str, lists.get("headings", ()))),
        tuple(map(str, lists.get("permissive", ()))),
        tuple(map(str, raw.get("ratio_exclude", ()))),
        frozenset(str(w).lower() for w in lists.get("item_openers", ())),
        tuple(str(w).lower() for w in raw.get("interval_words", ())),
        tuple(str(w).lower() for w in raw.get("treated_before", ())),
        frozenset(str(w).lower() for w in raw.get("name_titles", ())),
        frozenset(str(w).lower() for w in raw.get("never_cues", ())),
        tuple(str(w).lower() for w in lists.get("describing_endings", ())),
        tuple(str(w) for w in raw.get("degrees", ())),
        tuple(str(w).lower() for w in raw.get("age_limits", {}).get("closers", ())),
        tuple(str(w).lower() for w in raw.get("age_limits", {}).get("openers", ())),
        tuple(str(w).lower() for w in raw.get("age_limits", {}).get("people", ())),
    )


# -- sources ------------------------------------------------------------------------


@dataclass
class SourceText:
    """One source file as read: its id, title and digest, the document and its lines."""

    id: str
    path: Path
    title: str
    sha256: str
    document: Document
    line_starts: list[int] = field(default_factory=list)
    url: str | None = None  # the address a line of its own gives
    title_line: int = 0  # the line the title was taken from: not drafted from

    def line_of(self, source_offset: int) -> int:
        return bisect.bisect_right(self.line_starts, source_offset)

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.document.source)
        return self.document.source[start:end].rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")

    def in_link(self, start: int) -> bool:
        """Whether a span of the document's text starting at `start` is a link's text: in
        Markdown between "[" and "](" or "][", in HTML inside an `<a>` element."""
        first = self.document.source_offset(start)
        source = self.document.source
        if self.document.kind == "html":
            before = source.rfind("<", 0, first)
            opened = before >= 0 and re.match(r"<a[\s>]", source[before:], re.IGNORECASE)
            return bool(opened)
        if self.document.kind != "markdown":
            return False
        line_start = source.rfind("\n", 0, first) + 1
        line_end = source.find("\n", first)
        line_end = len(source) if line_end < 0 else line_end
        before, after = source[line_start:first], source[first:line_end]
        close = after.find("]")
        return (
            before.rfind("[") > before.rfind("]")
            and close >= 0
            and "[" not in after[:close]
            and after[close + 1 : close + 2] in ("(", "[")
        )

    def quote(self, start: int, end: int) -> tuple[int, str] | None:
        """The line and the original words of a span of the document's text, cut at the line's end."""
        first = self.document.source_offset(start)
        last = self.document.source_end(end)
        line = self.line_of(first)
        line_text = self.line_text(line)
        offset = first - self.line_starts[line - 1]
        words = line_text[offset : offset + (last - first)].strip()
        if not words or normalize(words) not in normalize(line_text):
            return None
        return line, words


def read_source(path: Path, taken: set[str]) -> SourceText:
    """Read one source file. Raises InputError with the path on any problem."""
    data = read_bytes_file(path)
    document = build_document(str(path), data)
    url = None
    if document.kind != "html":
        # An address line (a saved page's "where from") is read as blank: spaces of the
        # same length keep every offset and line number of the file as validate counts them.
        lines = document.source.splitlines(keepends=True)
        found = [ADDRESS_LINE.match(line) for line in lines]
        if any(found):
            url = next(m.group(1) for m in found if m)
            blanked = "".join(
                line
                if m is None
                else " " * len(line.rstrip("\r\n")) + line[len(line.rstrip("\r\n")) :]
                for line, m in zip(lines, found)
            )
            document = build_document(str(path), blanked.encode("utf-8"), encoding="utf-8")
    # Lines as `register validate` counts them (str.splitlines), so every citation holds.
    starts, position = [], 0
    for line in document.source.splitlines(keepends=True):
        starts.append(position)
        position += len(line)
    title_line, title = next(
        (
            (n, line.strip())
            for n, line in enumerate(document.source.splitlines(), 1)
            if line.strip()
        ),
        (0, path.stem),
    )
    return SourceText(
        id=_source_id(path, taken),
        path=path,
        title=_shorten(title),
        sha256=hashlib.sha256(data).hexdigest(),
        document=document,
        line_starts=starts or [0],
        url=url,
        # a heading (no full stop) is the page's title; a first sentence is a fact like any
        title_line=0 if title.endswith((".", "!", "?")) else title_line,
    )


def _source_id(path: Path, taken: set[str]) -> str:
    """The file name's prefix before the first '_' ("000_notes.txt" -> "000"), else its stem."""
    base = path.name.split("_", 1)[0] if "_" in path.name else path.stem
    base = base or path.stem or "source"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _shorten(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


# -- what the sources say ------------------------------------------------------------


@dataclass
class Candidate:
    """A draft claim being assembled: its register record and the words it came from."""

    key: tuple
    words: tuple[str, ...]
    record: dict
    evidence: list[dict] = field(default_factory=list)
    # a year's sentence: its name-like words and its other content words, to tell one
    # event two sources date differently ("identified by Jan Roe in 1901" / "in 1903")
    names: frozenset[str] = frozenset()
    words_around: frozenset[str] = frozenset()


def hint_knowledge(hints: Hints) -> Knowledge:
    """The hints as a register the analysis can read: count units and absolute phrasings."""
    claims = tuple(
        Claim(
            id=f"hint-{number}",
            register="build-hints",
            subject="",
            property=phrase,
            kind="absolute",
            status="contradicted",
            evidence=(),
            phrases=(phrase,),
            language=LANGUAGE,
        )
        for number, phrase in enumerate(hints.absolute_phrases)
    ) + tuple(
        Claim(
            id=f"refute-{number}",
            register="build-hints",
            subject="",
            property=family.name,
            kind="absolute",
            status="contradicted",
            evidence=(),
            phrases=family.refuted_by,
            language=LANGUAGE,
        )
        for number, family in enumerate(hints.families)
        if family.refuted_by
    )
    register = Register(
        id="build-hints",
        title="build hints",
        version="0",
        language=LANGUAGE,
        path=str(HINTS_FILE),
        sha256="",
        sources=(),
        claims=claims,
        units=hints.count_units,
    )
    return compile_knowledge([register])


def asserted_phrases(context: Context, wanted) -> list[tuple[SentenceFacts, object, int, int]]:
    """Matches of absolute phrasings that the sentence asserts: not negated, softened,
    quoted, asked or rejected ("the myth that ..."). `wanted(claim_id)` picks the claims."""
    text = context.document.text
    hits = []
    for facts in context.sentences:
        matches = [m for m in facts.roles(PHRASE) if wanted(m.payload.claim)]
        if not matches or facts.question or context.sentence_has(facts, "rejection"):
            continue  # ("Are HIFU results permanent?" asks; it asserts nothing)
        kept = []
        for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
            if kept and match.start < kept[-1].end:
                continue  # a longer phrase starting here or before covers it
            kept.append(match)
        for match in kept:
            if context.negated_before(facts, match.start) or context.lexicon_roles_before(
                facts, match.start, "attenuator", 2
            ):
                continue
            start, end = context.token_span(match.start, match.end)
            if text[max(0, start - 1) : start] in ('"', "“", "‘", "«") and text[end : end + 1] in (
                '"',
                "”",
                "’",
                "»",
            ):
                continue
            hits.append((facts, match, start, end))
    return hits


class Drafter:
    """Collects candidate claims from sources, in the order the sources give them."""

    def __init__(self, hints: Hints, topic: tuple[str, ...]):
        self.hints = hints
        self.knowledge = hint_knowledge(hints)
        # the topic's words, each also in its plural ("dermal filler*": dermal, filler,
        # fillers): words naming the subject are no cue for any one fact of it
        words = {w.rstrip("*") for phrase in topic for w in phrase.split()}
        self.topic = frozenset(words | {w + "s" for w in words} | {w + "es" for w in words})
        self.numeric: list[Candidate] = []
        self.names: dict[tuple, list[tuple[str, dict, bool]]] = {}
        self.absolutes: dict[int, Candidate] = {}
        self.refutations: dict[int, list[dict]] = {}
        self.members: dict[str, dict] = {}  # cue -> member of the contraindications set
        self.heading = _phrase_regex(hints.set_headings)
        degrees = "|".join(re.escape(d) for d in hints.degrees)
        self.byline = (
            re.compile(
                r"(?<![\w'’-])([A-Z][\w'’-]+),[ \t]+([A-Z][a-z][\w'’-]*)(?:[ \t]+[A-Z]\.)*"
                rf"(?=,?[ \t]*(?:(?:{degrees})\b|;|$))"
            )
            if degrees
            else None
        )
        self.interval_stems = tuple(w.rstrip("*") for w in hints.interval_words)
        # "65 years of age", '"<18yrs': quotes and spaces may stand between
        self.age_closer = re.compile(rf"[\s\"'’”-]*{_either(hints.age_closers)}(?!\w)")
        self.age_opener = re.compile(rf"(?<!\w){_either(hints.age_openers)}[\s\"'“-]*$")
        self.age_people = _phrase_regex(hints.age_people) or re.compile(r"(?!)")
        self.year_seconds = next(
            (u.factor for u in self.knowledge.units if u.name == "year"), math.inf
        )
        self.units_used: set[str] = set()
        lex = self.knowledge.lexicon
        # Words that say nothing about which fact a number states. Unit words are cues
        # for other units' numbers ("each session takes 20 minutes"), not their own.
        self.not_cues = (
            set(lex.numbers)
            | set(lex.scales)
            | set(lex.times)
            | set(lex.negators)
            | set(self.topic)
            | {w for phrase in lex.number_phrases for w in phrase.split()}
            | {w for phrase in lex.qualifiers for w in phrase.split()}
            | lex.vague_cues  # "skin", "first": validate would warn about them
            | _function_words()  # "after", "out": likewise
        )
        self.stem_endings = lex.stem_endings
        self.adverb_endings = lex.adverb_endings
        # "a session", "a single session": an article or a phrase for one, not a count
        self.articles = tuple(
            dict.fromkeys(
                (*lex.articles, *(p for p, value in lex.number_phrases.items() if value == 1))
            )
        )

    def read(self, source: SourceText) -> None:
        context = analyse(source.document, self.knowledge)
        restated = {id(second) for _, second in context.conversions}
        for facts in context.sentences:
            for mention in facts.mentions:
                if id(mention) not in restated:
                    self._number(source, context, facts, mention)
            self._names(source, context, facts)
        asserting = set()
        for facts, match, start, end in asserted_phrases(
            context, lambda claim_id: claim_id.startswith("hint-")
        ):
            self._absolute(source, match, start, end)
            asserting.add(
                (id(facts), self.hints.family_of[int(match.payload.claim.split("-")[-1])])
            )
        self._refutations(source, context, asserting)
        self._contraindications(source)
        self._byline_names(source)

    def _byline_names(self, source: SourceText) -> None:
        """Authors listed surname first, as papers do ("Tong, Lana X. MD, MPH; Rieder, Evan
        A. MD"): a surname, a comma and a known first name, then initials and a degree (the
        hints' `degrees`), a semicolon or the line's end."""
        if self.byline is None or source.document.kind == "html":
            return
        for number, line in enumerate(source.document.source.splitlines(), 1):
            if number == source.title_line:
                continue
            for found in self.byline.finditer(line):
                surname, given = found.group(1), found.group(2)
                if not _proper_word(given) or surname.lower() in self.hints.stopwords:
                    continue
                evidence = {"source": source.id, "line": number, "quote": found.group(0).strip()}
                key = (given[0], surname.lower())
                self.names.setdefault(key, []).append((f"{given} {surname}", evidence, False))

    # -- numbers ------------------------------------------------------------------

    def _number(
        self, source: SourceText, context: Context, facts: SentenceFacts, mention: Mention
    ) -> None:
        unit = mention.unit
        if unit is None or mention.kind not in ("quantity", "frequency", "year"):
            return
        if mention.high == 0:
            return  # "0 days (of recovery)": an absolute in figures, which every number contradicts
        words = context.document.text[mention.start : mention.end]
        if (
            unit.dimension != "time"
            and unit.name != YEAR_UNIT
            and mention.qualifier is None
            and _leading_article(words, self.articles)
        ):
            return  # "a session", "a procedure": an article, not a count
        if mention.kind == "frequency" and self._describes_noun(context, words, mention.end):
            return  # "normal daily activities": a kind of activity, not how often
        if unit.dimension == "time" and self._age(context, facts, mention):
            return  # "adults < 65 years of age", "under 18 years": who, not how long
        quoted = source.quote(mention.start, mention.end)
        if quoted is None or quoted[0] == source.title_line:
            return  # a title's number dates or names the page ("... (Opal Daily)", "..., 2013")
        line, quote = quoted
        cues = self._cues(context, facts, mention)
        label = self._label(context.document.text, mention.start)
        if label and label not in {c for _, c in cues}:
            cues = [(label, label), *cues][:MAX_CUES]
        if not cues:
            return
        kind = _kind_of(mention)
        if kind == "duration" and any(self._interval_cue(c.rstrip("*")) for _, c in cues):
            kind = "frequency"  # "4-6 week intervals", "spaced 4-6 weeks apart": between sessions
        record = {"kind": kind, "unit": unit.name, **_interval(mention)}
        if unit.name in {u.name for u in self.hints.count_units}:
            self.units_used.add(unit.name)
        note = ""
        if mention.kind == "year" and not re.search(r"\d{4}", quote):
            note = "draft: a year worked out from an earlier year in the text"
        key = (kind, unit.name, tuple(sorted(record.items())), tuple(c for _, c in cues))
        candidate = Candidate(key, tuple(w for w, _ in cues), record)
        if unit.name == YEAR_UNIT:
            candidate.names, candidate.words_around = self._event_words(context, facts)
        candidate.record["cues"] = [c for _, c in cues]
        if note:
            candidate.record["note"] = note
        candidate.evidence.append({"source": source.id, "line": line, "quote": quote})
        for other in self.numeric:
            if other.key == key:  # the same value near the same words: one claim, more evidence
                if candidate.evidence[0] not in other.evidence:
                    other.evidence.append(candidate.evidence[0])
                return
        self.numeric.append(candidate)

    def _age(self, context: Context, facts: SentenceFacts, mention: Mention) -> bool:
        """A number of years that is a person's age, not a length of time: the hints'
        `age_limits` closer after it ("65 years of age", "16 years old"), or an opener
        before it ("< 65 years", "under 18 years") in a sentence that names persons."""
        if mention.unit.factor < self.year_seconds:
            return False
        text = context.document.text
        after = text[mention.end : mention.end + 30].lower()
        if self.age_closer.match(after):
            return True
        # the mention may hold its opener: "under 18 years" is read as at most 18 years
        lead = re.match(r"\D*", text[mention.start : mention.end]).group(0)
        before = (text[max(0, mention.start - 30) : mention.start] + lead).lower()
        if not self.age_opener.search(before):
            return False
        sentence = " ".join(context.tokens.words[facts.first_token : facts.last_token]).lower()
        return self.age_people.search(sentence) is not None

    def _event_words(
        self, context: Context, facts: SentenceFacts
    ) -> tuple[frozenset[str], frozenset[str]]:
        """A sentence's name-like words (capitalised past its first word, no common word of
        the language: "Roe", "Ermengem") and its other content words, as cues."""
        tokens, text = context.tokens, context.document.text
        common = _common_words()
        names, others = set(), set()
        for index in range(facts.first_token, facts.last_token):
            word = tokens.words[index]
            if not self._cue_word(word, set()) or word in self.hints.stopwords:
                continue
            written = text[tokens.starts[index] : tokens.ends[index]]
            if index > facts.first_token and written[:1].isupper() and word not in common:
                names.add(word)
            elif len(word) >= MIN_CUE_LENGTH:
                others.add(cue_of(word, self.stem_endings))
        return frozenset(names), frozenset(others)

    def _label(self, text: str, start: int) -> str | None:
        """The label of a line that gives a number after it ("Procedure time: 5 to 10
        minutes", "Full results: 7-14 days"): two or three words that name the property
        together, though each alone may be too common to be a cue ("procedure", "time")."""
        line_start = text.rfind("\n", 0, start) + 1
        found = LABEL.fullmatch(text, line_start, start)
        if found is None:
            return None
        words = found.group(1).lower().split()
        if all(w in self.hints.stopwords or w in self.topic for w in words):
            return None
        return " ".join(words)

    def _describes_noun(self, context: Context, words: str, end: int) -> bool:
        """A one-word frequency right before a word that names no counted unit ("daily
        activities", "a weekly newsletter"; not "weekly sessions"): it describes the noun."""
        if " " in words.strip():
            return False
        following = re.match(r"[ \t]+([^\W\d_][\w'’-]*)", context.document.text[end : end + 40])
        if following is None:
            return False
        word = following.group(1).lower()
        counted = {a.lower() for u in self.hints.count_units for a in u.aliases}
        return (
            word not in counted
            and word not in self.hints.stopwords
            and word not in _function_words()
            and not word.endswith(self.adverb_endings)
        )

    def _interval_cue(self, stem: str) -> bool:
        """A drafted cue ("spac*", "intervals") is one of the interval words."""
        return any(
            stem.startswith(word) or (len(stem) >= MIN_CUE_LENGTH and word.startswith(stem))
            for word in self.interval_stems
        )

    def _cues(
        self, context: Context, facts: SentenceFacts, mention: Mention
    ) -> list[tuple[str, str]]:
        """Up to three content words of the sentence nearest the number, as cue phrases.

        Stopwords and three-letter words serve only when the sentence has no other
        word to offer ("age to 18 years").
        """
        tokens = context.tokens
        spans = [(m.start, m.end) for m in facts.mentions]
        own_unit = {a.lower() for a in mention.unit.aliases} | {mention.unit.name}
        ranked = []
        for index in range(facts.first_token, facts.last_token):
            word, start, end = tokens.words[index], tokens.starts[index], tokens.ends[index]
            if not self._cue_word(word, own_unit) or any(s < end and start < e for s, e in spans):
                continue
            distance = max(mention.start - end, start - mention.end, 0)
            weak = word in self.hints.stopwords or len(word) < MIN_CUE_LENGTH
            # The words before a number are mostly what it is about ("the acid stays on the skin
            # for 1-15 minutes"); after it they often start another thought ("to make skin look").
            after = start >= mention.end
            ranked.append((weak, after, distance, index, word))
        if any(not stop for stop, *_ in ranked):
            ranked = [r for r in ranked if not r[0]]
        cues, seen = [], set()
        for *_, word in sorted(ranked):
            cue = cue_of(word, self.stem_endings)
            if cue not in seen:
                seen.add(cue)
                cues.append((word, cue))
            if len(cues) == MAX_CUES:
                break
        return cues

    def _cue_word(self, word: str, own_unit: set[str]) -> bool:
        if (len(word) < MIN_CUE_LENGTH and word in self.hints.stopwords) or (
            word in self.hints.never_cues
        ):
            return False  # "the", "and", "itself": never a cue, even as a last resort
        return (
            len(word) >= MIN_CUE_LENGTH - 1
            and word.isalpha()
            and word not in own_unit
            and word not in self.not_cues
            and not word.endswith(self.adverb_endings)
        )

    # -- names --------------------------------------------------------------------

    def _names(self, source: SourceText, context: Context, facts: SentenceFacts) -> None:
        places = self.knowledge.lexicon.places
        text = context.document.text
        for found in capitalised_names(
            context, facts, self.hints.stopwords | self.topic, self.hints.name_titles
        ):
            quoted = source.quote(found.start, found.end)
            if quoted is None or quoted[0] == source.title_line:
                continue  # a page's title names its publisher as often as a fact
            line, quote = quoted
            person = found.titled or _proper_word(found.name.split()[0])
            if found.tentative and person:
                found = NameRun(found.start, found.end, found.name)  # "Jennifer MacGregor, MD"
            if _title_case(source.line_text(line), self.hints.stopwords) and not person:
                continue  # "Facts on Dermal Filler Side Effects": a heading, no name in it
            label = text[found.end : found.end + 3].lstrip(" \t")[:1] == ":"
            if not found.titled and (
                (label and _ordinary_words(found.name))  # "Active Skincare Ingredients:"
                or found.name.split()[-1] in places  # "Botox Singapore": a business's place
                or _in_organisation(text, found.start, found.end, self.hints.stopwords)
            ):
                continue
            if source.in_link(found.start):
                continue  # a link's text names a page to go to, not a fact
            parts = found.name.split()
            key = (parts[0][0], parts[-1].lower())  # same initial and surname: one person
            self.names.setdefault(key, []).append(
                (
                    found.name,
                    {"source": source.id, "line": line, "quote": quote},
                    found.tentative,
                )
            )

    # -- absolute phrasings -------------------------------------------------------

    def _absolute(self, source: SourceText, match, start: int, end: int) -> None:
        quoted = source.quote(start, end)
        if quoted is None:
            return
        line, quote = quoted
        number = int(match.payload.claim.split("-")[-1])
        evidence = {"source": source.id, "line": line, "quote": quote}
        candidate = self.absolutes.get(number)
        if candidate is None:
            words = tuple(quote.lower().split())
            candidate = Candidate(
                (number,),
                words,
                {"kind": "absolute", "phrases": [self.hints.absolute_phrases[number]]},
            )
            self.absolutes[number] = candidate
        if evidence not in candidate.evidence:
            candidate.evidence.append(evidence)

    def _refutations(self, source: SourceText, context: Context, asserting: set) -> None:
        """Sentences whose words refute a family of absolutes ("a slight burning sensation"
        refutes "painless"): not negated, and not themselves asserting the absolute."""
        for facts in context.sentences:
            for match in facts.roles(PHRASE):
                if not match.payload.claim.startswith("refute-"):
                    continue
                family = int(match.payload.claim.split("-")[-1])
                found = self.refutations.setdefault(family, [])
                if (
                    (id(facts), family) in asserting
                    or len(found) >= MAX_REFUTATIONS
                    or context.negated_before(facts, match.start)
                    or self._treated(context, facts, match.start)
                ):
                    continue
                # match.start/end are token indices; quote a few words around the match.
                first = max(facts.first_token, match.start - QUOTE_CONTEXT)
                last = min(facts.last_token, match.end + QUOTE_CONTEXT)
                quoted = source.quote(*context.token_span(first, last)) or source.quote(
                    *context.token_span(match.start, match.end)
                )
                if quoted is None or quoted[0] == source.title_line:
                    continue  # a title ("... Contraindications") names a topic; it refutes nothing
                evidence = {"source": source.id, "line": quoted[0], "quote": quoted[1]}
                if all((e["source"], e["line"]) != (source.id, quoted[0]) for e in found):
                    found.append(evidence)

    def _treated(self, context: Context, facts: SentenceFacts, start: int) -> bool:
        """The refuting word is what the treatment treats ("soften scarring", "reduce the
        appearance of acne scars"): one of `treated_before` within the two words before it
        (a stem of a word, an adjective such as "acne" between)."""
        words = context.tokens.words
        before = " ".join(words[max(facts.first_token, start - 3) : start])
        return any(
            re.search(rf"(?:^|\s){re.escape(w)}(?:\s|$)", before) for w in self.hints.treated_before
        )

    def _contraindications(self, source: SourceText) -> None:
        """Members of a contraindications list: the items under a line that names one
        (or after its colon), each a member whose cue is its first content word."""
        if self.heading is None:
            return
        lines = source.document.source.splitlines()
        under = False
        depth = None  # the indent of the list's own items: deeper ones explain an item
        for number, line in enumerate(lines, 1):
            item = LIST_ITEM.match(line)
            if item and under:
                indent = len(line) - len(line.lstrip())
                depth = indent if depth is None else depth
                if indent <= depth:
                    # "Pregnancy and Breastfeeding", "If you are pregnant or are currently
                    # breastfeeding": each is a member with its own cue
                    head = MEMBER_END.split(item.group(1), maxsplit=1)[0]
                    for part in self._shared_noun(re.split(r"\s+(?:and|or)\s+", head)):
                        self._member(source, number, part)
                continue
            if not line.strip():
                continue
            if under and depth is None and line.rstrip().endswith(":"):
                # "These conditions prohibit treatment entirely:" introduces the list
                continue
            under, depth = False, None
            found = self.heading.search(line)
            if found is None:
                continue
            rest = line[found.end() :]
            if ":" in rest and rest.split(":", 1)[1].strip():
                for part in re.split(r"[,;]|\band\b|\bor\b", rest.split(":", 1)[1]):
                    self._member(source, number, part)
            elif ":" not in rest and INLINE_ITEMS.match(rest):
                # "... are not recommended when you have a skin infection or are unwell."
                for part in re.split(r"[,;]|\band\b|\bor\b", re.split(r"[.!?]", rest)[0]):
                    self._member(source, number, part)
            else:
                under = True

    def _shared_noun(self, parts: list[str]) -> list[str]:
        """Describing words before "or" share the noun after it: "Active bacterial or
        fungal infection" is a bacterial infection and a fungal infection (a word with one of
        the hints' `describing_endings`), while "Diabetes or heart disease" are two."""
        last = parts[-1].split()
        if len(parts) < 2 or len(last) < 2:
            return parts
        noun = last[-1]
        shared = []
        for part in parts[:-1]:
            word = part.split()[-1].lower() if part.split() else ""
            describes = word.endswith(self.hints.describing_endings) and len(word) > 4
            shared.append(f"{part} {noun}" if describes else part)
        return [*shared, parts[-1]]

    def _member(self, source: SourceText, line: int, text: str) -> None:
        # "You are suffering from active acne of the face": the member is what follows
        # the reader's own words, up to an example or an aside
        text = MEMBER_END.split(text, maxsplit=1)[0]
        # "Raynaud’s phenomenon" keeps its apostrophe in the name; a cue is made of the word
        # before it ("raynaud*"), as a cue is a word and a stem
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text)]
        while words and words[0].lower() in self.hints.item_openers:
            words.pop(0)
        bases = [re.split(r"['’]", w)[0] for w in words]
        content = [
            w for w in bases if len(w) >= MIN_CUE_LENGTH and w.lower() not in self.hints.stopwords
        ]
        if not content or len(words) > MAX_MEMBER_WORDS:
            return
        quote = " ".join(words[:MAX_MEMBER_WORDS])
        if normalize(quote) not in normalize(source.line_text(line)):
            quote = content[0]
        # the cue: its first word that names something ("skin infection" -> "infection")
        vague = self.knowledge.lexicon.vague_cues
        word = next((w for w in content if w.lower() not in vague), content[0]).lower()
        # A stem, so the cue meets the word's other forms (and a cut-off list item):
        # "epilepsy" -> "epilep*" (epileptic), "isotretin" -> "isotreti*" (isotretinoin).
        # An ending the language knows is cut first ("breastfeeding" -> "breastfeed*").
        cue = cue_of(word, self.stem_endings)
        if not cue.endswith("*") and len(word) >= 7:
            cue = word[:-2] + "*"
        evidence = {"source": source.id, "line": line, "quote": quote}
        # the name: its first words, without a dangling "of the" or "or are currently"
        named = [w.lower() for w in words[:4]]
        while len(named) > 1 and (
            named[-1] in self.hints.stopwords or named[-1] in self.hints.item_openers
        ):
            named.pop()
        member = self.members.setdefault(
            cue, {"name": " ".join(named), "cues": [cue], "evidence": []}
        )
        if evidence not in member["evidence"]:
            member["evidence"].append(evidence)

    # -- the claims ---------------------------------------------------------------

    def claims(self, subject: str) -> list[dict]:
        ids = _Ids()
        out = []
        for group in merge_candidates(self.numeric):
            out.append(self._numeric_claim(group, subject, ids))
        for found, mentions in _surnames_joined(self.names):
            if all(tentative for *_, tentative in found):
                continue
            spellings = [(name, evidence) for name, evidence, _ in found]
            counts = Counter(name for name, _ in spellings)
            canonical = max(counts, key=lambda n: (counts[n], -[s for s, _ in spellings].index(n)))
            evidence = list(
                {
                    (e["source"], e["line"], e["quote"]): e
                    for e in [*(e for _, e in spellings), *mentions]
                }.values()
            )
            evidence.sort(key=lambda e: (e["source"], e["line"]))
            claim = {
                "id": ids.make(("name",) + tuple(canonical.lower().split())),
                "subject": subject,
                "property": f"spelling of the name {canonical}",
                "kind": "entity",
                "status": "supported",
                "canonical": canonical,
            }
            variants = [n for n in counts if n != canonical]
            if variants:
                claim["variants"] = variants
            claim["evidence"] = evidence
            out.append(claim)
        if self.members:
            out.append(
                {
                    "id": ids.make(("contraindications",)),
                    "subject": subject,
                    "property": "contraindications",
                    "kind": "set",
                    "status": "supported",
                    "permissive": list(self.hints.permissive),
                    "members": [dict(m) for m in self.members.values()],
                    "note": "draft: members gathered from lists under a contraindications line; "
                    "check each, and add the words texts use for them to its cues",
                }
            )
        out.extend(self._absolute_claims(subject, ids))
        return out

    def _numeric_claim(self, group: list[Candidate], subject: str, ids: _Ids) -> dict:
        """One claim for candidates that state one property: a single value, or a values
        list keeping each source's own evidence, `disputed` when two values exclude each other."""
        first = group[0]
        kinds = {c.record["kind"] for c in group}
        kind = "range" if kinds == {"value", "range"} else first.record["kind"]
        cues = _merged_cues(group)
        claim = {
            "id": ids.make(first.words[:2]),
            "subject": subject,
            "property": f"{_PROPERTY[kind]}{DRAFTED_PROPERTY}{', '.join(cues[:3])}",
            "kind": kind,
            "status": "supported",
            "unit": first.record["unit"],
        }
        items = []
        for candidate in group:
            item = {
                k: candidate.record[k] for k in ("value", "min", "max") if k in candidate.record
            }
            if candidate.record["unit"] != claim["unit"]:
                item["unit"] = candidate.record["unit"]
            same = next(
                (i for i in items if {k: v for k, v in i.items() if k != "evidence"} == item), None
            )
            if same is not None:
                same["evidence"].extend(e for e in candidate.evidence if e not in same["evidence"])
            else:
                items.append({**item, "evidence": list(candidate.evidence)})
        if len(items) == 1:
            claim.update({k: v for k, v in items[0].items() if k != "evidence"})
        claim["cues"] = cues
        if claim["unit"] == "%" and self.hints.ratio_exclude:
            claim["exclude"] = list(self.hints.ratio_exclude)
        if len(items) == 1:
            claim["evidence"] = items[0]["evidence"]
        else:
            claim["status"] = "disputed" if _disputed(group, items, cues) else "supported"
            claim["values"] = items
            claim["note"] = (
                "draft: the sources give these values near the same words; check that "
                "they state one property"
                + (" and disagree" if claim["status"] == "disputed" else "")
            )
        notes = [c.record["note"] for c in group if "note" in c.record]
        if notes and "note" not in claim:
            claim["note"] = notes[0]
        return claim

    def _absolute_claims(self, subject: str, ids: _Ids) -> list[dict]:
        """One claim per family of absolutes that a source asserts or refutes (or that no
        source can back): contradicted with the refuting lines, else unsupported."""
        out = []
        for number, family in enumerate(self.hints.families):
            asserted = [
                e
                for n in sorted(self.absolutes)
                if self.hints.family_of[n] == number
                for e in self.absolutes[n].evidence
            ]
            lines = {(e["source"], e["line"]) for e in asserted}
            refuting = [
                e for e in self.refutations.get(number, []) if (e["source"], e["line"]) not in lines
            ]
            if not (asserted or refuting or family.always):
                continue
            claim = {
                "id": ids.make(("absolute", family.name)),
                "subject": subject,
                "property": f"absolute claims of {family.name}",
                "kind": "absolute",
                "status": "contradicted" if refuting else "unsupported",
                "phrases": list(family.phrases),
            }
            if refuting:
                claim["evidence"] = refuting
            if asserted:
                claim["asserted_in"] = list(dict.fromkeys(map(_frozen, asserted)))
                claim["asserted_in"] = [dict(e) for e in claim["asserted_in"]]
            claim["note"] = (
                "draft: evidence holds the source lines that seem to refute these phrasings; "
                "check each, and drop phrasings the sources back"
                if refuting
                else "draft: no source line refutes these phrasings; a source that backs one "
                "is in asserted_in"
            )
            out.append(claim)
        return out


_PROPERTY = {"value": "value", "range": "range", "duration": "duration", "frequency": "interval"}


def _function_words() -> frozenset:
    from factlint.words import language_words

    words = language_words(LANGUAGE)
    return words.function_words if words else frozenset()


# What may stand between two words of a name: spaces, and a middle initial ("L. ").
INSIDE_NAME = re.compile(r"[ \t]+(?:[A-Z]\.[ \t]+)?")
# What may stand between a title and the name after it ("Dr. Su", "Dr Su").
AFTER_TITLE = re.compile(r"\.?[ \t]+")


@dataclass(frozen=True)
class NameRun:
    """A run of capitalised words read as a name: its span, the name, whether it is only
    tentative (a sentence's first words) and whether a title stood before it ("Dr")."""

    start: int
    end: int
    name: str
    tentative: bool = False
    titled: bool = False


def _surnames_joined(names: dict[tuple, list]) -> list[tuple[list, list[dict]]]:
    """The drafted names, each with the evidence of its surname said alone: "Dr. Scott" on
    a line after "Dr. Alan Scott" is the same person, cited, not a second name (and no
    spelling of it: a text's "Dr Scott" is right). A surname alone that several drafted
    names share, or none, stays a name of its own."""
    full: dict[str, list[tuple]] = {}
    for key, found in names.items():
        if any(" " in name for name, *_ in found):
            full.setdefault(key[1], []).append(key)
    joined = {key: [] for key in names}
    for key, found in names.items():
        owners = full.get(key[1], [])
        if len(owners) == 1 and owners[0] != key and all(" " not in n for n, *_ in found):
            joined[owners[0]].extend(evidence for _, evidence, _ in found)
            del joined[key]
    return [(names[key], mentions) for key, mentions in joined.items()]


def capitalised_names(
    context: Context, facts: SentenceFacts, stopwords, titles=frozenset()
) -> list[NameRun]:
    """Runs of two or three capitalised words in a sentence ("Anja Korsgaard", "Jennifer
    L. MacGregor" without its initial), and the one to three after a title ("Dr Zurek",
    "Dr M Sulamanidze" without title and initial).

    A sentence's first word is capitalised anyway: a run it starts loses that word if
    it is longer than two ("Cosmetologist Jane Roe"), and is tentative if it is two
    words long ("Jane Roe retired"), counted only when the name is also seen elsewhere.
    Longer runs are title-case headings, not names.
    """
    tokens, text = context.tokens, context.document.text
    sentence_start = facts.sentence.start
    runs: list[tuple[list, bool]] = []
    run: list = []
    titled, title_end = False, 0
    for index in range(facts.first_token, facts.last_token):
        start, end = tokens.starts[index], tokens.ends[index]
        word = re.sub(r"['’]s$", "", text[start:end])
        end = start + len(word)
        after_title = titled and not run and AFTER_TITLE.fullmatch(text[title_end:start])
        if after_title and len(word) == 1 and word.isupper():
            title_end = end + (text[end : end + 1] == ".")  # "Dr M Sulamanidze": an initial
            continue
        if run and len(word) == 1 and word.isupper() and text[end : end + 1] == ".":
            continue  # "Jennifer L. MacGregor": a middle initial stays inside the name
        if word[:1].isupper() and word.lower() in titles:
            runs.append((run, titled))
            run, titled, title_end = [], True, end
            continue
        name_like = (
            len(word) > 1
            and word.isalpha()
            and word[0].isupper()
            and word[1:] != word[1:].upper()  # "MacGregor", not "NASA"
            and word.lower() not in stopwords
        )
        joined = bool(run) and INSIDE_NAME.fullmatch(text[run[-1][1] : start]) is not None
        if name_like and (joined or not run) and (run or not titled or after_title):
            run.append((start, end, word))
            continue
        runs.append((run, titled))
        run, titled = ([(start, end, word)] if name_like else []), False
    runs.append((run, titled))
    names = []
    for words, after in runs:
        if after:
            if 1 <= len(words) <= 3:
                names.append(
                    NameRun(words[0][0], words[-1][1], " ".join(w for *_, w in words), titled=True)
                )
            continue
        tentative = bool(words) and not re.search(r"[^\W\d_]", text[sentence_start : words[0][0]])
        if tentative and len(words) > 2:
            words, tentative = words[1:], False
        if 2 <= len(words) <= 3:
            names.append(
                NameRun(words[0][0], words[-1][1], " ".join(w for *_, w in words), tentative)
            )
    return names


def _ordinary_words(name: str) -> bool:
    """Whether every word of a capitalised run is an ordinary word of the language and none
    a first name it knows ("Skincare Ingredients", "Skin Cancer"; not "Jane Roe")."""
    from factlint.words import word_list

    words = word_list(LANGUAGE)
    if words is None:
        return False
    parts = [w.lower() for w in name.split()]
    return all(p in words.ordinary and p not in words.names for p in parts)


def _proper_word(word: str) -> bool:
    """A word the language knows only as a name ("Jennifer", "Keller"), not as a word."""
    from factlint.words import word_list

    words = word_list(LANGUAGE)
    lowered = word.lower()
    return words is not None and lowered in words.names and lowered not in words.ordinary


# Small words that join the capitalised words of an organisation's name, never a person's:
# "Society of Plastic Surgeons", "Centre for Skin Health", "Smith & Jones".
ORGANISATION_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]+(?:of|for|&)[ \t]+$")
ORGANISATION_AFTER = re.compile(r"[ \t]+(?:of|for|&)[ \t]+[A-Z]")
# "Food and Drug Administration": one capitalised word, "and", then the run (after a
# two-word name, "Jane Roe and Mark Smith", the run is a second person).
AND_BEFORE = re.compile(
    r"(?:^|([A-Z][\w'’-]*)[ \t]+|[^\w \t][ \t]*|[a-z][\w'’-]*[ \t]+)"
    r"[A-Z][\w'’-]*[ \t]+and[ \t]+$"
)


def _in_organisation(text: str, start: int, end: int, stopwords) -> bool:
    """Whether a run of capitalised words is part of an organisation's longer name."""
    before = text[max(0, start - 60) : start]
    joined = AND_BEFORE.search(before)
    return bool(
        ORGANISATION_BEFORE.search(before)
        or ORGANISATION_AFTER.match(text, end)
        or (joined and (joined.group(1) is None or joined.group(1).lower() in stopwords))
    )


def _title_case(line: str, stopwords) -> bool:
    """A heading in title case: every content word (four letters or more) of a line that
    is no sentence is capitalised ("Facts on Dermal Filler Side Effects")."""
    if line.rstrip().endswith((".", "!", '"')):
        return False
    small = stopwords | _function_words()
    words = [
        w
        for w in re.findall(r"[^\W\d_][\w'-]*", line)
        if len(w) >= MIN_CUE_LENGTH and w.lower() not in small
    ]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def _leading_article(words: str, articles: tuple[str, ...]) -> bool:
    lowered = " ".join(words.lower().split())
    return any(lowered.startswith(article + " ") for article in articles)


def _kind_of(mention: Mention) -> str:
    if mention.kind == "year":
        return "value"
    if mention.kind == "frequency":
        return "frequency"
    if mention.unit.dimension == "time":
        return "duration"
    return "value" if mention.low == mention.high and mention.qualifier not in _OPEN else "range"


_OPEN = ("at_least", "above", "at_most", "below")


def _interval(mention: Mention) -> dict:
    """The mention's values as register keys: "at least 6" gives only a min."""
    if mention.qualifier in ("at_least", "above"):
        return {"min": _number(mention.low)}
    if mention.qualifier in ("at_most", "below"):
        return {"max": _number(mention.high)}
    if mention.low == mention.high:
        return {"value": _number(mention.low)}
    return {"min": _number(mention.low), "max": _number(mention.high)}


def _number(value: float):
    if value == int(value) and abs(value) < 1e15:
        return int(value)
    return float(f"{value:.6g}")


def cue_of(word: str, endings: tuple[str, ...]) -> str:
    """A cue phrase for a word: its stem and '*' when it has one of the language's common
    endings (the lexicon's `stem_endings`, tried in order)."""
    for suffix in endings:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_CUE_LENGTH:
            return word[: -len(suffix)] + "*"
    return word


def merge_candidates(candidates: list[Candidate]) -> list[list[Candidate]]:
    """Candidates that state one property, grouped: the same kind of value (a value and a
    range mix; a frequency or a year stays with its kind) in the same unit, near a shared
    cue that is not common to many of the numbers ("skin", "treatment")."""
    counts = Counter(cue for c in candidates for cue in set(c.record["cues"]))
    common = {cue for cue, n in counts.items() if n > max(2, len(candidates) * COMMON_CUE_SHARE)}
    around = Counter(word for c in candidates for word in c.words_around)
    common |= {word for word, n in around.items() if n > max(2, len(candidates) * COMMON_CUE_SHARE)}
    groups: list[list[Candidate]] = []
    for candidate in candidates:
        cues = set(candidate.record["cues"]) - common
        for group in groups:
            head = group[0].record
            if _kind_family(head) != _kind_family(candidate.record) or (
                head["unit"] != candidate.record["unit"]
            ):
                continue
            if _one_event(candidate, group, common) or (
                cues & {cue for c in group for cue in c.record["cues"]}
            ):
                group.append(candidate)
                break
        else:
            groups.append([candidate])
    return groups


def _one_event(candidate: Candidate, group: list[Candidate], common: set[str]) -> bool:
    """Years two sources give near one person's name and one more word they share (not
    common among the numbers): one event the sources date, perhaps differently. The shared
    name joins both years' cues, so the draft claim is `disputed` when the years differ."""
    for other in group:
        names = candidate.names & other.names
        sources = {e["source"] for e in candidate.evidence} & {e["source"] for e in other.evidence}
        if names and not sources and (candidate.words_around & other.words_around) - common:
            for member in (candidate, other):
                member.record["cues"] = [*sorted(names), *member.record["cues"]]
                member.record["cues"] = list(dict.fromkeys(member.record["cues"]))
            return True
    return False


def _kind_family(record: dict) -> str:
    if record["unit"] == YEAR_UNIT:
        return "year"
    return "number" if record["kind"] in ("value", "range") else record["kind"]


def _merged_cues(group: list[Candidate]) -> list[str]:
    """The group's cues, the most shared first."""
    counts = Counter(cue for c in group for cue in c.record["cues"])
    order = {cue: i for i, cue in enumerate(cue for c in group for cue in c.record["cues"])}
    return sorted(counts, key=lambda cue: (-counts[cue], order[cue]))[:MAX_MERGED_CUES]


def _disputed(group: list[Candidate], items: list[dict], cues: list[str]) -> bool:
    """Values that exclude each other, from different sources, each near at least two of
    the group's main cues: then the sources likely disagree about one property. Short of
    that the draft lists the values as `supported` and leaves the call to the curator (a
    wrong dispute reports every text that follows one source)."""
    main = set(cues[:3])
    sources = {e["source"] for c in group for e in c.evidence}
    return (
        len(sources) > 1
        and _some_disjoint(items)
        and all(len(main & set(c.record["cues"])) >= 2 for c in group)
    )


def _some_disjoint(items: list[dict]) -> bool:
    """Whether two of the values exclude each other (only compared in one unit)."""
    if len({i.get("unit") for i in items}) > 1:
        return False
    bounds = [
        (i.get("value", i.get("min", 0)), i.get("value", i.get("max", math.inf))) for i in items
    ]
    return any(a[1] < b[0] or b[1] < a[0] for n, a in enumerate(bounds) for b in bounds[n + 1 :])


def _either(words) -> str:
    """A regex group for any of these literal words (one that never matches for none)."""
    return "(?:" + "|".join(map(re.escape, words)) + ")" if words else "(?!)"


def _phrase_regex(phrases) -> re.Pattern | None:
    """A plain regex for hint phrases (`word*`, `a|b`, and `...` for up to GAP_WORDS words
    of any kind: "avoid ... if you" meets "Avoid mesotherapy if you"), to spot them in a
    source line."""
    parts = []
    for phrase in phrases:
        pattern = ""
        for word in phrase.split():
            if word == GAP:
                pattern += rf"(?:\s+[\w'’-]+){{0,{GAP_WORDS}}}"
                continue
            options = [
                re.escape(o[:-1]) + r"\w*" if o.endswith("*") else re.escape(o)
                for o in word.split("|")
            ]
            if pattern:
                pattern += r"\s+"
            pattern += "(?:" + "|".join(options) + ")"
        parts.append(pattern)
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE) if parts else None


def _frozen(evidence: dict) -> tuple:
    return tuple(evidence.items())


class _Ids:
    """Unique claim ids: a slug of a few words, then a counter."""

    def __init__(self):
        self.counts: Counter = Counter()

    def make(self, words) -> str:
        base = slugify("-".join(words)) or "claim"
        self.counts[base] += 1
        return f"{base}-{self.counts[base]}"


def slugify(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# -- the register ---------------------------------------------------------------------


def guess_topic(
    sources: list[SourceText], stopwords, endings=(), generic=frozenset()
) -> tuple[str, ...]:
    """Content words that most sources' titles share: what the sources are about. Words
    that stand together in most titles are one phrase, its last word with any ending
    ("Dermal Fillers", "Dermal Filler" -> "dermal filler*"): alone, "dermal" names no
    procedure and "fillers" misses the singular. A common word alone (`generic`: "skin"
    in "HIFU Skin Tightening" and "Skin rejuvenation") names no procedure either."""
    if len(sources) < 2:
        return ()
    needed = max(2, math.ceil(len(sources) / 2))
    stem = lambda word: cue_of(word, endings).rstrip("*")  # noqa: E731
    titles = [[w.lower() for w in re.findall(r"[^\W\d_]+", source.title)] for source in sources]
    counts: Counter = Counter()
    for words in titles:
        counts.update({w for w in words if len(w) >= MIN_CUE_LENGTH and w not in stopwords})
    single = {w for w, n in counts.items() if n >= needed and w not in generic}
    stems = {stem(w) for w, n in counts.items() if n >= needed or len(w) >= MIN_CUE_LENGTH}
    stem_counts: Counter = Counter()
    for words in titles:
        stem_counts.update({stem(w) for w in words if stem(w) in stems})
    shared = {s for s, n in stem_counts.items() if n >= needed and s not in stopwords}
    runs: Counter = Counter()
    for words in titles:
        found, run = set(), []
        for word in [*words, ""]:
            if word and stem(word) in shared:
                run.append(stem(word))
                continue
            if len(run) >= 2:
                found.add(tuple(run))
            run = []
        runs.update(found)
    phrases = [r for r, n in runs.items() if n >= needed]
    if not phrases:
        return tuple(sorted(single))
    covered = {s for run in phrases for s in run}
    return tuple(
        sorted(
            [" ".join(run[:-1]) + " " + run[-1] + "*" for run in phrases]
            + [w for w in single if stem(w) not in covered]
        )
    )


def _common_words():
    """The language's common words (its word list's commonest), or none without a list."""
    from factlint.words import word_list

    words = word_list(LANGUAGE)
    return words.common if words is not None else frozenset()


def _stem_endings() -> tuple[str, ...]:
    from factlint.lexicon import lexicon

    return tuple(lexicon(LANGUAGE).stem_endings)


def sources_folder(paths: list[Path]) -> Path:
    folders = [str(p.resolve().parent) for p in paths]
    return Path(os.path.commonpath(folders))


def build_register(
    paths: list[Path],
    output: Path | None = None,
    register_id: str | None = None,
    title: str | None = None,
) -> dict:
    """Read the sources and draft a register (a plain dict in register key order).

    Raises InputError on an unreadable source or a bad id.
    """
    if register_id is not None and not SLUG.match(register_id):
        raise InputError(f"--id {register_id!r} must be a lowercase slug (a-z, 0-9, '-')")
    hints = load_hints()
    unique = list(dict.fromkeys(Path(p) for p in paths))
    taken: set[str] = set()
    sources = [read_source(path, taken) for path in unique]
    topic = guess_topic(sources, hints.stopwords, _stem_endings(), _common_words())
    if not topic and register_id:
        # the titles share no name: the register's own name is the author's word for it
        topic = (register_id.replace("-", " "),)
    counted = counted_words(sources, hints)
    if counted:
        hints = dataclasses.replace(hints, count_units=hints.count_units + counted)
    drafter = Drafter(hints, topic)
    for source in sources:
        drafter.read(source)
    folder = sources_folder(unique)
    named = [t.rstrip("*") for t in topic]
    subject = named[0] if topic else (register_id or "subject")
    register: dict = {
        "factlint-register": 1,
        "id": register_id or (slugify(topic[0]) + "-draft" if topic else "draft"),
        "title": title or (f"Draft register: {', '.join(named)}" if topic else "Draft register"),
        "version": "0.1.0",
        "language": LANGUAGE,
        "description": f"Drafted by 'factlint register build' from {len(sources)} source"
        f"{'s' if len(sources) != 1 else ''}. Every claim is a guess until reviewed.",
        "sources_dir": _relative_folder(folder, output),
    }
    if topic:
        register["topic"] = list(topic)
    off_topic = _neighbour_topics(output, topic)
    if off_topic:
        register["off_topic"] = off_topic
    units = [u for u in hints.count_units if u.name in drafter.units_used]
    if units:
        register["units"] = {
            u.name: {"dimension": u.dimension, "aliases": list(u.aliases)} for u in units
        }
    register["sources"] = [
        {
            "id": s.id,
            "title": s.title,
            "file": Path(os.path.relpath(s.path.resolve(), folder)).as_posix(),
            "sha256": s.sha256,
            "language": LANGUAGE,
            "quality": DRAFT_QUALITY,
            **({"url": s.url} if s.url else {}),
        }
        for s in sources
    ]
    register["claims"] = drafter.claims(subject)
    return register


# A number and the word it counts ("total of 20 Units", "4 Units/0.1mL", "64 units").
COUNTED = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?[ \t]+([^\W\d_]{3,})(?![\w'’-])")
MIN_COUNTED = 3  # a word the sources count this often is a unit of the domain


def counted_words(sources: list[SourceText], hints: Hints) -> tuple[Unit, ...]:
    """The words the sources count that no unit names: a dose's "Units", a device's
    "shots". Each counted MIN_COUNTED times or more after a number (its plural with it)
    becomes a draft unit of its own, so the numbers before it are drafted as claims."""
    from factlint.lexicon import lexicon
    from factlint.register.load import builtin_units

    lex = lexicon(LANGUAGE)
    known = {
        a.lower() for u in (*builtin_units(), *hints.count_units) for a in (*u.aliases, u.name)
    }
    known |= set(lex.numbers) | set(lex.scales) | set(lex.times) | hints.stopwords
    counts: Counter = Counter()
    for source in sources:
        for found in COUNTED.finditer(source.document.source):
            word = found.group(1).lower()
            single = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
            if word not in known and single not in known:
                counts[single] += 1
    units = []
    for single, count in sorted(counts.items()):
        if count >= MIN_COUNTED:
            plural = lex.plural(single) or single
            units.append(Unit(name=single, dimension=plural, factor=1.0, aliases=(single, plural)))
    return tuple(units)


def _neighbour_topics(output: Path | None, topic: list[str]) -> list[str]:
    """The topics of the other registers in the folder the draft goes to (a project's
    claims/): the neighbouring procedures a text about this one may name beside it, which
    tie nothing to its claims (`off_topic`). A file there that does not load is passed over."""
    if output is None or not output.parent.is_dir():
        return []
    own = set(topic)
    found: list[str] = []
    for path in sorted(output.parent.glob("*.yaml")):
        if path.name.endswith(".tests.yaml") or path.resolve() == output.resolve():
            continue
        try:
            neighbour = load_register(path)
        except (RegisterError, InputError, OSError):
            continue
        if not neighbour.pack:
            found.extend(t for t in neighbour.topic if t not in own)
    return list(dict.fromkeys(found))


def _relative_folder(folder: Path, output: Path | None) -> str:
    """`sources_dir` as a draft writes it: relative to the register's folder when the
    sources are inside it or beside it ("sources", "../sources": a project that moves
    keeps them), else the absolute folder ("~/..." under the home folder), which stays
    right wherever the register file is moved."""
    if output is not None:
        try:
            relative = Path(os.path.relpath(folder, output.resolve().parent))
        except ValueError:  # another drive (Windows): no relative path exists
            relative = None
        if relative is not None and relative.parts.count("..") <= 1:
            return relative.as_posix()
    home = Path.home()
    try:
        return "~/" + folder.relative_to(home).as_posix() if folder != home else "~"
    except ValueError:
        return folder.as_posix()


# -- YAML -----------------------------------------------------------------------------


class _Flow(dict):
    """A mapping written on one line: {source: s1, line: 3, quote: ...}."""


class _FlowList(list):
    """A list written on one line: [cue, other*]."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)
)
_Dumper.add_representer(
    _FlowList, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)
)

_FLOW_LISTS = ("cues", "phrases", "variants", "topic", "aliases", "exclude", "permissive")
_FLOW_ITEMS = ("evidence", "asserted_in", "sources")


def _styled(node, key: str | None = None):
    if isinstance(node, dict):
        styled = {k: _styled(v, k) for k, v in node.items()}
        return _Flow(styled) if key in _FLOW_ITEMS else styled
    if isinstance(node, list):
        items = [_styled(v, key) for v in node]
        return _FlowList(items) if key in _FLOW_LISTS else items
    return node


def render_register(register: dict) -> str:
    """The draft as YAML, with a header that says it is a draft."""
    body = yaml.dump(
        _styled(register),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100_000,
        default_flow_style=False,
    )
    lines, in_claims = [], False
    for line in body.splitlines():
        if line == "claims:":
            in_claims = True
        elif in_claims and line.startswith("- id:"):
            lines.append("")
        lines.append(line)
    header = (
        "# Draft claims register written by `factlint register build`.\n"
        "# Review every claim before use: kinds, values, cues, ids and statuses are guesses,\n"
        "# and absolute claims cite where a source asserts them, not counter-evidence.\n"
    )
    return header + "\n".join(lines) + "\n"
