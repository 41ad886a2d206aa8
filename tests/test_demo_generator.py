"""The demo city: deterministic, shaped as the shared design §5 says (docs/shared-design.md), its 2025 figures exactly the work summary's."""

from __future__ import annotations

import json
from collections import Counter

from data_access.demo import GEOJSON_PATH, geojson
from data_access.demo.generator import alloc, generate

# the shared design §5 (docs/shared-design.md), typed from the specification, not from the code
DESIGN_2025 = {
    "rehab_funds": 2036,
    "rehab_centres": 10,
    "rehab_beds": 200,
    "rehab_trainings": 108,
    "rehab_beneficiaries": 10000,
    "emp_new": 1000,
    "emp_self": 100,
    "edu_students": 200,
    "edu_aid": 50,
}


def test_same_seed_same_data_other_seed_other_data():
    a, b, c = generate(seed=7), generate(seed=7), generate(seed=8)
    assert a.areas == b.areas and a.values == b.values and a.legal_aid == b.legal_aid
    assert a.org_units == b.org_units and a.donations == b.donations
    assert a.values != c.values


def test_city_shape(demo_rows):
    levels = Counter(a["level"] for a in demo_rows.areas)
    assert levels["city"] == 1 and levels["county"] == 8
    assert 90 <= levels["township"] <= 110
    assert 1300 <= levels["village"] <= 1700
    codes = [a["code"] for a in demo_rows.areas]
    assert len(codes) == len(set(codes)) and all(len(c) == 12 and c.startswith("9901") for c in codes)
    by_code = {a["code"]: a for a in demo_rows.areas}
    for a in demo_rows.areas:
        if a["level"] == "village":
            assert by_code[a["parent_code"]]["level"] == "township"
            assert a["code"][:9] == a["parent_code"][:9]
        if a["level"] == "township":
            assert a["code"][:6] == a["parent_code"][:6]
    assert sorted({v["year"] for v in demo_rows.values}) == list(range(2019, 2026))


def test_reported_2025_city_figures_are_the_work_summarys(demo_rows):
    sums = Counter()
    for v in demo_rows.values:
        if v["year"] == 2025:
            sums[v["indicator_code"]] += v["value"]
    for code, want in DESIGN_2025.items():
        assert round(sums[code], 6) == want, code


def test_event_2025_figures(demo_rows):
    y = 2025
    assert sum(1 for r in demo_rows.legal_aid if r["year"] == y) == 100
    assert sum(1 for r in demo_rows.infringement if r["year"] == y) == 20
    assert sum(1 for r in demo_rows.access if r["year"] == y and r["status"] == "已完成") == 50
    culture = [r for r in demo_rows.activities if r["year"] == y and r["kind"] == "culture_sport"]
    assert len(culture) == 50 and sum(r["participants"] for r in culture) == 5000
    assert round(sum(r["money_wan"] + r["goods_wan"] for r in demo_rows.donations if r["year"] == y), 6) == 300
    assert sum(r["hours"] for r in demo_rows.volunteers if r["year"] == y) == 10000
    peaks = Counter()
    for r in demo_rows.volunteers:
        if r["year"] == y:
            peaks[r["team"]] = max(peaks[r["team"]], r["volunteers"])
    assert sum(peaks.values()) == 500
    lectures = {r["title"] for r in demo_rows.activities if r["year"] == y and r["kind"] == "lecture"}
    assert "不断增强法治意识，加快推进残疾人事业高质量发展" in lectures
    assert "学习贯彻习近平法治思想，落实残疾人保障法" in lectures


def test_income_grows_exactly_ten_percent_in_2025(demo_rows):
    def per_capita(year):
        tot = sum(
            v["value"] for v in demo_rows.values if v["indicator_code"] == "emp_income_total" and v["year"] == year
        )
        ppl = sum(
            v["value"] for v in demo_rows.values if v["indicator_code"] == "emp_income_persons" and v["year"] == year
        )
        return tot / ppl

    assert round((per_capita(2025) / per_capita(2024) - 1) * 100, 6) == 10.0


def test_coverage_has_gaps_early_and_none_in_2025(demo_rows):
    import datetime as dt

    towns = [o for o in demo_rows.org_units if o["org_type"] == "township_federation"]
    vills = [o for o in demo_rows.org_units if o["org_type"] == "village_association"]
    assert len(towns) == len([a for a in demo_rows.areas if a["level"] == "township"])
    assert len(vills) == len([a for a in demo_rows.areas if a["level"] == "village"])
    end = lambda y: dt.date(y, 12, 31)
    assert all(o["established_on"] <= end(2025) and o["staffed_on"] <= end(2025) for o in towns + vills)
    assert sum(o["established_on"] > end(2020) for o in towns) > 5
    assert sum(o["established_on"] > end(2020) for o in vills) > 300


