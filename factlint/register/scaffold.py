"""The test file `factlint register new` writes beside a new register's draft.

One case per drafted phrasing ("<topic> is <phrasing>.", in the words of the lexicon's
`statement`), per set (a member said to be acceptable: "<topic> is suitable for
pregnant.") and per quoted value (the source's own words after the topic), each
expecting the findings the draft gives today: a starting point that `register test`
runs at once, for the author to correct as the draft is reviewed (a case that expects
the wrong thing is easier to see than no case).
"""

from __future__ import annotations

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
    for name, text in _texts(draft, knowledge.lexicon.statement):
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


def _texts(draft: dict, statement: str):
    """(name, text) pairs: each phrasing, each set and at most MAX_CASES quoted values.
    Phrasings and sets come first: a draft's many numbers must not crowd them out (a
    microneedling draft with 17 numbers had its cases cut before any phrasing)."""
    topic = (draft.get("topic") or [draft.get("id", "it")])[0].rstrip("*")
    seen: set[str] = set()
    claims = draft.get("claims", [])
    first = [c for c in claims if c.get("kind") in ("absolute", "set")]
    values = 0
    for claim in first + [c for c in claims if c not in first]:
        numeric = claim.get("kind") not in ("absolute", "set")
        if numeric and values >= MAX_CASES:
            return
        for text in _claim_texts(claim, topic, statement):
            if text not in seen:
                seen.add(text)
                values += numeric
                yield f"{claim['id']}: {text}", text
                break


def _claim_texts(claim: dict, topic: str, statement: str):
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
    cue = _plain(claim.get("cues", [])[0]) if claim.get("cues") else ""
    for entry in evidence[:1]:
        yield (
            f"{topic.capitalize()} {cue}: {entry['quote']}."
            if cue
            else f"{topic.capitalize()}: {entry['quote']}."
        )


def _plain(phrase: str) -> str:
    """A phrase's first wording as plain words: "no|zero pain*" -> "no pain"."""
    words = [w.split("|")[0].rstrip("*?") for w in phrase.split() if not w.endswith("?")]
    return " ".join(w for w in words if w)
