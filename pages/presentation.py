"""汇报: the current filters as 16:9 slides for a video conference — a cover, then one
message per slide (a finding, one large chart, the key figures) — with previous/next
by buttons and the ← → keys, a link that opens straight onto a slide, the deck as
PPTX and PDF, each chart as PNG, and the written summary (editable) as .docx/.txt."""

from ui.frame import guard

guard(__file__)  # run only inside dashboard.py: login, scope, filters

import html

import pandas as pd
import streamlit as st

from reporting.data import assemble
from reporting.export import chart_pngs, deck_pdf, deck_pptx, summary_docx
from reporting.slides import Slide, build_deck, with_quality
from ui import data
from ui.auth import record_export
from ui.filters import current, lang, t

K_SLIDE, K_INIT, K_MODE = "presentation_slide", "presentation_slide_init", "presentation_mode"

f = current()
deck = build_deck(assemble(f, data), lang())  # ui.data is the report's source, cached
# the cover says the figures include unapproved data, with the year's approval counts (issue 19)
deck = with_quality(deck, data.quality_summary(f), data.quality_approval_counts(f))
total = len(deck.slides)

# the slide to show: from the link on the first visit (?slide=3, 1-based), then the buttons
if not st.session_state.get(K_INIT):
    try:
        st.session_state[K_SLIDE] = int(st.query_params.get("slide", 1)) - 1
    except ValueError:
        st.session_state[K_SLIDE] = 0
    st.session_state[K_INIT] = True
idx = min(max(int(st.session_state.get(K_SLIDE, 0)), 0), total - 1)
st.session_state[K_SLIDE] = idx
if st.query_params.get("slide") != str(idx + 1):
    st.query_params["slide"] = str(idx + 1)


def _go(step: int) -> None:
    st.session_state[K_SLIDE] = min(max(st.session_state.get(K_SLIDE, 0) + step, 0), total - 1)


present = st.session_state.get(K_MODE, True)
st.html(
    """<style>
.pm-section { color:#0072B2; font-size:1.5rem; font-weight:700; margin:0; }
h1.pm-title { font-size:2.6rem; font-weight:800; line-height:1.25; margin:.2rem 0 .6rem 0; padding:0; color:#111827; }
.pm-cover { text-align:center; padding:9vh 0 6vh 0; }
.pm-cover h1.pm-title { font-size:3.4rem; }
.pm-sub { font-size:1.8rem; color:#0072B2; margin-top:1rem; }
.pm-meta { font-size:1.4rem; color:#4B5563; margin-top:.6rem; }
.pm-fig { border-left:6px solid #0072B2; padding:.2rem 0 .2rem .9rem; margin-bottom:1.0rem; }
.pm-label { font-size:1.25rem; color:#4B5563; }
.pm-value { font-size:2.5rem; font-weight:800; line-height:1.15; color:#111827; }
.pm-change { font-size:1.1rem; color:#4B5563; }
.pm-caption { font-size:1.05rem; color:#4B5563; }
.pm-footer { font-size:1.1rem; color:#4B5563; }
</style>"""
    + (
        """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"] { display:none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding-top:1.2rem !important; max-width:100% !important; }
</style>"""
        if present
        else ""
    )
)


def _e(s: str) -> str:
    return html.escape(s or "")


def show_slide(s: Slide, n: int) -> None:
    if s.key == "cover":
        st.html(
            f'<div class="pm-cover"><div class="pm-meta">{_e(s.section)}</div>'
            f'<h1 class="pm-title">{_e(s.title)}</h1><div class="pm-sub">{_e(s.subtitle)}</div>'
            f'<div class="pm-meta">{_e(deck.scope)} · {_e(deck.date_text)}</div></div>'
        )
        return
    st.html(f'<p class="pm-section">{_e(s.section)}</p><h1 class="pm-title">{_e(s.title)}</h1>')
    left, right = st.columns([2.3, 1], gap="large")
    with left:
        if s.figure is not None:
            fig = s.figure
            fig.update_layout(height=600)
            st.plotly_chart(
                fig, key=f"presentation_chart_{n}", theme=None, config={"displaylogo": False, "displayModeBar": False}
            )
            st.html(f'<div class="pm-caption">{_e(s.chart_caption)}</div>')
        else:
            st.info(t("presentation_no_chart"))
    with right:
        st.html(
            "".join(
                f'<div class="pm-fig"><div class="pm-label">{_e(k.label)}</div>'
                f'<div class="pm-value">{_e(k.value)}</div>'
                + (f'<div class="pm-change">{_e(k.change)}</div>' if k.change else "")
                + "</div>"
                for k in s.figures
            )
        )


slide = deck.slides[idx]
show_slide(slide, idx)

c1, c2, c3, c4 = st.columns([1, 1, 1, 3], vertical_alignment="center")
c1.button(
    t("presentation_prev"),
    key="presentation_prev",
    on_click=_go,
    args=(-1,),
    disabled=idx == 0,
    shortcut="Left",
    help=t("presentation_prev_help"),
    width="stretch",
)
c2.html(f'<div class="pm-footer" style="text-align:center">{t("presentation_counter", n=idx + 1, total=total)}</div>')
c3.button(
    t("presentation_next"),
    key="presentation_next",
    on_click=_go,
    args=(1,),
    disabled=idx == total - 1,
    shortcut="Right",
    help=t("presentation_next_help"),
    width="stretch",
)
c4.html(f'<div class="pm-footer" style="text-align:right">{_e(deck.footer)}</div>')

# ------------------------------------------------------------------ below the slide
st.divider()
st.toggle(t("presentation_mode"), value=True, key=K_MODE)
params = {"year": f.year, "slide": idx + 1}
if f.counties:
    params["county"] = ",".join(f.counties)
if lang() != "zh":
    params["lang"] = lang()
link = "/presentation?" + "&".join(f"{k}={v}" for k, v in params.items())
st.markdown(f"{t('presentation_link')} [{link}]({link})")

version = data.data_version()
scope_key = "-".join(f.counties) or "all"
base = f"汇报_{f.year}_{scope_key}" if lang() == "zh" else f"deck_{f.year}_{scope_key}"


@st.cache_data(ttl=3600, max_entries=20, show_spinner=False)
def _pngs(deck_key: tuple, version: str) -> dict[int, bytes]:
    return chart_pngs(deck)


def pngs() -> dict[int, bytes]:
    return _pngs((f, lang()), version)


with st.expander(t("presentation_tools"), expanded=not present):
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
        st.dataframe(table, hide_index=True, width="stretch")

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
        lambda: summary_docx(edited),
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
        lambda: summary_docx(analysis_text, lang()),
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
