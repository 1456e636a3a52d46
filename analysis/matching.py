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
  match wins, ties go to the earlier match; two groups may count the same words
  (unless the matcher is ``exclusive``: then a word counts for one group only,
  the longest match winning across groups, then the earlier, then codebook order);
* a word in double quotes (``"games"``) is matched exactly: the word as
  written, lower-cased, without a possessive ending; not stemmed (``"game"``
  never matches "games"); a quoted run (``"real estate"``) makes each word exact;
* a word ending in ``*`` (``regulat*``) is a prefix wildcard: it matches every
  word (or part of a hyphenated word) whose surface form, lower-cased, starts
  with the prefix; at least :data:`MIN_PREFIX` letters or digits before the
  ``*``, which goes only at the end of a word (:func:`word_problem`).

Entries are indexed by the stem of their first word, so a sentence is matched
by one dictionary look-up per word, whatever the size of the codebook; and
they are stored as a tree of their words and gaps (a trie), so entries that
share a beginning are matched together: the work at a word is that of the
entries whose beginning matches there, not that of every entry starting with
its stem, and a ``*`` costs a bounded list of positions, not a search
exponential in the number of gaps (:meth:`Matcher._match_at`). A wildcard
word is a trie item of its own; at a node (or at the start) the words it may
match are found by one look-up per distinct prefix length there, so the work
per word is bounded by the number of distinct lengths, whatever the number of
wildcard entries.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .tokenize import stem_word, token_spans

GAP = None  #: marks a ``*`` in a compiled pattern
MAX_GAP = 3
#: the third element of a prefix wildcard in a compiled pattern: ``(prefix, capitals_only, WILD)``
WILD = "*"
#: letters or digits a prefix wildcard needs before its ``*`` (``reg*`` is refused: it matches too much)
MIN_PREFIX = 3
#: the third element of an exact word in a compiled pattern: ``(word, capitals_only, EXACT)``
EXACT = "="
#: double quotes, straight or curly, around words matched exactly ("games")
QUOTES = '"\u201c\u201d'

_HYPHENS = re.compile(r"[\u2010\u2011-]")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_POSSESSIVE_ENDS = ("'", "\u2019", "'s", "\u2019s")  # what _POSSESSIVE can match at the end of a token
_ALNUM = re.compile(r"[^\W_]").search  # a character for which str.isalnum() is true (re's \w is isalnum or _)


def _is_quoted(word: str) -> bool:
    """Whether a word of an entry opens or closes a quoted run ("games", "real estate")."""
    return word[:1] in QUOTES or word[-1:] in QUOTES


def bare_lower(low: str) -> str:
    """A unit's lower-cased form without its possessive ending: what an exact word is compared with."""
    return (_POSSESSIVE.sub("", low) or low) if low.endswith(_POSSESSIVE_ENDS) else low


@lru_cache(maxsize=1 << 18)
def token_units(token: str) -> tuple[tuple[str, bool, int, int], ...]:
    """What matching sees of one token: ``(stem, capitals, start, end, lower)`` per word part.

    Punctuation gives nothing (it is transparent to phrases); a hyphenated
    word gives one unit per part, so "real-estate" matches ``real estate``;
    offsets are relative to the token; ``lower`` is the part as written,
    lower-cased (what a prefix wildcard sees). Cached by token string.
    """
    if not _ALNUM(token):
        return ()
    if not _HYPHENS.search(token):  # one part (most tokens): the loop below, unrolled
        bare = (_POSSESSIVE.sub("", token) or token) if token.endswith(_POSSESSIVE_ENDS) else token
        return ((stem_word(token), bare.isupper() and len(bare) > 1, 0, len(token), token.lower()),)
    units = []
    pos = 0
    for part in _HYPHENS.split(token) if _HYPHENS.search(token) else (token,):
        if part:
            bare = _POSSESSIVE.sub("", part) or part
            units.append((stem_word(part), bare.isupper() and len(bare) > 1, pos, pos + len(part), part.lower()))
        pos += len(part) + 1
    return tuple(units)


def sentence_units(text: str, spans) -> list[tuple[str, bool, int, int, str]]:
    """Matching units of one sentence, offsets into ``text``."""
    return [(key, upper, s + a, s + b, low) for s, e in spans for key, upper, a, b, low in token_units(text[s:e])]


