"""The data management page in AppTest: templates offered, history listed, exports offered.
(The upload flow is driven in a browser for the screenshots; AppTest has no file uploader.)"""

from __future__ import annotations

import os

from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from data_access.auth import add_user
from data_access.db import make_engine
from data_access.loading import KINDS
from tests.apptest_helpers import sign_in
from ui.filters import K_YEAR


def open_data_page(monkeypatch, **widgets: object) -> AppTest:
    # the page is shown to roles that may load (data staff) once signed in
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "accounts")
    with make_engine(os.environ["DATABASE_URL"]).begin() as conn:  # a signed-in principal must be an active account
        if not conn.execute(text("SELECT 1 FROM users WHERE username = 'data1'")).first():
            add_user(conn, "data1", "data_staff", "Data-Staff-2025")
    at = sign_in("data1", "Data-Staff-2025")  # through the login form: a session of its own (ui/auth.py)
    at.session_state[K_YEAR] = 2025
    for key, value in widgets.items():
        at.session_state[key] = value
    at.run()
    at.switch_page("pages/data.py").run()
    return at


def test_data_page_offers_templates_history_and_exports(app_env, monkeypatch):
    at = open_data_page(monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "数据管理"
    assert [t.label for t in at.tabs] == ["模板下载", "导入数据", "边界文件", "导入记录", "导出数据", "机构标志"]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("下载模板") == len(KINDS)
    history = next(d.value for d in at.dataframe if "导入人" in d.value.columns)
    assert list(history["数据类别"]) == ["示例数据"]
    assert int(history["新增行数"].iloc[0]) > 60000
    # the newest load's rows are listed by kind
    assert any("行政区划：本批次现有 1543 行" in m.value for m in at.markdown)
    assert "下载 Excel" in labels and "下载 CSV" not in labels[-1:]  # overview bundle: Excel with all its sheets
    # every plain dataset is offered; one alone also downloads as CSV
    pick = next(s for s in at.selectbox if s.key == "data_dataset")
    assert pick.options[0] == "总览页全部数据"
    assert {"legal_aid_days_histogram", "org_gaps", "areas"} <= set(pick.options)
    # a page widget is set before the first run: AppTest does not keep a change made after switch_page
    gaps = pick.options.index("org_gaps")
    at = open_data_page(monkeypatch, data_dataset=gaps)
    assert not at.exception, [e.value for e in at.exception]
    assert next(s for s in at.selectbox if s.key == "data_dataset").index == gaps
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[-2:] == ["下载 Excel", "下载 CSV"]