def test_staffing_2025_matches_design(demo_rows):
    got = Counter()
    for s in demo_rows.staffing:
        if s["year"] == 2025:
            got[(s["post_kind"], s["level"])] += s["count"]
    assert got[("centre_posts", "city")] == 5
    assert got[("admin_posts", "county")] == 3
    assert got[("paid_hires", "city")] == 3
    assert got[("vice_chairs", "city")] + got[("vice_chairs", "county")] == 10


def test_geojson_kept_in_assets_is_the_generators():
    kept = json.loads(GEOJSON_PATH.read_text(encoding="utf-8"))
    assert kept == json.loads(json.dumps(geojson(generate()), ensure_ascii=False))
    kinds = Counter((f["properties"]["level"], f["geometry"]["type"]) for f in kept["features"])
    assert kinds[("county", "Polygon")] == 8
    assert kinds[("township", "Polygon")] >= 90
    assert kinds[("village", "Point")] >= 1300


def test_alloc_adds_up():
    assert alloc(10, [1, 1, 1]) == [4, 3, 3]
    assert sum(alloc(2036_00, [0.3, 2.1, 0.7, 5])) == 2036_00
    assert alloc(0, [1, 2]) == [0, 0]


# ------------------------------------------------------------ extra demo parts (parts.PARTS)


def _parts_db(tmp_path, name: str):
    from data_access.db import open_database

    return open_database(f"sqlite:///{tmp_path / name}")


def _staffing_part(seen: list):
    """A part as another engineer would write one: reads the facts, draws from its own stream."""
    from sqlalchemy import func, select

    from data_access import models as m
    from data_access.demo import PartContext

    def load(ctx: PartContext) -> int:
        cases = ctx.conn.execute(select(func.count()).select_from(m.LegalAidCase)).scalar()
        seen.append(cases)
        rng = ctx.rng("extra_staffing")
        county = ctx.data.counties()[0]
        rows = [
            dict(
                area_code=county["code"],
                county_code=county["code"],
                level="county",
                year=2030 + k,
                post_kind="part_test",
                count=rng.randint(1, 10_000),
            )
            for k in range(3)
        ]
        return ctx.insert(m.Staffing, rows)

    return load


def _part_rows(engine):
    from sqlalchemy import select

    from data_access import models as m

    with engine.connect() as conn:
        return conn.execute(
            select(m.Staffing.year, m.Staffing.count, m.Staffing.batch_id)
            .where(m.Staffing.post_kind == "part_test")
            .order_by(m.Staffing.year)
        ).all()


def test_a_demo_part_loads_after_the_facts_deterministically(tmp_path, monkeypatch):
    from sqlalchemy import func, select

    from data_access import models as m
    from data_access.demo import Part, load_demo, parts

    seen: list[int] = []
    monkeypatch.setattr(parts, "PARTS", (Part("extra_staffing", _staffing_part(seen)),))
    runs = []
    for name in ("a.sqlite", "b.sqlite"):
        engine = _parts_db(tmp_path, name)
        batch = load_demo(engine, "counties")
        rows = _part_rows(engine)
        assert [r.year for r in rows] == [2030, 2031, 2032]
        assert {r.batch_id for r in rows} == {batch}
        with engine.connect() as conn:
            added = conn.execute(select(m.LoadBatch.rows_added).where(m.LoadBatch.id == batch)).scalar()
            cases = conn.execute(select(func.count()).select_from(m.LegalAidCase)).scalar()
        assert seen[-1] == cases > 0  # the part saw every fact of the load
        runs.append(([r.count for r in rows], added))
        engine.dispose()
    assert runs[0] == runs[1]  # same seed, same part rows, and they count in the load's rows


def test_a_failing_demo_part_leaves_the_database_empty(tmp_path, monkeypatch):
    import pytest

    from data_access.db import is_empty
    from data_access.demo import Part, load_demo, parts

    def broken(ctx):
        raise RuntimeError("part failed")

    monkeypatch.setattr(parts, "PARTS", (Part("broken", broken),))
    engine = _parts_db(tmp_path, "c.sqlite")
    with pytest.raises(RuntimeError, match="part failed"):
        load_demo(engine, "counties")
    with engine.connect() as conn:
        assert is_empty(conn)
    engine.dispose()


def test_a_demo_part_runs_only_at_the_scales_it_names(tmp_path, monkeypatch):
    from data_access.db import is_empty
    from data_access.demo import Part, load_demo, parts

    ran: list[str] = []

    def city_only(ctx):
        ran.append(ctx.data.scale.name)
        return 0

    monkeypatch.setattr(parts, "PARTS", (Part("city_only", city_only, scales=("city", "province")),))
    engine = _parts_db(tmp_path, "d.sqlite")
    load_demo(engine, "counties")
    with engine.connect() as conn:
        assert not is_empty(conn)
    assert ran == []
    engine.dispose()
