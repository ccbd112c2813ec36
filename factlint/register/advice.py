"""Warnings for a valid register that will not do what its author meant.

`factlint register validate` prints them; they do not fail it. Each names the claim's
line and says what happens and what to write instead:

- an alternation that swallows a phrase: the bar binds single words, so
  "completely|totally|100 % safe" is one of three words followed by "% safe", and
  "safe|no risks" puts "no" in the place of "safe" ("completely no risks");
- a set claim without `permissive` phrasings: it reports nothing;
- a unit alias that can never match: another unit (a built-in one, or one defined
  earlier) already owns it, or it holds a digit;
- a quote of more than MAX_QUOTE_WORDS words: a sentence copied in, where the project
  quotes only the few words that carry the fact;
- what `register build` drafted and nobody reviewed: a claim with the draft's note or
  property ("interval stated near: ..."), sources still of quality "draft: ...";
- a claim whose `{a b|c d}` groups expand into more plain phrasings than MAX_PHRASINGS:
  each group multiplies the others, and a register that size takes minutes and gigabytes
  to build and slows every check;
- cues so generic that they tie unrelated numbers: a function word ("over", "use"), a
  topic word (nearly every sentence of a text about the topic has it), or a stem of
  fewer than three letters. A frequency claim's cues may be the words frequencies are
  said with ("every", "often").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factlint.register.model import DRAFT_MARK, DRAFTED_PROPERTY, Register

DIGIT = re.compile(r"\d")
# The project quotes only the words that carry a fact (the longest quote of a shipped
# register or pack has 13); a longer one is most of a sentence copied in.
MAX_QUOTE_WORDS = 15
# Each {…} group multiplies a phrase's wordings (the largest shipped claim has about 45,000);
# at about a million, building the register took gigabytes and stalled.
MAX_PHRASINGS = 100_000
NUMBERISH = re.compile(r"^[\d.,%°~+/-]+$")


@dataclass(frozen=True)
class Warning_:
    """Advice about a register, at a line of its file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: warning: {self.message}"


def register_warnings(registers: list[Register]) -> list[Warning_]:
    """The warnings for these registers, loaded together (a unit may shadow another's)."""
    from factlint.lexicon import lexicon
    from factlint.register.load import builtin_units

    out: list[Warning_] = []
    builtin = builtin_units()
    owners: dict[str, str] = {a.lower(): u.name for u in builtin for a in (*u.aliases, *u.before)}
    for register in registers:
        lex = lexicon(register.language or "en")
        generic = _generic_words(register.language or "en")
        starters = set(lex.negators)  # "safe|no risks": a negation opens another phrase
        topic = {p.strip().lower() for p in register.topic if " " not in p.strip()}
        numbers = frozenset(lex.numbers)
        # The words a frequency is said with are the cues docs/register.md asks for.
        frequency_words = frozenset(
            {*lex.every_words, *lex.frequency_adverbs, *lex.frequency_words}
        )

        def warn(line: int, message: str, register=register) -> None:
            out.append(Warning_(register.path, line, message))

        _units(register, owners, warn, builtin)
        if not register.topic and not register.pack:
            warn(
                0,
                "no 'topic': its claims meet every text, whatever procedure it is about, as "
                "a pack's do; list the words that name the procedure",
            )
        _drafted_sources(register, warn)
        for claim in register.claims:
            what = f"claim {claim.id!r}"
            if claim.note.startswith(DRAFT_MARK) or DRAFTED_PROPERTY in claim.property:
                warn(
                    claim.line,
                    f"{what} is as 'register build' drafted it: check its values, cues and "
                    "evidence against the sources, name its property in your words and "
                    "delete the draft's note",
                )
            phrasings = len(claim.phrases) + len(claim.permissive) + len(claim.exclude)
            if phrasings > MAX_PHRASINGS:
                warn(
                    claim.line,
                    f"{what}: its {{...}} groups expand into {phrasings:,} phrasings, and every "
                    "group multiplies the others, which makes the register slow to build and "
                    "every check slower; give choices of one word with '|' (a choice of single "
                    "words is not multiplied) or split the phrase into a few phrases",
                )
            _tried_together(claim, what, generic, numbers, warn)
            for phrase in (*claim.phrases, *claim.permissive, *claim.cues, *claim.exclude):
                problem = swallowed(phrase, starters, generic | numbers)
                if problem:
                    warn(claim.line, f"{what}: {problem}")
            for evidence in dict.fromkeys((*claim.evidence, *claim.asserted_in)):
                words = len(evidence.quote.split())
                if words > MAX_QUOTE_WORDS:
                    warn(
                        evidence.at or claim.line,
                        f"{what}: quote {_opening(evidence.quote)!r} holds {words} words; quote "
                        "only the few words that carry the fact (a source's text stays out of "
                        "the register)",
                    )
            if (
                claim.kind == "entity"
                and claim.cues
                and not claim.alternatives
                and not claim.names
                and not any(
                    n in lex.places or n in lex.places.values()
                    for n in (claim.canonical, *claim.synonyms)
                )
            ):
                warn(
                    claim.line,
                    f"{what}: its cues compare the place named near them, and "
                    f"{claim.canonical!r} is no place the lexicon knows: if it names a person, "
                    "no other person named near a cue is compared, only the lexicon's places; "
                    "list what other sources name under 'names' with status: disputed, or "
                    "leave the cues out",
                )
            if claim.kind == "set" and not claim.permissive:
                warn(
                    claim.line,
                    f"{what}: a set claim without 'permissive' phrasings reports nothing; "
                    "list the words that present a member as acceptable "
                    '("safe during", "suitable for")',
                )
            if claim.is_numeric:
                allowed = frequency_words if claim.kind == "frequency" else frozenset()
                for cue in claim.cues:
                    if _names_own_subject(cue, claim.subject, register.topic):
                        continue  # "mesoscooter*" for a claim about the home mesoscooter
                    reason = _generic_cue(
                        cue, (generic | lex.vague_cues) - allowed, topic, lex.plurals
                    )
                    if reason:
                        warn(
                            claim.line,
                            f"{what}: cue {cue!r} {reason}, so it ties numbers that are "
                            "about something else; use words that name this property",
                        )
    return out


