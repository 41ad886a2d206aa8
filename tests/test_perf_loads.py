"""A load's finish step: it rewrites only the summary slices the load touched, the figures
after it are those of a full rebuild, and two loads committing at once both count.

Issue 13 point 3 (every load rebuilt every summary) and issue 20 (two concurrent loads
moved the data version by one, and the app kept showing the first load's view).
"""

from __future__ import annotations

import threading

import pandas as pd
import pytest
from sqlalchemy import func, select

from data_access import queries, rollups
from data_access.db import data_version
from data_access.demo import load_demo
from data_access.filters import Filters
from data_access.loading import csv_bytes, load, load_file, table_frame
from data_access.models import FactSummary, LoadBatch
from data_access.queries import common

COLS = ("measure", "county_code", "team", "year", "month", "value")


@pytest.fixture(autouse=True)
def _no_demo_parts(monkeypatch):
    """The demo's facts only: its reporting history locks approved months, and these tests
    correct any month (the locks have tests of their own)."""
    from data_access.demo import parts

    monkeypatch.setattr(parts, "PARTS", ())


def _summary(engine) -> pd.DataFrame:
    """fact_summary with ids, in a stable order."""
    fs = FactSummary
    with engine.connect() as conn:
        rows = conn.execute(select(fs.id, fs.measure, fs.county_code, fs.team, fs.year, fs.month, fs.value)).all()
    df = pd.DataFrame(rows, columns=["id", *COLS])
    df["value"] = df["value"].astype(float).round(6)
    return df


def _contents(df: pd.DataFrame) -> pd.DataFrame:
    """The summary's rows without ids, sorted: what a page reads."""
    out = df[list(COLS)].copy()
    out["team"] = out["team"].fillna("")
    out["county_code"] = out["county_code"].fillna("")
    return out.sort_values(list(COLS)).reset_index(drop=True)


def _full_rebuild(engine) -> pd.DataFrame:
    """The summary a full rebuild gives, computed in a transaction that is rolled back."""
    with engine.connect() as conn, conn.begin() as tx:
        rollups.rebuild_rollups(conn)
        fs = FactSummary
        rows = conn.execute(select(fs.id, fs.measure, fs.county_code, fs.team, fs.year, fs.month, fs.value)).all()
        tx.rollback()
    df = pd.DataFrame(rows, columns=["id", *COLS])
    df["value"] = df["value"].astype(float).round(6)
    return _contents(df)


def _figure(engine, code: str, f: Filters) -> float:
    with engine.connect() as conn:
        assert rollups.rollups_current(conn)
        s = queries.indicator_series(conn, f, [code], by=("year",), years=(f.year,))
    return float(s["value"].iloc[0]) if not s.empty else 0.0


def _from_facts(engine, code: str, f: Filters) -> float:
    common.USE_ROLLUPS = False
    try:
        with engine.connect() as conn:
            s = queries.indicator_series(conn, f, [code], by=("year",), years=(f.year,))
    finally:
        common.USE_ROLLUPS = True
    return float(s["value"].iloc[0]) if not s.empty else 0.0


def _one_value_row(engine, county: str, year: int, code_zh: str | None = None, plus: float = 7.0):
    """One reported value of ``county`` in ``year`` as a one-row CSV correction (+``plus``)."""
    with engine.connect() as conn:
        df = table_frame(conn, "indicator_values", county=county, year=year)
    if code_zh is not None:
        df = df[df["指标"] == code_zh]
    row = df.head(1).copy()
    row["数值"] = row["数值"].astype(float) + plus
    return row, csv_bytes(row)


def _counties(engine) -> list[str]:
    with engine.connect() as conn:
        return list(queries.all_counties(conn)["code"])


def test_a_one_row_import_rewrites_only_its_slice(empty_db):
    """A one-row correction rewrites the summary rows of its (county, year) and no other;
    every other row keeps its id and value, and the whole table equals a full rebuild."""
    engine = empty_db.engine
    load_demo(engine, "counties")
    county = _counties(engine)[1]
    before = _summary(engine)
    emp_before = _figure(engine, "emp_new", Filters(2024, counties=(county,)))
    city_before = _figure(engine, "emp_new", Filters(2024))
    _, content = _one_value_row(engine, county, 2024, "新增残疾人就业")
    res = load_file(engine, content, "更正.csv", "测试", kind="indicator_values")
    assert res.status == "done" and (res.rows_added, res.rows_replaced) == (0, 1), res.problems[:3]
    after = _summary(engine)

    # the coverage counts (areas and organisations, not facts) are in no slice: kept as they are
    facts_after = ~after["measure"].isin(rollups.coverage_measures())
    facts_before = ~before["measure"].isin(rollups.coverage_measures())
    in_slice = (after["county_code"] == county) & (after["year"] == 2024) & facts_after
    was_in_slice = (before["county_code"] == county) & (before["year"] == 2024) & facts_before
    # outside the slice: the very same rows (same ids, same values)
    pd.testing.assert_frame_equal(
        before[~was_in_slice].sort_values("id").reset_index(drop=True),
        after[~in_slice].sort_values("id").reset_index(drop=True),
    )
    # inside it: every row written anew, and far fewer rows than the table holds
    assert set(after.loc[in_slice, "id"]).isdisjoint(set(before["id"]))
    assert 0 < in_slice.sum() < len(after) / 10
    # the figures moved by exactly the correction, and the table is what a rebuild gives
    assert _figure(engine, "emp_new", Filters(2024, counties=(county,))) == pytest.approx(emp_before + 7)
    assert _figure(engine, "emp_new", Filters(2024)) == pytest.approx(city_before + 7)
    pd.testing.assert_frame_equal(_contents(after), _full_rebuild(engine))


