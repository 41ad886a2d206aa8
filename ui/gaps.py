"""The gap ledger (整改台账) on the Organisation page: its progress (summary, chart, table), the
ledger with filters, and — for data staff — the form that updates a gap, its history and
evidence. The page calls :func:`section`; every change goes through ``ui.data.update_gap``
(one transaction in ``data_access.gaps``), refusals are shown as the data layer words them."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from charts import gaps as gap_charts
from data_access.filters import Filters
from data_access.gaps import STATES, GapError

from . import auth, data
from .components import chart_block, on_demand, plain, table_with_download
from .filters import lang, t


def section(f: Filters, scope: str) -> None:
    L = lang()
    today = dt.date.today()
    st.subheader(t("gaps_title"), divider="gray")
    st.caption(t("gaps_caption", today=today.isoformat()))
    progress = data.gap_progress(f, today)
    if progress.empty:
        st.success(gap_charts.progress_summary(progress, scope, L))
        return
    summary = gap_charts.progress_summary(progress, plain(scope), L)
    table = gap_charts.progress_table(progress, L)
    if len(progress) > 1:
        chart_block(gap_charts.progress_figure(progress, L), summary, table, "gaps_progress", f"整改进度_{today}.csv")
    else:  # one county: its sentence and its numbers, no one-bar chart
        st.markdown(f"**{summary}**")
        with on_demand(t("show_table"), "gaps_progress") as opened:
            if opened:
                table_with_download(table, "gaps_progress", f"整改进度_{today}.csv")
    ledger = data.gap_ledger(f, today)
    st.markdown(f"**{t('gaps_table_title')}**")
    c1, c2, c3 = st.columns([2, 2, 1])
    states = c1.multiselect(
        t("gaps_filter_state"), list(STATES), format_func=lambda s: t(f"state_{s}"), key="gaps_state"
    )
    levels = c2.multiselect(
        t("gaps_filter_level"), ["township", "village"], format_func=lambda s: t(f"level_{s}"), key="gaps_level"
    )
    late = c3.toggle(t("gaps_only_overdue"), key="gaps_overdue")
    shown = gap_charts.filter_ledger(ledger, states, levels, late)
    st.caption(t("gaps_rows", n=len(shown)))
    table_with_download(gap_charts.ledger_table(shown, L), "gaps_ledger", f"整改台账_{today.isoformat()}.csv")
    who = auth.principal()
    if who.can("load"):
        _edit(f, ledger, who)


def overdue(f: Filters):
    """The ledger's overdue gaps (name, lon, lat) for the map's red rings, and a caption or ""."""
    ledger = data.gap_ledger(f, dt.date.today())
    late = ledger.loc[ledger["days_overdue"] > 0, ["name", "lon", "lat"]].reset_index(drop=True)
    return late, (t("gaps_map_overdue", n=len(late)) if len(late) else "")


def _edit(f: Filters, ledger, who) -> None:
    """Update one gap: state, owner, deadline, notes, an evidence file; its history below."""
    L = lang()
    mine = ledger if who.scope is None else ledger[ledger["county_code"].isin(who.scope)]
    with on_demand(t("gaps_edit_title"), "gaps_edit") as opened:
        if not opened or mine.empty:
            return
        st.caption(t("gaps_edit_caption"))
        rows = {int(r["id"]): r for r in mine.to_dict("records")}
        gid = st.selectbox(
            t("gaps_edit_pick"), list(rows), format_func=lambda i: gap_charts.gap_label(rows[i], L), key="gaps_pick"
        )
        row = rows[gid]
        with st.form(f"gaps_form_{gid}"):
            state = st.selectbox(
                t("gaps_col_state"), list(STATES), index=list(STATES).index(row["state"]),
                format_func=lambda s: t(f"state_{s}"),
            )  # fmt: skip
            c1, c2, c3 = st.columns(3)
            owner = c1.text_input(t("gaps_col_owner"), row["owner_unit"] or "", max_chars=64)
            person = c2.text_input(t("gaps_col_person"), row["owner_person"] or "", max_chars=64)
            deadline = c3.date_input(t("gaps_col_deadline"), row["deadline"], format="YYYY-MM-DD")
            notes = st.text_area(t("gaps_col_notes"), row["notes"] or "", max_chars=2000)
            upload = st.file_uploader(t("gaps_edit_evidence"), type=["pdf", "png", "jpg", "jpeg"])
            saved = st.form_submit_button(t("gaps_edit_save"), type="primary")
        if saved:
            changes = {
                "state": state,
                "owner_unit": owner,
                "owner_person": person,
                "deadline": deadline,
                "notes": notes,
            }
            evidence = (upload.name, upload.getvalue()) if upload is not None else None
            try:
                changed = data.update_gap(who, gid, changes, evidence)
            except GapError as exc:
                st.error(str(exc))
            else:
                if changed:
                    st.success(t("gaps_edit_saved", name=gap_charts.gap_label(row, L)))
                else:
                    st.info(t("gaps_edit_nothing"))
        history = data.gap_history(f, gid)
        st.markdown(f"**{t('gaps_history')}**")
        st.dataframe(
            history[["at", "username", "detail"]].rename(
                columns={"at": t("gaps_history_at"), "username": t("gaps_history_by"), "detail": t("gaps_history_what")}
            ),
            hide_index=True,
            width="stretch",
        )
        for ev in data.gap_evidence_files(f, gid).to_dict("records"):
            got = data.gap_evidence_file(f, int(ev["id"]))
            if got is not None:
                st.download_button(
                    t("gaps_download", name=got[0]), got[2], file_name=got[0], mime=got[1], key=f"gap_ev_{ev['id']}"
                )
