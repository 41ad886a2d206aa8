"""Organisation page datasets on SQLite, PostgreSQL and MariaDB, checked against the
generator's rows and hand-written SQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from data_access import queries
from data_access.filters import Filters


def _expected(demo_rows, year: int, county: str | None = None) -> dict[str, tuple[int, int]]:
    """(covered, total) per measure, from the generator's rows."""
    end = dt.date(year, 12, 31)
    orgs = {(o["org_type"], o["area_code"]): o for o in demo_rows.org_units}
    out = {}
    for measure, level, otype, staff in (
        ("township", "township", "township_federation", False),
        ("township_staff", "township", "township_federation", True),
        ("village", "village", "village_association", False),
        ("village_staff", "village", "village_association", True),
    ):
        units = [a for a in demo_rows.areas if a["level"] == level and county in (None, a["county_code"])]
        covered = 0
        for a in units:
            o = orgs.get((otype, a["code"]))
            if o and o["established_on"] <= end and (not staff or (o["staffed_on"] and o["staffed_on"] <= end)):
                covered += 1
        out[measure] = (covered, len(units))
    return out


def _gap_names(demo_rows, year: int, county: str | None = None) -> set[tuple[str, str]]:
    end = dt.date(year, 12, 31)
    orgs = {(o["org_type"], o["area_code"]): o for o in demo_rows.org_units}
    gaps = set()
    for a in demo_rows.areas:
        if a["level"] not in ("township", "village") or county not in (None, a["county_code"]):
            continue
        otype = "township_federation" if a["level"] == "township" else "village_association"
        o = orgs.get((otype, a["code"]))
        if not o or o["established_on"] > end:
            gaps.add((a["code"], "none"))
        elif not o["staffed_on"] or o["staffed_on"] > end:
            gaps.add((a["code"], "no_staff"))
    return gaps


def test_2025_is_full_coverage_and_no_gaps(demo_db):
    with demo_db.engine.connect() as conn:
        cov = queries.org_coverage(conn, Filters(2025)).set_index("measure")
        gaps = queries.org_gaps(conn, Filters(2025))
    assert cov.loc["township", ["covered", "total"]].tolist() == [100, 100]
    assert cov.loc["village", ["covered", "total"]].tolist() == [1434, 1434]
    assert (cov["pct"] == 100).all() and (cov["gap"] == 0).all()
    assert gaps.empty


@pytest.mark.parametrize("year", [2019, 2020, 2023])
def test_coverage_matches_the_generator_and_sql(demo_db, demo_rows, year):
    with demo_db.engine.connect() as conn:
        cov = queries.org_coverage(conn, Filters(year)).set_index("measure")
        sql_staffed_towns = conn.execute(
            text(
                "SELECT COUNT(*) FROM org_units WHERE org_type = 'township_federation' "
                "AND established_on <= :d AND staffed_on IS NOT NULL AND staffed_on <= :d"
            ),
            {"d": dt.date(year, 12, 31)},
        ).scalar()
        k = queries.kpis(conn, Filters(year), ["org_township_coverage", "org_village_staff_coverage"])
    want = _expected(demo_rows, year)
    for m, (covered, total) in want.items():
        assert (cov.loc[m, "covered"], cov.loc[m, "total"]) == (covered, total), m
        assert cov.loc[m, "pct"] == pytest.approx(covered / total * 100)
    assert cov.loc["township_staff", "covered"] == sql_staffed_towns
    # the same figure as the indicator engine's (one way of computing coverage)
    k = k.set_index("code")["value"]
    assert k["org_township_coverage"] == pytest.approx(cov.loc["township", "pct"])
    assert k["org_village_staff_coverage"] == pytest.approx(cov.loc["village_staff", "pct"])


def test_2020_has_gaps_by_county(demo_db, demo_rows):
    with demo_db.engine.connect() as conn:
        by = queries.org_coverage(conn, Filters(2020), by_county=True)
        counties = queries.all_counties(conn)["code"].tolist()
    assert set(by["county_code"]) == set(counties)
    for c in counties:
        want = _expected(demo_rows, 2020, c)
        got = by[by["county_code"] == c].set_index("measure")
        for m, (covered, total) in want.items():
            assert (got.loc[m, "covered"], got.loc[m, "total"]) == (covered, total), (c, m)
    # counties add up to the city
    city = _expected(demo_rows, 2020)
    assert by.groupby("measure")["covered"].sum().to_dict() == {m: v[0] for m, v in city.items()}
    assert by["gap"].sum() > 0


def test_gap_list_2020_names_every_gap(demo_db, demo_rows):
    with demo_db.engine.connect() as conn:
        gaps = queries.org_gaps(conn, Filters(2020))
    assert set(zip(gaps["code"], gaps["status"], strict=True)) == _gap_names(demo_rows, 2020)
    names = {a["code"]: a["name"] for a in demo_rows.areas}
    assert (gaps["name"] == gaps["code"].map(names)).all()
    assert gaps["county_name"].notna().all() and gaps["township_name"].notna().all()
    assert list(gaps["county_code"]) == sorted(gaps["county_code"])  # by county
    assert set(gaps["level"]) == {"township", "village"}


