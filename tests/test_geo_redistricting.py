"""Boundary files that predate re-districting, and files in another coordinate system (issue 29).

洛阳市 as the code list has it since 2021 (孟津县 and 吉利区 merged into 孟津区, 偃师市 became
偃师区), and a boundary file from before: its 孟津县 and 偃师市 are matched by name within the
city as 县/市/区 changes and the report says so and suggests the 区划代码变更 rows; once those
rows are in, 孟津县 and 吉利区 both go to 孟津区 and its stored shape is their union. A GCJ-02
file of village points lands on their WGS-84 positions within a metre; a village point outside
its township is reported."""

from __future__ import annotations

import json
import re

import pytest
from shapely.geometry import Point, box, shape
from shapely.ops import unary_union
from sqlalchemy import select

from data_access import crs, geo_load
from data_access.__main__ import main
from data_access.db import open_database
from data_access.geo_load import BY_HISTORY, BY_RENAME, UNMATCHED, preview
from data_access.models import Area, AreaShape
from tests.realcity import write_csv

CITY, MENGJIN, YANSHI, LUOLONG = "410300000000", "410308000000", "410307000000", "410311000000"
TOWN = "410308100000"  # 城关镇 of 孟津区
VILLAGES = {"410308100201": "东村", "410308100202": "西村"}

# WGS-84 positions and their GCJ-02 images, as prcoords 1.0.2 (an independent implementation
# of the published transform) gives them: the file says GCJ-02, the database must hold WGS-84
WGS_GCJ = {
    "410308100201": ((112.44, 34.83), (112.44630510288322, 34.82920420221444)),
    "410308100202": ((112.46, 34.84), (112.46625721029328, 34.8391743580471)),
}


def city(tmp_path):
    url = f"sqlite:///{tmp_path / 'luoyang.sqlite'}"
    assert main(["init", "--db", url]) == 0
    rows = [
        [CITY, "洛阳市"],
        [MENGJIN, "孟津区"],
        [YANSHI, "偃师区"],
        [LUOLONG, "洛龙区"],
        [TOWN, "城关镇"],
        *[[c, n] for c, n in VILLAGES.items()],
    ]
    areas = write_csv(tmp_path / "区划.csv", ["区划代码", "名称"], rows)
    assert main(["import", str(areas), "--db", url, "--kind", "areas"]) == 0
    return url, open_database(url)


def feature(name: str, code: int, geom) -> dict:
    return {"type": "Feature", "properties": {"name": name, "adcode": code}, "geometry": geom}


def poly(x0, y0, x1, y1) -> dict:
    return json.loads(json.dumps(box(x0, y0, x1, y1).__geo_interface__))


# the pre-2021 file: 孟津县 and 吉利区 overlap a little (as two sources' borders do), so a sum is not a union
OLD = {
    "孟津县": (410322, poly(112.30, 34.80, 112.60, 35.00)),
    "吉利区": (410306, poly(112.55, 34.85, 112.70, 34.95)),
    "偃师市": (410381, poly(112.60, 34.60, 112.90, 34.80)),
    "洛龙区": (410311, poly(112.40, 34.55, 112.60, 34.70)),
}


def old_file(tmp_path):
    doc = {"type": "FeatureCollection", "features": [feature(n, c, g) for n, (c, g) in OLD.items()]}
    path = tmp_path / "洛阳市_2019.geojson"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_county_that_became_a_district_is_matched_by_name_and_the_change_rows_are_suggested(tmp_path, capsys):
    url, eng = city(tmp_path)
    report = preview(eng, old_file(tmp_path).read_bytes())
    got = {m.name: (m.status, m.code) for m in report.features}
    assert got["孟津县"] == (BY_RENAME, MENGJIN)
    assert got["偃师市"] == (BY_RENAME, YANSHI)
    assert got["吉利区"] == (UNMATCHED, None)  # merged away: only a 区划代码变更 row can say where it went
    assert "按名称匹配 2 个（其中县/市/区变更 2 个，请核对）" in report.summary("zh")
    reasons = {m.name: m.why("zh") for m in report.features}
    assert "名称仅县/市/区不同（孟津县 → 孟津区，撤县设区等）" in reasons["孟津县"]
    rows = report.suggested_changes()
    assert rows.values.tolist() == [
        ["410322000000", "孟津县", MENGJIN, "孟津区", None, "撤县设区"],
        ["410381000000", "偃师市", YANSHI, "偃师区", None, "撤市设区"],
    ]
    assert main(["geo", str(old_file(tmp_path)), "--db", url]) == 0
    out = capsys.readouterr().out
    assert "孟津县 410322：按名称匹配（县/市/区变更，请核对） → 410308000000 孟津区" in out
    assert "建议写入区划代码变更 2 行" in out and "410381000000,偃师市,410307000000,偃师区,,撤市设区" in out


