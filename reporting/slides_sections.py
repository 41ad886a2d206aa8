"""The section slides (一 … 五): organisation coverage with the map, 机构与队伍, the lectures,
rehabilitation, employment, education, culture and sport, rights protection and social
mobilisation — each a title that states the finding, one chart, the key figures."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from charts.basic import fmt_number
from words import fmt, i18n, vocab

from . import figures as fg
from .data import ReportData
from .slide_model import (
    _L,
    SECTION_NAMES,
    KeyFigure,
    Slide,
    _area_chart,
    _count_axis,
    _key_figures,
    _n,
    _ok,
    _title,
    _unit,
)


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
            f"乡镇(街道)残联覆盖率{_n(d, 'org_township_coverage', lang)}%，尚有{missing}个乡镇(街道)未建立残联",
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
        fg.coverage_map(d.township_map, d.county_names, labels, d.county_shapes, gap_title, lang=lang)
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
                f"{_n(d, 'social_volunteers', lang)}名志愿者助残服务{{n}}小时",
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
    staffing: pd.DataFrame, units: pd.DataFrame, counties: int, whole_city: bool, lang: str
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
        who = vocab.word(r.speaker, lang) + (
            i18n.text("report_lecture_county", lang, county=r.county) if r.county else ""
        )
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


BUILDERS = {
    "org": _org,
    "rehab": _rehab,
    "employment": _employment,
    "education": _education,
    "culture": _culture,
    "rights": _rights,
    "social": _social,
}
