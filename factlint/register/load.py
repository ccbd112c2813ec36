"""Read register YAML into frozen records, checking every field with file:line errors.

Problems are collected, not raised one at a time, so `factlint register validate`
can list them all; `load_register` raises RegisterError carrying the list.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from factlint.findings import Evidence
from factlint.register.model import (
    KINDS,
    NUMERIC_KINDS,
    RESTRICTION,
    STATUSES,
    Claim,
    Member,
    Phrasings,
    Register,
    Source,
    Unit,
    ValueItem,
)
from factlint.yamlio import InputError, LineDict, LineList, load_yaml_text, read_text_file

FORMAT_VERSION = 1
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

TOP_KEYS = {
    "factlint-register": True,
    "id": True,
    "title": True,
    "version": True,
    "language": False,
    "description": False,
    "sources_dir": False,
    "topic": False,
    "off_topic": False,
    "units": False,
    "sources": True,
    "claims": True,
    "pack": False,
    "advertising": False,
}
# A source is a local file (with its sha256) or a public document cited by its address.
SOURCE_KEYS = {
    "id": True,
    "title": True,
    "file": False,
    "sha256": False,
    "language": False,
    "quality": False,
    "url": False,
}
UNIT_KEYS = {
    "dimension": True,
    "factor": False,
    "aliases": False,
    "guarded": False,
    "counted": False,
    "before": False,
}
# A line of a source file, or a section of a public document (a code's rule "12.12").
EVIDENCE_KEYS = {"source": True, "line": False, "section": False, "quote": True}
VALUE_KEYS = {
    "value": False,
    "min": False,
    "max": False,
    "unit": False,
    "evidence": True,
    "note": False,
    "written": False,
}
MEMBER_KEYS = {
    "name": True,
    "cues": True,
    "evidence": True,
    "minimum_age": False,
    "min": False,
    "unit": False,
}
NAME_KEYS = {"name": True, "variants": False, "evidence": True}
CLAIM_KEYS = {
    "id": True,
    "subject": True,
    "property": True,
    "kind": True,
    "status": True,
    "evidence": False,
    "cues": False,
    "exclude": False,
    "suggestion": False,
    "note": False,
    "unit": False,
    "value": False,
    "min": False,
    "max": False,
    "values": False,
    "written": False,
    "one_of": False,
    "names": False,
    "tolerance": False,
    "members": False,
    "permissive": False,
    "phrases": False,
    "refuted_by": False,
    "asserted_in": False,
    "canonical": False,
    "variants": False,
    "synonyms": False,
    "alternatives": False,
    "family": False,
    "except": False,
    "wording": False,
    "testimony": False,
}
ALTERNATIVE_KEYS = {"name": True, "evidence": True}


class RegisterError(Exception):
    """One or more problems in a register file."""

    def __init__(self, problems: list[InputError]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@lru_cache(maxsize=1)
def builtin_units() -> tuple[Unit, ...]:
    import yaml

    raw = yaml.load(
        (DATA_DIR / "units.yaml").read_text(encoding="utf-8"),
        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
    )
    return tuple(
        Unit(
            name=str(name),
            dimension=spec["dimension"],
            factor=float(spec.get("factor", 1)),
            aliases=tuple(str(a) for a in spec.get("aliases", ())),
            guarded=tuple(str(a) for a in spec.get("guarded", ())),
        )
        for name, spec in raw.items()
    )


def _writes_values(node) -> bool:
    """Whether a claim gives a value as written (on the claim or in its values list)."""
    items = node.get("values") if isinstance(node.get("values"), list) else []
    return "written" in node or any(isinstance(i, dict) and "written" in i for i in items)


def _before(units: dict, name: str | None) -> str:
    """How a unit written before its number is named in messages ("SPF"), else ""."""
    unit = units.get(name) if name else None
    return unit.before[0] if unit is not None and unit.before else ""


class _Reader:
    """Walks one register document, collecting problems with their lines."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[InputError] = []
        self.language = "en"

    def problem(self, message: str, line: int | None) -> None:
        # A field read twice (a claim's evidence is also its single value's) is reported once.
        if not any(p.message == message and p.line == line for p in self.problems):
            self.problems.append(InputError(message, path=self.path, line=line))

    # -- generic field helpers -------------------------------------------------

    def mapping(self, node, what: str, line: int) -> LineDict | None:
        if not isinstance(node, dict):
            self.problem(f"{what} must be a mapping", getattr(node, "line", line))
            return None
        return node

    def keys(self, node: LineDict, allowed: dict, what: str) -> None:
        for key in node:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.problem(f"unknown key {key!r} in {what} (known: {known})", node.line_of(key))
        for key, required in allowed.items():
            if required and key not in node:
                self.problem(f"{what} is missing required key {key!r}", node.line)

    def text(self, node: LineDict, key: str, what: str, default: str = "") -> str:
        value = node.get(key, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(f"{what}: {key!r} must be text", node.line_of(key))
            return default
        return str(value)

    def counted(self, node: LineDict, what: str) -> bool:
        value = node.get("counted")
        if value is None:
            builtin_dimensions = {unit.dimension for unit in builtin_units()}
            return str(node.get("dimension")) not in builtin_dimensions
        if not isinstance(value, bool):
            self.problem(f"{what}: 'counted' must be true or false", node.line_of("counted"))
            return False
        return value

    def number(self, node: LineDict, key: str, what: str) -> float | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
            self.problem(f"{what}: {key!r} must be a number", node.line_of(key))
            return None
        return float(value)

    def strings(self, node: LineDict, key: str, what: str) -> tuple[str, ...]:
        value = node.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(f"{what}: {key!r} must be a list", node.line_of(key))
            return ()
        out = []
        for index, item in enumerate(value):
            if isinstance(item, bool):
                # YAML reads a bare yes/no/on/off/true/false as a truth value, not a word.
                self.problem(
                    f"{what}: {key!r} entry {str(item).lower()!r} was read as a YAML truth value; "
                    "put words like on, off, yes and no in quotes",
                    value.line_of(index),
                )
                continue
            if not isinstance(item, (str, int, float)) or str(item).strip() == "":
                self.problem(
                    f"{what}: {key!r} entries must be non-empty text", value.line_of(index)
                )
                continue
            out.append(str(item))
        return tuple(out)

    def phrases(self, node: LineDict, key: str, what: str) -> Phrasings:
        """A list of phrases, each `{a b|c d}` group (a choice between runs of words)
        read as the plain phrases it stands for (kept as written: see Phrasings)."""
        return Phrasings(self.strings(node, key, what))

    def items(self, node: LineDict, key: str, what: str) -> list[tuple[object, int]]:
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(f"{what}: {key!r} must be a list", node.line_of(key))
            return []
        return [(item, value.line_of(i)) for i, item in enumerate(value)]

    # -- register parts --------------------------------------------------------

    def evidence(
        self, node: LineDict, key: str, what: str, sources: set[str]
    ) -> tuple[Evidence, ...]:
        out = []
        for item, line in self.items(node, key, what):
            entry = self.mapping(item, f"{what}: {key} entry", line)
            if entry is None:
                continue
            self.keys(entry, EVIDENCE_KEYS, f"{what}: {key} entry")
            source = self.text(entry, "source", what)
            quote = self.text(entry, "quote", what)
            section = self.text(entry, "section", what)
            number = entry.get("line")
            if "line" not in entry and not section:
                self.problem(
                    f"{what}: {key} entry needs 'line' (a source file's) or 'section' (a document's)",
                    entry.line,
                )
            if source and source not in sources:
                known = ", ".join(repr(s) for s in sorted(sources)) or "none declared"
                self.problem(
                    f"{what}: unknown source {source!r} (the register's sources: {known})",
                    entry.line_of("source"),
                )
            if isinstance(number, bool) or not isinstance(number, int) or number < 1:
                if "line" in entry:
                    self.problem(
                        f"{what}: evidence line must be a positive whole number",
                        entry.line_of("line"),
                    )
                number = 0
            if "quote" in entry and not quote.strip():
                self.problem(f"{what}: evidence quote is empty", entry.line_of("quote"))
            title = sources.get(source, "") if isinstance(sources, dict) else ""
            out.append(
                Evidence(
                    source=source,
                    line=number,
                    quote=quote,
                    section=section,
                    title=title,
                    at=entry.line_of("quote"),
                )
            )
        return tuple(out)

    def units(self, doc: LineDict) -> tuple[Unit, ...]:
        raw = doc.get("units")
        if raw is None:
            return ()
        node = self.mapping(raw, "units", doc.line_of("units"))
        if node is None:
            return ()
        out = []
        for name, spec in node.items():
            what = f"unit {name!r}"
            spec_node = self.mapping(spec, what, node.line_of(name))
            if spec_node is None:
                continue
            self.keys(spec_node, UNIT_KEYS, what)
            factor = self.number(spec_node, "factor", what)
            if factor is not None and factor <= 0:
                self.problem(f"{what}: factor must be positive", spec_node.line_of("factor"))
            out.append(
                Unit(
                    name=str(name),
                    dimension=self.text(spec_node, "dimension", what),
                    factor=factor or 1.0,
                    aliases=self.strings(spec_node, "aliases", what) or (str(name),),
                    guarded=self.strings(spec_node, "guarded", what),
                    counted=self.counted(spec_node, what),
                    before=self.strings(spec_node, "before", what),
                )
            )
        return tuple(out)

    def sources(self, doc: LineDict) -> tuple[Source, ...]:
        out, seen = [], set()
        for item, line in self.items(doc, "sources", "register"):
            node = self.mapping(item, "source", line)
            if node is None:
                continue
            self.keys(node, SOURCE_KEYS, "source")
            source = Source(
                id=self.text(node, "id", "source"),
                title=self.text(node, "title", "source"),
                file=self.text(node, "file", "source"),
                sha256=self.text(node, "sha256", "source").lower(),
                language=self.text(node, "language", "source", "en"),
                quality=self.text(node, "quality", "source"),
                url=self.text(node, "url", "source"),
            )
            if source.id in seen:
                self.problem(f"duplicate source id {source.id!r}", node.line_of("id"))
            if not source.file and not source.url:
                self.problem(
                    f"source {source.id!r} needs 'file' (with 'sha256') or 'url'", node.line
                )
            elif source.file and not source.sha256:
                self.problem(
                    f"source {source.id!r}: a 'file' needs its 'sha256' (the digest of the "
                    "file's bytes: `sha256sum FILE`; `factlint register build` writes it)",
                    node.line,
                )
            seen.add(source.id)
            if source.sha256 and not re.fullmatch(r"[0-9a-f]{64}", source.sha256):
                self.problem(
                    f"source {source.id!r}: sha256 must be 64 hex digits", node.line_of("sha256")
                )
            out.append(source)
        return tuple(out)

    def values(self, node: LineDict, what: str, unit: str | None, units: dict, sources: set[str]):
        items = []
        if "values" in node:
            for key in ("value", "min", "max"):
                if key in node:
                    self.problem(
                        f"{what}: give either 'values' or '{key}', not both", node.line_of(key)
                    )
            for item, line in self.items(node, "values", what):
                entry = self.mapping(item, f"{what}: values entry", line)
                if entry is None:
                    continue
                self.keys(entry, VALUE_KEYS, f"{what}: values entry")
                evidence = self.evidence(entry, "evidence", what, sources)
                if "written" in entry:
                    items.extend(
                        self.written(entry, what, units, evidence, self.text(entry, "note", what))
                    )
                    continue
                item_unit = self.unit_name(entry, what, units) or unit
                interval = self.interval(entry, what)
                if interval:
                    items.append(
                        ValueItem(
                            interval[0],
                            interval[1],
                            item_unit or "",
                            evidence,
                            self.text(entry, "note", what),
                            _before(units, item_unit),
                        )
                    )
        elif "one_of" in node:
            items.extend(
                self.one_of(node, what, unit, units, self.evidence(node, "evidence", what, sources))
            )
        elif "written" in node:
            for key in ("value", "min", "max"):
                if key in node:
                    self.problem(
                        f"{what}: give either 'written' or '{key}', not both", node.line_of(key)
                    )
            items.extend(
                self.written(node, what, units, self.evidence(node, "evidence", what, sources))
            )
        elif any(key in node for key in ("value", "min", "max")):
            interval = self.interval(node, what)
            if interval:
                evidence = self.evidence(node, "evidence", what, sources)
                items.append(
                    ValueItem(
                        interval[0], interval[1], unit or "", evidence, before=_before(units, unit)
                    )
                )
        else:
            self.problem(
                f"{what}: a {node.get('kind')} claim needs 'value', 'min'/'max' or 'values'",
                node.line,
            )
        return tuple(items)

    def names(self, node: LineDict, what: str, sources: set[str]) -> list[Member]:
        """`names:` the people (or places) the sources name for the claim, each with its own
        evidence: a disputed entity ("s1 says Pistor invented it, s2 says Le Coz")."""
        out = []
        for item, line in self.items(node, "names", what):
            entry = self.mapping(item, f"{what}: names entry", line)
            if entry is None:
                continue
            self.keys(entry, NAME_KEYS, f"{what}: names entry")
            out.append(
                Member(
                    name=self.text(entry, "name", what),
                    cues=self.strings(entry, "variants", what),
                    evidence=self.evidence(entry, "evidence", what, sources),
                )
            )
        return out

    def one_of(
        self, node: LineDict, what: str, unit: str | None, units: dict, evidence
    ) -> list[ValueItem]:
        """`one_of: [192, 540]`: the only values possible, each a value of its own."""
        for key in ("value", "min", "max", "values", "written"):
            if key in node:
                self.problem(
                    f"{what}: give either 'one_of' or '{key}', not both", node.line_of(key)
                )
        raw = node.get("one_of")
        if (
            not isinstance(raw, list)
            or len(raw) < 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in raw)
        ):
            self.problem(f"{what}: 'one_of' must list two or more numbers", node.line_of("one_of"))
            return []
        return [
            ValueItem(float(v), float(v), unit or "", evidence, before=_before(units, unit))
            for v in raw
        ]

    def written(
        self, node: LineDict, what: str, units: dict, evidence, note: str = ""
    ) -> list[ValueItem]:
        """A value as the source writes it ("two or three times a week", "SPF 30 or higher",
        "4-6 months"), read by the same grammar as texts: no conversion by hand, and
        messages quote it as written."""
        from factlint.extract.quantities import extract, grammar
        from factlint.lexicon import lexicon

        phrase = self.text(node, "written", what)
        if not phrase:
            return []
        gram = grammar(lexicon(self.language), tuple(dict.fromkeys(units.values())))
        mentions = [m for m in extract(phrase, 0, len(phrase), gram) if m.unit is not None]
        if len(mentions) != 1:
            found = "no quantity" if not mentions else f"{len(mentions)} quantities"
            self.problem(
                f"{what}: 'written' {phrase!r} holds {found}; write one value with its unit "
                '("once or twice a month", "4 to 6 months", "at least SPF 30")',
                node.line_of("written"),
            )
            return []
        mention = mentions[0]
        rest = f"{phrase[: mention.start]} {phrase[mention.end :]}".lower()
        aliases = {a.lower() for u in units.values() for a in u.aliases}
        if re.search(r"\d", rest) or aliases & set(re.findall(r"[^\W\d_]+", rest)):
            # "several months to a year": "several" is no number, so only "a year" was read
            self.problem(
                f"{what}: 'written' {phrase!r} is read as {phrase[mention.start : mention.end]!r} "
                "only; the rest names a value the grammar does not read: write it with numbers "
                '("3 to 12 months")',
                node.line_of("written"),
            )
            return []
        low, high = mention.low, mention.high
        if mention.qualifier in ("at_least", "above"):
            high = math.inf
        elif mention.qualifier in ("at_most", "below"):
            low = 0.0
        return [
            ValueItem(
                low,
                high,
                mention.unit.name,
                evidence,
                note,
                _before(units, mention.unit.name),
                written=phrase,
            )
        ]

    def interval(self, node: LineDict, what: str) -> tuple[float, float] | None:
        value = self.number(node, "value", what)
        low = self.number(node, "min", what)
        high = self.number(node, "max", what)
        if value is not None:
            if low is not None or high is not None:
                self.problem(
                    f"{what}: give 'value' or 'min'/'max', not both", node.line_of("value")
                )
            return value, value
        if low is None and high is None:
            self.problem(f"{what}: needs 'value' or 'min'/'max'", node.line)
            return None
        low = 0.0 if low is None else low
        high = math.inf if high is None else high
        if low > high:
            self.problem(
                f"{what}: range is not ordered (min {low:g} > max {high:g})", node.line_of("min")
            )
            return None
        return low, high

    def unit_name(self, node: LineDict, what: str, units: dict) -> str | None:
        if "unit" not in node:
            return None
        name = self.text(node, "unit", what)
        resolved = units.get(name) or units.get(name.lower())
        if resolved is None:
            self.problem(
                f"{what}: unknown unit {name!r} (define it under 'units')", node.line_of("unit")
            )
            return None
        return resolved.name

    def families(self, node: LineDict, what: str, language: str) -> tuple[str, ...]:
        """The wording families a claim selects (`family: permanence` or a list), each known
        to the lexicon of the register's language."""
        from factlint.lexicon import lexicon

        raw = node.get("family")
        if raw is None:
            return ()
        names = (
            self.strings(node, "family", what)
            if isinstance(raw, list)
            else (self.text(node, "family", what),)
        )
        known = lexicon(language).families
        for name in names:
            if name and name not in known:
                self.problem(
                    f"{what}: unknown wording family {name!r}{_did_you_mean(name, list(known), {})} "
                    f"(the lexicon's: {', '.join(sorted(known))})",
                    node.line_of("family"),
                )
        return tuple(n for n in names if n in known)

    @staticmethod
    def family_phrases(families: tuple[str, ...], language: str) -> tuple[str, ...]:
        from factlint.lexicon import lexicon

        known = lexicon(language).families
        return tuple(phrase for name in families for phrase in known[name])

    def family_wordings(
        self, node: LineDict, what: str, families: tuple[str, ...], language: str
    ) -> tuple[str, ...]:
        """The families' wordings less those the claim's `except` lists: a wording the
        sources back ("FDA approved" for a medicine the FDA did approve), each one a
        wording of the families as the lexicon writes it."""
        wordings = self.family_phrases(families, language)
        left_out = self.strings(node, "except", what)
        for wording in left_out:
            if wording and wording not in wordings:
                hint = _did_you_mean(wording, wordings, {}) if wordings else ""
                self.problem(
                    f"{what}: 'except' lists {wording!r}, which is no wording of its "
                    f"families ({', '.join(families) or 'none given'}){hint}; write it as "
                    "the lexicon does",
                    node.line_of("except"),
                )
        return tuple(w for w in wordings if w not in set(left_out))

    def claim(
        self, node: LineDict, register_id: str, units: dict, sources: set[str], language: str = "en"
    ) -> Claim | None:
        claim_id = self.text(node, "id", "claim")
        what = f"claim {claim_id!r}" if claim_id else "claim"
        self.keys(node, CLAIM_KEYS, what)
        if claim_id and not SLUG.match(claim_id):
            self.problem(
                f"{what}: id must be a lowercase slug (a-z, 0-9, '-', '.')", node.line_of("id")
            )
        kind = self.text(node, "kind", what)
        status = self.text(node, "status", what)
        if kind and kind not in KINDS:
            self.problem(
                f"{what}: unknown kind {kind!r}{_did_you_mean(kind, KINDS, KIND_SYNONYMS)} "
                f"(one of {', '.join(KINDS)})",
                node.line_of("kind"),
            )
            kind = ""  # its keys are not checked against a kind that does not exist
        if status and status not in STATUSES:
            self.problem(
                f"{what}: unknown status {status!r} (one of {', '.join(STATUSES)})",
                node.line_of("status"),
            )
        fields = dict(
            id=claim_id,
            register=register_id,
            line=node.line,
            subject=self.text(node, "subject", what),
            property=self.text(node, "property", what),
            kind=kind,
            status=status,
            evidence=self.evidence(node, "evidence", what, sources),
            cues=self.phrases(node, "cues", what),
            exclude=self.phrases(node, "exclude", what),
            suggestion=self.text(node, "suggestion", what) or None,
            note=self.text(node, "note", what),
            language=language,
        )
        tolerance = self.number(node, "tolerance", what)
        if tolerance is not None:
            if not 0 <= tolerance < 1:
                self.problem(
                    f"{what}: tolerance must be between 0 and 1", node.line_of("tolerance")
                )
            fields["tolerance"] = tolerance
        if kind in NUMERIC_KINDS or kind == RESTRICTION:
            unit = self.unit_name(node, what, units)
            values = self.values(node, what, unit, units, sources)
            if "unit" not in node:
                # A value written out ("once or twice a month") names its own unit; so do
                # values that each give theirs ("24-48 hours", "2 to 6 days"): the first's.
                unit = next((v.unit for v in values if v.written), None)
                if unit is None and values and all(v.unit for v in values):
                    unit = values[0].unit
                if unit is None and not _writes_values(node):
                    self.problem(f"{what}: a {kind} claim needs a 'unit'", node.line)
            if unit:
                for item in values:
                    if item.unit and units[item.unit].dimension != units[unit].dimension:
                        self.problem(
                            f"{what}: value unit {item.unit!r} does not measure the same thing as {unit!r}",
                            node.line_of("values"),
                        )
            if (
                kind in ("duration", "frequency", RESTRICTION)
                and unit
                and units[unit].dimension != "time"
            ):
                self.problem(
                    f"{what}: a {kind} claim needs a time unit, not {unit!r}", node.line_of("unit")
                )
            if not fields["cues"]:
                self.problem(
                    f"{what}: a {kind} claim needs 'cues' to tie numbers in a text to it", node.line
                )
            if (
                status == "disputed"
                and "one_of" not in node
                and len({(v.low, v.high) for v in values}) < 2
            ):
                self.problem(
                    f"{what}: a disputed claim needs at least two different values",
                    node.line_of("status"),
                )
            fields.update(unit=unit, values=values, discrete="one_of" in node)
            fields["evidence"] = fields["evidence"] + tuple(e for v in values for e in v.evidence)
        if kind in ("set", RESTRICTION):
            members = []
            for item, line in self.items(node, "members", what):
                entry = self.mapping(item, f"{what}: member", line)
                if entry is None:
                    continue
                self.keys(entry, MEMBER_KEYS, f"{what}: member")
                age = self.number(entry, "minimum_age", what)
                if age is not None and not 0 < age < 150:
                    self.problem(f"{what}: minimum_age must be an age in years", line)
                own = self.number(entry, "min", what)
                if own is not None and (kind != RESTRICTION or own <= 0):
                    self.problem(
                        f"{what}: a member's 'min' is a restriction member's own shortest time "
                        "(in the claim's unit, or the member's own 'unit'), a number above 0",
                        line,
                    )
                    own = None
                if "unit" in entry and kind == RESTRICTION:
                    # "the sun: at least 1 week" in a claim counted in hours
                    mine = self.unit_name(entry, f"{what}: member", units)
                    claim_unit = fields.get("unit")
                    if mine and claim_unit and units[mine].dimension != units[claim_unit].dimension:
                        self.problem(f"{what}: member unit {mine!r} is not a time", line)
                        mine = None
                else:
                    mine = None
                members.append(
                    Member(
                        name=self.text(entry, "name", what),
                        cues=self.phrases(entry, "cues", what),
                        evidence=self.evidence(entry, "evidence", what, sources),
                        minimum_age=age,
                        min=own,
                        unit=mine,
                    )
                )
            if not members:
                self.problem(f"{what}: a {kind} claim needs 'members'", node.line)
            fields.update(members=tuple(members), permissive=self.phrases(node, "permissive", what))
            fields["evidence"] = fields["evidence"] + tuple(e for m in members for e in m.evidence)
        elif kind == "absolute":
            families = self.families(node, what, language)
            fields.update(
                families=families,
                phrases=Phrasings(
                    self.family_wordings(node, what, families, language)
                    + self.strings(node, "phrases", what),
                    unique=True,
                ),
                refuted_by=self.strings(node, "refuted_by", what),
                asserted_in=self.evidence(node, "asserted_in", what, sources),
                wording=node.get("wording") is True,
                testimony=node.get("testimony") is True,
            )
            for flag in ("wording", "testimony"):
                if flag in node and not isinstance(node.get(flag), bool):
                    self.problem(f"{what}: '{flag}' is true or false", node.line_of(flag))
            if not fields["phrases"]:
                self.problem(f"{what}: an absolute claim needs 'phrases' or a 'family'", node.line)
            if status not in ("contradicted", "unsupported", ""):
                self.problem(
                    f"{what}: an absolute claim is 'contradicted' or 'unsupported'",
                    node.line_of("status"),
                )
            asserted = {(e.source, e.line) for e in fields["asserted_in"]}
            for evidence in fields["evidence"]:
                if (evidence.source, evidence.line) in asserted:
                    self.problem(
                        f"{what}: {evidence.source} line {evidence.line} is cited both as asserting "
                        "the phrasing (asserted_in) and as evidence against it; evidence must refute it",
                        node.line_of("evidence"),
                    )
        elif kind == "entity":
            names = self.names(node, what, sources)
            fields.update(
                canonical=self.text(node, "canonical", what) or (names[0].name if names else None),
                variants=self.strings(node, "variants", what),
                names=tuple(names),
                synonyms=self.strings(node, "synonyms", what),
            )
            alternatives = []
            for item, line in self.items(node, "alternatives", what):
                entry = self.mapping(item, f"{what}: alternative", line)
                if entry is None:
                    continue
                self.keys(entry, ALTERNATIVE_KEYS, f"{what}: alternative")
                name = self.text(entry, "name", what)
                alternatives.append(
                    Member(
                        name=name,
                        cues=(name,),
                        evidence=self.evidence(entry, "evidence", what, sources),
                    )
                )
            fields["alternatives"] = tuple(alternatives)
            fields["evidence"] = fields["evidence"] + tuple(
                e for m in alternatives for e in m.evidence
            )
            fields["evidence"] = fields["evidence"] + tuple(e for n in names for e in n.evidence)
            if not fields["canonical"]:
                self.problem(f"{what}: an entity claim needs 'canonical'", node.line)
            if status == "disputed" and len(names) < 2:
                self.problem(
                    f"{what}: a disputed entity claim needs 'names': two or more, each with "
                    "its sources' evidence",
                    node.line,
                )
            if names and not fields["cues"]:
                self.problem(
                    f"{what}: an entity claim with 'names' needs 'cues' (the words that say "
                    "what the name did: invent*, founder)",
                    node.line,
                )
        if not fields["evidence"] and status != "unsupported":
            self.problem(f"{what}: needs evidence", node.line)
        for key in (
            "value",
            "min",
            "max",
            "values",
            "unit",
            "members",
            "permissive",
            "phrases",
            "refuted_by",
            "asserted_in",
            "canonical",
            "variants",
            "synonyms",
            "alternatives",
            "family",
            "except",
            "names",
        ):
            if kind and key in node and not _key_fits(key, kind):
                self.problem(f"{what}: {key!r} does not apply to a {kind} claim", node.line_of(key))
        return Claim(**fields)