def _drafted_sources(register: Register, warn) -> None:
    drafted = [s.id for s in register.sources if s.quality.startswith(DRAFT_MARK)]
    if drafted:
        warn(
            0,
            f"source{'s' if len(drafted) > 1 else ''} {', '.join(drafted)} still "
            f"{'have' if len(drafted) > 1 else 'has'} the draft's quality: say how reliable "
            "each is (clinic page, promotional, translated...)",
        )


def _opening(quote: str) -> str:
    words = quote.split()
    return " ".join(words[:6]) + (" ..." if len(words) > 6 else "")


def swallowed(phrase: str, starters: set[str], small: frozenset = frozenset()) -> str | None:
    """Why an alternation in `phrase` does not mean what it seems to, or None."""
    words = phrase.split()
    for index, word in enumerate(words):
        if "|" not in word:
            continue
        options = [o for o in word.split("|") if o]
        numbers = [o for o in options if NUMBERISH.match(o)]
        if numbers and len(numbers) < len(options) and index + 1 < len(words):
            example = " ".join(
                [*words[:index], next(o for o in options if o not in numbers), *words[index + 1 :]]
            )
            return (
                f"phrase {phrase!r}: the bar joins single words, so it matches {example!r}; "
                "give the wording with a number its own entry"
            )
        lowered = [o.lower().rstrip("?") for o in options]
        # "safe|no risks": a word of a phrase and the first word of another share a place.
        # A place of small words only ("in one|a|each session") is meant word by word.
        content = [
            o for o in lowered if o not in starters and o not in small and not NUMBERISH.match(o)
        ]
        if index > 0 and content and any(o in starters for o in lowered):
            stray = next(o for o in options if o.lower().rstrip("?") in starters)
            example = " ".join([*words[:index], stray, *words[index + 1 :]])
            return (
                f"phrase {phrase!r}: the bar joins single words, not phrases, so it matches "
                f"{example!r}; give each wording its own entry"
            )
    return None


def _units(register: Register, owners: dict[str, str], warn, builtin=()) -> None:
    used = {c.unit for c in register.claims} | {v.unit for c in register.claims for v in c.values}
    # A unit of a dimension a claim measures is used: a text's "25 kg" is converted for a
    # claim in pounds.
    dimensions = {u.name: u.dimension for u in (*builtin, *register.units)}
    measured = {dimensions.get(name) for name in used}
    for unit in register.units:
        for alias in (*unit.aliases, *unit.before):
            key = alias.lower()
            owner = owners.get(key)
            if owner is not None and owner != unit.name:
                warn(
                    0,
                    f"unit {unit.name!r}: alias {alias!r} can never match: unit {owner!r} already "
                    "has it (built-in units and earlier registers come first)",
                )
            elif DIGIT.search(alias):
                warn(
                    0,
                    f"unit {unit.name!r}: alias {alias!r} holds a digit; texts write the number "
                    "apart from the unit, so it never matches",
                )
            owners.setdefault(key, unit.name)
        if unit.name not in used and unit.dimension not in measured:
            warn(0, f"unit {unit.name!r} is used by no claim (nor is its dimension)")


