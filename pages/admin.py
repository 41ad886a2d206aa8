"""系统管理: accounts (data staff and administrators) and the audit log (administrators)."""

from ui.frame import guard

guard(__file__)  # run only inside dashboard.py: login, scope, filters

import pandas as pd
import streamlit as st

from data_access.auth import ROLES, AuthError, may_grant
from ui import auth, data
from ui import subscriptions as subscriptions_ui
from ui.filters import lang, t
from ui.tables import display as shown_table
from words.i18n import TEXTS

me = auth.require("manage_accounts")
st.title(t("admin_title"))
counties = data.all_counties(None)
county_names = dict(zip(counties["code"], counties["name"], strict=True))
role_name = {k: v[1] if lang() == "en" else v[0] for k, v in ROLES.items()}

st.subheader(t("admin_users"), divider="gray")
users = pd.DataFrame(auth.users())
if users.empty:
    st.info(t("admin_no_users"))
else:
    shown = pd.DataFrame(
        {
            t("admin_col_user"): users["username"],
            t("admin_col_name"): users["display_name"],
            t("admin_col_role"): users["role"].map(role_name),
            t("admin_col_county"): users["county_code"].map(county_names),
            t("admin_col_active"): users["active"].map({1: t("admin_active"), 0: t("admin_inactive")}),
            t("admin_col_failed"): users["failed_logins"].astype("Int64"),
            t("admin_col_locked"): pd.to_datetime(users["locked_until"], errors="coerce"),
            t("admin_col_last"): pd.to_datetime(users["last_login_at"], errors="coerce"),
        }
    )
    why = {
        t("admin_col_name"): t("admin_why_no_name"),
        t("admin_col_county"): t("admin_why_all_counties"),
        t("admin_col_locked"): t("admin_why_not_locked"),
        t("admin_col_last"): t("admin_why_never"),
    }
    st.dataframe(shown_table(shown, reasons=why), hide_index=True, width="stretch")  # ui/tables.py: 1,434 · — (reason)

left, right = st.columns(2)
with left, st.form("add_user", clear_on_submit=True):
    st.markdown(f"**{t('admin_add_user')}**")
    name = st.text_input(t("auth_username"), max_chars=64)
    display = st.text_input(t("admin_display_name"), max_chars=64)
    role = st.selectbox(t("admin_role"), [r for r in ROLES if may_grant(me.role, r)], format_func=role_name.get)
    county = st.selectbox(t("admin_county"), ["", *county_names], format_func=lambda c: county_names.get(c, "—"))
    password = st.text_input(t("auth_password"), type="password", max_chars=128)
    if st.form_submit_button(t("admin_add_button"), type="primary"):
        try:
            auth.add_user(name, role, password, county, display)
            st.success(t("admin_added", name=name))
        except AuthError as exc:
            st.error(str(exc))
with right, st.form("toggle_user"):
    st.markdown(f"**{t('admin_disable')} / {t('admin_enable')}**")
    who = st.selectbox(t("auth_username"), list(users["username"]) if not users.empty else [])
    c1, c2 = st.columns(2)
    disable = c1.form_submit_button(t("admin_disable_button"))
    enable = c2.form_submit_button(t("admin_enable_button"))
    if who and (disable or enable):
        try:
            auth.set_active(who, enable)
            st.success(t("admin_changed", name=who))
        except AuthError as exc:
            st.error(str(exc))

subscriptions_ui.section()  # scheduled sending, its delivery log and 立即发送 (issue 32)


def action_words(code: str) -> str:
    """An audit action in the reader's words; a code this version does not know stays as written."""
    return t(f"audit_action_{code}") if f"audit_action_{code}" in TEXTS else code


if me.can("audit"):
    st.subheader(t("admin_audit"), divider="gray")
    log = pd.DataFrame(auth.audit_entries())
    if not log.empty:
        st.dataframe(
            pd.DataFrame(
                {
                    t("admin_col_at"): pd.to_datetime(log["at"], errors="coerce"),
                    t("admin_col_user"): log["username"],
                    t("admin_col_action"): log["action"].map(action_words),
                    t("admin_col_detail"): log["detail"],
                    t("admin_col_ok"): log["ok"].map({1: t("admin_ok"), 0: t("admin_fail")}),
                }
            ).pipe(shown_table, reasons={t("admin_col_detail"): t("admin_why_no_detail")}),
            hide_index=True,
            width="stretch",
        )
