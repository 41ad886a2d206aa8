"""The Data page in every state a new city passes through (issue 29), signed in as data staff:
an empty database (the first thing a new city sees), divisions only, divisions and county
boundaries, organisations loaded, figures loaded. The guide names the next step and offers
that step's template; township polygons are optional (most cities have none public)."""

from __future__ import annotations

import pytest
import streamlit as st
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from data_access.auth import add_user
from data_access.db import make_engine
from data_access.models import User
from tests import realcity
from tests.apptest_helpers import sign_in
from ui.filters import K_LANG, K_YEAR

pytestmark = pytest.mark.skipif(not realcity.available(), reason=realcity.SKIP_REASON)

TABS = ["模板下载", "导入数据", "边界文件", "导入记录", "导出数据", "机构标志"]


def open_data(url: str, monkeypatch, lang: str = "zh") -> AppTest:
    st.cache_data.clear()  # the facade keeps results per process: the database changed between states
    st.cache_resource.clear()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "accounts")
    with make_engine(url).begin() as conn:
        if not conn.execute(select(User.id).where(User.username == "data1")).first():
            add_user(conn, "data1", "data_staff", "Data-Staff-2025")
    at = sign_in("data1", "Data-Staff-2025", state={K_YEAR: 2025, K_LANG: lang}, page="pages/data.py")
    assert not at.exception, [e.value for e in at.exception]
    assert [tab.label for tab in at.tabs][-6:] == (TABS if lang == "zh" else [tab.label for tab in at.tabs][-6:])
    return at


def words(at: AppTest) -> str:
    kinds = ("markdown", "caption", "info", "warning", "success", "subheader")
    return "\n".join(x.value for kind in kinds for x in getattr(at, kind))


def guide_buttons(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button") if b.proto.label.startswith(("下载“", "Download the “"))]


def next_step(at: AppTest) -> str:
    return next((i.value for i in at.info if i.value.startswith(("**下一步：**", "**Next:**"))), "")


@pytest.fixture
def fresh_caches():
    yield
    st.cache_data.clear()  # the next test's database is another one
    st.cache_resource.clear()


def test_the_data_page_in_every_state_of_a_new_city(tmp_path, monkeypatch, fresh_caches):
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    run = realcity.run

    # 1. an empty database: the page opens (it crashed here: issue 29), the first step is the divisions
    assert run("init", "--db", url) == 0
    at = open_data(url, monkeypatch)
    assert "本市：数据准备进度" in words(at)
    assert "导入本市区划" in next_step(at)
    assert guide_buttons(at) == ["下载“行政区划”模板"]
    assert "⬜ **行政区划**：0 个县(区)" in words(at)

    # 2. divisions only: next the boundaries (no template: a GeoJSON file)
    assert run("import", str(realcity.CODES / "cities.csv"), "--db", url, "--kind", "areas", "--city", "1408") == 0
    assert run("import", str(realcity.CODES / "areas.csv"), "--db", url, "--kind", "areas") == 0
    assert run("import", str(realcity.CODES / "streets.csv"), "--db", url, "--kind", "areas") == 0
    at = open_data(url, monkeypatch)
    text = words(at)
    assert "运城市：数据准备进度" in text
    assert "✅ **行政区划**：13 个县(区)、147 个乡镇(街道)" in text
    assert "“边界文件”" in next_step(at) and guide_buttons(at) == []

    # 3. divisions and county boundaries, no township polygon: the boundaries step is done all the same
    assert run("geo", str(realcity.REALDATA / "yuncheng_140800_counties.geojson"), "--db", url) == 0
    at = open_data(url, monkeypatch)
    text = words(at)
    assert "✅ **边界**：县(区) 13 / 13 个有边界，乡镇(街道) 0 / 147 个有边界（乡镇边界可选" in text
    assert "组织机构" in next_step(at)
    assert guide_buttons(at) == ["下载“组织机构”模板"]  # the step that crashed the guide through `_kind`

    # 4. township polygons of one county and the township federations: next the figures
    assert run("geo", str(realcity.REALDATA / "xinjiang_140825_townships.geojson"), "--db", url) == 0
    assert run("import", str(realcity.federations(tmp_path)), "--db", url, "--kind", "org_units") == 0
    at = open_data(url, monkeypatch)
    text = words(at)
    assert "乡镇(街道) 9 / 147 个有边界" in text
    assert "✅ **组织机构**：乡镇(街道)残联" in text
    assert guide_buttons(at) == ["下载“指标数据”模板"]

    # 5. figures loaded: the guide is finished
    assert run("import", str(realcity.DICTIONARY), "--db", url, "--kind", "indicators") == 0
    assert run("import", str(realcity.own_indicator(tmp_path)), "--db", url, "--kind", "indicators") == 0
    assert run("import", str(realcity.figures(tmp_path)), "--db", url, "--kind", "indicator_values") == 0
    at = open_data(url, monkeypatch)
    text = words(at)
    assert "✅ **各年度数字**：1 个年度有数据" in text
    assert any("区划、边界、组织机构和年度数字都已具备" in s.value for s in at.success)
    assert next_step(at) == "" and guide_buttons(at) == []
    # under the year: the eleven counties with no figure named as not reported, not the two that loaded
    year_note = next(c.value for c in at.sidebar.caption if c.value.startswith("2025年："))
    assert year_note.startswith("2025年：2/13个县(区)已报送，"), year_note
    assert "盐湖区" not in year_note and "新绛县" not in year_note and "闻喜县" in year_note

    # the same page in English: kind names, descriptions and key columns in English, no "、" in a sentence
    at = open_data(url, monkeypatch, lang="en")
    captions = [c.value for c in at.caption]
    assert any(
        c.startswith("By indicator, division, year and month")
        and c.endswith(
            "Re-load replaces rows with the same: 指标 (indicator), 区划代码 (division code), 年度 (year), 月份 (month)"
        )
        for c in captions
    ), captions
    assert not [c for c in captions if "、" in c or "：" in c]
    assert "**Organisations (组织机构)**" in [m.value for m in at.markdown]
