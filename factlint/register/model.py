"""Plain frozen records for a loaded register. Loading and validation live in load.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

# A unit of measure is extraction's; a register declares units in its shape.
from factlint.extract.units import Unit
from factlint.findings import Evidence
from factlint.lexicon import Lexicon, expand_braces, lexicon

NUMERIC_KINDS = ("value", "range", "duration", "frequency")
# A restriction: things to avoid (members) for a length of time (values), such as aftercare.
RESTRICTION = "restriction"
KINDS = NUMERIC_KINDS + ("set", "absolute", "entity", RESTRICTION)
STATUSES = ("supported", "disputed", "contradicted", "unsupported")


# What `register build` writes on what it drafted and a curator has not reviewed: the
# start of a claim's note and a source's quality, and the middle of a drafted property
# ("interval stated near: apart, spaced"). `register validate` warns while they remain.
DRAFT_MARK = "draft:"
DRAFTED_PROPERTY = " stated near: "


class Phrasings(Sequence):
    """A claim's phrasings (cues, exclusions, absolute phrasings...) as its register and
    the lexicon's wording families write them, each `{a b|c d}` group unexpanded, read as
    the plain phrases they stand for, in order (`unique`: each once). The packs' few
    hundred written phrasings stand for about 100,000 phrases, megabytes of text that a
    run held for nothing: the phrase index is compiled from them once, then cached. A
    sequence like the tuple of those phrases (equal to it, with its hash); each reading
    expands them again, so code that runs on every check reads `written`."""

    __slots__ = ("written", "unique")

    def __init__(self, written=(), unique: bool = False) -> None:
        self.written = tuple(written)
        self.unique = unique

    def expanded(self) -> tuple[str, ...]:
        key = (self.written, self.unique)
        phrases = _EXPANDED.get(key)
        if phrases is None:
            # Remembered while the registers are read and compiled, which reads each
            # claim's phrases twice (to check them, then to index them).
            if len(_EXPANDED) > 10_000:  # a bound over very many registers
                _EXPANDED.clear()
            phrases = (p for phrase in self.written for p in expand_braces(phrase))
            phrases = _EXPANDED[key] = tuple(dict.fromkeys(phrases) if self.unique else phrases)
        return phrases

    def __iter__(self):
        return iter(self.expanded())

    def __len__(self) -> int:
        return len(self.expanded())

    def __getitem__(self, index):
        return self.expanded()[index]

    def __bool__(self) -> bool:
        return bool(self.written)  # (a written phrase stands for one phrase or more)

    def __eq__(self, other) -> bool:
        if isinstance(other, Phrasings) and (other.written, other.unique) == (
            self.written,
            self.unique,
        ):
            return True
        if isinstance(other, (Phrasings, tuple)):
            return self.expanded() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.expanded())

    def __add__(self, other) -> tuple:
        return self.expanded() + tuple(other)

    def __radd__(self, other) -> tuple:
        return tuple(other) + self.expanded()

    def __reduce__(self):
        return Phrasings, (self.written, self.unique)

    def __repr__(self) -> str:
        return f"Phrasings({self.written!r}{', unique=True' if self.unique else ''})"


_EXPANDED: dict[tuple, tuple[str, ...]] = {}  # (written, unique) -> the phrases


def forget_expansions() -> None:
    """Let go of the phrases Phrasings remember (once a run's registers are compiled)."""
    _EXPANDED.clear()


def written_phrasings(phrases) -> tuple[str, ...]:
    """Phrasings as written (see Phrasings); a plain sequence of phrases as it is."""
    return phrases.written if isinstance(phrases, Phrasings) else tuple(phrases)


@dataclass(frozen=True)
class Source:
    """A source document a register's claims are traced to."""

    id: str
    title: str
    file: str
    sha256: str
    language: str = "en"
    quality: str = ""
    url: str = ""

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v != ""}


