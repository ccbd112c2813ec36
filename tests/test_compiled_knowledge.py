"""What compiling the registers shares and leaves for later must change no match.

A phrase and its words are read once per run (the registers repeat them thousands of times);
equal entries of the phrase index are one object; the plans of a word's next words are
made when a text first has them; an index pickled into the cache keeps its phrases and
none of what texts made. Each is compared here with the path it replaces: a phrase read
with nothing remembered, and an index that tries every phrase at every word.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import yaml
from conftest import REGISTERS, SEEDS, knowledge_for

from factlint.extract import phrases as phrases_module
from factlint.extract.phrases import PhraseError, PhraseIndex, compile_phrase, tokenize
from factlint.lexicon import LEXICON_DIR, expand_braces, lexicon
from factlint.register.load import load_register
from factlint.register.model import Phrasings

ROOT = Path(__file__).resolve().parent.parent

# Phrases whose words are met again with and without `?`, hyphens, wildcards and errors,
# so that a word read for one phrase is remembered when the next has it.
PHRASES = [
    "clinically|medically proven|tested",
    "clinically|medically? proven",
    "micro-needl* pen",
    "micro-needl*? pen",
    "micro-n* pen",
    "micro-n*? pen",
    "no|zero side effects",
    "# % of our? clients|patients",
    "# out of # clients",
    "#",
    "no? #",
    "a? b? c? d? e? f",
    "a? b? c? d? e",
    "a? b?",
    "clinically||proven",
    "pro*ven",
    "p* results",
    "? results",
    "?? results",
    "well-known? results",
    "well-known results",
    "100 % safe",
    "%",
    "it's permanent",
    "it’s permanent",
    "Permanent RESULTS",
    "",
    "  ",
    "! ?",
    "voted * *? best",
    "* best",
    "voted *",
    "*'s most trusted",
    "*'s? most trusted",
    "most *'s",
    "*'s",
    "*s",
]
NUMBERS = frozenset({"ten", "million"})


def _compiled(phrase: str, inflect=None):
    try:
        return compile_phrase(phrase, inflect, NUMBERS)
    except PhraseError as error:
        return f"error: {error}"


def _inflect(word: str) -> tuple[str, ...]:
    return (word + "s",)


@pytest.mark.parametrize("inflect", [None, _inflect])
def test_a_phrase_compiles_alike_with_its_words_remembered_or_read_afresh(inflect):
    afresh = []
    for phrase in PHRASES:
        phrases_module._WORDS.clear()
        phrases_module.forget_phrases()
        afresh.append(_compiled(phrase, inflect))
    remembered = [_compiled(phrase, inflect) for phrase in PHRASES + PHRASES]
    assert remembered == afresh + afresh


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("voted * best", "Voted Austin's best med spa", "voted austin's best"),
        ("voted * *? best", "voted greater leeds' best clinic", "voted greater leeds best"),
        ("voted * *? best", "voted Leeds's best", "voted leeds's best"),
        ("voted * *? best", "voted best", None),  # `*` is one word, never none
        ("voted * best", "voted a b best", None),
        ("no * needed", "no downtime needed", "no downtime needed"),
    ],
)
def test_a_star_stands_for_any_one_word(phrase, text, found):
    index = PhraseIndex()
    index.add(phrase, "x")
    tokens = tokenize(text)
    spans = [" ".join(tokens.words[m.start : m.end]) for m in index.find(tokens)]
    assert spans == ([found] if found else [])


@pytest.mark.parametrize("phrase", ["* best", "voted *", "voted *?", "*? voted best", "so? * best"])
def test_a_star_must_stand_between_words(phrase):
    # (a phrase is found by its first word; a last word that is any word adds nothing)
    with pytest.raises(PhraseError, match="does not stand between words"):
        compile_phrase(phrase)


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("*'s most trusted", "Leeds's most trusted clinic", "leeds's most trusted"),
        ("*'s most trusted", "the UK’s most trusted injector", "uk's most trusted"),
        ("*'s most trusted", "the most trusted clinic", None),  # the ending is a word's
        ("*'s most trusted", "Leeds is most trusted", None),
        ("*'s? most trusted", "the most trusted clinic", "most trusted"),
        ("*'s best", "Leeds' best", None),  # (an apostrophe ending a word is no part of it)
    ],
)
def test_a_star_and_an_ending_open_a_phrase_with_any_word_so_ending(phrase, text, found):
    index = PhraseIndex()
    index.add(phrase, "x")
    tokens = tokenize(text)
    spans = [" ".join(tokens.words[m.start : m.end]) for m in index.find(tokens)]
    assert spans == ([found] if found else [])
    # as a copy keeps it
    assert index.restricted(lambda payload: True).find(tokens) == index.find(tokens)


@pytest.mark.parametrize(
    ("phrase", "error"),
    [
        ("most *'s", "does not open it"),
        ("*'s", "only a word ending"),
        ("*'s?", "only a word ending"),
        ("*s best", "at least two characters"),
        ("*'s|'d best", "not one ending"),
        ("*'s* best", "not one ending"),
        ("*-s best", "at least two characters of one word"),
    ],
)
def test_a_word_ending_opens_a_phrase_of_more_words(phrase, error):
    with pytest.raises(PhraseError, match=error):
        compile_phrase(phrase)


def _texts() -> list[str]:
    folders = [ROOT / "examples", SEEDS]
    return [
        path.read_text(encoding="utf-8")
        for folder in folders
        if folder.is_dir()
        for path in sorted(folder.rglob("*"))
        if path.suffix in (".md", ".txt", ".html")
    ]


@pytest.fixture(scope="module")
def index() -> PhraseIndex:
    return knowledge_for("shipped+core").phrases


def _trying_every_phrase(index: PhraseIndex) -> PhraseIndex:
    plain = index.restricted(lambda payload: True)
    plain.fanout = 10**9  # no word's phrases kept by the next words: each one is tried
    return plain


def test_the_shipped_index_finds_what_trying_every_phrase_at_every_word_finds(index):
    plain = _trying_every_phrase(index)
    texts = _texts()
    assert texts
    for text in texts:
        tokens = tokenize(text)
        assert index.find(tokens) == plain.find(tokens)


def test_an_index_from_the_cache_finds_the_same_and_keeps_nothing_a_text_made(index):
    texts = _texts()
    before = [index.find(tokenize(text)) for text in texts]
    assert index._seen, "the texts made plans"
    stored = pickle.loads(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    assert not stored._seen and not stored._after_seen and not stored._built
    assert [stored.find(tokenize(text)) for text in texts] == before


def test_the_words_of_one_slot_share_their_entries():
    index = PhraseIndex()
    index.add("has|have no side effects", "a")
    index.add("has|have no side effects", "a")  # the same phrase and meaning twice
    index.add("has|have no downtime", "b")
    has, have = index._exact["has"], index._exact["have"]
    assert len(has) == 3 and [id(entry) for entry in has] == [id(entry) for entry in have]
    assert has[0] is has[1] and has[0] is not has[2]


def test_the_registers_words_read_a_few_phrases_at_a_time_are_those_of_all_joined(
    monkeypatch,
):
    """DQ002 reads the registers' words from their phrases lowered and joined; it joins
    a few thousand at a time, so that the packs' phrasings are never one big text."""
    from factlint.rules import dq002_word_boundary as dq002

    phrases = [p for c in knowledge_for("shipped+core").claims.values() for p in c.phrases]
    phrases += ["ΟΔΥΣΣΕΑΣ", "Σ", "ΑΣ ΣΑ", "micro-needl*", "İstanbul", ""]
    whole = dq002._words_in(["\n".join(phrases).lower()])
    monkeypatch.setattr(dq002, "PHRASES_AT_ONCE", 7)
    assert dq002._words_in(dq002._joined(phrases)) == whole
    assert whole[0] and whole[1]


