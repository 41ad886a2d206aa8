"""The slide model: for a set of filters, a cover and then one message per slide — a
title that states the finding (computed from the data), one large chart, the key
figures — for organisation coverage (with the map), rehabilitation, employment,
education, culture and sport, rights protection and social mobilisation.

The page, the PPTX and the PDF all draw this same list, so what is said at the video
conference, what is sent ahead and what the dashboard shows agree to the unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from ui import fmt

from . import figures as fg
from .data import SECTIONS, ReportData
from .summary import Summary, build_summary

SECTION_NAMES = {
    "org": ("一、基层组织建设", "Grassroots organisation"),
    "rehab": ("三、残疾人康复服务", "Rehabilitation"),
    "employment": ("三、残疾人就业创业", "Employment"),
    "education": ("三、残疾人教育扶持", "Education"),
    "culture": ("三、残疾人文化体育", "Culture and sport"),
    "rights": ("四、残疾人权益保障", "Rights protection"),
    "social": ("五、动员社会力量", "Social mobilisation"),
}


@dataclass
class KeyFigure:
    code: str
    label: str  # 新增残疾人就业
    value: str  # 1,000 人
    change: str | None  # 较上年 +6.4%（+60）
    raw: float | None


@dataclass
class Slide:
    key: str  # cover | org | rehab | …
    section: str  # 三、残疾人就业创业
    title: str  # the finding
    figure: go.Figure | None = None
    chart_caption: str = ""  # what the chart shows, with its unit
    figures: list[KeyFigure] = field(default_factory=list)
    table: pd.DataFrame | None = None  # the chart's numbers
    notes: str = ""  # speaker notes: the written summary's paragraph
    subtitle: str = ""  # cover only


@dataclass
class Deck:
    federation: str  # 示例市残疾人联合会
    year: int
    scope: str  # 全市 / 青林县
    date_text: str
    lang: str
    slides: list[Slide]
    summary: Summary

    @property
    def footer(self) -> str:
        return f"{self.federation} · {self.year}{'年' if self.lang == 'zh' else ''} · {self.scope}"

    def charts(self) -> list[tuple[int, go.Figure]]:
        return [(i, s.figure) for i, s in enumerate(self.slides) if s.figure is not None]


# ------------------------------------------------------------------ wording


def _L(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def value_text(v: float | None, decimals: int, unit: str, unit_en: str | None = None, lang: str = "zh") -> str:
    """1,000 人 / 2,036 万元 / 100.0% / CNY 20.36 million."""
    return fmt.with_unit(v, decimals, unit, unit_en, lang)


def change_text(row: pd.Series, lang: str) -> str | None:
    """较上年 +6.4%（+60） / 较上年 +3.0个百分点 / 与上年持平; None without last year."""
    c = fmt.row_change(row)
    if c is None:
        return None
    if c.flat:
        return _L(lang, "与上年持平", "unchanged on last year")
    return _L(lang, "较上年 ", "vs last year ") + fmt.delta_text(c, lang)


def _short_change(row: pd.Series, lang: str) -> str:
    """，比上年增长6.4% — for titles, right after the figure it belongs to."""
    c = fmt.row_change(row)
    if c is None or (c.pct is None and not c.flat):
        return ""
    if c.flat:
        return _L(lang, "，与上年持平", ", unchanged on last year")
    word = _L(lang, "增长" if c.up else "下降", "up" if c.up else "down")
    p = fmt.number(abs(c.pct), fmt.PCT_DECIMALS)
    return _L(lang, f"，比上年{word}{p}%", f" ({word} {p}% on last year)")


def _unit(row: pd.Series, lang: str) -> str:
    return row["unit_en"] if lang == "en" else row["unit_zh"]


def _key_figures(d: ReportData, codes: tuple[str, ...], lang: str) -> list[KeyFigure]:
    out = []
    for code in codes:
        r = d.row(code)
        v = None if pd.isna(r["value"]) else float(r["value"])
        out.append(
            KeyFigure(
                code=code,
                label=r["name_en"] if lang == "en" else r["name_zh"],
                value=value_text(v, int(r["decimals"]), r["unit_zh"], r["unit_en"], lang),
                change=change_text(r, lang),
                raw=v,
            )
        )
    return out


def _n(d: ReportData, code: str, lang: str = "zh") -> str:
    v = d.value(code)
    if v is None:
        return "—"
    r = d.row(code)
    if lang == "en" and r["unit_zh"] == fmt.WAN:
        return fmt.money_en(v, int(r["decimals"]))
    if lang != "en" and r["unit_zh"] != "%":
        return fmt.wan_words(v, int(r["decimals"]))  # 1万小时, as the work summary writes it
    return fmt.plain(v, int(r["decimals"]), lang)


def _area_word(d: ReportData, lang: str) -> str:
    return _L(
        lang,
        "各乡镇(街道)" if d.area_level == "township" else "各县(区)",
        "by township" if d.area_level == "township" else "by county",
    )


def _area_chart(d: ReportData, code: str, lang: str) -> tuple[go.Figure | None, str, pd.DataFrame | None]:
    r = d.row(code)
    a = d.areas_of(code)
    unit = _unit(r, lang)
    name = r["name_en"] if lang == "en" else r["name_zh"]
    title = f"{name}（{unit}）" if lang == "zh" else f"{name} ({unit})"
    if len(a) < 2:  # reported for the county only: its years instead of its townships
        tr = d.trend[d.trend["code"] == code].sort_values("year")
        if tr.empty:
            return None, "", None
        fig = fg.year_line(tr, title, int(r["decimals"]))
        return fig, _L(lang, f"历年{title}", f"{title} by year"), tr[["year", "value"]].reset_index(drop=True)
    fig = fg.area_bars(a, title, int(r["decimals"]))
    caption = _L(lang, f"{_area_word(d, lang)}{title}", f"{title}, {_area_word(d, lang)}")
    table = a[["area_code", "area_name", "value"]].rename(columns={"area_code": "county_code"})
    if d.area_level == "township":
        table = table.rename(columns={"county_code": "township_code"})
    return fig, caption, fg.figure_table(table, int(r["decimals"]))


# ------------------------------------------------------------------ the slides


def _org(d: ReportData, lang: str) -> Slide:
    t, v = d.coverage["township"], d.coverage["village"]
    done = t["total"] > 0 and t["covered"] == t["total"] and v["covered"] == v["total"]
    missing = t["total"] - t["covered"]
    if done:
        title = _L(
            lang,
            f"{t['total']}个乡镇(街道)、{v['total']}个村(社区)残联组织全覆盖，实现“乡乡有机构、村村有服务”",
            f"Every one of {t['total']} townships and {v['total']} villages has its organisation",
        )
    else:
        title = _L(
            lang,
            f"乡镇(街道)残联覆盖率{_n(d, 'org_township_coverage')}%，尚有{missing}个乡镇(街道)未建立残联",
            f"Township coverage {_n(d, 'org_township_coverage', lang)}%: {missing} townships still without a federation",
        )
    labels = _L(lang, "已建立乡镇(街道)残联", "With a federation"), _L(lang, "尚未建立", "Not yet")
    fig = fg.coverage_map(d.township_map, d.county_names, labels) if not d.township_map.empty else None
    table = d.township_map[["code", "name", "county_code", "covered"]].rename(columns={"code": "township_code"})
    return Slide(
        "org",
        SECTION_NAMES["org"][lang == "en"],
        title,
        fig,
        _L(lang, f"{d.year}年末各乡镇(街道)残联建立情况", f"Township federations at the end of {d.year}"),
        _key_figures(d, ("org_township_coverage", "org_village_coverage", "org_village_staff_coverage"), lang),
        table,
    )


def _rehab(d: ReportData, lang: str) -> Slide:
    r = d.row("rehab_funds")
    title = _L(
        lang,
        f"投入康复专项资金{_n(d, 'rehab_funds')}万元{_short_change(r, lang)}，新增康复床位{_n(d, 'rehab_beds')}张",
        f"{_n(d, 'rehab_funds', lang)} for rehabilitation{_short_change(r, lang)}; "
        f"{_n(d, 'rehab_beds', lang)} new beds",
    )
    fig, cap, table = _area_chart(d, "rehab_funds", lang)
    codes = ("rehab_funds", "rehab_centres", "rehab_beds", "rehab_trainings", "rehab_beneficiaries")
    return Slide("rehab", SECTION_NAMES["rehab"][lang == "en"], title, fig, cap, _key_figures(d, codes, lang), table)


def _employment(d: ReportData, lang: str) -> Slide:
    r = d.row("emp_new")
    title = _L(
        lang,
        f"新增残疾人就业{_n(d, 'emp_new')}人{_short_change(r, lang)}，其中自主创业{_n(d, 'emp_self')}人",
        f"{_n(d, 'emp_new', lang)} newly employed{_short_change(r, lang)}, {_n(d, 'emp_self', lang)} of them self-employed",
    )
    tr = d.trend[d.trend["code"].isin(["emp_new", "emp_self"])]
    names = {c: (d.row(c)["name_en"] if lang == "en" else d.row(c)["name_zh"]) for c in ("emp_new", "emp_self")}
    unit = _unit(r, lang)
    fig = fg.year_bars(tr, names, _L(lang, f"人数（{unit}）", f"Persons ({unit})")) if not tr.empty else None
    cap = _L(lang, "历年新增残疾人就业和自主创业人数（人）", "New employment and self-employment by year (persons)")
    table = tr.pivot_table(index="year", columns="code", values="value").reset_index() if not tr.empty else None
    codes = ("emp_new", "emp_self", "emp_training", "emp_income_growth")
    return Slide(
        "employment", SECTION_NAMES["employment"][lang == "en"], title, fig, cap, _key_figures(d, codes, lang), table
    )


def _education(d: ReportData, lang: str) -> Slide:
    r = d.row("edu_students")
    title = _L(
        lang,
        f"资助残疾学生{_n(d, 'edu_students')}人次{_short_change(r, lang)}，发放助学金{_n(d, 'edu_aid')}万元",
        f"{_n(d, 'edu_students', lang)} student-times aided{_short_change(r, lang)}, {_n(d, 'edu_aid', lang)} paid",
    )
    fig, cap, table = _area_chart(d, "edu_students", lang)
    codes = ("edu_students", "edu_aid", "edu_enrol_rate")
    return Slide(
        "education", SECTION_NAMES["education"][lang == "en"], title, fig, cap, _key_figures(d, codes, lang), table
    )


def _culture(d: ReportData, lang: str) -> Slide:
    r = d.row("culture_events")
    title = _L(
        lang,
        f"举办残疾人文化体育活动{_n(d, 'culture_events')}场次{_short_change(r, lang)}，"
        f"参与{_n(d, 'culture_participants')}人次",
        f"{_n(d, 'culture_events', lang)} culture and sport events{_short_change(r, lang)}, "
        f"{_n(d, 'culture_participants', lang)} participant-times",
    )
    tr = d.trend[d.trend["code"] == "culture_participants"].sort_values("year")
    unit = _unit(d.row("culture_participants"), lang)
    fig = fg.year_line(tr, _L(lang, f"参与人次（{unit}）", f"Participants ({unit})")) if not tr.empty else None
    cap = _L(lang, "历年文体活动参与人次", "Participants in culture and sport, by year")
    table = tr[["year", "value"]] if not tr.empty else None
    codes = ("culture_events", "culture_participants")
    return Slide(
        "culture", SECTION_NAMES["culture"][lang == "en"], title, fig, cap, _key_figures(d, codes, lang), table
    )


def _rights(d: ReportData, lang: str) -> Slide:
    r = d.row("rights_legal_aid")
    lt = d.legal_types
    top = (
        _L(
            lang,
            f"，{lt['case_type'].iloc[0]}最多（{lt['cases'].iloc[0]}件）",
            f", most of them {lt['case_type'].iloc[0]} ({lt['cases'].iloc[0]})",
        )
        if not lt.empty
        else ""
    )
    title = _L(
        lang,
        f"受理残疾人法律援助案件{_n(d, 'rights_legal_aid')}件{_short_change(r, lang)}{top}",
        f"{_n(d, 'rights_legal_aid', lang)} legal-aid cases{_short_change(r, lang)}{top}",
    )
    fig = fg.category_bars(lt, "case_type", "cases", _L(lang, "案件数（件）", "Cases")) if not lt.empty else None
    cap = _L(lang, f"{d.year}年法律援助案件按类型（件）", f"Legal-aid cases by type, {d.year}")
    codes = ("rights_legal_aid", "rights_access_projects", "rights_infringement")
    return Slide("rights", SECTION_NAMES["rights"][lang == "en"], title, fig, cap, _key_figures(d, codes, lang), lt)


def _social(d: ReportData, lang: str) -> Slide:
    title = _L(
        lang,
        f"{_n(d, 'social_volunteers')}名志愿者助残服务{_n(d, 'social_volunteer_hours')}小时，"
        f"社会捐赠款物{_n(d, 'social_donations')}万元",
        f"{_n(d, 'social_volunteers', lang)} volunteers served {_n(d, 'social_volunteer_hours', lang)} hours; "
        f"donations {_n(d, 'social_donations', lang)}",
    )
    fig, cap, table = _area_chart(d, "social_volunteer_hours", lang)
    codes = ("social_donations", "social_volunteers", "social_volunteer_hours")
    return Slide("social", SECTION_NAMES["social"][lang == "en"], title, fig, cap, _key_figures(d, codes, lang), table)


BUILDERS = {
    "org": _org,
    "rehab": _rehab,
    "employment": _employment,
    "education": _education,
    "culture": _culture,
    "rights": _rights,
    "social": _social,
}


def build_deck(d: ReportData, lang: str = "zh", summary: Summary | None = None) -> Deck:
    """The cover and one slide per section; the summary's paragraphs as speaker notes."""
    summary = summary or build_summary(d, lang)
    federation = _L(lang, f"{d.city}残疾人联合会", f"{d.city} Disabled Persons' Federation")
    scope = d.scope_label(lang)
    date_text = _L(lang, f"{d.today.year}年{d.today.month}月{d.today.day}日", d.today.isoformat())
    cover = Slide(
        "cover",
        federation,
        _L(
            lang,
            f"{d.city if d.whole_city else scope}{d.year}年残疾人事业发展情况汇报",
            f"{d.city if d.whole_city else scope}: the federation's work in {d.year}",
        ),
        subtitle=_L(lang, "全省残联系统电视电话会", "Provincial video conference of the federations"),
        notes=summary.text(),
    )
    slides = [cover]
    notes = {s.key: s.paragraph for s in summary.sections}
    for key, _codes in SECTIONS:
        s = BUILDERS[key](d, lang)
        if all(k.raw is None for k in s.figures):
            s.title = _L(lang, "所选范围和年度没有数据", "No data for this selection")
            s.figure = None
        s.notes = notes.get(key, "")
        slides.append(s)
    return Deck(federation, d.year, scope, date_text, lang, slides, summary)


