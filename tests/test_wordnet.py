"""WordNet tables: the lemmatizer, senses, the gazetteer, multiword lemmas, concreteness, domains, the shipped bytes."""

from __future__ import annotations

import doctest
import gzip
import hashlib
import importlib.util
import re
from pathlib import Path

import pytest

import analysis.wordnet as wordnet
from analysis.wordnet import (
    CONCRETE_LEXFILES,
    DOMAINS,
    HYPERNYM_LEXFILES,
    INFO,
    LEXFILES,
    Sense,
    basic_domain,
    concreteness,
    demonym,
    domains,
    gazetteer,
    lemmatize,
    mip_profile,
    multiword_lemmas,
    multiword_spans,
    senses,
)

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "analysis" / "resources"
SOURCE = RESOURCES / "SOURCE-wordnet.txt"
TOOL = ROOT / "tools" / "wordnet_tables.py"
WORDNET_DIR = ROOT / "data" / "external" / "wordnet-3.0"


@pytest.mark.parametrize(
    ("word", "pos", "lemma"),
    [
        ("went", "VERB", "go"),
        ("geese", "NOUN", "goose"),
        ("running", "VERB", "run"),
        ("better", "ADJ", "good"),
        ("better", "ADV", "well"),
        ("was", "AUX", "be"),
        ("Leaders", "NOUN", "leader"),  # WordNet knows "leaders" (a row of dots): the frequent reading wins
        ("singing", "VERB", "sing"),  # not "singe"
        ("hoping", "VERB", "hope"),
        ("stopped", "VERB", "stop"),
        ("churches", "NOUN", "church"),
        ("biggest", "ADJ", "big"),
        ("news", "NOUN", "news"),
        ("Trump\u2019s", "NOUN", "trump"),  # the tokenizer keeps the possessive on the word
        ("kicked the bucket", "VERB", "kick_the_bucket"),
        ("Putin", "PROPN", "Putin"),
        ("The", "DET", "the"),
        ("zzyzxq", "NOUN", "zzyzxq"),
        ("Xyzzies", "NOUN", "xyzzies"),
    ],
)
def test_lemmatize(word, pos, lemma):
    assert lemmatize(word, pos) == lemma


def test_senses_in_wordnet_order_with_lexfiles_and_counts():
    assert "noun.person" in {s.lexfile for s in senses("squatter", "NOUN")}
    hotel = senses("hotel", "NOUN")
    assert hotel[0].lexfile == "noun.artifact" and hotel[0].count > 0
    assert senses("hotel", "n") == hotel and senses("Hotel", "NOUN") == hotel
    go = senses("go", "VERB")
    assert go[0] == Sense("verb.motion", go[0].count) and len(go) > 20
    assert [s.count for s in go] == sorted((s.count for s in go), reverse=True)  # most frequent first
    assert senses("good", "ADJ")[0].lexfile == "adj.all" and senses("good", "s") == senses("good", "a")
    assert senses("throw in the towel", "VERB") == senses("throw_in_the_towel", "v") == (Sense("verb.competition", 1),)
    assert senses("hotel", "VERB") == () and senses("zzyzxq", "NOUN") == () and senses("hotel", "DET") == ()


def test_lexfiles_are_wordnet_numbering():
    text = gzip.decompress((RESOURCES / "wordnet_senses.tsv.gz").read_bytes()).decode("utf-8")
    header = re.search(r"^# lexicographer files: (.*)$", text, re.MULTILINE).group(1)
    numbered = dict(item.split(" ") for item in header.split(", "))
    assert tuple(numbered[str(i)] for i in range(len(numbered))) == LEXFILES and len(LEXFILES) == 45
    assert CONCRETE_LEXFILES <= set(LEXFILES) and HYPERNYM_LEXFILES <= set(LEXFILES)
    assert not CONCRETE_LEXFILES & HYPERNYM_LEXFILES


def test_gazetteer_and_demonyms():
    names = gazetteer()
    assert names["Ukraine"] == ("place", "Ukraine")
    assert names["Vladimir Putin"] == ("person", "Putin") and names["Putin"][0] == "person"
    assert names["NATO"][0] == "organisation" and names["USA"] == ("place", "United States")
    assert names["Russia"] == ("place", "Russia")  # not the Soviet Union, WordNet's first sense
    assert names["Russian"] == names["Russians"] == ("group", "Russians")
    assert names["Democrat"] == ("group", "Democrats") and names["Republican"][0] == "group"
    assert names["Kurds"][0] == "group" and names["Hamas"][0] == "organisation"
    kinds = {kind for kind, _ in names.values()}
    assert {"person", "place", "organisation", "group"} <= kinds
    assert sum(kind == "person" for kind, _ in names.values()) > 5000
    assert demonym("Russian") == "Russia" and demonym("Israeli") == "Israel"
    assert demonym("Russians") == "Russia" and demonym("Kurd") == "Kurdistan"
    assert demonym("russian") is None and demonym("Paris") is None


