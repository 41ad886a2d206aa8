"""数据管理: templates, loading with a preview of what will change, load history, export."""

from ui.frame import guard

guard(__file__)  # run only inside dashboard.py: login, scope, filters

from pathlib import Path

import pandas as pd
import streamlit as st

from data_access import geo_load, identity, loading
from ui import data
from ui.auth import principal
from ui.components import plain
from ui.filters import current, lang, scope_name, t
from ui.quality import propose_submission, submission_picker
from ui.tables import display

f = current()
me = principal()  # every write and listing below runs as this principal, in its scope (data_access.writes)

st.title(t("data_title"))
st.caption(t("data_caption"))


@st.cache_data(show_spinner=False)
def _kind(name: str) -> str:
    """A kind of record as the reader reads it (the templates' own headers stay Chinese)."""
    kind = loading.KINDS[name]
    return kind.zh if lang() == "zh" else f"{kind.en} ({kind.zh})"


def _template(kind: str) -> bytes:
    return loading.template_bytes(kind)


DICTIONARY = Path(__file__).resolve().parent.parent / "assets" / "dictionaries" / "cdpf-annual.csv"


WRAPPED_ROWS = 60  # a table of long sentences up to this many rows wraps them (a data grid cuts them at 1366 px)


def _long_text_table(table: pd.DataFrame, key: str, column_config: dict | None = None) -> None:
    """Messages and reasons read in full: a wrapping table when short, the grid (and its download) when long."""
    if len(table) <= WRAPPED_ROWS:
        st.table(display(table).hide(axis="index"))
    else:
        st.dataframe(display(table), hide_index=True, width="stretch", key=key, column_config=column_config)


# ------------------------------------------------------------------ first-day guide (not on the demo)
def _mark(done: bool) -> str:
    return "✅" if done else "⬜"


def _guide() -> None:
    s = data.city_setup()
    if s["is_demo"]:
        return
    years = data.figures_by_year()
    orgs = s["org_units"]
    towns, fed = s["townships"], orgs.get("township_federation", 0)
    steps = [
        (
            s["counties"] > 0 and towns > 0,
            t(
                "guide_areas",
                counties=s["counties"],
                towns=towns,
                like=s["township_like"],
                villages=s["villages"],
            ),
            t("guide_areas_next"),
            "areas",
        ),
        (
            s["counties"] > 0
            and s["county_shapes"] >= s["counties"],  # township polygons optional: few cities have them
            t(
                "guide_geo",
                cs=s["county_shapes"],
                c=s["counties"],
                ts=s["township_shapes"],
                towns=towns,
            ),
            t("guide_geo_next"),
            None,
        ),
        (
            fed > 0,
            t("guide_orgs", fed=fed, towns=towns, vil=orgs.get("village_association", 0), villages=s["villages"]),
            t("guide_orgs_next"),
            "org_units",
        ),
        (
            not years.empty,
            t("guide_figures", years=len(years), own=s["own_indicators"])
            + (
                ""
                if years.empty
                else "　"
                + "；".join(
                    t("guide_year", year=int(r.year), values=int(r.values), records=int(r.records))
                    for r in years.itertuples()
                )
            ),
            t("guide_figures_next"),
            "indicator_values",
        ),
    ]
    with st.container(border=True):
        st.subheader(t("guide_title", city=s["city_name"] or t("guide_no_city")))
        st.caption(t("guide_caption"))
        for done, text, *_ in steps:  # (a loop name `_kind` here hid the function _kind: issue 29)
            st.markdown(f"{_mark(done)} {text}")
        todo = next(((text, nxt, kind) for done, text, nxt, kind in steps if not done), None)
        if todo is None:
            st.success(t("guide_all_done"))
            return
        st.info(f"**{t('guide_next')}**　{todo[1]}", icon=":material/arrow_forward:")
        if todo[2]:
            st.download_button(
                t("guide_template", kind=_kind(todo[2])),
                _template(todo[2]),
                file_name=f"{loading.KINDS[todo[2]].zh}导入模板.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                key="guide_template",
            )


_guide()

tab_tpl, tab_imp, tab_geo, tab_hist, tab_exp, tab_emb = st.tabs(
    [
        t("data_tab_templates"),
        t("data_tab_import"),
        t("data_tab_geo"),
        t("data_tab_history"),
        t("data_tab_export"),
        t("data_tab_emblem"),
    ]
)

