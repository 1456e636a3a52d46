"""Split an article's text into blocks and give each block a role.

Roles (``ROLES``): a news page pasted as text carries more than the article.
Only the headline and body blocks are analysed; timestamps, bylines, photo
captions, sign-offs, app/ad boilerplate and, on a whole page copied from a
browser, navigation, related articles, comments and legal lines keep their role
in ``blocks.csv`` but get no paragraph number, so they never enter sentiment,
framing or actor counts. The rules are general patterns and signals that need
no markup (documented on each regex and constant below, and in
:func:`classify_blocks`), not tuned to one text.

Hostile input: every regex here is matched in time linear in its input (none
has nested or overlapping repetition that can backtrack; where a bounded
repetition follows an overlapping one, the ``(?=(...))\\1`` idiom makes the
first atomic; photo credits are searched by :func:`_credit_matches`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from .errors import AnalysisError
from .records import Block
from .vocabulary import STOPWORDS

#: No article has more blocks than characters; a role range longer than this is a typo.
MAX_BLOCKS = 300_000
ROLES = (
    "headline",
    "timestamp",
    "byline",
    "caption",
    "body",
    "signoff",
    "boilerplate",
    "navigation",
    "related",
    "comment",
    "legal",
)

# "6 minutes ago", "an hour ago", "Updated 10:42 GMT", "Published 3 December 2025",
# "Updated 10:42 GMT, Tue December 2, 2025", "2 hours ago".
# The second form is "a keyword, then at most 60 characters, a digit, at most 40":
# its leading white space/colons and its digit are matched atomically ((?=(...))\1),
# so that a line of colons and digits cannot make it try every split (cubic).
_TIMESTAMP = re.compile(
    r"""^(?:
        (?:updated|published|posted|last\ updated)?\s*
        (?:\d+|an?|one)\s+(?:second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago
      | (?:updated|published|posted|last\ updated)\b(?=([\s:]*))\1(?=([^.!?]{0,60}\d))\2[^.!?]{0,40}
      | \d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:gmt|utc|bst|cet|est|edt|et|pt|pst|nzdt|nzst)?
    )\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
