"""The test file `factlint register new` writes beside a new register's draft.

One case per drafted phrasing ("<topic> is <phrasing>.", in the words of the lexicon's
`statement`), per set (a member said to be acceptable: "<topic> is suitable for
pregnant.") and per quoted value (the source's own words after the topic), each
expecting the findings the draft gives today: a starting point that `register test`
runs at once, for the author to correct as the draft is reviewed (a case that expects
the wrong thing is easier to see than no case).
"""

from __future__ import annotations

import re
from pathlib import Path

HEADER = """\
# Test cases for {register}: texts and the findings the register should give.
# Written by `factlint register new` from the draft's own findings: review them with
# the draft. A case lists every finding expected (of the codes in `select`); each
# expected finding asserts only the keys it gives (code, line, column, text, claim,
# severity, message_contains). Run: factlint register test {tests}
"""
MAX_CASES = 12


def scaffold_tests(register_file: Path, draft: dict) -> str:
    """The YAML text of NAME.tests.yaml for the draft just written to `register_file`."""
    import yaml

    from factlint.document import build_document
    from factlint.engine import check_document
    from factlint.knowledge import load_knowledge
    from factlint.register.testing import finding_entry
    from factlint.rules import RULES

    knowledge = load_knowledge([register_file])
    rules = [RULES[c] for c in sorted(RULES) if c.startswith("FC")]
    cases = []
    lines = _source_lines(register_file, draft)
    for name, text in _texts(draft, knowledge.lexicon, lines):
        document = build_document("case.txt", text.encode("utf-8"))
        found = check_document(document, knowledge, rules).findings
        cases.append(
            {"name": name, "text": text, "findings": [finding_entry(f.to_dict()) for f in found]}
        )
    spec = {
        "factlint-register-tests": 1,
        "register": register_file.name,
        "select": ["FC"],
        "cases": cases,
    }
    body = yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100)
    tests = register_file.with_name(register_file.stem + ".tests.yaml")
    return HEADER.format(register=register_file.name, tests=tests) + body


def _source_lines(register_file: Path, draft: dict) -> dict[str, list[str]]:
    """Each source's lines (by source id), where its file can be read: the words a value's
    cue stands for ("fract*" -> "fraction") come from its quoted line."""
    from factlint.register.sources import source_lines

    folder = Path(draft.get("sources_dir") or ".").expanduser()
    folder = folder if folder.is_absolute() else register_file.parent / folder
    lines = {}
    for source in draft.get("sources", []):
        path = folder / source.get("file", "")
        if source.get("file") and path.is_file():
            lines[source["id"]] = source_lines(path)
    return lines


def _texts(draft: dict, lex, lines: dict[str, list[str]]):
    """(name, text) pairs: each phrasing, each set and at most MAX_CASES value cases (the
    source's value, and one three times its largest, beyond the sources). Phrasings and
    sets come first: a draft's many numbers must not crowd them out (a microneedling
    draft with 17 numbers had its cases cut before any phrasing)."""
    topic = (draft.get("topic") or [draft.get("id", "it")])[0].rstrip("*")
    seen: set[str] = set()
    claims = draft.get("claims", [])
    first = [c for c in claims if c.get("kind") in ("absolute", "set")]
    values = 0
    for claim in first + [c for c in claims if c not in first]:
        numeric = claim.get("kind") not in ("absolute", "set")
        if numeric and values >= MAX_CASES:
            return
        for text in _claim_texts(claim, topic, lex, lines):
            if text not in seen:
                seen.add(text)
                values += numeric
                yield f"{claim['id']}: {text}", text


def _claim_texts(claim: dict, topic: str, lex, lines: dict[str, list[str]]):
    statement = lex.statement
    if claim.get("kind") == "absolute":
        for phrase in claim.get("phrases", [])[:1]:
            yield statement.format(subject=topic.capitalize(), phrase=_plain(phrase))
        return
    if claim.get("kind") == "set":
        # a member presented as acceptable, in the set's first permissive wording
        members, permissive = claim.get("members", []), claim.get("permissive", [])
        if members and permissive:
            phrase = f"{_plain(permissive[0])} {members[0]['name']}"
            yield statement.format(subject=topic.capitalize(), phrase=phrase)
        return
    evidence = list(claim.get("evidence", []))
    for item in claim.get("values", []):
        evidence.extend(item.get("evidence", []))
    if not evidence:
        return
    entry = evidence[0]
    cue = _cue_word(claim.get("cues", [""])[0] if claim.get("cues") else "", entry, lines)
    opening = f"{topic.capitalize()} {cue}:" if cue else f"{topic.capitalize()}:"
    yield f"{opening} {entry['quote']}."
    beyond = _beyond(claim, lex)
    if beyond:
        yield f"{opening} {beyond}."


def _cue_word(cue: str, entry: dict, lines: dict[str, list[str]]) -> str:
    """The cue as the source wrote it: a stem ("fract*") becomes the word of the quoted
    line it stands for ("fraction"), so the case reads as a text would."""
    plain = _plain(cue)
    if not cue.endswith("*"):
        return plain
    source = lines.get(entry.get("source"), [])
    line = entry.get("line", 0)
    text = source[line - 1] if 0 < line <= len(source) else ""
    stem = plain.lower()
    word = next((w for w in re.findall(r"[^\W\d_]+", text) if w.lower().startswith(stem)), None)
    return word.lower() if word else plain


def _beyond(claim: dict, lex) -> str | None:
    """A value three times the claim's largest, in words ("7.5 mm"): beyond every source,
    yet not so far (30 times) that factlint takes it to be about something else."""
    from factlint.register.model import describe_interval

    unit = claim.get("unit")
    if not unit or unit == "calendar-year" or claim.get("kind") == "frequency":
        return None
    highs = [claim.get("max"), claim.get("value"), claim.get("min")]
    highs += [i.get("max", i.get("value", i.get("min"))) for i in claim.get("values", [])]
    highs = [h for h in highs if isinstance(h, (int, float))]
    if not highs:
        return None
    far = max(highs) * 3
    return describe_interval(far, far, unit, lex)


def _plain(phrase: str) -> str:
    """A phrase's first wording as plain words: "no|zero pain*" -> "no pain"."""
    words = [w.split("|")[0].rstrip("*?") for w in phrase.split() if not w.endswith("?")]
    return " ".join(w for w in words if w)
