"""The tables of the Data page and the 系统管理 page as a user reads them (ui/tables.py):
thousands separators, labels (batch, code, year) without them, coordinates to five decimals,
date-times to the second, and "—" with a reason where a cell is empty — never None or nan."""

from __future__ import annotations

import os

import pandas as pd
import pytest
from sqlalchemy import text
from streamlit import dataframe_util

from data_access.auth import add_user
from data_access.db import make_engine
from tests.apptest_helpers import sign_in
from tests.test_loading_page import open_data_page
from ui.tables import display

PASSWORD = "Tables-Shown-2025"


def shown(element) -> pd.DataFrame:
    """The cells of an st.dataframe as the browser writes them (the styler's display values)."""
    values = element.proto.arrow_data.styler.display_values
    assert values, "a plain frame: its cells are not formatted for the reader"
    return dataframe_util.convert_arrow_bytes_to_pandas_df(values).astype(str)


def never_raw(cells: pd.DataFrame) -> None:
    bad = cells.isin(["None", "nan", "NaN", "NaT", "<NA>"])
    assert not bad.any().any(), cells[bad.any(axis=1)]


def test_data_page_history_and_batch_rows(app_env, monkeypatch):
    at = open_data_page(monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    hist = next(d for d in at.dataframe if "导入人" in d.value.columns)
    cells = shown(hist)
    raw = hist.value
    row = cells.iloc[0]
    assert row["新增行数"] == f"{int(raw['新增行数'].iloc[0]):,}" and "," in row["新增行数"]  # 68,653
    assert row["批次"] == str(int(raw["批次"].iloc[0]))  # a label: no separator, no decimals
    assert len(row["导入时间"]) == len("2026-12-02 02:46:12") and "." not in row["导入时间"]
    never_raw(cells)
    areas = next(d for d in at.dataframe if "户籍人口" in d.value.columns)
    a = shown(areas)
    first = areas.value.iloc[1]
    line = a.iloc[1]
    assert line["户籍人口"] == f"{int(first['户籍人口']):,}"
    assert line["经度"] == f"{first['经度']:.5f}" and line["区划代码"] == first["区划代码"]
    assert a.iloc[0]["上级区划代码"] == "—"  # the city has no parent: a dash, not nan
    never_raw(a)


@pytest.fixture
def accounts(app_env, monkeypatch):
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "accounts")
    with make_engine(os.environ["DATABASE_URL"]).begin() as conn:
        have = set(conn.execute(text("SELECT username FROM users")).scalars())
        if "boss" not in have:
            add_user(conn, "boss", "admin", PASSWORD)
        if "quiet" not in have:
            add_user(conn, "quiet", "leadership", PASSWORD)  # never signs in, no name, no county


def test_admin_page_says_why_a_cell_is_empty(accounts):
    at = sign_in("boss", PASSWORD)
    at.switch_page("pages/admin.py").run()
    assert not at.exception, [e.stack_trace for e in at.exception]
    users = next(d for d in at.dataframe if "用户名" in d.value.columns and "角色" in d.value.columns)
    cells = shown(users).set_index("用户名")
    quiet = cells.loc["quiet"]
    assert quiet["最近登录"] == "—（从未登录）"
    assert quiet["锁定至"] == "—（未锁定）"
    assert quiet["县(区)"] == "—（全市）"
    assert quiet["姓名"] == "—（未填写）"
    assert quiet["连续失败次数"] == "0"
    assert cells.loc["boss", "最近登录"][:2] == "20" and len(cells.loc["boss", "最近登录"]) == 19  # just signed in
    never_raw(cells)
    log = next(d for d in at.dataframe if "操作" in d.value.columns)
    never_raw(shown(log))


def test_display_rules_in_one_frame():
    df = pd.DataFrame(
        {
            "年度": [2025, 2024],
            "人数": [1434, None],
            "比例": [99.25, 3.0],
            "纬度": [30.45123, 30.1],
            "备注": [None, "x"],
        }
    )
    s = display(df, reasons={"备注": "无"})
    cells = [[s._display_funcs[(r, c)](df.iat[r, c]) for c in range(df.shape[1])] for r in range(2)]
    assert cells == [["2025", "1,434", "99.2", "30.45123", "—（无）"], ["2024", "—", "3.0", "30.10000", "x"]]
