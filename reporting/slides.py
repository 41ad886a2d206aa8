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

from charts.basic import fmt_number
from data_access import identity
from data_access.plan import plan_name
from words import fmt, vocab
from words import sections as sec

from . import figures as fg
from .data import SECTIONS, ReportData
from .summary import Summary, build_summary

# numbered as the work summary numbers its sections (words.sections), with （一）…（四） inside 三


def _section_line(key: str, lang: str) -> str:
    s = sec.SECTIONS[key]
    if s.sub is None:
        return sec.label(key, lang)
    top = sec.SECTIONS[sec.parent(key) or key]
    if lang == "en":
        return f"{s.number}. {top.short_en} ({s.sub}) {s.short_en}"
    return f"{sec.numeral(s.number)}、{top.short_zh} （{sec.numeral(s.sub)}）{s.short_zh}"


SECTION_NAMES = {k: (_section_line(k, "zh"), _section_line(k, "en")) for k in sec.OVERVIEW_KEYS}
SECTION_NAMES["staffing"] = (sec.label("org", "zh") + " · 机构与队伍", sec.label("org", "en") + " · posts and people")
SECTION_NAMES["ideology"] = (sec.label("political", "zh"), sec.label("political", "en"))
# slides that are not an indicator section of reporting.data.SECTIONS, and where they go
EXTRA_AFTER = {"org": ("staffing", "ideology")}


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
    items: list[tuple[str, str]] = field(default_factory=list)  # a list instead of a chart: (when, what)


@dataclass
class Deck:
    federation: str  # 示例市残疾人联合会; 青林县残疾人联合会 for a county deck
    year: int
    scope: str  # 全市 / 青林县
    date_text: str
    lang: str
    slides: list[Slide]
    summary: Summary
    emblem: str = ""  # data: URI of the federation's emblem (SVG or PNG)

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


def _ok(d: ReportData, code: str) -> bool:
    """A figure a title may state: known this year and not doubted by a validation rule."""
    return code in d.kpis.index and d.value(code) is not None and not d.doubted(code)


def _title(d: ReportData, lang: str, clauses: list[tuple[str, str, str]], change: bool = True) -> str:
    """The finding from the clauses whose figure is there: (code, zh, en) with {n} for the figure
    and {c} for its change; the first stated clause carries the change. A missing or doubted
    figure is left out, never written as — or 0; a change over a county missing is left to the
    notes (like for like)."""
    out = []
    for code, zh, en in clauses:
        if not _ok(d, code):
            continue
        k = d.known_of(code)
        c = "" if out or k.incomplete or not change else _short_change(d.row(code), lang)
        out.append(_L(lang, zh, en).format(n=_n(d, code, lang), c=c))
    if not out:
        return ""
    return _L(lang, "，".join(out), "; ".join(out))


def _count_axis(fig: go.Figure | None, axis: str = "x") -> None:
    """Counts on an integer axis: no 0.2 名 ticks."""
    if fig is None:
        return
    vals = []
    for tr in fig.data:
        xs = getattr(tr, axis)
        vals += [
            float(v) for v in (list(xs) if xs is not None else []) if isinstance(v, int | float) or hasattr(v, "dtype")
        ]
    top = max(vals) if vals else 0
    opts = {"tickformat": ",d", "rangemode": "tozero"}
    if top <= 10:
        opts["dtick"] = 1
    (fig.update_xaxes if axis == "x" else fig.update_yaxes)(**opts)


def _area_word(d: ReportData, lang: str) -> str:
    return _L(
        lang,
        "各乡镇(街道)" if d.area_level == "township" else "各县(区)",
        "by township" if d.area_level == "township" else "by county",
    )


