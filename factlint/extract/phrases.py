"""Words and register phrases.

A text is tokenized once; every register phrase (cues, absolute phrasings,
set members...) is matched against the tokens in a single pass through an index
keyed by the phrase's first word, so the cost grows with the text, not with the
number of claims. Phrase syntax (documented in docs/register.md): words separated
by spaces; `word*` matches any ending, `a|b` either word, `word?` an optional word,
`#` any number (digits, or a number word of the language: "9 out of 10", "nine out of ten"),
`*` any one word between words ("voted * best"), and `*'s` (a star then an ending) any
word with that ending, only to open a phrase ("*'s most trusted": "Leeds's most trusted").
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, compress
from typing import NamedTuple

# Letters and digits (not underscores), an inner apostrophe ("isn't"), and the
# few symbols that carry meaning in claims ("100 %").
TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[%°″]")
# gap, token, gap, token, ..., gap; possessive (the same matches: nothing follows a
# token's word characters to backtrack for), so the engine keeps no places to go back to.
TOKEN_SPLIT = re.compile(r"([^\W_]++(?:['’][^\W_]++)*+|[%°″])")
MAX_OPTIONAL = 4
SHORT_WINDOW = 16  # tokens; a phrase search over fewer skips the C-level selection
NUMBER = "#"  # a phrase word that stands for any number
ANY_WORD = "*"  # a phrase word that stands for any one word ("voted * best": "voted Austin's best")
DIGITS = tuple("0123456789")
NUMBER_OPENS = ("#",)  # a candidate standing for every phrase that opens with a number
MAX_DIGIT_GROUPS = 4  # groups after the first that one number may have ("1,000,000,000")


class PhraseError(ValueError):
    pass


@dataclass(frozen=True)
class Tokens:
    """The words of a text: normalized form and character span of each."""

    words: tuple[str, ...]
    starts: Sequence[int]
    ends: Sequence[int]

    def __len__(self) -> int:
        return len(self.words)


def normalize_word(word: str) -> str:
    return word.lower().replace("’", "'")


def tokenize(text: str) -> Tokens:
    # One split and running totals of the pieces' lengths give every token and its span
    # without a Python step per word: token k runs from offsets[2k] to offsets[2k + 1].
    # The split is of the text already normalized (lower case, one apostrophe) when that
    # keeps every character in its place and class: lowering maps a character to one
    # character of its class (tests/test_tokens.py checks every code point), except "İ"
    # (two characters) and "Σ", whose lower case depends on the letters around it.
    lowered = text.lower()
    if len(lowered) == len(text) and "Σ" not in text:
        if "’" in lowered:
            lowered = lowered.replace("’", "'")
        parts = TOKEN_SPLIT.split(lowered)
        words = parts[1::2]
    else:
        parts = TOKEN_SPLIT.split(text)
        raw = parts[1::2]
        # Tokens hold no line break, so normalizing them joined is normalizing each.
        words = "\n".join(raw).lower().replace("’", "'").split("\n") if raw else []
    # Lists, not arrays: filling an array converts each total again, and reading one back
    # (a bisection reads a dozen) makes a new integer object each time.
    offsets = list(accumulate(map(len, parts)))
    # The split's own strings: making the repeats of a word one object cost a dictionary
    # step a word, and the phrase scan hashes each word once either way.
    return Tokens(tuple(words), offsets[0:-1:2], offsets[1::2])


@dataclass(frozen=True)
class Slot:
    """One word place of a compiled phrase: the words or prefixes it accepts, or a number."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    number: bool = False  # `#`: a number, with its digit groups and scale ("10,000", "10 million")

    def accepts(self, word: str) -> bool:
        return word in self.words or (bool(self.prefixes) and word.startswith(self.prefixes))


@dataclass(frozen=True)
class Ending(Slot):
    """`*'s`: any word with one of these endings. It only opens a phrase, where the index
    finds it by the word's ending, once for each distinct word of a text (the scan asks the
    places after the first without calling `accepts`; a word in the middle is `*`)."""

    endings: tuple[str, ...] = ()

    def accepts(self, word: str) -> bool:
        return word.endswith(self.endings)