@dataclass(frozen=True)
class ValueItem:
    """What one source (or several agreeing ones) says: a closed interval in `unit`."""

    low: float
    high: float
    unit: str
    evidence: tuple[Evidence, ...]
    note: str = ""
    before: str = ""  # the unit's name when texts write it before the number ("SPF")
    written: str = ""  # the value as the register's author wrote it ("once or twice a month")

    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.source for e in self.evidence))

    def describe(self, lex: Lexicon) -> str:
        """The value in words of the register's language ("6–12 months")."""
        if self.written:
            return self.written
        return describe_interval(self.low, self.high, self.unit, lex, self.before)

    def to_dict(self) -> dict:
        record = {
            "min": self.low,
            "max": self.high,
            "unit": self.unit,
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.low == self.high:
            record = {
                "value": self.low,
                **{k: v for k, v in record.items() if k not in ("min", "max")},
            }
        if self.note:
            record["note"] = self.note
        if self.written:
            record["written"] = self.written
        return record


@dataclass(frozen=True)
class Member:
    """One member of a set claim (a contraindication, an ingredient...), with its cues."""

    name: str
    cues: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    minimum_age: float | None = None  # an age limit: younger people may not ("under 18")
    min: float | None = None  # a restriction member's own shortest time
    unit: str | None = None  # the unit of `min`; None: the claim's


@dataclass(frozen=True)
class Claim:
    """One fact of a register: what it is about, its values or status, and its evidence."""

    id: str
    register: str
    subject: str
    property: str
    kind: str
    status: str
    evidence: tuple[Evidence, ...]
    cues: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    suggestion: str | None = None
    note: str = ""
    line: int = 0
    # numeric kinds
    unit: str | None = None
    values: tuple[ValueItem, ...] = ()
    tolerance: float = 0.02
    # The values are the only ones possible ("192 or 540 needles"), not the ends of a span:
    # a number between them is as wrong as one outside.
    discrete: bool = False
    # set
    members: tuple[Member, ...] = ()
    permissive: tuple[str, ...] = ()
    # absolute
    phrases: tuple[str, ...] = ()
    families: tuple[str, ...] = ()  # the lexicon's wording families whose phrases it includes
    refuted_by: tuple[str, ...] = ()
    asserted_in: tuple[Evidence, ...] = ()
    # The words themselves are what a code forbids (a medicine's name, an offer's deadline, a
    # claim to prevent illness): asked in a question ("What is Botox?") or made only possible
    # ("may help protect you from viruses") they are still used.
    wording: bool = False
    # The words are a patient's on their outcome ("the best decision I ever made"): an ad
    # quotes them as a testimonial, and a testimonial is the advertiser's claim, so quotes
    # around them report the words too.
    testimony: bool = False
    # entity
    canonical: str | None = None
    variants: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()  # other names that say the same ("French" for France)
    alternatives: tuple[Member, ...] = ()  # what other sources name instead, each with its evidence
    # entity, when sources name different ones: each name with its variants (in `cues`)
    # and its sources' evidence
    names: tuple[Member, ...] = ()
    # The register's language: its cues' words, and the words its values are written in.
    language: str = "en"

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    def describe_values(self) -> str:
        """The register's value(s) in words, each with its sources, for messages; worked
        out once per claim (every finding about a claim's numbers says it)."""
        described = self.__dict__.get("_described")
        if described is None:
            described = self._describe_values()
            object.__setattr__(self, "_described", described)  # frozen: kept beside the fields
        return described

    def _describe_values(self) -> str:
        lex = lexicon(self.language)
        if len(self.values) == 1:
            return self.values[0].describe(lex)
        if self.discrete:  # "192 or 540 needles"
            return " or ".join(item.describe(lex) for item in self.values)
        return "; ".join(
            f"{item.describe(lex)} ({', '.join(item.sources())})" for item in self.values
        )

    def value_words(self) -> str | None:
        """What the register holds as the claim's value, in words; None for absolute claims."""
        if self.is_numeric and self.values:
            return self.describe_values()
        if self.kind == "set" and self.members:
            return ", ".join(m.name for m in self.members)
        if self.kind == RESTRICTION and self.values:
            return f"avoid {', '.join(m.name for m in self.members)} for {self.describe_values()}"
        if self.kind == "entity":
            return self.canonical
        return None

    def to_summary(self) -> dict:
        """What a report shows of a claim: what it is about and its value; when the sources
        give more than one value, each value with its sources, to show them side by side."""
        record = {
            "register": self.register,
            "subject": self.subject,
            "property": self.property,
            "kind": self.kind,
            "status": self.status,
            "value": self.value_words(),
        }
        if len(self.values) > 1:
            record["values"] = [
                {
                    "value": item.describe(lexicon(self.language)),
                    "sources": list(item.sources()),
                    "evidence": [e.to_dict() for e in item.evidence],
                    "note": item.note,
                }
                for item in self.values
            ]
        if self.asserted_in:
            record["asserted_in"] = [e.to_dict() for e in self.asserted_in]
        if self.refuted_by:
            record["refuted_by"] = list(self.refuted_by)
        return record

    def to_dict(self) -> dict:
        record: dict = {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "subject": self.subject,
            "property": self.property,
            "evidence": [e.to_dict() for e in self.evidence],
        }
        optional = {
            "cues": list(self.cues),
            "exclude": list(self.exclude),
            "unit": self.unit,
            "values": [v.to_dict() for v in self.values],
            "discrete": self.discrete or None,
            "wording": self.wording or None,
            "testimony": self.testimony or None,
            "members": [
                {
                    "name": m.name,
                    "cues": list(m.cues),
                    "evidence": [e.to_dict() for e in m.evidence],
                    **({"minimum_age": m.minimum_age} if m.minimum_age is not None else {}),
                    **({"min": m.min} if m.min is not None else {}),
                    **({"unit": m.unit} if m.unit else {}),
                }
                for m in self.members
            ],
            "permissive": list(self.permissive),
            "family": list(self.families),
            "phrases": list(self.phrases),
            "refuted_by": list(self.refuted_by),
            "asserted_in": [e.to_dict() for e in self.asserted_in],
            "canonical": self.canonical,
            "variants": list(self.variants),
            "synonyms": list(self.synonyms),
            "alternatives": [
                {"name": m.name, "evidence": [e.to_dict() for e in m.evidence]}
                for m in self.alternatives
            ],
            "names": [
                {
                    "name": n.name,
                    "variants": list(n.cues),
                    "evidence": [e.to_dict() for e in n.evidence],
                }
                for n in self.names
            ],
            "suggestion": self.suggestion,
            "note": self.note,
        }
        record.update({k: v for k, v in optional.items() if v not in (None, "", [])})
        return record


@dataclass(frozen=True)
class Register:
    """A claims register as loaded from its YAML file."""

    id: str
    title: str
    version: str
    language: str
    path: str
    sha256: str
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    units: tuple[Unit, ...] = ()
    topic: tuple[str, ...] = ()
    off_topic: tuple[str, ...] = ()  # neighbouring subjects whose numbers are not this register's
    sources_dir: str | None = None
    description: str = ""
    pack: bool = False  # rules for claims of concern, applied to any text (claims/packs/)
    advertising: bool = False  # a pack of advertising rules: applied to adverts, not to news
    source_lines: dict = field(default_factory=dict, compare=False, hash=False)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "version": self.version,
            "language": self.language,
            "path": self.path,
            "sha256": self.sha256,
            "topic": list(self.topic),
            "off_topic": list(self.off_topic),
            "pack": self.pack,
            "advertising": self.advertising,
            "sources": [s.to_dict() for s in self.sources],
            "claims": [c.to_dict() for c in self.claims],
        }


