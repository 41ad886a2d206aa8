"""The query layer on SQLite, PostgreSQL and MariaDB, checked against the work summary's
figures and against independent hand-written SQL."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import text

from data_access import catalog, queries
from data_access.filters import Filters

# the shared design §5 (docs/shared-design.md; whole city, 2025), in the dictionary's units
DESIGN_2025 = {
    "org_township_coverage": 100.0,
    "org_village_coverage": 100.0,
    "rehab_funds": 2036,
    "rehab_centres": 10,
    "rehab_beds": 200,
    "rehab_trainings": 108,
    "rehab_beneficiaries": 10000,
    "emp_new": 1000,
    "emp_self": 100,
    "emp_income_growth": 10.0,
    "edu_students": 200,
    "edu_aid": 50,
    "culture_events": 50,
    "culture_participants": 5000,
    "rights_legal_aid": 100,
    "rights_access_projects": 50,
    "rights_infringement": 20,
    "social_donations": 300,
    "social_volunteers": 500,
    "social_volunteer_hours": 10000,
}
SUMS = [c for c in catalog.OVERVIEW_CODES if catalog.BY_CODE[c].aggregation == "sum"]


def test_overview_2025_whole_city_is_the_work_summary(demo_db):
    with demo_db.engine.connect() as conn:
        k = queries.kpis(conn, Filters(2025), catalog.OVERVIEW_CODES).set_index("code")
    got = {c: round(float(k.loc[c, "value"]), 6) for c in catalog.OVERVIEW_CODES}
    assert got == DESIGN_2025


def test_counties_add_up_to_the_city_for_sums(demo_db):
    with demo_db.engine.connect() as conn:
        city = queries.kpis(conn, Filters(2025), SUMS).set_index("code")["value"]
        by_county = queries.county_table(conn, Filters(2025), SUMS)
    assert len(by_county) == 8
    for code in SUMS:
        assert by_county[code].sum() == pytest.approx(city[code]), code


def test_one_county_shows_its_own_figures(demo_db):
    with demo_db.engine.connect() as conn:
        counties = queries.all_counties(conn)
        c = counties["code"].iloc[2]
        one = queries.kpis(conn, Filters(2025, counties=(c,)), SUMS).set_index("code")["value"]
        table = queries.county_table(conn, Filters(2025), SUMS).set_index("county")
        name = counties.set_index("code").loc[c, "name"]
        legal = conn.execute(
            text("SELECT COUNT(*) FROM legal_aid_cases WHERE year = 2025 AND county_code = :c"), {"c": c}
        ).scalar()
    for code in SUMS:
        assert one[code] == pytest.approx(table.loc[name, code])
    assert one["rights_legal_aid"] == legal


def test_2024_matches_hand_written_sql(demo_db):
    with demo_db.engine.connect() as conn:
        k = queries.kpis(conn, Filters(2024), SUMS + ["social_volunteers", "org_village_coverage"])
        k = k.set_index("code")["value"]
        sql = {
            "rehab_funds": "SELECT SUM(value) FROM indicator_values WHERE indicator_code='rehab_funds' AND year=2024",
            "emp_new": "SELECT SUM(value) FROM indicator_values WHERE indicator_code='emp_new' AND year=2024",
            "rights_access_projects": "SELECT COUNT(*) FROM accessibility_projects WHERE year=2024 AND status='已完成'",
            "social_donations": "SELECT SUM(money_wan + goods_wan) FROM donations WHERE year=2024",
            "social_volunteers": "SELECT SUM(m) FROM (SELECT team, MAX(volunteers) AS m FROM volunteer_records "
            "WHERE year=2024 GROUP BY team) t",
        }
        for code, q in sql.items():
            assert k[code] == pytest.approx(float(conn.execute(text(q)).scalar())), code
        vill = conn.execute(text("SELECT COUNT(*) FROM areas WHERE level='village'")).scalar()
        covered = conn.execute(
            text("SELECT COUNT(*) FROM org_units WHERE org_type='village_association' AND established_on <= :d"),
            {"d": "2024-12-31"},
        ).scalar()
    assert k["org_village_coverage"] == pytest.approx(covered / vill * 100)
    assert k["org_village_coverage"] < 100


def test_change_against_previous_year(demo_db):
    with demo_db.engine.connect() as conn:
        k = queries.kpis(conn, Filters(2025), ["emp_new", "org_village_coverage"]).set_index("code")
        prev = queries.kpis(conn, Filters(2024), ["emp_new"]).set_index("code")
    assert k.loc["emp_new", "previous"] == prev.loc["emp_new", "value"]
    assert k.loc["emp_new", "change"] == 1000 - prev.loc["emp_new", "value"]
    assert k.loc["emp_new", "change_pct"] == pytest.approx((1000 / prev.loc["emp_new", "value"] - 1) * 100)
    assert pd.isna(k.loc["org_village_coverage", "change_pct"])  # a rate's change is in points


def test_rates_are_computed_from_parts_not_summed(demo_db):
    with demo_db.engine.connect() as conn:
        by_county = queries.indicator_series(
            conn, Filters(2025), ["emp_income_growth", "edu_enrol_rate"], by=("county",)
        )
        parts = queries.indicator_series(conn, Filters(2025), ["edu_enrolled", "edu_school_age"], by=())
        city = queries.indicator_series(conn, Filters(2025), ["edu_enrol_rate"], by=()).set_index("code")["value"]
    g = by_county[by_county.code == "emp_income_growth"]["value"]
    assert len(g) == 8 and abs(g.sum() - 10.0) > 1  # adding the counties' rates would be wrong
    p = parts.set_index("code")["value"]
    assert city["edu_enrol_rate"] == pytest.approx(p["edu_enrolled"] / p["edu_school_age"] * 100)


def test_scope_narrows_and_cannot_be_widened(demo_db):
    with demo_db.engine.connect() as conn:
        codes = list(queries.all_counties(conn)["code"])
        mine, other = codes[0], codes[1]
        scoped = Filters(2025, scope=(mine,))
        table = queries.county_table(conn, scoped, SUMS)
        assert list(table["county"]) == [queries.all_counties(conn).set_index("code").loc[mine, "name"]]
        # a crafted choice of another county shows nothing of it
        crafted = queries.kpis(conn, Filters(2025, counties=(other,), scope=(mine,)), SUMS)
        assert crafted["value"].isna().all() or (crafted["value"].fillna(0) == 0).all()
        assert list(queries.all_counties(conn, (mine,))["code"]) == [mine]


def test_trend_over_years(demo_db):
    with demo_db.engine.connect() as conn:
        s = queries.indicator_series(conn, Filters(2025, year_from=2019), ["emp_new", "org_township_coverage"])
    emp = s[s.code == "emp_new"].set_index("year")["value"]
    assert list(emp.index) == list(range(2019, 2026)) and emp[2025] == 1000
    cov = s[s.code == "org_township_coverage"].set_index("year")["value"]
    assert cov[2019] < cov[2022] < 100 and cov[2025] == 100