def compile_phrase(phrase: str, inflect=None, numbers=frozenset()) -> list[tuple[Slot, ...]]:
    """Turn a phrase into its variants (optional words expanded), each a tuple of slots.
    `inflect`: word -> its other forms (plurals), accepted for a variant's last word.
    `numbers`: the language's number words, which `#` accepts besides digits.
    Equal slots are one object (see _shared)."""
    phrase = str(phrase)
    key = phrase if NUMBER not in phrase else (phrase, numbers)
    variants = _PHRASES.get(key)
    if variants is None:
        # A run reads each phrase twice (to check a register, then to index it), and
        # claims share phrasings ("clinically proven" in a register and in a pack).
        if len(_PHRASES) > 200_000:  # a bound over very many registers
            _PHRASES.clear()
        try:
            variants = _variants(phrase, numbers)
        except PhraseError as error:
            variants = str(error)
        _PHRASES[key] = variants
    if variants.__class__ is str:
        raise PhraseError(variants)
    if inflect is not None:
        return [variant[:-1] + (_inflected(variant[-1], inflect),) for variant in variants]
    return list(variants)


_PHRASES: dict = {}  # phrase (with the numbers `#` accepts, if it has one) -> variants or error


def forget_phrases() -> None:
    """Let go of the phrases compile_phrase remembers (once a run's registers are compiled)."""
    _PHRASES.clear()


def _variants(phrase: str, numbers) -> tuple[tuple[Slot, ...], ...]:
    slots: list[tuple[Slot, bool]] = []
    for token in phrase.split():
        parsed = _WORDS.get(token)
        if parsed is None:
            optional = token.endswith("?") and len(token) > 1
            raw = token[:-1] if optional else token
            if raw == NUMBER:
                slots.append((_shared(Slot(frozenset(numbers), DIGITS, number=True)), optional))
                continue
            if raw == ANY_WORD:  # every word starts with the empty prefix
                slots.append((_shared(Slot(frozenset(), ("",))), optional))
                continue
            if raw.startswith(ANY_WORD) and len(raw) > 1:  # `*'s`: a word with this ending
                slots.append((_shared(_ending_slot(raw)), optional))
                continue
            # The registers repeat their words thousands of times ("clinically|medically
            # proven|tested", expanded): each distinct word is read once.
            if len(_WORDS) > 100_000:  # a bound over very many registers
                _WORDS.clear()
            try:
                # (several slots: a hyphenated word, never optional)
                parsed = tuple((_shared(slot), optional) for slot in _word_slots(raw, optional))
            except PhraseError as error:
                parsed = str(error)
            _WORDS[token] = parsed
        if parsed.__class__ is str:
            raise PhraseError(parsed)
        slots += parsed
    if not slots:
        raise PhraseError("is empty")
    optional_count = [optional for _, optional in slots].count(True)
    if not optional_count:  # (most phrases)
        variants = [tuple([slot for slot, _ in slots])]
    else:
        if optional_count > MAX_OPTIONAL:
            raise PhraseError(f"has more than {MAX_OPTIONAL} optional words")
        variants = []
        for keep in itertools.product((True, False), repeat=optional_count):
            choice = iter(keep)
            variant = tuple(slot for slot, optional in slots if not optional or next(choice))
            if variant:
                variants.append(variant)
        if not variants:
            raise PhraseError("has only optional words")
    if all(slot.number for variant in variants for slot in variant):
        raise PhraseError("has only numbers ('#'): it would match every number")
    if any(_any_word(variant[0]) or _any_word(variant[-1]) for variant in variants):
        # (a phrase is found by its first word, and one ending in any word says no more)
        raise PhraseError(f"has a '{ANY_WORD}' for any word that does not stand between words")
    for variant in variants:
        if any(isinstance(slot, Ending) for slot in variant[1:]):
            raise PhraseError("has a word ending ('*'s') that does not open it")
        if len(variant) == 1 and isinstance(variant[0], Ending):
            raise PhraseError("has only a word ending ('*'s'): it would match every such word")
    return tuple(variants)


