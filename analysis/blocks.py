"""Split an article's text into blocks and give each block a role.

Roles (``ROLES``): a news page pasted as text carries more than the article.
Only the headline and body blocks are analysed; timestamps, bylines, photo
captions, sign-offs and app/ad boilerplate keep their role in ``blocks.csv``
but get no paragraph number, so they never enter sentiment, framing or actor
counts. The rules are general patterns (documented on each regex below), not
tuned to one text.

Hostile input: every regex here is matched in time linear in its input (none
has nested or overlapping repetition that can backtrack; where a bounded
repetition follows an overlapping one, the ``(?=(...))\\1`` idiom makes the
first atomic; photo credits are searched by :func:`_credit_matches`).
"""

from __future__ import annotations

import re

from .errors import AnalysisError
from .records import Block

#: No article has more blocks than characters; a role range longer than this is a typo.
MAX_BLOCKS = 300_000
ROLES = ("headline", "timestamp", "byline", "caption", "body", "signoff", "boilerplate")

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
    r"(?:\b(?:photo|photograph|image|picture|credit)s?\s*:\s*\S"
    r"|\((?:photo|photograph|image|picture)s?\s+(?:by|courtesy\s+of)\s[^)]+\))",
    re.IGNORECASE,
)
# App, subscription and advertising furniture of news pages: calls to action at
# the start of a block ("Get the RNZ app", "Subscribe to ...", "Sign up for our
# newsletter", "Read more: ..."), not words inside a sentence about them.
_BOILERPLATE = re.compile(
    r"(?:^(?:get|download)\s+(?:the|our)\b.{0,30}\bapp\b|\bad-free\b|^advertisement$|^sponsored\b"
    r"|^subscribe\b|^sign\s+up\b|^(?:join|get)\s+our\s+newsletter\b|^(?:read|see)\s+(?:more|also)\b"
    r"|^related\s*:|^follow\s+us\b|^share\s+(?:this|on)\b|^click\s+here\b"
    r"|\bcookies?\b.{0,40}\b(?:accept|policy|settings)\b|^skip\s+to\b)",
    re.IGNORECASE,
)
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
    if _TIMESTAMP.match(one_line):
        return "timestamp"
    if _BYLINE.match(one_line) and not _SENTENCE_END.search(one_line):
        return "byline"
    if _SIGNOFF.match(one_line):
        return "signoff"
    if _BOILERPLATE.search(one_line):
        return "boilerplate"
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


def classify_blocks(text: str, spans: list[tuple[int, int]]) -> list[Block]:
    """Give each block span a role and number the headline and body paragraphs.

    Rules, in order:

    * caption: a block of at most 800 characters ending with a photo credit
      (``Photo: ...``, ``(Photo by ...)``, ``Image: ...`` within its last 160
      characters), or is repeated as the prefix of the next block, which is
      itself a caption (an image's alt text followed by its visible caption);
    * timestamp / byline / signoff / boilerplate: short blocks (at most 120
      characters) matching the patterns documented in this module;
    * headline: the first remaining block, if it comes before any body block,
      is a single line of at most 30 words and does not end like a sentence
      with a full stop; there may be no headline;
    * body: every other block.

    Returns:
        Blocks in reading order with ``para`` 0 for the headline and 1..N for
        the body, None for every other role.
    """
    texts = [text[s:e] for s, e in spans]
    roles: list[str | None] = [None] * len(spans)
    for i, t in enumerate(texts):
        if _is_credited_caption(t):
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
    seen_prose = False
    for i, t in enumerate(texts):
        if roles[i] is not None:
            continue
        if not seen_prose and _looks_like_headline(t):
            roles[i] = "headline"
        else:
            roles[i] = "body"
        seen_prose = True
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

_ROLE_LINE = re.compile(r"^\s*(\d{1,7})(?:\s*-\s*(\d{1,7}))?\s*[\s,;:=]\s*([a-z]+)\s*$")


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
    out: dict[int, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = _ROLE_LINE.match(line.lower())
        if not m:
            raise AnalysisError(f"{name}, line {number}: expected 'BLOCK ROLE' or 'FIRST-LAST ROLE', got {line[:60]!r}")
        first, last, role = int(m[1]), int(m[2] or m[1]), m[3]
        if role not in ROLES:
            raise AnalysisError(f"{name}, line {number}: unknown role {role!r} (roles: {', '.join(ROLES)})")
        if last < first:
            raise AnalysisError(f"{name}, line {number}: the range {first}-{last} runs backwards")
        if last - first >= MAX_BLOCKS:
            raise AnalysisError(f"{name}, line {number}: the range {first}-{last} is longer than any article")
        for block in range(first, last + 1):
            out[block] = role
    if sum(role == "headline" for role in out.values()) > 1:
        raise AnalysisError(f"{name}: more than one block is given the role 'headline'")
    return out


def apply_roles(blocks: list[Block], roles: dict[int, str], *, name: str) -> list[Block]:
    """``blocks`` with the roles a user set (:func:`parse_roles`), renumbered.

    A block made ``headline`` takes the place of the cleaning's headline, which
    becomes body text unless the file gives it a role too.

    Raises:
        AnalysisError: a block number the article does not have.
    """
    missing = sorted(b for b in roles if b >= len(blocks))
    if missing:
        raise AnalysisError(
            f"{name}: block {missing[0]} does not exist (the article has {len(blocks)} blocks, 0-{len(blocks) - 1})"
        )
    new_headline = any(role == "headline" for role in roles.values())
    out = []
    for b in blocks:
        role = roles.get(b.block, b.role)
        if new_headline and role == "headline" and b.block not in roles:
            role = "body"
        out.append(b._replace(role=role))
    return number_blocks(out)
