import pytest

from analysis import analyze_text
from analysis.article import decode_text, load_text
from analysis.blocks import block_spans, split_blocks
from analysis.errors import AnalysisError

HEADLINE = "Putin sends Trump's messengers packing, with eyes on a geopolitical win"


def roles_of(text):
    return [(b.role, b.text) for b in split_blocks(text)]


def test_seed_block_roles(seed_text):
    blocks = split_blocks(seed_text)
    roles = [b.role for b in blocks]
    assert roles.count("body") == 16
    assert roles.count("caption") == 6
    assert roles.count("timestamp") == 2
    assert roles.count("byline") == 1
    assert roles.count("signoff") == 1
    assert roles.count("boilerplate") == 2
    assert roles.count("headline") == 1
    headline = next(b for b in blocks if b.role == "headline")
    assert headline.text == HEADLINE and headline.para == 0
    assert [b.para for b in blocks if b.role == "body"] == list(range(1, 17))
    assert all(b.para is None for b in blocks if b.role not in ("body", "headline"))


def test_seed_paragraphs_hold_no_page_furniture(seed_text):
    blocks = split_blocks(seed_text)
    furniture = [b.text for b in blocks if b.para is None]
    paragraphs = [b.text for b in blocks if b.para is not None]
    for piece in furniture:
        assert not any(piece in p for p in paragraphs), piece
    for marker in ("Photo:", "(Photo by", "6 minutes ago", "Analysis by", "RNZ app", "- CNN"):
        assert not any(marker in p for p in paragraphs), marker


def test_seed_duplicate_captions_point_to_their_visible_caption(seed_text):
    blocks = split_blocks(seed_text)
    dups = [b for b in blocks if b.duplicate_of is not None]
    assert len(dups) == 3
    for b in dups:
        target = blocks[b.duplicate_of]
        assert b.role == target.role == "caption"
        assert target.block == b.block + 1
        assert target.text[:60] == b.text[:60]


def test_block_offsets_are_exact(seed_text):
    df = analyze_text(seed_text).blocks
    assert list(df.columns[:6]) == ["block", "role", "para", "start", "end", "text"]
    for row in df.itertuples():
        assert seed_text[row.start : row.end] == row.text
        assert row.text == row.text.strip()


@pytest.mark.parametrize(
    "line, role",
    [
        ("6 minutes ago", "timestamp"),
        ("2 hours ago", "timestamp"),
        ("an hour ago", "timestamp"),
        ("Updated 10:42 GMT", "timestamp"),
        ("Published 3 December 2025", "timestamp"),
        ("By Jane Doe, Reuters", "byline"),
        ("Analysis by Nick Paton Walsh, CNN", "byline"),
        ("Opinion by Sam Smith", "byline"),
        ("- CNN", "signoff"),
        ("\u2014 Reuters", "signoff"),
        ("Get the RNZ app", "boilerplate"),
        ("for ad-free news and current affairs", "boilerplate"),
        ("Sign up for our newsletter", "boilerplate"),
        ("Advertisement", "boilerplate"),
        ("Soldiers at the front line. Photo: AFP / Jane Doe", "caption"),
        ("Soldiers at the front line. (Photo by Jane Doe / AFP)", "caption"),
        ("The minister said the talks would resume by Friday after a pause.", "body"),
    ],
)
def test_furniture_rules_are_general(line, role):
    text = f"A headline about talks\n\nThe first body paragraph says something. It has two sentences.\n\n{line}\n\nThe last body paragraph ends here."
    roles = dict((t, r) for r, t in roles_of(text))
    assert roles[line] == role


def test_alt_text_repeated_by_next_caption_is_a_caption():
    text = (
        "Headline here\n\nBody one is here. It goes on.\n\n"
        "Leaders meet in Warsaw in January.\n\n"
        "Leaders meet in Warsaw in January. Photo: Jane Doe / AFP\n\nBody two is here."
    )
    roles = roles_of(text)
    assert [r for r, _ in roles] == ["headline", "body", "caption", "caption", "body"]
    assert split_blocks(text)[2].duplicate_of == 3


