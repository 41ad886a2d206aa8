"""Done means (issue 14): from ``python -m data_access init`` on an empty database, a real
city — 运城市 (140800) — goes in from the public files as they are published (the whole
national 2023 code list with ``--city 1408``, DataV counties, 新绛县's townships with the
drifted 横桥乡 code, township federations), then every page opens for the whole city and
for one county; coverage counts real townships only; an indicator of the federation's own,
loaded from a file, shows on its section's page and in ``python -m data_access summary``.

The files are read from ``../shared/realdata/`` (beside the repository; never copied in).
"""

from __future__ import annotations

import csv
import json
import os

import pytest
import streamlit as st
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from data_access.__main__ import main
from data_access.auth import add_user
from data_access.db import data_version, make_engine
from data_access.filters import Filters
from data_access.loading import load_file
from data_access.models import Area, AreaShape, IndicatorValue, LoadBatch, User
from data_access.queries import coverage_counts, kpis
from tests import realcity
from tests.apptest_helpers import DASHBOARD, TIMEOUT, metrics, sign_in
from ui.filters import K_COUNTIES, K_YEAR

pytestmark = pytest.mark.skipif(not realcity.available(), reason=realcity.SKIP_REASON)

PAGES = ("overview", "organisation", "service", "rights", "social", "presentation", "data")


def streets_1408() -> list[dict]:
    with (realcity.CODES / "streets.csv").open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["cityCode"] == "1408"]


@pytest.fixture
def city(empty_db, tmp_path):
    realcity.build(empty_db.url, tmp_path)
    return empty_db


def test_the_code_list_goes_in_as_published_and_coverage_counts_real_townships(city, capsys):
    eng = city.engine
    units = streets_1408()
    like = [u for u in units if 400 <= int(u["code"][6:9]) <= 599]
    assert (len(units), len(like)) == (161, 14)  # the README's count of the 2023 list
    with eng.connect() as conn:
        levels = dict(conn.execute(select(Area.level, func.count()).group_by(Area.level)).all())
        kinds = dict(
            conn.execute(select(Area.kind, func.count()).where(Area.level == "township").group_by(Area.kind)).all()
        )
        counted = conn.execute(
            select(func.count()).select_from(Area).where(Area.level == "township", Area.counts_in_coverage == 1)
        ).scalar()
        xinjiang_towns = dict(
            conn.execute(select(Area.code, Area.kind).where(Area.parent_code == realcity.XINJIANG)).all()
        )
        cov = coverage_counts(conn, Filters(year=2025), 2025)
        cov_xj = coverage_counts(conn, Filters(year=2025, counties=(realcity.XINJIANG,)), 2025)
    assert levels == {"city": 1, "county": 13, "township": 161}
    assert kinds["类似乡级单位"] == 14 and counted == 147 == 161 - 14
    assert xinjiang_towns["140825108000"] == "镇" and xinjiang_towns["140825498000"] == "类似乡级单位"
    # federations: 新绛县 all but 万安镇 (one more in its 开发区, which does not count), 盐湖区 every 街道 and 镇
    yanhu = [u for u in units if u["areaCode"] == "140802" and int(u["code"][6:9]) < 400]
    xj_real = [u for u in units if u["areaCode"] == "140825" and int(u["code"][6:9]) < 400]
    assert (int(cov["total"].iloc[0]), int(cov["covered"].iloc[0])) == (147, len(yanhu) + len(xj_real) - 1)
    assert (int(cov_xj["total"].iloc[0]), int(cov_xj["covered"].iloc[0])) == (len(xj_real), len(xj_real) - 1)
    print(
        f"运城市: {len(units)} 乡级, {len(like)} 类似乡级单位, coverage {cov['covered'].iloc[0]}/{cov['total'].iloc[0]}"
    )


def test_boundaries_as_they_come(city):
    with city.engine.connect() as conn:
        shaped = set(conn.execute(select(AreaShape.area_code)).scalars())
        notes = [n for (n,) in conn.execute(select(LoadBatch.note).where(LoadBatch.kind == "geo"))]
    counties = {c for c in shaped if c.endswith("000000")}
    assert len(counties) == 13 and len(shaped - counties) == 9
    assert "140825108000" in shaped and "140825200000" not in shaped  # 横桥乡's polygon is 横桥镇's
    assert "140825400000" not in shaped and "140825498000" not in shaped
    assert notes == ["边界 13 个，村(社区)位置 0 个", "边界 9 个，村(社区)位置 0 个"]


