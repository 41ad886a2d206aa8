"""汇报: the current filters as 16:9 slides for a video conference — a cover, then one
message per slide (a finding, one large chart, the key figures). The show (ui.slideshow)
fills the window with the slide alone and is driven by keys; the page around its preview
holds what must not go out on the call: a link that opens the show on a slide, the deck
as PPTX and PDF, each chart as PNG, and the written summary (editable) as .docx/.txt."""

from ui.frame import guard

guard(__file__)  # run only inside dashboard.py: login, scope, filters

import datetime as dt

import pandas as pd
import streamlit as st

from reporting.data import assemble
from reporting.export import chart_pngs, deck_pdf, deck_pptx, issuer_name, summary_docx
from reporting.figures import CHART_H, CHART_W
from reporting.slide_html import chart_specs, slides_html
from reporting.slides import build_deck, with_quality
from ui import client_assets, data
from ui.auth import record_export
from ui.built import kept
from ui.filters import current, lang, t
from ui.slideshow import kiosk_interval, slideshow, watch_data
from ui.tables import display

K_SLIDE, K_INIT, K_SHOW = "presentation_slide", "presentation_slide_init", "presentation_show"

f = current()
assessment = st.sidebar.checkbox(t("plan_deck_assessment"), key="presentation_assessment")
# served by app.py, the browser draws the charts (ui.client_assets): no Chromium here per deck
drawn_there = client_assets.MOUNTED


def _deck(f, lg: str, assessment: bool, drawn_there: bool):
    deck = build_deck(assemble(f, data), lg, assessment=assessment)  # ui.data is the report's source
    # the cover says the figures include unapproved data, with the year's approval counts (issue 19)
    deck = with_quality(deck, data.quality_summary(f), data.quality_approval_counts(f))
    if not drawn_there:
        return deck, None, None
    return deck, slides_html(deck, {}, drawn_there=True), chart_specs(deck)


# one deck per filters, language and day, shared by every session that asks for it (read only)
deck, drawn_slides, specs = kept(
    ("deck", f, lang(), assessment, drawn_there, dt.date.today()), _deck, f, lang(), assessment, drawn_there
)
total = len(deck.slides)

# the slide and the mode: from the link on the first visit (?slide=3, 1-based; ?show=1), then the show
if not st.session_state.get(K_INIT):
    try:
        st.session_state[K_SLIDE] = int(st.query_params.get("slide", 1)) - 1
    except ValueError:
        st.session_state[K_SLIDE] = 0
    st.session_state[K_SHOW] = st.query_params.get("show") == "1"
    st.session_state[K_INIT] = True
idx = min(max(int(st.session_state.get(K_SLIDE, 0)), 0), total - 1)
st.session_state[K_SLIDE] = idx
showing = bool(st.session_state.get(K_SHOW))
if st.query_params.get("slide") != str(idx + 1):
    st.query_params["slide"] = str(idx + 1)
if showing and st.query_params.get("show") != "1":
    st.query_params["show"] = "1"
elif not showing and "show" in st.query_params:
    del st.query_params["show"]

version = data.data_version()
scope_key = "-".join(f.counties) or "all"
base = f"汇报_{f.year}_{scope_key}" if lang() == "zh" else f"deck_{f.year}_{scope_key}"


@st.cache_data(ttl=3600, max_entries=20, show_spinner=False)
def _pngs(deck_key: tuple, version: str) -> dict[int, bytes]:
    return chart_pngs(deck)


def pngs() -> dict[int, bytes]:
    return _pngs((f, lang(), assessment), version)


def _noop() -> None:
    """The component's triggers need a callback to be reported; the result is read below."""


if drawn_there:
    slides = drawn_slides
    charts = {"url": client_assets.plotly_js_url(), "specs": specs, "w": CHART_W, "h": CHART_H}
else:
    with st.spinner(t("presentation_rendering")):
        slides, charts = slides_html(deck, pngs()), None
labels = {
    k: t(f"presentation_{k}")
    for k in ("start", "start_help", "leave", "leave_help", "full", "full_help", "region", "chart_failed")
} | {"prev": t("presentation_prev").strip("◀ "), "next": t("presentation_next").strip(" ▶"),
     "count": t("presentation_counter", n="{n}", total="{total}")}  # fmt: skip
result = slideshow(
    slides,
    idx,
    "show" if showing else "preview",
    labels,
    key="presentation_show_component",
    charts=charts,
    auto=kiosk_interval(st.query_params.get("auto")),  # the wall screen: ?show=1&auto=20
    on_start_change=_noop,
    on_leave_change=_noop,
)
for trigger, to_show in (("start", True), ("leave", False)):
    n = getattr(result, trigger, None)
    if n:
        st.session_state[K_SLIDE] = min(max(int(n) - 1, 0), total - 1)
        st.session_state[K_SHOW] = to_show
        st.rerun()
