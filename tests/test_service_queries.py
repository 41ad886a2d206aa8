"""The Service delivery page's datasets on SQLite, PostgreSQL and MariaDB, checked against the
work summary's figures and against independent hand-written SQL and pandas."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import insert, text

from data_access import queries
from data_access.filters import Filters
from data_access.models import Area, IndicatorValue

# the shared design §5 (docs/shared-design.md; 2025, whole city) for the four parts, plus the two figures the generator fixes itself
DESIGN_2025 = {
    "rehab": {
        "rehab_funds": 2036,
        "rehab_centres": 10,
        "rehab_beds": 200,
        "rehab_trainings": 108,
        "rehab_beneficiaries": 10000,
    },
    "employment": {"emp_new": 1000, "emp_self": 100, "emp_training": 1500, "emp_loan_subsidy": 36.5},
    "education": {"edu_students": 200, "edu_aid": 50},
    "culture": {"culture_events": 50, "culture_participants": 5000},
}
SUM_CODES = [c for part in DESIGN_2025.values() for c in part]
# the SQL that gives a sum indicator by county, written by hand
COUNTY_SQL = {
    "culture_events": "SELECT county_code, COUNT(*) FROM activities WHERE kind='culture_sport' AND year=:y "
    "GROUP BY county_code",
    "culture_participants": "SELECT county_code, SUM(participants) FROM activities WHERE kind='culture_sport' "
    "AND year=:y GROUP BY county_code",
}


def county_sql(conn, code: str, year: int) -> pd.Series:
    q = COUNTY_SQL.get(
        code,
        "SELECT county_code, SUM(value) FROM indicator_values WHERE indicator_code=:c AND year=:y GROUP BY county_code",
    )
    rows = conn.execute(text(q), {"c": code, "y": year}).all()
    return pd.Series({r[0]: float(r[1]) for r in rows})


def registered(conn, level: str = "county") -> pd.Series:
    rows = conn.execute(text("SELECT code, disabled_registered FROM areas WHERE level=:l"), {"l": level}).all()
    return pd.Series({r[0]: float(r[1]) for r in rows})


def test_the_four_parts_list_the_dictionarys_shown_indicators(demo_db):
    with demo_db.engine.connect() as conn:
        for topic in DESIGN_2025:
            got = queries.service_indicators(conn, Filters(2025), topic)
            want = [
                r[0]
                for r in conn.execute(
                    text("SELECT code FROM indicators WHERE topic=:t AND visible=1 ORDER BY sort"), {"t": topic}
                )
            ]
            assert list(got["code"]) == want
            assert set(DESIGN_2025[topic]) <= set(got["code"])
        emp = queries.service_indicators(conn, Filters(2025), "employment").set_index("code")
        edu = queries.service_indicators(conn, Filters(2025), "education").set_index("code")
    # parts of ratios are not shown on their own
    assert "emp_income_total" not in emp.index and "edu_school_age" not in edu.index
    assert "edu_enrol_rate" in edu.index and "emp_income_growth" in emp.index
    # "其中自主创业" is told as a part of new employment
    assert emp.loc["emp_self", "part_of"] == "emp_new"
    assert pd.isna(emp.loc["emp_new", "part_of"])
    # rates are never divided by population
    assert not emp.loc["emp_income_growth", "per_capita_ok"] and not edu.loc["edu_enrol_rate", "per_capita_ok"]
    assert emp.loc["emp_new", "per_capita_ok"]


def test_2025_whole_city_is_the_work_summary(demo_db):
    with demo_db.engine.connect() as conn:
        k = queries.kpis(conn, Filters(2025), SUM_CODES + ["emp_income_growth"]).set_index("code")["value"]
    for part in DESIGN_2025.values():
        for code, want in part.items():
            assert k[code] == pytest.approx(want), code
    assert round(k["emp_income_growth"], 1) == 10.0


@pytest.mark.parametrize("year", [2025, 2022])
def test_counties_match_hand_written_sql_and_add_up_to_the_city(demo_db, year):
    with demo_db.engine.connect() as conn:
        city = queries.kpis(conn, Filters(year), SUM_CODES).set_index("code")["value"]
        for code in SUM_CODES:
            got = queries.service_by_area(conn, Filters(year), code).set_index("county_code")
            want = county_sql(conn, code, year)
            prev = county_sql(conn, code, year - 1)
            assert len(got) == 8, code
            for c, v in want.items():
                assert got.loc[c, "value"] == pytest.approx(v), (code, c)
                assert got.loc[c, "previous"] == pytest.approx(prev.get(c, 0.0)), (code, c)
            assert got["value"].sum() == pytest.approx(city[code]), code


def test_per_1000_registered_disabled_persons(demo_db):
    with demo_db.engine.connect() as conn:
        reg = registered(conn)
        for code in ("emp_new", "rehab_funds", "culture_participants"):
            got = queries.service_by_area(conn, Filters(2025), code).set_index("county_code")
            want = county_sql(conn, code, 2025)
            for c in reg.index:
                assert got.loc[c, "disabled_registered"] == reg[c]
                assert got.loc[c, "per_1000"] == pytest.approx(want.get(c, 0.0) / reg[c] * 1000)
        # large and small counties: the per-1,000 order is not simply the order of the totals
        emp = queries.service_by_area(conn, Filters(2025), "emp_new")
        assert list(emp.sort_values("value")["county_code"]) != list(emp.sort_values("per_1000")["county_code"])
        # rates are not divided by population
        rate = queries.service_by_area(conn, Filters(2025), "edu_enrol_rate")
        assert rate["per_1000"].isna().all() and rate["value"].notna().all()


def test_rates_by_county_come_from_their_parts_and_are_not_summed(demo_db):
    with demo_db.engine.connect() as conn:
        got = queries.service_by_area(conn, Filters(2025), "edu_enrol_rate").set_index("county_code")["value"]
        city = queries.kpis(conn, Filters(2025), ["edu_enrol_rate"]).set_index("code").loc["edu_enrol_rate", "value"]
        parts = pd.DataFrame(
            conn.execute(
                text(
                    "SELECT county_code, indicator_code, SUM(value) FROM indicator_values WHERE year=2025 "
                    "AND indicator_code IN ('edu_enrolled','edu_school_age') GROUP BY county_code, indicator_code"
                )
            ).all(),
            columns=["county", "code", "value"],
        ).pivot(index="county", columns="code", values="value")
        growth = queries.service_by_area(conn, Filters(2025), "emp_income_growth").set_index("county_code")
        inc = pd.DataFrame(
            conn.execute(
                text(
                    "SELECT county_code, year, indicator_code, SUM(value) FROM indicator_values WHERE year IN "
                    "(2023, 2024, 2025) AND indicator_code IN ('emp_income_total','emp_income_persons') "
                    "GROUP BY county_code, year, indicator_code"
                )
            ).all(),
            columns=["county", "year", "code", "value"],
        ).pivot(index=["county", "year"], columns="code", values="value")
    want = parts["edu_enrolled"].astype(float) / parts["edu_school_age"].astype(float) * 100
    for c, v in want.items():
        assert got[c] == pytest.approx(v)
    assert city == pytest.approx(parts["edu_enrolled"].sum() / parts["edu_school_age"].sum() * 100)
    assert got.sum() > 700  # adding the counties' rates would give 8 × ~99 %, not a rate
    pc = inc["emp_income_total"].astype(float) / inc["emp_income_persons"].astype(float)
    for c in growth.index:
        assert growth.loc[c, "value"] == pytest.approx((pc[(c, 2025)] / pc[(c, 2024)] - 1) * 100)
        assert growth.loc[c, "previous"] == pytest.approx((pc[(c, 2024)] / pc[(c, 2023)] - 1) * 100)
    assert abs(growth["value"].sum() - 10.0) > 1


def test_one_county_drills_down_to_its_townships(demo_db):
    with demo_db.engine.connect() as conn:
        c = queries.all_counties(conn)["code"].iloc[4]
        f = Filters(2025, counties=(c,))
        towns = queries.service_by_area(conn, f, "emp_new", level="township").set_index("township_code")
        want = dict(
            conn.execute(
                text(
                    "SELECT township_code, SUM(value) FROM indicator_values WHERE indicator_code='emp_new' "
                    "AND year=2025 AND county_code=:c GROUP BY township_code"
                ),
                {"c": c},
            ).all()
        )
        n_towns = conn.execute(
            text("SELECT COUNT(*) FROM areas WHERE level='township' AND county_code=:c"), {"c": c}
        ).scalar()
        reg = registered(conn, "township")
        county_value = queries.kpis(conn, f, ["emp_new"]).loc[0, "value"]
        events = queries.service_by_area(conn, f, "culture_events", level="township")
        n_events = conn.execute(
            text("SELECT COUNT(*) FROM activities WHERE kind='culture_sport' AND year=2025 AND county_code=:c"),
            {"c": c},
        ).scalar()
        # reported by county only: no townships to show
        assert queries.service_by_area(conn, f, "rehab_funds", level="township").empty
        assert queries.service_by_area(conn, f, "edu_enrol_rate", level="township").empty
    assert len(towns) == n_towns and (towns["county_code"] == c).all()
    for t, v in want.items():
        assert towns.loc[t, "value"] == pytest.approx(float(v))
        assert towns.loc[t, "per_1000"] == pytest.approx(float(v) / reg[t] * 1000)
    assert towns["value"].sum() == pytest.approx(county_value)
    # townships without an event show 0, and all events are there
    assert len(events) == n_towns and events["value"].sum() == n_events


def test_monthly_cumulative_against_last_year(demo_db):
    with demo_db.engine.connect() as conn:
        c = queries.all_counties(conn)["code"].iloc[1]
        for f in (Filters(2025), Filters(2024, counties=(c,))):
            got = queries.service_monthly(conn, f, "emp_new")
            cond = "" if not f.counties else "AND county_code=:c"
            rows = conn.execute(
                text(
                    "SELECT year, month, SUM(value) FROM indicator_values WHERE indicator_code='emp_new' "
                    f"AND year IN (:y0, :y1) {cond} GROUP BY year, month ORDER BY year, month"
                ),
                {"y0": f.year - 1, "y1": f.year, "c": c},
            ).all()
            want = pd.DataFrame(rows, columns=["year", "month", "value"]).astype(float)
            want["cumulative"] = want.groupby("year")["value"].cumsum()
            assert list(got["year"]) == [f.year - 1] * 12 + [f.year] * 12
            assert list(got["month"]) == list(range(1, 13)) * 2
            assert got["value"].tolist() == pytest.approx(want["value"].tolist())
            assert got["cumulative"].tolist() == pytest.approx(want["cumulative"].tolist())
            year_total = queries.kpis(conn, f, ["emp_new"]).loc[0, "value"]
            assert got[got["year"] == f.year]["cumulative"].iloc[-1] == pytest.approx(year_total)
        city = queries.service_monthly(conn, Filters(2025), "culture_participants")
        assert city[city["year"] == 2025]["cumulative"].iloc[-1] == 5000
        # yearly figures and rates have no monthly progress (a rate is never cumulated)
        assert queries.service_monthly(conn, Filters(2025), "edu_enrol_rate").empty
        assert queries.service_monthly(conn, Filters(2025), "emp_income_growth").empty


def test_monthly_cumulative_of_a_year_under_way(empty_db):
    """A month without records counts 0; the selected year stops at its last reported month."""
    county, town = "990101000000", "990101001000"
    with empty_db.engine.begin() as conn:
        conn.execute(
            insert(Area),
            [
                dict(code=county, name="甲县", level="county", kind="县", county_code=county, disabled_registered=2000),
                dict(
                    code=town,
                    name="乙镇",
                    level="township",
                    kind="镇",
                    parent_code=county,
                    county_code=county,
                    township_code=town,
                    disabled_registered=500,
                ),
            ],
        )
        rows = [(2024, m, 10.0) for m in range(1, 13)] + [(2025, 1, 5.0), (2025, 2, 7.0), (2025, 4, 9.0)]
        conn.execute(
            insert(IndicatorValue),
            [
                dict(
                    indicator_code="emp_new",
                    area_code=town,
                    county_code=county,
                    township_code=town,
                    year=y,
                    month=m,
                    value=v,
                )
                for y, m, v in rows
            ],
        )
    with empty_db.engine.connect() as conn:
        got = queries.service_monthly(conn, Filters(2025), "emp_new")
        by_area = queries.service_by_area(conn, Filters(2025), "emp_new").set_index("county_code")
    cur = got[got["year"] == 2025]
    assert cur["month"].tolist() == [1, 2, 3, 4]
    assert cur["value"].tolist() == [5, 7, 0, 9]
    assert cur["cumulative"].tolist() == [5, 12, 12, 21]
    assert got[got["year"] == 2024]["cumulative"].tolist() == [10.0 * m for m in range(1, 13)]
    assert by_area.loc[county, "value"] == 21 and by_area.loc[county, "previous"] == 120
    assert by_area.loc[county, "per_1000"] == pytest.approx(21 / 2000 * 1000)


def test_scope_is_applied_in_sql(demo_db):
    with demo_db.engine.connect() as conn:
        codes = list(queries.all_counties(conn)["code"])
        mine, other = codes[0], codes[1]
        scoped = queries.service_by_area(conn, Filters(2025, scope=(mine,)), "emp_new")
        assert list(scoped["county_code"]) == [mine]
        crafted = Filters(2025, counties=(other,), scope=(mine,))
        assert queries.service_by_area(conn, crafted, "emp_new")["value"].fillna(0).sum() == 0
        assert queries.service_by_area(conn, crafted, "emp_new", level="township").empty
        assert queries.service_monthly(conn, crafted, "emp_new").empty
