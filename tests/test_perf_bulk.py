"""The bulk loader: the generator's stream lands whole, on every backend, or not at all.

Province-scale loads are too slow for the suite; the "counties" scale has the
province's shape (villages reporting monthly, volunteer teams per township, raised
event volumes) in a few thousand rows.
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, inspect, select

from data_access import models as m
from data_access import rollups
from data_access.demo import EVENT_TABLES, load_demo, load_stream
from data_access.demo.generator import generate, generate_head, iter_facts


def _count(conn, model) -> int:
    return conn.execute(select(func.count()).select_from(model)).scalar()


def test_stream_gives_the_same_rows_as_the_lists():
    head = generate_head("counties", 11)
    stream = list(iter_facts(head, 11))
    full = generate("counties", 11)
    assert [r for k, r in stream if k == "values"] == [tuple(v.values()) for v in full.values]
    for kind in EVENT_TABLES:
        assert [r for k, r in stream if k == kind] == getattr(full, kind)
    assert head.areas == full.areas and head.org_units == full.org_units


def test_counties_scale_has_the_province_shape():
    d = generate("counties")
    levels = Counter(a["level"] for a in d.areas)
    assert levels["county"] == 4 and levels["township"] == 16 and levels["village"] > 100
    village_codes = {a["code"] for a in d.areas if a["level"] == "village"}
    by_village = Counter(v["indicator_code"] for v in d.values if v["area_code"] in village_codes)
    assert set(by_village) == {"rehab_beneficiaries", "emp_training"}
    assert {r["township_code"] for r in d.volunteers} == {a["code"] for a in d.areas if a["level"] == "township"}


def test_bulk_load_writes_every_row(empty_db):
    want = generate("counties")
    load_demo(empty_db.engine, "counties")
    with empty_db.engine.connect() as conn:
        assert _count(conn, m.Area) == len(want.areas)
        assert _count(conn, m.OrgUnit) == len(want.org_units)
        assert _count(conn, m.IndicatorValue) == len(want.values)
        for kind, model in EVENT_TABLES.items():
            assert _count(conn, model) == len(getattr(want, kind)), kind
        sums = dict(
            conn.execute(
                select(m.IndicatorValue.indicator_code, func.sum(m.IndicatorValue.value)).group_by(
                    m.IndicatorValue.indicator_code
                )
            ).all()
        )
        expected = Counter()
        for v in want.values:
            expected[v["indicator_code"]] += v["value"]
        assert {k: round(float(v), 6) for k, v in sums.items()} == {k: round(v, 6) for k, v in expected.items()}
        opened = conn.execute(select(m.LegalAidCase.case_no, m.LegalAidCase.opened_on)).all()
        assert dict(opened) == {r["case_no"]: r["opened_on"] for r in want.legal_aid}
        assert conn.execute(select(func.count()).where(m.IndicatorValue.batch_id.is_(None))).scalar() == 0
        assert rollups.rollups_current(conn)
    # indexes dropped for the load are back
    names = {i["name"] for i in inspect(empty_db.engine).get_indexes("indicator_values")}
    assert "ix_iv_code_year_county" in names


def test_a_failed_load_leaves_nothing(empty_db):
    head = generate_head("counties")

    def broken():
        for i, item in enumerate(iter_facts(head)):
            if i == 5000:
                raise RuntimeError("the file ended early")
            yield item

    with pytest.raises(RuntimeError), empty_db.engine.begin() as conn:
        load_stream(conn, head, broken())
    with empty_db.engine.connect() as conn:
        assert _count(conn, m.Area) == 0 and _count(conn, m.IndicatorValue) == 0
        assert _count(conn, m.FactSummary) == 0
    names = {i["name"] for i in inspect(empty_db.engine).get_indexes("indicator_values")}
    assert "ix_iv_code_year_county" in names
    load_demo(empty_db.engine, "counties")  # and the database still takes a load
