"""The block classifier on whole-page pastes (issue 13): page furniture gets its role, the article stays body.

Constructed pastes check each rule; four real pages of the Zyte benchmark
(``data/external/article_extraction/pasted``, MIT) check the body against the
benchmark's ground truth with its 4-gram shingle F1 (``conftest.shingle_f1``)
and the roles of known furniture lines.
"""

from __future__ import annotations

import pytest
from conftest import BENCHMARK_PAGES, benchmark_truth, best_time, shingle_f1

from analysis.blocks import ROLES, split_blocks

PARAGRAPHS = [
    "The minister said on Tuesday that the talks would resume next week, after a pause of almost a month.",
    "Negotiators from both sides have met four times since the spring, and each round has ended without a deal.",
    "Analysts expect the next round to focus on energy prices, which have risen sharply since the summer.",
    "The opposition called the plan a betrayal and promised to vote against it when it reaches parliament.",
    "Officials declined to say whether a deal could be signed before the end of the year.",
]
MENU = ["Skip to main content", "* Home", "* World", "* Politics", "* Business", "* Sport", "* Search"]
TEASERS = [
    "Related stories",
    "* Floods force thousands from their homes in the north",
    "* Central bank holds rates as inflation slows",
    "* Five things to watch at the summit this week",
]
COMMENTS = [
    "12 Comments",
    "jdoe",
    "2 hours ago",
    "I think the minister is right, and the opposition is only playing politics with this deal as always.",
    "Reply",
    "ann_k",
    "3 hours ago",
    "Nobody believes the talks will resume next week. We have heard this story many times before.",
    "Reply",
]
FOOTER = ["* About us", "* Contact", "* Privacy Policy", "* Terms of Use", "© 2025 Example Media. All rights reserved."]
HEADLINE = "Talks to resume next week, minister says"


def page(*parts: list[str]) -> str:
    return "\n\n".join(line for part in parts for line in part) + "\n"


def roles(text: str) -> dict[str, str]:
    return {b.text: b.role for b in split_blocks(text)}


def body(text: str) -> list[str]:
    return [b.text for b in split_blocks(text) if b.role == "body"]


def test_new_roles_follow_the_old_ones():
    assert ROLES[:7] == ("headline", "timestamp", "byline", "caption", "body", "signoff", "boilerplate")
    assert set(ROLES[7:]) == {"navigation", "related", "comment", "legal"}


def test_a_whole_page_keeps_the_article_and_gives_the_furniture_its_role():
    text = page(MENU, ["World", HEADLINE, "By Jane Doe, Reuters"], PARAGRAPHS, TEASERS, COMMENTS, FOOTER)
    got = roles(text)
    blocks = split_blocks(text)
    assert body(text) == PARAGRAPHS
    assert [b.para for b in blocks if b.role == "body"] == [1, 2, 3, 4, 5]
    headline = [b for b in blocks if b.role == "headline"]
    assert [(b.text, b.para) for b in headline] == [(HEADLINE, 0)]
    assert got["By Jane Doe, Reuters"] == "byline"
    assert {got[line] for line in MENU} == {"navigation"}
    assert got["World"] == "navigation"  # a section label, not the headline
    assert got["Related stories"] == "related"
    assert {got[line] for line in TEASERS[1:]} == {"related"}
    assert {got[line] for line in COMMENTS if line not in ("2 hours ago", "3 hours ago")} == {"comment"}
    assert {got[line] for line in FOOTER[2:]} == {"legal"}
    assert all(b.para is None for b in blocks if b.role not in ("headline", "body"))


def test_a_comment_section_longer_than_the_article_is_not_taken_for_it():
    long_comment = " ".join(["This comment goes on and on about the deal, and it says nothing new."] * 12)
    text = page(
        MENU, [HEADLINE], PARAGRAPHS, COMMENTS, ["bob", "4 hours ago", long_comment, "Reply", "5 likes"], FOOTER
    )
    assert body(text) == PARAGRAPHS
    assert roles(text)[long_comment] == "comment"


def test_subheadings_and_short_lines_inside_the_article_stay_body():
    article = [PARAGRAPHS[0], "What comes next", PARAGRAPHS[1], "Advertisement", PARAGRAPHS[2], "* A list item"]
    article += PARAGRAPHS[3:]
    text = page(MENU, [HEADLINE], article, FOOTER)
    got = roles(text)
    assert got["What comes next"] == got["* A list item"] == "body"
    assert got["Advertisement"] == "boilerplate"
    assert body(text) == [line for line in article if line != "Advertisement"]


def test_a_wire_story_with_a_section_label_and_a_copyright_line():
    text = page(["World", HEADLINE], PARAGRAPHS, ["\u00a9 2025 Reuters. All rights reserved."])
    blocks = split_blocks(text)
    assert [b.role for b in blocks] == ["navigation", "headline"] + ["body"] * 5 + ["legal"]
    assert blocks[1].text == HEADLINE and blocks[1].para == 0


def test_a_standfirst_above_the_byline_and_an_authors_note_are_not_body():
    standfirst = "Both sides say a deal is close, but the hardest questions are still open."
    note = ["Jane Doe", "Jane Doe is a reporter covering European politics."]
    for menu in (MENU, []):  # on a page and in a plain article
        text = page(menu, [HEADLINE, standfirst, "Nov. 19, 2019, 8:41 AM UTC", "By Jane Doe"], PARAGRAPHS, note)
        got = roles(text)
        assert body(text) == PARAGRAPHS, menu
        assert got["Nov. 19, 2019, 8:41 AM UTC"] == "timestamp"
        assert got[note[1]] == "byline"
        assert [b.text for b in split_blocks(text) if b.role == "headline"] == [HEADLINE]


