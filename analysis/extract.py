"""An HTML page's article: its text and blocks with roles, through trafilatura.

A saved news page holds the article among menus, teasers, comments and
scripts. :func:`extract_page` hands the page to trafilatura
(https://trafilatura.readthedocs.io, Apache 2.0), which finds the main
content and its metadata, and maps its output onto this package's blocks:

* ``headline``: the title trafilatura found (the page's ``og:title``,
  ``<h1>`` or ``<title>``, site name removed), first;
* ``byline`` and ``timestamp``: the author and the publication date it found
  in the page's metadata, as the page gives them (the date as ``YYYY-MM-DD``);
* ``body``: every paragraph, subheading (``<h2>``-``<h6>``), list item,
  quotation and table row of the main text, one block each, in reading
  order; a short block that matches the furniture rules of
  :mod:`analysis.blocks` (a timestamp line such as "Updated at 1:23 p.m.", a
  "Subscribe ..." or "Read more ..." line) takes that role instead;
* ``caption``: an image's text inside the main content (its caption or
  ``alt`` text);
* ``comment``: reader comments trafilatura found, after the article.

The blocks are joined by blank lines into the text every offset refers to,
so the text and ``blocks.csv`` can be read like a pasted article. Settings
(:data:`SETTINGS`): ``favor_precision`` (a researcher counts words: a
teaser or a comment in the body does more harm than a missed line), comments
kept apart as ``comment`` blocks, tables kept. On the development half of the
Zyte article-extraction benchmark (88 pages) this scores body F1 0.97
against 0.95 for trafilatura's defaults (``benchmarks/bench_extraction.py``).

What it cannot do: pages that need JavaScript to show their text, paywalled
text the page does not hold, and pages whose main content is not prose
(galleries, live blogs split over pages) are extracted partly or not at all;
:func:`extract_page` then returns no body and the caller says so.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from importlib import metadata

from .blocks import _is_credited_caption, _is_furniture, number_blocks
from .records import Block

#: trafilatura's settings: what the manifest records and the README reports.
SETTINGS = {
    "favor_precision": True,
    "include_comments": True,
    "include_tables": True,
    "include_images": False,
    "include_formatting": False,
    "include_links": False,
    "with_metadata": True,
    "deduplicate": False,
}

# trafilatura and the libraries it uses log to the root logger's last-resort
# handler (stderr) when nothing is configured; the command line prints one
# line per problem, so they stay quiet unless the caller sets up logging.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_WS = re.compile(r"\s+")
# trafilatura's output elements: these hold one block of text each; the
# containers hold such elements (and sometimes loose text of their own).
_BLOCK_TAGS = frozenset({"p", "head", "item", "row", "code", "graphic"})
_CONTAINERS = frozenset({"body", "div", "list", "quote", "table", "section"})


@dataclass
class Extracted:
    """A page's article as text and blocks, and what found it.

    Attributes:
        text: the blocks joined by blank lines, ending with a newline (the offset space).
        blocks: the blocks with roles and paragraph numbers.
        info: the extractor, its version and settings, and the metadata found.
    """

    text: str
    blocks: list[Block]
    info: dict = field(default_factory=dict)


def extractor_version() -> str:
    try:
        return metadata.version("trafilatura")
    except metadata.PackageNotFoundError:  # pragma: no cover - a declared dependency
        return "not installed"


def _one_line(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _element_text(el) -> str:
    if el.tag == "row":
        cells = [_one_line("".join(c.itertext())) for c in el]
        return " | ".join(c for c in cells if c)
    if el.tag == "graphic":
        return _one_line(el.get("title") or el.get("alt"))
    return _one_line("".join(el.itertext()))


def _body_role(text: str) -> str:
    """A main-text block's role: a photo caption with its credit, a furniture line
    (:func:`analysis.blocks._is_furniture`), or body text."""
    if _is_credited_caption(text):
        return "caption"
    return _is_furniture(text) or "body"


def _walk(el, out: list[tuple[str, str]], role: str) -> None:
    """(role, text) of every block under ``el``, in reading order."""
    for child in el:
        tag = child.tag
        if tag in _BLOCK_TAGS and not (tag == "item" and any(g.tag == "list" for g in child)):
            text = _element_text(child)
            if text:
                out.append(("caption" if tag == "graphic" else role, text))
        elif tag in _CONTAINERS or tag == "item":
            head = _one_line(child.text)
            if head:
                out.append((role, head))
            _walk(child, out, role)
        else:
            text = _element_text(child)
            if text:
                out.append((role, text))
        tail = _one_line(child.tail)
        if tail:  # text after an image inside the main text is its caption
            out.append(("caption" if tag == "graphic" and role == "body" else role, tail))


def extract_page(page: str) -> Extracted | None:
    """The article of an HTML page, or None when trafilatura finds no main text.

    Args:
        page: the decoded page.

    Returns:
        Its text (blocks joined by blank lines) and blocks with roles (see the
        module's docstring), and ``info`` for the manifest.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(page, **SETTINGS)
    info = {"extractor": "trafilatura", "version": extractor_version(), "settings": dict(SETTINGS)}
    if doc is None or doc.body is None:
        return None
    parts: list[tuple[str, str]] = []
    _walk(doc.body, parts, "body")
    if not any(role == "body" for role, _ in parts):
        return None
    title, author, date = _one_line(doc.title), _one_line(doc.author), _one_line(doc.date)
    # furniture lines inside the main text take their role (timestamps, calls to action)
    parts = [(_body_role(t) if role == "body" else role, t) for role, t in parts]
    if title and parts and parts[0][1].casefold() == title.casefold():
        parts[0] = ("headline", parts[0][1])  # the page repeats its title atop the text
        title = ""
    head: list[tuple[str, str]] = []
    if title:
        head.append(("headline", title))
    if author:
        head.append(("byline", author))
    if date:
        head.append(("timestamp", date))
    comments: list[tuple[str, str]] = []
    if doc.commentsbody is not None:
        _walk(doc.commentsbody, comments, "comment")
    info["metadata"] = {"title": _one_line(doc.title) or None, "author": author or None, "date": date or None}
    pieces, blocks, pos = [], [], 0
    for i, (role, text) in enumerate(head + parts + comments):
        blocks.append(Block(i, role, None, pos, pos + len(text), text))
        pieces.append(text)
        pos += len(text) + 2
    return Extracted("\n\n".join(pieces) + "\n", number_blocks(blocks), info)