def test_a_correction_that_moves_a_case_to_another_year_refreshes_both_years(empty_db):
    """A replaced row leaves its old slice: the old year loses the case, the new one gains it."""
    engine = empty_db.engine
    load_demo(engine, "counties")
    county = _counties(engine)[2]
    f24, f25 = Filters(2024, counties=(county,)), Filters(2025, counties=(county,))
    n24, n25 = _figure(engine, "rights_legal_aid", f24), _figure(engine, "rights_legal_aid", f25)
    with engine.connect() as conn:
        df = table_frame(conn, "legal_aid", county=county, year=2024)
    row = df.head(1).copy()
    row["受理日期"], row["结案日期"], row["办理状态"] = "2025-01-10", "2025-03-01", "已结案"
    res = load_file(engine, csv_bytes(row), "改年度.csv", "测试", kind="legal_aid")
    assert res.status == "done" and res.rows_replaced == 1, res.problems[:3]
    assert _figure(engine, "rights_legal_aid", f24) == n24 - 1
    assert _figure(engine, "rights_legal_aid", f25) == n25 + 1
    pd.testing.assert_frame_equal(_contents(_summary(engine)), _full_rebuild(engine))


def test_loads_of_tables_outside_the_summaries_rewrite_no_summary_row(empty_db):
    """Organisation records are not added up in the facts' rollups: those rows stay as
    they were; only the coverage counts are counted again, to the same counts (the same
    organisations were loaded again)."""
    engine = empty_db.engine
    load_demo(engine, "counties")
    before = _summary(engine)
    with engine.connect() as conn:
        orgs = table_frame(conn, "org_units").head(3)
        version = data_version(conn)
    res = load_file(engine, csv_bytes(orgs), "组织.csv", "测试", kind="org_units")
    assert res.status == "done", res.problems[:3]
    after = _summary(engine)
    cov_before = before["measure"].isin(rollups.coverage_measures())
    cov_after = after["measure"].isin(rollups.coverage_measures())
    assert cov_before.sum() > 0
    pd.testing.assert_frame_equal(before[~cov_before], after[~cov_after])
    pd.testing.assert_frame_equal(_contents(before[cov_before]), _contents(after[cov_after]))
    with engine.connect() as conn:
        assert data_version(conn) == str(int(version) + 1)
        assert rollups.rollups_current(conn)


@pytest.mark.parametrize("same_slice", [True, False], ids=["same-slice", "other-slices"])
def test_two_loads_committing_at_once_both_count(empty_db, monkeypatch, same_slice):
    """Two imports whose finish steps start at the same moment, on two connections: the
    version moves by two, and both corrections show, through the rollups as in the facts."""
    if empty_db.kind == "sqlite":
        pytest.skip("SQLite has one writer at a time: two loads cannot overlap there")
    engine = empty_db.engine
    load_demo(engine, "counties")
    a, b = _counties(engine)[:2]
    cb = a if same_slice else b
    files = [
        _one_value_row(engine, a, 2024, "新增残疾人就业", 7.0),
        _one_value_row(engine, cb, 2024, "其中自主创业", 11.0),
    ]
    fa, fb = Filters(2024, counties=(a,)), Filters(2024, counties=(cb,))
    emp, self_emp = _figure(engine, "emp_new", fa), _figure(engine, "emp_self", fb)
    with engine.connect() as conn:
        v0 = int(data_version(conn))

    barrier = threading.Barrier(2, timeout=60)
    real_finish = load.finish_load

    def finish_together(conn, touched, audit=None):
        barrier.wait()  # both loads have written their facts; both finish now
        return real_finish(conn, touched, audit)

    monkeypatch.setattr(load, "finish_load", finish_together)
    results: list = [None, None]

    def run(i: int) -> None:
        results[i] = load_file(engine, files[i][1], f"并发{i}.csv", f"用户{i}", kind="indicator_values")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert [r.status for r in results] == ["done", "done"], [r.problems[:2] for r in results]

    with engine.connect() as conn:
        assert int(data_version(conn)) == v0 + 2
        assert rollups.rollups_current(conn)
        batches = conn.execute(select(func.count()).select_from(LoadBatch).where(LoadBatch.kind == "indicator_values"))
        assert batches.scalar() == 2
    assert _figure(engine, "emp_new", fa) == pytest.approx(emp + 7) == pytest.approx(_from_facts(engine, "emp_new", fa))
    assert _figure(engine, "emp_self", fb) == pytest.approx(self_emp + 11)
    assert _figure(engine, "emp_self", fb) == pytest.approx(_from_facts(engine, "emp_self", fb))
    pd.testing.assert_frame_equal(_contents(_summary(engine)), _full_rebuild(engine))