# -- phrasings kept as written -------------------------------------------------------------
# A claim keeps its phrasings as its register and the lexicon's wording families write
# them (`{a b|c d}` groups unexpanded, see register/model.py Phrasings), and a run's
# compiled registers name the run's lexicon instead of holding a copy of it. Each is
# compared with what it replaces: every phrase expanded when the register is read.

PHRASE_KEYS = ("cues", "exclude", "permissive", "phrases")


def _expanded_when_read(path: Path) -> dict:
    """(claim id, key) -> the claim's phrases as the loader made them before: each written
    phrase expanded on reading; an absolute claim's families' phrases, then its own, once."""
    families = yaml.safe_load((LEXICON_DIR / "en.yaml").read_text(encoding="utf-8"))["families"]
    out = {}
    for node in yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]:
        for key in PHRASE_KEYS:
            written = [str(p) for p in node.get(key) or ()]
            if key == "phrases":
                chosen = node.get("family") or []
                chosen = [chosen] if isinstance(chosen, str) else chosen
                written = [str(p) for name in chosen for p in families[name]] + written
            phrases = (p for phrase in written for p in expand_braces(phrase))
            out[node["id"], key] = tuple(dict.fromkeys(phrases) if key == "phrases" else phrases)
    return out


@pytest.mark.parametrize("path", REGISTERS["shipped+core"], ids=lambda p: p.name)
def test_a_claims_phrasings_read_as_written_are_those_expanded_when_read(path):
    expected = _expanded_when_read(path)
    register = load_register(path)
    assert sum(len(expected[c.id, "phrases"]) for c in register.claims) > 0
    for claim in register.claims:
        for key in PHRASE_KEYS:
            phrasings = getattr(claim, key)
            assert tuple(phrasings) == expected[claim.id, key], (claim.id, key)
            # ... and behave as that tuple does
            as_tuple = expected[claim.id, key]
            assert phrasings == as_tuple and hash(phrasings) == hash(as_tuple)
            assert len(phrasings) == len(as_tuple) and bool(phrasings) == bool(as_tuple)
            assert list(phrasings[:3]) == list(as_tuple[:3])
            assert ("x",) + phrasings == ("x",) + as_tuple
            copied = pickle.loads(pickle.dumps(phrasings, protocol=pickle.HIGHEST_PROTOCOL))
            assert copied == phrasings and hash(copied) == hash(phrasings)


