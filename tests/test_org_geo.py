"""`python -m data_access geo`: a bad boundaries file is refused with its reason in Chinese
and leaves the database as it was; a good one is loaded in one transaction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from data_access.__main__ import main
from data_access.db import data_version
from data_access.demo import GEOJSON_PATH, load_demo
from data_access.geo_load import GeoError, load_file, ring_self_intersects
from data_access.models import Area, AreaShape, LoadBatch

CORPUS = Path(__file__).resolve().parent / "data" / "geo"
BAD = {
    "broken_polygon.geojson": "自相交",
    "unclosed_ring.geojson": "没有闭合",
    "projected.geojson": "疑似投影坐标",
    "not_json.geojson": "不是有效的 JSON",
}


def snapshot(engine) -> tuple:
    """Everything a geo load could touch."""
    with engine.connect() as conn:
        shapes = conn.execute(
            select(AreaShape.area_code, AreaShape.geometry, AreaShape.source).order_by(AreaShape.area_code)
        ).all()
        places = conn.execute(select(Area.code, Area.lon, Area.lat).order_by(Area.code)).all()
        batches = conn.execute(select(func.count()).select_from(LoadBatch)).scalar()
        version = data_version(conn)
    return (tuple(shapes), tuple(places), batches, version)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_is_refused_and_changes_nothing(demo_db, name, capsys):
    before = snapshot(demo_db.engine)
    with pytest.raises(GeoError) as exc:
        load_file(demo_db.engine, CORPUS / name)
    assert BAD[name] in str(exc.value)
    rc = main(["geo", str(CORPUS / name), "--db", demo_db.url])
    err = capsys.readouterr().err
    assert rc == 1
    assert "边界文件未载入，数据库未作任何改动" in err and BAD[name] in err
    assert snapshot(demo_db.engine) == before


def test_strict_refuses_a_file_with_an_unknown_code_and_changes_nothing(demo_db, capsys):
    # unknown_code.geojson has a valid first feature: under --strict it must not be written either
    before = snapshot(demo_db.engine)
    with pytest.raises(GeoError) as exc:
        load_file(demo_db.engine, CORPUS / "unknown_code.geojson", strict=True)
    assert "区划代码 990199999000 在区划表中不存在" in str(exc.value)
    rc = main(["geo", str(CORPUS / "unknown_code.geojson"), "--db", demo_db.url, "--strict"])
    assert rc == 1 and "边界文件未载入，数据库未作任何改动" in capsys.readouterr().err
    assert snapshot(demo_db.engine) == before


def test_without_strict_the_known_feature_loads_and_the_unknown_one_says_why(fresh_demo, capsys):
    rc = main(["geo", str(CORPUS / "unknown_code.geojson"), "--db", fresh_demo.url])
    out = capsys.readouterr().out
    assert rc == 0
    assert "990101001000：按代码匹配" in out
    assert "990199999000：未匹配，不载入（区划代码 990199999000 在区划表中不存在" in out
    assert "新增 0 个、替换 1 个边界" in out and "未载入 1 个要素" in out
    with fresh_demo.engine.connect() as conn:
        shaped = set(conn.execute(select(AreaShape.area_code).where(AreaShape.source == "federation")).scalars())
    assert shaped == {"990101001000"}


def test_more_bad_files(demo_db, tmp_path):
    cases = {
        "[1, 2, 3]": "不是 GeoJSON 要素集合",
        '{"type": "FeatureCollection", "features": []}': "没有任何要素",
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}},
                "features": [{"type": "Feature", "properties": {"code": "990101001000"}, "geometry": None}],
            }
        ): "不是经纬度坐标",
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"code": "990101001000"},
                        "geometry": {"type": "Point", "coordinates": [112.8, 30.3]},
                    }
                ],
            }
        ): "应为多边形",
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "properties": {"name": "无代码"}, "geometry": None}],
            }
        ): "缺少区划代码",
    }
    before = snapshot(demo_db.engine)
    for i, (content, message) in enumerate(cases.items()):
        p = tmp_path / f"bad{i}.geojson"
        p.write_text(content, encoding="utf-8")
        with pytest.raises(GeoError) as exc:
            load_file(demo_db.engine, p)
        assert message in str(exc.value), (content, str(exc.value))
    p = tmp_path / "gbk.geojson"
    p.write_bytes("杏塘街道".encode("gbk"))
    with pytest.raises(GeoError, match="UTF-8"):
        load_file(demo_db.engine, p)
    assert snapshot(demo_db.engine) == before


def test_self_intersection_check():
    square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    bowtie = [[0, 0], [2, 2], [2, 0], [0, 1], [0, 0]]
    assert not ring_self_intersects(square)
    assert ring_self_intersects(bowtie)


@pytest.fixture
def fresh_demo(empty_db):
    load_demo(empty_db.engine)
    return empty_db


def test_good_file_is_loaded_in_one_go(fresh_demo, capsys):
    eng = fresh_demo.engine
    before = snapshot(eng)
    rc = main(["geo", str(CORPUS / "good.geojson"), "--db", fresh_demo.url, "--by", "tester"])
    assert rc == 0, capsys.readouterr().err
    assert "边界已载入" in capsys.readouterr().out
    with eng.connect() as conn:
        shape = conn.execute(select(AreaShape).where(AreaShape.area_code == "990101001000")).one()
        others = conn.execute(select(func.count()).select_from(AreaShape).where(AreaShape.source == "demo")).scalar()
        batch = conn.execute(select(LoadBatch).order_by(LoadBatch.id.desc()).limit(1)).one()
        lon, lat = conn.execute(select(Area.lon, Area.lat).where(Area.code == "990101001000")).one()
        version = data_version(conn)
    want = json.loads((CORPUS / "good.geojson").read_text(encoding="utf-8"))["features"][0]["geometry"]
    assert json.loads(shape.geometry) == want and shape.source == "federation"
    assert others == 107  # the other 7 counties' and 99 townships' shapes are kept
    assert (batch.kind, batch.loaded_by, batch.rows_replaced) == ("geo", "tester", 1)
    assert (lon, lat) == pytest.approx((112.75, 30.25))
    assert int(version) == int(before[3]) + 1


def test_the_demo_citys_own_file_passes(fresh_demo):
    r = load_file(fresh_demo.engine, GEOJSON_PATH)
    assert (r.shapes_added, r.shapes_replaced, r.points_moved) == (0, 108, 1434)
