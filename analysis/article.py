"""Read an article file into the text every table refers to.

The string returned by :func:`load_text` is the *offset space* of every table
the package writes: every ``start``/``end`` is a character offset into it.
Blocks and their roles are given by :mod:`analysis.blocks`; an HTML page's
text (and its blocks) by :mod:`analysis.extract`.

Hostile input: every regex here is matched in time linear in its input (each
HTML-token regex is a single character-class run), HTML is tokenised in one
forward pass (:func:`_html_tokens`), and a file is read once, at most
:data:`MAX_ARTICLE_BYTES` + 1 bytes of it (:func:`read_article_bytes`).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import sys
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from .errors import AnalysisError

# Control characters other than tab, newline, carriage return and form feed: C0,
# DEL and C1 (U+0080-U+009F). Real text has none of them; cp1252 text decoded
# as latin-1 has its quotes and dashes there.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_C1 = re.compile(r"[\x80-\x9f]")
#: More than this share of control characters: binary content, not text.
MAX_CONTROL_SHARE = 0.01

#: The largest article file read, in bytes. A news article is 5-100 KB; a
#: saved news page, scripts and styles included, up to a few MB. Files are read
#: at most this many bytes + 1, so /dev/zero or an endless pipe is refused at once.
MAX_ARTICLE_BYTES = 10_000_000
#: The longest text analysed, in characters (after HTML extraction): about
#: 50,000 words, five times the longest magazine long-reads. Memory grows with
#: the rows the text makes; the densest layout (a one-letter paragraph per line:
#: a block, paragraph, sentence and token row per 2 characters) peaks near 0.7 GB
#: here, ordinary prose near 0.2 GB.
MAX_ARTICLE_CHARS = 300_000
#: The most elements (start tags) of a page handed to trafilatura. Its time grows
#: with the elements (about 0.1-0.2 ms each here: 8 s for a 1 MB page of 45,000
#: empty <div>s); news pages have 100-1,600 (the Zyte benchmark) and saved
#: browser pages a few thousand. A larger page is read by the linear <h1>/<p>
#: reader, with a warning.
MAX_EXTRACTOR_ELEMENTS = 25_000
#: Codecs that decode bytes but are not the encoding of a text file (host names, or always failing).
NOT_FILE_ENCODINGS = frozenset({"idna", "punycode", "undefined"})
#: The path that means standard input (a ``str``; ``Path("-")`` is a file named ``-``).
STDIN = "-"
#: How standard input is named in messages and manifests.
STDIN_NAME = "<stdin>"

# Names shown in messages and written to outputs: characters that would break a
# line or a terminal are shown as escapes.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

# ---- HTML: a forward-only tokeniser (HTML5's states, simplified). Each regex
# below is a single character class run, so every token costs its own length.
_TAG_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*")
_TAG_REST = re.compile(r"[^>\"'=]*")  # inside a tag, up to the next quote, "=" or ">"
_EQUALS = re.compile(r"=[\t\n\f\r ]*")
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*")  # an unquoted attribute value
_RAW_END = {
    "script": re.compile(r"</script(?=[\t\n\f\r />])", re.IGNORECASE),
    "style": re.compile(r"</style(?=[\t\n\f\r />])", re.IGNORECASE),
}
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DATA, _START, _STARTEND, _END, _OTHER, _UNCLOSED = range(6)
# What may come before a page's root tag: white space, byte-order marks (also a
# UTF-8 BOM decoded as cp1252/latin-1), then comments, an XML declaration.
_PROLOG_SPACE = re.compile("(?:[\\s\ufeff]|\u00ef\u00bb\u00bf)*")
_ROOT_TAG = re.compile(r"<(?:!doctype\s+html|(?:html|head|body)[\s/>])", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# A document without a root tag is a fragment of HTML (a CMS or WordPress block
# export) when it has at least this many closed <p>/<h1>-<h6>/<li> elements
# and, of its non-space characters, markup plus the text of such elements
# (each without a blank line inside) make at least this share. Plain text
# that mentions or quotes <p> tags keeps most of its text outside them.
_FRAGMENT_MIN_ELEMENTS = 3
_FRAGMENT_MIN_SHARE = 0.5
_FRAGMENT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li"})


@dataclass(frozen=True)
class SourceText:
    """An article as read: the text every offset refers to, and what it was made from.

    Attributes:
        name: the file as named by the caller (its path; :data:`STDIN_NAME` for
            standard input), printable (:func:`display_name`), for messages and manifests.
        text: the decoded text (the offset space of every table).
        sha256: SHA-256 of exactly the bytes that were decoded.
        html: True when the file was an HTML page and ``text`` is its extracted text.
        encoding: the codec the bytes were decoded with.
        blocks: the blocks with their roles when the extractor gave them (an HTML
            page); None for plain text, whose blocks :func:`analysis.blocks.split_blocks` finds.
        extraction: what extracted an HTML page's text (extractor, version,
            settings, metadata found), for the manifest; None for plain text.
    """

    name: str
    text: str
    sha256: str
    html: bool = False
    encoding: str = "utf-8"
    blocks: tuple | None = None
    extraction: dict | None = None


def html_warning(extraction: dict) -> str:
    """The warning for an HTML page whose text was extracted, naming what extracted it."""
    if extraction.get("note"):
        return f"an HTML page: {extraction['note']}; offsets refer to that extracted text"
    return (
        f"an HTML page: analysing the main text {extraction['extractor']} {extraction['version']} found "
        "(blocks.csv gives each block's role); offsets refer to that extracted text"
    )


def display_name(path: str | bytes | os.PathLike) -> str:
    """A file name as text that can be printed and written as UTF-8, and is one line.

    Bytes that are not UTF-8 (a name that Python holds with surrogate escapes,
    such as ``b"caf\\xe9.txt"``) are shown as ``\\xe9``; control characters and
    line separators as escapes (``\\n``). Any other name is returned as ``str(path)``.
    """
    if isinstance(path, bytes):
        raw = path
    else:
        name = str(path)
        try:
            raw = name.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a lone surrogate no file system produced
            raw = name.encode("utf-8", "backslashreplace")
    text = raw.decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    """An unprintable character as an escape: ``\\n``, ``\\x7f``; ``\\u0085`` above ASCII, so a C1
    character never looks like the undecodable byte ``\\x85``."""
    ch = match.group()
    return ch.encode("unicode_escape").decode("ascii") if ord(ch) < 0x80 else f"\\u{ord(ch):04x}"


def source_name(path: str | os.PathLike) -> str:
    """How :func:`read_source` names ``path``: :data:`STDIN_NAME` for ``"-"``, else its :func:`display_name`."""
    if _is_stdin(path):
        return STDIN_NAME
    return display_name(Path(os.fsdecode(path)))


def _is_stdin(path) -> bool:
    return isinstance(path, str) and path == STDIN


def _too_large(name: str, size: int | None) -> AnalysisError:
    got = f"{size} bytes" if size is not None else f"more than {MAX_ARTICLE_BYTES} bytes"
    return AnalysisError(
        f"{name}: larger than {MAX_ARTICLE_BYTES // 1_000_000} MB ({got}); "
        "an article is far smaller: split the file into articles (the corpus command analyses many)"
    )


def decode_text(data: bytes, *, name: str, encoding: str = "utf-8") -> str:
    """The text of :func:`decode_source` (bytes -> the offset space)."""
    return decode_source(data, name=name, encoding=encoding).text


def decode_source(data: bytes, *, name: str, encoding: str = "utf-8") -> SourceText:
    """Decode bytes into the offset space: BOM removed, line endings ``\\n``.

    Args:
        data: the raw file content.
        name: how to name the source in error messages (usually its path); made
            printable with :func:`display_name`.
        encoding: any Python codec name; ``utf-8`` by default.

    Returns:
        The decoded text with ``\\r\\n`` and lone ``\\r`` turned into ``\\n`` (an HTML page's
        extracted text), the hash of ``data`` and whether it was HTML.

    Raises:
        AnalysisError: more than :data:`MAX_ARTICLE_BYTES` bytes or (after HTML
            extraction) :data:`MAX_ARTICLE_CHARS` characters, binary content
            (NUL bytes, or more than 1% C0/C1 control characters), undecodable
            bytes, an unknown codec, or a text with nothing but white space.
    """
    name = display_name(name)
    if len(data) > MAX_ARTICLE_BYTES:
        raise _too_large(name, len(data))
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError, TypeError):
        raise AnalysisError(f"{name}: unknown encoding {encoding!r}") from None
    codec = info.name
    if not getattr(info, "_is_text_encoding", True) or codec in NOT_FILE_ENCODINGS:
        raise AnalysisError(
            f"{name}: {encoding!r} is not the encoding of a text file (use one such as utf-8 or cp1252)"
        )
    # UTF-16/32 legitimately contain NUL bytes; every other codec we accept
    # treats them as a sign of binary content.
    if b"\x00" in data and not codec.startswith(("utf-16", "utf-32")):
        raise AnalysisError(f"{name}: not a text file (contains NUL bytes at byte {data.index(0)})")
    if codec == "utf-8":
        codec = "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeError as exc:
        if not isinstance(exc, UnicodeDecodeError):
            raise AnalysisError(f"{name}: cannot be decoded as {encoding} ({exc})") from None
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
        hint = ""
        if codec.startswith("iso8859") and 2 * len(_C1.findall(text)) > controls:
            hint = "; if it is Windows text, try --encoding cp1252"
        raise AnalysisError(f"{name}: not a text file ({controls} control characters in {len(text)}{hint})")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise AnalysisError(f"{name}: empty file (nothing but white space)")
    html = looks_like_html(text)
    blocks = extraction = None
    if html:
        text, blocks, extraction = _extract_html(text, name)
    if len(text) > MAX_ARTICLE_CHARS:
        what = "characters of text extracted from the HTML page" if html else "characters"
        raise AnalysisError(
            f"{name}: longer than {MAX_ARTICLE_CHARS:,} characters ({len(text)} {what}); "
            "an article is far shorter: split the file into articles (the corpus command analyses many)"
        )
    return SourceText(name, text, hashlib.sha256(data).hexdigest(), html, encoding, blocks, extraction)


def _extract_html(page: str, name: str) -> tuple[str, tuple | None, dict]:
    """The text, blocks and extraction record of an HTML page (:func:`analysis.extract.extract_page`).

    When trafilatura finds no main text (or fails on the page, or the page has
    more than :data:`MAX_EXTRACTOR_ELEMENTS` elements), the text of the page's
    ``<h1>`` and ``<p>`` elements (:func:`html_to_text`, linear time) is
    analysed instead, and the record says so.
    """
    from .extract import extract_page, extractor_version

    elements = sum(1 for kind, *_ in _html_tokens(page) if kind == _START or kind == _STARTEND)
    try:
        if elements > MAX_EXTRACTOR_ELEMENTS:
            got, failure = None, f"not run, the page has {elements:,} elements (more than {MAX_EXTRACTOR_ELEMENTS:,})"
        else:
            got, failure = extract_page(page), None
    except RecursionError:  # a page nested deeper than the parser's stack
        got, failure = None, "the page is nested too deeply for it"
    except Exception as exc:  # a third-party extractor's bug must not stop the analysis
        got, failure = None, f"it failed ({type(exc).__name__})"
    if got is not None:
        return got.text, tuple(got.blocks), got.info
    text = html_to_text(page)
    if not text.strip():
        raise AnalysisError(
            f"{name}: an HTML page without article text (trafilatura found no main text, and the page has "
            "no <h1> or <p> text); save the article as plain text"
        )
    why = failure or "it found no main text"
    info = {
        "extractor": "h1/p fallback",
        "version": None,
        "settings": None,
        "note": f"trafilatura {extractor_version()}: {why}; the text of the page's <h1> and <p> elements is analysed",
    }
    return text, None, info


# --------------------------------------------------------------------------- HTML


def _tag_end(page: str, i: int) -> tuple[int, bool]:
    """The end of the tag whose attributes start at ``i`` (after its ``>``; -1 if the page
    ends inside it), and whether it closes itself (``<br/>``).

    As in HTML5, a quoted attribute value may hold ``>``, an unquoted one runs to
    white space or ``>`` (``<a href=/x/>`` does not close itself), and a quote
    that does not open a value is part of an attribute name.
    """
    n = len(page)
    value_end = i  # the end of the last attribute value
    while True:
        i = _TAG_REST.match(page, i).end()
        if i >= n:
            return -1, False
        c = page[i]
        if c == ">":
            return i + 1, page[i - 1] == "/" and i > value_end
        if c == "=":
            i = _EQUALS.match(page, i).end()
            if i < n and page[i] in "\"'":
                close = page.find(page[i], i + 1)
                if close < 0:
                    return -1, False
                i = close + 1
            else:
                i = _UNQUOTED.match(page, i).end()
            value_end = i
        else:
            i += 1


def _html_tokens(page: str):
    """Tokens of an HTML page in one forward pass: ``(kind, tag name, start, end)``.

    Kinds: ``_DATA`` (text, entities not yet decoded), ``_START``, ``_STARTEND``
    (``<br/>``), ``_END``, ``_OTHER`` (comments, declarations, processing
    instructions, script and style content) and ``_UNCLOSED`` (a comment, tag
    or declaration the page ends inside: as in HTML5 it runs to the end). A
    ``<`` that starts none of them is text. Every character is scanned a
    bounded number of times.
    """
    n = len(page)
    pos = data = 0  # pos: where to look for the next "<"; data: start of the pending text
    while True:
        lt = page.find("<", pos)
        if lt < 0:
            if data < n:
                yield _DATA, "", data, n
            return
        nxt = page[lt + 1 : lt + 2]
        name = ""
        if nxt == "!" or nxt == "?" or nxt == "/":
            if page.startswith("<!--", lt):
                if page.startswith(">", lt + 4):
                    end = lt + 5
                elif page.startswith("->", lt + 4):
                    end = lt + 6
                else:
                    close = page.find("-->", lt + 4)
                    end = -1 if close < 0 else close + 3
                kind = _OTHER
            elif nxt == "/" and page[lt + 2 : lt + 3] in _ASCII_LETTERS:
                m = _TAG_NAME.match(page, lt + 2)
                end, _ = _tag_end(page, m.end())
                kind, name = _END, m.group().lower()
            elif nxt == "/" and lt + 2 >= n:  # "</" at the very end is text
                pos = n
                continue
            else:  # "<!...>", "<?...>", "</>", "</ ...>": a bogus comment to the next ">"
                close = page.find(">", lt + 2)
                end, kind = (-1 if close < 0 else close + 1), _OTHER
        elif nxt and nxt in _ASCII_LETTERS:
            m = _TAG_NAME.match(page, lt + 1)
            end, closes = _tag_end(page, m.end())
            kind, name = (_STARTEND if closes else _START), m.group().lower()
        else:  # "<" followed by anything else is text
            pos = lt + 1
            continue
        if data < lt:
            yield _DATA, "", data, lt
        if end < 0:
            yield _UNCLOSED, "", lt, n
            return
        yield kind, name, lt, end
        pos = data = end
        if kind == _START and name in _RAW_END:  # script/style content is not markup
            close = _RAW_END[name].search(page, end)
            stop = n if close is None else close.start()
            if stop > end:
                yield _OTHER, "", end, stop
            pos = data = stop
        if pos >= n:
            return


def _starts_like_page(text: str) -> bool:
    """True when, after white space, BOMs, comments and ``<?xml ...?>``, the text opens with
    ``<!DOCTYPE html``, ``<html``, ``<head`` or ``<body``."""
    pos = 0
    while True:
        pos = _PROLOG_SPACE.match(text, pos).end()
        if text.startswith("<!--", pos):
            close, length = text.find("-->", pos + 4), 3
        elif text.startswith("<?", pos):
            close, length = text.find(">", pos + 2), 1
        else:
            return _ROOT_TAG.match(text, pos) is not None
        if close < 0:
            return False
        pos = close + length


def _fragment_evidence(text: str) -> tuple[int, float]:
    """Closed block elements (without a blank line inside), and the share of the
    non-space characters that markup and their text make."""
    markup = kept = loose = closed = 0
    open_name, open_chars, open_blank = None, 0, False
    for kind, name, start, end in _html_tokens(text):
        if kind == _DATA or kind == _UNCLOSED:  # markup the text ends inside is no evidence of HTML
            chars = len("".join(text[start:end].split()))  # non-space characters
            if open_name is None:
                loose += chars
            else:
                open_chars += chars
                open_blank = open_blank or _BLANK_LINE.search(text, start, end) is not None
            continue
        markup += end - start
        if kind in (_START, _STARTEND) and name in _FRAGMENT_BLOCKS:
            loose += open_chars  # a block element left open before this one
            open_name, open_chars, open_blank = (name if kind == _START else None), 0, False
        elif kind == _END and name == open_name:
            if open_blank:
                loose += open_chars
            else:
                kept += open_chars
                closed += 1
            open_name, open_chars = None, 0
    loose += open_chars
    covered = markup + kept
    return closed, covered / max(1, covered + loose)


def looks_like_html(text: str) -> bool:
    """True for an HTML page or fragment (linear time).

    A page starts like one: after white space, byte-order marks, comments and an
    XML declaration comes ``<!DOCTYPE html``, ``<html``, ``<head`` or ``<body``.
    A fragment (a CMS or WordPress export) has at least 3 closed ``<p>``,
    ``<h1>``-``<h6>`` or ``<li>`` elements, and markup plus their text make at
    least half of its non-space characters; an article that mentions or quotes
    ``<p>`` tags is plain text.
    """
    if _starts_like_page(text):
        return True
    if "</" not in text:  # no closed element: not a fragment (the fast path for plain text)
        return False
    closed, share = _fragment_evidence(text)
    return closed >= _FRAGMENT_MIN_ELEMENTS and share >= _FRAGMENT_MIN_SHARE


class _ParagraphParser:
    """Collects the text of <h1> (or <title>) and <p> elements, outside scripts and styles."""

    _KEEP = {"h1", "p", "title"}
    _SKIP = {"script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form"}

    def __init__(self):
        self.parts: list[tuple[str, str]] = []
        self._stack: list[str] = []
        self._buf: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag):
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
    The page is tokenised in one forward pass (:func:`_html_tokens`): linear
    time whatever the markup, unclosed comments and tags included.
    """
    parser = _ParagraphParser()
    for kind, name, start, end in _html_tokens(page):
        if kind == _DATA:
            if parser._stack and not parser._skip:
                parser.handle_data(unescape(page[start:end]))
        elif kind == _END:
            parser.handle_endtag(name)
        elif kind == _START or kind == _STARTEND:
            parser.handle_starttag(name)
            if kind == _STARTEND:
                parser.handle_endtag(name)
    parser._flush()
    heads = [t for tag, t in parser.parts if tag == "h1"] or [t for tag, t in parser.parts if tag == "title"]
    paras = [t for tag, t in parser.parts if tag == "p"]
    blocks = heads[:1] + paras
    return "\n\n".join(blocks) + ("\n" if blocks else "")