# ------------------------------------------------------------------ templates
with tab_tpl:
    st.markdown(t("data_templates_intro"))
    for name, kind in loading.KINDS.items():
        c1, c2, c3 = st.columns([2, 5, 2], vertical_alignment="center")
        c1.markdown(f"**{_kind(name)}**")
        keys = t("data_key_sep").join(t(f"key_col_{k}", zh=kind.col(k).zh) for k in kind.key)
        desc = kind.description if lang() == "zh" else t(f"kind_desc_{name}")
        c2.caption(f"{desc}　{t('data_key_col')}{t('data_key_colon')}{keys}")
        c3.download_button(
            t("data_template_button"),
            _template(name),
            file_name=f"{kind.zh}导入模板.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"tpl_{name}",
        )
    st.markdown(t("data_dictionary_intro"))
    st.download_button(
        t("data_dictionary_button"),
        DICTIONARY.read_bytes(),
        file_name=DICTIONARY.name,
        mime="text/csv",
        key="tpl_cdpf_dictionary",
    )

# --------------------------------------------------------------------- import
with tab_imp:
    kinds, auto = ["", *loading.KINDS], t("data_kind_auto")
    if st.session_state.pop("data_kind_reset", False):  # after a load the next file is usually another kind
        st.session_state["data_kind"] = ""
    kind = st.selectbox(
        t("data_kind_label"),
        kinds,
        format_func=lambda k: _kind(k) if k else auto,
        key="data_kind",
    )
    sub = submission_picker(f.year)  # report and period of a submission; a county's scope (issue 19)
    city = st.text_input(t("data_city_label"), help=t("data_city_help"), key="data_city").strip() or None
    up = st.file_uploader(t("data_upload_label"), type=["xlsx", "csv"], help=t("data_upload_help"), key="data_upload")
    if up is not None:
        content = up.getvalue()
        fsig = (up.name, loading.checksum(content), tuple(sub.items()), city)
        sig = (*fsig, kind)
        done = st.session_state.get("data_done")
        if done and done[0] == fsig:  # loaded (the kind went back to 自动判断 for the next file)
            res = done[1]
            st.success(f"{t('data_loaded')}：{res.summary_zh()}")
        else:
            if st.session_state.get("data_preview_sig") != sig:
                st.session_state["data_preview"] = data.load_records(
                    me, content, up.name, kind=kind or None, dry_run=True, **sub, city=city
                )
                st.session_state["data_preview_sig"] = sig
            res = st.session_state["data_preview"]
            propose_submission(res, sig[1])  # the report and period the file holds, proposed once (issue 27)
            st.caption(t("data_file_info", name=plain(up.name), enc=res.encoding or "Excel", sum=res.checksum[:12]))
            for w in res.warnings:
                st.info(plain(w))
            if not res.ok:
                st.error(f"**{t('data_problems_title', n=len(res.problems))}**　{res.summary_zh()}")
                st.markdown(t("data_problems_help"))
                table = res.problems_frame(lang())
                wide = {table.columns[-1]: st.column_config.TextColumn(width="large")}  # 问题 / Problem
                _long_text_table(table, "data_problems", wide)
                st.download_button(
                    t("data_problems_download"),
                    loading.csv_bytes(table),
                    file_name=f"导入问题清单_{up.name.rsplit('.', 1)[0]}.csv",
                    mime="text/csv",
                    key="data_problems_dl",
                )
            else:
                st.success(f"**{t('data_preview_title')}**　{res.summary_zh()}")
                if res.by_year:
                    years = pd.DataFrame(
                        {t("data_year"): list(res.by_year), t("data_rows"): list(res.by_year.values())}
                    )
                    st.dataframe(display(years), hide_index=True, key="data_by_year")
                if st.button(t("data_confirm"), type="primary", key="data_confirm"):
                    result = data.load_records(me, content, up.name, kind=kind or None, **sub, city=city)
                    if result.ok:
                        st.session_state["data_done"] = (fsig, result)
                        st.session_state["data_kind_reset"] = True
                        st.session_state["data_batch"] = result.batch_id  # history opens on this load
                    else:
                        st.session_state["data_preview"] = result
                    st.rerun()


