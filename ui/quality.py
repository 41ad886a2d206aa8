"""The city's decisions on submissions, from the 数据质量 page: approve, return, unlock.

Each needs the ``approve`` permission (the city's data staff and administrators; not a
county's data staff), runs in one transaction with its audit entry, and bumps the data
version, so every app process shows it."""

from __future__ import annotations

from data_access import writes

from . import data
from .auth import require


def decide(action: str, report: str, area: str, year: int, period_no: int, reason: str = "") -> None:
    """Raises ``approval.ApprovalError`` (a Chinese message) when the step is not allowed."""
    p = require("approve")
    writes.decide(data.engine(), p, action, report, area, year, period_no, reason)
    data.data_version.clear()


def submission_picker(year: int) -> dict:
    """On the data page: which report and period a load is submitted for, and the load scope.

    A county's data staff must choose (every load of theirs is a submission, and the data
    layer refuses rows outside their county); the city may load without submitting."""
    import streamlit as st

    from data_access.quality.periods import period_label, periods_of

    from .auth import principal
    from .filters import t

    p = principal()
    county_staff = p.role == "data_staff" and bool(p.county_code)
    proposed = st.session_state.pop(K_SUBMIT_PROPOSED, None)
    if proposed:  # propose_submission's choice, set before the widgets exist (Streamlit refuses it after)
        st.session_state.update(proposed)
    year = st.session_state.get(K_SUBMIT_YEAR, year)  # the file's year, when a period was proposed from it
    reps = data.quality_reports()
    options = ([] if county_staff else [""]) + list(reps["code"])
    names = dict(zip(reps["code"], reps["name"], strict=True))
    none = t("quality_submit_none")
    c1, c2 = st.columns(2)
    report = c1.selectbox(
        t("quality_submit_report"),
        options,
        format_func=lambda c: names.get(c, none),
        key="data_submit_report",
        help=t("quality_submit_help"),
    )
    period = None
    if report:
        kind = reps.set_index("code").loc[report, "period"]
        nos = periods_of(kind, year)
        no = c2.selectbox(
            t("quality_submit_period"),
            nos,
            format_func=lambda n: period_label(kind, year, n),
            key=f"data_submit_period_{report}",
        )
        period = (year, no if kind in ("month", "quarter") else None)
    else:  # 仅导入 is never silent: say what it means for the reporting record
        st.caption(t("cmp_load_only", held=st.session_state.get(K_SUBMIT_HELD, "")))
    # the load's scope is the principal's, applied by the data layer (data_access.writes)
    return {"report": report or None, "period": period}


K_SUBMIT_YEAR, K_SUBMIT_FOR, K_SUBMIT_HELD = "data_submit_year", "data_submit_for", "data_submit_held"
K_SUBMIT_PROPOSED = "data_submit_proposed"


def propose_submission(res, file_sum: str) -> None:
    """After a file's preview: propose the report and period the file holds (once per file), so
    a load by the city's staff is a submission by default; reruns the page when it changes the
    choice. A file with several periods keeps 仅导入 and says which periods it holds."""
    import streamlit as st

    from data_access.quality.suggest import suggest_submission

    from .filters import t

    if st.session_state.get(K_SUBMIT_FOR) == file_sum or res.kind is None or not res.ok:
        return
    st.session_state[K_SUBMIT_FOR] = file_sum
    reps = data.report_definitions()
    sug = suggest_submission(res.kind.name, res.periods, reps)
    if sug is None:
        st.session_state[K_SUBMIT_HELD] = ""
        return
    if sug.report is None:
        st.session_state[K_SUBMIT_HELD] = t("cmp_load_held", label=sug.label, n=sug.n_periods)
        return
    st.session_state[K_SUBMIT_HELD] = ""
    if st.session_state.get("data_submit_report") == sug.report:
        return
    year, no = sug.period
    kind = next(r.period for r in reps if r.code == sug.report)
    # the picker's widgets were drawn above in this run: the choice is applied by submission_picker
    # on the rerun, before it draws them
    st.session_state[K_SUBMIT_PROPOSED] = {
        "data_submit_report": sug.report,
        K_SUBMIT_YEAR: year,
        f"data_submit_period_{sug.report}": no if kind in ("month", "quarter") else 0,
    }
    st.rerun()