def _names_own_subject(cue: str, subject: str, topic) -> bool:
    """Whether the cue names the claim's own subject, a narrower thing than the register's
    main topic word (its first): one of the topic's words then says which thing a number is
    about, not merely that the sentence is on the topic."""
    word = cue.strip().lower()
    if not topic or " " in word or "|" in word:
        return False

    def matches(pattern: str, text: str) -> bool:
        return any(
            w.startswith(pattern[:-1]) if pattern.endswith("*") else w == pattern
            for w in text.lower().split()
        )

    main = topic[0].strip().lower()
    return matches(word, subject) and not (" " not in main and matches(main, subject))


def _generic_cue(cue: str, generic: frozenset, topic: set[str], plurals) -> str | None:
    words = cue.split()
    required = [w for w in words if not w.endswith("?")]
    if len(words) > 1 and len(required) == 1:
        # "results? for": with its optional word left out, the cue is "for" alone
        reason = _generic_cue(required[0], generic, topic, plurals)
        return f"without its optional words is {required[0]!r}, which {reason}" if reason else None
    if " " in cue.strip() or "|" in cue:
        return None
    word = cue.strip().lower()
    if word.endswith("*") and len(word) < 4:
        return "is a stem of fewer than three letters"
    if any(_covers(t, word, plurals) for t in topic):
        return "is a topic word (nearly every sentence about the topic has it)"
    if word.rstrip("*") in generic:
        return "is a common word"
    return None


def _covers(topic: str, cue: str, plurals) -> bool:
    """Whether every word the cue matches is also a topic word: "peels" under "peel*",
    "peel*" under "peel*"; not "mesotherapist*" under "mesotherap*" (a narrower cue).
    `plurals`: the language's plural forms of a word (a topic word matches them too)."""
    stem = _stem(topic)
    if cue.endswith("*"):
        return topic.endswith("*") and _stem(cue) == stem
    word = _stem(cue)
    return word.startswith(stem) if topic.endswith("*") else word in (stem, *plurals(stem))


def _stem(phrase: str) -> str:
    return phrase.strip().lower().rstrip("*")


def _tried_together(claim, what: str, generic: frozenset, numbers: frozenset, warn) -> None:
    """A claim whose wordings the phrase scan must try together, many at a time, wherever
    common words lead to them ("# to # % of the hair ...": after "# to" a number, which no
    next word sorts, so every "2 to 3" of a text tries them all): such a family once made
    every check half as slow again (factlint.register.work)."""
    from factlint.register.work import WIDE_BUCKET, widest_bucket

    common = generic | {"#"}
    for phrases in (claim.phrases, claim.permissive, claim.exclude):
        if len(phrases) < WIDE_BUCKET:
            continue
        # Only wordings that open with a common word (or a number, or an optional word)
        # can be led to by common words alone: the others are not compiled to look.
        opening = [p for p in phrases if _opens_commonly(p, common)]
        if len(opening) < WIDE_BUCKET:
            continue
        size, path = widest_bucket(opening, numbers)
        if size >= WIDE_BUCKET and all(w == "#" or w in generic for w in path.split()):
            warn(
                claim.line,
                f"{what}: {size:,} of its wordings are tried one by one wherever a text says "
                f"{path!r} (what follows there is a number, or more than eight words, which "
                "no next word sorts), which slows every check; put a word of their own "
                "before the number, or give fewer choices",
            )
            return


def _opens_commonly(phrase: str, common: frozenset) -> bool:
    first = phrase.split(maxsplit=1)[0].lower() if phrase.strip() else ""
    return first.endswith("?") or any(a in common for a in first.split("|"))


def _generic_words(language: str) -> frozenset:
    """The language's function words ("over", "use"): too common to be a cue."""
    from factlint.words import language_words

    words = language_words(language)
    return words.function_words if words else frozenset()
