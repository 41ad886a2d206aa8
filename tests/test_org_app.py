"""The Organisation page as a user sees it (AppTest through dashboard.py): the map's
layers from the deck JSON, the coverage figures, the gap list for two years and a county."""

from __future__ import annotations

from collections import Counter

import pytest
import streamlit as st

from charts.org_labels import TOWN_RGB
from data_access import queries
from data_access.db import make_engine
from data_access.filters import Filters
from tests.apptest_helpers import deck_specs, metrics, open_app

PAGE = "pages/organisation.py"


@pytest.fixture(autouse=True)
def _fresh_cache(app_env):
    st.cache_data.clear()
    st.cache_resource.clear()


def layers(at) -> dict[str, dict]:
    decks = deck_specs(at)
    assert len(decks) == 1
    return {layer["id"]: layer for layer in decks[0]["layers"]}


def status_of_fill(fill: list[int]) -> str:
    return next(s for s, rgb in TOWN_RGB.items() if list(fill[:3]) == list(rgb))


def gap_frame(at):
    return next((d.value for d in at.dataframe if "缺口" in d.value.columns), None)


def test_2025_full_coverage_and_no_gaps():
    at = open_app(page=PAGE, year=2025)
    assert at.title[0].value == "示例市2025年基层组织建设"
    m = metrics(at)
    assert m["乡镇(街道)残联覆盖率"] == "100.0%"
    assert m["村(社区)残协覆盖率"] == "100.0%"
    assert m["村(社区)专职委员配备率"] == "100.0%"
    assert m["已建残联的乡镇(街道)"] == "100 / 100 个"
    assert m["已配专职委员的村(社区)"] == "1,434 / 1,434 个"
    assert m["全覆盖年份"] == "2025年"
    lay = layers(at)
    towns = lay["townships"]["data"]
    assert len({r["code"] for r in towns}) == 100
    assert {status_of_fill(r["fill"]) for r in towns} == {"staffed"}
    assert len(lay["villages"]["data"]) == 1434
    assert lay["gap_marks"]["data"] == []
    assert len(lay["county_labels"]["data"]) == 8
    assert gap_frame(at) is None
    assert any(s.value == "没有缺口。" for s in at.success)
    assert any("已实现“乡乡有机构、村村有服务”" in md.value for md in at.markdown)


def test_2020_shows_the_gaps_by_name(app_env):
    with make_engine(app_env).connect() as conn:
        cov = queries.org_coverage(conn, Filters(2020)).set_index("measure")
        gaps = queries.org_gaps(conn, Filters(2020))
        towns = queries.org_area_status(conn, Filters(2020))
    at = open_app(page=PAGE, year=2020)
    m = metrics(at)
    assert m["乡镇(街道)残联覆盖率"] == f"{cov.loc['township', 'pct']:.1f}%" == "86.0%"
    assert m["已建残联的乡镇(街道)"] == "86 / 100 个"
    assert m["已建残协的村(社区)"] == f"{cov.loc['village', 'covered']:,} / 1,434 个"
    assert m["全覆盖年份"] == "尚未实现"
    # the map: every township once, coloured by its status; a text mark on each gap
    lay = layers(at)
    shown = {r["code"]: status_of_fill(r["fill"]) for r in lay["townships"]["data"]}
    assert shown == dict(zip(towns["code"], towns["status"], strict=True))
    assert Counter(shown.values()) == {"staffed": 83, "none": 14, "no_staff": 3}
    assert {r["status_label"] for r in lay["townships"]["data"]} >= {"未建残联", "已建残联，未配专职人员"}
    # numbered: the 14 without a federation first, then the 3 without staff
    marks = [r["text"] for r in lay["gap_marks"]["data"]]
    assert marks == [f"{n} 未建" for n in range(1, 15)] + [f"{n} 缺专职" for n in range(15, 18)]
    # …and named by number beside the map
    beside = "\n".join(md.value for md in at.markdown if "（" in md.value and "\\." in md.value)
    first = towns[towns["status"] == "none"].sort_values(["county_code", "code"]).iloc[0]
    assert f"1\\. {first['name']}（{first['county_name']}）" in beside
    assert beside.count("\\.") == 17
    # the gap list, by name
    table = gap_frame(at)
    assert len(table) == len(gaps) > 0
    assert set(table["名称"]) == set(gaps["name"])
    no_fed = set(towns.loc[towns["status"] == "none", "name"])
    assert no_fed <= set(table.loc[table["缺口"] == "未建残联", "名称"])
    # and the map's text summary names them too
    summary = next(md.value for md in at.markdown if "年末：" in md.value)
    assert all(n in summary for n in no_fed)


def test_one_county_zooms_and_lists_its_gaps(app_env):
    with make_engine(app_env).connect() as conn:
        c = queries.all_counties(conn).iloc[3]
        want = queries.org_gaps(conn, Filters(2020, counties=(c["code"],)))
        n_towns = len(queries.org_area_status(conn, Filters(2020, counties=(c["code"],))))
    city = deck_specs(open_app(page=PAGE, year=2020))[0]["initialViewState"]
    st.cache_data.clear()
    at = open_app(page=PAGE, year=2020, counties=(c["code"],))
    assert at.title[0].value == f"{c['name']}2020年基层组织建设"
    lay = layers(at)
    assert len({r["code"] for r in lay["townships"]["data"]}) == n_towns
    assert [r["text"] for r in lay["county_labels"]["data"]] == [c["name"]]
    view = deck_specs(at)[0]["initialViewState"]
    assert view["zoom"] > city["zoom"]  # zoomed to the county
    table = gap_frame(at)
    assert set(table["县(区)"]) == {c["name"]}
    assert sorted(table["区划代码"]) == sorted(want["code"])


def test_staffing_and_associations_2025():
    at = open_app(page=PAGE, year=2025)
    text = " ".join(md.value for md in at.markdown)
    assert "市残疾人事业服务中心编制5名" in text and "“以钱养事”工作人员3名" in text and "兼(挂)职副理事长10名" in text
    grid = next(d.value for d in at.dataframe if "盲协" in d.value.columns and "县(区)" in d.value.columns)
    assert len(grid) == 9  # 市本级 + 8 counties
    assert (grid["残联党组"].iloc[1:].str.endswith("年成立")).all()


def test_the_map_legend_reads_in_english():
    at = open_app(page="pages/organisation.py", state={"g_lang": "en"})
    legend = next(m.value for m in at.markdown if m.value.startswith("**Legend**: "))
    assert "Federation with full-time staff" in legend
    caption = next(c.value for c in at.caption if c.value.startswith("Township areas: "))
    assert "＝" not in caption and "；" not in caption and " = Federation with full-time staff; " in caption
