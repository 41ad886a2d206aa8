"""The Organisation page's builders, without Streamlit: map layers, colours and labels,
zoom, findings, tables."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from charts import org_associations, org_coverage, org_labels, org_map
from data_access import queries
from data_access.db import make_engine
from data_access.filters import Filters


@pytest.fixture(scope="module")
def frames(demo_sqlite_url):
    with make_engine(demo_sqlite_url).connect() as conn:
        f = Filters(2020, year_from=2019)
        return {
            "towns": queries.org_area_status(conn, f),
            "villages": queries.org_area_status(conn, f, level="village"),
            "counties": queries.org_county_shapes(conn, f),
            "gaps": queries.org_gaps(conn, f),
            "by_county": queries.org_coverage(conn, f, by_county=True),
            "total": queries.org_coverage(conn, f),
            "trend": queries.org_coverage_trend(conn, Filters(2025, year_from=2019)),
            "full": queries.org_full_coverage(conn, Filters(2025)),
            "units": queries.org_county_units(conn, f),
        }


def test_map_is_offline_and_has_its_layers(frames):
    deck = org_map.coverage_map(frames["towns"], frames["villages"], frames["counties"], lang="zh")
    spec = json.loads(deck.to_json())
    # pydeck's "default style" marker with no provider: Streamlit's front end draws no base map.
    # With no mapStyle at all it would fetch its own default from basemaps.cartocdn.com.
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec
    assert "http" not in json.dumps(spec)
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids == ["townships", "counties", "villages", "gap_marks", "county_labels"]
    lay = {layer["id"]: layer for layer in spec["layers"]}
    # constants stay constants (not accessor expressions) and Chinese labels get their glyphs
    assert lay["county_labels"]["characterSet"] == "auto"
    assert lay["counties"]["widthUnits"] == "pixels"
    # colours by status, never colour alone: a label in every tooltip row, a hollow ring for "none"
    for r in lay["townships"]["data"]:
        assert r["fill"] == [*org_labels.TOWN_RGB[r["status"]], 255]  # opaque: the fill is its legend swatch
        assert r["status_label"] == org_labels.status_label("township", r["status"], lang="zh")
    none_v = [r for r in lay["villages"]["data"] if r["status"] == "none"]
    assert none_v and all(
        r["fill"][:3] == [255, 255, 255] and r["line"][:3] == list(org_labels.STATUS_RGB["none"]) for r in none_v
    )
    assert "{status_label}" in deck._tooltip["html"] and "区划代码" in deck._tooltip["html"]


def test_colours_are_the_colour_blind_safe_palette():
    from charts.theme import PALETTE

    hexes = {"#{:02X}{:02X}{:02X}".format(*rgb) for rgb in org_labels.STATUS_RGB.values()}
    assert hexes <= {p.upper() for p in PALETTE}
    assert [h for h, _n, _m in org_map.legend_items(lang="zh")] == ["#A6CEE8", "#E69F00", "#D55E00"]


def test_zoom_to_a_county_is_closer(frames):
    city = org_map.view_for(frames["counties"])
    one = org_map.view_for(frames["counties"].iloc[[0]])
    assert one.zoom > city.zoom
    assert 7 < city.zoom < 10


def test_multipolygon_shapes_are_drawn_each():
    geom = json.dumps(
        {
            "type": "MultiPolygon",
            "coordinates": [
                [[[0, 0], [1, 0], [1, 1], [0, 0]]],
                [[[2, 2], [3, 2], [3, 3], [2, 2]]],
            ],
        }
    )
    assert len(org_map.polygons(geom)) == 2
    assert org_map.polygons(None) == []


def test_map_summary_names_the_gaps(frames):
    s = org_map.map_summary(frames["towns"], frames["villages"], 2020, "示例市", lang="zh")
    assert s.startswith("示例市2020年末：100个乡镇(街道)中，83个已建残联并配备专职人员")
    gaps = list(frames["towns"].loc[frames["towns"]["status"] == "none", "name"])
    assert gaps  # 2020 has townships without a federation
    for name in gaps:
        assert name in s


def test_gap_table_and_finding(frames):
    t = org_coverage.gap_table(frames["gaps"], lang="zh")
    assert list(t.columns) == ["县(区)", "层级", "所属乡镇(街道)", "名称", "区划代码", "缺口", "成立日期"]
    assert len(t) == len(frames["gaps"])
    assert set(t["缺口"]) <= {s for lv in org_labels.STATUS_LABELS.values() for s, _ in lv.values()}
    f = org_coverage.gap_finding(frames["gaps"], 2020, "示例市", lang="zh")
    assert "17个乡镇(街道)" in f and "14个乡镇(街道)未建残联" in f
    assert "没有缺口" in org_coverage.gap_finding(frames["gaps"].iloc[0:0], 2025, "示例市", lang="zh")
    assert org_coverage.gap_table(frames["gaps"].iloc[0:0], lang="zh").empty


def test_coverage_table_first_row_is_the_whole(frames):
    names = dict(zip(frames["counties"]["code"], frames["counties"]["name"], strict=True))
    w = org_coverage.coverage_wide(frames["by_county"], frames["total"], names, "示例市", lang="zh")
    assert w.iloc[0]["县(区)"] == "示例市" and len(w) == 9
    assert w.iloc[0]["已建残联"] == 86 and w.iloc[0]["残联覆盖率(%)"] == 86.0
    assert w.iloc[1:]["村(社区)数"].sum() == 1434


def test_trend_finding_says_when_it_was_complete(frames):
    s = org_coverage.trend_finding(frames["trend"], frames["full"], 2025, "示例市", lang="zh")
    assert "从2019年的80.0%升至2025年的100.0%" in s
    assert "2025年实现“乡乡有机构、村村有服务”" in s
    assert org_coverage.full_coverage_year(frames["full"], 2024) is None
    fig = org_coverage.trend_figure(frames["trend"], lang="zh")
    assert len(fig.data) == 4 and fig.layout.yaxis.title.text == "覆盖率（%）"


def test_bars_show_their_colour_under_the_pattern(frames):
    names = dict(zip(frames["counties"]["code"], frames["counties"]["name"], strict=True))
    fig = org_coverage.county_figure(frames["by_county"], names, lang="zh")
    assert len(fig.data) == 4
    assert all(b.marker.pattern.fillmode == "overlay" for b in fig.data)
    assert len({b.marker.color for b in fig.data}) == 4


def test_county_units_grid(frames):
    counties = frames["counties"][["code", "name"]]
    g = org_associations.county_units_grid(frames["units"], counties, 2020, lang="zh")
    assert list(g.columns) == ["县(区)", "残联党组", "盲协", "聋协", "肢协", "智协", "精协"]
    assert g.iloc[0]["县(区)"] == "市本级" and g.iloc[0]["残联党组"] == "—"
    later = g.iloc[1:].drop(columns="县(区)").stack()
    assert set(later) <= {"未成立"} | {f"{y}年成立" for y in range(2013, 2021)}
    g25 = org_associations.county_units_grid(frames["units"], counties, 2025, lang="zh")
    assert (g25.iloc[1:]["残联党组"] != "未成立").all()
    assert isinstance(g25, pd.DataFrame)


def test_map_labels_clear_the_gap_marks_and_each_other_in_2021(demo_sqlite_url):
    """2021 in the demo city: 11 townships with a gap. At the map's first view the names of
    青林县 and 白河县 at their counties' middles would cover 清乐街道 and 竹店镇 (unbuilt):
    every name is placed clear of every gap mark and of the other names, and all eight are written."""
    with make_engine(demo_sqlite_url).connect() as conn:
        f = Filters(2021)
        towns, counties = queries.org_area_status(conn, f), queries.org_county_shapes(conn, f)
    deck = org_map.coverage_map(towns, towns.iloc[0:0], counties, lang="zh")
    spec = json.loads(deck.to_json())
    v = spec["initialViewState"]
    view = (v["longitude"], v["latitude"], v["zoom"])
    lay = {layer["id"]: layer for layer in spec["layers"]}
    gaps = org_labels.gap_townships(towns, lang="zh")
    # the marks on the map are the numbered list beside it
    assert [m["text"] for m in lay["gap_marks"]["data"]] == [f"{n} 未建" for n in range(1, 10)] + [
        "10 缺专职",
        "11 缺专职",
    ]
    assert gaps["name"].head(2).tolist() == ["清乐街道", "新集镇"]
    marks = {
        name: org_labels.mark_box(lon, lat, text, view)
        for name, lon, lat, text in zip(gaps["name"], gaps["lon"], gaps["lat"], gaps["mark"], strict=True)
    }

    def label_box(text, lon, lat):
        return (
            *org_labels.to_px(lon, lat, view),
            *org_labels.text_size(text, org_labels.LABEL_SIZE, org_labels.LABEL_PAD),
        )

    # the case this guards: a name at its county's middle covers an unbuilt township
    at_middle = {
        n: label_box(n, lon, lat)
        for n, lon, lat in zip(counties["name"], counties["lon"], counties["lat"], strict=True)
    }
    assert org_labels.overlaps(at_middle["青林县"], marks["清乐街道"])
    assert org_labels.overlaps(at_middle["白河县"], marks["竹店镇"])

    labels = lay["county_labels"]["data"]
    assert sorted(lab["text"] for lab in labels) == sorted(counties["name"])
    boxes = [(lab["text"], label_box(lab["text"], *lab["position"])) for lab in labels]
    for name, box in boxes:
        hit = [m for m, mb in marks.items() if org_labels.overlaps(box, mb)]
        assert not hit, f"{name} covers the gap mark of {hit}"
        others = [n for n, b in boxes if n != name and org_labels.overlaps(box, b)]
        assert not others, f"{name} runs into {others}"
