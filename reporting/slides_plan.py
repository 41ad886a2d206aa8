"""The plan, assessment and data-quality slides (六, and the optional ones): targets with the
indicator's value and its attainment as two figures, statuses on missing data, the county
assessment, the reporting and approval of the year."""

from __future__ import annotations

import pandas as pd

from data_access.plan import plan_name
from words import fmt

from . import figures as fg
from .data import ReportData
from .slide_model import _L, Deck, KeyFigure, Slide, value_text

TILES = 5  # key figures a slide holds
UNASSESSED = ("no_data", "partial_data")  # plan statuses on missing data (data_access.plan)


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
    p = p.assign(status=p["status"].where(~stale | p["status"].isin(UNASSESSED), "no_data"), stale=stale.to_numpy())
    name = "name_en" if lang == "en" else "name_zh"
    labels = [n if d.whole_city else f"{a} {n}" for a, n in zip(p["area_name"], p[name], strict=True)]
    p = p.assign(label=labels)
    counts = p["status"].value_counts()
    words = (
        {**pc.STATUS_EN, "no_data": "not assessable (not reported)", "partial_data": "not assessable (incomplete data)"}
        if lang == "en"
        else pc.STATUS_ZH
    )
    said = _L(lang, "，", ", ").join(
        f"{n}{_L(lang, '项', ' ')}{words.get(s, s)}" for s, n in ((s, int(counts.get(s, 0))) for s in pc.SIGNS) if n
    )
    title = _L(lang, f"{plan}规划{len(p)}项指标：{said}", f"{plan_name(plan, 'en')}, {len(p)} targets: {said}")

    def status(r: dict) -> str:
        return pc.status_text(r["status"], lang)

    def latest(r: dict) -> str:
        if r["status"] == "no_data" or r["stale"]:  # never last year's value as this year's
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
            if r["status"] not in UNASSESSED
            else status(r),
            raw=None if r["status"] == "no_data" or r["stale"] or pd.isna(r["latest"]) else float(r["latest"]),
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
        if r["status"] not in UNASSESSED
        else _L(
            lang,
            f"{r['label']}：{pc.status_text(r['status'], 'zh')}。",
            f"{r['label']}: {pc.status_text(r['status'], 'en')}.",
        )
        for r in p.to_dict("records")
    ]
    return Slide(
        "plan",
        _L(lang, "六、规划目标", "Plan targets"),
        title,
        _plan_chart(shown, lang) if (~shown["status"].isin(UNASSESSED)).any() else None,
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


def _plan_chart(shown: pd.DataFrame, lang: str):
    """The tiles' indicators, in the tiles' order; one that cannot be assessed has no bar and no
    projection, only its status (never "—" or 0 %)."""
    from charts import plan as pc

    out = shown["status"].isin(UNASSESSED).to_numpy()
    d = shown.assign(
        attainment=shown["attainment"].where(~out),
        projected_attainment=shown["projected_attainment"].where(~out),
    )
    fig = pc.attainment_chart(d, "label", lang)
    bars, marks = fig.data[0], fig.data[1]
    bars.text = ["" if o else t for t, o in zip(bars.text, out, strict=True)]
    marks.x = [0.0 if o else x for x, o in zip(marks.x, out, strict=True)]
    marks.text = [pc.status_text(st, lang) if o else t for t, o, st in zip(marks.text, out, d["status"], strict=True)]
    fig = fg.projector(fig)
    # room on the right for "105% ✓ 按期完成" / "100% ✓ on track" (the projector's margin clips it)
    fig.update_layout(margin={"r": 250 if lang == "en" else 200})
    return fig


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


# ------------------------------------------------------------------ data quality (issue 19)


def quality_note(counts: dict, lang: str) -> str:
    """What the figures rest on, in the federation's words, for the cover: the deck shows all
    loaded data, approved or not."""
    if not counts.get("due"):
        return ""
    due, ok, miss = counts["due"], counts.get("approved", 0), counts.get("missing", 0)
    if not counts.get("submitted", due - miss):
        return _L(
            lang,
            f"{counts['year']}年应报{due}期次，均未报送",
            f"none of the {due} reports of {counts['year']} submitted",
        )
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


def quality_slide(summary: pd.DataFrame, counts: dict, lang: str) -> Slide:
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
        figure=qc.completeness_chart(monthly, lang) if len(monthly) else None,
        chart_caption=_L(
            lang, "月报：各报送期按时、逾期、未报的县(区)数", "Monthly report: counties on time, late, missing"
        ),
        figures=figures,
        table=monthly.drop(columns=["report"]) if len(monthly) else None,
        notes=qc.completeness_finding(monthly, "月报", lang) if lang == "zh" else "",
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
