"""The 通报 (reporting.circular) as a download button, on 规划目标 and 数据质量: the whole city's
document, so only a user who sees the whole city is offered it. Built when clicked."""

from __future__ import annotations

import streamlit as st

from data_access.filters import Filters
from reporting.circular import build_circular, circular_docx, gather_circular
from ui import data
from ui.auth import record_export
from ui.filters import t

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def circular_button(f: Filters, key: str) -> None:
    if f.scope is not None:  # a county's staff: the city's 通报 is not theirs to send
        return
    year = f.year
    name = f"{data.city_name()}残联{year}年度通报.docx"
    st.download_button(
        t("circular_download", year=year),
        lambda: circular_docx(build_circular(gather_circular(data, year))),
        file_name=name,
        mime=DOCX,
        key=key,
        help=t("circular_help"),
        on_click=record_export,
        args=(name,),
    )
