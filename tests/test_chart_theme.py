"""The shared layout, built in one go from dicts, is the layout plotly's update calls give."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts import theme


def _by_updates(fig, title, x_title, y_title, height=420, legend=True):
    """The layout as it was applied before: update_layout, update_xaxes, update_yaxes."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": theme.BASE_SIZE + 4}} if title else None,
        font={"family": theme.FONT, "size": theme.BASE_SIZE, "color": "#111827"},
        paper_bgcolor="white", plot_bgcolor="white", height=height,
        margin={"l": 70, "r": 30, "t": 70 if title else 30, "b": 60}, colorway=list(theme.PALETTE),
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0,
                "font": {"size": theme.BASE_SIZE}},
        hoverlabel={"font": {"family": theme.FONT, "size": theme.BASE_SIZE}}, separators=".,",
    )  # fmt: skip
    fig.update_xaxes(
        title_text=x_title, showgrid=False, linecolor="#6B7280", ticks="outside", title_font={"size": theme.BASE_SIZE}
    )
    fig.update_yaxes(
        title_text=y_title, gridcolor="#E5E7EB", zerolinecolor="#9CA3AF", linecolor="#6B7280",
        title_font={"size": theme.BASE_SIZE}, rangemode="tozero",
    )  # fmt: skip
    return fig


def _clean(o):
    if isinstance(o, dict):
        return {k: _clean(v) for k, v in o.items() if v != {}}
    if isinstance(o, list):
        return [_clean(v) for v in o]
    return o


def _bar():
    return go.Figure(go.Bar(x=["城区", "东县"], y=[3, 5], text=["3", "5"]))


def test_one_axis_with_and_without_titles_is_the_same_figure():
    for title, x, y in (("各县(区)康复人数", "县(区)", "人"), (None, None, "人"), (None, None, None)):
        got = theme.layout(_bar(), title, x, y, height=360, legend=False)
        want = _by_updates(_bar(), title, x, y, height=360, legend=False)
        assert _clean(got.to_plotly_json()) == _clean(want.to_plotly_json())
        assert got.layout.height == 360 and got.layout.showlegend is False
        assert got.layout.yaxis.title.text == y


def test_every_axis_of_a_subplot_figure_is_themed():
    def two():
        fig = make_subplots(rows=1, cols=2)
        fig.add_trace(go.Bar(x=["a"], y=[1]), 1, 1)
        fig.add_trace(go.Bar(x=["b"], y=[2]), 1, 2)
        return fig

    got = theme.layout(two(), "标题", "年度", "个")
    assert _clean(got.to_plotly_json()) == _clean(_by_updates(two(), "标题", "年度", "个").to_plotly_json())
    assert got.layout.xaxis2.title.text == "年度" and got.layout.yaxis2.rangemode == "tozero"


def test_extra_keys_lie_over_the_theme():
    got = theme.layout(_bar(), None, "x", "y", barmode="stack", yaxis={"autorange": "reversed", "rangemode": None})
    assert got.layout.barmode == "stack"
    assert got.layout.yaxis.autorange == "reversed" and got.layout.yaxis.rangemode is None
    assert got.layout.xaxis.title.text == "x"