def _ending_slot(raw: str) -> Ending:
    """The slot of `*'s`: the words ending so. Raises PhraseError."""
    ending = normalize_word(raw[1:])
    if "*" in ending or "|" in ending or "?" in ending:
        raise PhraseError(f"has a word ending {raw!r} that is not one ending ('*' then letters)")
    word = "x" + ending  # an ending is the end of one word: "x's" is one token
    if len(ending) < 2 or TOKEN.fullmatch(word) is None:
        raise PhraseError(f"word ending {raw!r} needs at least two characters of one word")
    return Ending(frozenset(), (), endings=(ending,))


def _any_word(slot: Slot) -> bool:
    return slot.prefixes == ("",)


# a phrase's word (with its `?`) -> its (slot, optional) pairs, or its error
_WORDS: dict[str, tuple[tuple[Slot, bool], ...] | str] = {}


def _word_slots(raw: str, optional: bool) -> list[Slot]:
    """The slots of one word of a phrase (without its `?`): one slot, or several for a
    hyphenated word ("micro-needle", "micro-needl*"), which cannot be optional.
    Raises PhraseError."""
    alternatives = [a for a in raw.split("|")]
    if any(a == "" for a in alternatives):
        raise PhraseError("has an empty alternative around '|'")
    if any("*" in a[:-1] for a in alternatives):
        raise PhraseError("has a '*' that does not end a word")
    if len(alternatives) == 1 and not raw.endswith("*"):
        parts = [normalize_word(t) for t in TOKEN.findall(raw)]
        if not parts:
            if raw == "?":
                raise PhraseError("has a '?' that follows no word")
            raise PhraseError(f"has no word in {raw!r}")
        if optional and len(parts) > 1:
            raise PhraseError(f"an optional word must be one word, not {raw!r}")
        return [Slot(frozenset([p]), ()) for p in parts]
    before: list[Slot] = []
    if len(alternatives) == 1:
        # "micro-needl*": hyphenated words before a wildcard are words of the phrase,
        # as "micro needl*" (hyphens and spaces are interchangeable)
        parts = [normalize_word(t) for t in TOKEN.findall(raw[:-1])]
        if len(parts) > 1:
            if optional:
                raise PhraseError(f"an optional word must be one word, not {raw!r}")
            before = [Slot(frozenset([p]), ()) for p in parts[:-1]]
            alternatives = [parts[-1] + "*"]
    words, prefixes = set(), []
    for alternative in alternatives:
        is_prefix = alternative.endswith("*")
        stem = alternative[:-1] if is_prefix else alternative
        parts = [normalize_word(t) for t in TOKEN.findall(stem)]
        if len(parts) != 1 or TOKEN.fullmatch(stem) is None:
            if len(alternatives) == 1:  # an optional hyphenated wildcard, or no word
                if parts:
                    raise PhraseError(f"an optional word must be one word, not {raw!r}")
                raise PhraseError(f"has no word in {alternative!r}")
            raise PhraseError(
                f"alternative {alternative!r} of {raw!r} is not one word (a hyphen, '%' or "
                "space splits words) and '|' chooses between single words; write each "
                "wording as a phrase of its own, or use {a b|c d} for runs of words"
            )
        if is_prefix:
            if len(parts[0]) < 2:
                raise PhraseError(f"wildcard {alternative!r} needs at least two letters before '*'")
            prefixes.append(parts[0])
        else:
            words.add(parts[0])
    return [*before, Slot(frozenset(words), tuple(prefixes))]


def _inflected(slot: Slot, inflect) -> Slot:
    forms = {form for word in slot.words for form in inflect(word)}
    return (
        Slot(slot.words | frozenset(forms), slot.prefixes, slot.number)
        if forms - slot.words
        else slot
    )


class PhraseMatch(NamedTuple):
    """A phrase found in a text's tokens (a tuple: a text can hold thousands)."""

    start: int  # first token index
    end: int  # token index after the last
    payload: object