def test_the_township_report_names_every_match_and_every_unit_without_a_polygon(city, capsys):
    rc = main(["geo", str(realcity.REALDATA / "xinjiang_140825_townships.geojson"), "--db", city.url])
    out = capsys.readouterr().out
    assert rc == 0
    assert "按代码匹配 8 个" in out and "按名称匹配 1 个" in out and "未匹配 0 个" in out
    assert "横桥乡 140825200000：按名称匹配 → 140825108000 横桥镇" in out
    assert "140825400000 新绛县社区（类似乡级单位）" in out
    assert "140825498000 新绛县经济技术开发区（类似乡级单位）" in out
    assert "替换 9 个边界" in out


def test_an_unknown_feature_is_left_out_with_its_reason_and_strict_changes_nothing(city, tmp_path, capsys):
    doc = json.loads((realcity.REALDATA / "xinjiang_140825_townships.geojson").read_text(encoding="utf-8"))
    bogus = json.loads(json.dumps(doc["features"][0]))
    bogus["properties"] = {"name": "不存在镇", "adcode": 140825199000, "level": "town"}
    doc["features"].append(bogus)
    path = tmp_path / "with_bogus.geojson"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with city.engine.connect() as conn:
        before = (data_version(conn), conn.execute(select(func.count()).select_from(LoadBatch)).scalar())
    assert main(["geo", str(path), "--db", city.url, "--strict"]) == 1
    err = capsys.readouterr().err
    assert "不存在镇" in err and "区划代码 140825199000 在区划表中不存在" in err and "未作任何改动" in err
    with city.engine.connect() as conn:
        assert (data_version(conn), conn.execute(select(func.count()).select_from(LoadBatch)).scalar()) == before
    assert main(["geo", str(path), "--db", city.url]) == 0
    out = capsys.readouterr().out
    assert "不存在镇 140825199000：未匹配，不载入" in out and "未载入 1 个要素" in out


def test_code_history_matches_old_codes_in_boundaries_and_earlier_figures(city, tmp_path, capsys):
    changes = realcity.write_csv(
        tmp_path / "区划代码变更.csv",
        ["原区划代码", "原名称", "新区划代码", "新名称", "变更年度", "说明"],
        [["140825200000", "横桥乡", "140825108000", "横桥镇", 2021, "撤乡设镇"]],
    )
    assert main(["import", str(changes), "--db", city.url, "--kind", "code_changes"]) == 0
    assert main(["geo", str(realcity.REALDATA / "xinjiang_140825_townships.geojson"), "--db", city.url]) == 0
    assert "横桥乡 140825200000：按区划代码变更匹配 → 140825108000 横桥镇" in capsys.readouterr().out
    # a 2020 figure filed under the old code counts for 横桥镇 and so for 新绛县
    old = realcity.write_csv(
        tmp_path / "2020.csv",
        ["指标", "区划代码", "年度", "月份", "数值"],
        [["新增残疾人就业", "140825200000", 2020, 5, 7]],
    )
    res = load_file(city.engine, old.read_bytes(), old.name, "t", kind="indicator_values")
    assert res.status == "done" and any("140825200000 已变更为 140825108000" in w for w in res.warnings)
    with city.engine.connect() as conn:
        stored = conn.execute(select(IndicatorValue.area_code).where(IndicatorValue.year == 2020)).scalars().all()
        k = kpis(conn, Filters(year=2020, counties=(realcity.XINJIANG,)), ("emp_new",))
    assert stored == ["140825108000"] and float(k["value"].iloc[0]) == 7


def test_a_new_indicator_from_a_file_is_in_the_summary(city, capsys):
    assert main(["summary", "--db", city.url, "--year", "2025"]) == 0
    figures = json.loads(capsys.readouterr().out)["figures"]
    assert figures["yc_rights_hotline"]["value"] == 36 + 88
    devices = figures["cdpf_devices"]
    assert {k: devices[k] for k in ("name", "unit", "value", "previous")} == {
        "name": "辅助器具适配",
        "unit": "人次",
        "value": 1400,
        "previous": None,
    }
    # the city's file holds two of its counties: the total says so (issue 27), no change is told
    assert devices["coverage"] == "2/13 县(区)" and devices["change"] is None