def test_article_without_headline_starts_with_body():
    roles = roles_of("This article starts with a sentence. It has no headline.\n\nA second paragraph.")
    assert [r for r, _ in roles] == ["body", "body"]
    assert [b.para for b in split_blocks("First sentence here.\n\nSecond one.")] == [1, 2]


def test_long_paragraph_mentioning_newsletter_stays_body():
    long = "The newsletter " + "was read by many people across the country and abroad " * 4 + "."
    roles = roles_of(f"Head\n\n{long}")
    assert roles[1][0] == "body"


def test_no_blank_lines_gives_one_block_per_line():
    text = "Headline words\nFirst paragraph. Yes.\nSecond paragraph here."
    spans = block_spans(text)
    assert [text[s:e] for s, e in spans] == ["Headline words", "First paragraph. Yes.", "Second paragraph here."]


def test_hard_wrapped_paragraph_is_one_block():
    text = "Headline\n\nA paragraph wrapped\nacross two lines.\n\nNext one."
    assert [text[s:e] for s, e in block_spans(text)] == [
        "Headline",
        "A paragraph wrapped\nacross two lines.",
        "Next one.",
    ]


@pytest.mark.parametrize(
    "raw",
    [
        b"Head\n\nBody text.\n",
        b"Head\r\n\r\nBody text.\r\n",
        b"Head\r\rBody text.\r",
        b"\xef\xbb\xbfHead\n\nBody text.\n",
        b"\xef\xbb\xbfHead\r\n\r\nBody text.\r\n",
    ],
)
def test_decode_normalises_bom_and_line_endings(raw):
    assert decode_text(raw, name="x") == "Head\n\nBody text.\n"


def test_load_text_other_encoding(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("\u201cQuoted\u201d caf\u00e9\r\n".encode("cp1252"))
    assert load_text(path, encoding="cp1252") == "\u201cQuoted\u201d caf\u00e9\n"


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "empty file"),
        (b"   \n\t\n  ", "empty file"),
        (b"abc\x00def", "not a text file"),
        (b"caf\xe9 au lait", "not valid UTF-8 at byte 3"),
    ],
)
def test_decode_errors(raw, message):
    with pytest.raises(AnalysisError, match=message):
        decode_text(raw, name="bad.txt")


def test_load_text_errors(tmp_path):
    with pytest.raises(AnalysisError, match="no such file"):
        load_text(tmp_path / "missing.txt")
    with pytest.raises(AnalysisError, match="is a directory"):
        load_text(tmp_path)
    with pytest.raises(AnalysisError, match="unknown encoding"):
        (tmp_path / "a.txt").write_text("x")
        load_text(tmp_path / "a.txt", encoding="no-such-codec")


def test_a_long_paragraph_quoting_a_credit_stays_body():
    long = (
        "The agency wrote Photo: AFP under every picture, "
        + "and the talks went on for hours without a result " * 20
        + "."
    )
    roles = roles_of(f"Head\n\n{long}\n\nShort caption of a summit. Photo: AFP / Jane Doe")
    assert [r for r, _ in roles] == ["headline", "body", "caption"]


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, Moscow had rejected the plan outright.",
        "Russian state media urged viewers to subscribe to its Telegram channels.",
        "The Kremlin's newsletter called the summit a triumph.",
        'Trump said he would "click here and there" on the deal.',
        "Analysis of the satellite images shows new trenches.",
        "Updated talks are expected next week.",
    ],
)
def test_sentences_about_furniture_words_stay_body(line):
    text = f"A headline about talks\n\nThe first body paragraph says something. It has two sentences.\n\n{line}\n\nThe last body paragraph ends here."
    assert dict((t, r) for r, t in roles_of(text))[line] == "body"