# A line that is only a date, with a clock time: "Nov. 19, 2019, 8:41 AM UTC", "Tuesday 19 November 2019",
# "November 19th, 2019 at 10:02 am ET".
_DATELINE = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4}"
    r"|\d{1,2}\s(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?,?\s\d{4})"
    r"(?:,?\s(?:at\s)?\d{1,2}[:.]\d{2}\s?(?:am|pm|a\.m\.|p\.m\.)?(?:\s[a-z]{2,4})?)?\.?$",
    re.IGNORECASE,
)
# "By Jane Doe, CNN", "Analysis by Nick Paton Walsh, CNN", "Opinion by ...": "by" and
# then capitalised name words; a sentence ("By Tuesday, Moscow had rejected the
# plan.") ends with a full stop and stays body text (see _is_furniture).
_BYLINE = re.compile(
    r"^(?:(?:analysis|opinion|commentary|review|interview|report|story|words)\s+)?by\s+"
    r"[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,4}(?:\s*(?:,|and|&|\||-|\u2013|\u2014)\s*.*)?$",
    re.IGNORECASE,
)
# "- CNN", "— Reuters", "(AP)", "- BBC News": an agency or outlet name alone.
_SIGNOFF = re.compile(r"^(?:[-\u2013\u2014]\s*[A-Z][\w.&' ]{0,40}|\([A-Z][\w.&' ]{0,30}\))$")
# Photo credits: "Photo: AFP / X", "(Photo by X / AFP)", "Image: Getty", "Credit: ...".
# (After "by", one white-space character and then anything but ")": the same
# strings as "\s+[^)]+", whose two overlapping runs backtracked quadratically.)
_CREDIT = re.compile(
    r"(?:\b(?:photo|photograph|image|picture|credit)s?\s*:\s*\S|\(\w+\s+photo\s*/\s*\w"
    r"|\((?:photo|photograph|image|picture)s?\s+(?:by|courtesy\s+of)\s[^)]+\))",
    re.IGNORECASE,
)
# The label a page gives a photo's caption or credit for screen readers: "Image caption ...",
# "Image copyright Getty Images", "Photo credit: ...".
_CAPTION_LABEL = re.compile(r"^(?:image|photo|picture|media)\s+(?:caption|copyright|credit|source)\b", re.IGNORECASE)
# App, subscription and advertising furniture of news pages: calls to action at
# the start of a block ("Get the RNZ app", "Subscribe to ...", "Sign up for our
# newsletter", "Read more: ..."), not words inside a sentence about them.
_BOILERPLATE = re.compile(
    r"(?:^(?:get|download)\s+(?:the|our)\b.{0,30}\bapp\b|\bad-free\b|^advertisement$|^sponsored\b"
    r"|^subscribe\b|^sign\s+up\b|^(?:join|get)\s+our\s+newsletter\b|^(?:read|see)\s+(?:more|also)\b"
    r"|^related\s*:|^click\s+here\b)",
    re.IGNORECASE,
)
# Page furniture that is navigation ("Skip to main content", "Share this", "Follow us on ...")
# or legal (a cookie notice) wherever it stands.
_SHORT_NAVIGATION = re.compile(r"^(?:skip\s+to\b|share\s+(?:this|on)\b|follow\s+us\b)", re.IGNORECASE)
_SHORT_COOKIE = re.compile(r"\bcookies?\b.{0,40}\b(?:accept|policy|settings)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_WS = re.compile(r"\s+")

# A headline, a timestamp, a byline, a sign-off or a boilerplate line is short;
# longer blocks are prose whatever words they contain.
_MAX_FURNITURE_CHARS = 120
_MAX_HEADLINE_WORDS = 30
# A caption is at most a few sentences, and its credit comes in its last
# characters; a long paragraph that quotes "Photo:" stays body text.
_MAX_CAPTION_CHARS = 800
_CREDIT_TAIL_CHARS = 160
# A caption's alt text repeated by the next caption: the shared prefix must
# cover this share of the shorter text (the seed's first pair differs only
# after about 90% of its length).
_CAPTION_PREFIX_SHARE = 0.8


def block_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into blocks separated by blank lines.

    A text without any blank line between its lines gives one block per line.
    Each span is trimmed of surrounding white space.

    Returns:
        ``(start, end)`` pairs in reading order, ``text[start:end]`` non-empty.
    """
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end in lines:
        if text[start:end].strip():
            current.append((start, end))
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    if len(groups) == 1 and len(groups[0]) > 1:
        groups = [[line] for line in groups[0]]  # no blank lines: one block per line
    spans = []
    for group in groups:
        start, end = group[0][0], group[-1][1]
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        spans.append((start + lead, end - trail))
    return spans


def _norm(s: str) -> str:
    return _WS.sub(" ", s).strip().lower()


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _is_furniture(text: str) -> str | None:
    """The role of a short non-prose block, or None for prose."""
    # a long block is prose: its collapsed form is at least as long as that of any prefix
    if (
        len(text) > 2 * _MAX_FURNITURE_CHARS
        and len(_WS.sub(" ", text[: 2 * _MAX_FURNITURE_CHARS]).strip()) > _MAX_FURNITURE_CHARS
    ):
        return None
    one_line = _WS.sub(" ", text).strip()
    if len(one_line) > _MAX_FURNITURE_CHARS:
        return None
    if _TIMESTAMP.match(one_line) or _DATELINE.match(one_line):
        return "timestamp"
    if _BYLINE.match(one_line) and not _SENTENCE_END.search(one_line):
        return "byline"
    if _SIGNOFF.match(one_line):
        return "signoff"
    if _BOILERPLATE.search(one_line):
        return "boilerplate"
    if _SHORT_NAVIGATION.search(one_line):
        return "navigation"
    if _SHORT_COOKIE.search(one_line) or _LEGAL_STRONG.search(one_line):
        return "legal"
    return None


def _credit_matches(text: str) -> list[re.Match]:
    """``_CREDIT.finditer(text)``, in linear time.

    A "(" after the last ")" cannot open a credit "(Photo by ...)", but the
    pattern would scan to the end from each one (quadratic). It is read as "["
    there: the same length, and the same kind of character for the other form
    (``\\b``, ``\\S``), so every match is the same.
    """
    last = text.rfind(")")
    return list(_CREDIT.finditer(text[: last + 1] + text[last + 1 :].replace("(", "[")))


def _is_credited_caption(text: str) -> bool:
    """A short block whose photo credit comes at its end ("... Photo: AFP / Jane Doe")."""
    if len(text) > _MAX_CAPTION_CHARS or (":" not in text and "(" not in text):  # every credit form has one
        return False
    matches = _credit_matches(text)
    found = matches[-1] if matches else None
    return found is not None and found.start() >= len(text) - _CREDIT_TAIL_CHARS


def _looks_like_headline(text: str) -> bool:
    one_line = _WS.sub(" ", text).strip()
    return (
        "\n" not in text
        and len(one_line.split()) <= _MAX_HEADLINE_WORDS
        and not one_line.endswith((".", ":", ";", ","))
    )


# --------------------------------------------------------------------------- whole-page pastes

# A bullet as a browser renders a list when a page is copied as text: "* ", "+ ", "- ", "• ".
_BULLET = re.compile(r"^[*+\u2022\u00b7\u25aa\u25cf-](?:\s|$)")
_WORD = re.compile(r"\w+(?:['\u2019]\w+)?")
# Menu items run together on one line: "News | Sport | Weather", "Email • Twitter • Google+".
_LINK_SEPARATOR = re.compile(r"\s[|\u2022\u00b7/]\s")
# Copyright and the legal links of a page footer: "©" or "All rights reserved" is legal at any
# length up to a short paragraph; "Privacy Policy", "Terms of Use", "Cookie settings" only on a
# short line that is not a sentence; a cookie banner is a block about cookies and consent.
_LEGAL_STRONG = re.compile(
    r"\u00a9|\(c\)\s?(?:19|20)\d\d|\bcopyright\s+(?:\(c\)\s?)?(?:19|20)\d\d|\ball\s+rights\s+reserved\b",
    re.IGNORECASE,
)
_LEGAL = re.compile(
    r"\b(?:privacy|cookies?)\s+(?:policy|notice|statement|settings|preferences|center|centre|choices)\b"
    r"|\bterms\s+(?:of\s+(?:use|service|sale)|(?:and|&)\s+conditions)\b|\bpersonal\s+information\b"
    r"|^(?:privacy|cookies|terms|legal|disclaimer|imprint|impressum|gdpr)$|\bad\s+choices\b|\baccessibility\s+statement\b",
    re.IGNORECASE,
)
_COOKIE_BANNER = re.compile(r"\bcookies?\b.{0,200}\b(?:accept|consent|agree|continu|brows|settings)", re.IGNORECASE)
# The head of a comment section: "12 Comments", "[ 167 comments ]", "Top Rated Comments",
# "Leave a Reply", "Post a comment", "Join the discussion", "Log in to comment".
_COMMENT_HEAD = re.compile(
    r"\bcomments?$|^(?:\d+\s+)?comments?\b|^(?:\d+\s+)?(?:responses?|replies|discussion)$"
    r"|\b(?:leave|post|add|write|submit)\s+(?:a|an|your)\s+(?:comment|reply|response)\b"
    r"|\bjoin\s+the\s+(?:discussion|conversation)\b|\blog\s*in\s+to\s+(?:comment|reply)\b",
    re.IGNORECASE,
)
# The furniture of each comment: its buttons and counts ("Reply", "Report", "3 likes",
# "Rating: 36 Votes") and the WordPress "Jane says:".
_COMMENT_CUE = re.compile(
    r"^(?:reply|report(?:\s+abuse)?|flag|like|dislike|permalink)$|\bsays:$"
    r"|\b\d+\s+(?:likes?|upvotes?|votes?|points|replies)$",
    re.IGNORECASE,
)
# A date or a clock time: "Nov. 19, 2019", "19 November", "8:03 am", "2019-11-19", "19/11/2019".
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s\d{1,2}\b"
    r"|\b\d{1,2}\.?\s(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b\d{1,2}:\d{2}\b"
    r"|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b",
    re.IGNORECASE,
)
# Calls to action inside a page: newsletters, following the author, affiliate notes.
_PROMO = re.compile(
    r"\bnewsletters?\b|\binbox\b|\bsubscribe\b|\bsign\s+up\b|\bopt-?in\b|\bfollow\s+(?:us|me|him|her|them)\b"
    r"|\bmay\s+(?:get|earn|receive)\s+(?:a\s+)?(?:share|commission)\b|\baffiliate\s+links?\b|\bhave\s+a\s+(?:news\s+)?tip\b",
    re.IGNORECASE,
)
# A photo credit on its own line under a caption: "Jane Doe/Getty Images", "AP Photo/John Doe".
_PHOTO_CREDIT = re.compile(
    r"\bgetty\s+images\b|\bshutterstock\b|\bistock\b|\bap\s+photo\b|\b(?:photo|image)\s+(?:by|courtesy)\b"
    r"|\bcredit\b|\bcourtesy\s+of\b",
    re.IGNORECASE,
)
# The gap between two columns of a table row pasted as text: two spaces or more, or a tab.
_COLUMN_GAP = re.compile(r"\S(?: {2,}|\t)(?=\S)")
# An item of a numbered list: "1. ", "2) ".
_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s")
# The head of a list of other articles: "Related", "More from ...", "Most popular", "Read next".
_RELATED = re.compile(
    r"^(?:related\b|more\s+(?:from|in|on|stories|news|articles|like\s+this)\b|read\s+(?:more|next|also)\b"
    r"|see\s+(?:also|more)\b|recommended\b|trending\b|most\s+(?:popular|read|viewed|shared|commented)\b"
    r"|popular\b|latest\b|top\s+stories\b|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)\b"
    r"|also\s+(?:on|in|read)\b|editors?['\u2019]?s?\s+picks?\b|in\s+case\s+you\s+missed\b|up\s+next\b"
    r"|further\s+reading\b|what\s+to\s+read\b|other\s+(?:stories|news|articles)\b|don['\u2019]?t\s+miss\b|next\s+up\b"
    r"|more\s*:$)",
    re.IGNORECASE,
)
# Words of menus and share buttons, general to web pages (no site names).
_NAVIGATION = re.compile(
    r"^(?:skip\s+to\b|(?:main\s+)?menu$|search\b|home$|sign\s*(?:in|up|out)\b|log\s*(?:in|out)\b|subscribe\b"
    r"|share\b|tweet$|e-?mail$|print$|facebook$|twitter$|instagram$|youtube$|linkedin$|whatsapp$|pinterest$"
    r"|reddit$|rss\b|contact(?:\s+us)?$|about(?:\s+us)?$|advertise\b|site\s*map$|back\s+to\s+top\b|close$"
    r"|more$|next$|previous$|follow\s+us\b|newsletters?$|sections?$|topics?$|tags?:)",
    re.IGNORECASE,
)

# Prose: a block of at least 5 words ending like a sentence, or of 20 words whatever its end,
# with a share of function words that English prose has (about half its words) and menus,
# headlines and teaser titles have not. A page whose blocks of 8 words or more have fewer
# function words is in another language, and the share is not used.
_MIN_PROSE_WORDS = 5
_LONG_PROSE_WORDS = 20
_MIN_STOP_SHARE = 0.15
_ENGLISH_STOP_SHARE = 0.2
_SENTENCE_ENDS = ".!?:\u2026\u3002\uff01\uff1f"
_CLOSING = "\"'\u201d\u2019)]*"
# The characters stripped around a button's label before its cues are matched ("[ 167 comments ]").
_LABEL_EDGE = " []()<>{}\"'*+|\u2022\u00b7\u00ab\u00bb.,;!?-\u2013\u2014#"
# The body run is the stretch of blocks with the largest sum of values: a prose block counts
# its characters, every other block a cost in characters (a subheading or a caption between
# paragraphs costs little, a menu item more, the head of a list of other articles more still;
# a copyright line or a comment's furniture ends the article).
_GAP_COST = 40
_NAV_COST = 80
_HEADER_COST = 300
_FURNITURE_COST = 10
_BARRIER = -(10**9)
# A comment section that outweighs the article: the run before its head is taken when it holds
# at least this share of the best run's value.
_BEFORE_COMMENTS_SHARE = 0.25
_MIN_COMMENT_CUES = 3
# A table pasted as text: rows of at least 3 columns (2 gaps), at least 3 rows among 5 blocks.
_MIN_TABLE_GAPS = 2
_MIN_TABLE_ROWS = 3
# Blocks allowed between the items of a numbered list that ends the article.
_MAX_LIST_GAP = 2
# Inside the run, a break is the head of a list of other articles or this many link-like blocks
# in a row; the prose beyond the last break is cut when it is less than this share of the rest.
_MIN_LINK_STRETCH = 3
_RUN_TAIL_SHARE = 0.25
# A page: at least this many navigation-like blocks, and this share of its blocks; one of them a
# menu word, a legal line or the head of a list of articles or of comments, unless there are
# _MIN_BULLETS_ONLY_PAGE.
_MIN_PAGE_FURNITURE = 5
_MIN_PAGE_SHARE = 0.15
_MIN_BULLETS_ONLY_PAGE = 20
# A section label above a headline ("World", "U.S. Politics").
_MAX_LABEL_WORDS = 3
_MAX_LABEL_CHARS = 30
# The headline is looked for among this many blocks before the body run.
_HEADLINE_WINDOW = 12
# A standfirst: at most 2 prose blocks of at most 400 characters in all, between the headline and a
# byline or date line within the first 6 blocks of the article.
_STANDFIRST_WINDOW = 6
# A box of links inside the article: its head and at most 10 titles.
_MAX_BOX_BLOCKS = 10
# An author's note at the end of an article: a name line of at most 4 words and at most 2 paragraphs.
_MAX_NOTE_NAME_WORDS = 4
_MAX_NOTE_BLOCKS = 2
_MAX_STANDFIRST_BLOCKS = 2
_MAX_STANDFIRST_CHARS = 400
_MIN_HEADLINE_WORDS = 3
# A menu item, a button, a dateline: a short line.
_MAX_NAV_CHARS = 60
_MAX_DATE_CHARS = 80
_MAX_TEASER_CHARS = 120
_MIN_TEASER_WORDS = 4
_MAX_PROMO_CHARS = 200
_MAX_LEGAL_CHARS = 400


class _Features(NamedTuple):
    line: str  # the block on one line, its bullet removed
    label: str  # the line without the brackets and punctuation around it, lower case (short lines only)
    bullet: bool
    words: int
    stop_share: float
    ends: bool  # ends like a sentence


def _features(text: str) -> _Features:
    one = _WS.sub(" ", text).strip()
    bullet = bool(_BULLET.match(one))
    if bullet:
        one = one[1:].strip()
    words = _WORD.findall(one)
    stops = sum(w.lower() in STOPWORDS for w in words)
    label = one.strip(_LABEL_EDGE).lower() if len(one) <= _MAX_NAV_CHARS else ""
    ends = one.rstrip(_CLOSING)[-1:] in _SENTENCE_ENDS if one.rstrip(_CLOSING) else False
    return _Features(one, label, bullet, len(words), stops / len(words) if words else 0.0, ends)


def _is_prose(f: _Features, english: bool) -> bool:
    if english and f.stop_share < _MIN_STOP_SHARE:
        return False
    return f.words >= _LONG_PROSE_WORDS or (f.words >= _MIN_PROSE_WORDS and f.ends)


def _is_link_like(f: _Features) -> bool:
    """A menu item, a share button or a row of links: a short line that is not a sentence."""
    if f.bullet and not f.ends and len(f.line) <= _MAX_TEASER_CHARS:
        return True  # a list item that is not a sentence: a menu entry or another article's title
    if len(f.line) > _MAX_NAV_CHARS:
        return False
    if _NAVIGATION.match(f.label):
        return True
    if f.ends:
        return False
    return bool(_LINK_SEPARATOR.search(f.line))


def _is_all_caps(f: _Features) -> bool:
    """A short line in capitals: a menu entry, a section name, or a subheading in the style of a wire story."""
    letters = [c for c in f.line if c.isalpha()] if len(f.line) <= _MAX_NAV_CHARS else []
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _is_legal(f: _Features, *, banner: bool) -> bool:
    """Copyright; a short footer link to privacy or terms; with ``banner``, a cookie notice."""
    if len(f.line) > _MAX_LEGAL_CHARS:
        return False
    if _LEGAL_STRONG.search(f.line):
        return True
    if len(f.line) <= _MAX_NAV_CHARS and not f.ends:
        return bool(_LEGAL.search(f.label))
    return banner and bool(_COOKIE_BANNER.search(f.line))


def _max_run(values: list[float], lo: int, hi: int) -> tuple[int, int, float]:
    """The stretch ``[a, b)`` of ``values[lo:hi]`` with the largest sum, and that sum (Kadane's algorithm).

    Empty (``a == b``) when no value is positive.
    """
    best, best_span = 0.0, (lo, lo)
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += values[i]
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span[0], best_span[1], best


def _numbered_items(feats: list[_Features]) -> list[bool]:
    """Blocks that are items of a numbered list (1, 2, 3 ... within a few blocks of each other)."""
    numbers = [int(m[1]) if (m := _NUMBERED.match(f.line)) else None for f in feats]
    out = [False] * len(feats)
    last: tuple[int, int] | None = None  # (block, number) of the previous item
    for i, k in enumerate(numbers):
        if k is None:
            continue
        if last is not None and k == last[1] + 1 and i - last[0] <= 3:
            out[i] = out[last[0]] = True
        last = (i, k)
    return out


def _trim_run(values: list[float], a: int, b: int, header: list[bool], link: list[bool]) -> tuple[int, int]:
    """The run ``[a, b)`` without a short stretch beyond a break (the head of a list of articles, or
    three link-like blocks in a row) at its end: an author's note or teasers after the article. (A
    short stretch before a break at its start is the article's first paragraphs, above a box of
    links to other articles, and stays.)"""
    breaks = []
    i = a
    while i < b:
        j = i
        while j < b and link[j]:
            j += 1
        if header[i] or j - i >= _MIN_LINK_STRETCH:
            j = max(j, i + 1)
            breaks.append((i, j))
            i = j
        else:
            i = max(j, i + 1)
    prose = [0.0] * (b - a + 1)
    for k in range(a, b):
        prose[k - a + 1] = prose[k - a] + max(values[k], 0.0)

    def before(k: int) -> float:
        return prose[k - a]

    total = prose[-1]
    for i, _ in breaks:
        if total - before(i) < _RUN_TAIL_SHARE * before(i):
            return a, i
    return a, b


def _after_standfirst(texts: list[str], roles: list[str | None], prose: Callable[[int], bool], a: int, b: int) -> int:
    """Where the article starts in the run ``[a, b)``: after its byline or date line when these come
    within its first blocks, below at most a standfirst (a summary of one or two short paragraphs
    between the headline and the byline), and the article follows them."""
    for j in range(a, min(a + _STANDFIRST_WINDOW, b)):
        if roles[j] in ("timestamp", "byline"):
            above = [i for i in range(a, j) if roles[i] is None and prose(i)]
            if len(above) <= _MAX_STANDFIRST_BLOCKS and sum(len(texts[i]) for i in above) <= _MAX_STANDFIRST_CHARS:
                if any(roles[i] is None and prose(i) for i in range(j + 1, b)):
                    return j + 1
            return a
    return a


def _author_note(texts: list[str], roles: list[str | None], a: int, b: int) -> int | None:
    """The first block of an author's note ending the run ``[a, b)``: a short line naming the author
    ("Jane Doe", "About Jane Doe") followed by at most two paragraphs, the first of which names them
    again ("Jane Doe is a reporter for ...") and the article before them does not (they are its
    subject then). None when the run does not end so."""
    for i in range(max(a + 1, b - 1 - _MAX_NOTE_BLOCKS), b - 1):
        words = _WS.sub(" ", texts[i]).strip().split()
        if roles[i] is not None or not 2 <= len(words) <= _MAX_NOTE_NAME_WORDS:
            continue
        name = " ".join(words[-2:])
        if (
            all(w[:1].isupper() and w.isalpha() for w in words[-2:])
            and name in texts[i + 1]
            and not any(name in texts[k] for k in range(a, i) if roles[k] is None)  # the author, not the subject
        ):
            return i
    return None


def _lead_above_box(
    roles: list[str | None], prose: list[bool], dated: list[bool], header: list[bool], link: list[bool], a: int
) -> int:
    """The start of the article when the run starting at ``a`` follows a box of links to other
    articles ("More:", then a few titles) that interrupts it: the paragraphs above the box, back to
    the date line or byline they follow (at most 6 blocks above), are the article's lead."""
    i = a - 1
    while i >= 0 and a - i <= _MAX_BOX_BLOCKS and (header[i] or link[i]):
        i -= 1
    if i == a - 1 or not any(header[k] for k in range(i + 1, a)) or i < 0 or not prose[i]:
        return a
    for j in range(i - 1, max(i - _STANDFIRST_WINDOW, -1), -1):
        if roles[j] in ("timestamp", "byline") or dated[j]:
            return j + 1
        if header[j] or link[j]:
            break
    return a


def _page_roles(texts: list[str], roles: list[str | None]) -> list[str | None] | None:
    """Roles of a whole-page paste (see :func:`classify_blocks`), or None when the text shows no page furniture."""
    n = len(texts)
    feats = [_features(t) for t in texts]
    long_blocks = [f for f in feats if f.words >= 8]
    n_words = sum(f.words for f in long_blocks)
    english = n_words == 0 or sum(f.words * f.stop_share for f in long_blocks) >= _ENGLISH_STOP_SHARE * n_words
    prose = [_is_prose(f, english) for f in feats]
    counts = Counter(f.line.lower() for f in feats)
    repeated = [counts[f.line.lower()] > 1 for f in feats]
    link = [_is_link_like(f) for f in feats]
    caps = [_is_all_caps(f) for f in feats]
    legal = [_is_legal(f, banner=False) for f in feats]
    # Only what an article never holds counts: not repetition (a recipe repeats its items) nor
    # capitals (a wire story's subheadings).
    furniture = sum(1 for i in range(n) if roles[i] is None and (link[i] or legal[i]))
    if furniture < _MIN_PAGE_FURNITURE or (furniture < _MIN_PAGE_SHARE * n and furniture < _MIN_BULLETS_ONLY_PAGE):
        return None
    short = [not p and f.label != "" for f, p in zip(feats, prose)]
    comment_head = [s and bool(_COMMENT_HEAD.search(f.label)) for f, s in zip(feats, short)]
    comment_cue = [s and bool(_COMMENT_CUE.search(f.label) or f.line.endswith("says:")) for f, s in zip(feats, short)]
    header = [s and bool(_RELATED.match(f.label)) for f, s in zip(feats, short)]
    # A list in an article is bullets too: bullets alone make a page only when there are many.
    page_cue = any(
        legal[i] or header[i] or comment_head[i] or (short[i] and _NAVIGATION.match(feats[i].label)) for i in range(n)
    )
    if not page_cue and furniture < _MIN_BULLETS_ONLY_PAGE:
        return None
    dated = [not p and len(f.line) <= _MAX_DATE_CHARS and bool(_DATE.search(f.line)) for f, p in zip(feats, prose)]
    listed = _numbered_items(feats)
    # a table row: a line of at least 3 columns, in a table of at least 3 rows
    table = [len(_COLUMN_GAP.findall(t)) >= _MIN_TABLE_GAPS and "\n" not in t.strip() for t in texts]
    table = [table[i] and (sum(table[max(i - 2, 0) : i + 3]) >= _MIN_TABLE_ROWS) for i in range(n)]
    roles = list(roles)
    for i, f in enumerate(feats):
        if roles[i] is not None:
            continue
        if len(f.line) <= _MAX_PROMO_CHARS and _PROMO.search(f.line):
            roles[i] = "boilerplate"
        elif not prose[i] and len(f.line) <= _MAX_DATE_CHARS and _PHOTO_CREDIT.search(f.line):
            roles[i] = "caption"
    # A comment's buttons end the article only under the head of a comment section: alone, a
    # "Report" or "Like" is the button of a post embedded in the article.
    headed = [False] * n
    for i in range(1, n):
        headed[i] = headed[i - 1] or comment_head[i - 1]
    values: list[float] = []
    for i, f in enumerate(feats):
        if (legal[i] and _LEGAL_STRONG.search(f.line)) or comment_head[i] or (comment_cue[i] and headed[i]):
            v = _BARRIER
        elif roles[i] is not None:
            v = -_FURNITURE_COST
        elif header[i]:
            v = -_HEADER_COST
        elif prose[i] and not repeated[i]:
            v = len(f.line)
        elif (listed[i] and not repeated[i]) or table[i]:  # a table repeats its head row
            v = 0  # neither parts nor extends a run; a list that ends the article is added below
        elif link[i] or repeated[i] or legal[i] or caps[i]:
            v = -_NAV_COST
        else:
            v = -_GAP_COST
        values.append(v)
    a, b, best = _max_run(values, 0, n)
    if a == b:
        return None
    # A comment longer than the article: when the best run comes after the head of a comment
    # section and comments' furniture (dates, votes, "Reply") stands between them, the article
    # is the best run before that head, if it is not much shorter. (The furniture tells a comment
    # section from a "12 comments" link beside the byline, which the article follows.)
    cues_before = [0]  # comments' furniture among the blocks before each block (prefix sums)
    for i in range(n):
        cues_before.append(cues_before[-1] + (comment_cue[i] or dated[i] or roles[i] == "timestamp"))
    for h in (i for i in range(a) if comment_head[i]):
        if cues_before[a] - cues_before[h + 1] < _MIN_COMMENT_CUES:
            continue
        a2, b2, value = _max_run(values, 0, h)
        if a2 < b2 and value >= _BEFORE_COMMENTS_SHARE * best:
            a, b = a2, b2
        break
    # A numbered list that ends the article ("1) ...", "2) ...", a link under each): the run
    # takes its items and the blocks between them.
    i = b
    while i < n and not (header[i] or values[i] == _BARRIER) and i - b <= _MAX_LIST_GAP:
        if listed[i]:
            b = i = i + 1
        else:
            i += 1
    a, b = _trim_run(values, a, b, header, link)
    a = _lead_above_box(roles, prose, dated, header, link, a)
    dated_roles = [("timestamp" if dated[i] and r is None else r) for i, r in enumerate(roles)]
    a = _after_standfirst(texts, dated_roles, prose.__getitem__, a, b)
    note = _author_note(texts, roles, a, b)
    if note is not None:
        for i in range(note, b):
            roles[i] = roles[i] or "byline"
        b = note
    out: list[str | None] = list(roles)
    headline = None
    for i in range(a - 1, max(a - _HEADLINE_WINDOW, 0) - 1, -1):
        f = feats[i]
        if (
            roles[i] is None
            and not (f.bullet or repeated[i] or link[i] or caps[i] or legal[i] or header[i] or dated[i])
            and not (comment_head[i] or comment_cue[i])
            and f.words <= _MAX_HEADLINE_WORDS
            and sum(any(c.isalpha() for c in w) for w in f.line.split()) >= _MIN_HEADLINE_WORDS
            and not f.line.endswith((".", ":", ";", ","))
            and "\n" not in texts[i]
        ):
            headline = i
            break
    zone = "navigation"
    teasers = False
    for i in range(n):
        if i == b:
            zone = "related"
        if i >= b and header[i]:
            zone = "related"
        elif i >= b and comment_head[i]:
            zone = "comment"
        if out[i] is not None:
            continue
        if legal[i] or (not a <= i < b and _is_legal(feats[i], banner=True)):
            out[i] = "legal"
        elif i == headline:
            out[i] = "headline"
        elif a <= i < b:
            out[i] = "navigation" if comment_cue[i] else "body"  # the button of an embedded post
            if header[i] or (teasers and not prose[i]):
                out[i] = "related"  # a list of other articles inside the article: its head and its items
            teasers = header[i] or (teasers and not prose[i])
        elif dated[i]:
            out[i] = "timestamp"
        elif i < a or zone == "comment":
            out[i] = "navigation" if i < a else "comment"
        else:
            # after the article: other articles' titles and summaries, or short links
            f = feats[i]
            menu = bool(_NAVIGATION.match(f.label) or _LINK_SEPARATOR.search(f.line))
            teaser = header[i] or (not menu and (prose[i] or f.words >= _MIN_TEASER_WORDS))
            out[i] = "related" if teaser else "navigation"
    return out


def _is_section_label(text: str) -> bool:
    """A section name above a headline: "World", "U.S. Politics" (at most 3 capitalised words, no sentence)."""
    words = _WS.sub(" ", text).strip().split()
    return (
        len(" ".join(words)) <= _MAX_LABEL_CHARS
        and len(words) <= _MAX_LABEL_WORDS
        and all(not w[0].isalpha() or w[0].isupper() for w in words)  # "Middle East", not "Stopping by"
        and not _SENTENCE_END.search(words[-1])
    )


def _article_roles(texts: list[str], roles: list[str | None]) -> None:
    """The headline and body of a text that is not a page, in place: the first title-like block is the
    headline unless it is a section label above another title-like block; every other block is body."""
    free = [i for i in range(len(texts)) if roles[i] is None]
    if (
        len(free) >= 2
        and _looks_like_headline(texts[free[0]])
        and _is_section_label(texts[free[0]])
        and _looks_like_headline(texts[free[1]])
        and len(texts[free[1]].split()) > len(texts[free[0]].split())
    ):
        roles[free[0]] = "navigation"
        free = free[1:]
    if free and _looks_like_headline(texts[free[0]]):
        roles[free[0]] = "headline"
        # a standfirst (or a newsletter box) between the headline and the byline or date line
        start = _after_standfirst(texts, roles, lambda i: _is_prose(_features(texts[i]), True), free[0] + 1, len(texts))
        for i in free[1:]:
            if i < start:
                roles[i] = "navigation"
    note = _author_note(texts, roles, 0, len(texts))
    for i in range(note or len(texts), len(texts)):
        roles[i] = roles[i] or "byline"
    for i in free:
        if roles[i] is None:
            roles[i] = "body"


def classify_blocks(text: str, spans: list[tuple[int, int]]) -> list[Block]:
    """Give each block span a role and number the headline and body paragraphs.

    Roles (``ROLES``; only headline and body are numbered and analysed):

    * caption: a block of at most 800 characters ending with a photo credit
      (``Photo: ...``, ``(Photo by ...)``, ``Image: ...`` within its last 160
      characters, or "(AP Photo/Jane Doe)"), a block of at most 800 characters
      starting with a screen reader's label ("Image caption ...", "Image
      copyright ..."), or repeated as the prefix of the next block, which is
      itself a caption (an image's alt text followed by its visible caption);
      on a page also a short credit line ("Jane Doe/Getty Images");
    * timestamp / byline / signoff / boilerplate: short blocks (at most 120
      characters) matching the patterns documented in this module (a line
      that is only a date, "Nov. 19, 2019, 8:41 AM UTC", is a timestamp); on a
      page also a short line with a date or clock time (timestamp) and a call to
      subscribe, follow or sign up of at most 200 characters (boilerplate); an
      author's note ending the article is byline (see below);
    * navigation: menus, breadcrumbs, section labels, "Skip to main content",
      share buttons: whatever stands before the article on a page, and a
      standfirst (see below);
    * related: lists of other articles ("Related", "Most popular", "Read
      more" and the titles and summaries under them) after or inside the article;
    * comment: a comment section, from its head ("12 Comments", "Leave a
      Reply") on, with its names, dates, buttons and the comments themselves;
    * legal: copyright ("©", "All rights reserved"), links to privacy policy
      and terms, cookie notices;
    * headline and body, as below.

    A text is read as a whole page when it has at least 5 navigation-like
    blocks (a list item that is not a sentence, a menu word, links separated
    by "|", a legal line), making 15% of its blocks or numbering at least 20,
    one of them a menu word, a legal line or the head of a list of articles or
    comments (or 20 such blocks without any of these). Then:

    1. Every block gets a value: a prose block (5 words ending like a sentence,
       or 20 words, with at least 15% function words when the page is in
       English) counts its characters, a block repeated on the page or another
       non-prose block a cost (40 characters; 80 for a menu-like, legal, all
       capitals or repeated line; 300 for the head of a list of articles; 10 for
       a caption or byline); an item of a numbered list and a table row (a line
       of at least 3 columns set apart by 2 spaces or a tab, among at least 3
       such rows) count 0. A copyright line, the head of a comment section and,
       under such a head, a comment's buttons ("Reply", "Report", "3 likes")
       cannot be crossed; alone, such a button belongs to a post embedded in
       the article and costs as a menu line.
    2. The article is the stretch with the largest sum (Kadane's algorithm): the
       longest run of prose, across subheadings, captions and short list items.
       When comments (behind a comment head and at least 3 comment dates or
       buttons) outweigh the article, the best run before the comment head is
       taken if it holds a quarter of that value. A numbered list just after the
       run is added; a short stretch beyond a list of links at the end of the
       run (an author's note, teasers) is cut (at its start it is the lead,
       above a box of links, and stays). When the run starts just below a box of
       links ("More:" and a few titles) and the paragraphs above the box follow
       a date line or byline (at most 6 blocks up), the run starts there. When a
       byline or date line comes within the run's first 6 blocks, below at most
       2 prose blocks of at most 400 characters in all (a standfirst), the
       article starts after it. An author's note ending the run (a name line
       of at most 4 words, then at most 2 paragraphs, the first naming the
       author, who the article before does not name) is byline.
    3. Inside the run every block is body, except the roles above, a lone
       comment button (navigation) and a list of other articles under a
       "Related" head (related). Before it: navigation;
       after it: related for titles and summaries, navigation for short links,
       comment from a comment head on, legal for legal lines.
    4. The headline is the nearest title-like block before the run (at most 12
       blocks before, 3 to 30 words, not ending with a full stop, not a list
       item, menu line, date, repeated line or legal line). There may be none.

    Any other text is read as an article: the first title-like block (a single
    line of at most 30 words not ending with a full stop) is the headline,
    unless it is a section label of at most 3 capitalised words above a longer
    title-like block ("World"), which is navigation; a standfirst between the
    headline and a byline or date line (as in step 2) is navigation, an
    author's note at the end (as in step 2) is byline; every other block
    without a role is body; a copyright line is legal.

    What it cannot do: it sees no markup, so a teaser summary or an author's
    note that reads like prose and stands next to the article is taken as body;
    a comment section without English cues ("Reply", "N comments", dates) can be
    taken for the article when it is longer; menus and cues are English words
    (other languages fall back on length, punctuation and position); a standfirst
    without a byline or date line below it and a caption without a credit stay
    body; an article that is a long list of short lines (a meal plan, a recipe)
    without prose around it is not found, and the best run of prose elsewhere
    (a disclaimer) is taken instead. Set roles by hand with a roles file
    (:func:`parse_roles`) when it errs.

    Returns:
        Blocks in reading order with ``para`` 0 for the headline and 1..N for
        the body, None for every other role.
    """
    texts = [text[s:e] for s, e in spans]
    roles: list[str | None] = [None] * len(spans)
    for i, t in enumerate(texts):
        if _is_credited_caption(t) or (len(t) <= _MAX_CAPTION_CHARS and _CAPTION_LABEL.match(t)):
            roles[i] = "caption"
    # Alt texts: walk backwards so that a chain of repeats is caught.
    duplicate_of: list[int | None] = [None] * len(spans)
    for i in range(len(spans) - 2, -1, -1):
        if roles[i + 1] != "caption":
            continue
        a, b = _norm(texts[i]), _norm(texts[i + 1])
        shared = _common_prefix(a, b)
        if b.startswith(a) or shared >= _CAPTION_PREFIX_SHARE * min(len(a), len(b)):
            roles[i] = "caption"
            duplicate_of[i] = i + 1
    for i, t in enumerate(texts):
        if roles[i] is None:
            roles[i] = _is_furniture(t)
    # A page shows menus, buttons and teasers: short blocks. Few short blocks, no page (and no cost).
    short = sum(1 for i, t in enumerate(texts) if roles[i] is None and len(t) <= _MAX_TEASER_CHARS)
    page = _page_roles(texts, roles) if short >= _MIN_PAGE_FURNITURE else None
    if page is not None:
        roles = page
    else:
        _article_roles(texts, roles)
    return number_blocks([Block(i, roles[i], None, s, e, texts[i], duplicate_of[i]) for i, (s, e) in enumerate(spans)])


def number_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks with their paragraph numbers: 0 for the headline, 1..N for body blocks, None for the rest."""
    out = []
    para = 0
    for b in blocks:
        number = None
        if b.role == "headline":
            number = 0
        elif b.role == "body":
            para += 1
            number = para
        out.append(b._replace(para=number))
    return out


def split_blocks(text: str) -> list[Block]:
    """Blocks of ``text`` with their roles (see :func:`classify_blocks`)."""
    return classify_blocks(text, block_spans(text))


# --------------------------------------------------------------------------- roles set by the user

_ROLE_SEPARATORS = str.maketrans(",;:=\t", "     ")


def parse_roles(text: str, *, name: str) -> dict[int, str]:
    """Role overrides from a roles file: ``BLOCK ROLE`` or ``FIRST-LAST ROLE`` per line.

    Blocks are numbered as in ``blocks.csv`` (from 0). Blank lines and ``#``
    comments are ignored; a later line wins over an earlier one for the same
    block. Example::

        # the cleaning took the section label for the headline
        0 navigation
        1 headline
        30-34 comment

    Raises:
        AnalysisError: a line that is not of that form, an unknown role, or
            more than one headline; the message names the file and line.
    """
    out = RoleOverrides()
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        words = line.lower().translate(_ROLE_SEPARATORS).split()
        spec, role = "".join(words[:-1]), words[-1] if words else ""
        first, _, last = spec.partition("-")
        last = last or first
        if not (first.isdigit() and last.isdigit() and first.isascii() and last.isascii() and len(spec) <= 15):
            raise AnalysisError(f"{name}, line {number}: expected 'BLOCK ROLE' or 'FIRST-LAST ROLE', got {line[:60]!r}")
        first, last = int(first), int(last)
        if role not in ROLES:
            raise AnalysisError(f"{name}, line {number}: unknown role {role!r} (roles: {', '.join(ROLES)})")
        if last < first:
            raise AnalysisError(f"{name}, line {number}: the range {first}-{last} runs backwards")
        if last - first >= MAX_BLOCKS:
            raise AnalysisError(f"{name}, line {number}: the range {first}-{last} is longer than any article")
        for block in range(first, last + 1):
            out[block] = role
            out.lines[block] = number
    heads = sorted(out.lines[b] for b, role in out.items() if role == "headline")
    if len(heads) > 1:
        raise AnalysisError(
            f"{name}, lines {', '.join(map(str, heads))}: more than one block is given the role 'headline'"
        )
    return out


class RoleOverrides(dict):
    """Block number -> role, as a roles file sets them; ``lines`` gives the line that set each block."""

    def __init__(self):
        super().__init__()
        self.lines: dict[int, int] = {}


def apply_roles(blocks: list[Block], roles: dict[int, str], *, name: str) -> list[Block]:
    """``blocks`` with the roles a user set (:func:`parse_roles`), renumbered.

    A block made ``headline`` takes the place of the cleaning's headline, which
    becomes body text unless the file gives it a role too.

    Raises:
        AnalysisError: a block number the article does not have.
    """
    missing = sorted(b for b in roles if b >= len(blocks))
    if missing:
        line = getattr(roles, "lines", {}).get(missing[0])
        where = f"{name}, line {line}" if line else name
        raise AnalysisError(
            f"{where}: block {missing[0]} does not exist (the article has {len(blocks)} blocks, 0-{len(blocks) - 1})"
        )
    new_headline = any(role == "headline" for role in roles.values())
    out = []
    for b in blocks:
        role = roles.get(b.block, b.role)
        if new_headline and role == "headline" and b.block not in roles:
            role = "body"
        out.append(b._replace(role=role))
    return number_blocks(out)
