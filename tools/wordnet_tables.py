"""Derive the compact WordNet 3.0 tables of ``analysis/resources/`` (read by :mod:`analysis.wordnet`).

Run once, never at run time; the package reads the derived tables only::

    python tools/wordnet_tables.py [WORDNET_DIR] [--out DIR]

``WORDNET_DIR`` (default ``data/external/wordnet-3.0``, where the project
keeps a copy) holds the WordNet 3.0 database files: ``index.{noun,verb,adj,adv}``,
``data.*``, ``*.exc``, ``cntlist.rev`` and ``lexnames``, each plain or gzipped
(Princeton's ``WordNet-3.0.tar.gz`` ``dict/`` folder or Debian's
``wordnet-base`` ``/usr/share/wordnet`` both do). ``--out`` defaults to
``analysis/resources``. The same database gives the same bytes: rows are
sorted, files are gzip with no name and no time stamp.

Tables (UTF-8, tab-separated, gzip; lines starting with ``#`` are a header):

``wordnet_senses.tsv.gz``  ``pos  lemma  senses``, one row per (pos, lemma) of
    WordNet's index files (sorted by pos, then lemma), pos ``n v a r`` (satellites ``s`` are in ``a``, as in
    ``index.adj``); lemmas lower case, words joined by ``_`` as WordNet writes
    them. ``senses`` lists the lemma's senses in WordNet's sense order, comma
    separated, each ``LEX[p][:COUNT]``: ``LEX`` the lexicographer file number
    (``lexnames``: 6 noun.artifact, 18 noun.person, 38 verb.motion...), ``p``
    (nouns only) when the synset's hypernym paths (``@``, ``@i``) reach
    physical_entity and never abstraction, ``COUNT`` the sense's tag count in
    ``cntlist.rev`` (the SemCor frequency) when not 0.
``wordnet_gazetteer.tsv.gz``  ``name  kind  canonical``: named things, as
    written (``Vladimir Putin``, ``NATO``); see :func:`gazetteer_rows`.
``wordnet_demonyms.tsv.gz``  ``word  place``: a people's word to its place
    (``Russian -> Russia``); see :func:`demonym_rows`.
``wordnet_exceptions.tsv.gz``  ``pos  form  bases``: the exception lists
    (``noun.exc`` ...), bases space separated in WordNet's order.
``wordnet_domains.tsv.gz``  ``pos  lemma  domains``: the source domain of each
    sense (for metaphor analysis: "body", "journey and motion", "commerce and
    property" ...), comma separated in WordNet's sense order, each a number into
    :data:`DOMAINS` (the header lists them) or empty, trailing empties left out;
    only lemmas with at least one. Anchored on the hand-made
    :data:`DOMAIN_ANCHORS`; :class:`DomainFinder` says how a sense finds its domain.

``SOURCE-wordnet.txt`` says what they are, with the WordNet licence, row counts
and the sha256 of each table (checked by ``tests/test_wordnet.py``).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT / "data" / "external" / "wordnet-3.0"  # the database, copied unchanged
DEFAULT_OUT = ROOT / "analysis" / "resources"
LICENCE = ROOT / "data" / "external" / "wordnet-3.0" / "LICENSE"  # Debian's copyright file: WordNet's licence
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SS_TYPE = {"n": 1, "v": 2, "a": 3, "r": 4, "s": 5}
PHYSICAL_ENTITY = "00001930"  # physical_entity.n.01
ABSTRACTION = "00002137"  # abstraction.n.06
#: a noun.group synset under one of these is an ``organisation``: organization.n.01 (companies, agencies,
#: parties, armies), assembly.n.04 (legislatures, courts, councils), administration.n.02 (governing
#: bodies), political_movement.n.01 (terrorist organisations among them), organized_crime.n.01
ORGANISATIONS = frozenset({"08008335", "08163792", "08164585", "08472335", "08245172"})
TABLES = ("wordnet_senses", "wordnet_gazetteer", "wordnet_demonyms", "wordnet_exceptions", "wordnet_domains")
DESCRIPTIONS = {
    "wordnet_senses": [
        "pos lemma senses: one row per lemma of index.noun, .verb, .adj (satellites included),",
        "  .adv; senses in WordNet's sense order, each LEX[p][:COUNT]: lexicographer file number,",
        "  p for a noun synset whose hypernyms reach physical_entity and never abstraction, and",
        "  the sense's tag count in cntlist.rev when not 0 (found by sense key; the number of",
        "  tagged senses agrees with index.*'s tagsense_cnt for {agree:,} of {lemmas:,} lemmas).",
    ],
    "wordnet_gazetteer": [
        "name kind canonical: WordNet's instance nouns, capitalised noun.group synsets and",
        "  members of peoples, faiths and parties with their plurals; kinds person, place,",
        "  organisation, group, facility, event, work, other (tools/wordnet_tables.py:",
        "  gazetteer_rows says how).",
    ],
    "wordnet_demonyms": [
        "word place: capitalised adjectives' pertainyms to places, peoples' member and part",
        "  holonyms, and their gazetteer plurals.",
    ],
    "wordnet_exceptions": [
        "pos form bases: noun.exc, verb.exc, adj.exc and adv.exc, bases space-separated in file",
        "  order (a form on two lines has one row).",
    ],
    "wordnet_domains": [
        "pos lemma domains: the source domain (for metaphor analysis) of each sense, in WordNet's",
        "  sense order, comma-separated numbers into the header's list of {domains} domains, empty for",
        "  none, trailing empties left out; only lemmas with a domain for some sense. From {anchors}",
        "  hand-picked anchors (tools/wordnet_tables.py: DOMAIN_ANCHORS): the nearest among a",
        "  sense's hypernyms, else its topic, lexicographer file or what it is a part of; adjectives",
        "  and adverbs through pertainyms, derivations, attributes and heads (DomainFinder says how).",
    ],
}
NOTICE = (
    "Derived from WordNet 3.0, Copyright 2006 by Princeton University. All rights reserved. Licence: SOURCE-wordnet.txt"
)

#: gazetteer kinds of instance synsets by lexicographer file (others: ``other``); noun.group is
#: ``organisation`` under organization.n.01, else ``group``
INSTANCE_KINDS = {
    "noun.person": "person",
    "noun.location": "place",
    "noun.object": "place",
    "noun.artifact": "facility",
    "noun.act": "event",
    "noun.event": "event",
    "noun.communication": "work",
}


class Synset(NamedTuple):
    offset: str
    lexfile: int
    ss_type: str  # n v a s r
    words: tuple[tuple[str, int], ...]  # (word as written, adjective marker removed; lex_id)
    head: str  # the first word with its adjective marker ("preceding(a)"): a satellite's sense key names it
    pointers: tuple[tuple[str, str, str, int, int], ...]  # (symbol, offset, pos, source word, target word)


def _lines(source: Path, name: str) -> Iterator[str]:
    """The lines of ``name`` (or ``name.gz``), the licence header (lines starting with two spaces) left out."""
    plain, packed = source / name, source / f"{name}.gz"
    if packed.exists():
        data = gzip.decompress(packed.read_bytes())
    elif plain.exists():
        data = plain.read_bytes()
    else:
        raise SystemExit(f"{plain}(.gz) not found: give the WordNet 3.0 folder as the first argument")
    for line in data.decode("utf-8").splitlines():
        if line and not line.startswith("  "):
            yield line


def _strip_marker(word: str) -> str:
    """An adjective's word without its syntactic marker: ``galore(ip)`` -> ``galore``."""
    return word[: word.index("(")] if word.endswith(")") else word


