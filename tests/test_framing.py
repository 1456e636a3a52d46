import re

import pytest

import analysis
from analysis.codebook import parse_codebook
from analysis.errors import AnalysisError
from analysis.framing import frame_matrix, kwic
from analysis.matching import Matcher, dateline_end, sentence_units
from analysis.tokenize import token_spans


def codebook(terms=(), phrases=(), actors=None):
    doc = {"frames": {"f": {"terms": list(terms), "phrases": list(phrases)}}}
    if actors:
        doc["actors"] = actors
    import yaml

    return parse_codebook(yaml.safe_dump(doc))


def hits(text, terms=(), phrases=()):
    r = analysis.analyze_text(text, codebook=codebook(terms, phrases))
    return r.frame_hits["matched_text"].tolist()


# (terms, phrases, text, expected matched texts) -- the matching rules of docs/codebook-format.md
RULES = [
    # inflections on Snowball stems
    (["squatter"], [], "Two squatters and a squatter.", ["squatters", "squatter"]),
    (["beg"], [], "He begged, she is begging, it begs.", ["begged", "begging", "begs"]),
    # irregular forms through the shipped table
    ([], ["send * back"], "Putin sent the dish back.", ["sent the dish back"]),
    (["man"], [], "Three men and a man.", ["men", "man"]),
    (["send"], [], "She sent it.", ["sent"]),
    # case-insensitive
    (["hotel"], [], "HOTEL, Hotel and hotel.", ["HOTEL", "Hotel", "hotel"]),
    # possessives
    (["washington"], [], "Washington's view and Washington\u2019s aim.", ["Washington's", "Washington\u2019s"]),
    # gaps: * skips 0 to 3 words
    (
        [],
        ["send * back"],
        "Send back. Send it back. Send the cold dish back. Send the very cold dish back.",
        ["Send back", "Send it back", "Send the cold dish back"],
    ),
    # phrases in order, within one sentence
    ([], ["set fire to"], "They set fire to it. Fire to set.", ["set fire to"]),
    ([], ["real estate"], "It is real. Estate agents agree.", []),
    # punctuation between words is transparent
    ([], ["frail nation"], "A frail, tired nation; a frail, nation.", ["frail, nation"]),
    # hyphenated and spaced forms match each other
    ([], ["real estate"], "A real-estate tycoon in real estate.", ["real-estate", "real estate"]),
    (["micro-moments"], [], "Televised micro moments and micro-moments.", ["micro moments", "micro-moments"]),
    # part of a hyphenated word
    (["stretched"], [], "An over-stretched army.", ["stretched"]),
    # longest match wins inside a frame; a word counts once
    (["deal"], ["close the deal"], "Close the deal, then another deal.", ["Close the deal", "deal"]),
    (["fire"], ["set fire to"], "They set fire to it.", ["set fire to"]),
    # capitals-only entries
    (["US"], [], "The US told us, and the U.S. agreed.", ["US"]),
    (["NATO"], [], "NATO and nato.", ["NATO"]),
    # no partial-word matches
    (["win"], [], "Growing wins, a win, winter.", ["wins", "win"]),
]


@pytest.mark.parametrize("terms, phrases, text, expected", RULES)
def test_matching_rules(terms, phrases, text, expected):
    assert hits(text, terms, phrases) == expected


def test_two_frames_may_share_words():
    cb = parse_codebook("frames:\n  food: {terms: [sweetener]}\n  deal: {terms: [sweetener]}\n")
    r = analysis.analyze_text("Whatever sweeteners he attached.", codebook=cb)
    assert sorted(r.frame_hits["frame"]) == ["deal", "food"]


def test_actor_aliases_longest_match_and_capitals():
    cb = parse_codebook(
        "frames:\n  f: {terms: [x]}\nactors:\n  Trump: [Trump, US President Donald Trump]\n"
        "  United States: [US, Washington]\n"
    )
    r = analysis.analyze_text(
        "US President Donald Trump spoke. Tell us, said Washington's man. Trump's aide agreed.", codebook=cb
    )
    m = r.actor_mentions
    assert list(zip(m["actor"], m["matched_text"])) == [
        ("Trump", "US President Donald Trump"),  # its "US" is not also a mention of the United States
        ("United States", "Washington's"),
        ("Trump", "Trump's"),
    ]


def test_matching_is_indexed_by_first_stem():
    cb = codebook(terms=[f"word{i}" for i in range(2000)], phrases=["a * b"])
    m = cb.frame_matcher()
    assert len(m.index["word5"]) == 1 and len(m.index["a"]) == 1