# ------------------------------------------------------------------ boundaries
def _redistricting(report: geo_load.GeoReport) -> None:
    """Merges unioned, possible splits, offsets, village points outside; the 区划代码变更 rows to write."""
    for line in report.merged_lines(lang()) + report.split_lines(lang()):
        st.info(plain(line))
    for line in report.note_lines(lang()):
        st.warning(plain(line))
    rows = report.suggested_changes()
    if not rows.empty:
        st.markdown(t("data_geo_changes", n=len(rows)))
        st.dataframe(display(rows), hide_index=True, width="stretch", key="data_geo_changes")
        st.download_button(
            t("data_geo_changes_button"),
            loading.csv_bytes(rows),
            file_name="区划代码变更_建议.csv",
            mime="text/csv",
            key="data_geo_changes_dl",
        )


with tab_geo:
    st.markdown(t("data_geo_intro"))
    gcrs = st.radio(  # every file's coordinate system declared or detected, and confirmed here (issue 29)
        t("data_geo_crs_label"),
        ["", *geo_load.systems.SYSTEMS],
        format_func=lambda c: c or t("data_geo_crs_auto"),
        horizontal=True,
        help=t("data_geo_crs_help"),
        key="data_geo_crs",
    )
    gup = st.file_uploader(t("data_geo_upload"), type=["geojson", "json"], key="data_geo_upload")
    if gup is not None:
        raw = gup.getvalue()
        gsig = (gup.name, loading.checksum(raw), gcrs)
        gdone = st.session_state.get("data_geo_done")
        if gdone and gdone[0] == gsig:
            r = gdone[1]
            st.success(
                t(
                    "data_geo_loaded",
                    batch=r.batch_id,
                    added=r.shapes_added,
                    replaced=r.shapes_replaced,
                    points=r.points_moved,
                )
            )
        else:
            # computed once per file (its digest), not on every rerun while it sits in the uploader; kept as
            # findings, said in the language chosen now
            if st.session_state.get("data_geo_preview", (None,))[0] != gsig:
                error: geo_load.GeoError | None = None
                try:
                    report = data.preview_boundaries(me, raw, gcrs or None)
                except geo_load.GeoError as exc:
                    report, error = None, exc
                st.session_state["data_geo_preview"] = (gsig, report, error)
            _, report, error = st.session_state["data_geo_preview"]
            refused = error.lines(lang()) if error else geo_load.refusal(report, strict=False, lang=lang())
            if report is not None:
                st.markdown(f"**{report.summary(lang())}**　{report.system_line(lang())}")
                _long_text_table(report.frame(lang()), "data_geo_report")
                _redistricting(report)
                if report.missing:
                    st.markdown(t("data_geo_missing", n=len(report.missing)))
                    st.dataframe(
                        display(report.missing_frame(lang())), hide_index=True, width="stretch", key="data_geo_missing"
                    )
            if refused:
                st.error(t("data_geo_refused") + "\n\n" + "\n".join(f"- {m}" for m in refused))
            else:
                if report.not_loaded:
                    st.warning(t("data_geo_partial", n=len(report.not_loaded), ok=report.loadable))
                if st.button(t("data_geo_confirm", n=report.loadable), type="primary", key="data_geo_confirm"):
                    try:
                        r = data.load_boundaries(me, raw, gup.name, gcrs or None)
                    except geo_load.GeoError as exc:
                        st.error(t("data_geo_refused") + "\n\n" + "\n".join(f"- {m}" for m in exc.lines(lang())))
                    else:
                        st.session_state["data_geo_done"] = (gsig, r)
                        st.rerun()

# -------------------------------------------------------------------- history
with tab_hist:
    st.markdown(t("data_history_intro"))
    hist = data.load_history(me)  # a county's user: its own county's loads only
    if hist.empty:
        st.info(t("data_history_empty"))
    else:
        st.dataframe(display(hist), hide_index=True, width="stretch", key="data_history")
        labels = {
            int(r["批次"]): f"{r['批次']} · {r['数据类别']} · {r['文件名']} · {r['导入时间']}"
            for r in hist.to_dict("records")
        }
        pick = st.selectbox(t("data_history_pick"), list(labels), format_func=labels.get, key="data_batch")
        parts = data.load_rows(me, pick)
        if not parts:
            st.info(t("data_history_none"))
        for name, (n, df) in parts.items():
            st.markdown(t("data_history_rows", kind=_kind(name), n=n))
            st.dataframe(display(df), hide_index=True, width="stretch", key=f"data_batch_{name}")