def _area_chart(d: ReportData, code: str, lang: str) -> tuple[go.Figure | None, str, pd.DataFrame | None]:
    r = d.row(code)
    a = d.areas_of(code)
    if len(a):
        mark = _L(lang, "（待核实）", " (to be verified)")
        a = a.assign(
            area_name=[
                n + mark if d.doubted(code, c) else n for n, c in zip(a["area_name"], a["area_code"], strict=True)
            ]
        )
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
    if int(r["decimals"]) == 0 and r["unit_zh"] != "%":
        _count_axis(fig, "x")
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
    elif t["total"] == 0 or not _ok(d, "org_township_coverage"):
        title = ""
    elif missing:
        title = _L(
            lang,
            f"乡镇(街道)残联覆盖率{_n(d, 'org_township_coverage')}%，尚有{missing}个乡镇(街道)未建立残联",
            f"Township coverage {_n(d, 'org_township_coverage', lang)}%: {missing} township{'s' if missing != 1 else ''} "
            "still without a federation",
        )
    else:
        gap = v["total"] - v["covered"]
        title = _L(
            lang,
            f"乡镇(街道)残联全覆盖，{v['total']}个村(社区)中尚有{gap}个未建立残协",
            f"A federation in every township; {gap} of {v['total']} villages still without an association",
        )
    labels = _L(lang, "已建立乡镇(街道)残联", "With a federation"), _L(lang, "尚未建立", "Not yet")
    gap_title = _L(lang, "尚未建立残联的乡镇(街道)", "Townships without a federation")
    fig = (
        fg.coverage_map(d.township_map, d.county_names, labels, d.county_shapes, gap_title)
        if not d.township_map.empty
        else None
    )
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
    title = _title(
        d,
        lang,
        [
            ("rehab_funds", "投入康复专项资金{n}万元{c}", "{n} for rehabilitation{c}"),
            ("rehab_beds", "新增康复床位{n}张{c}", "{n} new beds{c}"),
            ("rehab_centres", "新建和改扩建康复中心{n}个{c}", "{n} centres built or expanded{c}"),
        ][: 2 if _ok(d, "rehab_funds") and _ok(d, "rehab_beds") else 3],
    )
    fig, cap, table = _area_chart(d, "rehab_funds", lang)
    codes = ("rehab_funds", "rehab_centres", "rehab_beds", "rehab_trainings", "rehab_beneficiaries")
    return Slide("rehab", SECTION_NAMES["rehab"][lang == "en"], title, fig, cap, _key_figures(d, codes, lang), table)


