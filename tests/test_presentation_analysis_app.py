"""The statistical analysis block of the Presentation page: drafted, editable, exported."""

from __future__ import annotations

import pytest
import streamlit as st

from tests.apptest_helpers import open_app

PAGE = "pages/presentation.py"


@pytest.fixture(autouse=True)
def _fresh_cache(app_env):
    st.cache_data.clear()
    st.cache_resource.clear()


def test_analysis_is_drafted_editable_and_exported():
    at = open_app(page=PAGE)
    area = next(a for a in at.text_area if a.key.startswith("analysis_text"))
    assert area.value.startswith("示例市2025年残疾人事业统计分析报告")
    assert "下一步，要" in area.value
    labels = {el.proto.id: el.proto.label for el in at.get("download_button")}
    assert sum(1 for k in labels if "analysis_dl" in k) == 2
    n = len(area.value)
    assert any(c.value == f"共{n}字（不超过3000字）。" for c in at.caption), [c.value for c in at.caption]
