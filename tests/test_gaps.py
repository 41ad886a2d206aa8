"""The gap ledger's life on real databases: opened by the organisation data, updated by its
county's data staff, refused for another county, closed by the data, confirmed by the city;
a ``gaps`` file loads under the same rules, and evidence is checked."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import select

from data_access.auth import Principal
from data_access.db import open_database
from data_access.filters import Filters
from data_access.gaps import GapError, check_evidence, update_gap
from data_access.loading import csv_bytes, load_file, table_frame
from data_access.models import Gap, GapEvent

A, B = "990101000000", "990102000000"
AREAS = [
    ["区划代码", "名称"],
    ["9901", "测试市"],
    ["990101", "甲县"],
    ["990101101", "甲镇"],
    ["990101101201", "甲村"],
    ["990102", "乙县"],
    ["990102101", "乙镇"],
]
TODAY = dt.date.today()
CITY = Principal("市数据员", "data_staff")
STAFF_A = Principal("甲县数据员", "data_staff", A)
STAFF_B = Principal("乙县数据员", "data_staff", B)


def csv(rows: list[list]) -> bytes:
    return "\n".join(",".join(str(c) for c in r) for r in rows).encode("utf-8")


def orgs(*rows: tuple[str, str, str, str]) -> bytes:
    head = [["机构类型", "区划代码", "成立日期", "专职委员到位日期"]]
    return csv(head + [list(r) for r in rows])


def ledger(eng) -> dict[str, tuple]:
    with eng.connect() as conn:
        return {g.area_code: (g.state, g.missing, g.closed_on is not None) for g in conn.execute(select(Gap))}


@pytest.fixture
def city(empty_db):
    eng = open_database(empty_db.url)
    assert load_file(eng, csv(AREAS), "areas.csv", "t", kind="areas").status == "done"
    # 甲镇 has its federation with staff; 甲村 has an association without 专职委员; 乙镇 nothing
    res = load_file(
        eng,
        orgs(
            ("乡镇(街道)残联", "990101101000", "2020-01-01", "2020-02-01"),
            ("村(社区)残协", "990101101201", "2021-03-01", ""),
        ),
        "org.csv",
        "t",
        kind="org_units",
    )
    assert res.status == "done", res.problems
    return eng


def _gap_id(eng, code: str) -> int:
    with eng.connect() as conn:
        return conn.execute(select(Gap.id).where(Gap.area_code == code)).scalar_one()


def test_a_gap_from_opening_to_confirmation(city):
    eng = city
    # opened by the data: the village without 专职委员 and the township without a federation
    assert ledger(eng) == {"990101101201": ("open", "no_staff", False), "990102101000": ("open", "none", False)}
    village = _gap_id(eng, "990101101201")
    # its county's data staff update it
    deadline = TODAY + dt.timedelta(days=90)
    assert update_gap(eng, STAFF_A, village, {"state": "推进中", "owner_person": "王芳", "deadline": deadline})
    # another county's data staff are refused, naming the gap, and nothing changes
    with pytest.raises(GapError, match=r"乙县.*只能修改本县.*甲县 · 甲村（无专职人员）.*属于甲县"):
        update_gap(eng, STAFF_B, village, {"state": "已完成"})
    assert ledger(eng)["990101101201"][0] == "in_progress"
    # nobody confirms before the data shows it built
    with pytest.raises(GapError, match="尚不能核实"):
        update_gap(eng, CITY, village, {"state": "已核实"})
    # closed by the data: the village's 专职委员 loaded
    res = load_file(eng, orgs(("村(社区)残协", "990101101201", "2021-03-01", TODAY.isoformat())), "o.csv", "t")
    assert res.status == "done", res.problems
    assert ledger(eng)["990101101201"] == ("done", "no_staff", True)
    # the county cannot confirm; the city does
    with pytest.raises(GapError, match="只有市残联可以核实"):
        update_gap(eng, STAFF_A, village, {"state": "已核实"})
    assert update_gap(eng, CITY, village, {"state": "已核实"})
    assert ledger(eng)["990101101201"][0] == "verified"
    with eng.connect() as conn:
        history = [
            (e.username, e.action)
            for e in conn.execute(select(GapEvent).where(GapEvent.gap_id == village).order_by(GapEvent.id))
        ]
        g = conn.execute(select(Gap).where(Gap.id == village)).one()
    assert history == [("数据", "opened"), ("甲县数据员", "update"), ("数据", "closed"), ("市数据员", "verified")]
    assert (g.owner_person, g.deadline, g.verified_by, g.owner_unit) == ("王芳", deadline, "市数据员", "甲县残联")
    # reopened when the data shows it uncovered again (a corrected file removes the staff)
    load_file(eng, orgs(("村(社区)残协", "990101101201", "2021-03-01", "")), "o2.csv", "t")
    assert ledger(eng)["990101101201"] == ("open", "no_staff", False)


def test_a_gaps_file_round_trip_and_scope(city):
    eng = city
    with eng.connect() as conn:
        df = table_frame(conn, "gaps")
    assert list(df["区划名称"]) == ["甲村", "乙镇"] and list(df["状态"]) == ["未启动", "未启动"]
    assert list(df["缺口"]) == ["无专职人员", "未建立组织"]
    df.loc[df["区划名称"] == "乙镇", ["责任人", "状态"]] = ["李明", "推进中"]
    res = load_file(eng, csv_bytes(df), "整改台账.csv", "市数据员")
    assert res.status == "done", res.problems
    assert ledger(eng)["990102101000"][0] == "in_progress"
    # a county's data staff may not load another county's rows (the loader's scope)
    res = load_file(eng, csv_bytes(df), "整改台账.csv", "甲县数据员", scope=(A,))
    assert res.status == "refused" and "乙县" in res.problems[0].message
    # a unit with no gap refuses the whole file, saying which
    extra = df.copy()
    extra.loc[len(extra)] = ["990101101000", "甲镇", None, None, "张三", None, "推进中", None, None, None]
    res = load_file(eng, csv_bytes(extra), "整改台账.csv", "市数据员")
    assert res.status == "refused" and "甲镇（区划代码 990101101000）不在整改台账中" in res.problems[0].message
    with eng.connect() as conn:
        assert conn.execute(select(Gap.owner_person).where(Gap.area_code == "990102101000")).scalar() == "李明"


def test_gap_queries_count_progress_and_overdue(city):
    from data_access import queries

    eng = city
    village = _gap_id(eng, "990101101201")
    update_gap(eng, CITY, village, {"deadline": TODAY})  # due today: not overdue yet
    town = _gap_id(eng, "990102101000")
    with eng.begin() as conn:  # found long ago, its deadline passed
        conn.execute(
            Gap.__table__.update()
            .where(Gap.id == town)
            .values(opened_on=TODAY - dt.timedelta(days=400), deadline=TODAY - dt.timedelta(days=10))
        )
    with eng.connect() as conn:
        prog = queries.gap_progress(conn, Filters(year=TODAY.year))
        book = queries.gap_ledger(conn, Filters(year=TODAY.year))
        scoped = queries.gap_ledger(conn, Filters(year=TODAY.year, scope=(A,)))
    assert prog.set_index("county_name")[["opened", "closed", "open", "overdue"]].to_dict("index") == {
        "甲县": {"opened": 1, "closed": 0, "open": 1, "overdue": 0},
        "乙县": {"opened": 1, "closed": 0, "open": 1, "overdue": 1},
    }
    assert book.set_index("name")["days_overdue"].to_dict() == {"甲村": 0, "乙镇": 10}
    assert list(scoped["name"]) == ["甲村"]


def _png(size=(40, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, "PNG")
    return out.getvalue()


def test_evidence_is_type_checked_size_capped_and_kept(city):
    eng = city
    village = _gap_id(eng, "990101101201")
    assert update_gap(eng, STAFF_A, village, {}, evidence=("挂牌照片.png", _png()))
    with pytest.raises(GapError, match=r"扩展名为“\.jpg”，内容却是 PNG"):
        check_evidence(_png(), "照片.jpg")
    with pytest.raises(GapError, match="须为 PDF、PNG 或 JPG"):
        check_evidence(b"MZ\x90\x00", "a.exe")
    with pytest.raises(GapError, match="超过上限 5 MB"):
        check_evidence(b"%PDF-" + b"0" * (6 * 1024 * 1024), "big.pdf")
    with pytest.raises(GapError, match="含有脚本"):
        check_evidence(b"%PDF-1.4 /OpenAction << /S /JavaScript /JS (app.alert(1)) >>", "a.pdf")
    with pytest.raises(GapError, match="不是能打开的图片"):
        check_evidence(b"\x89PNG\r\n\x1a\n" + b"garbage", "a.png")
    # another county may not add evidence to it either
    with pytest.raises(GapError, match="只能修改本县"):
        update_gap(eng, STAFF_B, village, {}, evidence=("x.png", _png()))
    from data_access import queries

    with eng.connect() as conn:
        files = queries.gap_evidence_files(conn, Filters(year=TODAY.year), village)
        hist = queries.gap_history(conn, Filters(year=TODAY.year), village)
    assert list(files["file_name"]) == ["挂牌照片.png"]
    assert "上传佐证材料“挂牌照片.png”" in hist["detail"].iloc[-1]


def test_the_deck_slide_says_the_progress_and_is_left_out_without_gaps(city):
    from data_access import queries
    from reporting.gap_slide import gap_slide

    with city.connect() as conn:
        progress = queries.gap_progress(conn, Filters(year=TODAY.year))
    s = gap_slide(progress, "测试市", "zh")
    assert s.title.startswith("测试市共列入缺口 2 个，数据显示已建成 0 个")
    assert [(k.label, k.value) for k in s.figures] == [("列入", "2"), ("已建成", "0"), ("未建成", "2"), ("逾期", "0")]
    assert list(s.table["县(区)"]) == ["甲县", "乙县"] and s.figure is not None
    assert gap_slide(progress.iloc[0:0], "测试市", "zh") is None


def test_the_deck_carries_the_gap_slide_only_when_asked(city):
    from reporting.export import make_deck

    with city.connect() as conn:
        plain = make_deck(conn, Filters(year=TODAY.year), "zh")
        asked = make_deck(conn, Filters(year=TODAY.year), "zh", gap_slide=True)
    assert "gaps" not in [s.key for s in plain.slides]
    assert [s.key for s in asked.slides][-1] == "gaps"
    assert "共列入缺口 2 个" in asked.slides[-1].title
