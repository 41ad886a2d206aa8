"""权益保障 datasets on SQLite, PostgreSQL and MariaDB, checked against hand-written SQL
and against the demo generator's rows (computed in Python, independently of SQL)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter

import pytest
from sqlalchemy import text

from data_access import queries
from data_access.filters import Filters
from data_access.queries.rights import median_from_histogram

RANGE = Filters(2025, year_from=2019)
CODES = ["rights_legal_aid", "rights_access_projects", "rights_infringement"]


def _county(conn, i: int = 2) -> str:
    return queries.all_counties(conn)["code"].iloc[i]


def test_2025_whole_city_is_the_work_summary(demo_db):
    with demo_db.engine.connect() as conn:
        k = queries.kpis(conn, Filters(2025), CODES).set_index("code")["value"]
        types = queries.legal_aid_by_type(conn, Filters(2025))
        agencies = queries.infringement_by_agency(conn, Filters(2025))
        access = queries.access_by_category(conn, Filters(2025))
    assert k.to_dict() == {"rights_legal_aid": 100, "rights_access_projects": 50, "rights_infringement": 20}
    assert types["cases"].sum() == 100
    assert agencies["cases"].sum() == 20
    assert access.loc[access["status"] == "已完成", "projects"].sum() == 50


def test_monthly_series_add_up_to_the_year(demo_db):
    with demo_db.engine.connect() as conn:
        monthly = queries.indicator_series(conn, RANGE, CODES, by=("year", "month"))
        yearly = queries.indicator_series(conn, RANGE, CODES, by=("year",))
    sums = monthly.groupby(["code", "year"])["value"].sum()
    for r in yearly.itertuples():
        assert sums[(r.code, r.year)] == pytest.approx(r.value), (r.code, r.year)
    assert set(monthly["month"]) <= set(range(1, 13))


def test_by_type_matches_sql_over_the_years(demo_db):
    with demo_db.engine.connect() as conn:
        got = queries.legal_aid_by_type(conn, RANGE)
        want = conn.execute(
            text(
                "SELECT year, case_type, COUNT(*) FROM legal_aid_cases WHERE year BETWEEN 2019 AND 2025 "
                "GROUP BY year, case_type"
            )
        ).all()
        yearly = queries.indicator_series(conn, RANGE, ["rights_legal_aid"]).set_index("year")["value"]
    assert {(r.year, r.case_type): r.cases for r in got.itertuples()} == {(y, c): n for y, c, n in want}
    assert set(got["case_type"]) == {"劳动争议", "交通事故", "婚姻家庭", "财产权益", "其他"}
    assert got.groupby("year")["cases"].sum().to_dict() == yearly.astype(int).to_dict()


def test_by_service_kind_matches_the_generator(demo_db, demo_rows):
    with demo_db.engine.connect() as conn:
        c = _county(conn)
        city = queries.legal_aid_by_service(conn, Filters(2025))
        one = queries.legal_aid_by_service(conn, Filters(2025, counties=(c,)))
    want = Counter(r["service_kind"] for r in demo_rows.legal_aid if r["year"] == 2025)
    assert dict(zip(city["service_kind"], city["cases"], strict=True)) == want
    want_c = Counter(r["service_kind"] for r in demo_rows.legal_aid if r["year"] == 2025 and r["county_code"] == c)
    assert dict(zip(one["service_kind"], one["cases"], strict=True)) == want_c


def _python_closing(rows, year, county=None):
    cases = [r for r in rows if r["year"] == year and (county is None or r["county_code"] == county)]
    closed = [(r["closed_on"] - r["opened_on"]).days for r in cases if r["status"] == "已结案"]
    return len(cases), len(closed), (statistics.median(closed) if closed else None)


def test_closing_and_median_days_match_the_generator(demo_db, demo_rows):
    with demo_db.engine.connect() as conn:
        got = queries.legal_aid_closing(conn, RANGE).set_index("year")
        c = _county(conn, 4)
        by_county = queries.legal_aid_closing(conn, Filters(2025), by=("county",)).set_index("county_code")
    assert list(got.index) == list(range(2019, 2026))
    for y in range(2019, 2026):
        accepted, closed, median = _python_closing(demo_rows.legal_aid, y)
        assert (got.loc[y, "accepted"], got.loc[y, "closed"]) == (accepted, closed), y
        assert got.loc[y, "median_days"] == pytest.approx(median), y
        assert got.loc[y, "closed_pct"] == pytest.approx(round(closed / accepted * 100, 1))
    accepted, closed, median = _python_closing(demo_rows.legal_aid, 2025, c)
    assert by_county.loc[c, "accepted"] == accepted and by_county.loc[c, "closed"] == closed
    assert by_county.loc[c, "median_days"] == pytest.approx(median)
    assert by_county["accepted"].sum() == 100


def test_days_histogram_is_aggregated_in_sql(demo_db):
    with demo_db.engine.connect() as conn:
        hist = queries.legal_aid_days_histogram(conn, Filters(2025))
        closed = conn.execute(
            text("SELECT COUNT(*) FROM legal_aid_cases WHERE year = 2025 AND status = '已结案'")
        ).scalar()
    assert hist["cases"].sum() == closed
    assert len(hist) < closed  # grouped by day values, not one row per case
    assert hist["days"].between(7, 120).all()  # the generator closes cases after 7–120 days


@pytest.mark.parametrize(
    ("days", "counts", "want"),
    [
        ([10], [1], 10),
        ([10, 20], [1, 1], 15),
        ([5, 9, 40], [2, 1, 2], 9),
        ([1, 2, 3, 4], [0, 2, 0, 2], 3),
        ([30, 10, 20], [1, 3, 1], 10),  # unsorted input
        ([], [], None),
    ],
)
def test_median_from_histogram(days, counts, want):
    values = [d for d, c in zip(days, counts, strict=True) for _ in range(c)]
    assert median_from_histogram(days, counts) == want
    if values:
        assert want == statistics.median(values)


def test_infringement_by_agency_matches_sql(demo_db):
    with demo_db.engine.connect() as conn:
        c = _county(conn, 6)
        f = Filters(2025, year_from=2021, counties=(c,))
        got = queries.infringement_by_agency(conn, f)
        want = conn.execute(
            text(
                "SELECT year, partner_agency, COUNT(*) FROM infringement_cases "
                "WHERE year BETWEEN 2021 AND 2025 AND county_code = :c GROUP BY year, partner_agency"
            ),
            {"c": c},
        ).all()
    assert {(r.year, r.partner_agency): r.cases for r in got.itertuples()} == {(y, a): n for y, a, n in want}
    assert len(got) > 0 and set(got["partner_agency"]) <= {"公安", "市场监管", "人社", "民政"}


def test_access_by_category_and_status_matches_sql(demo_db):
    with demo_db.engine.connect() as conn:
        got = queries.access_by_category(conn, Filters(2025))
        want = conn.execute(
            text(
                "SELECT category, status, COUNT(*), SUM(cost_wan) FROM accessibility_projects "
                "WHERE year = 2025 GROUP BY category, status"
            )
        ).all()
        trend = queries.access_by_category(conn, RANGE, trend=True)
        yearly = queries.indicator_series(conn, RANGE, ["rights_access_projects"]).set_index("year")["value"]
    assert {(r.category, r.status): r.projects for r in got.itertuples()} == {(c, s): n for c, s, n, _ in want}
    for r in got.itertuples():
        cost = next(float(x) for c, s, _, x in want if (c, s) == (r.category, r.status))
        assert r.cost_wan == pytest.approx(cost, abs=0.006)
    assert set(got["category"]) == {"公共建筑", "公共交通", "信息交流", "家庭无障碍"}
    assert got.loc[got["status"] == "实施中", "projects"].sum() == 15
    done = trend[trend["status"] == "已完成"].groupby("year")["projects"].sum()
    assert done.to_dict() == yearly.astype(int).to_dict()


def test_legal_aid_stations_in_place_at_year_end(demo_db, demo_rows):
    stations = [o for o in demo_rows.org_units if o["org_type"] == "legal_aid_station"]
    with demo_db.engine.connect() as conn:
        for y in (2020, 2025):
            got = queries.legal_aid_stations(conn, Filters(y))
            want = [s for s in stations if s["established_on"] <= dt.date(y, 12, 31)]
            assert len(got) == len(want)
            assert got["staff_count"].sum() == sum(s["staff_count"] for s in want)
        c = _county(conn, 0)
        one = queries.legal_aid_stations(conn, Filters(2025, counties=(c,)))
        city = queries.legal_aid_stations(conn, Filters(2025))
    assert list(one["county_code"]) == [c]
    assert "市本级" in set(city["county"])  # the city federation's own station


def test_counties_add_up_to_the_city(demo_db):
    with demo_db.engine.connect() as conn:
        table = queries.rights_by_county(conn, Filters(2025))
        city = queries.kpis(conn, Filters(2025), CODES).set_index("code")["value"]
        closing = queries.legal_aid_closing(conn, Filters(2025)).iloc[0]
        stations = queries.legal_aid_stations(conn, Filters(2025))
    assert "county_code" in table.columns
    assert len(table[table["county"] != "市本级"]) == 8
    for code in CODES:
        assert table[code].sum() == city[code], code
    assert table["closed"].sum() == closing["closed"]
    assert table["stations"].sum() == len(stations)


def test_one_county_and_scope(demo_db):
    with demo_db.engine.connect() as conn:
        mine, other = _county(conn, 0), _county(conn, 1)
        one = queries.rights_by_county(conn, Filters(2025, counties=(mine,)))
        n = conn.execute(
            text("SELECT COUNT(*) FROM legal_aid_cases WHERE year = 2025 AND county_code = :c"), {"c": mine}
        ).scalar()
        crafted = Filters(2025, counties=(other,), scope=(mine,))
        assert queries.legal_aid_by_type(conn, crafted).empty
        assert queries.infringement_by_agency(conn, crafted).empty
        assert queries.access_by_category(conn, crafted).empty
        assert queries.legal_aid_stations(conn, crafted).empty
        assert queries.legal_aid_closing(conn, crafted).empty
        assert queries.rights_by_county(conn, crafted).empty
        scoped = queries.rights_by_county(conn, Filters(2025, scope=(mine,)))
    assert list(one["county_code"]) == [mine] and one["rights_legal_aid"].iloc[0] == n
    assert list(scoped["county_code"]) == [mine]
