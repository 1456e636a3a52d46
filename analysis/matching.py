"""The matching engine: what matching sees of a token, entries compiled to patterns, the indexed matcher.

Rules (the codebook format, ``docs/codebook-format.md``):

* case-insensitive on Snowball stems after mapping irregular forms to their
  base (``send`` matches "sent"; ``squatter`` matches "squatters"; a possessive
  "Washington's" matches ``Washington``);
* an entry whose word is written in capitals (``US``, ``NATO``) matches only
  text in capitals, so ``US`` never matches the pronoun "us";
* a phrase matches its words in order within one sentence; punctuation between
  them is ignored; ``*`` skips 0 to 3 words (``send * back``);
* hyphenated and spaced forms match each other (``real estate`` matches
  "real-estate");
* within one group (a frame, or an actor) a word is counted once: the longest
  match wins, ties go to the earlier match; two groups may count the same words.

Entries are indexed by the stem of their first word, so a sentence is matched
by one dictionary look-up per word, whatever the size of the codebook.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .tokenize import stem_word, token_spans

GAP = None  #: marks a ``*`` in a compiled pattern
MAX_GAP = 3

_HYPHENS = re.compile(r"[\u2010\u2011-]")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_POSSESSIVE_ENDS = ("'", "\u2019", "'s", "\u2019s")  # what _POSSESSIVE can match at the end of a token
_ALNUM = re.compile(r"[^\W_]").search  # a character for which str.isalnum() is true (re's \w is isalnum or _)


@lru_cache(maxsize=1 << 18)
def token_units(token: str) -> tuple[tuple[str, bool, int, int], ...]:
    """What matching sees of one token: ``(stem, capitals, start, end)`` per word part.

    Punctuation gives nothing (it is transparent to phrases); a hyphenated
    word gives one unit per part, so "real-estate" matches ``real estate``;
    offsets are relative to the token. Cached by token string.
    """
    if not _ALNUM(token):
        return ()
    if not _HYPHENS.search(token):  # one part (most tokens): the loop below, unrolled
        bare = (_POSSESSIVE.sub("", token) or token) if token.endswith(_POSSESSIVE_ENDS) else token
        return ((stem_word(token), bare.isupper() and len(bare) > 1, 0, len(token)),)
    units = []
    pos = 0
    for part in _HYPHENS.split(token) if _HYPHENS.search(token) else (token,):
        if part:
            bare = _POSSESSIVE.sub("", part) or part
            units.append((stem_word(part), bare.isupper() and len(bare) > 1, pos, pos + len(part)))
        pos += len(part) + 1
    return tuple(units)


def sentence_units(text: str, spans) -> list[tuple[str, bool, int, int]]:
    """Matching units of one sentence, offsets into ``text``."""
    return [(key, upper, s + a, s + b) for s, e in spans for key, upper, a, b in token_units(text[s:e])]


def compile_entry(entry: str) -> tuple:
    """An entry as a pattern: a tuple of ``(stem, capitals_only)`` or :data:`GAP`."""
    pattern: list = []
    for word in entry.split():
        if word == "*":
            pattern.append(GAP)
            continue
        for key, upper, _, _ in sentence_units(word, token_spans(word)):
            pattern.append((key, upper))
    # a pattern of gaps only, or gaps at the ends, is refused by validation
    return tuple(pattern) if any(p is not GAP for p in pattern) else ()


class Matcher:
    """Entries of several groups (frames, or actors) indexed by first stem.

    Args:
        groups: ``(group name, entries)`` pairs in codebook order.
    """

    def __init__(self, groups: list[tuple[str, tuple[str, ...]]]):
        self.groups = [g for g, _ in groups]
        self.index: dict[str, list[tuple[int, str, tuple]]] = {}
        for gi, (_, entries) in enumerate(groups):
            for entry in entries:
                pattern = compile_entry(entry)
                self.index.setdefault(pattern[0][0], []).append((gi, entry, pattern))

    @staticmethod
    def _match_at(units: list, i: int, pattern: tuple) -> int | None:
        """Index just past the match of ``pattern`` starting at unit ``i``, shortest gaps first."""

        def step(ui: int, pi: int) -> int | None:
            if pi == len(pattern):
                return ui
            item = pattern[pi]
            if item is GAP:
                for skip in range(MAX_GAP + 1):
                    end = step(ui + skip, pi + 1)
                    if end is not None:
                        return end
                return None
            if ui >= len(units):
                return None
            key, upper = item
            unit = units[ui]
            if unit[0] != key or (upper and not unit[1]):
                return None
            return step(ui + 1, pi + 1)

        return step(i, 0)

    def find_units(self, units: list) -> list[tuple[int, str, int, int]]:
        """Matches among one sentence's units: ``(group index, entry, start, end)``.

        Args:
            units: ``(stem, capitals, start, end)`` tuples (:func:`sentence_units`).
        """
        index = self.index
        candidates = []
        for i, unit in enumerate(units):
            entries = index.get(unit[0])
            if entries:
                for gi, entry, pattern in entries:
                    j = self._match_at(units, i, pattern) if len(pattern) > 1 else i + 1
                    if j is not None and (len(pattern) > 1 or not pattern[0][1] or unit[1]):
                        candidates.append((gi, i, j, entry))
        if not candidates:
            return []
        # longest match first, then earlier, then codebook order; a unit is counted once per group
        candidates.sort(key=lambda c: (c[0], -(c[2] - c[1]), c[1]))
        taken: dict[int, set[int]] = {}
        out = []
        for gi, i, j, entry in candidates:
            used = taken.setdefault(gi, set())
            if used.isdisjoint(range(i, j)):
                used.update(range(i, j))
                out.append((gi, entry, units[i][2], units[j - 1][3]))
        out.sort(key=lambda m: (m[2], -m[3], m[0]))
        return out