# ---------------------------------------------------------------- codebook validation, one error at a time

BAD = [
    ("frames:\n  food:\n    terms: [bread, beer, '']\n", "frames.food.terms[2]: empty entry"),
    ("frames:\n  food:\n    terms: [bread]\n    colour: red\n", "frames.food.colour: unknown key"),
    ("frame:\n  food:\n    terms: [bread]\n", "frame: unknown key"),
    ("frames:\n  Food:\n    terms: [bread]\n", "frames.Food: bad id"),
    ("frames:\n  food-stuff:\n    terms: [bread]\n", "frames.food-stuff: bad id"),
    ("frames:\n  food:\n    terms: [bread]\n  food:\n    terms: [beer]\n", "duplicate key 'food'"),
    ("frames:\n  food:\n    phrases: ['*']\n", "frames.food.phrases[0]: a phrase cannot be only '*'"),
    ("frames:\n  food:\n    phrases: ['* dish']\n", "cannot start or end with '*'"),
    (
        "frames:\n  food:\n    phrases: ['!!! * dish']\n",
        "frames.food.phrases[0]: a phrase cannot start or end with '*'",
    ),
    ("frames:\n  food:\n    phrases: ['a * b * c * d * e * f']\n", "a phrase has at most 4 '*' gaps, not 5"),
    (
        "frames:\n  food:\n    terms: [dish]\n    phrases: ['a dish']\n    label: " + "x" * 101 + "\n",
        "frames.food.label: a label has at most 100 characters",
    ),
    ("frames:\n  food:\n    terms: [set fire]\n", "frames.food.terms[0]: a term is a single word"),
    ("frames:\n  food:\n    terms: [12, bread]\n", "frames.food.terms[0]: must be a string, not int"),
    ("frames:\n  food:\n    terms: [true]\n", "must be a string, not bool"),
    ("frames:\n  food:\n    terms: bread\n", "frames.food.terms: must be a list"),
    (
        "frames:\n  food:\n    terms: [bread, breads]\n",
        "frames.food.terms[1]: 'breads' matches the same words as frames.food.terms[0]",
    ),
    ("frames:\n  food:\n    label: 3\n    terms: [bread]\n", "frames.food.label: must be a string"),
    ("frames:\n  food: {}\n", "frames.food: no terms and no phrases"),
    ("frames:\n  food:\n    terms: ['!!!']\n", "no word to match"),
    ("actors:\n  Putin: []\n", "actors.Putin: no aliases"),
    ("actors:\n  Putin: [Putin, '']\n", "actors.Putin[1]: empty entry"),
    ("[1, 2]\n", "a codebook is a mapping"),
    ("", "empty codebook"),
    ("frames: {}\nactors: {}\n", "no frames and no actors"),
    ("frames:\n  food: [\n", "not a valid codebook"),
    ("frames: !!python/object:os.system {}\n", "not a valid codebook"),
]


@pytest.mark.parametrize("yaml_text, message", BAD)
def test_invalid_codebooks_are_refused(yaml_text, message):
    with pytest.raises(AnalysisError) as err:
        parse_codebook(yaml_text, source="my.yml")
    assert str(err.value).startswith("my.yml: ")
    assert message in str(err.value)


def test_yaml_alias_bomb_is_refused():
    bomb = "a: &a [x, x]\n" + "".join(
        f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}, *{'a' if i == 0 else f'b{i - 1}'}]\n" for i in range(60)
    )
    with pytest.raises(AnalysisError, match="aliases"):
        parse_codebook(bomb, source="bomb.yml")


def test_cli_refuses_bad_codebook(cli, seed_path, tmp_path):
    bad = tmp_path / "my.yml"
    bad.write_text("frames:\n  food:\n    terms: [bread, beer, '']\n")
    res = cli("analyze", seed_path, "--codebook", bad, "--out", tmp_path / "o")
    assert res.returncode == 2
    assert res.stderr.strip() == f"error: {bad}: frames.food.terms[2]: empty entry"
    assert not (tmp_path / "o").exists()
    res = cli("check-codebook", bad)
    assert res.returncode == 2 and "frames.food.terms[2]" in res.stderr


def test_cli_uses_a_users_codebook(cli, seed_path, tmp_path):
    mine = tmp_path / "mine.yml"
    mine.write_text("frames:\n  hospitality:\n    terms: [hotel, entertain]\nactors:\n  Witkoff: [Witkoff]\n")
    res = cli("analyze", seed_path, "--codebook", mine, "--out", tmp_path / "o")
    assert res.returncode == 0, res.stderr
    hits = (tmp_path / "o" / "frame_hits.csv").read_text().splitlines()
    assert hits[0] == "para,sent,frame,entry,start,end,matched_text,left,right,figurative"
    assert {line.split(",")[2] for line in hits[1:]} == {"hospitality"}
    assert len(hits) == 3  # "entertain" (para 1) and "hotel" (para 15)


