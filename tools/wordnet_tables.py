"""Derive the compact WordNet 3.0 tables of ``analysis/resources/`` (read by :mod:`analysis.wordnet`).

Run once, never at run time; the package reads the derived tables only::

    python tools/wordnet_tables.py [WORDNET_DIR] [--out DIR]

``WORDNET_DIR`` (default ``../shared/resources/wordnet-3.0`` beside the
project folder) holds the WordNet 3.0 database files: ``index.{noun,verb,adj,adv}``,
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
DEFAULT_SOURCE = ROOT.parent / "shared" / "resources" / "wordnet-3.0"
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
TABLES = ("wordnet_senses", "wordnet_gazetteer", "wordnet_demonyms", "wordnet_exceptions")
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