# Words a register writer may reach for instead of a kind's name.
KIND_SYNONYMS = {
    "interval": "frequency",
    "period": "duration",
    "time": "duration",
    "number": "value",
    "count": "value",
    "list": "set",
    "name": "entity",
    "phrase": "absolute",
}


def _did_you_mean(word: str, choices, synonyms: dict[str, str]) -> str:
    import difflib

    guess = synonyms.get(word.lower()) or next(
        iter(difflib.get_close_matches(word, choices, 1)), None
    )
    return f"; did you mean {guess!r}?" if guess else ""


def _key_fits(key: str, kind: str) -> bool:
    if key in ("value", "min", "max", "values", "unit"):
        return kind in NUMERIC_KINDS or kind == RESTRICTION
    if key == "members":
        return kind in ("set", RESTRICTION)
    if key == "permissive":
        return kind == "set"
    if key in ("phrases", "refuted_by", "asserted_in", "family", "except"):
        return kind == "absolute"
    return kind == "entity"


def unit_table(extra: tuple[Unit, ...] = ()) -> dict[str, Unit]:
    """Units by name and by lowercase alias; a register's own units win."""
    table: dict[str, Unit] = {}
    for unit in builtin_units() + tuple(extra):
        table[unit.name] = unit
    for unit in builtin_units() + tuple(extra):
        for alias in unit.aliases:
            table.setdefault(alias.lower(), unit)
    return table