# --------------------------------------------------------------------- export
with tab_exp:
    st.subheader(t("data_export_pages"), divider="gray")
    st.caption(t("data_export_pages_help", scope=plain(scope_name(f)), year=f.year, first=f.first_year))
    exports = loading.exports()
    choice = exports[
        st.selectbox(
            t("data_export_dataset"),
            range(len(exports)),
            format_func=lambda i: t("data_bundle", name=exports[i].label) if exports[i].bundle else exports[i].label,
            key="data_dataset",
        )
    ]
    label = choice.label
    frames = {c.name: data.cached(c.fn)(f, *c.args, **c.kwargs) for c in choice.calls}
    frames = {k: v for k, v in frames.items() if isinstance(v, pd.DataFrame)}
    stem = f"{label}_{scope_name(f)}_{f.year}"
    c1, c2 = st.columns(2)
    c1.download_button(
        t("data_download_xlsx"),
        loading.xlsx_bytes(frames),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="data_ds_xlsx",
    )
    if len(frames) == 1:
        c2.download_button(
            t("data_download_csv"),
            loading.csv_bytes(next(iter(frames.values()))),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key="data_ds_csv",
        )

    st.subheader(t("data_export_tables"), divider="gray")
    st.caption(t("data_export_tables_help", year=f.year))
    table_kind = st.selectbox(t("data_table"), list(loading.KINDS), format_func=_kind, key="data_table_kind")
    only_year = st.checkbox(t("data_only_year", year=f.year), key="data_only_year")
    if st.button(t("data_prepare"), key="data_prepare"):
        df = data.table_for(table_kind, f, year=f.year if only_year else None)
        st.session_state["data_table_out"] = (table_kind, only_year, f, df)
    out = st.session_state.get("data_table_out")
    if out and out[:3] == (table_kind, only_year, f):
        df = out[3]
        st.caption(t("data_rows_ready", n=len(df)))
        name = f"{loading.KINDS[table_kind].zh}_{scope_name(f)}" + (f"_{f.year}" if only_year else "")
        c1, c2 = st.columns(2)
        c1.download_button(
            t("data_download_xlsx"),
            loading.xlsx_bytes({loading.KINDS[table_kind].zh: df}),
            file_name=f"{name}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="data_tbl_xlsx",
        )
        c2.download_button(
            t("data_download_csv"), loading.csv_bytes(df), file_name=f"{name}.csv", mime="text/csv", key="data_tbl_csv"
        )
    st.caption(t("data_csv_note"))

# ---------------------------------------------------------------------- emblem
with tab_emb:
    st.markdown(t("data_emblem_intro"))
    stored = data.stored_emblem()
    st.html(f'<img src="{data.emblem_uri()}" alt="{t("data_emblem_alt")}" style="height:96px;width:auto">')
    st.caption(t("data_emblem_now_loaded") if stored else t("data_emblem_now_default"))
    if me.county_code:  # the city's emblem: not a county's data staff
        st.info(t("data_emblem_city_only"))
    else:
        eup = st.file_uploader(t("data_emblem_upload"), type=["svg", "png"], key="data_emblem_upload")
        if eup is not None:
            raw = eup.getvalue()
            try:  # the preview is what will be stored: the upload drawn to a clean PNG
                preview = identity.safe_emblem(raw, Path(eup.name).suffix).data_uri()
            except ValueError as exc:
                st.error(t("data_emblem_refused", why=str(exc)))
            else:
                st.html(f'<p>{t("data_emblem_preview")}</p><img src="{preview}" alt="" style="height:96px;width:auto">')
                if st.button(t("data_emblem_confirm"), type="primary", key="data_emblem_confirm"):
                    data.save_emblem(me, raw, eup.name)
                    st.session_state["data_emblem_note"] = "data_emblem_saved"
                    st.rerun()
        if stored is not None and st.button(t("data_emblem_reset"), key="data_emblem_reset"):
            data.reset_emblem(me)
            st.session_state["data_emblem_note"] = "data_emblem_was_reset"
            st.rerun()
        note = st.session_state.pop("data_emblem_note", None)
        if note:
            st.success(t(note))