def read_lexnames(source: Path) -> dict[int, str]:
    return {int(num): name for num, name, _ in (line.split() for line in _lines(source, "lexnames"))}


def read_data(source: Path, pos: str) -> dict[str, Synset]:
    """``data.<pos>``: offset -> synset."""
    synsets = {}
    for line in _lines(source, f"data.{POS_FILES[pos]}"):
        fields = line.partition(" | ")[0].split()
        count = int(fields[3], 16)
        words = tuple((_strip_marker(fields[4 + 2 * i]), int(fields[5 + 2 * i], 16)) for i in range(count))
        at = 4 + 2 * count
        pointers = []
        for _ in range(int(fields[at])):
            sym, off, ppos, st = fields[at + 1 : at + 5]
            pointers.append((sym, off, "a" if ppos == "s" else ppos, int(st[:2], 16), int(st[2:], 16)))
            at += 4
        synsets[fields[0]] = Synset(fields[0], int(fields[1]), fields[2], words, fields[4], tuple(pointers))
    return synsets


def read_index(source: Path, pos: str) -> list[tuple[str, list[str], int]]:
    """``index.<pos>``: (lemma, synset offsets in sense order, how many senses are tagged)."""
    out = []
    for line in _lines(source, f"index.{POS_FILES[pos]}"):
        fields = line.split()
        count = int(fields[2])
        out.append((fields[0], fields[-count:], int(fields[-count - 1])))
    return out


def read_cntlist(source: Path) -> dict[str, int]:
    """``cntlist.rev``: sense key -> tag count."""
    counts = {}
    for line in _lines(source, "cntlist.rev"):
        key, _, count = line.split()
        counts[key] = int(count)
    return counts


def read_exceptions(source: Path, pos: str) -> list[tuple[str, list[str]]]:
    return [(f[0], f[1:]) for f in (line.split() for line in _lines(source, f"{POS_FILES[pos]}.exc"))]


class WordNet:
    """The parsed database (only what the tables need)."""

    def __init__(self, source: Path):
        self.lexnames = read_lexnames(source)
        self.data = {pos: read_data(source, pos) for pos in POS_FILES}
        self.index = {pos: read_index(source, pos) for pos in POS_FILES}
        self.counts = read_cntlist(source)
        self.exceptions = {pos: read_exceptions(source, pos) for pos in POS_FILES}
        self._ancestors: dict[str, frozenset[str]] = {}
        self.adjective_lemmas = {lemma for lemma, _, _ in self.index["a"]}
        self.irregular_plurals: dict[str, list[str]] = defaultdict(list)  # noun.exc reversed: base -> forms
        for form, bases in self.exceptions["n"]:
            for base in bases:
                if base != form:
                    self.irregular_plurals[base].append(form)

    def lexname(self, synset: Synset) -> str:
        return self.lexnames[synset.lexfile]

    def sense_key(self, lemma: str, pos: str, synset: Synset) -> str:
        """WordNet's sense key of ``lemma`` in ``synset`` (``lemma%ss_type:lex_filenum:lex_id:head_word:head_id``)."""
        lex_id = next(i for w, i in synset.words if w.lower() == lemma)
        head = ""
        if synset.ss_type == "s":  # a satellite names the head of its cluster
            target = next(off for sym, off, *_ in synset.pointers if sym == "&")
            cluster = self.data["a"][target]
            head = f"{cluster.head.lower()}:{cluster.words[0][1]:02d}"
        else:
            head = ":"
        return f"{lemma}%{SS_TYPE[synset.ss_type]}:{synset.lexfile:02d}:{lex_id:02d}:{head}"

    def ancestors(self, offset: str) -> frozenset[str]:
        """A noun synset and all its hypernyms (``@`` and ``@i``), transitively."""
        done = self._ancestors.get(offset)
        if done is None:
            found = {offset}
            for sym, target, *_ in self.data["n"][offset].pointers:
                if sym in ("@", "@i"):
                    found |= self.ancestors(target)
            done = self._ancestors[offset] = frozenset(found)
        return done

    def physical(self, offset: str) -> bool:
        paths = self.ancestors(offset)
        return PHYSICAL_ENTITY in paths and ABSTRACTION not in paths

    def is_instance(self, synset: Synset) -> bool:
        return any(sym == "@i" for sym, *_ in synset.pointers)


def sense_rows(wn: WordNet, checks: dict[str, int]) -> list[tuple[str, str, str]]:
    """``(pos, lemma, senses)``: see the module docstring. ``checks`` gets ``lemmas`` and ``agree``:
    how many lemmas have as many senses with a tag count as their index line says."""
    rows = []
    checks.update(lemmas=0, agree=0)
    for pos in POS_FILES:
        data = wn.data[pos]
        for lemma, offsets, tagged in wn.index[pos]:
            cells = []
            for offset in offsets:
                synset = data[offset]
                cell = str(synset.lexfile)
                if pos == "n" and wn.physical(offset):
                    cell += "p"
                count = wn.counts.get(wn.sense_key(lemma, pos, synset), 0)
                cells.append(f"{cell}:{count}" if count else cell)
            checks["lemmas"] += 1
            checks["agree"] += sum(":" in c for c in cells) == tagged
            rows.append((pos, lemma, ",".join(cells)))
    return sorted(rows)


def _name(word: str) -> str:
    return word.replace("_", " ")