def test_multiword_lemmas_are_token_tuples():
    found = multiword_lemmas()
    assert ("kick", "the", "bucket") in found and ("spill", "the", "beans") in found
    assert ("throw", "in", "the", "towel") in found and ("achilles", "'", "heel") in found  # as the tokenizer splits
    assert all(len(words) > 1 and all(w == w.lower() for w in words) for words in found)
    assert len(found) > 60_000
    words = "Moscow tried to turn the tables but he kicked the bucket".split()
    lemmas = [lemmatize(w, "VERB") for w in words]
    assert [(s, e) for s, e, _ in multiword_spans(words, lemmas)] == [(3, 6), (8, 11)]
    assert multiword_spans(words)[0][2] == ("turn", "the", "tables")  # surface forms only: "kicked" does not match
    assert len(multiword_spans(words)) == 1 and multiword_spans([]) == []


def test_concreteness_for_mip():
    attack = mip_profile("attack", "VERB")
    assert attack.first == "verb.competition" and attack.first_concrete and attack.contrast
    assert mip_profile("hotel", "NOUN").contrast is False  # one concrete sense, nothing to contrast
    assert mip_profile("idea", "NOUN").basic is None
    field = concreteness("field", "NOUN")
    assert len(field) == len(senses("field", "NOUN")) and field[0] and not all(field)
    storm = concreteness("storm", "NOUN")  # noun.phenomenon: concrete by its hypernyms, the weather only
    assert storm[0] and senses("storm", "NOUN")[0].lexfile in HYPERNYM_LEXFILES
    assert concreteness("happy", "ADJ") == () and mip_profile("happy", "ADJ") is None
    assert mip_profile("zzyzxq", "NOUN") is None


#: (domain, [(lemma, pos) whose most basic sense has it]): the examples metaphor analysts expect
BASIC_DOMAINS = [
    ("commerce and property", ["tycoon", "purchaser", "subcontractor", "property", "squatter", "real_estate"]),
    ("building and structures", ["hotel", "neighbourhood", "neighborhood", "house", "wall"]),
    ("gambling", ["dice", "gamble", "bet", "ace", "jackpot", ("gamble", "VERB"), ("bet", "VERB")]),
    ("journey and motion", ["brink", "path", "road", "step", "journey", "crossroads", "hatch", "batten", "ship"]),
    ("fire and heat", ["fuel", "fire", "flame", ("burn", "VERB"), ("hot", "ADJ")]),
    ("body", ["crutch", "heel", "spine", "hand", "backbone"]),
    ("game and sport", ["game", "win", "score", "team", "player", ("win", "VERB"), ("play", "VERB")]),
    ("war and violence", ["weapon", "battle", "attack", "war", "siege", "trench", ("attack", "VERB")]),
    ("food and eating", ["menu", "appetite", "taste", "juice", "sweetness", "feast", "recipe", ("eat", "VERB")]),
    ("theatre and performance", ["stage", "spectacle", "drama", "audience", "act"]),
    ("weather", ["storm", "thaw", "climate", "fog", ("thaw", "VERB")]),
    ("water and liquids", ["flood", "wave", "drain", "flow", "tide", ("flow", "VERB"), ("drain", "VERB")]),
    ("physical force", [("squeeze", "VERB"), "pressure"]),
    ("space and position", [("high", "ADJ"), ("low", "ADJ")]),
]


@pytest.mark.parametrize(
    ("domain", "lemma", "pos"),
    [(d, *(w if isinstance(w, tuple) else (w, "NOUN"))) for d, words in BASIC_DOMAINS for w in words],
)
def test_basic_domain_examples(domain, lemma, pos):
    assert basic_domain(lemma, pos) == domain, domains(lemma, pos)


