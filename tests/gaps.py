"""The demo city with the gaps of a real federation (issue 27): what every figure, sentence,
slide and score must be right about when data is incomplete.

Built from the demo city in one transaction, then finished like a load (summaries, data
version), so pages read it as they read any city:

* ``NO_DATA`` (安平县) has no 2025 data at all: every 2025 fact and 2025 submission of it is
  deleted (its organisations, a stock, stay).
* ``ZERO`` (东林区) reported zero new rehabilitation beds in 2025: its ``rehab_beds`` rows of
  2025 are kept, with value 0 (a true zero, submitted).
* ``DELETED_MONTH`` (永和县) has no March 2025: its rows of that month and its March 月报
  submission are gone (a partial year).
* a tie: 临江县 and 长宁县 investigated the most infringement cases in 2025, 4 each (the demo's
  own); legal aid: November and December 2025 both 13 cases in the demo (as built, see
  ``TIES`` for what the fixture holds).
* ``OUTLIER``: 青林县's December 2025 ``rehab_funds`` typed 10,000 times too large.
* ``NEW_YEAR`` 2026 has begun with one legal-aid case of 中江区 in January (so the year is
  offered) and nothing else: every other county and kind is missing.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, delete, insert, select, update

from data_access.demo import load_demo
from data_access.finish import Audit, Touched, finish_load
from data_access.models import (
    EVENT_MODELS,
    IndicatorValue,
    LegalAidCase,
    Staffing,
    Submission,
)

NO_DATA = "990105000000"  # 安平县
NO_DATA_NAME = "安平县"
ZERO = "990102000000"  # 东林区
ZERO_NAME = "东林区"
ZERO_CODE = "rehab_beds"
DELETED_MONTH = ("990106000000", 3)  # 永和县, March
DELETED_MONTH_NAME = "永和县"
OUTLIER = ("990103000000", "rehab_funds", 12, 10_000)  # 青林县, December, ×10,000
OUTLIER_NAME = "青林县"
TIE = ("990107000000", "990108000000")  # 临江县, 长宁县: infringement 2025, 4 each
YEAR = 2025
NEW_YEAR = 2026
NEW_YEAR_COUNTY = "990101000000"  # 中江区


def make_gaps(engine: Engine) -> None:
    """Load the demo city into an empty database, then open the gaps above."""
    load_demo(engine)
    with engine.begin() as conn:
        # a county with no data for the year
        for model in (IndicatorValue, *EVENT_MODELS, Staffing):
            conn.execute(delete(model).where(model.county_code == NO_DATA, model.year == YEAR))
        conn.execute(delete(Submission).where(Submission.area_code == NO_DATA, Submission.year == YEAR))
        # a reported zero
        iv = IndicatorValue
        conn.execute(
            update(iv).where(iv.county_code == ZERO, iv.year == YEAR, iv.indicator_code == ZERO_CODE).values(value=0.0)
        )
        # a deleted month
        county, month = DELETED_MONTH
        for model in (IndicatorValue, *EVENT_MODELS):
            conn.execute(delete(model).where(model.county_code == county, model.year == YEAR, model.month == month))
        conn.execute(
            delete(Submission).where(
                Submission.area_code == county,
                Submission.year == YEAR,
                Submission.report_code == "monthly",
                Submission.period_no == month,
            )
        )
        # an outlier
        county, code, month, factor = OUTLIER
        conn.execute(
            update(iv)
            .where(iv.county_code == county, iv.year == YEAR, iv.indicator_code == code, iv.month == month)
            .values(value=iv.value * factor)
        )
        # a new year that has just begun: one case
        area = conn.execute(
            select(LegalAidCase.area_code, LegalAidCase.township_code).where(
                LegalAidCase.county_code == NEW_YEAR_COUNTY
            )
        ).first()
        conn.execute(
            insert(LegalAidCase).values(
                area_code=area.area_code,
                county_code=NEW_YEAR_COUNTY,
                township_code=area.township_code,
                year=NEW_YEAR,
                month=1,
                case_no="GAPS-2026-0001",
                case_type="劳动争议",
                service_kind="咨询",
                opened_on=dt.date(NEW_YEAR, 1, 15),
                closed_on=None,
                status="办理中",
            )
        )
        finish_load(conn, Touched.all(), Audit("system", "gaps_fixture", "tests/gaps.py"))