if showing:
    if kiosk_interval(st.query_params.get("auto")):
        watch_data(version)  # a load lands: the wall shows it
    st.stop()  # nothing but the slide on screen

slide = deck.slides[idx]
st.caption(t("presentation_keys"))
st.button(
    t("presentation_show_button"),
    key="presentation_start",
    type="primary",
    on_click=lambda: st.session_state.update({K_SHOW: True}),
)

# ------------------------------------------------------------------ below the slide
params = {"year": f.year, "slide": idx + 1, "show": 1}
if f.counties:
    params["county"] = ",".join(f.counties)
if lang() != "zh":
    params["lang"] = lang()
link = "/presentation?" + "&".join(f"{k}={v}" for k, v in params.items())
st.markdown(f"{t('presentation_link')} [{link}]({link})")

with st.container(border=True):
    st.markdown(f"**{t('presentation_downloads')}**")
    st.caption(t("presentation_export_note"))
    d1, d2, d3 = st.columns(3)
    d1.download_button(
        t("presentation_pptx"),
        lambda: deck_pptx(deck, pngs()),
        file_name=f"{base}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="presentation_dl_pptx",
        on_click=record_export,
        args=(f"{base}.pptx",),
        icon=":material/slideshow:",
    )
    d2.download_button(
        t("presentation_pdf"),
        lambda: deck_pdf(deck, pngs()),
        file_name=f"{base}.pdf",
        mime="application/pdf",
        key="presentation_dl_pdf",
        on_click=record_export,
        args=(f"{base}.pdf",),
        icon=":material/picture_as_pdf:",
    )
    if slide.figure is not None:
        d3.download_button(
            t("presentation_png"),
            lambda: pngs()[idx],
            file_name=f"{base}_{idx + 1}.png",
            mime="image/png",
            key="presentation_dl_png",
            on_click=record_export,
            args=(f"{base}_{idx + 1}.png",),
            icon=":material/image:",
        )
    if slide.table is not None:
        st.markdown(f"**{t('presentation_table')}**")
        table = slide.table if isinstance(slide.table, pd.DataFrame) else pd.DataFrame(slide.table)
        st.dataframe(display(table), hide_index=True, width="stretch")

    st.markdown(f"**{t('presentation_summary')}**")
    edited = st.text_area(
        t("presentation_summary"),
        value=deck.summary.full_text(),
        height=420,
        key=f"presentation_summary_{f.year}_{scope_key}_{lang()}",
        help=t("presentation_summary_help"),
        label_visibility="collapsed",
    )
    s1, s2, _ = st.columns([1, 1, 2])
    s1.download_button(
        t("presentation_docx"),
        lambda: summary_docx(edited, lang(), issuer=issuer_name(data.city_name(), lang())),
        file_name=f"{base}_总结.docx" if lang() == "zh" else f"{base}_summary.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key="presentation_dl_docx",
        on_click=record_export,
        args=("summary.docx",),
    )
    s2.download_button(
        t("presentation_txt"),
        edited.encode("utf-8"),
        file_name=f"{base}_总结.txt" if lang() == "zh" else f"{base}_summary.txt",
        mime="text/plain",
        key="presentation_dl_txt",
        on_click=record_export,
        args=("summary.txt",),
    )

# ------------------------------------------------ the annual statistical analysis report
with st.expander(t("analysis_title")):
    from reporting.analysis import MAX_CHARS, assemble_analysis, build_analysis

    st.caption(t("analysis_caption"))
    drafted = build_analysis(assemble_analysis(f, data), lang()).text()
    analysis_text = st.text_area(
        t("analysis_title"),
        value=drafted,
        height=420,
        key=f"analysis_text_{f.year}_{scope_key}_{lang()}",
        label_visibility="collapsed",
    )
    st.caption(t("analysis_length", n=len(analysis_text), max=MAX_CHARS))
    if len(analysis_text) > MAX_CHARS:
        st.warning(t("analysis_too_long", max=MAX_CHARS))
    analysis_base = f"{t('analysis_file')}_{f.year}_{scope_key}"
    a1, a2, _ = st.columns([1, 1, 2])
    a1.download_button(
        t("presentation_docx"),
        lambda: summary_docx(analysis_text, lang(), issuer=issuer_name(data.city_name(), lang())),
        file_name=f"{analysis_base}.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key="analysis_dl_docx",
        on_click=record_export,
        args=(f"{analysis_base}.docx",),
    )
    a2.download_button(
        t("presentation_txt"),
        analysis_text.encode("utf-8"),
        file_name=f"{analysis_base}.txt",
        mime="text/plain",
        key="analysis_dl_txt",
        on_click=record_export,
        args=(f"{analysis_base}.txt",),
    )