# ---------------------------------------------------------------- the seed with the default codebook


def test_seed_paragraph_15_is_an_extended_real_estate_metaphor(seed_result):
    counts = seed_result.frame_counts.set_index(["para", "frame"])
    assert bool(counts.loc[(15, "real_estate"), "extended"])
    h = seed_result.frame_hits
    p15 = h[(h["para"] == 15) & (h["frame"] == "real_estate")]
    words = " ".join(p15["matched_text"]).lower()
    for needle in ("squatter", "hotel", "tycoon", "purchaser", "subcontractors", "property", "set fire to"):
        assert needle in words


def test_seed_expected_frames(seed_result):
    h = seed_result.frame_hits
    assert sorted(set(h[h["frame"] == "begging"]["para"])) == [1, 4, 16]
    desert6 = set(h[(h["frame"] == "desert") & (h["para"] == 6)]["matched_text"])
    assert {"mirage", "desert"} <= desert6
    dish = h[(h["frame"] == "food") & (h["para"] == 12)]
    assert "sent the dish back" in dish["matched_text"].tolist()
    assert "dish" not in dish["matched_text"].tolist()  # one phrase, not also the word


def test_seed_hits_stay_inside_analysed_paragraphs(seed_result):
    h, p = seed_result.frame_hits, seed_result.paragraphs.set_index("para")
    for row in h.itertuples():
        assert p.loc[row.para, "start"] <= row.start < row.end <= p.loc[row.para, "end"]
        para_text = p.loc[row.para, "text"]
        assert row.left + row.matched_text + row.right in para_text
        assert len(row.left) <= 60 and len(row.right) <= 60


def test_extended_min_is_configurable(seed_path):
    r5 = analysis.analyze(seed_path, extended_min=5)
    r13 = analysis.analyze(seed_path, extended_min=13)
    c5, c13 = r5.frame_counts, r13.frame_counts
    assert c5[c5["extended"]][["para", "frame"]].values.tolist() == [[15, "real_estate"]]
    assert not c13["extended"].any()


def test_frame_counts_grid(seed_result):
    c = seed_result.frame_counts
    assert len(c) == 17 * len(seed_result.codebook.frames)
    assert c["hits"].sum() == len(seed_result.frame_hits)
    m = frame_matrix(seed_result)
    assert list(m.index) == list(seed_result.codebook.frames)
    assert m.loc["real_estate", 15] == 12


def test_kwic(seed_result):
    k = kwic(seed_result, "desert", window=20)
    assert set(k["frame"]) == {"desert"}
    assert all(len(s) == 20 for s in k["left"])
    assert (k["match"] == seed_result.frame_hits.query("frame == 'desert'")["matched_text"].to_numpy()).all()


def test_default_codebook_descriptions_quote_the_seed(seed_text):
    cb = analysis.load_codebook()
    required = {"real_estate", "food", "begging", "frailty", "desert", "spectacle", "game"}
    assert required <= set(cb.frames)
    import re

    for frame in cb.frames.values():
        quotes = re.findall(r'"([^"]+)"', frame.description)
        assert quotes, frame.id
        flat = " ".join(seed_text.split()).lower()
        for q in quotes:
            assert " ".join(q.split()).lower() in flat, (frame.id, q)
    for actor in (
        "Putin",
        "Trump",
        "Zelensky",
        "Witkoff",
        "Kushner",
        "Ushakov",
        "Russia",
        "United States",
        "Ukraine",
        "Europe",
    ):
        assert actor in cb.actors


def test_sentences_without_a_start_token_have_no_match(seed_result):
    """article_records skips matching where no token can start an entry: that must lose no hit."""
    from analysis.codebook import load_codebook
    from analysis.datasets import nyt_editorials
    from analysis.matching import sentence_units
    from analysis.tokenize import sentence_spans, token_spans

    cb = load_codebook()
    starts = cb.start_tokens()
    first = set(cb.frame_matcher().index) | set(cb.actor_matcher().index)
    texts = list(seed_result.sentences["text"])
    texts += [p[a:b] for _, t in nyt_editorials()[:40] for p in t.split("\n\n") for a, b in sentence_spans(p)]
    n_skipped = 0
    for text in texts:
        spans = token_spans(text)
        units = sentence_units(text, spans)
        flagged = [starts[text[a:b]] for a, b in spans]
        assert flagged == [any(u[0] in first for u in sentence_units(text[a:b], [(0, b - a)])) for a, b in spans]
        if not any(flagged):
            n_skipped += 1
            assert cb.frame_matcher().find_units(units) == [] and cb.actor_matcher().find_units(units) == []
    assert 0 < n_skipped < len(texts)