# ------------------------------------------------------------------ data quality (issue 19)


def quality_note(counts: dict, lang: str = "zh") -> str:
    """What the figures rest on, for the cover: the deck shows all loaded data, approved or not."""
    if not counts.get("due"):
        return ""
    return _L(
        lang,
        f"数据含未经审核的报送（{counts['year']}年已审核 {counts['approved']}/{counts['due']} 期次，"
        f"未报 {counts['missing']} 期次）",
        f"includes data not yet approved ({counts['approved']} of {counts['due']} periods of {counts['year']} "
        f"approved, {counts['missing']} missing)",
    )


def quality_slide(summary: pd.DataFrame, counts: dict, lang: str = "zh") -> Slide:
    """The optional slide: the counties' 月报 by period (on time, late, missing) and the year's counts."""
    from charts import quality as qc

    monthly = summary[summary["report"] == "monthly"] if len(summary) else summary
    due = max(counts.get("due", 0), 1)
    pct = counts.get("on_time", 0) / due * 100
    title = _L(
        lang,
        f"{counts['year']}年各县(区)按时报送 {counts.get('on_time', 0)} 期次，按时率{fmt.number(pct, 1)}%"
        + (f"，{counts['missing']} 期次未报" if counts.get("missing") else ""),
        f"{counts['year']}: {counts.get('on_time', 0)} reports on time ({fmt.number(pct, 1)}%)"
        + (f", {counts['missing']} missing" if counts.get("missing") else ""),
    )
    figures = [
        KeyFigure("on_time", _L(lang, "按时", "On time"), f"{counts.get('on_time', 0)}", None, counts.get("on_time")),
        KeyFigure("late", _L(lang, "逾期", "Late"), f"{counts.get('late', 0)}", None, counts.get("late")),
        KeyFigure("missing", _L(lang, "未报", "Missing"), f"{counts.get('missing', 0)}", None, counts.get("missing")),
        KeyFigure(
            "approved", _L(lang, "已审核", "Approved"), f"{counts.get('approved', 0)}", None, counts.get("approved")
        ),
    ]
    return Slide(
        "quality",
        _L(lang, "数据质量：报送与审核", "Data quality: reporting and approval"),
        title,
        figure=qc.completeness_chart(monthly) if len(monthly) else None,
        chart_caption=_L(
            lang, "月报：各报送期按时、逾期、未报的县(区)数", "Monthly report: counties on time, late, missing"
        ),
        figures=figures,
        table=monthly.drop(columns=["report"]) if len(monthly) else None,
        notes=qc.completeness_finding(monthly, "月报") if lang == "zh" else "",
    )


def with_quality(deck: Deck, summary: pd.DataFrame, counts: pd.DataFrame | dict, slide: bool = False) -> Deck:
    """The deck with its cover saying what the figures rest on and, if asked, the quality slide.
    ``counts``: ``quality_approval_counts`` (its one row)."""
    if isinstance(counts, pd.DataFrame):
        counts = {k: int(v) for k, v in counts.iloc[0].items()}
    note = quality_note(counts, deck.lang)
    if note:
        deck.date_text = f"{deck.date_text} · {note}"
    if slide and counts.get("due"):
        deck.slides.append(quality_slide(summary, counts, deck.lang))
    return deck