def test_buttons_of_an_embedded_post_a_links_box_and_a_table_stay_inside_the_article():
    table = ["Pos  Player   Points", "1    Jane Doe     40", "2    Ann Kay      35", "3    Bob Roe      30"]
    box = ["More:", "* Floods force thousands from their homes", "* Central bank holds rates"]
    article = [PARAGRAPHS[0], *box, PARAGRAPHS[1], "Image copyright @minister", "Report", PARAGRAPHS[2]]
    article += [*table, *PARAGRAPHS[3:]]
    text = page(MENU, [HEADLINE, "By Jane Doe, Reuters"], article, FOOTER)
    got = roles(text)
    assert body(text) == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2], *table, *PARAGRAPHS[3:]]
    assert {got[line] for line in box} == {"related"}
    assert got["Image copyright @minister"] == "caption"


@pytest.mark.parametrize(
    "text, expected",
    [
        (page([HEADLINE], PARAGRAPHS), ["headline"] + ["body"] * 5),
        (page(PARAGRAPHS[:1]), ["body"]),
        # a poem: short lines, no sentence ends, no furniture
        (
            page(["Stopping by", "Whose woods these are I think I know", "His house is in the village though"]),
            ["headline", "body", "body"],
        ),
        # quotes, one a line, without blank lines
        ("\n".join(f'"Quote number {i} is short," she said.' for i in range(12)), ["body"] * 12),
        # an article with a bulleted list, inside or at its end, keeps every item
        (page([HEADLINE, PARAGRAPHS[0], "* one", "* two", "* three", "* four", PARAGRAPHS[1]]), None),
        (page([HEADLINE], PARAGRAPHS[:2], [f"* Point number {i} of the plan" for i in range(8)], PARAGRAPHS[2:]), None),
        (page([HEADLINE], PARAGRAPHS, [f"* Point number {i} of the plan" for i in range(8)]), None),
    ],
    ids=["clean-article", "one-paragraph", "poem", "quotes", "bulleted-list", "list-inside", "list-at-the-end"],
)
def test_text_without_page_furniture_behaves_as_before(text, expected):
    got = [b.role for b in split_blocks(text)]
    if expected is None:
        expected = ["headline"] + ["body"] * (len(got) - 1)
    assert got == expected


# Real pages: (id prefix, body F1 floor, {furniture line: role}, headline)
PAGES = [
    (
        "042bb7b5",  # menus of a whole news group, a paywalled article, footer links
        0.9,
        {
            "* Copyright \u00a92019 Dow Jones & Company, Inc. All Rights Reserved.": "legal",
            "* Privacy Policy": "legal",
            "Home": "navigation",
            "Most Popular Articles": "related",
        },
        "Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play\u2026and Pay",
    ),
    (
        "1f765c48",  # a cookie banner, share buttons, a comment form, lists of news
        0.9,
        {"Search": "navigation", "Recommended": "related", "Comment via Facebook Comment via Sputnik": "comment"},
        "Royal Self-Indicting Arrogance",
    ),
    (
        "232a43fb",  # a comment section longer than the article
        0.9,
        {"[ 167 comments ]": "comment", "Rating: 36 Votes": "comment", "Top Rated Comments": "comment"},
        "13-Inch MacBook Pro With Scissor Keyboard Expected in First Half of 2020",
    ),
    (
        "2c46804d",  # teasers inside the article and after it, a copyright line
        0.88,
        {"Trending News": "related", "\u00a9 2019 CBS Interactive Inc. All Rights Reserved.": "legal"},
        None,
    ),
]


@pytest.mark.parametrize("prefix, floor, furniture, headline", PAGES, ids=[p[0] for p in PAGES])
def test_real_pasted_pages(prefix, floor, furniture, headline):
    (path,) = (BENCHMARK_PAGES / "pasted").glob(f"{prefix}*.txt")
    text = path.read_text("utf-8")
    blocks = split_blocks(text)
    predicted = "\n".join(b.text for b in blocks if b.para is not None and b.para >= 1)
    _, _, f1 = shingle_f1(benchmark_truth(path.stem), predicted)
    assert f1 >= floor, f"{prefix}: body F1 {f1:.3f} < {floor}"
    assert f1 > shingle_f1(benchmark_truth(path.stem), text)[2] + 0.2  # far better than no cleaning
    got = {b.text: b.role for b in blocks}
    for line, role in furniture.items():
        assert got[line] == role, (line, got[line])
    if headline is not None:
        assert [b.text for b in blocks if b.role == "headline"] == [headline]


def test_a_page_is_classified_in_linear_time():
    def paste(n: int) -> str:
        unit = MENU + [HEADLINE] + PARAGRAPHS + TEASERS + COMMENTS + FOOTER
        return page(*([unit] * n))

    small_page, large_page = paste(10), paste(40)
    split_blocks(small_page)
    small, large = best_time(lambda: split_blocks(small_page)), best_time(lambda: split_blocks(large_page))
    assert large / small < 10, f"4x the page took {large / small:.1f}x the time"
