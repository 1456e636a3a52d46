"""Property-based tests: for arbitrary Unicode text the pipeline never crashes and every offset holds."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.article import decode_text
from analysis.codebook import parse_codebook
from analysis.errors import AnalysisError
from analysis.result import analyze_text

CODEBOOK = parse_codebook(
    "frames:\n  f:\n    terms: [deal, hotel, beg, send, us]\n    phrases: ['send * back', 'real estate', 'set fire to']\n"
    "actors:\n  X: [US, Putin, 'White House']\n"
)
WORDS = [
    "deal",
    "hotel",
    "begged",
    "sent",
    "the",
    "dish",
    "back",
    "real-estate",
    "US",
    "us",
    "Putin's",
    "White",
    "House",
    "set",
    "fire",
    "to",
    "Mr.",
    "U.S.",
    "e\u0301",
    "\U0001f600",
    "\u200b",
    "caf\u00e9",
    "\u05e9\u05dc\u05d5\u05dd",
    "Photo:",
    "By",
    "6 minutes ago",
    "- CNN",
]
SEPARATORS = [" ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\n \n", ". ", "? ", "! ", ", ", " - ", "\u00a0", "\n\n\n"]

structured = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=80).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)
arbitrary = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


def check_invariants(result):
    text = result.text
    for table, col in (
        ("blocks", "text"),
        ("paragraphs", "text"),
        ("sentences", "text"),
        ("tokens", "token"),
        ("frame_hits", "matched_text"),
        ("actor_mentions", "matched_text"),
    ):
        df = getattr(result, table)
        for s, e, t in zip(df["start"], df["end"], df[col]):
            assert 0 <= s < e <= len(text) and text[s:e] == t, (table, s, e, t)
    blocks = result.blocks
    assert (blocks["start"].to_numpy()[1:] >= blocks["end"].to_numpy()[:-1]).all(), "blocks overlap"
    paras = result.paragraphs
    assert (paras["start"].to_numpy()[1:] >= paras["end"].to_numpy()[:-1]).all(), "paragraphs overlap"
    bounds = dict(zip(paras["para"], zip(paras["start"], paras["end"])))
    sents = result.sentences
    for p, s, e in zip(sents["para"], sents["start"], sents["end"]):
        assert bounds[p][0] <= s and e <= bounds[p][1]
    for _, g in sents.groupby("para"):
        assert (g["start"].to_numpy()[1:] >= g["end"].to_numpy()[:-1]).all(), "sentences overlap"
    sbounds = dict(zip(zip(sents["para"], sents["sent"]), zip(sents["start"], sents["end"])))
    toks = result.tokens
    for p, n, s, e in zip(toks["para"], toks["sent"], toks["start"], toks["end"]):
        lo, hi = sbounds[(p, n)]
        assert lo <= s and e <= hi
    for df in (result.frame_hits, result.actor_mentions):
        for p, n, s, e in zip(df["para"], df["sent"], df["start"], df["end"]):
            lo, hi = sbounds[(p, n)]
            assert lo <= s and e <= hi
    assert result.frame_counts["hits"].sum() == len(result.frame_hits)


def run(raw: str):
    try:
        text = decode_text(raw.encode("utf-8"), name="prop.txt")
    except AnalysisError:
        return  # empty, binary or control characters: a clear error is the correct result
    check_invariants(analyze_text(text, codebook=CODEBOOK))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structured)
def test_structured_text_keeps_every_offset_invariant(raw):
    run(raw)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arbitrary)
def test_arbitrary_unicode_never_crashes(raw):
    run(raw)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_a_result_or_a_clear_error(data):
    try:
        text = decode_text(data, name="b.bin")
    except AnalysisError as exc:
        assert str(exc).startswith("b.bin: ")
        return
    check_invariants(analyze_text(text, codebook=CODEBOOK))
