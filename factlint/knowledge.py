"""Everything the loaded registers know, compiled once per run for fast matching.

One PhraseIndex holds every phrase of every register (cues, exclusions, absolute
phrasings, set members, permissive wordings, topics), so a document's words are
scanned once, however many claims there are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from factlint.extract.phrases import PhraseIndex, forget_phrases
from factlint.extract.quantities import Grammar, grammar
from factlint.lexicon import Lexicon, lexicon
from factlint.register.load import RegisterError, builtin_units, load_register
from factlint.register.model import Claim, Register, Unit, forget_expansions

CUE, EXCLUDE, PHRASE, MEMBER, PERMISSIVE, TOPIC = (
    "cue",
    "exclude",
    "phrase",
    "member",
    "permissive",
    "topic",
)
NAME = "name"  # a name a disputed entity claim records (payload number: which of its names)
OFF_TOPIC = "off-topic"


@dataclass(frozen=True)
class PhraseRole:
    """What a phrase match means: which claim, in which role (and which set member)."""

    role: str
    claim: str | None
    member: int = -1
    register: str | None = None  # for topic phrases: whose topic
    # for absolute phrasings: the family's words as a question asks them ("Is it painful?"),
    # the claim only when the answer denies them ("Absolutely not."; rules/absolutes.py)
    asked: bool = False


@dataclass
class Knowledge:
    """The compiled registers: claims, units, lexicon, grammar and phrase index of a run."""

    registers: tuple[Register, ...]
    claims: dict[str, Claim]
    units: tuple[Unit, ...]
    lexicon: Lexicon
    grammar: Grammar
    phrases: PhraseIndex
    entities: tuple[Claim, ...] = field(default=())
    unit_by_name: dict[str, Unit] = field(default_factory=dict)

    def claim(self, claim_id: str) -> Claim:
        return self.claims[claim_id]

    @cached_property
    def packs(self) -> frozenset[str]:
        """The ids of the loaded packs: their claims apply to any text, whatever its topic."""
        return frozenset(r.id for r in self.registers if r.pack)

    @cached_property
    def advertising_packs(self) -> frozenset[str]:
        """The ids of the loaded packs of advertising rules (`advertising: true`)."""
        return frozenset(r.id for r in self.registers if r.pack and r.advertising)

    def from_pack(self, claim_id: str | None) -> bool:
        claim = self.claims.get(claim_id) if claim_id else None
        return claim is not None and claim.register in self.packs

    @cached_property
    def counted_aliases(self) -> frozenset[str]:
        """The one-word names of counted units ("session", "sessions"), in lower case."""
        return frozenset(
            a.lower() for u in self.units if u.counted for a in u.aliases if " " not in a
        )

    @cached_property
    def topical(self) -> frozenset[str]:
        """The ids of the registers that name a topic (a text can say it is about them)."""
        return frozenset(r.id for r in self.registers if r.topic)


def shipped_register_paths() -> list[Path]:
    """The registers installed with factlint (or, in a source checkout, in claims/)."""
    package = Path(__file__).resolve().parent
    for folder in (package / "_claims", package.parent / "claims"):
        found = _registers_in(folder) if folder.is_dir() else []
        if found:
            return found
    return []


def _registers_in(folder: Path) -> list[Path]:
    """The registers a folder holds: its *.yaml files, not the test cases kept beside them
    (NAME.tests.yaml, see register/testing.py)."""
    found = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    return [p for p in found if not p.name.endswith((".tests.yaml", ".tests.yml"))]


def shipped_packs() -> dict[str, Path]:
    """The packs installed with factlint (claims/packs/*.yaml), by name."""
    package = Path(__file__).resolve().parent
    for folder in (package / "_claims" / "packs", package.parent / "claims" / "packs"):
        found = _registers_in(folder) if folder.is_dir() else []
        if found:
            return {path.stem: path for path in found}
    return {}


DEFAULT_PACKS = ("core",)


def pack_paths(names, core: bool = True) -> list[Path]:
    """The packs for a run: the core pack (unless turned off) and those named, each a
    shipped pack's name or a pack file's path. An unknown name is an InputError."""
    from factlint.yamlio import InputError

    shipped = shipped_packs()
    out: list[Path] = []
    for name in dict.fromkeys([*(DEFAULT_PACKS if core else ()), *names]):
        if name in shipped:
            out.append(shipped[name])
        elif str(name).endswith((".yaml", ".yml")) and Path(name).is_file():
            out.append(Path(name))
        elif name in DEFAULT_PACKS and name not in names:
            continue  # an installation without the shipped packs still runs
        else:
            known = ", ".join(sorted(shipped)) or "none installed"
            raise InputError(
                f"unknown pack {name!r} (the shipped packs: {known}; or give a pack file's path)"
            )
    return out


def register_paths(chosen, missing_hint: str = "give a register file") -> list[Path]:
    """The register files named (files, or folders of *.yaml), else the shipped ones."""
    from factlint.yamlio import InputError

    if not chosen:
        found = shipped_register_paths()
        if not found:
            raise InputError(f"no claims register found; {missing_hint}")
        return found
    out = []
    for raw in chosen:
        path = Path(raw)
        if path.is_dir():
            found = _registers_in(path)
            if not found:
                raise InputError("no register files (*.yaml) in this folder", path=str(raw))
            out.extend(found)
        else:
            out.append(path)
    return out


def _topic_words(registers) -> tuple[str, ...]:
    """The topic phrases, as patterns ("meso*" -> meso\\w*, "laser hair removal" -> its
    words with spaces or hyphens between): a text may put one between a number and what it
    counts ("20 mesotherapy sessions", "six laser hair removal sessions")."""
    words = set()
    for register in registers:
        for phrase in register.topic:
            if "?" in phrase or "#" in phrase or "{" in phrase:
                continue
            parts = [_topic_word(word) for word in phrase.split()]
            if parts and all(parts):
                words.add(r"[\s-]+".join(parts))
    return tuple(sorted(words))


def _topic_word(word: str) -> str | None:
    """One word of a topic phrase (with its `a|b` choices) as a pattern, or None."""
    options = []
    for option in word.split("|"):
        stem = option.rstrip("*")
        if not stem.replace("-", "").isalnum():
            return None
        options.append(re.escape(stem) + (r"\w*" if option.endswith("*") else ""))
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


def load_knowledge(paths: list[Path]) -> Knowledge:
    """The registers at `paths`, compiled; from the cache when nothing they depend on changed
    (see factlint/cache.py), else loaded, compiled and cached."""
    from factlint import cache

    data = Path(__file__).resolve().parent / "data"
    name = "knowledge-" + cache.key(
        [*paths, data / "units.yaml", *sorted((data / "lexicon").glob("*.yaml"))]
    )
    cached = cache.load(name, Knowledge)
    if isinstance(cached, Knowledge):
        return cached
    knowledge = compile_knowledge([load_register(path) for path in paths])
    cache.store(name, knowledge)
    return knowledge


def _with_ongoing(phrases: tuple[str, ...], lex) -> tuple[str, ...]:
    """A claim's cues or exclusions, with the lexicon's words of an ongoing regimen when
    they name upkeep after a course ("maintenance"): the claim hears "as part of your
    routine" as it hears "maintenance" (see the lexicon's maintenance_marks)."""
    if lex.maintenance_marks.isdisjoint(p.lower() for p in phrases):
        return phrases
    return tuple(dict.fromkeys((*phrases, *lex.ongoing_words)))


def _one_word_topics(register: Register) -> str:
    """The register's one-word topic phrases as one `a|b` choice ("" when it has none)."""
    words = [t for t in register.topic if " " not in t and not set(t) & set("?#{|-")]
    return "|".join(dict.fromkeys(words))


def _with_topic_inside(phrase: str, topics: str) -> tuple[str, ...]:
    """A cue of several words, and the same with the procedure's name before its last word:
    texts name the procedure inside the noun a cue names ("the full results" and "the full
    HIFU results", "the first mesotherapy session")."""
    words = phrase.split()
    if not topics or len(words) < 2 or words[-1] == "#":
        return (phrase,)
    return (phrase, " ".join((*words[:-1], topics, words[-1])))


def compile_knowledge(registers: list[Register]) -> Knowledge:
    from collections import Counter
    from dataclasses import replace

    # Two registers may both have an "origin-year": each keeps its own, named with its
    # register ("mesotherapy:origin-year") when an id is shared. Two registers with one id
    # are an error only when the registers themselves share an id.
    owners = Counter(claim.id for register in registers for claim in register.claims)
    claims: dict[str, Claim] = {}
    problems = []
    seen_registers: set[str] = set()
    for register in registers:
        if register.id in seen_registers:
            from factlint.yamlio import InputError

            problems.append(
                InputError(f"register id {register.id!r} is loaded twice", path=register.path)
            )
        seen_registers.add(register.id)
        for claim in register.claims:

            def named(claim_id: str, register=register) -> str:
                return f"{register.id}:{claim_id}" if owners[claim_id] > 1 else claim_id

            if owners[claim.id] > 1 or any(owners[other] > 1 for other in claim.refuted_by):
                claim = replace(
                    claim,
                    id=named(claim.id),
                    refuted_by=tuple(named(other) for other in claim.refuted_by),
                )
            claims[claim.id] = claim
    if problems:
        raise RegisterError(problems)
    units = builtin_units() + tuple(u for r in registers for u in r.units)
    language = registers[0].language if registers else "en"
    lex = lexicon(language)
    index = PhraseIndex(inflect=lex.plurals, numbers=frozenset(lex.numbers) | frozenset(lex.scales))
    roles: dict[PhraseRole, PhraseRole] = {}

    def role(*fields, **named) -> PhraseRole:
        # One object per distinct role: the compiled registers are pickled into the cache,
        # and each of thousands of equal roles would be one more object to load per run.
        made = PhraseRole(*fields, **named)
        return roles.setdefault(made, made)

    for register in registers:
        for phrase in register.topic:
            index.add(phrase, role(TOPIC, None, register=register.id))
        for phrase in register.off_topic:
            index.add(phrase, role(OFF_TOPIC, None))
    names = {register.id: _one_word_topics(register) for register in registers}
    for claim in claims.values():
        for phrase in _with_ongoing(claim.cues, lex):
            for cue in _with_topic_inside(phrase, names.get(claim.register, "")):
                index.add(cue, role(CUE, claim.id))
        for phrase in _with_ongoing(claim.exclude, lex):
            index.add(phrase, role(EXCLUDE, claim.id))
        for phrase in claim.phrases:
            index.add(phrase, role(PHRASE, claim.id))
        for family in claim.families if claim.kind == "absolute" else ():
            for phrase in lex.asked_families.get(family, ()):
                index.add(phrase, role(PHRASE, claim.id, asked=True))
        # A set with permissive phrases of its own is about who may have something: the
        # lexicon's general wordings ("harmless even for", "for the whole family") apply too.
        for phrase in dict.fromkeys(
            (*claim.permissive, *(lex.permissive if claim.permissive else ()))
        ):
            index.add(phrase, role(PERMISSIVE, claim.id))
        for number, member in enumerate(claim.members):
            for phrase in member.cues:
                index.add(phrase, role(MEMBER, claim.id, number))
        for number, name in enumerate(claim.names):
            for phrase in (name.name, *name.cues):
                index.add(phrase, role(NAME, claim.id, number))
    forget_phrases()  # (remembered while the registers were read and indexed)
    forget_expansions()
    entities = tuple(c for c in claims.values() if c.kind == "entity")
    return Knowledge(
        registers=tuple(registers),
        claims=claims,
        units=units,
        lexicon=lex,
        grammar=grammar(lex, units, _topic_words(registers)),
        phrases=index.compacted(),
        entities=entities,
        unit_by_name={u.name: u for u in units},
    )
