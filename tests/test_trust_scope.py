"""Scope as a property of every write and read (issue 30, findings 1, 4 and 6), on the data
layer, on every database: a county's data staff cannot replace another county's boundaries
or village points (the features named, nothing changed); load history and a load's rows
show a county only its own; a boundary file is read within bounds and every way it can
fail to be read is said in Chinese."""

from __future__ import annotations

import copy
import json

import pytest

from data_access import geo_load, writes
from data_access.auth import Principal
from data_access.demo import GEOJSON_PATH
from tests.test_org_geo import snapshot
from tests.test_quality import A1, A, B, _load, _small_city

ZHONGJIANG, DONGLIN = "990101000000", "990102000000"
STAFF = Principal("zj_data", "data_staff", ZHONGJIANG)
CITY = Principal("city_data", "data_staff", None)


def _features(*codes: str) -> bytes:
    doc = json.loads(GEOJSON_PATH.read_text(encoding="utf-8"))
    feats = [copy.deepcopy(f) for f in doc["features"] if f["properties"]["code"] in codes]
    assert len(feats) == len(codes)
    return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False).encode()


def _a_village(county: str, engine) -> str:
    from sqlalchemy import select

    from data_access.models import Area

    with engine.connect() as conn:
        return (
            conn.execute(
                select(Area.code).where(Area.county_code == county, Area.level == "village").order_by(Area.code)
            )
            .scalars()
            .first()
        )


def test_a_county_cannot_replace_another_countys_boundaries(demo_db):
    eng = demo_db.engine
    before = snapshot(eng)
    other_village = _a_village(DONGLIN, eng)
    raw = _features("990101001000", DONGLIN, "990102001000", other_village)
    for call in (
        lambda: writes.preview_boundaries(eng, STAFF, raw),
        lambda: writes.load_boundaries(eng, STAFF, raw, "东林区.geojson"),
        lambda: geo_load.load_geojson(eng, raw, "东林区.geojson", STAFF.username, scope=STAFF.scope),
    ):
        with pytest.raises(geo_load.GeoError) as refused:
            call()
        text = "\n".join(refused.value.messages)
        assert f"第 2 个要素（东林区，区划代码 {DONGLIN}）属于东林区，不在您负责的中江区范围内" in text, text
        assert "区划代码 990102001000）属于东林区" in text and f"区划代码 {other_village}）属于东林区" in text
        assert "第 1 个要素" not in text, "its own township is not named as foreign"
        assert "整份文件未载入" in text
    assert snapshot(eng) == before, "nothing changed"
    # the whole city, as a county: every other county's shape named, nothing loaded
    with pytest.raises(geo_load.GeoError) as whole:
        writes.load_boundaries(eng, STAFF, GEOJSON_PATH.read_bytes(), "全市.geojson")
    assert "……另有" in "\n".join(whole.value.messages)
    assert snapshot(eng) == before


def test_a_county_loads_its_own_boundaries_and_the_city_any(fresh_db):
    eng = fresh_db.engine
    own = _features("990101001000", _a_village(ZHONGJIANG, eng))
    r = writes.load_boundaries(eng, STAFF, own, "中江区.geojson")
    assert (r.shapes_replaced, r.points_moved) == (1, 1)
    r = writes.load_boundaries(eng, CITY, _features(DONGLIN), "东林区.geojson")
    assert r.shapes_replaced == 1
    with pytest.raises(writes.Refused):
        writes.load_boundaries(eng, Principal("zj_view", "county", ZHONGJIANG), own, "x.geojson")


@pytest.fixture
def fresh_db(empty_db):
    from data_access.demo import load_demo

    load_demo(empty_db.engine)
    return empty_db