def test_a_national_list_without_a_city_is_refused_with_the_way_out(empty_db):
    from data_access.db import open_database

    eng = open_database(empty_db.url)
    raw = (realcity.CODES / "cities.csv").read_bytes()
    res = load_file(eng, raw, "cities.csv", "t", kind="areas")
    assert res.status == "refused" and "请选择本市（命令行 --city 代码" in res.problems[0].message
    with eng.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Area)).scalar() == 0


# ------------------------------------------------------------------ every page, city and county


@pytest.fixture(scope="module")
def city_sqlite(tmp_path_factory):
    if not realcity.available():
        pytest.skip(realcity.SKIP_REASON)
    d = tmp_path_factory.mktemp("realcity")
    url = f"sqlite:///{d / 'yuncheng.sqlite'}"
    realcity.build(url, d)
    return url


@pytest.fixture(scope="module")
def areas_only_sqlite(tmp_path_factory):
    if not realcity.available():
        pytest.skip(realcity.SKIP_REASON)
    d = tmp_path_factory.mktemp("realcity_areas")
    url = f"sqlite:///{d / 'yuncheng_areas.sqlite'}"
    realcity.build(url, d, stage="areas")
    return url


_last_url: list[str] = []


def open_page(url: str, page: str, counties: tuple[str, ...], monkeypatch) -> AppTest:
    if _last_url != [url]:  # the facade keeps its engine and results per process: not across databases
        st.cache_data.clear()
        st.cache_resource.clear()
        _last_url[:] = [url]
    monkeypatch.setenv("DATABASE_URL", url)
    state = {K_YEAR: 2025} | ({K_COUNTIES: list(counties)} if counties else {})
    if page == "data":  # shown to roles that may load, signed in through the form with an active account
        monkeypatch.setenv("CANLIAN_AUTH_MODE", "accounts")
        with make_engine(url).begin() as conn:
            if not conn.execute(select(User.id).where(User.username == "data1")).first():
                add_user(conn, "data1", "data_staff", "Data-Staff-2025")
        return sign_in("data1", "Data-Staff-2025", state=state, page="pages/data.py")
    monkeypatch.delenv("CANLIAN_AUTH_MODE", raising=False)
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT)
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [x.value for kind in ("markdown", "caption", "info", "warning", "success") for x in getattr(at, kind)]
    return "\n".join(parts)


@pytest.mark.parametrize("counties", [(), (realcity.XINJIANG,)], ids=["city", "xinjiang"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_on_the_real_city(city_sqlite, page, counties, monkeypatch):
    at = open_page(city_sqlite, page, counties, monkeypatch)
    words = texts(at)
    m = metrics(at)
    one = bool(counties)
    if page == "overview":
        assert "项指标本年度还没有数据" in words and "“法律援助案件”模板" in words
    if page == "organisation":
        assert "不含类似乡级单位 " + ("2" if one else "14") + " 个" in words
        assert "尚未导入村(社区)" in words
        if not one:
            assert "没有边界，地图上未画出" in words  # the 138 townships outside 新绛县
    if page == "service":
        # the city's figure holds the 2 counties of the file, and says so on its label
        assert m["辅助器具适配" if one else "辅助器具适配（2/13 县(区)）"] == ("420 人次" if one else "1,400 人次")
        assert "社会保障" in [tab.label for tab in at.tabs]
    if page == "rights":
        assert m["12385热线受理残疾人诉求" if one else "12385热线受理残疾人诉求（2/13 县(区)）"] == (
            "36 件" if one else "124 件"
        )
        (legal,) = [v for k, v in m.items() if k.startswith("受理残疾人法律援助案件")]
        assert legal == "未报送"  # none loaded: never "0 件"
        assert "12385热线受理残疾人诉求合计" in words or "新绛县12385" in words or "12385" in words
    if page == "data":
        assert "13 个县(区)、147 个乡镇(街道)（另有类似乡级单位 14 个" in words
        assert "县(区) 13 / 13 个有边界，乡镇(街道) 9 / 147 个有边界" in words


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_with_areas_only(areas_only_sqlite, page, monkeypatch):
    at = open_page(areas_only_sqlite, page, (), monkeypatch)
    words = texts(at)
    if page == "organisation":
        assert "还没有任何边界" in words and "尚未导入乡镇(街道)残联" in words
    if page == "data":
        assert "下一步：" in words and "边界文件" in words


def test_the_demo_has_no_first_day_guide(app_env, monkeypatch):
    at = open_page(os.environ["DATABASE_URL"], "data", (), monkeypatch)
    assert "数据准备进度" not in "\n".join(h.value for h in at.subheader)