# ---------------------------------------------------------------- issue 15: wildcards, concordance, datelines

WILD_TEXT = (
    "Regulators act\n\n"
    "Regulators regulate. The self-regulation of regul and regulat firms. "
    "They tighten the regulatory grip. NATO and the nation."
)


def test_prefix_wildcards_match_the_surface_form_lower_cased():
    cb = parse_codebook(
        'frames:\n  reg: {terms: ["regulat*"], phrases: ["tighten * regulat*"]}\n  caps: {terms: ["NAT*"]}\n'
    )
    r = analysis.analyze_text(WILD_TEXT, codebook=cb)
    got = [(f, e, s, z, m) for f, e, s, z, m in r.frame_hits[["frame", "entry", "start", "end", "matched_text"]].values]
    assert got == [
        ("reg", "regulat*", 0, 10, "Regulators"),
        ("reg", "regulat*", 16, 26, "Regulators"),
        ("reg", "regulat*", 27, 35, "regulate"),
        ("reg", "regulat*", 46, 56, "regulation"),  # the part of "self-regulation"
        ("reg", "regulat*", 70, 77, "regulat"),  # not "regul": shorter than the prefix
        ("reg", "tighten * regulat*", 90, 112, "tighten the regulatory"),  # the longer match wins
        ("caps", "NAT*", 119, 123, "NATO"),  # capitals only: not "nation"
    ]
    assert all(r.text[s:z] == m for _, _, s, z, m in got)


MIDDLE = (
    "'*' goes only at the end of a word (regulat*) or alone between words (a gap), not at the start or in the middle"
)
SHORT = "a wildcard needs at least 3 letters or digits before its '*', not"


@pytest.mark.parametrize(
    "entry, message",
    [
        ("re*", f"{SHORT} 're*'"),
        ("self-re*", f"{SHORT} 'self-re*'"),
        ("U.S*", f"{SHORT} 'U.S*'"),
        ("reg*lat", f"{MIDDLE} of 'reg*lat'"),
        ("*ulation", f"{MIDDLE} of '*ulation'"),
    ],
)
def test_bad_wildcards_are_refused(entry, message):
    with pytest.raises(AnalysisError) as err:
        parse_codebook(f'frames:\n  f: {{terms: ["{entry}"]}}\n', source="my.yml")
    assert str(err.value) == f"my.yml: frames.f.terms[0]: {message}"


def test_concordance_of_any_pattern_has_exact_offsets():
    r = analysis.analyze_text(WILD_TEXT)
    lines = analysis.concordance(r, "regulat*", window=12)
    assert list(lines.columns) == ["para", "sent", "start", "end", "left", "match", "right"]
    assert lines.values.tolist() == [
        [0, 1, 0, 10, "", "Regulators", "act"],
        [1, 1, 16, 26, "", "Regulators", "regulate. T"],
        [1, 1, 27, 35, "Regulators", "regulate", ". The self-r"],
        [1, 2, 46, 56, "e. The self-", "regulation", "of regul an"],
        [1, 2, 70, 77, "f regul and", "regulat", "firms. They"],
        [1, 3, 102, 112, "tighten the", "regulatory", "grip. NATO"],
    ]
    assert all(r.text[s:e] == m for s, e, m in lines[["start", "end", "match"]].values)
    sent_back = analysis.concordance(analysis.analyze_text("Head\n\nShe sent the dish back."), "send * back")
    assert sent_back[["start", "end", "match"]].values.tolist() == [[10, 28, "sent the dish back"]]
    assert analysis.concordance(r, "zebra").empty


@pytest.mark.parametrize(
    "pattern, message",
    [
        ("", "pattern '': empty entry"),
        ("*", "pattern '*': a phrase cannot be only '*'"),
        ("send *", "pattern 'send *': a phrase cannot start or end with '*' ('send *')"),
        ("wi*", "pattern 'wi*': a wildcard needs at least 3 letters or digits before its '*', not 'wi*'"),
    ],
)
def test_concordance_refuses_a_bad_pattern(pattern, message):
    r = analysis.analyze_text(WILD_TEXT)
    with pytest.raises(AnalysisError) as err:
        analysis.concordance(r, pattern)
    assert str(err.value) == message