def parse_register(text: str, path: str) -> Register:
    """Parse and check one register's text. Raises RegisterError listing every problem."""
    try:
        doc = load_yaml_text(text, path)
    except InputError as error:
        raise RegisterError([error]) from None
    reader = _Reader(path)
    if not isinstance(doc, dict):
        raise RegisterError([InputError("a register must be a YAML mapping", path=path, line=1)])
    reader.keys(doc, TOP_KEYS, "register")
    version = doc.get("factlint-register")
    if "factlint-register" in doc and version != FORMAT_VERSION:
        reader.problem(
            f"unsupported register format {version!r} (this factlint reads {FORMAT_VERSION})",
            doc.line_of("factlint-register"),
        )
    register_id = reader.text(doc, "id", "register")
    if register_id and not SLUG.match(register_id):
        reader.problem("register id must be a lowercase slug", doc.line_of("id"))
    own_units = reader.units(doc)
    units = unit_table(own_units)
    reader.language = str(doc.get("language") or "en")
    sources = reader.sources(doc)
    source_ids = {s.id: s.title for s in sources}  # evidence carries its source's title
    claims, seen = [], {}
    for item, line in reader.items(doc, "claims", "register"):
        node = reader.mapping(item, "claim", line)
        if node is None:
            continue
        claim = reader.claim(node, register_id, units, source_ids, str(doc.get("language") or "en"))
        if claim.id in seen:
            reader.problem(
                f"duplicate claim id {claim.id!r} (first at line {seen[claim.id]})",
                node.line_of("id"),
            )
        seen.setdefault(claim.id, node.line_of("id"))
        claims.append(claim)
    claim_ids = set(seen)
    for claim in claims:
        for ref in claim.refuted_by:
            if ref not in claim_ids:
                reader.problem(
                    f"claim {claim.id!r}: refuted_by names unknown claim {ref!r}", claim.line
                )
    _check_phrases(reader, doc, claims)
    pack = _pack(reader, doc)
    if reader.problems:
        raise RegisterError(reader.problems)
    return Register(
        id=register_id,
        title=reader.text(doc, "title", "register"),
        version=reader.text(doc, "version", "register"),
        language=reader.text(doc, "language", "register", "en"),
        path=path,
        sha256=_sha256(text),
        sources=sources,
        claims=tuple(claims),
        units=own_units,
        topic=reader.phrases(doc, "topic", "register"),
        off_topic=reader.phrases(doc, "off_topic", "register"),
        sources_dir=reader.text(doc, "sources_dir", "register") or None,
        description=reader.text(doc, "description", "register"),
        pack=pack,
        advertising=_advertising(reader, doc, pack),
    )


