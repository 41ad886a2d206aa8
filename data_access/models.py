"""The schema: SQLAlchemy 2 typed models.

Conventions that the query layer relies on (see docs/data-model.md):

* Every area is keyed by its 12-digit administrative division code. A county is
  the first six digits followed by six zeros, so a county filter is an equality
  on the denormalised ``county_code`` column every fact table carries (cheaper
  and index-friendly compared with a LIKE on a prefix).
* Every fact table carries ``year`` and ``month`` as integers, so grouping by
  period never needs a date function (those differ across SQLite, PostgreSQL
  and MariaDB). ``month`` 0 means "reported for the whole year".
* Every fact table carries a natural key (``*_no`` or the unique tuple) so that
  loading the same records again replaces them instead of doubling them, and a
  ``batch_id`` pointing at the load that wrote it.
* No personal data about disabled persons is stored anywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    CursorResult,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

CODE = 12  # length of a division code


class Base(DeclarativeBase):
    # every model here is mapped to a Table (never a select or a join): say so to the type
    # checker, so ``Model.__table__.insert()`` and friends type-check
    __table__: ClassVar[Table]


# --------------------------------------------------------------------------- areas


class Area(Base):
    """市 → 县(区) → 乡镇(街道) → 村(社区)."""

    __tablename__ = "areas"

    code: Mapped[str] = mapped_column(String(CODE), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(16))  # city | county | township | village
    kind: Mapped[str] = mapped_column(String(8))  # 市 区 县 乡 镇 街道 村 社区
    parent_code: Mapped[str | None] = mapped_column(String(CODE), index=True)
    county_code: Mapped[str | None] = mapped_column(String(CODE))
    township_code: Mapped[str | None] = mapped_column(String(CODE))
    population: Mapped[int | None] = mapped_column(Integer)
    disabled_registered: Mapped[int | None] = mapped_column(Integer)  # 持证残疾人数
    lon: Mapped[float | None] = mapped_column(Double)
    lat: Mapped[float | None] = mapped_column(Double)
    batch_id: Mapped[int | None] = mapped_column(Integer)
    # 0: left out of the township coverage denominator (类似乡级单位 unless the federation counts it)
    counts_in_coverage: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __table_args__ = (Index("ix_areas_level_county", "level", "county_code"),)


class AreaShape(Base):
    """Boundary of an area as a GeoJSON geometry (text), replaceable by a federation."""

    __tablename__ = "area_shapes"

    area_code: Mapped[str] = mapped_column(String(CODE), ForeignKey("areas.code", ondelete="CASCADE"), primary_key=True)
    geometry: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(32), default="demo")
    batch_id: Mapped[int | None] = mapped_column(Integer)
    # the system the file was in (WGS-84 or GCJ-02, converted to WGS-84 on load); None: the demo's own
    file_crs: Mapped[str | None] = mapped_column(String(16))


# -------------------------------------------------------------------- organisations


class OrgUnit(Base):
    """An organisation that exists from a date on.

    ``org_type``: township_federation (乡镇残联), village_association (村/社区残协),
    party_group (县级残联党组), assoc_blind/assoc_deaf/assoc_physical/
    assoc_intellectual/assoc_mental (五个专门协会), legal_aid_station (法律援助工作站).
    ``staffed_on`` is when a full-time staff member (专职委员) was first in place.
    """

    __tablename__ = "org_units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    org_type: Mapped[str] = mapped_column(String(32))
    area_code: Mapped[str] = mapped_column(String(CODE), ForeignKey("areas.code"))
    county_code: Mapped[str | None] = mapped_column(String(CODE))
    name: Mapped[str | None] = mapped_column(String(128))
    established_on: Mapped[dt.date] = mapped_column(Date)
    staffed_on: Mapped[dt.date | None] = mapped_column(Date)
    staff_count: Mapped[int] = mapped_column(Integer, default=0)
    batch_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("org_type", "area_code", name="uq_org_units_type_area"),
        Index("ix_org_units_type_county", "org_type", "county_code"),
    )


class Staffing(Base):
    """Posts and people added in a year, by level (市/县).

    ``post_kind``: centre_posts (市残疾人事业服务中心编制), admin_posts (行政编制),
    public_welfare_posts (公益一类事业编制), paid_hires (以钱养事人员),
    vice_chairs (兼(挂)职副理事长).
    """

    __tablename__ = "staffing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    area_code: Mapped[str] = mapped_column(String(CODE), ForeignKey("areas.code"))
    county_code: Mapped[str | None] = mapped_column(String(CODE))  # None for city level
    level: Mapped[str] = mapped_column(String(16))  # city | county
    year: Mapped[int] = mapped_column(Integer)
    post_kind: Mapped[str] = mapped_column(String(32))
    count: Mapped[int] = mapped_column(Integer)
    batch_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("area_code", "year", "post_kind", name="uq_staffing_area_year_kind"),)


# ------------------------------------------------------------------------ indicators


class Indicator(Base):
    """The indicator dictionary: every figure the dashboard shows has one code here.

    ``source`` says where its numbers come from: ``values`` (reported figures in
    indicator_values), ``event:NAME`` (counted from event records), ``ratio``
    (numerator/denominator codes × scale), ``growth`` (year-on-year growth of
    the ``numerator`` indicator) or ``coverage:NAME``.
    """

    __tablename__ = "indicators"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    section: Mapped[str] = mapped_column(String(24))
    topic: Mapped[str] = mapped_column(String(24))
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(96))
    unit_zh: Mapped[str] = mapped_column(String(16))
    unit_en: Mapped[str] = mapped_column(String(24))
    aggregation: Mapped[str] = mapped_column(String(16))  # sum | ratio | growth | max
    source: Mapped[str] = mapped_column(String(48))
    period: Mapped[str] = mapped_column(String(8))  # month | year
    numerator: Mapped[str | None] = mapped_column(String(40))
    denominator: Mapped[str | None] = mapped_column(String(40))
    scale: Mapped[float] = mapped_column(Double, default=1.0)
    decimals: Mapped[int] = mapped_column(Integer, default=0)
    visible: Mapped[int] = mapped_column(Integer, default=1)  # 0: a part of a ratio only
    sort: Mapped[int] = mapped_column(Integer, default=0)
    description_zh: Mapped[str | None] = mapped_column(String(255))
    # the load that added or changed the entry; such entries are the federation's and
    # the shipped dictionary never overwrites them
    batch_id: Mapped[int | None] = mapped_column(Integer)


class IndicatorValue(Base):
    """A reported figure for an area (county or township), year and month (0 = year)."""

    __tablename__ = "indicator_values"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    indicator_code: Mapped[str] = mapped_column(String(40), ForeignKey("indicators.code"))
    area_code: Mapped[str] = mapped_column(String(CODE), ForeignKey("areas.code"))
    county_code: Mapped[str] = mapped_column(String(CODE))
    township_code: Mapped[str | None] = mapped_column(String(CODE))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Double)
    batch_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("indicator_code", "area_code", "year", "month", name="uq_indicator_values_key"),
        # covering index for the common "one year, group by county" query (the shared design §7, docs/shared-design.md)
        Index("ix_iv_code_year_county", "indicator_code", "year", "county_code", "month", "value"),
    )


# ------------------------------------------------------------------------- events


class _EventMixin:
    """Columns every event record has: where and when, denormalised for grouping."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    area_code: Mapped[str] = mapped_column(String(CODE), ForeignKey("areas.code"))
    # None for city-level records (e.g. a lecture by the city federation)
    county_code: Mapped[str | None] = mapped_column(String(CODE))
    township_code: Mapped[str | None] = mapped_column(String(CODE))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    batch_id: Mapped[int | None] = mapped_column(Integer)