def plural_of(unit: str | None, lex: Lexicon) -> str | None:
    """A unit's name in the plural, by the language's plural endings ("sessions"); None for
    symbols and abbreviations (mm, %), which stay as they are."""
    return lex.plural(unit) if unit else None


def format_number(value: float) -> str:
    """A number as people write it: no trailing zeros, no exponent."""
    if value in (float("inf"), float("-inf")):
        return "∞" if value > 0 else "-∞"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.6g}"
    if "e" in text:
        text = f"{value:.12f}".rstrip("0").rstrip(".")
    return text


def describe_interval(
    low: float, high: float, unit: str | None, lex: Lexicon, before: str = ""
) -> str:
    """ "6–12 months", "1958", "at least 6 months", "up to 2 ml"; with `before`, the unit
    first as texts write it: "SPF 30", "at least SPF 30". Plurals and qualifier words are
    the lexicon's."""
    if before:
        if low == high:
            return f"{before} {format_number(low)}"
        if high == float("inf"):
            return lex.qualified("at_least", f"{before} {format_number(low)}")
        if low == 0:
            return lex.qualified("at_most", f"{before} {format_number(high)}")
        return f"{before} {format_number(low)}–{format_number(high)}"
    plural = plural_of(unit, lex)

    def counted(number: float, alone: bool) -> str:
        # the singular only after a lone 1: "1 week", "at least 1 week", "1–2 weeks"
        if unit in (None, "calendar-year"):
            return format_number(number)
        one = alone and number == 1
        return f"{format_number(number)} {unit if one or not plural else plural}"

    if low == high:
        return counted(low, True)
    if high == float("inf"):
        return lex.qualified("at_least", counted(low, True))
    if low == 0 and unit != "calendar-year":
        return lex.qualified("at_most", counted(high, True))
    return f"{format_number(low)}–{counted(high, False)}"