def test_two_units_merged_into_one_are_stored_as_their_union(tmp_path, capsys):
    url, eng = city(tmp_path)
    changes = write_csv(
        tmp_path / "区划代码变更.csv",
        ["原区划代码", "原名称", "新区划代码", "新名称", "变更年度", "说明"],
        [
            ["410322000000", "孟津县", MENGJIN, "孟津区", 2021, "撤县设区"],
            ["410306000000", "吉利区", MENGJIN, "孟津区", 2021, "合并"],
            ["410381000000", "偃师市", YANSHI, "偃师区", 2021, "撤市设区"],
        ],
    )
    assert main(["import", str(changes), "--db", url, "--kind", "code_changes"]) == 0
    assert main(["geo", str(old_file(tmp_path)), "--db", url]) == 0
    out = capsys.readouterr().out
    assert "孟津区（410308000000）的边界由第 1、2 个要素合并而成" in out
    assert "吉利区 410306：按区划代码变更匹配 → 410308000000 孟津区（区划代码 410306000000 已变更为" in out
    assert "不重复载入" not in out
    with eng.connect() as conn:
        stored = dict(conn.execute(select(AreaShape.area_code, AreaShape.geometry)).all())
        lon, lat = conn.execute(select(Area.lon, Area.lat).where(Area.code == MENGJIN)).one()
    merged = shape(json.loads(stored[MENGJIN]))
    parts = unary_union([shape(OLD["孟津县"][1]), shape(OLD["吉利区"][1])])
    assert abs(merged.area - parts.area) < 1e-9  # the land of both parts, once (not the first kept, not a sum)
    assert merged.area > shape(OLD["孟津县"][1]).area + 0.01
    assert merged.covers(Point(112.68, 34.90))  # inside the old 吉利区 only
    assert merged.symmetric_difference(parts).area < 1e-9
    assert set(stored) == {MENGJIN, YANSHI, LUOLONG}
    assert merged.covers(Point(lon, lat))  # the label sits on the merged district
    report = preview(eng, old_file(tmp_path).read_bytes())
    assert {m.name: m.status for m in report.features}["吉利区"] == BY_HISTORY


def test_a_gcj02_file_lands_on_its_wgs84_points_within_a_metre(tmp_path, capsys):
    url, eng = city(tmp_path)
    town = {
        "type": "FeatureCollection",
        "features": [feature("城关镇", 410308100000, poly(112.40, 34.80, 112.463, 34.86))],
    }
    (tmp_path / "town.geojson").write_text(json.dumps(town, ensure_ascii=False), encoding="utf-8")
    assert main(["geo", str(tmp_path / "town.geojson"), "--db", url, "--crs", "WGS-84"]) == 0
    pts = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "GCJ-02"}},
        "features": [
            feature(VILLAGES[c], int(c), {"type": "Point", "coordinates": list(gcj)}) for c, (_, gcj) in WGS_GCJ.items()
        ],
    }
    (tmp_path / "villages_gcj.geojson").write_text(json.dumps(pts, ensure_ascii=False), encoding="utf-8")
    assert main(["geo", str(tmp_path / "villages_gcj.geojson"), "--db", url]) == 0
    out = capsys.readouterr().out
    assert "坐标系：GCJ-02（文件声明为 GCJ-02），载入时转换为 WGS-84" in out
    with eng.connect() as conn:
        got = {
            c: (x, y) for c, x, y in conn.execute(select(Area.code, Area.lon, Area.lat).where(Area.level == "village"))
        }
        systems = set(conn.execute(select(AreaShape.file_crs)).scalars())
    for code, ((lon, lat), _) in WGS_GCJ.items():
        assert crs.metres(lon, lat, *got[code]) < 1.0, code
    assert systems == {"WGS-84"}
    # read as WGS-84 the same file puts 西村 about 560 m east, outside its township: reported
    assert main(["geo", str(tmp_path / "villages_gcj.geojson"), "--db", url, "--crs", "WGS-84"]) == 0
    out = capsys.readouterr().out
    assert "村(社区)位置不在所属乡镇(街道)边界内 1 个" in out and "西村（410308100202）的位置不在城关镇的边界内" in out
    assert "东村" not in out.split("村(社区)位置不在")[1]