class LegalAidCase(_EventMixin, Base):
    """残疾人法律援助案件. year/month: when the case was accepted (受理)."""

    __tablename__ = "legal_aid_cases"

    case_no: Mapped[str] = mapped_column(String(40), unique=True)
    case_type: Mapped[str] = mapped_column(String(16))  # 劳动争议 交通事故 婚姻家庭 财产权益 其他
    service_kind: Mapped[str] = mapped_column(String(16))  # 咨询 代书 诉讼代理
    opened_on: Mapped[dt.date] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # 办理中 已结案

    __table_args__ = (Index("ix_legal_aid_year_county", "year", "county_code", "month"),)


class InfringementCase(_EventMixin, Base):
    """查处侵害残疾人权益案件, investigated with a partner agency."""

    __tablename__ = "infringement_cases"

    case_no: Mapped[str] = mapped_column(String(40), unique=True)
    partner_agency: Mapped[str] = mapped_column(String(32))  # 公安 市场监管 人社 …
    case_type: Mapped[str] = mapped_column(String(32))
    opened_on: Mapped[dt.date] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))

    __table_args__ = (Index("ix_infringement_year_county", "year", "county_code", "month"),)


class AccessibilityProject(_EventMixin, Base):
    """无障碍改造项目. year/month: when completed; for unfinished ones, when started."""

    __tablename__ = "accessibility_projects"

    project_no: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    category: Mapped[str] = mapped_column(String(16))  # 公共建筑 公共交通 信息交流 家庭无障碍
    status: Mapped[str] = mapped_column(String(16))  # 已完成 实施中
    started_on: Mapped[dt.date] = mapped_column(Date)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    cost_wan: Mapped[float] = mapped_column(Double, default=0.0)

    __table_args__ = (Index("ix_access_year_county", "year", "county_code", "status"),)