def test_history_and_batch_rows_show_a_county_only_its_own(empty_db):
    _small_city(empty_db)
    eng = empty_db.engine
    city = _load(empty_db, [["rehab_trainings", A1, 2025, 3, 4], ["rehab_trainings", "990102100000", 2025, 3, 7]])
    b_only = _load(empty_db, [["rehab_trainings", "990102100000", 2025, 4, 2]], user="yi_data")
    assert city.status == b_only.status == "done"
    from data_access import auth

    with eng.begin() as conn:
        auth.add_user(conn, "yi_data", "data_staff", "Correct-Horse-42", county_code=B)
    jia = Principal("jia_data", "data_staff", A)
    hist = writes.load_history(eng, jia)
    assert city.batch_id in set(hist["批次"]) and b_only.batch_id not in set(hist["批次"])
    assert "yi_data" not in set(hist["导入人"])
    rows = writes.load_rows(eng, jia, city.batch_id)
    shown = rows["indicator_values"][1]
    assert rows["indicator_values"][0] == 1 and set(shown["区划代码"]) == {A1}, shown
    assert writes.load_rows(eng, jia, b_only.batch_id) == {}, "another county's load: nothing"
    # the city sees every load and row
    everyone = writes.load_history(eng, CITY)
    assert {city.batch_id, b_only.batch_id} <= set(everyone["批次"])
    assert writes.load_rows(eng, CITY, city.batch_id)["indicator_values"][0] == 2


BAD_FILES = {
    "100,000 [": (b'{"type":"FeatureCollection","features":' + b"[" * 100_000 + b"]" * 100_000 + b"}", "嵌套层数过深"),
    "deep but parsable": (
        b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"990101001000"},'
        b'"geometry":{"type":"Polygon","coordinates":' + b"[" * 200 + b"]" * 200 + b"}}]}",
        "嵌套层数过深",
    ),
    "100,000-digit adcode": (
        b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":'
        + b"9" * 100_000
        + b'},"geometry":null}]}',
        "无法读取的数值",
    ),
    "NaN": (b'{"type":"FeatureCollection","features":[NaN]}', "不是 GeoJSON 要素"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_every_unreadable_boundary_file_is_told_in_chinese(demo_db, name):
    raw, words = BAD_FILES[name]
    with pytest.raises(geo_load.GeoError) as refused:
        geo_load.preview(demo_db.engine, raw)
    assert words in "\n".join(refused.value.messages)


def test_a_boundary_file_beyond_its_bounds_is_refused_before_it_is_checked(demo_db, monkeypatch):
    import math

    n = 400_000
    ring = [[112.7 + 0.1 * math.cos(2 * math.pi * i / n), 30.2 + 0.1 * math.sin(2 * math.pi * i / n)] for i in range(n)]
    ring.append(ring[0])
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": ZHONGJIANG},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    checked = []
    monkeypatch.setattr(geo_load, "geometry_problem", lambda *a: checked.append(a) or None)
    with pytest.raises(geo_load.GeoError) as refused:
        geo_load.preview(demo_db.engine, json.dumps(doc).encode())
    assert "坐标点过多" in refused.value.messages[0] and "上限 200 千个" in refused.value.messages[0]
    assert not checked, "the geometry was checked before the file was refused"


def test_a_boundary_preview_is_computed_once_per_file(fresh_db, monkeypatch):
    eng = fresh_db.engine
    calls = []
    real = geo_load.match
    monkeypatch.setattr(geo_load, "match", lambda conn, doc, *system: calls.append(1) or real(conn, doc, *system))
    raw = _features("990101001000")
    first = writes.preview_boundaries(eng, STAFF, raw)
    again = writes.preview_boundaries(eng, STAFF, raw)  # the page's next rerun, the file still there
    assert len(calls) == 1 and again is first and first.loadable == 1
    with pytest.raises(geo_load.GeoError):
        writes.preview_boundaries(eng, STAFF, _features(DONGLIN))
    with pytest.raises(geo_load.GeoError):
        writes.preview_boundaries(eng, STAFF, _features(DONGLIN))
    assert len(calls) == 2, "a refused file is not matched again either"
    writes.load_boundaries(eng, STAFF, raw, "中江区.geojson")  # the data changed: a new preview
    writes.preview_boundaries(eng, STAFF, raw)
    assert len(calls) == 4  # the load's own match, then the preview again


def test_a_boundary_file_that_takes_too_long_to_check_is_refused_in_chinese(fresh_db, monkeypatch):
    eng = fresh_db.engine
    before = snapshot(eng)
    monkeypatch.setattr(geo_load, "MAX_SECONDS", -1.0)  # every file is "too long": the limit is what is tested
    raw = _features("990101001000")
    for call in (
        lambda: writes.preview_boundaries(eng, STAFF, raw),
        lambda: writes.load_boundaries(eng, STAFF, raw, "x"),
    ):
        with pytest.raises(geo_load.GeoError) as refused:
            call()
        assert "检查边界文件超过" in refused.value.messages[0] and "未载入" in refused.value.messages[0]
    assert snapshot(eng) == before
