"""社会力量 datasets on SQLite, PostgreSQL and MariaDB, checked against hand-written SQL
and against the demo generator's rows."""

from __future__ import annotations

from collections import defaultdict

import pytest
from sqlalchemy import text

from data_access import queries
from data_access.filters import Filters

RANGE = Filters(2025, year_from=2019)
CODES = ["social_donations", "social_volunteers", "social_volunteer_hours"]


def _county(conn, i: int = 2) -> str:
    return queries.all_counties(conn)["code"].iloc[i]


def test_2025_whole_city_is_the_work_summary(demo_db):
    with demo_db.engine.connect() as conn:
        k = queries.kpis(conn, Filters(2025), CODES).set_index("code")["value"]
        partners = queries.volunteers_by_partner(conn, Filters(2025))
        donations = queries.donations_by_purpose(conn, Filters(2025))
    assert k.to_dict() == {"social_donations": 300, "social_volunteers": 500, "social_volunteer_hours": 10000}
    # partners follow the team rule, so they add up to the engine's figures
    assert partners["volunteers"].sum() == 500
    assert partners["hours"].sum() == pytest.approx(10000)
    assert donations["total_wan"].sum() == pytest.approx(300)


def test_monthly_hours_add_up_to_the_year(demo_db):
    with demo_db.engine.connect() as conn:
        monthly = queries.indicator_series(conn, RANGE, ["social_volunteer_hours"], by=("year", "month"))
        yearly = queries.indicator_series(conn, RANGE, ["social_volunteer_hours"]).set_index("year")["value"]
        people = queries.indicator_series(conn, Filters(2025), ["social_volunteers"], by=("month",))
    assert monthly.groupby("year")["value"].sum().to_dict() == pytest.approx(yearly.to_dict())
    # people serving in a month never exceed the year's volunteers (the team rule)
    assert len(people) == 12 and (people["value"] <= 500).all()


def test_volunteers_by_partner_match_the_generator(demo_db, demo_rows):
    with demo_db.engine.connect() as conn:
        c = _county(conn, 5)
        got = queries.volunteers_by_partner(conn, Filters(2024, year_from=2022, counties=(c,)), trend=True)
    peak, hours, teams = defaultdict(int), defaultdict(float), defaultdict(set)
    for r in demo_rows.volunteers:
        if 2022 <= r["year"] <= 2024 and r["county_code"] == c:
            key = (r["year"], r["partner_org"])
            peak[key + (r["team"],)] = max(peak[key + (r["team"],)], r["volunteers"])
            hours[key] += r["hours"]
            teams[key].add(r["team"])
    want_v = defaultdict(int)
    for (y, p, _team), v in peak.items():
        want_v[(y, p)] += v
    assert {(r.year, r.partner_org): r.volunteers for r in got.itertuples()} == dict(want_v)
    assert {(r.year, r.partner_org): r.hours for r in got.itertuples()} == pytest.approx(dict(hours))
    assert {(r.year, r.partner_org): r.teams for r in got.itertuples()} == {k: len(v) for k, v in teams.items()}


def test_counties_add_up_to_the_city(demo_db):
    with demo_db.engine.connect() as conn:
        table = queries.social_by_county(conn, Filters(2024))
        city = queries.kpis(conn, Filters(2024), CODES).set_index("code")["value"]
        c = _county(conn, 3)
        sql = conn.execute(
            text(
                "SELECT SUM(m) FROM (SELECT team, MAX(volunteers) AS m FROM volunteer_records "
                "WHERE year = 2024 AND county_code = :c GROUP BY team) t"
            ),
            {"c": c},
        ).scalar()
    assert "county_code" in table.columns and len(table) == 8
    assert table["volunteers"].sum() == city["social_volunteers"]
    assert table["hours"].sum() == pytest.approx(city["social_volunteer_hours"])
    assert table["donations"].sum() == pytest.approx(city["social_donations"], abs=0.01)
    assert table.set_index("county_code").loc[c, "volunteers"] == sql
    row = table.iloc[0]
    assert row["hours_per_volunteer"] == pytest.approx(round(row["hours"] / row["volunteers"], 1))


def test_donations_by_purpose_match_sql(demo_db):
    with demo_db.engine.connect() as conn:
        c = _county(conn, 7)
        got = queries.donations_by_purpose(conn, Filters(2025, year_from=2020, counties=(c,)))
        want = conn.execute(
            text(
                "SELECT year, purpose, COUNT(*), SUM(money_wan), SUM(goods_wan) FROM donations "
                "WHERE year BETWEEN 2020 AND 2025 AND county_code = :c GROUP BY year, purpose"
            ),
            {"c": c},
        ).all()
        yearly = queries.indicator_series(conn, RANGE, ["social_donations"]).set_index("year")["value"]
        all_years = queries.donations_by_purpose(conn, RANGE)
    assert len(got) == len(want)
    for y, p, n, money, goods in want:
        r = got[(got["year"] == y) & (got["purpose"] == p)].iloc[0]
        assert r["donations"] == n
        assert r["money_wan"] == pytest.approx(float(money), abs=0.006)
        assert r["goods_wan"] == pytest.approx(float(goods), abs=0.006)
    by_year = all_years.groupby("year")["total_wan"].sum()
    for y, v in yearly.items():
        assert by_year[y] == pytest.approx(v, abs=0.05), y


def test_timeline_lists_campaigns_and_the_2025_lectures(demo_db, demo_rows):
    with demo_db.engine.connect() as conn:
        got = queries.outreach_timeline(conn, Filters(2025))
        trend = queries.outreach_timeline(conn, RANGE)
        one_county = queries.outreach_timeline(conn, Filters(2025, counties=(_county(conn),)))
    lectures = got[got["kind"] == "lecture"]
    assert list(lectures["title"]) == [
        "不断增强法治意识，加快推进残疾人事业高质量发展",
        "学习贯彻习近平法治思想，落实残疾人保障法",
    ]
    assert list(lectures["speaker"]) == ["党组书记、理事长", "市委党校教授"]
    assert [str(d) for d in lectures["held_on"]] == ["2025-04-18", "2025-10-16"]
    campaigns = got[got["kind"] == "campaign"]["title"]
    assert any("全国助残日" in t for t in campaigns) and any("国际残疾人日" in t for t in campaigns)
    want = [a for a in demo_rows.activities if a["kind"] in ("campaign", "lecture")]
    assert len(trend) == len(want)
    assert trend["participants"].sum() == sum(a["participants"] for a in want)
    assert list(trend["held_on"]) == sorted(trend["held_on"])
    assert set(got["county"]) == {"市本级"}
    # the city federation's own events have no county: a county's view does not list them
    assert one_county.empty


def test_scope_cannot_be_widened(demo_db):
    with demo_db.engine.connect() as conn:
        mine, other = _county(conn, 0), _county(conn, 1)
        crafted = Filters(2025, counties=(other,), scope=(mine,))
        assert queries.volunteers_by_partner(conn, crafted).empty
        assert queries.donations_by_purpose(conn, crafted).empty
        assert queries.outreach_timeline(conn, crafted).empty
        assert queries.social_by_county(conn, crafted).empty
        scoped = queries.social_by_county(conn, Filters(2025, scope=(mine,)))
    assert list(scoped["county_code"]) == [mine]