def test_domains_per_sense():
    assert DOMAINS[0] == "body" and len(DOMAINS) == len(set(DOMAINS)) == 23
    for lemma, pos in [("match", "NOUN"), ("burn", "VERB"), ("hatch", "n"), ("high", "ADJ"), ("quickly", "ADV")]:
        assert len(domains(lemma, pos)) == len(senses(lemma, pos)) > 0
    assert domains("match", "NOUN")[1] == "game and sport"  # the lighter comes first in WordNet: the contest is 2nd
    assert basic_domain("match", "NOUN") == "fire and heat"
    assert domains("hatch", "NOUN")[2] == "journey and motion"  # the ship's hatch (1: hatching; 2: hatching lines)
    assert domains("batten", "VERB")[1] == "journey and motion"  # "batten down a ship's hatches"
    assert domains("wave", "NOUN")[5] == "body" and basic_domain("wave", "NOUN") == "water and liquids"  # the hairdo
    assert domains("game", "NOUN")[3] == "animals" and basic_domain("game", "NOUN") == "game and sport"  # quarry
    assert basic_domain("person", "NOUN") is None and domains("person", "NOUN")[1] == "body"  # the human body
    assert basic_domain("idea", "NOUN") is None and basic_domain("happy", "ADJ") is None
    assert domains("zzyzxq", "NOUN") == () and domains("hotel", "VERB") == () and domains("hotel", "DET") == ()
    assert basic_domain("zzyzxq", "NOUN") is None
    assert domains("Hotel", "n") == domains("hotel", "NOUN") == ("building and structures",)
    assert domains("real estate", "NOUN") == domains("real_estate", "n")


def test_a_paragraph_has_one_source_domain():
    # "a real estate tycoon squeezing your subcontractors ... buy a hotel ... an armed squatter ...
    # leave a property ... a force in the neighbourhood"
    nouns = ["real_estate", "tycoon", "subcontractor", "hotel", "squatter", "property", "force", "neighbourhood"]
    found = {lemma: basic_domain(lemma, "NOUN") for lemma in nouns}
    commerce = [lemma for lemma, domain in found.items() if domain == "commerce and property"]
    assert len(commerce) >= 3, found
    assert {"tycoon", "subcontractor", "squatter", "property"} <= set(commerce)
    assert basic_domain("squeeze", "VERB") == "physical force"
    assert basic_domain("buy", "VERB") == "commerce and property"


def test_domains_table_header_and_coverage():
    text = gzip.decompress((RESOURCES / "wordnet_domains.tsv.gz").read_bytes()).decode("utf-8")
    header = re.search(r"^# domains: (.*)$", text, re.MULTILINE).group(1)
    numbered = dict(item.split(" ", 1) for item in header.split(", "))
    assert tuple(numbered[str(i)] for i in range(len(numbered))) == DOMAINS
    assert text.startswith("# Derived from WordNet 3.0, Copyright 2006 by Princeton University")
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")][1:]
    assert rows == sorted(rows) and all(len(row) == 3 and row[2] and not row[2].endswith(",") for row in rows)
    by_pos = {pos: sum(row[0] == pos for row in rows) for pos in "nvar"}
    assert by_pos["n"] > 50_000 and by_pos["v"] > 5_000 and by_pos["a"] > 4_000 and by_pos["r"] > 200


def test_docstring_examples():
    assert doctest.testmod(wordnet, optionflags=doctest.ELLIPSIS).failed == 0


def test_tables_match_their_source_record():
    text = SOURCE.read_text("utf-8")
    recorded = dict(re.findall(r"^  (wordnet_\w+\.tsv\.gz) .*\n    sha256 ([0-9a-f]{64})$", text, re.MULTILINE))
    assert set(recorded) == {f"{name}.tsv.gz" for name in wordnet.TABLES}
    for name, digest in recorded.items():
        assert hashlib.sha256((RESOURCES / name).read_bytes()).hexdigest() == digest, name
    assert INFO["tables"] == recorded and INFO["version"] == "3.0"
    assert "Permission to use, copy, modify and distribute" in text  # the licence goes with the tables
    rows = dict(re.findall(r"^  (wordnet_\w+)\.tsv\.gz  ([\d,]+) rows", text, re.MULTILINE))
    assert {k: int(v.replace(",", "")) for k, v in rows.items()} == wordnet.load()


@pytest.mark.slow
def test_tool_rebuilds_the_same_bytes(tmp_path):
    spec = importlib.util.spec_from_file_location("wordnet_tables", TOOL)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.main([str(WORDNET_DIR), "--out", str(tmp_path)]) == 0
    for name in [*(f"{t}.tsv.gz" for t in wordnet.TABLES), SOURCE.name]:
        assert (tmp_path / name).read_bytes() == (RESOURCES / name).read_bytes(), name