def _employment(d: ReportData, lang: str) -> Slide:
    r = d.row("emp_new")
    title = _title(
        d,
        lang,
        [
            ("emp_new", "新增残疾人就业{n}人{c}", "{n} newly employed{c}"),
            (
                "emp_self",
                "其中自主创业{n}人" if _ok(d, "emp_new") else "自主创业{n}人{c}",
                "{n} of them self-employed" if _ok(d, "emp_new") else "{n} self-employed{c}",
            ),
        ],
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
    title = _title(
        d,
        lang,
        [
            ("edu_students", "资助残疾学生{n}人次{c}", "{n} student-times aided{c}"),
            ("edu_aid", "发放助学金{n}万元{c}", "{n} paid in student aid{c}"),
        ],
    )
    fig, cap, table = _area_chart(d, "edu_students", lang)
    codes = ("edu_students", "edu_aid", "edu_enrol_rate")
    return Slide(
        "education", SECTION_NAMES["education"][lang == "en"], title, fig, cap, _key_figures(d, codes, lang), table
    )


def _culture(d: ReportData, lang: str) -> Slide:
    title = _title(
        d,
        lang,
        [
            ("culture_events", "举办残疾人文化体育活动{n}场次{c}", "{n} culture and sport events{c}"),
            ("culture_participants", "参与{n}人次{c}", "{n} participant-times{c}"),
        ],
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
    lt = d.legal_types
    top = ""
    if not lt.empty and lt["cases"].max() > 0:
        most = lt[lt["cases"] == lt["cases"].max()]
        n = int(most["cases"].iloc[0])
        if len(most) == 1:
            top = _L(
                lang,
                f"，{most['case_type'].iloc[0]}最多（{n}件）",
                f", most of them {vocab.word(most['case_type'].iloc[0], 'en')} ({n})",
            )
        elif len(most) < len(lt):
            names = list(most["case_type"])
            top = _L(
                lang,
                f"，{'、'.join(names)}最多（各{n}件）",
                f", most on {fmt.join([vocab.word(x, 'en') for x in names], 'en')} ({n} each)",
            )
    title = _title(d, lang, [("rights_legal_aid", "受理残疾人法律援助案件{n}件{c}", "{n} legal-aid cases{c}")])
    title = title + top if title else ""
    fig = fg.category_bars(lt, "case_type", "cases", _L(lang, "案件数（件）", "Cases")) if not lt.empty else None
    cap = _L(lang, f"{d.year}年法律援助案件按类型（件）", f"Legal-aid cases by type, {d.year}")
    codes = ("rights_legal_aid", "rights_access_projects", "rights_infringement")
    return Slide("rights", SECTION_NAMES["rights"][lang == "en"], title, fig, cap, _key_figures(d, codes, lang), lt)


def _social(d: ReportData, lang: str) -> Slide:
    if _ok(d, "social_volunteers") and _ok(d, "social_volunteer_hours"):
        first = [
            (
                "social_volunteer_hours",
                f"{_n(d, 'social_volunteers')}名志愿者助残服务{{n}}小时",
                f"{_n(d, 'social_volunteers', lang)} volunteers served {{n}} hours",
            )
        ]
    else:
        first = [
            ("social_volunteers", "{n}名志愿者参与助残服务", "{n} volunteers"),
            ("social_volunteer_hours", "志愿服务{n}小时", "{n} hours of service"),
        ]
    title = _title(d, lang, [*first, ("social_donations", "社会捐赠款物{n}万元", "donations {n}")], change=False)
    fig, cap, table = _area_chart(d, "social_volunteer_hours", lang)
    codes = ("social_donations", "social_volunteers", "social_volunteer_hours")
    return Slide("social", SECTION_NAMES["social"][lang == "en"], title, fig, cap, _key_figures(d, codes, lang), table)


def _posts(d: ReportData, level: str, *kinds: str) -> int:
    st = d.staffing
    return int(st[(st["level"] == level) & st["post_kind"].isin(kinds)]["count"].sum())


def _fig(code: str, label: str, v: int | None, unit: str, lang: str) -> KeyFigure:
    text = "—" if v is None else f"{fmt_number(v, 0)} {unit}".strip()
    return KeyFigure(code, label, text, None, None if v is None else float(v))


def staffing_figures(
    staffing: pd.DataFrame, units: pd.DataFrame, counties: int, whole_city: bool, lang: str = "zh"
) -> list[KeyFigure]:
    """Section 一's staffing and reform in figures: posts added (city centre, county
    administration), 以钱养事 hires, 兼(挂)职副理事长, county party groups and counties
    with all five special associations registered. ``staffing``: ``report_staffing``;
    ``units``: ``org_county_units`` up to the year's end. The Overview shows the same."""
    d = _Staff(staffing)
    u = units[units["county_code"].notna()] if not units.empty else units
    groups = int((u["org_type"] == "party_group").sum()) if not u.empty else 0
    assoc = u[u["org_type"] != "party_group"] if not u.empty else u
    full = int((assoc.groupby("county_code")["org_type"].nunique() >= 5).sum()) if not assoc.empty else 0
    ren, ge = _L(lang, "名", "persons"), _L(lang, "个", "")
    figures = []
    if whole_city:
        figures.append(
            _fig(
                "staff_city_posts",
                _L(lang, "市级新增编制", "New city posts"),
                d.posts("city", "centre_posts"),
                ren,
                lang,
            )
        )
    figures += [
        _fig(
            "staff_county_posts",
            _L(lang, "县级新增行政编制", "New county admin posts"),
            d.posts("county", "admin_posts"),
            ren,
            lang,
        ),
        _fig("staff_hires", _L(lang, "“以钱养事”工作人员", "Contract hires"), d.both("paid_hires"), ren, lang),
        _fig(
            "staff_vice_chairs", _L(lang, "兼(挂)职副理事长", "Part-time vice-chairs"), d.both("vice_chairs"), ren, lang
        ),
        KeyFigure(
            "staff_party_groups",
            _L(lang, "设立党组的县级残联", "County federations with a party group"),
            f"{groups} / {counties} {ge}".strip(),
            None,
            float(groups),
        ),
        KeyFigure(
            "staff_associations",
            _L(lang, "五个专门协会均已注册的县(区)", "Counties with all five associations"),
            f"{full} / {counties} {ge}".strip(),
            None,
            float(full),
        ),
    ]
    return figures


@dataclass
class _Staff:
    frame: pd.DataFrame

    def posts(self, level: str, *kinds: str) -> int:
        st = self.frame
        return int(st[(st["level"] == level) & st["post_kind"].isin(kinds)]["count"].sum())

    def both(self, kind: str) -> int:
        return self.posts("city", kind) + self.posts("county", kind)


def _staffing(d: ReportData, lang: str) -> Slide:
    """机构与队伍: the posts, hires and vice-chairs of the year, the county party groups
    and the five special associations registered — section 一's staffing and reform."""
    city_posts = _posts(d, "city", "centre_posts")
    county_posts = _posts(d, "county", "admin_posts")
    welfare = _posts(d, "county", "public_welfare_posts")
    hires = _posts(d, "city", "paid_hires") + _posts(d, "county", "paid_hires")
    chairs = _posts(d, "city", "vice_chairs") + _posts(d, "county", "vice_chairs")
    parts = []  # a zero is not an achievement: only what was added is stated
    if d.whole_city and city_posts:
        parts.append(
            _L(lang, f"市级新增编制{city_posts}名", f"{city_posts} new city post{'s' if city_posts != 1 else ''}")
        )
    if county_posts:
        parts.append(
            _L(
                lang,
                f"县级新增行政编制{county_posts}名",
                f"{county_posts} new county admin post{'s' if county_posts != 1 else ''}",
            )
        )
    if hires:
        parts.append(_L(lang, f"招聘“以钱养事”人员{hires}名", f"{hires} contract hire{'s' if hires != 1 else ''}"))
    if chairs:
        parts.append(
            _L(lang, f"配备兼(挂)职副理事长{chairs}名", f"{chairs} part-time vice-chair{'s' if chairs != 1 else ''}")
        )
    title = _L(lang, "，".join(parts), "; ".join(parts)) if parts else ""
    figures = staffing_figures(d.staffing, d.county_units, d.counties_total, d.whole_city, lang)
    rows = [
        (_L(lang, "市级", "City"), _L(lang, "事业服务中心编制", "Centre posts"), city_posts),
        (_L(lang, "市级", "City"), _L(lang, "“以钱养事”", "Contract hires"), _posts(d, "city", "paid_hires")),
        (_L(lang, "市级", "City"), _L(lang, "兼(挂)职副理事长", "Vice-chairs"), _posts(d, "city", "vice_chairs")),
        (_L(lang, "县级", "County"), _L(lang, "行政编制", "Admin posts"), county_posts),
        (_L(lang, "县级", "County"), _L(lang, "公益一类事业编制", "Public-service posts"), welfare),
        (_L(lang, "县级", "County"), _L(lang, "兼(挂)职副理事长", "Vice-chairs"), _posts(d, "county", "vice_chairs")),
    ]
    table = pd.DataFrame(rows, columns=["level", "kind", "count"])
    if not d.whole_city:
        table = table[table["level"] != _L(lang, "市级", "City")].reset_index(drop=True)
    fig = fg.staffing_bars(table, _L(lang, "人数（名）", "Persons")) if table["count"].sum() > 0 else None
    _count_axis(fig, "x")
    if fig is None and d.known_of("rehab_funds").missing and set(d.scope_codes or ()) <= set(d.silent):
        figures = []  # a county that has not reported: no tiles of zeros either
    notes = title + _L(lang, "。", ". ") + _L(lang, "；", "; ").join(f"{k.label} {k.value}" for k in figures)
    return Slide(
        "staffing",
        SECTION_NAMES["staffing"][lang == "en"],
        title,
        fig,
        _L(lang, f"{d.year}年新增编制、人员和兼(挂)职副理事长（名）", f"Posts and people added in {d.year}"),
        figures,
        table,
        notes,
    )


def _ideology(d: ReportData, lang: str) -> Slide:
    """二: the 专题宣讲 lectures of the year, listed with their date, speaker and title."""
    lec = d.lectures
    n = len(lec)
    people = int(lec["participants"].sum()) if n else 0
    if n:
        title = _L(
            lang,
            f"举办专题宣讲{n}场，参与{fmt_number(people, 0)}人次，强化法治观念和服务意识",
            f"{n} lectures with {fmt_number(people, 0)} participants",
        )
    else:
        title = ""  # nothing to show: the slide is dropped and the cover says so
    items = []
    for r in lec.itertuples():
        when = pd.Timestamp(r.held_on)
        day = _L(lang, f"{when.month}月{when.day}日", when.strftime("%d %b"))
        who = vocab.word(r.speaker, lang) + (f"（{r.county}）" if r.county and lang == "zh" else "")
        items.append((day, _L(lang, f"{who}：《{r.title}》，{r.participants}人参加", f"{who}: {r.title}")))
    figures = (
        [
            _fig("ideology_lectures", _L(lang, "专题宣讲", "Lectures"), n, _L(lang, "场", ""), lang),
            _fig("ideology_people", _L(lang, "参与", "Participants"), people, _L(lang, "人次", ""), lang),
        ]
        if n
        else []
    )
    notes = "；".join(f"{a}，{b}" for a, b in items)
    return Slide(
        "ideology",
        SECTION_NAMES["ideology"][lang == "en"],
        title,
        None,
        _L(lang, f"{d.year}年专题宣讲", f"Lectures in {d.year}"),
        figures,
        lec if n else None,
        notes,
        items=items,
    )


EXTRA_BUILDERS = {"staffing": _staffing, "ideology": _ideology}


# ------------------------------------------------------------------ plan and assessment (issue 18)


TILES = 5  # key figures a slide holds


def plan_slide(d: ReportData, lang: str) -> Slide | None:
    """The plan running in the report year: each target's attainment and projection, the
    status in sign and word. None when no plan runs in the year."""
    from charts import plan as pc

    p = d.plan
    if p is None or p.empty:
        return None
    p = p[(p["plan_first"] <= d.year) & (p["plan_last"] >= d.year)]
    p = p[p["level"] == "city"] if d.whole_city else p[p["area_code"].isin(d.scope_codes or ())]
    if p.empty:
        return None
    plan = p["plan"].iloc[0]
    p = p[p["plan"] == plan]
    # a figure not reported for the year is not assessed on last year's value
    stale = p["latest_year"].isna() | (p["latest_year"] < d.year)
    p = p.assign(status=p["status"].where(~stale, "unknown"))
    name = "name_en" if lang == "en" else "name_zh"
    labels = [n if d.whole_city else f"{a} {n}" for a, n in zip(p["area_name"], p[name], strict=True)]
    p = p.assign(label=labels)
    counts = p["status"].value_counts()
    words = {
        **(pc.STATUS_EN if lang == "en" else pc.STATUS_ZH),
        "unknown": _L(lang, "无法评估（未报送）", "not assessable (not reported)"),
    }
    said = _L(lang, "，", ", ").join(
        f"{n}{_L(lang, '项', ' ')}{words[s]}"
        for s, n in ((s, int(counts.get(s, 0))) for s in (*pc.SIGNS, "unknown"))
        if n
    )
    title = _L(lang, f"{plan}规划{len(p)}项指标：{said}", f"{plan_name(plan, 'en')}, {len(p)} targets: {said}")

    def status(r: dict) -> str:
        if r["status"] == "unknown":
            return _L(lang, f"? {d.year}年未报送，无法评估", f"? not reported for {d.year}: not assessed")
        return pc.status_text(r["status"], lang)

    def latest(r: dict) -> str:
        if r["status"] == "unknown":
            return _L(lang, f"{d.year}年未报送", f"not reported for {d.year}")
        return value_text(r["latest"], int(r["decimals"]), r["unit_zh"], r["unit_en"], lang)

    shown = p.head(TILES)
    # the indicator's own value and its attainment as two labelled figures (an enrolment rate of 99.3 % is
    # not "105 %"); the chart shows the same indicators as the tiles
    figures = [
        KeyFigure(
            code=r["code"],
            label=r["label"],
            value=latest(r),
            change=_L(lang, "完成目标", "of target ") + pc.pct(r["attainment"]) + " · " + status(r)
            if r["status"] != "unknown"
            else status(r),
            raw=None if r["status"] == "unknown" or pd.isna(r["latest"]) else float(r["latest"]),
        )
        for r in shown.to_dict("records")
    ]
    table = p[["label", "latest", "target", "attainment", "projection", "projected_attainment", "status"]]
    lines = [
        _L(
            lang,
            f"{r['label']}：{value_text(r['latest'], int(r['decimals']), r['unit_zh'], r['unit_en'], lang)}，目标"
            f"{'≤' if r['direction'] == 'at_most' else '≥'}{value_text(r['target'], int(r['decimals']), r['unit_zh'], r['unit_en'], lang)}"
            f"（{int(r['target_year'])}年），完成{pc.pct(r['attainment'])}，预计期末完成{pc.pct(r['projected_attainment'])}，"
            f"{pc.status_text(r['status'], lang)}。",
            f"{r['label']}: {value_text(r['latest'], int(r['decimals']), r['unit_zh'], r['unit_en'], lang)}, target "
            f"{'≤' if r['direction'] == 'at_most' else '≥'}{value_text(r['target'], int(r['decimals']), r['unit_zh'], r['unit_en'], lang)} "
            f"({int(r['target_year'])}), {pc.pct(r['attainment'])} attained, "
            f"{pc.pct(r['projected_attainment'])} projected, {pc.status_text(r['status'], lang)}.",
        )
        if r["status"] != "unknown"
        else _L(
            lang,
            f"{r['label']}：{d.year}年未报送，无法评估。",
            f"{r['label']}: not reported for {d.year}, not assessed.",
        )
        for r in p.to_dict("records")
    ]
    return Slide(
        "plan",
        _L(lang, "六、规划目标", "Plan targets"),
        title,
        fg.projector(pc.attainment_chart(shown[shown["status"] != "unknown"], "label", lang))
        if (shown["status"] != "unknown").any()
        else None,
        _L(
            lang,
            f"完成目标的百分比：柱为截至{d.year}年，标记为按线性趋势预计的期末值"
            + (f"（列出{len(shown)}项，共{len(p)}项见备注）" if len(p) > len(shown) else ""),
            f"Share of target: bars as of {d.year}, markers projected to the end (linear trend)"
            + (f" ({len(shown)} of {len(p)} shown; all in the notes)" if len(p) > len(shown) else ""),
        ),
        figures,
        table.reset_index(drop=True),
        notes=title + _L(lang, "。", ". ") + "".join(lines),
    )


def assessment_slide(d: ReportData, lang: str) -> Slide | None:
    """The year's county assessment: points per county, stacked by indicator."""
    from charts import plan as pc

    r, rules = d.ranking, d.rules
    if r is None or r.empty or rules is None or rules.empty:
        return None
    title = pc.assessment_finding(r, d.year, lang)
    figures = [
        KeyFigure(
            code=row["county_code"],
            label=f"{int(row['rank'])}. {row['county_name']}",
            value=f"{row['total']:.2f}",
            change=None,
            raw=float(row["total"]),
        )
        for row in r.head(3).to_dict("records")
    ]
    return Slide(
        "assessment",
        _L(lang, "六、年度目标考核", "Yearly assessment"),
        title.rstrip("。"),
        fg.projector(pc.assessment_chart(r, rules, lang)),
        _L(lang, f"{d.year}年度各县(区)考核得分（分）", f"Points of each county, {d.year}"),
        figures,
        r[["rank", "county_name", "total", "reasons"]].reset_index(drop=True),
        notes=_L(lang, "；", "; ").join(
            f"{int(x['rank'])}. {x['county_name']} {x['total']:.2f}" + (f"（{x['reasons']}）" if x["reasons"] else "")
            for x in r.to_dict("records")
        ),
    )


BUILDERS = {
    "org": _org,
    "rehab": _rehab,
    "employment": _employment,
    "education": _education,
    "culture": _culture,
    "rights": _rights,
    "social": _social,
}


def build_deck(d: ReportData, lang: str = "zh", summary: Summary | None = None, assessment: bool = False) -> Deck:
    """The cover and one slide per section, then the plan (when one runs in the year) and,
    if asked, the county assessment; the summary's paragraphs as speaker notes."""
    summary = summary or build_summary(d, lang)
    one = d.scope_codes[0] if d.scope_codes is not None and len(d.scope_codes) == 1 else None
    federation = identity.federation_name(d.city, d.county_names.get(one) if one else None, lang)
    scope = d.scope_label(lang)
    date_text = data_date(d, lang)
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
    dropped: list[str] = []
    for key, _codes in SECTIONS:
        built = [BUILDERS[key](d, lang)] + [EXTRA_BUILDERS[x](d, lang) for x in EXTRA_AFTER.get(key, ())]
        built[0].notes = notes.get(key, "")
        for s in built:
            # a slide with nothing to state is dropped, never shown empty or with a made-up title
            if d.no_data or not s.title or (s.figure is None and not s.items and all(k.raw is None for k in s.figures)):
                dropped.append(s.section)
            else:
                slides.append(s)
    extra = [plan_slide(d, lang), assessment_slide(d, lang) if assessment else None]
    slides += [s for s in extra if s is not None]
    if dropped:
        cover.notes = (
            _L(lang, "以下部分无数据，未列入：", "Left out for want of data: ")
            + _L(lang, "；", "; ").join(dropped)
            + _L(lang, "。\n", ".\n")
            + "\n".join(summary.basis)
            + "\n"
            + cover.notes
        )
        cover.subtitle = cover.subtitle + _L(
            lang,
            f"（{len(dropped)}个部分无数据，未列入）",
            f" ({len(dropped)} part{'s' if len(dropped) != 1 else ''} without data left out)",
        )
    return Deck(federation, d.year, scope, date_text, lang, slides, summary, d.emblem or identity.emblem().data_uri())


def data_date(d: ReportData, lang: str) -> str:
    """The cover's date: the date of the data (数据截至2025年12月), not the day the deck was made;
    the counties not reported named."""
    last = (d.as_of or {}).get("last_month")
    if last:
        text = _L(lang, f"数据截至{d.year}年{last}月", f"Figures up to {fmt.year_month_label(d.year, last, 'en')}")
    elif last == 0:
        text = _L(lang, f"{d.year}年年报数据", f"Yearly figures of {d.year}")
    else:
        text = _L(lang, f"{d.year}年尚无数据", f"No figures for {d.year} yet")
    if d.silent and not d.no_data:
        names = fmt.join([d.county_names.get(c, c) for c in d.silent], lang)
        text += _L(lang, f"（{names}尚未报送）", f" ({names} not yet reported)")
    return text


# ------------------------------------------------------------------ data quality (issue 19)


def quality_note(counts: dict, lang: str = "zh") -> str:
    """What the figures rest on, in the federation's words, for the cover: the deck shows all
    loaded data, approved or not."""
    if not counts.get("due"):
        return ""
    due, ok, miss = counts["due"], counts.get("approved", 0), counts.get("missing", 0)
    if ok >= due and not miss:
        return _L(lang, "全部报表已经市残联审核", "every report approved by the city federation")
    return _L(
        lang,
        f"{counts['year']}年应报{due}期次，经市残联审核{ok}期次"
        + (f"，未报{miss}期次" if miss else "")
        + "，其余数字尚未审核",
        f"{ok} of {due} reports of {counts['year']} approved by the city federation"
        + (f", {miss} not submitted" if miss else "")
        + "; the other figures are not yet approved",
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