class Activity(_EventMixin, Base):
    """活动: kind is lecture (专题宣讲), campaign (主题宣传), culture_sport (文体活动)."""

    __tablename__ = "activities"

    activity_no: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    speaker: Mapped[str | None] = mapped_column(String(100))
    held_on: Mapped[dt.date] = mapped_column(Date)
    participants: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_activities_kind_year_county", "kind", "year", "county_code"),)


class VolunteerRecord(_EventMixin, Base):
    """A volunteer team's service in one month: people who served, hours served.

    A year's volunteer count is, per team, the most people who served in any
    month of it (the team's active roster), summed over teams: adding monthly
    counts would count the same person twelve times.
    """

    __tablename__ = "volunteer_records"

    record_no: Mapped[str] = mapped_column(String(40), unique=True)
    team: Mapped[str] = mapped_column(String(64))
    partner_org: Mapped[str] = mapped_column(String(32))  # 共青团 妇联 …
    volunteers: Mapped[int] = mapped_column(Integer)
    hours: Mapped[float] = mapped_column(Double)

    __table_args__ = (Index("ix_volunteer_year_county", "year", "county_code", "team"),)


class Donation(_EventMixin, Base):
    """社会捐赠: money and goods (valued), 万元."""

    __tablename__ = "donations"

    donation_no: Mapped[str] = mapped_column(String(40), unique=True)
    donor_kind: Mapped[str] = mapped_column(String(16))  # 企业 个人 社会组织
    purpose: Mapped[str] = mapped_column(String(32))
    received_on: Mapped[dt.date] = mapped_column(Date)
    money_wan: Mapped[float] = mapped_column(Double, default=0.0)
    goods_wan: Mapped[float] = mapped_column(Double, default=0.0)

    __table_args__ = (Index("ix_donations_year_county", "year", "county_code"),)


# -------------------------------------------------------------------- rollups


class FactSummary(Base):
    """Facts added up by measure, county, year and month, kept by every load.

    ``measure`` is an indicator code (reported values, summed) or ``event:NAME`` (an
    event measure of the engine: a count or a sum). Rows with a ``team`` hold a volunteer
    team's most people in any month of a year (``event:volunteers``; month 0), so a
    year's volunteers need not read every monthly record. ``county_code`` is NULL for
    city-level records, as in the facts. A province's seven million values become about
    two hundred thousand rows here: a page reads these instead of the facts when
    ``meta.summary_version`` equals ``meta.data_version`` (see ``data_access.rollups``).
    """

    __tablename__ = "fact_summary"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    measure: Mapped[str] = mapped_column(String(48))
    county_code: Mapped[str | None] = mapped_column(String(CODE))
    team: Mapped[str | None] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Double)

    __table_args__ = (
        # covering: a page's query is answered from the index alone (index-only scan)
        Index("ix_fact_summary_cover", "measure", "year", "county_code", "month", "team", "value"),
    )


# ------------------------------------------------------------------ loads and meta


class LoadBatch(Base):
    """History of loads: who loaded what file when, and what it changed."""

    __tablename__ = "load_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(255))
    checksum: Mapped[str] = mapped_column(String(64))
    loaded_by: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    rows_added: Mapped[int] = mapped_column(Integer, default=0)
    rows_replaced: Mapped[int] = mapped_column(Integer, default=0)
    rows_refused: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="done")
    note: Mapped[str | None] = mapped_column(Text)
    # the report and period this load was submitted for (issue 19; None: a plain load)
    report_code: Mapped[str | None] = mapped_column(String(32))
    report_year: Mapped[int | None] = mapped_column(Integer)
    report_period: Mapped[int | None] = mapped_column(Integer)


