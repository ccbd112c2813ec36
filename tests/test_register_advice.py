"""`factlint register validate` warns about a valid register that will not do what its
author meant; warnings do not fail it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from factlint.cli import main

HEAD = """\
factlint-register: 1
id: w
title: W
version: "1"
topic: [sunpeel, peel*]
units:
%s
sources: [{id: s, title: S, file: s.txt, sha256: "0000000000000000000000000000000000000000000000000000000000000000"}]
claims:
"""
SESSION = "  session: {dimension: sessions, aliases: [session, sessions]}"
COUNT = (
    "  - {id: course, subject: s, property: sessions, kind: value, status: unsupported, unit: session,\n"
    "     cues: [%s], value: 6}\n"
)


def validate(tmp_path, units, claims):
    path = tmp_path / "w.yaml"
    path.write_text(HEAD % units + claims)
    return CliRunner().invoke(main, ["register", "validate", "--no-sources", str(path)])


@pytest.mark.parametrize(
    ("claims", "warning"),
    [
        (
            "  - {id: a, subject: s, property: p, kind: absolute, status: unsupported,\n"
            "     phrases: ['completely|totally|100 % safe']}\n" + COUNT % "course",
            "matches 'completely % safe'",
        ),
        (
            "  - {id: a, subject: s, property: p, kind: absolute, status: unsupported,\n"
            "     phrases: ['completely safe|no risks']}\n" + COUNT % "course",
            "matches 'completely no risks'",
        ),
        (
            "  - {id: a, subject: s, property: p, kind: set, status: supported,\n"
            "     members: [{name: pregnancy, cues: [pregnan*], evidence: [{source: s, line: 1, quote: q}]}]}\n"
            + COUNT
            % "course",
            "a set claim without 'permissive' phrasings reports nothing",
        ),
        (
            "  - {id: a, subject: s, property: p, kind: absolute, status: contradicted, phrases: [painless],\n"
            "     evidence: [{source: s, line: 1, quote: 'a numbing cream is applied to the skin for"
            " about thirty minutes before the first injection is given'}]}\n" + COUNT % "course",
            "quote 'a numbing cream is applied to ...' holds 18 words",
        ),
        (COUNT % "over", "cue 'over' is a common word"),
        # drafted from a microneedling source and passed in silence: "the skin", "the first"
        (COUNT % "skin", "cue 'skin' is a common word"),
        (COUNT % "first", "cue 'first' is a common word"),
        (COUNT % "peels", "cue 'peels' is a topic word"),
        # the register's main topic word says nothing about which thing a number is about
        (
            (COUNT % "sunpeel").replace("subject: s,", "subject: sunpeel,"),
            "cue 'sunpeel' is a topic word",
        ),
        (COUNT % "co*", "stem of fewer than three letters"),
        # what `register build` drafted and nobody reviewed
        (
            (COUNT % "course").replace(
                "property: sessions,", "property: 'value stated near: course',"
            ),
            "claim 'course' is as 'register build' drafted it",
        ),
        (
            (COUNT % "course").replace("value: 6}", "value: 6, note: 'draft: a guess'}"),
            "claim 'course' is as 'register build' drafted it",
        ),
    ],
)
def test_warnings(tmp_path, claims, warning):
    result = validate(tmp_path, SESSION, claims)
    assert result.exit_code == 0, result.output
    assert warning in result.output
    assert "w.yaml:" in result.output and ": warning: " in result.output


@pytest.mark.parametrize(
    "units",
    [
        "  session: {dimension: sessions, aliases: [session, sessions, min]}",
        "  session: {dimension: sessions, aliases: [session, sessions, 2x]}",
    ],
)
def test_a_unit_alias_that_can_never_match(tmp_path, units):
    result = validate(tmp_path, units, COUNT % "course")
    assert result.exit_code == 0
    assert "can never match" in result.output or "holds a digit" in result.output


def test_a_unit_no_claim_uses(tmp_path):
    units = SESSION + "\n  needle: {dimension: needles, aliases: [needle, needles]}"
    assert "unit 'needle' is used by no claim" in validate(tmp_path, units, COUNT % "course").output


def test_a_unit_of_a_dimension_a_claim_measures_is_used(tmp_path):
    """A text's "25 kg" is converted for a claim in pounds: the second unit is no dead entry."""
    units = SESSION + "\n  visit: {dimension: sessions, factor: 1, aliases: [visit, visits]}"
    assert "unit 'visit'" not in validate(tmp_path, units, COUNT % "course").output