def test_the_compiled_registers_name_the_runs_lexicon_and_copy_any_other():
    from dataclasses import replace

    knowledge = knowledge_for("shipped+core")
    stored = pickle.loads(pickle.dumps(knowledge, protocol=pickle.HIGHEST_PROTOCOL))
    assert stored.lexicon is lexicon(knowledge.lexicon.language)
    assert stored.grammar.lexicon is stored.lexicon
    changed = replace(lexicon("en"), statement="{phrase}")
    copied = pickle.loads(pickle.dumps(changed))
    assert copied is not lexicon("en") and copied.statement == "{phrase}"


# Written phrasings whose words DQ002 reads without expanding them, or whose groups touch
# the letters around them and make other words ("painless"), and so are expanded.
WRITTEN = [
    "{no|zero} {side effects|downtime}",
    "safe|harmless {for all|for everyone}",
    "x {|very } good",
    "{a {b|c}|d}",
    "a {b",
    "micro*{a|b}",
    "pain{less|ful}",
    "{micro|nano}*",
    "{a|b}{c|d}",
    "{Σ|ΑΣ}ΣΑ",
]


@pytest.mark.parametrize("written", WRITTEN)
def test_dq002_reads_a_written_phrasings_words_as_those_of_its_phrases(written):
    from factlint.rules import dq002_word_boundary as dq002

    phrasings = Phrasings([written])
    read = dq002._words_in(dq002._joined(list(dq002._with_the_words_of(phrasings))))
    assert read == dq002._words_in(dq002._joined(list(phrasings)))


def test_dq002_reads_the_registers_words_from_their_phrases_expanded(monkeypatch):
    """DQ002's words are keyed by the phrasings as written: when they are not cached, they
    are the words of every phrase as the loader once expanded them."""
    from factlint.rules import dq002_word_boundary as dq002

    monkeypatch.setattr(dq002, "remembered", lambda label, inputs, make, kind: make())
    registers = knowledge_for("shipped+core").registers
    phrases = []
    for register in registers:
        phrases.extend(register.topic)
        for unit in register.units:
            phrases.extend(unit.aliases)
        for claim in register.claims:
            for key in (*PHRASE_KEYS, "variants"):
                phrases.extend(getattr(claim, key))
            phrases.extend((claim.subject, claim.property, claim.canonical or ""))
            for member in claim.members:
                phrases.extend((*member.cues, member.name))
    assert dq002._register_words(registers) == dq002._words_in(dq002._joined(phrases))