class Meta(Base):
    """Key/value facts about the database, e.g. ``data_version``, bumped by every
    load so that every app process drops its cached results at once."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))


class ResultCacheEntry(Base):
    """A dataset's result shared by every app process (``data_access.result_cache``): the
    pickled result of one query with its arguments, at one data version. Rows of older
    versions are never read (the key names the version) and every load deletes them."""

    __tablename__ = "result_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data_version: Mapped[str] = mapped_column(String(32))
    query: Mapped[str] = mapped_column(String(200))
    payload: Mapped[bytes] = mapped_column(LargeBinary(16 * 1024 * 1024 - 1))
    made_at: Mapped[dt.datetime] = mapped_column(DateTime)


class IdentityFile(Base):
    """The federation's emblem as loaded on the Data page (``name`` = 'emblem'): SVG or PNG,
    checked by ``data_access.identity.check_emblem``; kept here so every app process shows it."""

    __tablename__ = "identity_files"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    mime: Mapped[str] = mapped_column(String(32))
    data: Mapped[bytes] = mapped_column(LargeBinary(4 * 1024 * 1024))
    file_name: Mapped[str] = mapped_column(String(255))
    uploaded_by: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime)


# ------------------------------------------------------------ accounts and audit


class User(Base):
    """An account (mode ``accounts``) or a mapped identity (mode ``oidc``).

    ``role``: leadership | county | data_staff | admin. ``county_code`` for role county.
    Only a password hash is stored (argon2), never the password.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    county_code: Mapped[str | None] = mapped_column(String(CODE))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    oidc_subject: Mapped[str | None] = mapped_column(String(255), unique=True)
    active: Mapped[int] = mapped_column(Integer, default=1)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AuditEntry(Base):
    """Who did what when: logins (success and failure), loads, exports, account changes."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    username: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))  # login_ok login_failed logout load export user_add …
    detail: Mapped[str | None] = mapped_column(Text)
    ok: Mapped[int] = mapped_column(Integer, default=1)


# ------------------------------------------------------------------ code history (issue 14)


class AreaCodeChange(Base):
    """What a division code became: 横桥乡 140825200000 → 横桥镇 140825108000 from 2021 on.

    Used when matching boundary files and figures of earlier years: a row under
    ``old_code`` counts for ``new_code``.
    """

    __tablename__ = "area_code_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    old_code: Mapped[str] = mapped_column(String(CODE))
    new_code: Mapped[str] = mapped_column(String(CODE), index=True)
    from_year: Mapped[int] = mapped_column(Integer)
    old_name: Mapped[str | None] = mapped_column(String(64))
    new_name: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(String(255))
    batch_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("old_code", name="uq_area_code_changes_old"),)


# ------------------------------------------------------------ sign-in sessions (issue 20)


class WebSession(Base):
    """A signed-in browser: the SHA-256 of the random token its cookie holds (never the
    token itself), whose account, and when it was last used and ends. Logout, disabling
    the account and a new password end it (``revoked_at``). Until the page has exchanged
    it for the HttpOnly cookie, ``ticket_hash`` holds the SHA-256 of a one-time ticket
    valid until ``ticket_expires_at`` (``ui.session_cookie``)."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    ticket_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    ticket_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


# ------------------------------------------------ reporting, data quality and approval


class Report(Base):
    """A report the federation expects from its counties (月报, 快报, 年报 …).

    ``covers``: comma-separated load kinds (``legal_aid``), ``indicator_values:month`` /
    ``indicator_values:year`` (the reported indicators of that period) or indicator codes.
    ``period``: month | quarter | flash (1–9 月, 快报) | year. The deadline is the period's
    last day plus ``deadline_days``. ``level``: the area level that reports (county | township).
    """

    __tablename__ = "reports"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    covers: Mapped[str] = mapped_column(String(255))
    period: Mapped[str] = mapped_column(String(8))
    deadline_days: Mapped[int] = mapped_column(Integer, default=10)
    level: Mapped[str] = mapped_column(String(16), default="county")
    first_year: Mapped[int | None] = mapped_column(Integer)  # expected from this year on
    sort: Mapped[int] = mapped_column(Integer, default=0)
    batch_id: Mapped[int | None] = mapped_column(Integer)