@pytest.mark.parametrize(
    "claims",
    [
        COUNT % "course",
        "  - {id: a, subject: s, property: p, kind: absolute, status: unsupported,\n"
        "     phrases: ['in one|a|each session', 'repeat the|a course']}\n" + COUNT % "course",
        "  - {id: f, subject: s, property: p, kind: frequency, status: unsupported, unit: day,\n"
        "     cues: [every, often, apart], value: 14}\n" + COUNT % "course",
        # a topic word that names the claim's own, narrower subject: the home peel kit
        (COUNT % "peel*, kit*").replace("subject: s,", "subject: home peel kit,"),
    ],
)
def test_no_warning_for_a_careful_register(tmp_path, claims):
    result = validate(tmp_path, SESSION, claims)
    assert result.exit_code == 0 and ": warning:" not in result.output, result.output


def test_sources_still_of_the_drafts_quality(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text(
        (HEAD % SESSION).replace('sha256: "', 'quality: "draft: not yet reviewed", sha256: "')
        + COUNT % "course"
    )
    result = CliRunner().invoke(main, ["register", "validate", "--no-sources", str(path)])
    assert result.exit_code == 0
    assert "source s still has the draft's quality" in result.output


def test_a_claim_whose_groups_multiply_into_too_many_phrasings(tmp_path, monkeypatch):
    # The shipped limit takes a hundred thousand phrasings to pass: lower it for the test.
    monkeypatch.setattr("factlint.register.advice.MAX_PHRASINGS", 1000)
    group = (
        "{"
        + "|".join(f"very {word}" for word in ("safe", "gentle", "mild", "kind", "soft", "easy"))
        + "}"
    )
    claims = (
        "  - {id: a, subject: s, property: p, kind: absolute, status: unsupported,\n"
        f"     phrases: ['{group} {group} {group} {group}']}}\n" + COUNT % "course"
    )
    result = validate(tmp_path, SESSION, claims)
    assert result.exit_code == 0, result.output
    assert "claim 'a': its {...} groups expand into 1,296 phrasings" in result.output
    monkeypatch.setattr("factlint.register.advice.MAX_PHRASINGS", 1296)
    assert "phrasings" not in validate(tmp_path, SESSION, claims).output


def test_a_claim_whose_wordings_common_words_lead_to_all_at_once(tmp_path):
    # A share "gone for good" said of a range: after "# to" comes a number, which no next
    # word sorts, so every "2 to 3" of a text would try all 240 wordings.
    parts = "{hair|fat|fat cells|cellulite|wrinkles|lines|spots|veins|ink|acne}"
    wordings = "{will not|won't|does not|doesn't|never|will never}"
    family = f"# to # % of {{the|your|}} {parts} {wordings} {{grow|come|return|returns}} back"
    claims = (
        "  - {id: a, subject: s, property: p, kind: absolute, status: unsupported,\n"
        f'     phrases: ["{family}"]}}\n' + COUNT % "course"
    )
    result = validate(tmp_path, SESSION, claims)
    assert result.exit_code == 0, result.output
    assert "claim 'a': 720 of its wordings are tried one by one wherever a text says '# to'" in (
        result.output.replace("\n", " ")
    ), result.output
    # ... but not when a word of their own comes first ("shedding up to # ...": rare)
    sorted_ = claims.replace("# to #", "shedding # to #")
    assert "tried one by one" not in validate(tmp_path, SESSION, sorted_).output