def word_problem(word: str) -> str | None:
    """Why a word of an entry is refused for its ``*`` (None: it is fine).

    ``*`` alone is a gap; ``regulat*`` (a ``*`` ending a word) a prefix
    wildcard, whose prefix (its last part, after a hyphen) must be at least
    :data:`MIN_PREFIX` letters or digits; a ``*`` anywhere else is refused,
    and so is a ``*`` inside quotes (a quoted word is matched exactly).
    """
    if _is_quoted(word):
        if "*" in word:
            return f"a quoted word is matched exactly, as written: no '*' in {word!r}"
        return None
    if word == "*" or "*" not in word:
        return None
    body = word[:-1] if word.endswith("*") else word
    if "*" in body:
        return (
            "'*' goes only at the end of a word (regulat*) or alone between words (a gap), "
            f"not at the start or in the middle of {word!r}"
        )
    last = _HYPHENS.split(body)[-1]
    if len(last) < MIN_PREFIX or not last.isalnum():
        return f"a wildcard needs at least {MIN_PREFIX} letters or digits before its '*', not {word!r}"
    return None


def quote_problem(entry: str) -> str | None:
    """Why the quotes of an entry are refused (None: fine): a quote left open, or a ``*`` inside quotes."""
    quoted = False
    for word in entry.split():
        opens = word[:1] in QUOTES and not quoted
        body = word[1:] if opens else word
        if (opens or quoted) and ("*" in body or any(q in body[:-1] for q in QUOTES)):
            return f"a quoted word is matched exactly, as written: no '*' or inner quote in {entry!r}"
        closes = (opens or quoted) and body[-1:] in QUOTES
        quoted = (opens or quoted) and not closes
        if not (opens or quoted or closes) and any(q in word for q in QUOTES):
            return f'a quote goes around whole words ("games", "real estate"), not inside {word!r}'
    if quoted:
        return f"a quote is left open in {entry!r}"
    return None


def compile_entry(entry: str) -> tuple:
    """An entry as a pattern of :data:`GAP`, ``(stem, capitals_only)``, ``(prefix, capitals_only, WILD)``
    and ``(word, capitals_only, EXACT)`` items.

    A word ending in ``*`` gives the stems of its parts but the last, and a
    prefix wildcard of the last (``self-regulat*``: ``self``, then ``regulat``
    as a prefix). Words in double quotes (``"games"``, ``"real estate"``) are
    matched exactly: the word as written, lower-cased and without a
    possessive ending, neither stemmed nor mapped from irregular forms.
    :func:`word_problem` says which words validation refuses.
    """
    pattern: list = []
    quoted = False
    for word in entry.split():
        if word == "*" and not quoted:
            pattern.append(GAP)
            continue
        opens = word[:1] in QUOTES and not quoted
        body = word[1:] if opens else word
        closes = (opens or quoted) and body[-1:] in QUOTES
        if closes:
            body = body[:-1]
        exact = opens or quoted
        quoted = exact and not closes
        wild = not exact and body.endswith("*")
        if wild:
            body = body[:-1]
        units = sentence_units(body, token_spans(body))
        for k, (key, upper, _, _, low) in enumerate(units):
            if exact:
                pattern.append((bare_lower(low), upper, EXACT))
            elif wild and k == len(units) - 1:
                pattern.append((low, upper, WILD))
            else:
                pattern.append((key, upper))
    # a pattern of gaps only, or gaps at the ends, is refused by validation
    return tuple(pattern) if any(p is not GAP for p in pattern) else ()