def _pack(reader: _Reader, doc: LineDict) -> bool:
    """`pack: true`: rules for claims of concern that apply to any text, so no topic."""
    value = doc.get("pack", False)
    if not isinstance(value, bool):
        reader.problem("'pack' must be true or false", doc.line_of("pack"))
        return False
    if value and doc.get("topic"):
        reader.problem("a pack applies to any text: it has no 'topic'", doc.line_of("topic"))
    return value


def _advertising(reader: _Reader, doc: LineDict, pack: bool) -> bool:
    """`advertising: true`: a pack of advertising rules, which govern adverts: a text long
    enough to tell that shows no sign of selling (a news story, a health-service page) is
    left alone (see rules/absolutes.py)."""
    value = doc.get("advertising", False)
    if not isinstance(value, bool):
        reader.problem("'advertising' must be true or false", doc.line_of("advertising"))
        return False
    if value and not pack:
        reader.problem("'advertising' is for packs ('pack: true')", doc.line_of("advertising"))
        return False
    return value


def _check_phrases(reader: _Reader, doc: LineDict, claims: list[Claim]) -> None:
    """Every phrase must compile: report the ones that don't, at the line of their key."""
    from factlint.extract.phrases import PhraseError, compile_phrase
    from factlint.lexicon import lexicon

    lex = lexicon(str(doc.get("language") or "en"))
    bare = set(lex.negators) | set(lex.articles) | set(lex.question_words) | set(lex.frequency_per)

    def check(phrase: str, line: int, what: str, whole: bool = False) -> None:
        try:
            variants = compile_phrase(phrase)
        except PhraseError as error:
            reader.problem(f"{what}: phrase {phrase!r} {error}", line)
            return
        if not whole:
            return
        # A phrasing that optional words can shrink to "no" or "a" matches everywhere.
        for variant in variants:
            if len(variant) == 1 and not variant[0].prefixes and variant[0].words <= bare:
                word = sorted(variant[0].words)[0]
                reader.problem(
                    f"{what}: phrase {phrase!r} can match the word {word!r} alone "
                    "(its other words are optional)",
                    line,
                )
                return

    for key in ("topic", "off_topic"):
        for phrase in reader.phrases(doc, key, "register"):
            check(phrase, doc.line_of(key), key)
    nodes = {
        node.get("id"): node for node in (doc.get("claims") or []) if isinstance(node, LineDict)
    }
    for claim in claims:
        node = nodes.get(claim.id)
        for key in ("cues", "exclude", "permissive", "phrases"):
            line = node.line_of(key) if node is not None and key in node else claim.line
            for phrase in getattr(claim, key):
                check(phrase, line, f"claim {claim.id!r}", whole=key in ("phrases", "permissive"))
        for index, member in enumerate(claim.members):
            members = node.get("members") if node is not None else None
            line = claim.line
            if isinstance(members, LineList) and index < len(members):
                line = members.line_of(index)
            for phrase in member.cues:
                check(phrase, line, f"claim {claim.id!r} member {member.name!r}")


def load_register(path: Path) -> Register:
    try:
        text = read_text_file(path)
    except InputError as error:
        raise RegisterError([error]) from None
    return parse_register(text, str(path))


def _sha256(text: str) -> str:
    import hashlib  # here: a run that finds the compiled registers cached never needs it

    return hashlib.sha256(text.encode("utf-8")).hexdigest()
