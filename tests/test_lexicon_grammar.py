"""The grammar words of a language come from its lexicon, not from the code.

Each test gives factlint a lexicon for a made-up language: a copy of the English one with
one key changed, written to a file as a new language would be. What factlint reads or
writes must change with that key; the English lexicon's behaviour is the control.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import factlint.lexicon as lexicon_module
import factlint.words as words_module
from factlint.analysis.numbers import bare_number
from factlint.api import Linter
from factlint.extract.dates import decade_pattern
from factlint.extract.quantities import extract, grammar
from factlint.lexicon import lexicon
from factlint.register import build
from factlint.register.load import builtin_units
from factlint.register.model import describe_interval
from factlint.register.scaffold import _claim_texts
from factlint.rules.dq002_word_boundary import Vocabulary, inflected
from factlint.words import language_words, word_list

ROOT = Path(__file__).resolve().parent.parent
LUMIGLOW = ROOT / "tests" / "data" / "lumiglow"
ENGLISH = yaml.safe_load(
    (ROOT / "factlint" / "data" / "lexicon" / "en.yaml").read_text(encoding="utf-8")
)


@pytest.fixture
def language(tmp_path, monkeypatch):
    """make(**keys): the name of a new language whose lexicon is English with `keys` changed."""
    folder = tmp_path / "lexicon"
    folder.mkdir()
    for shipped in lexicon_module.LEXICON_DIR.glob("*.yaml"):
        shutil.copy(shipped, folder / shipped.name)
    monkeypatch.setattr(lexicon_module, "LEXICON_DIR", folder)
    # The compiled-register cache keys on the shipped lexicons, not on this folder.
    monkeypatch.setenv("FACTLINT_NO_CACHE", "1")
    names = iter(f"x{letter}" for letter in "abcdefghij")

    def make(**keys) -> str:
        name = next(names)
        text = yaml.safe_dump({**ENGLISH, **keys}, allow_unicode=True)
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        return name

    lexicon_module.lexicon.cache_clear()
    yield make
    lexicon_module.lexicon.cache_clear()


def lumiglow_in(language: str, tmp_path: Path) -> Path:
    """The test register (a made-up procedure) with its `language:` set."""
    folder = tmp_path / f"lumiglow-{language}"
    shutil.copytree(LUMIGLOW, folder)
    path = folder / "lumiglow.yaml"
    text = path.read_text(encoding="utf-8").replace("language: en\n", f"language: {language}\n", 1)
    path.write_text(text, encoding="utf-8")
    return path


def conflicts(text: str, register: Path) -> list:
    """The FC001 findings for `text` against `register` alone: the claims packs are left out,
    as they are compiled anew with each made-up language (the cache is off) and have no
    Lumiglow facts."""
    return Linter(registers=[register], core_pack=False, select=["FC001"]).lint(text)


def conflict_message(text: str, register: Path) -> str:
    findings = conflicts(text, register)
    assert [f.code for f in findings] == ["FC001"]
    return findings[0].message


COURSE = "A Lumiglow course needs at least 20 sessions."


def test_messages_write_plurals_and_qualifiers_in_the_registers_language(language, tmp_path):
    english = conflict_message(COURSE, lumiglow_in("en", tmp_path))
    assert "the text says at least 20 sessions" in english
    assert "6–8 sessions" in english
    other = language(
        plural_endings=[["", "en"]],
        qualifier_wording={**ENGLISH["qualifier_wording"], "at_least": "no fewer than"},
    )
    message = conflict_message(COURSE, lumiglow_in(other, tmp_path))
    assert "the text says no fewer than 20 sessionen" in message
    assert "6–8 sessionen" in message


def test_a_language_without_qualifier_words_writes_signs(language):
    bare = lexicon(language(qualifier_wording={}))
    assert describe_interval(6, float("inf"), "month", bare) == "≥ 6 months"
    assert describe_interval(0, 2, "ml", bare) == "≤ 2 ml"
    assert describe_interval(6, float("inf"), "month", lexicon("en")) == "at least 6 months"


def test_a_lone_one_takes_the_singular_whatever_the_qualifier():
    # seen on a microneedling register: "avoid it for at least 1 weeks"
    english = lexicon("en")
    assert describe_interval(1, float("inf"), "week", english) == "at least 1 week"
    assert describe_interval(0, 1, "week", english) == "up to 1 week"
    assert describe_interval(1, 1, "week", english) == "1 week"
    assert describe_interval(1, 2, "week", english) == "1–2 weeks"
    assert describe_interval(0.5, 1, "month", english) == "0.5–1 months"
    assert describe_interval(2, float("inf"), "week", english) == "at least 2 weeks"


def test_ranges_and_number_words_are_joined_by_the_lexicons_words(language):
    units = builtin_units()
    text = "Wait 2 weeks and 4 weeks."

    def first(name: str) -> tuple[float, float]:
        mention = extract(text, 0, len(text), grammar(lexicon(name), units))[0]
        return mention.low, mention.high

    assert first("en") == (2, 2)  # "and" makes a range only after "between"
    assert first(language(opened_range_words=[])) == (2, 4)
    joined = grammar(lexicon(language(number_joiners=["und"])), units)
    assert joined.atom_value("one hundred und twenty") == 120
    assert grammar(lexicon("en"), units).atom_value("one hundred und twenty") is None


def test_a_decade_opens_with_the_lexicons_article(language):
    other = decade_pattern(lexicon(language(decade_openers=["die"], decade_endings=["er"])))
    assert other.search("since die 50er") and not other.search("since the 50s")
    assert decade_pattern(lexicon("en")).search("since the 50s")


def test_register_build_cuts_the_lexicons_stem_endings(language, monkeypatch):
    sources = sorted((LUMIGLOW / "sources").glob("*.txt"))

    def cues() -> set[str]:
        build.load_hints.cache_clear()
        draft = build.build_register(sources)
        return {cue for claim in draft["claims"] for cue in claim.get("cues", ())}

    english = cues()
    assert any(cue.endswith("*") for cue in english)
    monkeypatch.setattr(build, "LANGUAGE", language(stem_endings=[]))
    whole = cues()
    # No ending is cut: a cue is a whole word, or a long word's stem (a list item's).
    assert not {cue for cue in whole if cue.endswith("*") and len(cue) < 7}
    assert whole != english


def test_dq002_reads_where_an_inflection_is_none_from_the_word_data(tmp_path, monkeypatch):
    english, words = language_words("en"), word_list("en")
    folder = tmp_path / "words"
    folder.mkdir()
    raw = yaml.safe_load((words_module.WORDS_DIR / "en.yaml").read_text(encoding="utf-8"))
    (folder / "xx.yaml").write_text(yaml.safe_dump({**raw, "inflection_not_after": {}}))
    monkeypatch.setattr(words_module, "WORDS_DIR", folder)
    other = language_words("xx")
    language_words.cache_clear()
    # "menus" ends in "s" after "u", where English says an "s" is no plural ("virus").
    assert not inflected("menus", Vocabulary(words, english, ()))
    assert inflected("menus", Vocabulary(words, other, ()))


def test_a_negating_ending_comes_from_the_lexicon(language, tmp_path):
    text = "A Lumiglow course needn't take 20 sessions."
    assert not conflicts(text, lumiglow_in("en", tmp_path))
    other = lumiglow_in(language(negator_endings=[]), tmp_path)
    assert [f.code for f in conflicts(text, other)] == ["FC001"]


def test_a_table_cells_range_is_written_with_the_lexicons_range_words(language):
    english = bare_number(lexicon("en"))
    assert english.fullmatch("6 to 8") and not english.fullmatch("6 and 8")  # needs "between"
    other = bare_number(lexicon(language(range_words=["bis"], opened_range_words=[])))
    assert other.fullmatch("6 bis 8") and not other.fullmatch("6 to 8")


def test_register_new_writes_its_test_sentence_in_the_lexicons_words(language):
    claim = {"kind": "absolute", "phrases": ["completely|totally safe"]}
    english = lexicon("en")
    assert list(_claim_texts(claim, "lumiglow", english, {})) == ["Lumiglow is completely safe."]
    other = lexicon(language(statement="{subject} ist {phrase}."))
    assert list(_claim_texts(claim, "lumiglow", other, {})) == ["Lumiglow ist completely safe."]


def test_the_openers_that_exclude_an_age_come_from_the_lexicon(language, tmp_path):
    text = "Lumiglow is fine from 15 years."  # the sources' minimum age is 16
    english = conflicts(text, lumiglow_in("en", tmp_path))
    assert [f.claim for f in english] == ["contraindications"]
    other = lumiglow_in(language(exclusive_age_openers=["from"]), tmp_path)
    assert not conflicts(text, other)  # "from 15": 16 on
