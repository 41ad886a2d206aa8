"""Accessible building blocks: KPI tiles whose change is told in words and sign (not
colour alone), and charts that always come with a sentence and their numbers."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.plan import status_text
from data_access.catalog import BY_CODE
from data_access.loading import csv_bytes
from data_access.plan import plan_name
from words import fmt

from . import data, figures
from .auth import record_export
from .filters import K_TABLES, current, lang, t
from .tables import display

# the characters that start markup in Streamlit's markdown: emphasis, links and images
# (no "[", no link: "(" and "!" need no escape), code, HTML and autolinks, LaTeX ($),
# strike-through, tables, headings, entities, and emoji / icon short codes and coloured
# text (:red[…]); ":" also stops http://… turning into a link by itself
_MARKUP = re.compile(r"([\\`*_\[\]<>$~|#:&@])")  # "@": no e-mail autolink (issue 30)
_WWW = re.compile(r"(www)\.", re.I)  # GFM links a bare www.… too: its dot escaped, it stays text
_LIST_START = re.compile(r"^(\d+)([.)]\s)|^([-+])(\s)")


def plain(value: object) -> str:
    """A value that comes from data (a county's name, a lecture's title, a sheet name),
    made safe to put into any Streamlit text element that renders markdown: it is shown
    as the characters it is, never as bold text, a link or an image fetched from outside."""
    s = _WWW.sub(r"\1\\.", _MARKUP.sub(r"\\\1", " ".join(str(value).split())))
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}{m[4]}", s)


def indicator_label(row: pd.Series | dict, with_unit: bool = True) -> str:
    name = row["name_en"] if lang() == "en" else row["name_zh"]
    if not with_unit:
        return name
    unit = fmt.unit_of(row, lang())
    return f"{name}（{unit}）" if lang() == "zh" else f"{name} ({unit})"


def description(row: pd.Series | dict) -> str | None:
    """What a figure counts (a tile's help): the shipped dictionary's English in English, else
    the 说明 the dictionary table holds (a federation's own indicator has it in Chinese only)."""
    if lang() == "en":
        shipped = BY_CODE.get(str(row["code"]))
        if shipped is not None and shipped.description_en:
            return shipped.description_en
    zh = row.get("description_zh")
    return zh if isinstance(zh, str) and zh else None


def unit_of(row: pd.Series | dict) -> str:
    return fmt.unit_of(row, lang())


def value_text(v: float | None, decimals: int, unit: str = "", unit_en: str | None = None) -> str:
    """A figure as shown on a tile: trailing zeros of 万元 dropped, unit appended."""
    return fmt.with_unit(v, decimals, unit, unit_en, lang())


def change_text(row: pd.Series | dict) -> str | None:
    """'+9.8%（+183）' for amounts, '+3.0个百分点' for rates, '持平' when the change rounds
    to zero as printed; None when last year has no figure."""
    return fmt.delta_text(fmt.row_change(row), lang(), row["unit_zh"])


def kpi_tiles(k: pd.DataFrame, trend: pd.DataFrame | None = None, columns: int = 5, note: bool = True) -> None:
    """One st.metric per row of a ``queries.kpis`` frame; ``trend`` (code, year, value)
    adds a small line of the years before, for those who can see it (the numbers are in
    the table below the tiles too). On partial data (``kpis_complete``): the tiles say which
    counties they hold and what their change compares; ``note``: the line that says so below."""
    cols = st.columns(columns)
    targets = target_lines(tuple(k["code"]))
    sparks: dict[str, list] = {}
    if trend is not None and not trend.empty:  # one pass over the trend, not one mask per tile
        ordered = trend.sort_values("year", kind="stable")
        for code, value in zip(ordered["code"].tolist(), ordered["value"].round(2).tolist(), strict=True):
            sparks.setdefault(code, []).append(value)
    for i, row in enumerate(k.to_dict("records")):
        spark = sparks.get(row["code"]) or None
        c = fmt.row_change(_compared(row))
        delta = fmt.delta_text(c, lang(), row["unit_zh"])
        flat = c is not None and c.flat
        with cols[i % columns]:
            figures.tile(
                tile_label(row),
                tile_value(row),
                key=row["code"],
                delta=delta,
                delta_color="off" if flat or row["aggregation"] == "growth" else "normal",
                delta_arrow="off" if flat else "auto",
                delta_description=delta_description(row, delta),
                help=tile_help(row),
                border=True,
                chart_data=spark if spark and len(spark) > 1 else None,
                chart_type="line",
            )
            if row["code"] in targets:
                st.caption(targets[row["code"]])
            if _en(row, "doubt"):
                st.caption(t("cmp_doubt_line", where=_en(row, "doubt")))
    if note:
        completeness_note(k)

    missing_note(k)


def _en(row: dict, key: str) -> str:
    v = row.get(f"{key}_en" if lang() == "en" else key)
    return v if isinstance(v, str) else ""


def _compared(row: dict) -> dict:
    """The row whose change a tile shows: the like-for-like figures when ``kpis_complete`` gave them."""
    if "value_cmp" in row:
        return {**row, "value": row["value_cmp"], "previous": row["previous_cmp"]}
    return row


def tile_label(row: dict) -> str:
    """The figure's name, marked '（7/8 县(区)）' when it holds only the counties that reported."""
    label = indicator_label(row, with_unit=False)
    if "unapproved" in row:
        return t("cmp_tile_label", label=label, coverage=t("cmp_approved_mark"))
    coverage = _en(row, "coverage")
    return t("cmp_tile_label", label=label, coverage=coverage) if coverage else label


def tile_value(row: dict) -> str:
    """The figure with its unit; '未报送' when its counties are due and none has reported (never 0)."""
    if pd.isna(row["value"]) and row.get("n_expected") and not row.get("n_present"):
        return t("cmp_not_reported")
    return fmt.figure(row, lang())


def delta_description(row: dict, delta: str | None) -> str:
    if "unapproved" in row:
        return t("cmp_approved_no_change")
    if not delta:
        return t("cmp_no_comparison") if _en(row, "left_out") else t("no_previous")
    if _en(row, "left_out"):
        return t("cmp_vs_last_year_lfl", n=int(row["n_compared"]))
    return t("vs_last_year")


def tile_help(row: dict) -> str | None:
    parts = [description(row) or ""]
    if _en(row, "missing"):
        parts.append(t("cmp_help_missing", names=_en(row, "missing")))
    if _en(row, "partial"):
        parts.append(t("cmp_help_partial", names=_en(row, "partial")))
    text_ = " ".join(p for p in parts if p)
    return text_ or None


K_APPROVED = "g_approved_only"


def approved_switch(f) -> bool:
    """The switch 仅显示已审核数据: True shows approved figures only; off (the default), the line
    under it says how much of the year is not yet approved."""
    on = st.toggle(t("cmp_approved_switch"), key=K_APPROVED, help=t("cmp_approved_help"))
    ds = data.data_status(f)
    if on:
        st.caption(t("cmp_approved_on", approved=ds.periods_approved, due=ds.periods_due))
    elif ds.periods_due and ds.periods_approved < ds.periods_due:
        st.caption(t("cmp_approved_off", approved=ds.periods_approved, due=ds.periods_due))
    return on


def year_statement(f) -> None:
    """A plain statement when the year has no data yet, or not every county has reported."""
    ds = data.data_status(f)
    if ds.empty and ds.n_expected:
        st.info(t("cmp_year_empty", year=f.year), icon=":material/event_busy:")
    elif ds.n_present < ds.n_expected and ds.through < 12:
        st.info(t("cmp_year_partial", year=f.year, month=ds.through, n=ds.n_present, of=ds.n_expected))


def completeness_note(k: pd.DataFrame, year: int | None = None) -> None:
    """One line under tiles on partial data: who has not reported, what the changes compare."""
    if "coverage" not in k.columns:
        return
    marked = k[k["coverage"].astype(bool)]
    if marked.empty and not k["partial"].astype(bool).any():
        return
    year = year or current().year
    lines = []
    if not marked.empty:
        first = marked.iloc[0].to_dict()
        lines.append(t("cmp_note", year=year, missing=_en(first, "missing"), coverage=_en(first, "coverage")))
    partial = next((_en(r, "partial") for r in k.to_dict("records") if _en(r, "partial")), "")
    if partial:
        lines.append(t("cmp_note_partial", partial=partial))
    lfl = [r for r in k.to_dict("records") if _en(r, "left_out") and r["n_compared"]]
    if lfl:
        lines.append(t("cmp_note_lfl", n=int(lfl[0]["n_compared"]), left=_en(lfl[0], "left_out")))
    st.caption(" ".join(lines))


# where the figures of each source come from, as the load kind that brings them
SOURCE_KIND = {
    "values": "indicator_values",
    "ratio": "indicator_values",
    "growth": "indicator_values",
    "event:legal_aid": "legal_aid",
    "event:infringement": "infringement",
    "event:access_completed": "access",
    "event:culture_events": "activities",
    "event:culture_participants": "activities",
    "event:donations_total": "donations",
    "event:donations_money": "donations",
    "event:donations_goods": "donations",
    "event:volunteers": "volunteers",
    "event:volunteer_hours": "volunteers",
    "coverage:township": "org_units",
    "coverage:village": "org_units",
    "coverage:village_staff": "org_units",
}


def missing_note(k: pd.DataFrame) -> None:
    """Say which tiles show "—" (no figure for the year) and which file brings their figures."""
    from data_access.loading import KINDS

    from . import data

    if "unapproved" in k.columns:
        return  # approved only: a rate has no approved-only figure; the switch's line says so
    # no figure for the year: "—", or "未报送" with no county reported yet (completeness_note names
    # the counties; this line says which file brings the figures)
    empty = k[k["value"].isna()]
    if empty.empty:
        return
    sources = data.indicator_dictionary()["source"]
    by_kind: dict[str, list[str]] = {}
    for row in empty.to_dict("records"):
        kind = SOURCE_KIND.get(str(sources.get(row["code"], "values")), "indicator_values")
        by_kind.setdefault(kind, []).append(indicator_label(row, with_unit=False))
    how = "；".join(
        t("missing_how", names=fmt.items(names, lang()), kind=KINDS[kind].zh if lang() == "zh" else KINDS[kind].en)
        for kind, names in by_kind.items()
    )
    st.info(t("missing_tiles", n=len(empty), how=how), icon=":material/upload_file:")


def target_lines(codes: tuple[str, ...]) -> dict[str, str]:
    """Per code with a plan target for the area in view: '十四五目标 ≥950 人，完成 105%（✓ 按期完成）'."""
    out = {}
    for r in data.plan_attainment(current(), codes).to_dict("records"):
        target = fmt.figure(r, lang(), key="target")
        share = "—" if pd.isna(r["attainment"]) else f"{r['attainment']:.0f}%"
        plan = plan_name(r["plan"], lang())
        if r["status"] in ("no_data", "partial_data"):  # not judged: no share, never 0 %
            line = t("cmp_plan_tile_target", plan=plan, sign=t(f"plan_{r['direction']}"), target=target)
            out[r["code"]] = t("cmp_plan_tile_line", line=line, status=status_text(r["status"], lang()))
            continue
        line = t("plan_tile_target", plan=plan, sign=t(f"plan_{r['direction']}"), target=target, share=share)
        out[r["code"]] = t("plan_tile_line", line=line, status=status_text(r["status"], lang()))
    return out


def table_with_download(df: pd.DataFrame, key: str, file_name: str, label: str | None = None) -> None:
    """The numbers of a chart, as a table and a CSV (UTF-8 with BOM, so Excel/WPS read Chinese)."""
    st.dataframe(display(df), hide_index=True, width="stretch")  # 1,434 · 99.3 · — (ui/tables.py)
    st.download_button(
        label or t("download_csv"),
        csv_bytes(df),  # UTF-8 with BOM; cells that a spreadsheet would run as formulas neutralised
        file_name=file_name,
        mime="text/csv",
        key=f"dl_{key}",
        on_click=record_export,
        args=(file_name,),
    )


def show_all() -> bool:
    """The sidebar switch 一次显示全部内容: every tab computed and every table sent at once."""
    return bool(st.session_state.get(K_TABLES))


@contextlib.contextmanager
def on_demand(label: str, key: str) -> Iterator[bool]:
    """An expander whose content is computed and sent only while it is open.

    A data grid costs the browser far more than a chart even inside a closed expander
    (benchmarks/browser_settle.py), so a page sends its tables only when asked: opening
    the expander reruns the script with it open. The sidebar switch 显示全部数据表
    (``K_TABLES``) opens them all — for screen-reader users, who read tables, not charts.
    """
    everything = show_all()
    box = st.expander(label, expanded=everything, key=f"open_{key}", on_change="rerun")
    with box:
        yield everything or bool(box.open)


def plotly(fig: go.Figure, key: str) -> None:
    """A chart as our template draws it (``theme=None``: Streamlit's own theme would grey the axis
    text and swap the fonts), its tool tips in the reader's language."""
    config = {"displaylogo": False, "locale": "en" if lang() == "en" else "zh-CN"}
    st.plotly_chart(fig, key=key, theme=None, config=config)


def chart_block(
    fig: go.Figure | Callable[[], go.Figure],
    summary: str,
    table: pd.DataFrame,
    key: str,
    file_name: str,
    lazy: bool = False,
) -> None:
    """A chart with its one-sentence finding above it and its table (on demand) below it.

    ``lazy``: a secondary chart — its finding is shown, the chart itself only when its
    expander is opened (or with 一次显示全部内容); ``fig`` may then be a function, built
    only then. A page's first view draws fewer charts (issue 15)."""
    st.markdown(f"**{plain(summary)}**")
    if lazy:
        with on_demand(t("show_chart"), f"{key}_chart") as shown:
            if shown:
                plotly(fig() if callable(fig) else fig, f"chart_{key}")
    else:
        plotly(fig() if callable(fig) else fig, f"chart_{key}")
    with on_demand(t("show_table"), key) as shown:
        if shown:
            table_with_download(table, key, file_name)


def more_indicators(f, section: str, shown: tuple[str, ...], scope: str, key: str) -> None:
    """The section's other shown indicators — a federation's own, loaded as a dictionary file —
    with tiles, the counties compared and the trend, so a new indicator needs no page code."""
    from charts import service as service_charts

    from . import data

    d = data.indicator_dictionary()
    extra = d[(d["section"] == section) & (d["visible"] == 1) & ~d["code"].isin(shown)]
    if extra.empty:
        return
    st.subheader(t("more_title"), divider="gray")
    st.caption(t("more_caption"))
    codes = tuple(extra["code"])
    kpi_tiles(data.kpis_complete(f, codes), data.indicator_series(f, codes, by=("year",)), columns=min(len(codes), 3))
    pick = st.selectbox(
        t("more_pick"), codes, format_func={c: indicator_label(d.loc[c]) for c in codes}.get, key=f"more_{key}"
    )
    ind = d.loc[pick]
    left, right = st.columns(2)
    with left:
        st.markdown(f"##### {t('more_counties', year=f.year)}")
        df = data.service_by_area(f, pick, level="county")
        table = pd.DataFrame({t("more_col_area"): df["name"], indicator_label(ind): df["value"]})
        chart_block(
            service_charts.area_bars(df, ind, t("more_axis_county"), indicator_label(ind)),
            service_charts.finding_areas(df, ind, f.year, t("service_where_counties"), lang=lang()),
            table,
            f"more_{key}_areas",
            f"{ind['name_zh']}_分县_{f.year}.csv",
        )
    with right:
        st.markdown(f"##### {t('more_trend')}")
        ser = data.indicator_series(f, (pick,), by=("year",))
        table = pd.DataFrame({t("more_col_year"): ser["year"], indicator_label(ind): ser["value"]})
        chart_block(
            service_charts.trend_line(ser, ind, t("more_col_year"), indicator_label(ind), lang()),
            service_charts.finding_trend(ser, ind, scope, lang()),
            table,
            f"more_{key}_trend",
            f"{ind['name_zh']}_{f.first_year}-{f.year}.csv",
        )