def _kind(wn: WordNet, synset: Synset) -> str:
    lexname = wn.lexname(synset)
    if lexname == "noun.group":
        return "organisation" if ORGANISATIONS & wn.ancestors(synset.offset) else "group"
    return INSTANCE_KINDS.get(lexname, "other")


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _plural(name: str, wn: WordNet) -> str:
    """The plural of a people's word (``Kurd`` -> ``Kurds``), the word itself when invariant (``Chinese``,
    ``Swiss``, ``Amish``) or more than one word.

    An irregular plural in ``noun.exc`` first; ``-woman`` -> ``-women``; ``-man`` -> ``-men`` when the
    rest is an adjective ("Englishman", "Frenchman"; "German" and "Alabaman" take ``-s``); else
    English spelling rules.
    """
    low = name.lower()
    irregular = wn.irregular_plurals.get(low)
    if irregular:
        return name[0] + min(irregular)[1:]
    if low.endswith(("s", "sh", "ch", "x", "z", "ese")) or not name.isalpha():
        return name
    if low.endswith("woman"):
        return name[:-5] + "women"
    if low.endswith("man") and low[:-3] in wn.adjective_lemmas:
        return name[:-3] + "men"
    if low.endswith("y") and low[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def _group_members(wn: WordNet) -> set[str]:
    """Non-instance noun.person synsets named by a capitalised word that name a member of a people, faith or party.

    A synset qualifies when it is a member or part (``#m``, ``#p``) of a group or a place
    ("Democrat" of the Democratic Party, "Kurd" of Kurdistan), when one of its capitalised
    words is also a capitalised adjective ("Russian", "Catholic"), or when one of its
    hypernyms qualifies ("Muscovite" is a "Russian").
    """
    nouns = wn.data["n"]
    capital_adjectives = {w for s in wn.data["a"].values() for w, _ in s.words if _is_capitalised(w)}
    candidates = {
        off: s
        for off, s in nouns.items()
        if wn.lexname(s) == "noun.person" and not wn.is_instance(s) and _is_capitalised(s.words[0][0])
    }
    seeds = set()
    for off, s in candidates.items():
        linked = any(
            sym in ("#m", "#p") and wn.lexname(nouns[target]) in ("noun.group", "noun.location", "noun.object")
            for sym, target, *_ in s.pointers
        )
        if linked or any(w in capital_adjectives for w, _ in s.words):
            seeds.add(off)
    return {off for off in candidates if not seeds.isdisjoint(wn.ancestors(off))}


def gazetteer_rows(wn: WordNet) -> list[tuple[str, str, str]]:
    """``(name, kind, canonical)`` of WordNet's named things, names as written, ``_`` as spaces.

    The synsets that name things: (1) instance synsets (``@i``: "Ukraine", "Vladimir Putin",
    "NATO"), kind by lexicographer file (:data:`INSTANCE_KINDS`); (2) capitalised
    non-instance noun.group synsets ("Federal Communications Commission", "Duma",
    "Mohican"); a noun.group synset is an ``organisation`` under one of
    :data:`ORGANISATIONS`, else a ``group``; (3) members of peoples, faiths and parties
    (:func:`_group_members`: "Russian", "Democrat", "Kurd"), kind ``group``. In (2) and
    (3) only capitalised words count.

    A name in several of them goes with the first, in WordNet's sense order, whose first
    word it is ("Russia": the Russian empire and federation, not the Soviet Union, sense
    1), else with its first ("Republican": the party member, not the river). The canonical
    name is that synset's first word ("USA" -> "United States", "Vladimir Putin" ->
    "Putin"), and for a member of a people its plural (:func:`_plural`: "Russian" ->
    "Russians", also a name of its own), unless the word names a noun.group synset too
    ("Zulu", "Protestant": a person and the people, the church).
    """
    nouns = wn.data["n"]
    members = _group_members(wn)
    kinds = {}
    for off, synset in nouns.items():
        if wn.is_instance(synset):
            kinds[off] = _kind(wn, synset)
        elif off in members:
            kinds[off] = "member"
        elif wn.lexname(synset) == "noun.group" and _is_capitalised(synset.words[0][0]):
            kinds[off] = _kind(wn, synset)
    collectives = {w for s in nouns.values() if wn.lexname(s) == "noun.group" for w, _ in s.words}
    named: dict[str, list[Synset]] = defaultdict(list)
    for lemma, offsets, _ in wn.index["n"]:
        for off in offsets:
            if off in kinds:
                synset = nouns[off]
                for word, _ in synset.words:
                    if word.lower() == lemma and (
                        kinds[off] not in ("member", "group", "organisation")
                        or wn.is_instance(synset)
                        or _is_capitalised(word)
                    ):
                        named[word].append(synset)
    rows = {}
    for word, synsets in named.items():
        synset = next((s for s in synsets if s.words[0][0] == word), synsets[0])
        kind = kinds[synset.offset]
        if kind == "member":
            plural = word if word in collectives else _plural(word, wn)
            rows[_name(word)] = ("group", _name(plural))
        else:
            rows[_name(word)] = (kind, _name(synset.words[0][0]))
    for kind, canonical in list(rows.values()):
        if kind == "group" and canonical not in rows:
            rows[canonical] = (kind, canonical)
    return sorted((name, kind, canonical) for name, (kind, canonical) in rows.items())


def demonym_rows(wn: WordNet, gazetteer: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """``(word, place)``: a capitalised adjective's pertainym (``\\``) to a place ("Israeli" -> "Israel"),
    then a people's noun that is a member or part of a place ("Kurd" -> "Kurdistan"), with its
    gazetteer plural ("Kurds"). The place is the word the pointer names, as written; a word with
    several goes with its first sense in WordNet's order.
    """
    places = {name for name, kind, _ in gazetteer if kind == "place"}
    plural = {name: canonical for name, kind, canonical in gazetteer if kind == "group"}
    nouns, adjectives = wn.data["n"], wn.data["a"]
    found: dict[str, str] = {}

    def place_of(pointer: tuple[str, str, str, int, int]) -> str | None:
        _, off, ppos, _, target = pointer
        if ppos != "n":
            return None
        words = nouns[off].words
        word = _name(words[target - 1][0] if target else words[0][0])
        return word if word in places else None

    for lemma, offsets, _ in wn.index["a"]:
        for off in offsets:
            synset = adjectives[off]
            for i, (word, _) in enumerate(synset.words, 1):
                if word.lower() != lemma or not _is_capitalised(word) or _name(word) in found:
                    continue
                for pointer in synset.pointers:
                    if pointer[0] == "\\" and pointer[3] in (0, i) and (place := place_of(pointer)):
                        found[_name(word)] = place
                        break
    for lemma, offsets, _ in wn.index["n"]:
        for off in offsets:
            synset = nouns[off]
            if wn.lexname(synset) != "noun.person" or wn.is_instance(synset):
                continue
            for word, _ in synset.words:
                if word.lower() != lemma or not _is_capitalised(word) or _name(word) in found:
                    continue
                for pointer in synset.pointers:
                    if pointer[0] in ("#m", "#p") and (place := place_of(pointer)):
                        found[_name(word)] = place
                        break
    for word, place in list(found.items()):
        many = plural.get(word)
        if many and many != word and many not in found:
            found[many] = place
    return sorted(found.items())


def exception_rows(wn: WordNet) -> list[tuple[str, str, str]]:
    """``(pos, form, bases)``; a form on several lines ("offer off", "offer offer") has their bases in file order."""
    merged: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pos in POS_FILES:
        for form, bases in wn.exceptions[pos]:
            merged[pos, form] += [b for b in bases if b not in merged[pos, form]]
    return sorted((pos, form, " ".join(bases)) for (pos, form), bases in merged.items())


# --- source domains ---------------------------------------------------------------------------------------------

#: source-domain labels for metaphor analysis (the domains table stores their positions here)
DOMAINS = (
    "body", "building and structures", "journey and motion", "war and violence", "game and sport", "gambling",
    "food and eating", "theatre and performance", "water and liquids", "weather", "fire and heat",
    "commerce and property", "plants and farming", "animals", "machines and technology", "health and illness",
    "family and kinship", "light and vision", "physical force", "containers", "religion", "crime and law",
    "space and position",
)  # fmt: skip

#: The hand-made anchors: synsets whose hyponyms (nouns: ``@`` and ``@i``; verbs: ``@``) take their domain.
#: ``"lemma.pos.NN"`` is the NN-th sense of lemma in WordNet 3.0's index (NLTK's numbering); the tool stops if
#: one does not resolve or a synset is anchored twice. A sense's domain is its nearest anchor's (breadth first,
#: the synset itself at distance 0); at equal distance the anchor listed first here wins, so the more specific
#: domains come first. WordNet's abstract top (entity, abstraction, psychological_feature, act, event,
#: communication, attribute, relation, group, state ...) is left unanchored: reaching it gives no domain (the
#: topic, file and part-of fallbacks of :class:`DomainFinder` may still give one). The ``None`` group at the
#: end holds abstract synsets lower down that must give none, fallbacks included.
#: Decisions: ships and seafaring are journeys (the ship of state, "batten down the hatches"); temperature,
#: cold included, is fire and heat; clothes have no domain; a person is no body (their occupation may have a
#: domain: a tycoon is commerce, a soldier war); playing cards are gambling ("ace"), card and board games are
#: game and sport; a squatter and a subcontractor are commerce and property, a hotel is a building.
DOMAIN_ANCHORS: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    ("gambling", (
        "gambling.n.01",  # playing for stakes
        "gamble.n.01",  # money risked for possible monetary gain (bet, stake, jackpot below it)
        "bet.n.02",  # the act of gambling
        "casino.n.01", "gambler.n.01", "die.n.01",  # dice
        "playing_card.n.01",  # ace, trump card, joker: the gambler's cards
        "poker.n.02", "odds.n.02", "lottery.n.02", "roulette.n.03", "wheel.n.05", "bookmaker.n.02",
        "slot_machine.n.01",
        "gamble.v.02",  # play games for money (bet.v.02 below it)
        "handicap.v.02",
    )),
    ("game and sport", (
        "game.n.01",  # a contest with rules to determine a winner
        "game.n.02",  # a single play of a sport or other contest
        "sport.n.01", "contest.n.01", "match.n.02", "tournament.n.01", "race.n.01",
        "win.n.01",  # victory in a race or other competition
        "victory.n.01", "defeat.n.01", "score.n.03", "goal.n.03", "point.n.10", "team.n.01", "player.n.01",
        "contestant.n.01", "athlete.n.01", "champion.n.01", "coach.n.01", "referee.n.01", "umpire.n.01",
        "sports_equipment.n.01", "game_equipment.n.01", "ball.n.01", "playing_field.n.02", "stadium.n.01",
        "card_game.n.01", "board_game.n.01", "chess.n.02", "toy.n.03", "play.n.08",
        "play.v.01",  # participate in games or sport
        "compete.v.01", "win.v.01", "win.v.03", "lose.v.02", "score.v.01", "race.v.02", "beat.v.01",
        "move.v.15",  # have a turn in a game
        "meet.v.10", "play.v.33", "enter.v.02", "tie.v.02", "get_the_better_of.v.01", "keep_up.v.01",
        "overtake.v.01", "field.v.01", "drop_out.v.01", "hit.v.16",
    )),
    ("war and violence", (
        "military_action.n.01", "war.n.01", "war.n.03", "battle.n.01", "conflict.n.01", "fight.n.02", "fight.n.05",
        "violence.n.01", "violence.n.03", "attack.n.01", "assault.n.01", "assault.n.02", "hostility.n.02",
        "hostility.n.04", "killing.n.02", "military_operation.n.01", "siege.n.01", "weapon.n.01", "weaponry.n.01",
        "ammunition.n.01", "explosive_device.n.01", "armor.n.01", "fortification.n.01", "trench.n.01",
        "military_installation.n.01", "military.n.01", "military_unit.n.01", "army.n.01",
        "military_personnel.n.01", "serviceman.n.01", "warrior.n.01", "soldier.n.01", "enemy.n.02",
        "combatant.n.01",
        "contend.v.06",  # be engaged in a fight
        "fight.v.02", "attack.v.01", "attack.v.03", "assail.v.01", "defend.v.02", "defend.v.03", "war.v.01",
        "kill.v.01", "shoot.v.01", "fire.v.02", "bomb.v.01", "invade.v.01", "besiege.v.01", "arm.v.01",
        "conquer.v.03", "beat.v.02", "storm.v.05", "yield.v.12", "surrender.v.01",
    )),
    ("crime and law", (
        "crime.n.01", "law.n.01", "law.n.06", "court.n.01", "court.n.02", "court.n.08", "lawsuit.n.01",
        "trial.n.04", "sentence.n.02", "verdict.n.01", "punishment.n.01", "prison.n.01",
        "correctional_institution.n.01", "prisoner.n.01", "hostage.n.01", "criminal.n.01", "thief.n.01",
        "police.n.01", "policeman.n.01", "detective.n.01", "judge.n.01", "lawyer.n.01", "law_enforcement.n.01",
        "arrest.n.01", "theft.n.01", "murder.n.01", "kidnapping.n.01", "organized_crime.n.01", "gang.n.01",
        "arrest.v.01", "steal.v.01", "rob.v.01", "murder.v.01", "sue.v.01", "prosecute.v.01", "convict.v.01",
        "sentence.v.01", "imprison.v.01", "punish.v.01", "kidnap.v.01", "smuggle.v.01", "legislate.v.01",
    )),
    ("religion", (
        "religion.n.01", "religion.n.02", "spiritual_being.n.01", "deity.n.01", "god.n.01", "worship.n.01",
        "rite.n.01", "prayer.n.01", "prayer.n.02", "sin.n.01", "sin.n.02", "church.n.01", "church.n.02",
        "place_of_worship.n.01", "church_service.n.01", "clergyman.n.01", "religious_person.n.01", "saint.n.01",
        "heaven.n.02", "hell.n.03", "hell.n.04", "afterlife.n.01", "miracle.n.02", "blessing.n.04",
        "blessing.n.05", "sacred_text.n.01", "sacrifice.n.04", "religious_ceremony.n.01", "pray.v.01",
        "worship.v.02", "worship.v.03", "bless.v.01", "sin.v.01", "preach.v.01", "baptize.v.01", "redeem.v.01",
    )),
    ("theatre and performance", (
        "theater.n.01", "theater.n.02", "dramatic_composition.n.01", "drama.n.03", "performance.n.01",
        "performance.n.02", "show.n.03", "stage.n.03", "stage.n.04", "performer.n.01", "audience.n.01",
        "spectacle.n.01", "spectacle.n.02", "role.n.02", "scene.n.06", "scene.n.10", "script.n.01", "circus.n.01",
        "circus.n.02", "theatrical_production.n.01", "movie.n.01", "dance.n.01", "costume.n.01",
        "act.v.03",  # play a role or part
        "perform.v.03", "stage.v.01", "rehearse.v.01", "dance.v.01",
    )),
    ("health and illness", (
        "ill_health.n.01", "illness.n.01", "disorder.n.01", "physical_condition.n.01", "handicapped_person.n.01",
        "disease.n.01", "injury.n.01", "wound.n.01", "pain.n.01", "symptom.n.01", "medicine.n.01", "medicine.n.02",
        "medicine.n.03", "drug.n.01", "treatment.n.01", "therapy.n.01", "medical_care.n.01", "surgery.n.01",
        "remedy.n.02", "vaccine.n.01", "hospital.n.01", "hospital.n.02", "health_professional.n.01",
        "patient.n.01", "sick_person.n.01", "virus.n.01", "pathogen.n.01", "infection.n.01", "epidemic.n.01",
        "poison.n.01", "health.n.01", "disability.n.01", "medical_instrument.n.01", "heal.v.01", "cure.v.01",
        "treat.v.03", "infect.v.01", "injure.v.01", "vaccinate.v.01", "operate.v.07", "diagnose.v.01",
        "recover.v.02", "sicken.v.02", "sicken.v.04", "poison.v.02", "poison.v.05",
    )),
    ("family and kinship", (
        "relative.n.01", "family.n.01", "family.n.02", "family.n.04", "kin.n.01", "parent.n.01", "offspring.n.01",
        "child.n.02", "sibling.n.01", "spouse.n.01", "marriage.n.01", "marriage.n.03", "wedding.n.01",
        "divorce.n.01", "ancestor.n.01", "descendant.n.01", "orphan.n.01", "adoption.n.02", "marry.v.01",
        "divorce.v.02", "adopt.v.05", "father.v.01", "mother.v.01",
    )),
    ("food and eating", (
        "food.n.01", "food.n.02", "nutriment.n.01", "foodstuff.n.02", "beverage.n.01", "meal.n.01", "meal.n.02",
        "dish.n.02", "course.n.07", "eating.n.01", "drinking.n.01", "cooking.n.01", "cook.n.01", "restaurant.n.01",
        "kitchen.n.01", "menu.n.01", "recipe.n.01", "appetite.n.01", "hunger.n.01", "taste.n.01",
        "taste_property.n.01", "flavorer.n.01", "dinner.n.02", "banquet.n.02", "kitchen_utensil.n.01",
        "tableware.n.01", "ingredient.n.03", "eat.v.01", "eat.v.02", "drink.v.01", "cook.v.01", "cook.v.02",
        "feed.v.01", "feed.v.02", "taste.v.02", "swallow.v.01", "digest.v.01", "bake.v.01", "serve.v.05",
    )),
    ("plants and farming", (
        "plant.n.02", "plant_part.n.01", "vegetation.n.01", "farming.n.01", "agriculture.n.01", "farmer.n.01",
        "farm.n.01", "crop.n.01", "crop.n.02", "harvest.n.03", "garden.n.01", "gardener.n.01", "field.n.01",
        "farmland.n.01", "fertilizer.n.01", "gardening.n.01", "farm_worker.n.01", "plant.v.01", "sow.v.01",
        "cultivate.v.02", "grow.v.07", "harvest.v.01", "prune.v.01", "weed.v.01", "bloom.v.01", "farm.v.01",
        "fertilize.v.01", "graft.v.01",
    )),
    ("animals", (
        "animal.n.01", "herd.n.01", "herd.n.02", "flock.n.02", "flock.n.05", "hunting.n.01", "hunting.n.03",
        "hunter.n.01", "animal_husbandry.n.01", "zoo.n.01", "cage.n.01", "pet.n.01", "leash.n.01", "harness.n.01",
        "hunt.v.01", "hunt.v.07", "fish.v.02", "herd.v.02", "tame.v.04", "tame.v.05", "breed.v.03", "breed.v.04",
        "graze.v.01", "bark.v.04", "trap.v.02",
    )),
    ("body", (
        "body.n.01", "body.n.03", "body_part.n.01", "body_covering.n.01", "body_substance.n.01",
        "bodily_process.n.01", "organ.n.01", "crutch.n.01",
        "heel.n.01",  # of a shoe
        "copulate.v.01", "rest.v.01", "sit.v.01", "lie.v.02",  # sex and posture (not force)
    )),
    ("fire and heat", (
        "fire.n.01", "fire.n.03", "fire.n.04", "fire.n.07", "combustion.n.01", "combustion.n.03", "fuel.n.01",
        "temperature.n.01", "heat.n.01", "heat.n.02", "heat.n.03", "heating.n.01", "heating.n.02", "smoke.n.01",
        "smoke.n.02", "ember.n.01", "spark.n.06", "ash.n.01", "lighter.n.02", "heater.n.01", "fireplace.n.01",
        "furnace.n.01", "oven.n.01", "fireman.n.04", "explosion.n.02", "burn.n.05", "firework.n.01", "burn.v.01",
        "burn.v.02", "burn.v.03", "burn.v.05", "burn.v.07", "ignite.v.01", "ignite.v.02", "heat.v.01", "heat.v.02",
        "flame.v.01", "smolder.v.01", "extinguish.v.04", "boil.v.02", "melt.v.01", "explode.v.01", "fuel.v.02",
        "cool.v.01", "cool.v.02",
    )),
    ("weather", (
        "weather.n.01", "atmospheric_phenomenon.n.01", "wind.n.01", "precipitation.n.03", "cloud.n.02",
        "climate.n.01", "fog.n.01", "season.n.02", "thaw.n.01", "thaw.n.02", "frost.n.01", "ice.n.01", "snow.n.02",
        "sunshine.n.02", "meteorology.n.01", "precipitate.v.03", "blow.v.02", "storm.v.03", "storm.v.04",
        "thunder.v.03", "freeze.v.02", "freeze.v.06", "freeze.v.07", "thaw.v.01", "clear_up.v.04",
    )),
    ("water and liquids", (
        "water.n.01", "water.n.02", "water.n.06", "liquid.n.01", "liquid.n.03", "flood.n.01", "flood.n.04",
        "flood.n.05", "wave.n.01", "tide.n.01", "tide.n.02", "current.n.02", "flow.n.01", "flow.n.03", "flow.n.04",
        "stream.n.01", "drop.n.01", "drain.n.01", "drain.n.03", "plumbing.n.01", "dam.n.01", "well.n.01",
        "fountain.n.02", "spill.n.02", "leak.n.01", "shower.n.01", "bath.n.01", "swimming.n.01", "flow.v.01",
        "flow.v.02", "flow.v.06", "pour.v.01", "pour.v.02", "pour.v.04", "drip.v.01", "leak.v.03", "spill.v.01",
        "spill.v.02", "splash.v.01", "wet.v.01", "soak.v.01", "drench.v.01", "drain.v.01", "drain.v.03",
        "flood.v.01", "flood.v.03", "drown.v.01", "drown.v.02", "swim.v.01", "float.v.02", "wash.v.02",
        "irrigate.v.01", "dissolve.v.02", "dissolve.v.08",
    )),
    ("light and vision", (
        "light.n.01", "light.n.02", "light.n.04", "light.n.05", "light.n.07", "light.n.09", "illumination.n.02",
        "darkness.n.01", "darkness.n.02", "shadow.n.01", "color.n.01", "color.n.08", "vision.n.02", "vision.n.03",
        "sight.n.01", "sight.n.06", "visibility.n.01", "glow.n.02", "glow.n.05", "flash.n.01", "reflection.n.05",
        "mirror.n.01", "lens.n.01", "optical_instrument.n.01", "see.v.01", "look.v.01", "watch.v.01", "shine.v.01",
        "shine.v.02", "shine.v.03", "glow.v.01", "illuminate.v.01", "darken.v.01", "dazzle.v.01", "reflect.v.03",
        "reflect.v.05", "glimpse.v.01",
    )),
    ("commerce and property", (
        "commerce.n.01", "business.n.01", "business.n.02", "business.n.07", "trade.n.01", "trade.n.04",
        "transaction.n.01", "market.n.01", "market.n.02", "mercantile_establishment.n.01", "company.n.01",
        "industry.n.01", "depository_financial_institution.n.01", "financial_institution.n.01",
        "possession.n.01", "possession.n.02",  # anything owned: money, property, debt ...
        "property.n.03",  # place, property: "who owns this place?"
        "real_estate.n.01", "price.n.02", "economy.n.01", "finance.n.01", "employment.n.02", "businessperson.n.01",
        "capitalist.n.02", "owner.n.01", "owner.n.02", "landlord.n.01", "tenant.n.01", "customer.n.01",
        "consumer.n.01", "seller.n.01", "merchant.n.01", "trader.n.01", "employer.n.01",
        "contractor.n.01",  # someone who contracts to build things (a subcontractor's hypernym)
        "contractor.n.03",  # a party to a contract
        "banker.n.01", "financier.n.01", "investor.n.01", "economist.n.01", "shopkeeper.n.01", "salesman.n.01",
        "squatter.n.01",  # settles on land to acquire title to it (WordNet: a settler)
        "squatter.n.02",  # settles on land without right or title (WordNet: an intruder)
        "buy.v.01", "sell.v.01", "sell.v.04", "trade.v.01", "trade.v.02", "pay.v.01", "invest.v.01", "own.v.01",
        "rent.v.01", "rent.v.02", "borrow.v.01", "lend.v.02", "owe.v.01", "charge.v.03", "spend.v.02", "cost.v.01",
        "hire.v.01", "fire.v.04", "bid.v.01", "bargain.v.01", "afford.v.01", "bankrupt.v.01", "sell.v.05",
    )),
    ("building and structures", (
        "structure.n.01", "building.n.01", "construction.n.01", "building.n.03", "architecture.n.01",
        "architecture.n.02", "building_material.n.01", "foundation.n.03", "housing.n.01", "home.n.01",
        "builder.n.03", "architect.n.01", "carpenter.n.01", "mason.n.04",
        "neighborhood.n.04",  # an area of a town
        "residential_district.n.01", "building_complex.n.01", "construct.v.01", "build.v.05", "erect.v.01",
        "demolish.v.01", "renovate.v.01", "fortify.v.02",
    )),
    ("containers", (
        "container.n.01", "vessel.n.03", "receptacle.n.01", "package.n.02", "envelope.n.01", "fill.v.01",
        "empty.v.01", "empty.v.02", "contain.v.02", "pack.v.01", "bottle.v.01", "unpack.v.01",
    )),
    ("machines and technology", (
        "machine.n.01", "machine.n.04", "mechanism.n.05", "mechanical_device.n.01", "engine.n.01", "motor.n.01",
        "computer.n.01", "electronic_equipment.n.01", "electrical_device.n.01", "technology.n.01",
        "technology.n.02", "tool.n.01", "gear.n.01", "machinery.n.01", "electricity.n.01", "electricity.n.02",
        "software.n.01", "computer_network.n.01", "factory.n.01", "engineer.n.01", "mechanic.n.01", "robot.n.01",
        "circuit.n.01", "wire.n.02", "battery.n.02", "telecommunication.n.01", "operate.v.03", "program.v.02",
        "automate.v.01", "engineer.v.01", "wire.v.02", "mechanize.v.01",
    )),
    ("journey and motion", (
        "travel.n.01", "travel.n.02", "travel.n.03", "speed.n.01", "speed.n.02", "speed.n.03", "journey.n.01",
        "motion.n.06", "motion.n.02",
        "way.n.06",  # any road or path (road, path, street, passage ...)
        "way.n.07", "route.n.01", "course.n.05", "direction.n.01", "destination.n.01", "crossroads.n.03",
        "intersection.n.02", "bridge.n.01",
        "brink.n.01",  # brink, threshold, verge: where the road ends
        "brink.n.02",  # the edge of a steep place
        "step.n.04",  # a stair: a place for the foot while going up or down
        "vehicle.n.01", "conveyance.n.03", "transportation.n.05", "transportation_system.n.01", "traveler.n.01",
        "passenger.n.01", "driver.n.01", "pilot.n.01", "map.n.01", "wheel.n.01",
        # ships and seafaring are journeys here: the ship of state, steering, navigating, anchors, hatches
        "seafaring.n.01", "seafaring.n.02", "navigation.n.01", "sailor.n.01", "anchor.n.01", "sail.n.01",
        "hatch.n.03",  # a movable barrier covering a hatchway (on a ship's deck)
        "hatchway.n.01", "batten.n.02", "batten.v.01", "batten.v.02", "deck.n.01", "harbor.n.01",
        "helm.n.01", "rudder.n.02", "keel.n.03", "mast.n.01", "travel.v.01", "move.v.02", "drive.v.01",
        "steer.v.01", "navigate.v.01", "sail.v.01", "drive.v.02", "lead.v.01",
    )),
    ("physical force", (
        "force.n.02", "force.n.03", "pressure.n.01", "pressure.n.03", "weight.n.01", "weight.n.04", "tension.n.02",
        "tension.n.04", "push.n.01", "push.n.02", "pull.n.01", "pull.n.02", "impact.n.01", "blow.n.01",
        "blow.n.02", "squeeze.n.01", "energy.n.01", "momentum.n.01", "friction.n.02", "gravity.n.01",
        "leverage.n.01", "load.n.01", "collision.n.01", "breakage.n.03", "break.v.02", "break.v.05",
        "shatter.v.01", "crack.v.01", "crush.v.02", "crush.v.04", "bend.v.01", "force.v.03", "force.v.08",
        "press.v.01", "weigh.v.03", "collapse.v.01",
    )),
    ("space and position", (
        "height.n.01", "height.n.04", "depth.n.01", "depth.n.03", "top.n.01", "top.n.02", "top.n.03",
        "bottom.n.01", "bottom.n.02", "distance.n.01", "distance.n.02", "distance.n.03", "position.n.01",
        "position.n.07", "space.n.01", "space.n.02", "edge.n.01", "edge.n.06", "center.n.01", "center.n.04",
        "inside.n.01", "inside.n.02", "exterior.n.01", "side.n.01", "front.n.01", "rear.n.01", "proximity.n.01",
        "vicinity.n.01", "width.n.01", "length.n.01", "orientation.n.03", "level.n.04", "direction.n.02",
    )),
    (None, (  # abstract synsets that are no source domain: reaching one first gives none, and nothing else is tried
        "legal_document.n.01",  # an act, a bill, a statute ("act" is theatre)
        "strive.v.02", "rise.v.13", "pull.v.16",  # verb.competition's efforts and sides
        "hominid.n.01",  # WordNet's humans are primates: "human" is no animal metaphor
        "seat.n.05",  # a seat of government: capitals and cities are no "centre" (space and position)
        "communicate.v.01",  # asking, telling, ordering: WordNet puts them under "transfer" and "move"
        "be.v.01", "use.v.01", "use.v.03", "necessitate.v.01", "give.v.03",  # being, using, needing, supplying
    )),
)  # fmt: skip

#: anchors for one word of a synset, before the synset's own: WordNet's first sense of "neighbourhood" is
#: {vicinity, locality, neighborhood, neighbourhood} "a surrounding or nearby region" (space and position), but
#: the neighbourhood of a metaphor ("a force in the neighbourhood", "a good neighbour") is the residential one
WORD_ANCHORS: tuple[tuple[str, str], ...] = (
    ("neighbourhood.n.01", "building and structures"),
    ("neighborhood.n.01", "building and structures"),
)

#: the domain of a noun sense no anchor reaches, by lexicographer file
NOUN_LEXFILE_DOMAINS = {
    "noun.body": "body",
    "noun.food": "food and eating",
    "noun.plant": "plants and farming",
    "noun.animal": "animals",
}
#: the noun files whose synsets take the domain of what they are a part of (``#p``) when nothing else gives one
PART_OF_LEXFILES = frozenset({"noun.artifact", "noun.body"})
#: the same for verbs (verb.competition's fighting and playing are told apart by anchors above)
VERB_LEXFILE_DOMAINS = {
    "verb.motion": "journey and motion",
    "verb.consumption": "food and eating",
    "verb.competition": "war and violence",
    "verb.weather": "weather",
    "verb.body": "body",
    "verb.contact": "physical force",
}


UNREACHED = -1  # no anchor among a synset's hypernyms


def _first(domains: Iterator[int | None]) -> int | None:
    """The first domain that is not None."""
    return next((domain for domain in domains if domain is not None), None)


class DomainFinder:
    """The source domain of each sense (see :data:`DOMAIN_ANCHORS`), as a position in :data:`DOMAINS` or None.

    Nouns and verbs: (1) the nearest anchor among the synset and its hypernyms (``@`` and
    ``@i``, breadth first, at equal distance the anchor listed first; reaching one of the
    ``None`` group ends here with none); when no anchor is reached, the first of (2) its
    topic's nearest anchor (``;c``: "(golf) the part of the clubhead" is golf's), (3) its
    lexicographer file (:data:`NOUN_LEXFILE_DOMAINS`, :data:`VERB_LEXFILE_DOMAINS`), (4) for
    things and body parts, the domain of what they are a part of (``#p``: a keel is part of a
    hull). WordNet's top (entity, abstraction, act, communication, attribute, relation ...)
    is not anchored: reaching it gives nothing. Adjectives, per word: its pertainyms (``\\``:
    "economic" of economy), then its derivations and participles (``+``, ``<``: "hot" and
    heat), then the synset's attributes (``=``: "high" measures height), then for a
    satellite its head (``&``: "scorching" is similar to "hot"), then its topic. Adverbs: the
    adjective word they come from (``\\``: "quickly"), then their topic. :data:`WORD_ANCHORS`
    come first.
    """

    def __init__(self, wn: WordNet):
        self.wn = wn
        self.anchors: dict[tuple[str, str], tuple[int, int | None]] = {}  # (pos, offset) -> (rank, domain)
        self.word_anchors: dict[tuple[str, str, int], int] = {}  # (pos, offset, word number) -> domain
        keys = {(pos, lemma): offsets for pos in POS_FILES for lemma, offsets, _ in wn.index[pos]}
        wrong = []

        def resolve(name: str) -> tuple[str, str] | None:
            lemma, pos, number = name.rsplit(".", 2)
            offsets = keys.get((pos, lemma), [])
            if 0 < int(number) <= len(offsets):
                return pos, offsets[int(number) - 1]
            wrong.append(f"{name}: WordNet 3.0 has no such sense")
            return None

        for label, names in DOMAIN_ANCHORS:
            for name in names:
                if (key := resolve(name)) in self.anchors:
                    wrong.append(f"{name}: its synset is anchored already")
                elif key:
                    self.anchors[key] = (len(self.anchors), None if label is None else DOMAINS.index(label))
        for name, label in WORD_ANCHORS:
            if key := resolve(name):
                lemma = name.rsplit(".", 2)[0]
                words = wn.data[key[0]][key[1]].words
                self.word_anchors[(*key, next(i for i, (w, _) in enumerate(words, 1) if w.lower() == lemma))] = (
                    DOMAINS.index(label)
                )
        if wrong:
            raise SystemExit("domain anchors:\n  " + "\n  ".join(wrong))
        number = {name: num for num, name in wn.lexnames.items()}
        self.lexfiles = {
            pos: {number[lex]: DOMAINS.index(label) for lex, label in table.items()}
            for pos, table in (("n", NOUN_LEXFILE_DOMAINS), ("v", VERB_LEXFILE_DOMAINS), ("a", {}), ("r", {}))
        }
        self._nearest: dict[tuple[str, str], int | None] = {}
        self._synset: dict[tuple[str, str], int | None] = {}
        self._word: dict[tuple[str, str, int], int | None] = {}

    def nearest(self, pos: str, offset: str) -> int | None:
        """(1): the domain of the nearest anchor among the synset and its hypernyms, :data:`UNREACHED` if none."""
        key = (pos, offset)
        if key not in self._nearest:
            data, found = self.wn.data[pos], UNREACHED
            frontier, seen = [offset], {offset}
            while frontier:
                hits = [self.anchors[pos, o] for o in frontier if (pos, o) in self.anchors]
                if hits:
                    found = min(hits)[1]
                    break
                following = []
                for o in frontier:
                    for sym, target, tpos, _, _ in data[o].pointers:
                        if sym in ("@", "@i") and tpos == pos and target not in seen:
                            seen.add(target)
                            following.append(target)
                frontier = following
            self._nearest[key] = found
        return self._nearest[key]

    def topic(self, synset: Synset) -> int | None:
        """The domain of the synset's first topic (``;c``) that reaches an anchor with one."""
        topics = (self.nearest(p, t) for s, t, p, _, _ in synset.pointers if s == ";c" and p in ("n", "v"))
        return _first(domain for domain in topics if domain != UNREACHED)

    def synset(self, pos: str, offset: str) -> int | None:
        """A noun or verb synset's domain, by (1) to (4)."""
        key = (pos, offset)
        if key in self._synset:
            return self._synset[key]
        self._synset[key] = None  # a part-of cycle ends here
        synset = self.wn.data[pos][offset]
        found = self.nearest(pos, offset)
        if found == UNREACHED:
            found = self.topic(synset)
            if found is None:
                found = self.lexfiles[pos].get(synset.lexfile)
            if found is None and self.wn.lexname(synset) in PART_OF_LEXFILES:
                found = _first(self.synset(p, t) for s, t, p, _, _ in synset.pointers if s == "#p")
        self._synset[key] = found
        return found

    def word(self, pos: str, offset: str, index: int) -> int | None:
        """The domain of the ``index``-th word (from 1) of a synset, any part of speech."""
        key = (pos, offset, index)
        if key in self.word_anchors:
            return self.word_anchors[key]
        if key in self._word:
            return self._word[key]
        self._word[key] = None  # a cycle of lexical pointers ends here
        synset = self.wn.data[pos][offset]
        lexical = [(s, t, p, w or 1) for s, t, p, source, w in synset.pointers if source == index]
        if pos in ("n", "v"):
            found = self.synset(pos, offset)
        elif pos == "a":
            found = _first(self.word(p, t, w) for s, t, p, w in lexical if s == "\\" and p in ("n", "v"))
            if found is None:
                found = _first(self.word(p, t, w) for s, t, p, w in lexical if s in ("+", "<") and p in ("n", "v"))
            if found is None:
                found = _first(self.synset(p, t) for s, t, p, _, _ in synset.pointers if s == "=")
            if found is None and synset.ss_type == "s":
                found = _first(self.word(p, t, 1) for s, t, p, _, _ in synset.pointers if s == "&")
        else:
            found = _first(self.word(p, t, w) for s, t, p, w in lexical if s == "\\")
        if found is None and pos in ("a", "r"):
            found = self.topic(synset)
        self._word[key] = found
        return found


def domain_rows(wn: WordNet) -> list[tuple[str, str, str]]:
    """``(pos, lemma, domains)`` of the lemmas with a domain for at least one sense: per sense in WordNet's order,
    the domain's number in :data:`DOMAINS`, empty for none, the empty ones at the end left out."""
    finder = DomainFinder(wn)
    rows = []
    for pos in POS_FILES:
        for lemma, offsets, _ in wn.index[pos]:
            cells = []
            for offset in offsets:
                synset = wn.data[pos][offset]
                index = next(i for i, (w, _) in enumerate(synset.words, 1) if w.lower() == lemma)
                code = finder.word(pos, offset, index)
                cells.append("" if code is None else str(code))
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                rows.append((pos, lemma, ",".join(cells)))
    return sorted(rows)


def _gzip(text: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    return buf.getvalue()


def _table(header: list[str], columns: str, rows: list[tuple[str, ...]]) -> str:
    for row in rows:
        assert not row[0].startswith("#") and all("\t" not in c and "\n" not in c for c in row), row
    lines = [f"# {line}" for line in header] + [columns] + ["\t".join(row) for row in rows]
    return "\n".join(lines) + "\n"


def build(source: Path, checks: dict[str, int]) -> dict[str, tuple[str, int]]:
    """Table name -> (text, rows); ``checks`` gets the counts :func:`sense_rows` checks."""
    wn = WordNet(source)
    lexnames = ", ".join(f"{num} {name}" for num, name in sorted(wn.lexnames.items()))
    senses = sense_rows(wn, checks)
    gazetteer = gazetteer_rows(wn)
    demonyms = demonym_rows(wn, gazetteer)
    exceptions = exception_rows(wn)
    domains = domain_rows(wn)
    checks.update(domains=len(DOMAINS), anchors=sum(len(names) for _, names in DOMAIN_ANCHORS) + len(WORD_ANCHORS))
    domain_list = ", ".join(f"{num} {label}" for num, label in enumerate(DOMAINS))
    return {
        "wordnet_senses": (
            _table(
                [
                    NOTICE,
                    "senses: in WordNet's sense order, LEX[p][:COUNT] = lexicographer file number, p = physical noun "
                    "synset (hypernyms reach physical_entity, never abstraction), COUNT = cntlist.rev tag count if > 0",
                    f"lexicographer files: {lexnames}",
                ],
                "pos\tlemma\tsenses",
                senses,
            ),
            len(senses),
        ),
        "wordnet_gazetteer": (
            _table([NOTICE, "instance nouns, named groups and peoples"], "name\tkind\tcanonical", gazetteer),
            len(gazetteer),
        ),
        "wordnet_demonyms": (
            _table([NOTICE, "a people's word (adjective or noun) -> its place"], "word\tplace", demonyms),
            len(demonyms),
        ),
        "wordnet_exceptions": (
            _table([NOTICE, "morphological exception lists: form -> base forms"], "pos\tform\tbases", exceptions),
            len(exceptions),
        ),
        "wordnet_domains": (
            _table(
                [
                    NOTICE,
                    "source domains of word senses: per sense in WordNet's order, a domain number or empty "
                    "(tools/wordnet_tables.py: DOMAIN_ANCHORS, DomainFinder)",
                    f"domains: {domain_list}",
                ],
                "pos\tlemma\tdomains",
                domains,
            ),
            len(domains),
        ),
    }


def source_text(tables: dict[str, tuple[bytes, int]], checks: dict[str, int]) -> str:
    """``SOURCE-wordnet.txt``, with the licence text of ``data/external/wordnet-3.0/LICENSE``."""
    licence = LICENCE.read_text("utf-8")
    lines = [
        "WordNet tables: lexical tables derived from WordNet 3.0, read by analysis/wordnet.py.",
        "",
        "What they are",
        "  Generated by tools/wordnet_tables.py from the WordNet 3.0 database files (Princeton",
        "  University; the copy packaged by Debian as wordnet-base 1:3.0, see",
        "  data/external/wordnet-3.0/SOURCE.txt; Princeton's WordNet-3.0.tar.gz dict/ folder has",
        "  the same files). Rerunning the tool on them gives the same bytes (sorted rows, gzip with",
        "  no name and no time stamp): python tools/wordnet_tables.py WORDNET_DIR. UTF-8,",
        "  tab-separated; lines starting with '#' are a header (the copyright notice first), then",
        "  a line of column names. Lexicographer files are numbered as in WordNet's lexnames",
        "  (the senses table's header lists them).",
        "",
    ]
    for name, (data, rows) in tables.items():
        lines.append(f"  {name}.tsv.gz  {rows:,} rows, {len(data):,} bytes")
        lines.append(f"    sha256 {hashlib.sha256(data).hexdigest()}")
        lines += [f"    {line}".format(**checks) for line in DESCRIPTIONS[name]]
    lines += [
        "",
        "Cite",
        "  Princeton University (2010). About WordNet. WordNet. Princeton University.",
        "  https://wordnet.princeton.edu/",
        "  Christiane Fellbaum (1998, ed.) WordNet: An Electronic Lexical Database. Cambridge, MA: MIT Press.",
        "",
        "Licence",
        "  The WordNet 3.0 licence (use, copy, modify and distribute for any purpose, the copyright",
        "  notice and statements kept on all copies, modifications included). These tables are",
        "  modifications of the database: the notice and the licence follow, and go with every copy.",
        "  WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.",
        "",
    ]
    kept = []
    for block in licence.split("\n\n"):
        if "Files: debian/*" not in block:  # the Debian packaging's own licence is not about the data
            kept.append(block)
    lines += ["  " + line if line else "" for line in "\n\n".join(kept).strip().splitlines()]
    return "\n".join(lines) + "\n"


def write(source: Path, out: Path) -> dict[str, tuple[bytes, int]]:
    checks: dict[str, int] = {}
    built = {name: (_gzip(text), rows) for name, (text, rows) in build(source, checks).items()}
    out.mkdir(parents=True, exist_ok=True)
    for name, (data, _) in built.items():
        (out / f"{name}.tsv.gz").write_bytes(data)
    (out / "SOURCE-wordnet.txt").write_bytes(source_text(built, checks).encode("utf-8"))
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE, help="the WordNet 3.0 folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the tables go")
    args = parser.parse_args(argv)
    for name, (data, rows) in write(args.source, args.out).items():
        print(f"{args.out / name}.tsv.gz: {rows:,} rows, {len(data):,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