# --------------------------------------------------------------------------- reading


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise AnalysisError(f"{STDIN_NAME}: there is no standard input to read")
    try:
        if stream.isatty():
            raise AnalysisError(f"{STDIN_NAME}: is a terminal; pipe an article in (... | python -m analysis analyze -)")
        data = stream.read(MAX_ARTICLE_BYTES + 1)
    except (OSError, ValueError) as exc:  # ValueError: standard input is closed
        raise AnalysisError(f"{STDIN_NAME}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise _too_large(STDIN_NAME, None)
    return data


class _LazyName:
    """:func:`source_name` of a path, computed when a message shows it."""

    def __init__(self, path):
        self.path = path

    def __str__(self) -> str:
        return source_name(self.path)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def read_article_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of an article file, read once and at most :data:`MAX_ARTICLE_BYTES` + 1 of them.

    ``"-"`` (the string) is standard input. A FIFO or character device (a pipe,
    ``<(command)``, ``/dev/stdin``) is read like standard input, once and bounded;
    like ``cat``, opening a named FIFO waits for its writer. A terminal is refused.

    Raises:
        AnalysisError: a missing file, a directory, a terminal, an unreadable
            file, or more than :data:`MAX_ARTICLE_BYTES` bytes (a regular file's
            size is checked before reading).
    """
    if _is_stdin(path):
        return _read_stdin()
    # the name is made (a regex over the path) only for a message: a corpus reads thousands of files
    name = _LazyName(path)
    try:
        with open(path, "rb") as fh:
            info = os.fstat(fh.fileno())
            regular = stat.S_ISREG(info.st_mode)
            if regular and info.st_size > MAX_ARTICLE_BYTES:
                raise _too_large(str(name), info.st_size)
            if stat.S_ISDIR(info.st_mode):
                raise AnalysisError(f"{name}: is a directory, not an article file")
            if not regular and os.isatty(fh.fileno()):
                raise AnalysisError(f"{name}: is a terminal, not an article file")
            data = fh.read(MAX_ARTICLE_BYTES + 1)
    except FileNotFoundError:
        raise AnalysisError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise AnalysisError(f"{name}: is a directory, not an article file") from None
    except PermissionError:
        raise AnalysisError(f"{name}: permission denied") from None
    except OSError as exc:
        raise AnalysisError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    except ValueError:  # a NUL character in the name
        raise AnalysisError(f"{name}: not a valid file name") from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise _too_large(str(name), len(data) if regular else None)
    return data


def read_source(path: str | os.PathLike, encoding: str = "utf-8") -> SourceText:
    """Read an article file once: its text (the offset space), the hash of the bytes read, HTML or not.

    Args:
        path: the article file; ``"-"`` is standard input (named ``<stdin>``),
            see :func:`read_article_bytes` for pipes and devices.
        encoding: a Python codec name; UTF-8 (with or without BOM) by default.

    Raises:
        AnalysisError: a missing file, a directory, binary or undecodable
            content, an empty file, or a file over the size limits; the message
            names the file.
    """
    return decode_source(read_article_bytes(path), name=source_name(path), encoding=encoding)


def load_text(path: str | os.PathLike, encoding: str = "utf-8") -> str:
    """Read an article file into the offset space every table refers to (:func:`read_source`'s text).

    Returns:
        The decoded text, BOM removed, line endings normalised to ``\\n``.

    Example:
        >>> text = load_text("seeds/putin_sends_trumps_messengers_packing.txt")
        >>> text[:13]
        '6 minutes ago'
    """
    return read_source(path, encoding).text