class Matcher:
    """Entries of several groups (frames, or actors) indexed by first stem.

    Args:
        groups: ``(group name, entries)`` pairs in codebook order.
        exclusive: a word counts for one group only (the longest match across
            groups, then the earlier, then codebook order); by default each
            group counts its own matches and two groups may count one word.
    """

    def __init__(self, groups: list[tuple[str, tuple[str, ...]]], *, exclusive: bool = False):
        self.groups = [g for g, _ in groups]
        self.exclusive = exclusive
        self.index: dict[str, list[tuple[int, str, tuple]]] = {}
        #: prefixes of the entries that start with a wildcard (lower case)
        self.first_prefixes: set[str] = set()
        #: words of the entries that start with an exact (quoted) word, lower case
        self.first_exact: set[str] = set()
        # the trie: pattern item -> node; a node is (children, ends), ends the (order, group index, entry)
        # of the entries whose pattern ends there, order their place in the codebook; a children dict
        # with wildcard items also holds WILD -> [sorted distinct prefix lengths, number of wildcard items]
        self._roots: dict = {}
        order = 0
        for gi, (_, entries) in enumerate(groups):
            for entry in entries:
                pattern = compile_entry(entry)
                if not pattern or pattern[0] is GAP or pattern[-1] is GAP:  # refused by codebook validation
                    raise ValueError(f"no word to match at the start or end of {entry!r}")
                if len(pattern[0]) == 3:
                    (self.first_prefixes if pattern[0][2] == WILD else self.first_exact).add(pattern[0][0])
                else:
                    self.index.setdefault(pattern[0][0], []).append((gi, entry, pattern))
                children, ends = self._roots, None
                for item in pattern:
                    if item is not GAP and len(item) == 3 and item[2] == WILD and item not in children:
                        wild = children.setdefault(WILD, [[], 0])
                        if len(item[0]) not in wild[0]:
                            wild[0] = sorted({*wild[0], len(item[0])})
                        wild[1] += 1
                    if item is not GAP and len(item) == 3 and item[2] == EXACT:
                        children[EXACT] = True  # marks a node with exact-word children
                    children, ends = children.setdefault(item, ({}, []))
                ends.append((order, gi, entry))
                order += 1
        self._first_lengths = self._roots[WILD][0] if WILD in self._roots else []

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
            if len(item) == 3 and item[2] == WILD:  # a prefix wildcard
                prefix, upper, _ = item
                reached = [
                    ui + 1
                    for ui in reached
                    if ui < n and units[ui][4].startswith(prefix) and (units[ui][1] or not upper)
                ]
            elif len(item) == 3:  # an exact word
                word, upper, _ = item
                reached = [
                    ui + 1
                    for ui in reached
                    if ui < n and bare_lower(units[ui][4]) == word and (units[ui][1] or not upper)
                ]
            else:
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
            units: ``(stem, capitals, start, end, lower)`` tuples (:func:`sentence_units`);
                ``lower`` is read only by wildcard entries.
        """
        index, roots, n = self.index, self._roots, len(units)
        lengths, exact = self._first_lengths, self.first_exact
        candidates = []
        for i, unit in enumerate(units):
            key = unit[0]
            stack = []
            if key in index:
                node = roots.get((key, False))
                if node is not None:
                    stack.append((node, [i + 1]))
                if unit[1]:
                    node = roots.get((key, True))
                    if node is not None:
                        stack.append((node, [i + 1]))
            if lengths:
                _wild_roots(roots, lengths, unit, i, stack)
            if exact:
                word = bare_lower(unit[4])
                if word in exact:
                    _exact_children(roots, word, unit[1], i + 1, stack)
            if not stack:
                continue
            found = []
            while stack:
                (children, ends), reached = stack.pop()
                if ends:
                    j = reached[0]
                    found.extend((order, gi, j, entry) for order, gi, entry in ends)
                if children:
                    _grow(children, reached, units, n, stack)
            if found:
                found.sort()  # codebook order, as if each entry were tried in turn
                seen: set[tuple[int, int]] = set()
                for _, gi, j, entry in found:
                    if (gi, j) not in seen:  # a later entry with the same span would overlap the first
                        seen.add((gi, j))
                        candidates.append((gi, i, j, entry))
        if not candidates:
            return []
        out = []
        if self.exclusive:  # longest first, then earlier, then codebook order; a unit is counted once
            candidates.sort(key=lambda c: (-(c[2] - c[1]), c[1], c[0]))
            used: set[int] = set()
            for gi, i, j, entry in candidates:
                if used.isdisjoint(range(i, j)):
                    used.update(range(i, j))
                    out.append((gi, entry, units[i][2], units[j - 1][3]))
        else:  # longest match first, then earlier, then codebook order; a unit is counted once per group
            candidates.sort(key=lambda c: (c[0], -(c[2] - c[1]), c[1]))
            taken: dict[int, set[int]] = {}
            for gi, i, j, entry in candidates:
                used = taken.setdefault(gi, set())
                if used.isdisjoint(range(i, j)):
                    used.update(range(i, j))
                    out.append((gi, entry, units[i][2], units[j - 1][3]))
        out.sort(key=lambda m: (m[2], -m[3], m[0]))
        return out


_SKIPS = range(MAX_GAP + 1)


def _wild_roots(children: dict, lengths: list[int], unit: tuple, i: int, stack: list) -> None:
    """Push the wildcard children of ``children`` that ``unit`` (at index ``i``) matches, one look-up per length."""
    low, upper = unit[4], unit[1]
    for k in lengths:
        if k > len(low):
            break
        node = children.get((low[:k], False, WILD))
        if node is not None:
            stack.append((node, [i + 1]))
        if upper:
            node = children.get((low[:k], True, WILD))
            if node is not None:
                stack.append((node, [i + 1]))


def _exact_children(children: dict, word: str, upper: bool, position: int, stack: list) -> None:
    """Push the exact-word children of ``children`` that a unit of that word (bare, lower case) matches."""
    node = children.get((word, False, EXACT))
    if node is not None:
        stack.append((node, [position]))
    if upper:
        node = children.get((word, True, EXACT))
        if node is not None:
            stack.append((node, [position]))


def _grow(children: dict, reached: list[int], units: list, n: int, stack: list) -> None:
    """Push the children of a trie node that the positions ``reached`` lead to, each with its positions.

    As in :meth:`Matcher._match_at`: a ``*`` spreads every position over the
    next 0 to 3 (in order, each once); a word keeps the positions at which it
    matches, moved one on; so does a prefix wildcard, found by one look-up
    per distinct prefix length of the node's wildcard children.
    """
    gap = children.get(GAP)
    if gap is not None:
        stack.append((gap, list(dict.fromkeys(ui + skip for ui in reached for skip in _SKIPS))))
    wild = children.get(WILD)
    if wild is None and len(children) == (gap is not None):
        return
    exact = EXACT in children
    moved: dict[tuple, list[int]] = {}
    for ui in reached:
        if ui < n:
            unit = units[ui]
            key, upper = unit[0], unit[1]
            item = (key, False)
            if item in children:
                moved.setdefault(item, []).append(ui + 1)
            if upper:
                item = (key, True)
                if item in children:
                    moved.setdefault(item, []).append(ui + 1)
            if wild is not None:
                low = unit[4]
                for k in wild[0]:
                    if k > len(low):
                        break
                    item = (low[:k], False, WILD)
                    if item in children:
                        moved.setdefault(item, []).append(ui + 1)
                    if upper:
                        item = (low[:k], True, WILD)
                        if item in children:
                            moved.setdefault(item, []).append(ui + 1)
            if exact:
                word = bare_lower(unit[4])
                for item in ((word, False, EXACT), (word, True, EXACT) if upper else None):
                    if item is not None and item in children:
                        moved.setdefault(item, []).append(ui + 1)
    for item, positions in moved.items():
        stack.append((children[item], positions))


# A news dateline at the start of a paragraph, up to and with its dash: a place in capitals
# ("WASHINGTON", "NEW YORK", "U.S."), then optionally ", D.C." or ", Nov 5" (up to two such parts)
# and a source in parentheses ("(Reuters)"); or a place in title case followed by a source in
# parentheses ("Washington (CNN) -"). The dash is " - ", " -- " or an en or em dash. Every part
# is bounded, so a match costs constant time whatever the paragraph.
_CAPS_WORD = r"[A-Z][A-Z.'\u2019&-]{0,30}"
_TITLE_WORD = r"[A-Z][\w.'\u2019&-]{0,30}"
_DETAIL = r"(?:, [\w.'\u2019]{1,20}(?: [\w.'\u2019]{1,20}){0,3}){0,2}"
_SOURCE = r" \([^()\n]{1,40}\)"
_DATELINE = re.compile(
    rf"(?:{_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}}{_DETAIL}(?:{_SOURCE})?"
    rf"|{_TITLE_WORD}(?: {_TITLE_WORD}){{0,3}}{_DETAIL}{_SOURCE})"
    r"(?: -{1,2} | ?[\u2013\u2014] ?)"
)


def dateline_end(paragraph: str) -> int:
    """Characters of the dateline that starts ``paragraph`` ("WASHINGTON (Reuters) - "), 0 without one.

    Actor aliases inside a dateline are not mentions: the place is where the
    story was filed, not an actor in it.
    """
    m = _DATELINE.match(paragraph)
    return m.end() if m else 0
