import pytest
from matplotlib.figure import Figure

from analysis.plots import FIGURES, save_figure


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_each_figure_renders_on_the_seed(seed_result, name, tmp_path):
    draw, caption = FIGURES[name]
    fig = draw(seed_result)
    assert isinstance(fig, Figure)
    w, h = fig.get_size_inches()
    assert w >= 6 and h >= 3
    texts = [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]
    assert any("Putin sends Trump's messengers packing" in t for t in texts), "caption names the source"
    assert fig._suptitle is not None and fig._suptitle.get_text()
    for ax in fig.axes:
        if ax.get_visible() and ax.has_data():
            assert ax.get_xlabel() or ax.get_ylabel()
    png, svg = save_figure(fig, tmp_path / name)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<dc:date>" not in svg.read_bytes()
    assert caption


def test_saving_twice_gives_identical_bytes(seed_result, tmp_path):
    draw, _ = FIGURES["sentiment_arc"]
    a = save_figure(draw(seed_result), tmp_path / "a" / "fig")
    b = save_figure(draw(seed_result), tmp_path / "b" / "fig")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
