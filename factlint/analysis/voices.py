"""Voices: who speaks where in a thread, a chat or a message log.

A forum thread, a chat export or an interview sets several people's words in one text;
one poster's "zero downtime" against another's "bruises that lasted 2 days" is a
disagreement between people, not a text contradicting itself. A voice opens where a
turn is marked and runs to the next mark:

- a forum post's header: a user's handle opening a line ("**u/jen_k** · 14 points",
  "@glowgetter:"), or named as the poster ("Posted by u/dewy_days"); a review's header
  (a name in bold and its stars);
- a speaker's label before a colon, opening a line, after a time stamp or not ("[10:05]
  Mia:", "12/03/2026, 21:15 - Lena:", "DR. MOREL:", "Q:"), when the text is a dialogue:
  a label speaks again after another one (a spec sheet's "Sessions:", "Downtime:" and a
  message log's subjects, "Mon 09:14 - Reminder:", take no turns);
- a quoted block ("> it took 2 sessions") inside a text with voices is an earlier
  speaker's words, whose author the quote does not name: a voice of its own.

The words before the first mark are the text's own (voice None). A text with no marks
has one voice, and nothing changes for it.
"""

from __future__ import annotations

import bisect
import re

# A time stamp that opens a turn: "[10:05]", "10:05 -", "12/03/2026, 21:15 -", "Mon 09:14 -".
_STAMP = (
    r"(?:\[[^\]\n]{1,30}\]\s*"
    r"|(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?\s*)?(?:[A-Z][a-z]{2,8},?\s+)?"
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?\s*[-\u2013\u2014]?\s*)"
)
_MARKUP = r"[ \t>*_#-]*"
# A label: one to three words (a name, "Dr. Morel", "Clinic", "Q") and a colon.
_LABEL = (
    r"((?:[A-Za-z][\w.'\u2019-]*)(?:\s+[A-Za-z][\w.'\u2019-]*){0,2})"
    r"(?:\s*\([^()\n]{1,30}\))?[ \t*_]*:(?!//)"  # "KIRA (host):"
)
STAMPED_LABEL = re.compile(rf"^{_MARKUP}{_STAMP}{_LABEL}", re.MULTILINE)
BARE_LABEL = re.compile(rf"^{_MARKUP}{_LABEL}", re.MULTILINE)
HANDLE = re.compile(
    r"^[ \t>*_#-]*(?:(?:u/|@)([\w.-]{2,})|[^\n]{0,60}?\bposted by\s+(?:u/|@)?([\w.-]{2,}))",
    re.MULTILINE | re.IGNORECASE,
)
# A review's header: a name in bold, then its stars or a dot before its date
# ("**Hannah P.** ★★★★★ · a month ago").
REVIEW = re.compile(
    r"^[ \t#>]*\*\*([^*\n]{2,40})\*\*[ \t]*(?:[\u2605\u2606\u2b50]|\u00b7|\d(?:\.\d)?\s*/\s*5)",
    re.MULTILINE,
)
# ... or a line opening with the stars ("★★★★★ "Best decision", Sarah"): a reviewer unnamed
# by a pattern, each such review a voice of its own.
STARS = re.compile(r"^[ \t#>*]*[\u2605\u2606\u2b50]{3,5}", re.MULTILINE)
STAR_SIGNS = "\u2605\u2606\u2b50"
POSTED_BY = re.compile("posted by", re.IGNORECASE)
QUOTE_LINE = re.compile(r"^[ \t]*>", re.MULTILINE)
HEADER_MAX = 80  # characters of a line that holds a post's header (a handle, points, a date)


class Voices:
    """Where each voice of a text begins: `at(offset)` names the voice holding it."""

    def __init__(self, text: str) -> None:
        marks = sorted(_handles(text) + _labels(text), key=lambda m: m[0])
        self._starts = [start for start, _ in marks]
        self._keys = [key for _, key in marks]
        if marks:
            self._quote_blocks(text)

    def __bool__(self) -> bool:
        return bool(self._starts)

    def _quote_blocks(self, text: str) -> None:
        """Each quoted block a voice of its own; the line after it is its poster's again."""
        marks = list(zip(self._starts, self._keys))
        block = None  # where the current run of quoted lines began
        for line in QUOTE_LINE.finditer(text):
            start = line.start()
            if block is not None and text.rfind("\n", 0, start - 1) + 1 == block[1]:
                block = (block[0], start)  # the block goes on
            else:
                block = (start, start)
                marks.append((start, ("quote", start)))
            end = text.find("\n", start)
            if end >= 0 and not QUOTE_LINE.match(text, end + 1):
                marks.append((end + 1, self.at(start)))  # the poster's words again
        marks.sort(key=lambda m: m[0])
        self._starts = [start for start, _ in marks]
        self._keys = [key for _, key in marks]

    def at(self, offset: int):
        """The voice holding `offset`: a speaker's name or handle (lower case), a quoted
        block's place, or None for the text's own words."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return self._keys[i] if i >= 0 else None


def _handles(text: str) -> list[tuple[int, object]]:
    # Each pattern is run only on a text holding what it cannot match without: a line-start
    # pattern is tried at every character, which cost 3 % of a run of every rule.
    found = []
    if not ("u/" in text or "U/" in text or "@" in text or POSTED_BY.search(text)):
        handles = ()
    else:
        handles = HANDLE.finditer(text)
    for m in handles:
        end = text.find("\n", m.start())
        if (end if end >= 0 else len(text)) - m.start() > HEADER_MAX:
            continue  # a sentence that names a user, not a post's header
        found.append((m.start(), ("speaker", (m.group(1) or m.group(2)).lower())))
    taken = {start for start, _ in found}
    if "**" in text:
        found += [
            (m.start(), _key(m.group(1))) for m in REVIEW.finditer(text) if m.start() not in taken
        ]
    if any(star in text for star in STAR_SIGNS):
        taken = {start for start, _ in found}
        found += [
            (m.start(), ("review", m.start()))
            for m in STARS.finditer(text)
            if m.start() not in taken
        ]
    return found


def _labels(text: str) -> list[tuple[int, object]]:
    """Speakers' labels, stamped or bare, when the text is a dialogue: one label opens a
    line, another a later one, and the first again after it ("Mia: ... Lena: ... Mia:").
    A message log's subjects ("Mon 09:14 - Reminder: ...") and a page's field labels
    ("Sessions: 4", "Downtime: none") take no turns."""
    stamped = [(m.start(), _key(m.group(1))) for m in STAMPED_LABEL.finditer(text)]
    taken = {start for start, _ in stamped}
    bare = [(m.start(), _key(m.group(1))) for m in BARE_LABEL.finditer(text)]
    labels = sorted(stamped + [(s, k) for s, k in bare if s not in taken], key=lambda m: m[0])
    seen: set = set()
    last = None
    for _, key in labels:
        if key in seen and key != last:
            return labels  # a speaker spoke again after another: turns are taken
        seen.add(key)
        last = key
    return []


def _key(label: str):
    return ("speaker", " ".join(label.lower().replace("\u2019", "'").split()))
