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
by one dictionary look-up per word, whatever the size of the codebook; and
they are stored as a tree of their words and gaps (a trie), so entries that
share a beginning are matched together: the work at a word is that of the
entries whose beginning matches there, not that of every entry starting with
its stem, and a ``*`` costs a bounded list of positions, not a search
exponential in the number of gaps (:meth:`Matcher._match_at`).
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
        # the trie: pattern item -> node; a node is (children, ends), ends the (order, group index, entry)
        # of the entries whose pattern ends there, order their place in their index list
        self._roots: dict = {}
        for gi, (_, entries) in enumerate(groups):
            for entry in entries:
                pattern = compile_entry(entry)
                if not pattern or pattern[0] is GAP or pattern[-1] is GAP:  # refused by codebook validation
                    raise ValueError(f"no word to match at the start or end of {entry!r}")
                bucket = self.index.setdefault(pattern[0][0], [])
                children, ends = self._roots, None
                for item in pattern:
                    children, ends = children.setdefault(item, ({}, []))
                ends.append((len(bucket), gi, entry))
                bucket.append((gi, entry, pattern))

    @staticmethod
    def _match_at(units: list, i: int, pattern: tuple) -> int | None:
        """Index just past the match of ``pattern`` starting at unit ``i``, shortest gaps first.

        The result is that of a depth-first search trying each ``*`` with 0, 1,
        2, then 3 skipped words, earlier gaps first, the first success winning.
        The search is run breadth-first instead: ``reached`` holds the unit
        indices reachable after each pattern item, in the order the depth-first
        search would reach them, each index once (the rest of the pattern
        does the same from an index however it was reached, so its first
        arrival decides). Time is linear in the pattern's length times its
        gaps, whatever the sentence, instead of exponential in the gaps.
        """
        n = len(units)
        reached = [i]
        for item in pattern:
            if item is GAP:
                spread: dict[int, None] = {}  # ordered and without repeats
                for ui in reached:
                    for skip in range(MAX_GAP + 1):
                        spread.setdefault(ui + skip)
                reached = list(spread)
                continue
            key, upper = item
            reached = [ui + 1 for ui in reached if ui < n and units[ui][0] == key and (units[ui][1] or not upper)]
            if not reached:
                return None
        return reached[0]

    def find_units(self, units: list) -> list[tuple[int, str, int, int]]:
        """Matches among one sentence's units: ``(group index, entry, start, end)``.

        Every entry gets the end :meth:`_match_at` gives it; the entries are
        walked together in the trie, each node's positions computed once.

        Args:
            units: ``(stem, capitals, start, end)`` tuples (:func:`sentence_units`).
        """
        index, roots, n = self.index, self._roots, len(units)
        candidates = []
        for i, unit in enumerate(units):
            key = unit[0]
            if key not in index:
                continue
            stack = []
            node = roots.get((key, False))
            if node is not None:
                stack.append((node, [i + 1]))
            if unit[1]:
                node = roots.get((key, True))
                if node is not None:
                    stack.append((node, [i + 1]))
            found = []
            while stack:
                (children, ends), reached = stack.pop()
                if ends:
                    j = reached[0]
                    found.extend((order, gi, j, entry) for order, gi, entry in ends)
                if children:
                    _grow(children, reached, units, n, stack)
            if found:
                found.sort()  # index order, as if each entry were tried in turn
                seen: set[tuple[int, int]] = set()
                for _, gi, j, entry in found:
                    if (gi, j) not in seen:  # a later entry with the same span would overlap the first
                        seen.add((gi, j))
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


_SKIPS = range(MAX_GAP + 1)


def _grow(children: dict, reached: list[int], units: list, n: int, stack: list) -> None:
    """Push the children of a trie node that the positions ``reached`` lead to, each with its positions.

    As in :meth:`Matcher._match_at`: a ``*`` spreads every position over the
    next 0 to 3 (in order, each once); a word keeps the positions at which it
    matches, moved one on.
    """
    gap = children.get(GAP)
    if gap is not None:
        stack.append((gap, list(dict.fromkeys(ui + skip for ui in reached for skip in _SKIPS))))
    if len(children) == (gap is not None):
        return
    moved: dict[tuple, list[int]] = {}
    for ui in reached:
        if ui < n:
            key, upper = units[ui][0], units[ui][1]
            item = (key, False)
            if item in children:
                moved.setdefault(item, []).append(ui + 1)
            if upper:
                item = (key, True)
                if item in children:
                    moved.setdefault(item, []).append(ui + 1)
    for item, positions in moved.items():
        stack.append((children[item], positions))