def test_the_transform_against_published_values_and_its_inverse():
    for (lon, lat), (glon, glat) in WGS_GCJ.values():
        fx, fy = crs.wgs_to_gcj(lon, lat)
        assert crs.metres(fx, fy, glon, glat) < 0.01  # the same transform as prcoords, to a centimetre
        assert crs.metres(*crs.gcj_to_wgs(glon, glat), lon, lat) < 0.01  # the iterative inverse
    # 北京天安门 (prcoords): the offset is some 550 m, the inverse lands within a millimetre
    assert crs.metres(*crs.gcj_to_wgs(116.39754118159271, 39.90890127616531), 116.3913, 39.9075) < 0.001
    assert crs.gcj_to_wgs(2.35, 48.85) == (2.35, 48.85)  # outside China: no offset


def test_a_datav_file_is_taken_as_gcj02_and_converted(tmp_path, capsys):
    _, eng = city(tmp_path)
    f = feature("洛龙区", 410311, poly(112.40, 34.55, 112.60, 34.70))
    f["properties"] |= {"center": [112.45, 34.62], "centroid": [112.5, 34.62], "level": "district"}
    doc = {"type": "FeatureCollection", "features": [f]}
    report = preview(eng, json.dumps(doc, ensure_ascii=False).encode())
    assert report.system == crs.GCJ02 and "DataV GeoAtlas" in report.system_line("zh")
    stored = shape(report.geo.shapes[LUOLONG])
    assert stored.bounds[0] < 112.40 - 0.004  # moved west by the GCJ-02 offset (about 0.006° here)
    report = preview(eng, json.dumps(doc, ensure_ascii=False).encode(), system=crs.WGS84)
    assert shape(report.geo.shapes[LUOLONG]).bounds[0] == 112.40
    assert "由载入人指定；文件看起来是 GCJ-02" in report.system_line("zh")


