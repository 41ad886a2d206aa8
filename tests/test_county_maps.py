"""Maps that read without township polygons (issue 29): 运城市 has its 13 county outlines and
新绛县's nine township polygons only. The page map fills the other twelve counties by their
share of townships with a federation, writes every county's name, numbers only townships
drawn on it; the slide map the same, without axes or grid; the summary does not name 138
townships in a paragraph."""

from __future__ import annotations

import json

import pytest

from charts import org_labels, org_map
from data_access.db import make_engine
from data_access.filters import Filters
from data_access.queries import org_area_status, org_county_shapes, report_township_map
from reporting import figures as fg
from tests import realcity

pytestmark = pytest.mark.skipif(not realcity.available(), reason=realcity.SKIP_REASON)


@pytest.fixture(scope="module")
def yuncheng(tmp_path_factory):
    d = tmp_path_factory.mktemp("yuncheng_maps")
    url = f"sqlite:///{d / 'y.sqlite'}"
    realcity.build(url, d)
    with make_engine(url).connect() as conn:
        f = Filters(2025)
        return {
            "towns": org_area_status(conn, f),
            "counties": org_county_shapes(conn, f),
            "report": report_township_map(conn, f, 2025),
        }


def test_the_page_map_fills_counties_without_township_polygons_by_coverage(yuncheng):
    towns, counties = yuncheng["towns"], yuncheng["counties"]
    spec = json.loads(org_map.coverage_map(towns, towns.iloc[0:0], counties, lang="zh").to_json())
    lay = {layer["id"]: layer for layer in spec["layers"]}
    fills = {r["name"]: tuple(r["fill"][:3]) for r in lay["county_fill"]["data"]}
    assert len(fills) == 12 and "新绛县" not in fills  # 新绛县 is drawn by its townships
    band = {rgb: name for name, (rgb, _) in org_labels.COVERAGE_BANDS.items()}
    assert band[fills["盐湖区"]] == "full"  # every 街道 and 镇 has its federation
    assert band[fills["夏县"]] == "few"  # none
    # every county named on the map; the numbers on the map are the townships drawn only
    assert {r["text"] for r in lay["county_labels"]["data"]} == set(counties["name"])
    assert [m["text"] for m in lay["gap_marks"]["data"]] == ["1 未建"]  # 万安镇, the one gap drawn
    assert org_labels.gap_townships(towns, lang="zh")["name"].tolist() == ["万安镇"]
    table = org_map.county_table(towns, counties, lang="zh")
    assert list(table.columns) == ["县(区)", "已建残联", "覆盖率"]
    row = table.set_index("县(区)").loc["新绛县"]
    assert (row["已建残联"], row["覆盖率"]) == ("8 / 9", "89%")
    assert table.set_index("县(区)").loc["盐湖区", "覆盖率"] == "100%"


def test_the_summary_counts_many_gaps_instead_of_naming_them(yuncheng):
    towns = yuncheng["towns"]
    s = org_map.map_summary(towns, towns.iloc[0:0], 2025, "运城市", lang="zh")
    unbuilt = towns.loc[towns["status"] == "none", "name"].tolist()
    assert len(unbuilt) > 100
    assert f"等 {len(unbuilt)} 个（全部见下方“缺口清单”）" in s
    assert sum(name in s for name in unbuilt) == org_map.NAMES_IN_SUMMARY
    en = org_map.map_summary(towns, towns.iloc[0:0], 2025, "Yuncheng", "en")
    assert f"and {len(unbuilt) - 15} more (all in the gap list below)" in en


def test_the_slide_map_without_township_polygons_has_no_axes_and_names_every_county(yuncheng):
    d = yuncheng["report"]
    counties = yuncheng["counties"]
    names = dict(zip(counties["code"], counties["name"], strict=True))
    fig = fg.coverage_map(d, names, ("已建立乡镇(街道)残联", "尚未建立"), counties, lang="zh")
    lay = fig.to_plotly_json()["layout"]
    assert lay["xaxis"]["visible"] is False and lay["yaxis"]["visible"] is False
    texts = [t for tr in fig.data if tr.mode == "text" for t in tr.text]
    assert {t.strip("<b>/") for t in texts} == set(counties["name"])
    legend = [a["text"] for a in lay["annotations"]]
    assert "不足一半的县(区)（11个）" in legend and "全部已建残联的县(区)（1个）" in legend
    beside = next(a for a in legend if a.startswith("<b>乡镇(街道)残联 已建/应建"))
    assert "临猗县　0/14" in beside and "等12个县(区)" in beside  # short: the gap list goes below it
    # a city with county outlines and no township polygon at all: the same, never lon/lat axes
    bare = d.assign(geometry=None)
    fig = fg.coverage_map(bare, names, ("已建立乡镇(街道)残联", "尚未建立"), counties, lang="zh")
    lay = fig.to_plotly_json()["layout"]
    assert lay["xaxis"]["visible"] is False
    assert len([t for tr in fig.data if tr.mode == "text" for t in tr.text]) == 13
    beside = next(a["text"] for a in fig.to_plotly_json()["layout"]["annotations"] if "已建/应建" in a["text"])
    assert "新绛县　8/9" in beside and "盐湖区　21/21" in beside
    fig = fg.coverage_map(bare, names, ("已建立乡镇(街道)残联", "尚未建立"), None, lang="zh")
    assert fig.to_plotly_json()["layout"]["xaxis"]["visible"] is False