FANOUT = 0  # a word opening more phrases than this has them kept by their second word
NESTED_FANOUT = 2  # more phrases than this after one word are kept by the word after it too
KEYED_WORDS = 3  # a phrase is kept by at most its first three words ("does not need")
# ... unless more than this many phrases share them ("# % of the" opens thousands of a
# pack's wordings): those are kept by further words, up to MAX_KEYED_WORDS in all.
DEEP_FANOUT = 32
MAX_KEYED_WORDS = 8


class _Plan:
    """The phrases a word may open, in the order they were added. Where there are many
    ("the best", "the first", "does not ..."), those whose next word is a plain word are
    kept by that word, those whose next word is a `word*` slot by that slot ("the effect*
    is permanent"), and so on for the word after it, so each occurrence tries only the
    phrases its next words can continue instead of all of them ("does not" opens hundreds
    of phrasings; a text's "does not" meets few of their third words). A candidate kept by
    its first k words carries only its remaining slots and k (where they start); `placed`
    keeps each candidate's place in the whole list, so `candidates` gives them in that order.
    `by_slot`: [slot, plan] of the slots with prefixes that keep candidates; `prefixes`
    and `slot_words`: every prefix and word of those slots, to ask a next word once
    whether any of them may accept it.

    The plans of the next words are made when a text first has that next word: until
    then `by_next` and `by_slot` hold the (place, candidate) pairs they will be made of
    (a word's plan: the places, see `of`). Most words that open phrases ("has", "is", "the") meet few of their
    thousands of next words in a run, and a plan costs memory for each candidate."""

    __slots__ = (
        "general",
        "placed",
        "by_next",
        "by_slot",
        "prefixes",
        "slot_words",
        "fanout",
        "depth",
        "found",
        "order",
    )

    def __init__(
        self,
        placed: tuple,
        by_next: dict | None,
        by_slot: tuple = (),
        fanout: int = FANOUT,
        depth: int = 1,
    ) -> None:
        self.placed = placed  # (place, candidate) of those not kept by the next word
        self.general = tuple(candidate for _, candidate in placed)
        self.by_next = by_next  # next word -> the _Plan of the candidates it continues
        self.by_slot = by_slot
        self.prefixes = tuple(p for slot, _ in by_slot for p in slot.prefixes)
        self.slot_words = frozenset(w for slot, _ in by_slot for w in slot.words)
        self.fanout, self.depth = fanout, depth  # (what the next words' plans are made with)
        self.found = None  # a word's plan: all its candidates (see of)
        self.order = None  # a word's plan: the places of the general candidates

    @classmethod
    def of(cls, found: tuple, fanout: int = FANOUT) -> _Plan:
        """The plan of a word's candidates, as _candidates gives them: the index's
        entries, (rest, payload, number, 1) each, or NUMBER_OPENS. A word's plan keeps
        places, not (place, candidate) pairs: `found` and the places in an array (`order`
        for the general candidates, a list's for those a next word keeps); pairs are made
        when they are needed. A run plans hundreds of words, of thousands of phrasings."""
        if len(found) <= fanout:
            return cls(tuple(enumerate(found)), None)
        general, order, by_next, by_slot = [], array("l"), {}, {}
        for position, candidate in enumerate(found):
            slot = _keying_slot(candidate)
            if slot is None:
                general.append(candidate)
                order.append(position)
            elif slot.prefixes:
                by_slot.setdefault(slot, array("l")).append(position)
            else:
                for word in slot.words:
                    by_next.setdefault(word, array("l")).append(position)
        plan = cls(
            (),
            by_next or None,
            tuple([slot, kept] for slot, kept in by_slot.items()),
            max(fanout, NESTED_FANOUT),
            2,
        )
        plan.general, plan.order, plan.found = tuple(general), order, found
        return plan

    @classmethod
    def _keyed(cls, placed: tuple, fanout: int, depth: int) -> _Plan:
        if (
            len(placed) <= fanout
            or depth > MAX_KEYED_WORDS - 1
            or (depth > KEYED_WORDS - 1 and len(placed) <= DEEP_FANOUT)
        ):
            return cls(placed, None)
        general, by_next, by_slot = [], {}, {}
        for item in placed:
            slot = _keying_slot(item[1])
            if slot is None:
                general.append(item)
            elif slot.prefixes:
                by_slot.setdefault(slot, []).append(item)
            else:
                for word in slot.words:
                    by_next.setdefault(word, []).append(item)
        return cls(
            tuple(general),
            by_next or None,
            tuple([slot, kept] for slot, kept in by_slot.items()),
            max(fanout, NESTED_FANOUT),
            depth + 1,
        )

    def _next(self, kept) -> _Plan:
        """The plan of the candidates a next word continues (`kept`: their pairs here, or
        in a word's plan their places)."""
        if self.found is not None:
            kept = [(position, self.found[position]) for position in kept]
        moved = []
        for position, (rest, payload, _, skip) in kept:
            # the next slot is matched by the look-up
            moved.append((position, (rest[1:], payload, False, skip + 1)))
        return _Plan._keyed(tuple(moved), self.fanout, self.depth)

    def candidates(self, words, i: int, end: int):
        """The candidates to try at token `i`: the general ones and those its next words
        continue, in the whole list's order."""
        found: list = []
        sources = self._gather(words, i + 1, end, found)
        if not sources:
            return self.general
        if self.order:
            found += zip(self.order, self.general)
            sources += 1
        elif self.placed:
            found += self.placed
            sources += 1
        if sources > 1:
            found.sort(key=_place)
        return [candidate for _, candidate in found]

    def _gather(self, words, k: int, end: int, found: list) -> int:
        """Adds the candidates of the plans that the words from `k` lead to; how many
        plans gave some."""
        if k >= end:
            return 0
        word = words[k]
        sources = 0
        if self.by_next is not None:
            plan = self.by_next.get(word)
            if plan is not None:
                if plan.__class__ is not _Plan:
                    plan = self.by_next[word] = self._next(plan)
                if plan.placed:
                    found += plan.placed
                    sources += 1
                sources += plan._gather(words, k + 1, end, found)
        if self.by_slot and (word.startswith(self.prefixes) or word in self.slot_words):
            for held in self.by_slot:
                slot, plan = held
                if slot.accepts(word):
                    if plan.__class__ is not _Plan:
                        plan = held[1] = self._next(plan)
                    if plan.placed:
                        found += plan.placed
                        sources += 1
                    sources += plan._gather(words, k + 1, end, found)
        return sources


