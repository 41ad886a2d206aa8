"""The slide model and the words every slide uses: a key figure, a slide, a deck; a figure as a
tile shows it, its change, and a title built from the figures that are there (a missing figure
is left out, never written as — or 0; a figure a validation rule doubts is never the headline)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from charts.theme import PALETTE
from words import fmt
from words import sections as sec
from words.i18n import text

from . import figures as fg
from .data import ReportData
from .summary import Summary

# numbered as the work summary numbers its sections (words.sections), with （一）…（四） inside 三


def _section_line(key: str, lang: str) -> str:
    s = sec.SECTION_HEADINGS[key]
    if s.sub is None:
        return sec.label(key, lang)
    top = sec.SECTION_HEADINGS[sec.parent(key) or key]
    if lang == "en":
        return f"{s.number}. {top.short_en} ({s.sub}) {s.short_en}"
    return f"{sec.numeral(s.number)}、{top.short_zh} （{sec.numeral(s.sub)}）{s.short_zh}"


SECTION_NAMES = {k: (_section_line(k, "zh"), _section_line(k, "en")) for k in sec.OVERVIEW_KEYS}
SECTION_NAMES["staffing"] = (sec.label("org", "zh") + " · 机构与队伍", sec.label("org", "en") + " · posts and people")
SECTION_NAMES["ideology"] = (sec.label("political", "zh"), sec.label("political", "en"))
# slides that are not an indicator section of reporting.data.SECTION_FIGURES, and where they go
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
        return f"{self.federation} · {text('report_year', self.lang, year=self.year)} · {self.scope}"

    def charts(self) -> list[tuple[int, go.Figure]]:
        return [(i, s.figure) for i, s in enumerate(self.slides) if s.figure is not None]


# ------------------------------------------------------------------ wording


def _L(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def value_text(v: float | None, decimals: int, unit: str, unit_en: str | None, lang: str) -> str:
    """1,000 人 / 2,036 万元 / 100.0% / CNY 20.36 million."""
    return fmt.with_unit(v, decimals, unit, unit_en, lang)


def change_text(row: pd.Series, lang: str) -> str | None:
    """较上年 +6.4%（+60） / 较上年 +3.0个百分点 / 与上年持平; None without last year."""
    c = fmt.row_change(row)
    if c is None:
        return None
    if c.flat:
        return _L(lang, "与上年持平", "unchanged on last year")
    return _L(lang, "较上年 ", "vs last year ") + (fmt.delta_text(c, lang, row["unit_zh"]) or "")


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
    """Tiles that say what they hold: a missing figure reads 未报送 / 无数据 (never "—"), a doubted one
    待核实 with no change, a total missing counties its coverage and the like-for-like change."""
    out = []
    for code in codes:
        r = d.row(code)
        k = d.known_of(code)
        v = None if pd.isna(r["value"]) else float(r["value"])
        if v is None:
            value = _L(lang, "未报送", "not reported") if k.missing else _L(lang, "无数据", "no data")
            change = None
        else:
            value = value_text(v, int(r["decimals"]), r["unit_zh"], r["unit_en"], lang)
            change = change_text(r, lang)
            if d.doubted(code):
                change = _L(lang, "含待核实数据，未与上年比较", "includes figures to be verified; not compared")
            elif k.incomplete:
                c = (
                    fmt.change(k.like_value, k.like_previous, int(r["decimals"]), fmt.is_rate(r))
                    if k.compared
                    else None
                )
                cover = str(r.get("coverage_en" if lang == "en" else "coverage") or "")
                like = (
                    _L(lang, "同口径 ", "like for like ") + (fmt.delta_text(c, lang, r["unit_zh"]) or "")
                    if c is not None
                    else _L(lang, "未与上年比较", "not compared")
                )
                change = f"{cover} · {like}" if cover else like
        out.append(
            KeyFigure(
                code=code,
                label=r["name_en"] if lang == "en" else r["name_zh"],
                value=value,
                change=change,
                raw=v,
            )
        )
    return out


def _n(d: ReportData, code: str, lang: str) -> str:
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
    left_out = []
    if len(a) > 2 and a["value"].sum() > 0:
        # a doubted figure would dwarf the others (a value typed 10,000 times too large): out of the bars
        doubt = [d.doubted(code, c) for c in a["area_code"]]
        sure_top = a.loc[[not x for x in doubt], "value"].max()
        out = [x and v > 3 * sure_top for x, v in zip(doubt, a["value"], strict=True)]
        left_out = list(a.loc[out, "area_name"])
        a = a.loc[[not o for o in out]].reset_index(drop=True)
    if len(a):
        mark = _L(lang, "（待核实）", " (to be verified)")
        a = a.assign(
            area_name=[
                n + mark if d.doubted(code, c) else n for n, c in zip(a["area_name"], a["area_code"], strict=True)
            ]
        )
    unit = _unit(r, lang)
    name = r["name_en"] if lang == "en" else r["name_zh"]
    title = text("report_with_unit", lang, name=name, unit=unit)
    if len(a) < 2:  # reported for the county only: its years instead of its townships
        tr = d.trend[d.trend["code"] == code].sort_values("year")
        if tr.empty:
            return None, "", None
        fig = fg.year_line(tr, title, int(r["decimals"]))
        return fig, _L(lang, f"历年{title}", f"{title} by year"), tr[["year", "value"]].reset_index(drop=True)
    fig = fg.area_bars(a, title, int(r["decimals"]))
    doubted = [n for n, c in zip(a["area_name"], a["area_code"], strict=True) if d.doubted(code, c)]
    if doubted and fig.data:  # a doubted figure is never the highlighted winner: the first sure one is
        bars = fig.data[0]
        names = list(bars.y)
        sure = [n for n in names if n not in doubted]
        top = max(sure, key=lambda n: a.loc[a["area_name"] == n, "value"].iloc[0]) if sure else None
        bars.marker.color = [PALETTE[1] if n == top else PALETTE[0] for n in names]
    if int(r["decimals"]) == 0 and r["unit_zh"] != "%":
        _count_axis(fig, "x")
    caption = _L(lang, f"{_area_word(d, lang)}{title}", f"{title}, {_area_word(d, lang)}")
    if left_out:
        caption += _L(
            lang,
            f"（{'、'.join(left_out)}数据待核实，未列入）",
            f" ({fmt.join(left_out, 'en')}: to be verified, not shown)",
        )
    table = a[["area_code", "area_name", "value"]].rename(columns={"area_code": "county_code"})
    if d.area_level == "township":
        table = table.rename(columns={"county_code": "township_code"})
    return fig, caption, fg.figure_table(table, int(r["decimals"]))
