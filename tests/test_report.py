"""annotated.html: escaping, structure, and the atomic folder writer."""

from html.parser import HTMLParser

import pytest

import analysis
from analysis.annotate import annotated_html
from analysis.atomic import atomic_folder
from analysis.codebook import parse_codebook
from analysis.errors import AnalysisError
from analysis.explore import choices, explorer, selection, selection_html

ALLOWED = {
    "html": {"lang"},
    "head": set(),
    "meta": {"charset"},
    "title": set(),
    "style": set(),
    "body": set(),
    "div": {"class"},
    "p": {"class", "id"},
    "h1": {"class", "id"},
    "span": {"class", "style", "title"},
    "mark": {"style", "title"},
    "strong": set(),
    "code": set(),
    "table": set(),
    "thead": set(),
    "tbody": set(),
    "tr": set(),
    "th": set(),
    "td": {"style"},
}
HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror="alert(2)"> '
    '<a href="javascript:alert(3)">click</a> "quotes" & \'apostrophes\' </mark></span>'
)


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def parse(page):
    c = Collector()
    c.feed(page)
    return c


def hostile_result():
    text = f"Head {HOSTILE}\n\nThe tycoon said {HOSTILE} and left.\n\nPhoto: {HOSTILE}"
    cb = parse_codebook(
        "frames:\n  estate:\n    label: '<b onmouseover=x>Estate</b>'\n    description: '<script>'\n"
        "    terms: [tycoon, script, alert]\nactors:\n  '<i>Evil</i>': [tycoon]\n"
    )
    return analysis.analyze_text(text, codebook=cb)


@pytest.mark.parametrize(
    "render",
    [
        lambda r: annotated_html(r),
        lambda r: annotated_html(r, full_page=False),
        lambda r: selection_html(r, "frame:estate"),
        lambda r: selection_html(r, "actor:<i>Evil</i>"),
    ],
    ids=["page", "fragment", "explorer-frame", "explorer-actor"],
)
def test_hostile_text_is_shown_never_run(render):
    result = hostile_result()
    assert len(result.frame_hits) >= 3  # "script", "alert", "tycoon" are highlighted inside the hostile text
    page = render(result)
    parsed = parse(page)
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED, tag
        for name, value in attrs:
            assert name in ALLOWED[tag], (tag, name)
            assert "javascript:" not in (value or "") or name == "title", (tag, name, value)
    shown = "".join(parsed.text)
    assert "<script>alert(1)</script>" in shown
    assert 'onerror="alert(2)"' in shown


def test_seed_annotation_covers_every_hit_and_sentence(seed_result):
    page = annotated_html(seed_result)
    parsed = parse(page)
    marks = [dict(a) for t, a in parsed.tags if t == "mark"]
    titled = [m for m in marks if "title" in m]
    # every hit is named in some tooltip
    for h in seed_result.frame_hits.itertuples():
        assert any(f"({h.frame}): {h.entry}" in m["title"] for m in titled), (h.frame, h.entry)
    sents = [dict(a) for t, a in parsed.tags if t == "span" and ("class", "sent") in a]
    assert len(sents) == len(seed_result.sentences)
    assert page.count('class="furniture"') == 12  # captions, timestamps, byline, sign-off, boilerplate
    assert "<!DOCTYPE html>" in page


def test_explorer_static_and_widget(seed_result):
    keys = [k for _, k in choices(seed_result)]
    assert "frame:real_estate" in keys and "actor:Putin" in keys
    assert len(selection(seed_result, "frame:real_estate")) == len(
        seed_result.frame_hits.query("frame == 'real_estate'")
    )
    assert "12 match" not in selection_html(seed_result, "frame:desert")
    assert "4 match(es) in 1 paragraph(s)" in selection_html(seed_result, "frame:desert")
    box = explorer(seed_result)
    dropdown, out = box.children
    dropdown.value = "actor:Ushakov"
    assert "2 match(es) in 2 paragraph(s)" in out.value
    with pytest.raises(KeyError):
        selection(seed_result, "frame:nope")


def test_atomic_folder_cleans_up_on_interrupt(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text('{"generator": "discourse-analysis", "outputs": {}}')
    with pytest.raises(KeyboardInterrupt):
        with atomic_folder(out) as tmp:
            (tmp / "half.csv").write_text("a,b\n")
            raise KeyboardInterrupt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json"]


def test_atomic_folder_refuses_a_manifest_it_did_not_write(tmp_path):
    """Bug fixed: any manifest.json was trusted, and the files under its `outputs` deleted."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text('{"outputs": {"README.md": {}}}')
    (out / "README.md").write_text("someone else's")
    with pytest.raises(AnalysisError, match="holds no earlier output of this tool"):
        with atomic_folder(out):
            pass
    assert (out / "README.md").read_text() == "someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
