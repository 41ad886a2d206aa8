"""Subscriptions on the admin page: who receives what on which schedule, the delivery log with
its retries and errors, and 立即发送 to try one (``reporting.subscriptions.send_now``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access import subscriptions as subs
from reporting import subscriptions as sending

from . import data
from .filters import t
from .tables import display


def _when(col: pd.Series) -> pd.Series:
    """Date-times to the minute, "—" where there is none (never "None")."""
    return pd.to_datetime(col, errors="coerce").dt.strftime("%Y-%m-%d %H:%M").fillna("—")


def section() -> None:
    st.subheader(t("subs_title"), divider="gray")
    st.caption(t("subs_caption"))
    eng = data.engine()
    with eng.connect() as conn:
        rows = subs.subscriptions(conn)
        log = subs.deliveries(conn)
    if rows.empty:
        st.info(t("subs_none"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    t("subs_col_name"): rows["name"],
                    t("subs_col_scope"): rows["county_name"].fillna(t("subs_whole_city")),
                    t("subs_col_content"): rows["content"].map(
                        lambda c: sending.CONTENTS[c].zh if c in sending.CONTENTS else c
                    ),
                    t("subs_col_schedule"): rows["schedule"].map(lambda s: t(f"subs_schedule_{s}")),
                    t("subs_col_to"): [
                        "；".join(x for x in (e, subs.WEBHOOK_KINDS.get(w)) if isinstance(x, str) and x)
                        for e, w in zip(rows["emails"], rows["webhook_kind"], strict=True)
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        with st.form("subs_send_now"):
            names = dict(zip(rows["id"], rows["name"], strict=True))
            pick = st.selectbox(t("subs_pick"), list(names), format_func=names.get)
            if st.form_submit_button(t("subs_send_now")):
                with st.spinner(t("subs_send_now")):
                    states = sending.send_now(eng, int(pick))
                st.info(t("subs_sent_now", states="、".join(t(f"subs_state_{s}") for s in states)))
                with eng.connect() as conn:
                    log = subs.deliveries(conn)
    st.markdown(f"**{t('subs_log')}**")
    if log.empty:
        st.caption(t("subs_log_none"))
        return
    st.dataframe(
        display(
            pd.DataFrame(
                {
                    t("subs_col_name"): log["subscription"],
                    t("subs_col_period"): log["period"],
                    t("subs_col_channel"): log["channel"].map(lambda c: t(f"subs_channel_{c}")),
                    t("subs_col_state"): log["state"].map(lambda s: t(f"subs_state_{s}")),
                    t("subs_col_attempts"): log["attempts"].astype("Int64"),
                    t("subs_col_sent"): _when(log["sent_at"]),
                    t("subs_col_next"): _when(log["next_try_at"].where(log["state"] == "failed")),
                    t("subs_col_error"): log["last_error"].fillna("—"),
                }
            )
        ),
        hide_index=True,
        width="stretch",
    )
