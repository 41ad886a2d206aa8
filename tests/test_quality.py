"""Reporting and data quality on three databases: which counties were expected and which
submitted (on time, late, missing); a county's data staff refused outside its county; each
kind of validation rule firing on a crafted file and not on the demo city; approval locking
a period, the unlock recorded in the audit log."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter

import pytest
from sqlalchemy import func, select, text

from data_access import auth, queries
from data_access.filters import Filters
from data_access.loading import load_file
from data_access.models import AuditEntry, LoadBatch, Submission
from data_access.quality import approval, rules
from data_access.quality.defaults import DEFAULT_REPORTS

A, B = "990101000000", "990102000000"  # 甲区, 乙县 of the small test city
A1, A2 = "990101001000", "990101002000"  # two 街道 of 甲区
AS_OF = dt.date(2026, 12, 1)


def _csv(header: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _values(rows: list[list]) -> bytes:
    return _csv(["指标", "区划代码", "年度", "月份", "数值"], rows)


def _small_city(db) -> None:
    areas = _csv(
        ["区划代码", "名称", "层级", "类型"],
        [
            ["990100000000", "测试市", "市", "市"],
            [A, "甲区", "县(区)", "区"],
            [B, "乙县", "县(区)", "县"],
            [A1, "一街道", "乡镇(街道)", "街道"],
            [A2, "二街道", "乡镇(街道)", "街道"],
            ["990102100000", "丙镇", "乡镇(街道)", "镇"],
        ],
    )
    res = load_file(db.engine, areas, "areas.csv", "测试", kind="areas")
    assert res.status == "done", res.problems


def _load(db, rows, **kw):
    return load_file(db.engine, _values(rows), "values.csv", kw.pop("user", "测试"), kind="indicator_values", **kw)


def _messages(res) -> str:
    return "\n".join(p.message for p in res.problems)


# ------------------------------------------------------------------ expected vs submitted


def test_expected_vs_submitted_on_the_demo_city(demo_db, demo_rows):
    counties = sorted(a["code"] for a in demo_rows.areas if a["level"] == "county")
    names = {a["code"]: a["name"] for a in demo_rows.areas}
    f = Filters(year=2025)
    with demo_db.engine.connect() as conn:
        summary = queries.quality_summary(conn, f, as_of=AS_OF).set_index(["report", "period_no"])
        missing = queries.quality_missing(conn, f, as_of=AS_OF)
        status = queries.quality_status(conn, f, as_of=AS_OF)
        # independently: the submissions as stored
        subs = conn.execute(
            select(Submission.report_code, Submission.period_no, func.count())
            .where(Submission.year == 2025)
            .group_by(Submission.report_code, Submission.period_no)
        ).all()
    # every county is expected for every period of the three shipped reports
    assert len(summary) == 12 + 1 + 1
    assert set(summary["expected"]) == {len(counties)}
    for report, no, n in subs:
        assert summary.loc[(report, no), "submitted"] == n
    assert summary.loc[("monthly", 11), "missing"] == 1
    assert summary["missing"].sum() == 1
    assert list(missing["county"]) == [names["990108000000"]] and list(missing["period_label"]) == ["2025年11月"]
    late = status[status["status"] == "late"]
    assert sorted(zip(late["county"], late["period_label"], strict=True)) == [
        ("永和县", "2025年1–9月"),
        ("永和县", "2025年5月"),
    ]
    assert set(status["status"]) == {"on_time", "late", "missing"}  # codes: the words layer names them
    # asked on 15 June 2025: May is due (10 June), 永和县's May (sent 18 June) is missing then; June is not over
    early = queries.quality_status(conn_f := demo_db.engine.connect(), f, "monthly", dt.date(2025, 6, 15))
    conn_f.close()
    may = early[early["period_no"] == 5].set_index("county")["status"]
    assert may["永和县"] == "missing" and (may.drop("永和县") == "on_time").all()
    assert set(early["period_no"]) == {1, 2, 3, 4, 5}


def test_the_demo_reporting_history_is_not_in_the_figures(demo_db):
    # the demo's one warning is noted on the submission of the month it concerns
    with demo_db.engine.connect() as conn:
        noted = conn.execute(
            select(Submission.county_code, Submission.period_no, Submission.note).where(
                Submission.year == 2025, Submission.warnings > 0
            )
        ).all()
        returned = conn.execute(
            select(Submission.county_code, Submission.reason).where(Submission.status == "returned")
        ).all()
    assert [(c, m) for c, m, _ in noted] == [("990107000000", 12)]
    assert "资助残疾学生" in noted[0][2]
    assert len(returned) == 1 and "重新报送" in returned[0][1]


# ------------------------------------------------------------------ rules


def test_no_rule_fires_on_the_demo_city_but_the_one_warning(demo_db):
    with demo_db.engine.connect() as conn:
        found = {y: rules.check_year(conn, y, today=AS_OF) for y in range(2019, 2026)}
    assert all(v.severity == "warning" for vs in found.values() for v in vs)
    flat = [v for vs in found.values() for v in vs]
    assert [(v.kind, v.county, v.year, v.month) for v in flat] == [("outlier", "临江县", 2025, 12)]


def test_part_le_whole_refuses_the_load_and_names_the_rows(empty_db):
    _small_city(empty_db)
    res = _load(empty_db, [["emp_new", A1, 2025, 3, 5], ["emp_self", A1, 2025, 3, 4], ["emp_self", A2, 2025, 4, 3]])
    assert res.status == "refused"
    assert "甲区 2025年其中自主创业 7人，大于新增残疾人就业 5人" in _messages(res)
    assert res.problems[0].row == 2 and "涉及第 3、4 行" in res.problems[0].message
    with empty_db.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM indicator_values")).scalar() == 0


def test_part_le_whole_counts_what_the_database_holds(empty_db):
    _small_city(empty_db)
    assert _load(empty_db, [["emp_new", A1, 2025, 1, 5], ["emp_self", A1, 2025, 1, 2]]).status == "done"
    # a later month alone: 2 + 4 > 5 for the county's year
    res = _load(empty_db, [["emp_self", A2, 2025, 6, 4]])
    assert res.status == "refused" and "其中自主创业 6人，大于新增残疾人就业 5人" in _messages(res)
    # replacing January's whole with a bigger one makes it fit
    assert _load(empty_db, [["emp_new", A1, 2025, 1, 9], ["emp_self", A2, 2025, 6, 4]]).status == "done"


def test_rate_within_bounds(empty_db):
    _small_city(empty_db)
    res = _load(empty_db, [["edu_school_age", A, 2025, 0, 40], ["edu_enrolled", A, 2025, 0, 44]])
    assert res.status == "refused"
    assert "甲区 2025年适龄残疾儿童少年义务教育入学率为 110.0%，超出 0–100%" in _messages(res)


def test_non_negative_on_demand(empty_db):
    _small_city(empty_db)
    assert _load(empty_db, [["rehab_funds", A, 2025, 2, 3]]).status == "done"
    # a negative figure never gets past the column's own range; one written by hand is found on demand
    refused = _load(empty_db, [["rehab_funds", A, 2025, 3, -3]])
    assert refused.status == "refused" and "超出范围" in _messages(refused)
    with empty_db.engine.begin() as conn:
        conn.execute(text("UPDATE indicator_values SET value = -3 WHERE indicator_code = 'rehab_funds'"))
        found = rules.check_year(conn, 2025, today=AS_OF)
    assert [(v.kind, v.severity) for v in found] == [("non_negative", "error")]
    assert "甲区 2025年2月康复专项资金投入为 -3，不能为负数" in found[0].message


def _legal_aid(opened: str, closed: str = "") -> bytes:
    return _csv(
        ["案件编号", "区划代码", "案件类型", "服务方式", "受理日期", "结案日期", "办理状态"],
        [["FY1", A1, "劳动争议", "咨询", opened, closed, "已结案" if closed else "办理中"]],
    )


def test_dates_in_order_and_in_range(empty_db):
    _small_city(empty_db)
    future = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    res = load_file(empty_db.engine, _legal_aid(future), "la.csv", "测试", kind="legal_aid")
    assert res.status == "refused"
    assert res.problems[0].column == "受理日期" and f"受理日期 {future} 晚于今天" in _messages(res)
    res = load_file(empty_db.engine, _legal_aid("2025-03-01", future), "la.csv", "测试", kind="legal_aid")
    assert res.status == "refused" and f"结案日期 {future} 晚于今天" in _messages(res)
    ok = load_file(empty_db.engine, _legal_aid("2025-03-01", "2025-04-01"), "la.csv", "测试", kind="legal_aid")
    assert ok.status == "done"
    # a federation's own bound, loaded as a rule: cases from 2024 on only
    header = ["规则代码", "规则名称", "规则类型", "级别", "检查对象", "比较对象"]
    rule = _csv(
        header,
        [
            [
                "date_legal_aid_opened_on",
                "受理日期自 2024 年起",
                "日期先后",
                "错误（拒绝导入）",
                "legal_aid.opened_on",
                "2024-01-01,today",
            ]
        ],
    )
    assert load_file(empty_db.engine, rule, "rules.csv", "测试", kind="validation_rules").status == "done"
    res = load_file(empty_db.engine, _legal_aid("2023-05-01"), "la.csv", "测试", kind="legal_aid")
    assert res.status == "refused" and "受理日期 2023-05-01 早于 2024-01-01" in _messages(res)


def _months(code, area, year, values):
    return [[code, area, year, m, v] for m, v in enumerate(values, start=1)]


def test_year_on_year_jump_is_a_warning_and_loads(empty_db):
    _small_city(empty_db)
    assert _load(empty_db, _months("rehab_beneficiaries", A1, 2024, [100] * 12)).status == "done"
    res = _load(empty_db, _months("rehab_beneficiaries", A1, 2025, [10] * 12))
    assert res.status == "done"
    warn = [w for w in res.warnings if "同比" in w or "比上年同期" in w]
    assert len(warn) == 1 and "甲区 2025年康复知识普及受益人次（全年）120人次，比上年同期 1,200 下降 90%" in warn[0]
    with empty_db.engine.connect() as conn:
        note = conn.execute(select(LoadBatch.note).where(LoadBatch.id == res.batch_id)).scalar()
    assert "下降 90%" in note


def test_monthly_outlier_is_a_warning(empty_db):
    _small_city(empty_db)
    res = _load(empty_db, _months("emp_training", A1, 2025, [40, 42, 38, 41, 39, 40, 43, 400, 40, 41, 39, 42]))
    assert res.status == "done"
    assert any("甲区 2025年8月免费职业培训 400人次" in w and "修正 Z 分数" in w for w in res.warnings)
    assert not any("2025年1月" in w for w in res.warnings)


def test_breakdown_townships_must_add_up_to_the_county(empty_db):
    _small_city(empty_db)
    res = _load(
        empty_db,
        [["rehab_trainings", A, 2025, 3, 9], ["rehab_trainings", A1, 2025, 3, 4], ["rehab_trainings", A2, 2025, 3, 3]],
    )
    assert res.status == "refused"
    assert "甲区 2025年3月康复讲座和培训：县(区)合计 9，各乡镇(街道)之和 7，两者不等" in _messages(res)
    ok = _load(
        empty_db,
        [["rehab_trainings", A, 2025, 3, 7], ["rehab_trainings", A1, 2025, 3, 4], ["rehab_trainings", A2, 2025, 3, 3]],
    )
    assert ok.status == "done"


def test_rules_are_data_a_named_breakdown_and_a_total_that_must_not_be_summed(empty_db):
    _small_city(empty_db)
    header = ["规则代码", "规则名称", "规则类型", "级别", "检查对象", "比较对象"]
    bad = _csv(header, [["r1", "入学率分项", "分项之和等于合计", "错误（拒绝导入）", "edu_enrol_rate", "edu_enrolled"]])
    res = load_file(empty_db.engine, bad, "rules.csv", "测试", kind="validation_rules")
    assert res.status == "refused" and "不能相加" in _messages(res)
    good = _csv(
        header,
        [
            [
                "r2",
                "培训=康复+就业",
                "分项之和等于合计",
                "警告（导入并列出）",
                "emp_training",
                "rehab_trainings,edu_students",
            ]
        ],
    )
    assert load_file(empty_db.engine, good, "rules.csv", "测试", kind="validation_rules").status == "done"
    res = _load(
        empty_db,
        [["emp_training", A1, 2025, 5, 10], ["rehab_trainings", A1, 2025, 5, 4], ["edu_students", A1, 2025, 5, 5]],
    )
    assert res.status == "done"
    assert any("培训=康复+就业" in w and "之和为 9" in w for w in res.warnings)


# ------------------------------------------------------------------ county data staff


def test_county_data_staff_loads_only_its_own_county(empty_db):
    _small_city(empty_db)
    with empty_db.engine.begin() as conn:
        auth.add_user(conn, "jia_data", "data_staff", "Correct-Horse-42", county_code=A)
        p = auth.authenticate(conn, "jia_data", "Correct-Horse-42")
    assert p.scope == (A,) and p.can("load") and p.can("submit") and not p.can("approve")
    rows = [["emp_new", A1, 2025, 3, 5], ["emp_new", "990102100000", 2025, 3, 6]]
    res = _load(empty_db, rows, user=p.username, scope=p.scope, report="月报", period=(2025, 3))
    assert res.status == "refused"
    assert [(x.row, x.column) for x in res.problems] == [(3, "区划代码")]
    assert "区划代码 990102100000 属于乙县，不在您负责的甲区范围内" in res.problems[0].message
    with empty_db.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM indicator_values")).scalar() == 0
    # the dictionary's kinds are the city's
    rules_file = _csv(
        ["规则代码", "规则名称", "规则类型", "级别", "检查对象"], [["x", "x", "不得为负数", "错误（拒绝导入）", "*"]]
    )
    res = load_file(empty_db.engine, rules_file, "r.csv", p.username, kind="validation_rules", scope=p.scope)
    assert res.status == "refused" and "县(区)数据管理员（甲区）不能导入" in _messages(res)
    # a load without a report and period is not a submission: refused for a county
    assert _load(empty_db, rows[:1], user=p.username, scope=p.scope).status == "refused"
    ok = _load(empty_db, rows[:1], user=p.username, scope=p.scope, report="月报", period=(2025, 3))
    assert ok.status == "done"


# ------------------------------------------------------------------ approval and locking


def test_approval_locks_a_period_and_the_unlock_is_audited(empty_db):
    _small_city(empty_db)
    march = [["rehab_trainings", A1, 2025, 3, 4]]
    res = _load(empty_db, march, user="jia_staff", scope=(A,), report="monthly", period=(2025, 3))
    assert res.status == "done"
    with empty_db.engine.begin() as conn:
        rep = approval.find_report(conn, "月报")
        batch = conn.execute(
            select(LoadBatch.report_code, LoadBatch.report_year, LoadBatch.report_period).where(
                LoadBatch.id == res.batch_id
            )
        ).one()
        assert tuple(batch) == ("monthly", 2025, 3)
        with pytest.raises(approval.ApprovalError, match="须写明原因"):
            approval.return_submission(conn, rep, A, 2025, 3, "city", "  ")
        approval.approve(conn, rep, A, 2025, 3, "city")
    # locked: the same figure again changes nothing and passes; a correction of March is refused,
    # naming the row; April is not locked
    assert _load(empty_db, march).status == "done"
    res = _load(empty_db, [["rehab_trainings", A2, 2025, 4, 1], ["rehab_trainings", A1, 2025, 3, 5]])
    assert res.status == "refused" and [p.row for p in res.problems] == [3]
    assert "甲区 2025年3月月报已审核通过并锁定" in res.problems[0].message
    # 快报 covers March too, and is not approved: only the 月报 lock applies
    with empty_db.engine.begin() as conn:
        with pytest.raises(approval.ApprovalError, match="无法解锁"):
            approval.unlock(conn, rep, B, 2025, 3, "city", "更正")
        approval.unlock(conn, rep, A, 2025, 3, "city", "台账更正：3月培训场次少报1场")
    assert _load(empty_db, [["rehab_trainings", A1, 2025, 3, 5]], report="monthly", period=(2025, 3)).status == "done"
    with empty_db.engine.connect() as conn:
        audit = conn.execute(
            select(AuditEntry.action, AuditEntry.username, AuditEntry.detail).order_by(AuditEntry.id)
        ).all()
        sub = conn.execute(
            select(Submission.status, Submission.first_submitted_at, Submission.submitted_at).where(
                Submission.area_code == A
            )
        ).one()
    actions = [a for a, _, _ in audit if a in ("submit", "approve", "unlock")]
    assert actions == ["submit", "approve", "unlock", "submit"]
    unlock_row = next(r for r in audit if r[0] == "unlock")
    assert unlock_row[1] == "city" and unlock_row[2] == "甲区 2025年3月月报：台账更正：3月培训场次少报1场"
    assert sub.status == "submitted" and sub.first_submitted_at <= sub.submitted_at


def test_shipped_reports_are_in_every_database(empty_db):
    with empty_db.engine.connect() as conn:
        reps = queries.quality_reports(conn)
    assert list(reps["name"]) == [r["name_zh"] for r in DEFAULT_REPORTS] == ["月报", "快报", "年报"]
    assert Counter(reps["period"]) == Counter({"month": 1, "flash": 1, "year": 1})


def test_rules_template_carries_the_english_name_and_a_filled_one_loads_it(empty_db):
    """The downloaded rules template has the 英文名称 column (rules have English names since
    migration 0012); a rule filled in with one loads it, and the English Quality page names the
    rule's breaches by it."""
    import openpyxl

    from data_access.loading import KINDS, template_bytes
    from data_access.models import ValidationRule

    _small_city(empty_db)
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes("validation_rules")))
    ws = wb[KINDS["validation_rules"].zh]
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["规则代码", "规则名称", "英文名称"]
    filled = {
        "规则代码": "our_training_jump",
        "规则名称": "免费职业培训同比变化超过 50%",
        "英文名称": "Free vocational training changes more than 50% on the year before",
        "规则类型": "同比变化过大",
        "级别": "警告（导入并列出）",
        "检查对象": "emp_training",
        "阈值": 50,
    }
    for name, value in filled.items():
        ws.cell(row=2, column=headers.index(name) + 1, value=value)
    buf = io.BytesIO()
    wb.save(buf)
    res = load_file(empty_db.engine, buf.getvalue(), "规则模板.xlsx", "测试", kind="validation_rules")
    assert res.status == "done", res.problems
    with empty_db.engine.connect() as conn:
        stored = conn.execute(
            select(ValidationRule.name_zh, ValidationRule.name_en).where(ValidationRule.code == "our_training_jump")
        ).one()
    assert tuple(stored) == ("免费职业培训同比变化超过 50%", filled["英文名称"])
    assert _load(empty_db, _months("emp_training", A1, 2024, [100] * 12)).status == "done"
    assert _load(empty_db, _months("emp_training", A1, 2025, [40] * 12)).status == "done"
    with empty_db.engine.connect() as conn:
        ours = [v for v in rules.check_year(conn, 2025) if v.rule == "our_training_jump"]
    assert [v.name("en") for v in ours] == [filled["英文名称"]]
    assert [v.name("zh") for v in ours] == [filled["规则名称"]]
