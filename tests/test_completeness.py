"""Completeness on the gaps city (tests/gaps.py), on SQLite and PostgreSQL: which counties a
figure covers, missing kept apart from zero, changes like for like (issue 27)."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from data_access.complete_figures import county_values, like_for_like
from data_access.completeness import completeness
from data_access.filters import Filters
from tests import gaps


def test_a_county_without_the_years_data_is_missing_not_zero(gaps_db):
    with gaps_db.engine.connect() as conn:
        cov = completeness(conn, Filters(2025), "rehab_funds")
        assert cov.missing == (gaps.NO_DATA,)
        assert cov.label("zh") == "7/8 县(区)" and cov.label("en") == "7/8 counties"
        assert cov.missing_names("zh") == gaps.NO_DATA_NAME
        rows = county_values(conn, Filters(2025), gaps.ZERO_CODE).set_index("county")
    assert math.isnan(rows.loc[gaps.NO_DATA_NAME, "value"]) and rows.loc[gaps.NO_DATA_NAME, "status"] == "missing"
    # the reported zero is a zero, and present
    assert rows.loc[gaps.ZERO_NAME, "value"] == 0 and rows.loc[gaps.ZERO_NAME, "status"] == "present"
    # the deleted month makes a partial year
    assert rows.loc[gaps.DELETED_MONTH_NAME, "status"] == "partial"


def test_a_deleted_month_is_a_gap_of_that_county(gaps_db):
    with gaps_db.engine.connect() as conn:
        cov = completeness(conn, Filters(2025), "rights_legal_aid")
    assert cov.partial == (gaps.DELETED_MONTH[0],) and cov.gaps[gaps.DELETED_MONTH[0]] == (3,)


def test_the_change_of_a_partial_total_is_like_for_like(gaps_db):
    with gaps_db.engine.connect() as conn:
        ch = like_for_like(conn, Filters(2025), "emp_new")
        growth = like_for_like(conn, Filters(2025), "emp_income_growth")
    # the county without data and the one with a month not delivered are left out, and named
    assert ch.left_out == (gaps.NO_DATA, gaps.DELETED_MONTH[0])
    assert ch.left_out_names() == f"{gaps.NO_DATA_NAME}、{gaps.DELETED_MONTH_NAME}"
    # the six counties complete in both years: not the full 2024 total against seven counties
    assert ch.previous_cmp < ch.previous and ch.change == ch.value_cmp - ch.previous_cmp
    assert round(ch.change_pct, 1) == round((ch.value_cmp / ch.previous_cmp - 1) * 100, 1) > 0
    # income growth over the seven counties that reported both years (issue: 10.2 %, not 6 %)
    assert round(growth.value, 1) == 10.2


def test_a_new_year_without_data_is_missing_everywhere_but_one_county(gaps_db):
    with gaps_db.engine.connect() as conn:
        cov = completeness(conn, Filters(2026), "rehab_funds", as_of=dt.date(2026, 12, 7))
        legal = completeness(conn, Filters(2026), "rights_legal_aid")
    # its one legal-aid case is no report of its rehabilitation funds (nothing was submitted)
    assert cov.present == () and len(cov.missing) == 8
    assert cov.through == 11  # asked in December 2026: November is the last month due
    assert legal.label("zh") == "1/8 县(区)"


def test_the_demo_city_is_complete(demo_db):
    with demo_db.engine.connect() as conn:
        for code in ("rehab_funds", "rights_legal_aid", "emp_income_growth", "org_village_coverage", "staffing"):
            cov = completeness(conn, Filters(2025), code)
            assert cov.is_complete and cov.label("zh") == "" and len(cov.present) == 8, code
        ch = like_for_like(conn, Filters(2025), "emp_new")
    assert ch.left_out == () and ch.value == 1000 and ch.change == ch.value - ch.previous


def test_the_figures_command_marks_partial_totals_and_says_the_date(gaps_db):
    from data_access.__main__ import overview_figures
    from data_access.complete_figures import data_status

    with gaps_db.engine.connect() as conn:
        figs = overview_figures(conn, Filters(2025), ["emp_new", "rehab_funds", "rehab_beds"])
        empty = overview_figures(conn, Filters(2026), ["emp_income_growth", "social_volunteers"])
        ds = data_status(conn, Filters(2025))
    emp = figs["emp_new"]
    assert emp["value"] == 867 and emp["coverage"] == "7/8 县(区)" and emp["missing"] == gaps.NO_DATA_NAME
    assert emp["compared_counties"] == 6 and emp["left_out"] == "安平县、永和县"
    assert figs["rehab_funds"]["doubt"] == "青林县12月"
    # 2026: nothing is last year's; a figure no county reported is None, never 0
    assert empty["emp_income_growth"]["value"] is None
    assert ds.as_of_text() == "数据截至2025年12月（2026年1月31日更新）" and ds.missing == (gaps.NO_DATA_NAME,)


def test_the_deck_data_leaves_out_counties_not_reported_and_never_crowns_a_doubt(gaps_db):
    from reporting.data import gather

    with gaps_db.engine.connect() as conn:
        d = gather(conn, Filters(2025))
    funds = d.areas_of("rehab_funds")
    assert gaps.NO_DATA_NAME not in set(funds["area_name"])
    assert funds["area_name"].iloc[0] != gaps.OUTLIER_NAME  # the ×10,000 December is not the top county
    assert funds.set_index("area_name").loc[gaps.OUTLIER_NAME, "doubt"]
    assert d.coverage_label("emp_new", "zh") == "7/8 县(区)" and d.missing_names("emp_new", "zh") == gaps.NO_DATA_NAME
    assert d.value("emp_new") == 867


def test_a_city_load_without_submission_is_loaded_not_missing(gaps_db):
    from data_access import queries

    with gaps_db.engine.connect() as conn:
        s = queries.quality_status(conn, Filters(2026), "monthly", dt.date(2026, 12, 7))
        old = queries.quality_status(conn, Filters(2025), "monthly", dt.date(2026, 12, 7))
    jan = s[(s["county_code"] == gaps.NEW_YEAR_COUNTY) & (s["period_no"] == 1)].iloc[0]
    assert jan["status"] == "loaded"  # ✓ 已导入 on the page
    # a county that submits: a period it did not submit is missing, rows or not (长宁县's November)
    nov = old[(old["county"] == "长宁县") & (old["period_no"] == 11)].iloc[0]
    assert nov["status"] == "missing"


def test_the_report_and_period_a_file_holds_are_proposed():
    from data_access.quality.defaults import DEFAULT_REPORTS
    from data_access.quality.periods import ReportDef
    from data_access.quality.suggest import suggest_submission

    reps = [
        ReportDef(r["code"], r["name_zh"], tuple(r["covers"].split(",")), r["period"], r["deadline_days"], r["level"])
        for r in DEFAULT_REPORTS
    ]
    one = suggest_submission("indicator_values", ((2025, 3),), reps)
    assert (one.report, one.period, one.label) == ("monthly", (2025, 3), "2025年3月")
    year = suggest_submission("indicator_values", ((2025, 0),), reps)
    assert (year.report, year.period) == ("annual", (2025, None))
    many = suggest_submission("legal_aid", tuple((2025, m) for m in range(1, 13)), reps)
    assert many.report is None and many.n_periods == 12 and many.label == "2025年1月—2025年12月"


def test_the_assessment_rule_for_missing_figures_is_declared(gaps_db):
    from data_access import queries
    from data_access.plan import parse_missing_rule, set_missing_rule

    with gaps_db.engine.begin() as conn:
        set_missing_rule(conn, "deduct=0.5")
        ranking = queries.assessment_ranking(conn, Filters(2025))
        unranked = queries.assessment_unranked(conn, Filters(2025))
        scores = queries.assessment_scores(conn, Filters(2025))
        set_missing_rule(conn, "exclude")
        excluded = queries.assessment_unranked(conn, Filters(2025))
    assert unranked.empty and gaps.NO_DATA_NAME in set(ranking["county_name"])
    row = scores[(scores["county_code"] == gaps.NO_DATA) & (scores["code"] == "emp_new")].iloc[0]
    assert row["points"] == 15 and row["reason"] == "新增残疾人就业未报送，按规定扣 15 分"
    assert list(excluded["county_name"]) == [gaps.NO_DATA_NAME, gaps.DELETED_MONTH_NAME]
    with pytest.raises(ValueError, match="不是有效的未报送考核规则"):
        parse_missing_rule("maybe")
