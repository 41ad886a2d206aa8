"""What a page sends on first view: only the open tab, and tables only when asked for
(issue 15: the browser's settle time grows with every data grid and chart sent)."""

from __future__ import annotations

import json

import pydeck as pdk
import pytest
import streamlit as st

from tests.apptest_helpers import deck_specs, open_app, plotly_figures
from ui.built import FrozenDeck
from ui.filters import K_TABLES


@pytest.fixture(autouse=True)
def _fresh_cache(app_env):
    st.cache_data.clear()
    st.cache_resource.clear()


def _axis_titles(at) -> list[str]:
    return [f["layout"]["yaxis"]["title"]["text"] for f in plotly_figures(at)]


def test_service_sends_only_the_open_tab(app_env):
    at = open_app(page="pages/service.py", tables=False)
    assert [tab.label for tab in at.tabs] == ["康复服务", "就业创业", "教育扶持", "文化体育"]
    titles = _axis_titles(at)
    assert len(titles) == 3  # counties, trend, month by month of the rehabilitation tab only
    assert all("康复" in x for x in titles), titles
    assert len(at.dataframe) == 0  # tables wait until opened

    at = open_app(page="pages/service.py", tables=False, state={"service_tab": "就业创业"})
    titles = _axis_titles(at)
    assert len(titles) == 3 and all("就业" in x for x in titles), titles


def test_a_table_is_sent_when_its_expander_opens(app_env):
    at = open_app(page="pages/organisation.py", tables=False)
    assert not any("乡镇(街道)总数" in d.value.columns for d in at.dataframe)
    assert len(at.expander) >= 6  # the tables are offered
    at = open_app(page="pages/organisation.py", tables=False, state={"open_org_by_county": True})
    shown = [d.value for d in at.dataframe]
    assert any("县(区)" in d.columns for d in shown), [list(d.columns) for d in shown]


def test_show_everything_switch_sends_every_tab_and_table(app_env):
    at = open_app(page="pages/service.py", tables=True)
    assert len(plotly_figures(at)) == 12
    assert len(at.dataframe) == 12
    assert at.session_state[K_TABLES] is True


def test_the_map_leaves_out_village_points_above_the_limit(app_env, monkeypatch):
    at = open_app(page="pages/organisation.py", tables=False)
    points = {x["id"]: len(x.get("data") or []) for x in deck_specs(at)[0]["layers"]}
    assert points["villages"] == 1434  # the demo city's villages are drawn
    monkeypatch.setenv("CANLIAN_MAP_MAX_VILLAGES", "1000")
    st.cache_data.clear()
    at = open_app(page="pages/organisation.py", tables=False)
    points = {x["id"]: len(x.get("data") or []) for x in deck_specs(at)[0]["layers"]}
    assert points.get("villages", 0) == 0 and points["townships"] == 100
    assert any("1,434 个村(社区)" in c.value for c in at.caption)
    assert any("1434个村(社区)中" in m.value for m in at.markdown)  # the map in words counts them all
    # the villages' table still lists every village when opened
    st.cache_data.clear()
    at = open_app(page="pages/organisation.py", tables=False, state={"open_org_map_villages": True})
    assert max(len(d.value) for d in at.dataframe) == 1434


def test_a_frozen_deck_sends_the_same_map():
    deck = pdk.Deck(layers=[pdk.Layer("ScatterplotLayer", data=[{"p": [1, 2]}], get_position="p")], map_provider=None)
    deck._tooltip = {"text": "{name}"}
    frozen = FrozenDeck(deck)
    assert json.loads(frozen.to_json()) == json.loads(deck.to_json())
    assert len(frozen.to_json()) < len(deck.to_json())  # compact: no indentation
    assert frozen._tooltip == {"text": "{name}"}


def test_secondary_charts_wait_until_opened_their_findings_do_not(app_env):
    """组织建设 and 社会力量 draw their main charts on first view; the secondary ones say their
    finding and draw the chart when its 查看图表 is opened (or with 一次显示全部内容)."""
    at = open_app(page="pages/organisation.py", tables=False)
    assert len(plotly_figures(at)) == 2  # coverage by county, coverage over the years
    assert len(at.dataframe) == 0  # the coverage and party-group tables wait too (no gaps in 2025)
    assert "查看图表" in [e.label for e in at.expander]
    staffing_finding = [m.value for m in at.markdown if "编制" in m.value or "专职" in m.value]
    assert staffing_finding  # the staffing chart's sentence is on the page without its chart
    opened = open_app(page="pages/organisation.py", tables=False, state={"open_org_staffing_chart": True})
    assert len(plotly_figures(opened)) == 3
    assert len(plotly_figures(open_app(page="pages/organisation.py", tables=True))) == 4

    at = open_app(page="pages/social.py", tables=False)
    assert len(plotly_figures(at)) == 5
    assert len(at.dataframe) == 0  # the talks and campaigns listing too
    assert len(plotly_figures(open_app(page="pages/social.py", tables=True))) == 8