# names of places are the file's and the division list's, in either language; nothing else Chinese in English
PLACES = re.compile("|".join(sorted({*OLD, "洛阳市", "孟津区", "偃师区", "洛龙区", "孟津市"}, key=len, reverse=True)))
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def test_the_report_of_a_file_before_re_districting_in_english_and_in_chinese_as_before(tmp_path):
    url, eng = city(tmp_path)
    raw = old_file(tmp_path).read_bytes()
    report = preview(eng, raw)
    en = report.frame("en")
    why = dict(zip(en["Name in file"], en["Why"], strict=True))
    assert why["孟津县"] == (
        "code 410322000000 is not in the division list; the names differ only in their county, city or district "
        "ending (孟津县 → 孟津区: a county made a district, or the like); please check it and load the suggested "
        "division code changes"
    )
    assert why["吉利区"] == (
        "division code 410306000000 is not in the division list (unknown code); no unit named “吉利区” under "
        "410300000000"
    )
    assert dict(zip(en["Name in file"], en["Result"], strict=True)) == {
        "孟津县": "matched by name (county became a district or city: please check)",
        "吉利区": "not matched, not loaded",
        "偃师市": "matched by name (county became a district or city: please check)",
        "洛龙区": "matched by division code",
    }
    assert report.summary("en") == (
        "The file has 4 features: 1 matched by division code, 0 through a division code change, 2 by name "
        "(2 of them a county that became a district or city: please check), 1 not matched, 0 with bad geometry; "
        "3 will be loaded."
    )
    assert report.system_line("en").startswith("Coordinate system: WGS-84 (the file declares no coordinate system")
    strict_en = geo_load.refusal(report, strict=True, lang="en")
    assert strict_en is not None and strict_en[0].startswith("Feature 2 (吉利区): division code 410306000000 is not")
    said = [report.summary("en"), report.system_line("en"), *en["Result"], *en["Why"], *strict_en, *en.columns]
    assert [s for s in said if CJK.search(PLACES.sub("", s))] == []

    # the Chinese report, word for word as it was
    zh = report.frame("zh")
    assert list(zh.columns) == ["序号", "文件中的名称", "文件中的代码", "结果", "对应区划代码", "区划名称", "说明"]
    assert zh["说明"].tolist() == [
        "代码 410322000000 不在区划表中；名称仅县/市/区不同（孟津县 → 孟津区，撤县设区等），请核对并按建议写入区划代码变更",
        "区划代码 410306000000 在区划表中不存在（未知代码），上级 410300000000中没有名为“吉利区”的单位",
        "代码 410381000000 不在区划表中；名称仅县/市/区不同（偃师市 → 偃师区，撤县设区等），请核对并按建议写入区划代码变更",
        "",
    ]
    assert zh["结果"].tolist() == [
        "按名称匹配（县/市/区变更，请核对）",
        "未匹配，不载入",
        "按名称匹配（县/市/区变更，请核对）",
        "按代码匹配",
    ]
    assert report.summary("zh") == (
        "文件共 4 个要素：按代码匹配 1 个，按区划代码变更匹配 0 个，按名称匹配 2 个（其中县/市/区变更 2 个，请核对），"
        "未匹配 1 个，几何有误 0 个；将载入 3 个。"
    )
    assert report.system_line("zh") == (
        "坐标系：WGS-84（文件未声明坐标系，按 WGS-84 处理；如为网络地图（DataV、高德）下载的 GCJ-02 坐标，请指定 GCJ-02）。"
    )
    assert geo_load.refusal(report, strict=True, lang="zh") == [
        "第 2 个要素（吉利区）：区划代码 410306000000 在区划表中不存在（未知代码），上级 410300000000中没有名为“吉利区”的单位。",
        "（--strict：有要素未能匹配或几何有误时整份文件不载入）",
    ]

    # a name that fits two of today's units: said, not guessed at, in either language
    more = write_csv(tmp_path / "孟津市.csv", ["区划代码", "名称"], [["410309000000", "孟津市"]])
    assert main(["import", str(more), "--db", url, "--kind", "areas"]) == 0
    split = preview(eng, raw)
    assert split.split_lines("en") == [
        "Feature 1 (孟津县): “孟津县” fits several current divisions (孟津区, 孟津市) and may have been split, so it is "
        "not loaded; load the division code changes, then load the file again"
    ]
    assert split.split_lines("zh") == [
        "第 1 个要素（孟津县）：“孟津县”对应多个现行单位（孟津区、孟津市），可能已拆分，未载入；请写入区划代码变更后重新载入"
    ]

    # merged once the change rows are in
    changes = write_csv(
        tmp_path / "区划代码变更.csv",
        ["原区划代码", "原名称", "新区划代码", "新名称", "变更年度", "说明"],
        [
            ["410322000000", "孟津县", MENGJIN, "孟津区", 2021, "撤县设区"],
            ["410306000000", "吉利区", MENGJIN, "孟津区", 2021, "合并"],
        ],
    )
    assert main(["import", str(changes), "--db", url, "--kind", "code_changes"]) == 0
    merged = preview(eng, raw)
    assert merged.merged_lines("en") == [
        "The boundary of 孟津区 (410308000000) is features 1, 2 joined into one (divisions merged: the land of every "
        "part together)."
    ]
    assert merged.merged_lines("zh") == [
        "孟津区（410308000000）的边界由第 1、2 个要素合并而成（区划合并：各部分的范围合在一起）。"
    ]
    assert merged.frame("en")["Why"].tolist()[1] == (
        "division code 410306000000 has changed to 410308000000; the same division 410308000000 as feature 1: "
        "their boundaries are joined and loaded as one"
    )
    assert merged.frame("zh")["说明"].tolist()[1] == (
        "区划代码 410306000000 已变更为 410308000000；与第 1 个要素同属 410308000000，边界合并载入"
    )

    # a refused file: its reasons in the language chosen, Chinese for the command line
    with pytest.raises(geo_load.GeoError) as refused:
        preview(eng, b"[]")
    assert refused.value.lines("en") == [
        'The file is not a GeoJSON FeatureCollection: its top level should be {"type": "FeatureCollection", '
        '"features": [...]}.'
    ]
    assert refused.value.messages == [
        '文件不是 GeoJSON 要素集合：顶层应为 {"type": "FeatureCollection", "features": [...]}。'
    ]
