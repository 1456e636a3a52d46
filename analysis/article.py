"""Load an article's text, split it into blocks and give each block a role.

The string returned by :func:`load_text` is the *offset space* of every table
the package writes: every ``start``/``end`` is a character offset into it.

Roles (``ROLES``): a news page pasted as text carries more than the article.
Only the headline and body blocks are analysed; timestamps, bylines, photo
captions, sign-offs and app/ad boilerplate keep their role in ``blocks.csv``
but get no paragraph number, so they never enter sentiment, framing or actor
counts. The rules are general patterns (documented on each regex below), not
tuned to one text.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .errors import AnalysisError
from .records import Block

ROLES = ("headline", "timestamp", "byline", "caption", "body", "signoff", "boilerplate")

# "6 minutes ago", "an hour ago", "Updated 10:42 GMT", "Published 3 December 2025",
# "Updated 10:42 GMT, Tue December 2, 2025", "2 hours ago".
_TIMESTAMP = re.compile(
    r"""^(?:
        (?:updated|published|posted|last\ updated)?\s*
        (?:\d+|an?|one)\s+(?:second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago
      | (?:updated|published|posted|last\ updated)\b[\s:]*[^.!?]{0,60}\d[^.!?]{0,40}
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
_CREDIT = re.compile(
    r"(?:\b(?:photo|photograph|image|picture|credit)s?\s*:\s*\S"
    r"|\((?:photo|photograph|image|picture)s?\s+(?:by|courtesy\s+of)\s+[^)]+\))",
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
# A file is treated as an HTML page when it starts like one, or when it has
# several paragraph tags: its <h1>/<title> and <p> text is then analysed.
_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE | re.DOTALL
)
_HTML_P = re.compile(r"<p[\s>]", re.IGNORECASE)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")
#: More than this share of control characters: binary content, not text.
MAX_CONTROL_SHARE = 0.01
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


@dataclass(frozen=True)
class SourceText:
    """An article as read: the text every offset refers to, and what it was made from.

    Attributes:
        name: the file as named by the caller (its path), for messages and manifests.
        text: the decoded text (the offset space of every table).
        sha256: SHA-256 of exactly the bytes that were decoded.
        html: True when the file was an HTML page and ``text`` is its extracted text.
        encoding: the codec the bytes were decoded with.
    """

    name: str
    text: str
    sha256: str
    html: bool = False
    encoding: str = "utf-8"


#: the warning for an HTML page whose text was extracted
HTML_WARNING = (
    "an HTML page: analysing the text of its <h1> (or <title>) and <p> elements; offsets refer to that extracted text"
)


def decode_text(data: bytes, *, name: str, encoding: str = "utf-8") -> str:
    """The text of :func:`decode_source` (bytes -> the offset space)."""
    return decode_source(data, name=name, encoding=encoding).text


def decode_source(data: bytes, *, name: str, encoding: str = "utf-8") -> SourceText:
    """Decode bytes into the offset space: BOM removed, line endings ``\\n``.

    Args:
        data: the raw file content.
        name: how to name the source in error messages (usually its path).
        encoding: any Python codec name; ``utf-8`` by default.

    Returns:
        The decoded text with ``\\r\\n`` and lone ``\\r`` turned into ``\\n`` (an HTML page's
        extracted text), the hash of ``data`` and whether it was HTML.

    Raises:
        AnalysisError: binary content, undecodable bytes, an unknown codec, or
            a text with nothing but white space.
    """
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise AnalysisError(f"{name}: unknown encoding {encoding!r}") from None
    # UTF-16/32 legitimately contain NUL bytes; every other codec we accept
    # treats them as a sign of binary content.
    if b"\x00" in data and not codec.startswith(("utf-16", "utf-32")):
        raise AnalysisError(f"{name}: not a text file (contains NUL bytes at byte {data.index(0)})")
    if codec == "utf-8":
        codec = "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        if codec == "utf-8-sig":
            raise AnalysisError(
                f"{name}: not valid UTF-8 at byte {exc.start} (try --encoding cp1252 or the file's real encoding)"
            ) from None
        raise AnalysisError(f"{name}: cannot be decoded as {encoding} at byte {exc.start}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise AnalysisError(f"{name}: not a text file (contains NUL characters)")
    controls = len(_CONTROL.findall(text))
    if controls > max(2, MAX_CONTROL_SHARE * len(text)):
        raise AnalysisError(f"{name}: not a text file ({controls} control characters in {len(text)})")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise AnalysisError(f"{name}: empty file (nothing but white space)")
    html = looks_like_html(text)
    if html:
        text = html_to_text(text)
        if not text.strip():
            raise AnalysisError(f"{name}: an HTML page without <h1> or <p> text; save the article as plain text")
    return SourceText(name, text, hashlib.sha256(data).hexdigest(), html, encoding)


def looks_like_html(text: str) -> bool:
    """True for an HTML page: it starts with ``<!DOCTYPE html>``/``<html>``/``<body>``, or has 3+ ``<p>`` tags."""
    return bool(_HTML_START.match(text)) or len(_HTML_P.findall(text, 0, 200_000)) >= 3


class _ParagraphParser(HTMLParser):
    """Collects the text of <h1> (or <title>) and <p> elements, outside scripts and styles."""

    _KEEP = {"h1", "p", "title"}
    _SKIP = {"script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[str, str]] = []
        self._stack: list[str] = []
        self._buf: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._KEEP and not self._skip:
            self._flush()
            self._stack.append(tag)
        elif tag == "br" and self._stack:
            self._buf.append(" ")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._KEEP and self._stack and self._stack[-1] == tag:
            self._flush()
            self._stack.pop()

    def handle_data(self, data):
        if self._stack and not self._skip:
            self._buf.append(data)

    def _flush(self):
        if self._stack:
            text = " ".join("".join(self._buf).split())
            if text:
                self.parts.append((self._stack[-1], text))
        self._buf = []


def html_to_text(page: str) -> str:
    """The article text of an HTML page: its headline and paragraphs, one block each.

    The headline is the first ``<h1>`` (else the ``<title>``); the body is the
    text of every ``<p>`` element, entities decoded and white space collapsed;
    scripts, styles, navigation, footers, asides and forms are ignored. Blocks are separated by blank lines, so the
    result goes through the same cleaning (captions, bylines, boilerplate) as
    pasted text. Offsets then refer to this extracted text, not the HTML.
    """
    parser = _ParagraphParser()
    parser.feed(page)
    parser.close()
    parser._flush()
    heads = [t for tag, t in parser.parts if tag == "h1"] or [t for tag, t in parser.parts if tag == "title"]
    paras = [t for tag, t in parser.parts if tag == "p"]
    blocks = heads[:1] + paras
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def read_source(path: str | Path, encoding: str = "utf-8") -> SourceText:
    """Read an article file once: its text (the offset space), the hash of the bytes read, HTML or not.

    Args:
        path: the article file.
        encoding: a Python codec name; UTF-8 (with or without BOM) by default.

    Raises:
        AnalysisError: a missing file, a directory, binary or undecodable
            content, or an empty file; the message names the file.
    """
    path = Path(path)
    if path.is_dir():
        raise AnalysisError(f"{path}: is a directory, not an article file")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise AnalysisError(f"{path}: no such file") from None
    except PermissionError:
        raise AnalysisError(f"{path}: permission denied") from None
    except OSError as exc:
        raise AnalysisError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return decode_source(data, name=str(path), encoding=encoding)


def load_text(path: str | Path, encoding: str = "utf-8") -> str:
    """Read an article file into the offset space every table refers to (:func:`read_source`'s text).

    Returns:
        The decoded text, BOM removed, line endings normalised to ``\\n``.

    Example:
        >>> text = load_text("seeds/putin_sends_trumps_messengers_packing.txt")
        >>> text[:13]
        '6 minutes ago'
    """
    return read_source(path, encoding).text


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


def _is_credited_caption(text: str) -> bool:
    """A short block whose photo credit comes at its end ("... Photo: AFP / Jane Doe")."""
    if len(text) > _MAX_CAPTION_CHARS or (":" not in text and "(" not in text):  # every credit form has one
        return False
    matches = list(_CREDIT.finditer(text))
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
    blocks = []
    para = 0
    for i, ((s, e), role) in enumerate(zip(spans, roles)):
        number = None
        if role == "headline":
            number = 0
        elif role == "body":
            para += 1
            number = para
        blocks.append(Block(i, role, number, s, e, texts[i], duplicate_of[i]))
    return blocks


def split_blocks(text: str) -> list[Block]:
    """Blocks of ``text`` with their roles (see :func:`classify_blocks`)."""
    return classify_blocks(text, block_spans(text))
