"""Property-based tests of the analysis's shortcuts (stance, restrictions): on generated
texts, each fast path gives exactly what the plain way of computing it gives (see
tests/test_fuzz.py for the settings; CI runs many more cases)."""

from __future__ import annotations

from conftest import knowledge_for
from hypothesis import example, given
from hypothesis import strategies as st
from test_fuzz import FUZZ

from factlint.document import build_document

# Lead-ins, list items, questions and answers, aftercare members and their times.
STANCE_PIECES = [
    ".",
    ". ",
    "? ",
    ":",
    "!",
    "\n",
    "\n\n",
    "\n- ",
    "\n* ",
    "\n1. ",
    "\n> ",
    "Red flags:",
    "Biggest myth?",
    "the myth that",
    "It is painless",
    "Be careful if the salon:",
    "No.",
    "It isn't.",
    "In reality, ",
    "avoid make-up for 12 hours",
    "How soon can I go swimming?",
    "Can I wear make-up?",
    "Yes, ",
    "You can swim the same evening.",
    "no sauna for 2 days",
    "make-up",
    "the sun",
    "is fine",
    "straight after",
    "A long line of ordinary prose that says nothing about anything in particular",
]


def _assumed(knowledge) -> frozenset[str]:
    """Every text is about the registers' procedures (a repository's `topic:`)."""
    return frozenset(r.id for r in knowledge.registers if r.topic)


STANCE_TEXTS = st.lists(st.sampled_from(STANCE_PIECES), max_size=60).map(" ".join)
# A list under a rejecting lead-in, its last item further down than most texts reach.
LONG_LIST = "Be careful if the salon:\n\n" + "- It is painless\n" * 14 + "\nIt is painless."


def _document(text: str, suffix: str):
    return build_document(f"fuzz{suffix}", text.encode("utf-8"))


@FUZZ
@example(text=LONG_LIST, suffix=".md")
@given(text=STANCE_TEXTS, suffix=st.sampled_from([".txt", ".md"]))
def test_sentences_without_a_mark_above_them_are_no_list_under_a_rejecting_lead_in(text, suffix):
    """stance walks up to a lead-in only when a sentence within its reach holds a ':' or a
    '?': the same answer as walking up from every sentence."""
    from factlint import stance
    from factlint.analysis import analyse

    knowledge = knowledge_for("shipped")
    context = analyse(_document(text, suffix), knowledge, _assumed(knowledge))
    for facts in context.sentences:
        assert stance._introduced_as_rejected(context, facts) == stance._lead_in_above(
            context, facts
        )


@FUZZ
@given(text=STANCE_TEXTS, suffix=st.sampled_from([".txt", ".md"]))
def test_restriction_statements_read_where_a_member_may_be_named_are_those_of_every_sentence(
    text, suffix
):
    """factlint.restrictions reads the sentences holding a member and those answering a
    question that holds one: the statements of reading every sentence."""
    from factlint import restrictions
    from factlint.analysis import analyse

    document = _document(text, suffix)
    knowledge = knowledge_for("shipped")
    found = list(restrictions.statements(analyse(document, knowledge, _assumed(knowledge))))
    shortcut = restrictions._naming_members
    restrictions._naming_members = lambda context: context.sentences
    try:
        everywhere = list(
            restrictions.statements(analyse(document, knowledge, _assumed(knowledge)))
        )
    finally:
        restrictions._naming_members = shortcut
    key = [(s.claim.id, s.kind, s.members, s.hours, s.start, s.end) for s in found]
    assert key == [(s.claim.id, s.kind, s.members, s.hours, s.start, s.end) for s in everywhere]


def test_a_tie_is_backed_by_a_candidate_exactly_when_not_every_candidate_conflicts():
    """FC001 and FC002 read whether every candidate claim conflicts with a number from the
    tie's `supported_by` (the first candidate that does not), instead of comparing again."""
    from pathlib import Path

    from factlint.analysis import analyse
    from factlint.compare import conflicts

    knowledge = knowledge_for("shipped")
    units = knowledge.unit_by_name
    examples = Path(__file__).resolve().parent.parent / "examples"
    ties = [
        tie
        for path in sorted(examples.iterdir())
        for tie in analyse(
            build_document(path.name, path.read_bytes()), knowledge, _assumed(knowledge)
        ).ties
    ]
    assert any(t.supported_by is None for t in ties) and any(t.supported_by for t in ties)
    for tie in ties:
        against = [c.claim for c in tie.candidates if not conflicts(c.claim, tie.mention, units)]
        assert tie.supported_by == (against[0] if against else None)
        assert (tie.supported_by is None) == conflicts(tie.claim, tie.mention, units)


def test_the_words_a_vocabulary_knows_at_once_are_those_it_knows_one_by_one():
    """DQ002 finds a text's known words by set operations (Vocabulary.known_among)."""
    from pathlib import Path

    from factlint.rules.dq002_word_boundary import plain_words, vocabulary

    vocab = vocabulary(knowledge_for("shipped"))
    examples = Path(__file__).resolve().parent.parent / "examples"
    words = [w for path in examples.iterdir() for w in plain_words(path.read_text()).texts]
    words += ["mesotherapyy", "injectionsand", "Botox", "xqzt"]
    known = vocab.known_among(words)
    assert known == {w for w in set(words) if vocab.knows(w)}
    assert known and set(words) - known


# Marks of a thread's voices, and near misses of them.
VOICE_PIECES = [
    "\n",
    " ",
    "u/jen_k",
    "U/Dewy",
    "@glow:",
    "Posted by u/amy",
    "POSTED BY bea",
    "**Hannah P.** ",
    "**",
    "\u2605\u2605\u2605\u2605\u2605",
    "\u2b50\u2b50\u2b50",
    "\u00b7 a month ago",
    "4/5",
    "> quoted",
    "Mia: ",
    "[10:05] Lena: ",
    "it took 2 sessions",
]
VOICE_TEXTS = st.lists(st.sampled_from(VOICE_PIECES), max_size=14).map("".join)


@FUZZ
@given(text=VOICE_TEXTS)
def test_voice_marks_found_only_where_a_text_holds_their_signs_are_those_of_every_text(text):
    from factlint.analysis import voices

    def line_end(start):
        end = text.find("\n", start)
        return end if end >= 0 else len(text)

    plain = [
        (m.start(), ("speaker", (m.group(1) or m.group(2)).lower()))
        for m in voices.HANDLE.finditer(text)
        if line_end(m.start()) - m.start() <= voices.HEADER_MAX
    ]
    taken = {start for start, _ in plain}
    plain += [
        (m.start(), voices._key(m.group(1)))
        for m in voices.REVIEW.finditer(text)
        if m.start() not in taken
    ]
    taken = {start for start, _ in plain}
    plain += [
        (m.start(), ("review", m.start()))
        for m in voices.STARS.finditer(text)
        if m.start() not in taken
    ]
    assert voices._handles(text) == plain