def test_gap_list_one_county(demo_db, demo_rows):
    with demo_db.engine.connect() as conn:
        c = queries.all_counties(conn)["code"].iloc[3]
        gaps = queries.org_gaps(conn, Filters(2021, counties=(c,)))
    assert set(gaps["county_code"]) == {c}
    assert set(zip(gaps["code"], gaps["status"], strict=True)) == _gap_names(demo_rows, 2021, c)


def test_a_scope_outside_the_choice_shows_nothing(demo_db):
    with demo_db.engine.connect() as conn:
        cs = queries.all_counties(conn)["code"].tolist()
        f = Filters(2020, counties=(cs[0],), scope=(cs[1],))
        assert queries.org_gaps(conn, f).empty
        assert queries.org_area_status(conn, f).empty
        assert queries.org_staffing(conn, Filters(2020, scope=(cs[1],)))["county_code"].isin([cs[1]]).all()


def test_area_status_for_the_map(demo_db, demo_rows):
    with demo_db.engine.connect() as conn:
        towns = queries.org_area_status(conn, Filters(2020))
        villages = queries.org_area_status(conn, Filters(2020), level="village")
    gaps = dict(_gap_names(demo_rows, 2020))
    assert len(towns) == 100 and towns["geometry"].notna().all()
    assert len(villages) == 1434 and villages["geometry"].isna().all()
    for df in (towns, villages):
        assert (df["status"] == df["code"].map(gaps).fillna("staffed")).all()
    # a township with no federation yet shows no date; one without staff shows no staff
    assert set(towns["status"]) == {"staffed", "no_staff", "none"}  # 2020 has gaps of both kinds
    assert towns.loc[towns["status"] == "none", "established_on"].isna().all()
    assert (towns.loc[towns["status"] != "staffed", "staff_count"] == 0).all()


def test_full_coverage_year(demo_db):
    with demo_db.engine.connect() as conn:
        full = queries.org_full_coverage(conn, Filters(2025)).set_index("measure")
        last_town = conn.execute(
            text("SELECT MAX(established_on) FROM org_units WHERE org_type = 'township_federation'")
        ).scalar()
    assert int(full.loc["township", "year"]) == int(str(last_town)[:4]) == 2024
    assert int(full["year"].max()) == 2025


def test_trend_2019_2025(demo_db, demo_rows):
    with demo_db.engine.connect() as conn:
        tr = queries.org_coverage_trend(conn, Filters(2025, year_from=2019))
    assert sorted(tr["year"].unique()) == list(range(2019, 2026))
    for y in (2019, 2022, 2025):
        want = _expected(demo_rows, y)
        got = tr[tr["year"] == y].set_index("measure")
        assert {m: int(got.loc[m, "covered"]) for m in want} == {m: v[0] for m, v in want.items()}


def test_staffing_matches_sql_and_the_work_summary(demo_db):
    with demo_db.engine.connect() as conn:
        st = queries.org_staffing(conn, Filters(2025, year_from=2019))
        sql = dict(
            conn.execute(
                text("SELECT post_kind, SUM(count) FROM staffing WHERE year BETWEEN 2019 AND 2025 GROUP BY post_kind")
            ).all()
        )
    assert st.groupby("post_kind")["count"].sum().to_dict() == {k: int(v) for k, v in sql.items()}
    y25 = st[st["year"] == 2025]
    got = y25.groupby(["level", "post_kind"])["count"].sum().to_dict()
    # the shared design §5 (docs/shared-design.md): city centre 5, county admin 3, 以钱养事 3, vice-chairs 10 (city and county)
    assert got[("city", "centre_posts")] == 5
    assert got[("county", "admin_posts")] == 3
    assert got[("city", "paid_hires")] == 3
    assert y25.loc[y25["post_kind"] == "vice_chairs", "count"].sum() == 10


def test_county_units_and_trend(demo_db, demo_rows):
    with demo_db.engine.connect() as conn:
        units = queries.org_county_units(conn, Filters(2025))
        trend = queries.org_county_units_trend(conn, Filters(2025, year_from=2019))
    kinds = {"party_group", "assoc_blind", "assoc_deaf", "assoc_physical", "assoc_intellectual", "assoc_mental"}
    want_units = [o for o in demo_rows.org_units if o["org_type"] in kinds]
    assert len(units) == len(want_units)
    for y in (2020, 2025):
        end = dt.date(y, 12, 31)
        for k in kinds:
            want = sum(1 for o in want_units if o["org_type"] == k and o["county_code"] and o["established_on"] <= end)
            got = trend[(trend["year"] == y) & (trend["org_type"] == k)]["count"].iloc[0]
            assert got == want, (y, k)
    assert (trend["counties"] == 8).all()
    assert trend[(trend["year"] == 2025) & (trend["org_type"] == "party_group")]["count"].iloc[0] == 8