class ValidationRule(Base):
    """A data-quality rule, declared as data (see ``data_access.quality.rules``).

    ``rule``: part_le_whole | non_negative | rate_range | dates_order | yoy_jump | outlier |
    breakdown_sum. ``target``: an indicator code, or ``kind.column`` for dates. ``other``:
    the whole (part_le_whole), the parts or ``@township`` (breakdown_sum), the date it must
    not precede or follow (dates_order: a column, ``today`` or an ISO date). ``severity``:
    error (the load is refused) | warning (it loads and is listed).
    """

    __tablename__ = "validation_rules"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(128))
    name_en: Mapped[str | None] = mapped_column(String(128))  # None: a federation's own rule, shown in Chinese
    rule: Mapped[str] = mapped_column(String(24))
    severity: Mapped[str] = mapped_column(String(8))
    target: Mapped[str] = mapped_column(String(64))
    other: Mapped[str | None] = mapped_column(String(255))
    low: Mapped[float | None] = mapped_column(Double)
    high: Mapped[float | None] = mapped_column(Double)
    threshold: Mapped[float | None] = mapped_column(Double)
    active: Mapped[int] = mapped_column(Integer, default=1)
    batch_id: Mapped[int | None] = mapped_column(Integer)


class Submission(Base):
    """A county's submission of one report for one period, and the city's decision on it.

    ``period_no``: the month (1–12) of a monthly report, the quarter (1–4), 0 for 快报 and 年报.
    ``status``: submitted | approved (locked) | returned | unlocked. Timeliness is judged on
    ``first_submitted_at``; a correction after a return keeps it.
    """

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_code: Mapped[str] = mapped_column(String(32))
    area_code: Mapped[str] = mapped_column(String(CODE))
    county_code: Mapped[str | None] = mapped_column(String(CODE))
    year: Mapped[int] = mapped_column(Integer)
    period_no: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="submitted")
    first_submitted_at: Mapped[dt.datetime] = mapped_column(DateTime)
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime)
    submitted_by: Mapped[str] = mapped_column(String(64))
    batch_id: Mapped[int | None] = mapped_column(Integer)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("report_code", "area_code", "year", "period_no", name="uq_submissions_key"),
        Index("ix_submissions_year_report", "year", "report_code", "county_code"),
    )


EVENT_MODELS = (LegalAidCase, InfringementCase, AccessibilityProject, Activity, VolunteerRecord, Donation)


# ------------------------------------------------------------ plan targets and assessment


class PlanTarget(Base):
    """A plan's target for an indicator in an area (the city or a county).

    ``plan``: 十四五, 十五五 (five-year plans) or a year such as 2026 (a yearly plan); its
    period is computed from the name (``data_access.plan.plan_period``). ``direction``:
    at_least (the figure should reach the value) or at_most. ``attribute``: binding
    (约束性) or expected (预期性). ``value`` is the target year's figure of the indicator,
    as the indicator engine computes it for that area.
    """

    __tablename__ = "plan_targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    indicator_code: Mapped[str] = mapped_column(String(40), ForeignKey("indicators.code"))
    area_code: Mapped[str] = mapped_column(String(CODE), ForeignKey("areas.code"))
    county_code: Mapped[str | None] = mapped_column(String(CODE))  # None for the city's own target
    plan: Mapped[str] = mapped_column(String(16))
    target_year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Double)
    attribute: Mapped[str] = mapped_column(String(16))  # binding | expected
    direction: Mapped[str] = mapped_column(String(16))  # at_least | at_most
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    baseline_value: Mapped[float | None] = mapped_column(Double)
    batch_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("indicator_code", "area_code", "plan", name="uq_plan_targets_key"),)