def _keying_slot(candidate) -> Slot | None:
    """The slot after those a candidate's look-ups matched, when it can keep the candidate
    (not a number): None for a phrase that ends there, or opens with a number."""
    if candidate is NUMBER_OPENS or candidate[2] or not candidate[0]:
        return None
    slot = candidate[0][0]
    return None if slot.number else slot


_NO_PLAN = _Plan((), None)  # a word's that starts no phrase

_SHARED: dict[Slot, Slot] = {}


def _shared(slot: Slot) -> Slot:
    """One object for equal slots: phrases repeat their words, and an index is pickled
    into the cache of compiled registers, where every distinct object costs at each start."""
    if len(_SHARED) > 100_000:  # a bound over very many registers
        _SHARED.clear()
    return _SHARED.setdefault(slot, slot)


_new_match = tuple.__new__  # a PhraseMatch without the Python-level __new__ NamedTuple adds


def _place(item: tuple) -> int:
    return item[0]


class PhraseIndex:
    """Many phrases, matched together in one pass over a text's tokens. `inflect`, when
    given, adds the other forms of each phrase's last word (see compile_phrase)."""

    fanout = FANOUT  # (a test sets it out of reach to compare with trying every phrase)

    def __init__(self, inflect=None, numbers=frozenset()) -> None:
        self._inflect = inflect
        self._numbers = frozenset(numbers)
        self._exact: dict[str, list] = {}
        self._prefix: dict[str, list] = {}
        self._prefix_lengths: set[int] = set()
        self._after_number: dict[str, list] = {}  # phrases opening with `#`, by the word after it
        self._after_number_prefix: dict[str, list] = {}
        self._after_seen: dict[str, _Plan] = {}  # word after a number -> its phrases' plan
        self._ending: dict[str, list] = {}  # phrases opening with a word ending (`*'s`), by it
        self._endings: tuple[str, ...] = ()
        self._seen: dict[str, _Plan] = {}  # word -> the phrases that may start with it
        self._starters: set[str] = set()  # the words seen that start some phrase
        self._built: dict = {}  # while phrases are added: one object for equal parts
        self._distinct: list | None = None  # _payloads, found once the phrases are added

    def __getstate__(self) -> dict:
        # What a text's words made (plans) and what adding phrases kept (_built) is left
        # out: an index in the cache of compiled registers holds its phrases only.
        state = dict(self.__dict__)
        for name in ("_after_seen", "_seen", "_built"):
            state[name] = {}
        state["_starters"] = set()
        state["_distinct"] = None
        return state

    def compacted(self) -> PhraseIndex:
        """This index, done with adding phrases: what adding kept to share parts is let go."""
        self._built = {}
        return self

    def restricted(self, keep) -> PhraseIndex:
        """A copy with only the phrases whose payload `keep` accepts: it finds exactly this
        index's matches of those phrases, in the same order."""
        wanted = {id(payload) for payload in self._payloads() if keep(payload)}
        return self._copy(lambda entries: [e for e in entries if id(e[1]) in wanted])

    def split(self, key) -> dict:
        """key(payload) -> a copy with only the phrases whose payload has that key (as
        `restricted` makes them): one pass over the tables for every key."""
        keys = {id(payload): key(payload) for payload in self._payloads()}
        groups: dict = {k: {} for k in keys.values()}
        for name in self._TABLES:
            for word, entries in getattr(self, name).items():
                for entry in entries:
                    table = groups[keys[id(entry[1])]].setdefault(name, {})
                    table.setdefault(word, []).append(entry)
        return {k: self._copy(tables=tables) for k, tables in groups.items()}

    _TABLES = ("_exact", "_prefix", "_after_number", "_after_number_prefix", "_ending")

    def _payloads(self) -> list:
        """Each distinct payload object of the index's phrases once (phrases share them:
        an index of 40,000 entries holds about a hundred). Found once: a run restricts the
        registers' index (140,000 entries) for its rules' phrases and again for the claims'
        exclusions, and each look costs an id() a phrase; adding a phrase forgets it."""
        known = getattr(self, "_distinct", None)
        if known is None:
            found = {}
            for name in self._TABLES:
                for entries in getattr(self, name).values():
                    for entry in entries:
                        found[id(entry[1])] = entry[1]
            known = self._distinct = list(found.values())
        return known

    def _copy(self, only=None, tables: dict | None = None) -> PhraseIndex:
        # Entries are (rest, payload, number, 1): see add.
        copy = PhraseIndex(self._inflect, self._numbers)
        copy.fanout = self.fanout
        for name in self._TABLES:
            if tables is not None:
                table = tables.get(name, {})
            else:
                kept = {word: only(entries) for word, entries in getattr(self, name).items()}
                table = {word: entries for word, entries in kept.items() if entries}
            setattr(copy, name, table)
        copy._prefix_lengths = {len(prefix) for prefix in copy._prefix}
        copy._endings = tuple(copy._ending)
        return copy

    def add(self, phrase: str, payload: object) -> None:
        """Add a phrase's variants. Each is kept under its first word as an entry
        (rest, payload, number, 1): the slots after the first, what a match stands for,
        whether the first slot is a number, and where the rest starts (1: after the first
        word; see _Plan). Equal entries and rests are one object: the registers' phrasings
        share most of their words, and an index is pickled into the cache, where each
        object costs memory and time at every start."""
        self._clear_plans()
        self._distinct = None
        built = self._built
        for variant in self._variants(phrase):
            first, rest = variant[0], self._one(variant[1:])
            if first.number and rest and not rest[0].number:
                # Phrases that open with a number ("# out of # clients") are kept by the word
                # after it: a number in a text then costs one look-up, not one per phrase.
                after, tail = rest[0], self._one(rest[1:])
                entry = self._entry(tail, payload, False)
                for word in after.words:
                    self._after_number.setdefault(word, []).append(entry)
                for prefix in after.prefixes:
                    self._after_number_prefix.setdefault(prefix, []).append(entry)
                continue
            entry = self._entry(rest, payload, first.number)
            if first.__class__ is Ending:
                for ending in first.endings:
                    self._ending.setdefault(ending, []).append(entry)
                self._endings = tuple(self._ending)
                continue
            for word in first.words:
                self._exact.setdefault(word, []).append(entry)
            for prefix in first.prefixes:
                self._prefix.setdefault(prefix, []).append(entry)
                self._prefix_lengths.add(len(prefix))
        if len(built) > 200_000:  # a bound over very many phrases
            built.clear()

    def _variants(self, phrase: str) -> list:
        variants = compile_phrase(phrase, None, self._numbers)
        if self._inflect is not None:  # (as compile_phrase does it, once for each slot)
            variants = [v[:-1] + (self._inflected(v[-1]),) for v in variants]
        return variants

    def _inflected(self, slot: Slot) -> Slot:
        key = ("inflected", id(slot))
        known = self._built.get(key)
        if known is None:
            known = self._built[key] = (slot, _shared(_inflected(slot, self._inflect)))
        return known[1]

    def _one(self, rest: tuple) -> tuple:
        """One object for equal runs of slots (slots are one object when equal)."""
        key = tuple(map(id, rest))
        return self._built.setdefault(key, rest)

    def _entry(self, rest: tuple, payload: object, number: bool) -> tuple:
        key = ("entry", id(rest), id(payload), number)
        known = self._built.get(key)
        if known is None:
            known = self._built[key] = ((rest, payload, number, 1), payload)
        return known[0]

    def _clear_plans(self) -> None:
        if not (self._seen or self._after_seen):
            return  # (while phrases are added)
        self._seen.clear()
        self._starters.clear()
        self._after_seen.clear()

    def __bool__(self) -> bool:
        return bool(
            self._exact
            or self._prefix
            or self._after_number
            or self._after_number_prefix
            or self._ending
        )

    def _candidates(self, word: str):
        found = self._exact.get(word, [])
        if (self._after_number or self._after_number_prefix) and (
            word[:1].isdigit() or word in self._numbers
        ):
            found = found + [NUMBER_OPENS]
        if self._prefix:
            for length in self._prefix_lengths:
                if length <= len(word):
                    more = self._prefix.get(word[:length])
                    if more:
                        found = found + more
        if self._endings and word.endswith(self._endings):  # (a word once: see _learn)
            for ending, more in self._ending.items():
                if word.endswith(ending):
                    found = found + more
        return found

    def _learn(self, words) -> None:
        """Remember which of these words start a phrase, so that finding phrases in a text
        looks each distinct word up once, however often it occurs."""
        seen = self._seen
        if len(words) <= SHORT_WINDOW:
            if all(map(seen.__contains__, words)):
                return
        if len(seen) > 100_000:  # a bound on memory over very large runs
            self._clear_plans()
        for word in set(words).difference(seen):
            found = tuple(self._candidates(word))
            if found:
                seen[word] = _Plan.of(found, self.fanout)
                self._starters.add(word)
            else:
                seen[word] = _NO_PLAN  # (most words start no phrase)

    def find(
        self, tokens: Tokens, start: int = 0, end: int | None = None, tried: list | None = None
    ) -> list[PhraseMatch]:
        """All matches (overlaps included) whose tokens lie within [start, end). `tried`,
        when given, gets every candidate the scan tries, (rest, payload, ...) each: the work
        a register's phrasings cause on a text (factlint.register.work)."""
        words = tokens.words
        end = len(words) if end is None else end
        window = words[start:end]
        self._learn(window)
        seen = self._seen
        matches = []
        # Only the words that start a phrase are looked at, picked out in C (a short
        # window too: stepping over each of its words in Python cost more).
        starting = compress(range(start, end), map(self._starters.__contains__, window))
        for i in starting:
            plan = seen[words[i]]
            candidates = plan.general
            if i + 1 < end and (plan.by_next is not None or plan.by_slot):
                after = words[i + 1]  # (most next words continue none)
                if (plan.by_next is not None and after in plan.by_next) or (
                    plan.by_slot and (after.startswith(plan.prefixes) or after in plan.slot_words)
                ):
                    candidates = plan.candidates(words, i, end)
            if tried is not None:
                tried += candidates
            past_number = 0  # where the number starting at i ends, found once for its phrases
            for candidate in candidates:
                if candidate is NUMBER_OPENS:
                    past_number = past_number or _number_end(tokens, i + 1, end, self._numbers)
                    self._after_a_number(tokens, i, past_number, end, matches, tried)
                    continue
                rest, payload, number, j = candidate
                if number:
                    past_number = past_number or _number_end(tokens, i + 1, end, self._numbers)
                    j = past_number
                else:
                    j += i
                if rest:  # one-word phrases (most cues) match where they start
                    # The next word is asked here first: most tries fail on it.
                    if j >= end:
                        continue
                    slot = rest[0]
                    word = words[j]
                    if word not in slot.words and not (
                        slot.prefixes and word.startswith(slot.prefixes)
                    ):
                        continue
                    j = self._rest_end(tokens, rest, j, end)
                if j:
                    matches.append(_new_match(PhraseMatch, (i, j, payload)))
        return matches

    def _after_a_number(
        self, tokens: Tokens, i: int, j: int, end: int, matches: list, tried: list | None
    ) -> None:
        """The phrases opening with a number that match at `i`, the number ending before `j`.
        Those after one word are planned as a word's phrases are (see _Plan): "# % of ..."
        opens hundreds of phrasings, and most numbers' next words continue few of them."""
        if j >= end:
            return
        words = tokens.words
        word = words[j]
        plan = self._after_seen.get(word)
        if plan is None:
            if len(self._after_seen) > 100_000:  # a bound on memory over very large runs
                self._after_seen.clear()
            found = self._after_number.get(word, [])
            for prefix, more in self._after_number_prefix.items():
                if word.startswith(prefix):
                    found = found + more
            plan = self._after_seen[word] = (
                _Plan.of(tuple(found), self.fanout) if found else _NO_PLAN
            )
        candidates = plan.general
        if j + 1 < end and (plan.by_next is not None or plan.by_slot):
            after = words[j + 1]
            if (plan.by_next is not None and after in plan.by_next) or (
                plan.by_slot and (after.startswith(plan.prefixes) or after in plan.slot_words)
            ):
                candidates = plan.candidates(words, j, end)
        if tried is not None:
            tried += candidates
        for tail, payload, _, skip in candidates:
            past = self._rest_end(tokens, tail, j + skip, end)
            if past:
                matches.append(PhraseMatch(i, past, payload))

    def _rest_end(self, tokens: Tokens, rest, j: int, end: int) -> int:
        """Where a phrase whose remaining slots are `rest` ends when they start at `j`, or 0."""
        words = tokens.words
        for slot in rest:
            if j >= end or not slot.accepts(words[j]):
                return 0
            j += 1
            if slot.number:
                j = _number_end(tokens, j, end, self._numbers)
        return j


def _number_end(tokens: Tokens, j: int, end: int, scales) -> int:
    """Past the rest of a number whose first token ends before `j`: digit groups joined by
    one separator ("10,000", "10 000", "2.5") and a scale word ("10 million")."""
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    limit = min(
        end, j + MAX_DIGIT_GROUPS
    )  # "1,000,000,000"; a run of digits beyond is no one number
    while (
        j < limit and words[j].isdigit() and starts[j] - ends[j - 1] == 1 and words[j - 1].isdigit()
    ):
        j += 1
    if j < end and words[j] in scales and not words[j].isdigit():
        j += 1
    return j