def test_kwic_of_an_unknown_frame_is_an_analysis_error():
    r = analysis.analyze_text(WILD_TEXT)
    with pytest.raises(AnalysisError, match=r"unknown frame 'nope' \(the codebook's frames: real_estate, food"):
        kwic(r, "nope")


DATELINES = (
    "Head\n\n"
    "WASHINGTON (Reuters) - Washington said no.\n\n"
    "WASHINGTON, Nov 5 (Reuters) - The U.S. said no.\n\n"
    "NEW YORK \u2014 America said no.\n\n"
    "Washington (CNN) \u2014 Washington said no.\n\n"
    "Washington - the city - said no. WASHINGTON - not a dateline here."
)


def test_an_alias_in_a_dateline_is_no_mention():
    cb = parse_codebook("actors:\n  US: [Washington, U.S., America, New York]\n")
    r = analysis.analyze_text(DATELINES, codebook=cb)
    got = r.actor_mentions[["para", "start", "matched_text"]].values.tolist()
    assert got == [
        [1, 29, "Washington"],
        [2, 84, "U.S."],
        [3, 110, "America"],
        [4, 147, "Washington"],
        [5, 168, "Washington"],  # title case without a source in parentheses: no dateline
        [5, 201, "WASHINGTON"],  # not at the start of the paragraph
    ]
    assert dateline_end("Analysis - Vladimir Putin does not want a deal") == 0  # the seed's first paragraph
    assert dateline_end("KYIV, Ukraine, Nov. 5 (Reuters) -- Text") == len("KYIV, Ukraine, Nov. 5 (Reuters) -- ")


def test_exclusive_matcher_gives_a_word_to_the_longest_alias_across_groups():
    text = "The Public Utilities Commission fined the utility."
    units = sentence_units(text, token_spans(text))
    groups = [("Utility", ("utility",)), ("Commission", ("Public Utilities Commission",))]
    both = [(g, e, text[s:z]) for g, e, s, z in Matcher(groups).find_units(units)]
    assert both == [
        (1, "Public Utilities Commission", "Public Utilities Commission"),
        (0, "utility", "Utilities"),
        (0, "utility", "utility"),
    ]
    one = [(g, text[s:z]) for g, _, s, z in Matcher(groups, exclusive=True).find_units(units)]
    assert one == [(1, "Public Utilities Commission"), (0, "utility")]
    same = Matcher([("A", ("utility",)), ("B", ("utilities",))], exclusive=True).find_units(units)
    assert [(g, text[s:z]) for g, _, s, z in same] == [(0, "Utilities"), (0, "utility")]  # a tie: codebook order


QUOTED_TEXT = (
    "Games\n\nThe game is on. A game's rules were set by gamers. Games and games. "
    "The real-estate market and real estate agents. Game over for the gaming boss."
)


@pytest.mark.parametrize(
    "pattern, matches",
    [
        ('"game"', ["game", "game's", "Game"]),  # no stemming: not "Games", "gamers", "gaming"
        ("game", ["Games", "game", "game's", "Games", "games", "Game", "gaming"]),  # the stem, for comparison
        ('"games"', ["Games", "Games", "games"]),
        ("“game”", ["game", "game's", "Game"]),  # curly quotes
        ('the "game"', ["The game"]),  # quoted and stemmed words mix
        ('"real estate"', ["real-estate", "real estate"]),  # each word of a quoted run is exact
        ('"game" over * "boss"', ["Game over for the gaming boss"]),
    ],
)
def test_quoted_words_are_matched_exactly(pattern, matches):
    r = analysis.analyze_text(QUOTED_TEXT)
    hits = analysis.concordance(r, pattern)
    assert list(hits["match"]) == matches
    assert all(r.text[s:e] == m for s, e, m in zip(hits["start"], hits["end"], hits["match"]))


def test_quoted_words_in_a_codebook_match_exactly():
    cb = parse_codebook("frames:\n  play:\n    terms: ['\"game\"', 'gamer']\n")
    r = analysis.analyze_text(QUOTED_TEXT, codebook=cb)
    assert list(r.frame_hits["matched_text"]) == ["game", "game's", "gamers", "Game"]


@pytest.mark.parametrize(
    "entry, message",
    [
        ('"game', "a quote is left open"),
        ('ga"me', "a quote goes around whole words"),
        ('"send * back"', "no '*' or inner quote"),
        ('"reg*"', "no '*'"),
    ],
)
def test_bad_quotes_are_refused(entry, message):
    with pytest.raises(AnalysisError, match=re.escape(message)):
        analysis.concordance(analysis.analyze_text(QUOTED_TEXT), entry)