class AssessmentRule(Base):
    """One line of the yearly county assessment (年度目标考核): an indicator, its points and
    how it scores — ``share`` (points × share of target, at most full), ``rank`` (by share
    of target among the counties) or ``thresholds`` (``100=1;90=0.8;80=0.5``: the fraction
    of the points from a share of target upwards)."""

    __tablename__ = "assessment_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    year: Mapped[int] = mapped_column(Integer)
    indicator_code: Mapped[str] = mapped_column(String(40), ForeignKey("indicators.code"))
    weight: Mapped[float] = mapped_column(Double)
    method: Mapped[str] = mapped_column(String(16))  # share | rank | thresholds
    thresholds: Mapped[str | None] = mapped_column(String(255))
    note: Mapped[str | None] = mapped_column(String(255))
    batch_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("year", "indicator_code", name="uq_assessment_rules_key"),)


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key that an ``INSERT … VALUES`` of one row gave it (every backend we serve
    reports it)."""
    key = result.inserted_primary_key
    assert key is not None, "an INSERT of one row reports its key"
    return int(key[0])


# ------------------------------------------------ gap ledger and subscriptions (issue 32)


class Gap(Base):
    """整改台账: a township without its federation or staff, a village without its association
    or 专职委员 — one row per unit, opened and closed by the coverage data (``data_access.gaps``).

    ``missing``: none (no organisation) | no_staff (organisation, no full-time staff).
    ``state``: open (未启动) | in_progress (推进中) | done (已完成) | verified (已核实, the city's
    confirmation once the data shows the unit built). ``closed_on``: when the data showed it built."""

    __tablename__ = "gaps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    area_code: Mapped[str] = mapped_column(String(CODE), ForeignKey("areas.code"), unique=True)
    county_code: Mapped[str | None] = mapped_column(String(CODE))
    level: Mapped[str] = mapped_column(String(16))
    missing: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    owner_unit: Mapped[str | None] = mapped_column(String(64))
    owner_person: Mapped[str | None] = mapped_column(String(64))
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    opened_on: Mapped[dt.date] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    verified_on: Mapped[dt.date | None] = mapped_column(Date)
    verified_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))
    batch_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_gaps_county_state", "county_code", "state"),)


class GapEvent(Base):
    """A gap's history: who changed what when (``username`` is 数据 for the coverage data)."""

    __tablename__ = "gap_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    gap_id: Mapped[int] = mapped_column(Integer, ForeignKey("gaps.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))  # opened update closed reopened verified evidence
    detail: Mapped[str | None] = mapped_column(Text)


class GapEvidence(Base):
    """A file or photo showing a gap's progress: PDF, PNG or JPEG (photos re-encoded without
    their EXIF, which may hold where and when a person was photographed)."""

    __tablename__ = "gap_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    gap_id: Mapped[int] = mapped_column(Integer, ForeignKey("gaps.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(32))
    data: Mapped[bytes] = mapped_column(LargeBinary(8 * 1024 * 1024))
    uploaded_by: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Subscription(Base):
    """A recipient of figures on a schedule: ``content`` deck | summary (| circular), for a
    county (``county_code``) or the whole city (None), ``schedule`` monthly (after the monthly
    report's deadline) | weekly, by e-mail (``emails``, comma-separated) and/or a group robot
    (``webhook_url``, ``webhook_kind`` dingtalk | wecom)."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64))
    county_code: Mapped[str | None] = mapped_column(String(CODE))
    content: Mapped[str] = mapped_column(String(16))
    schedule: Mapped[str] = mapped_column(String(16))
    lang: Mapped[str] = mapped_column(String(4), default="zh")
    emails: Mapped[str | None] = mapped_column(Text)
    webhook_url: Mapped[str | None] = mapped_column(String(500))
    webhook_kind: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Delivery(Base):
    """One sending of a subscription for a period over one channel, and its lock.

    ``idem_key`` (subscription × period × channel) is unique, so a period is sent once however
    many processes run. A sender claims a row with one UPDATE … WHERE state/lease (works on
    SQLite, PostgreSQL and MariaDB); ``state``: pending | sending | sent | failed (retried after
    ``next_try_at``) | dead (retries used up)."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subscription_id: Mapped[int] = mapped_column(Integer, ForeignKey("subscriptions.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(24))  # 2026-11, 2026-W48, now-20261215090000
    channel: Mapped[str] = mapped_column(String(8))
    idem_key: Mapped[str] = mapped_column(String(96), unique=True)
    state: Mapped[str] = mapped_column(String(12))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    next_try_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(String(255))

    __table_args__ = (Index("ix_deliveries_state_next", "state", "next_try_at"),)
