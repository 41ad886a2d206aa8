"""The federation's name and emblem where a user meets the app: the top of the sidebar
and the login page (the cover of the deck draws them itself, reporting.slide_html).
Which name and emblem: data_access.identity (configured, with a neutral default)."""

from __future__ import annotations

import html

import streamlit as st

from data_access import identity

from . import data
from .filters import lang, scope


def name() -> str:
    """The signed-in user's federation: a county user's own county federation, else the city's."""
    s = scope()
    county = None
    if s is not None and len(s) == 1:
        counties = data.all_counties(s)
        county = dict(zip(counties["code"], counties["name"], strict=True)).get(s[0])
    return identity.federation_name(data.city_name(), county, lang())


def badge(size: int = 44, heading: bool = False) -> str:
    """Emblem and name as one line of HTML (the emblem inline: nothing is fetched)."""
    tag = "h2" if heading else "div"
    style = "margin:0;font-size:1.5rem;font-weight:700" if heading else "font-weight:700;font-size:1.05rem"
    return (
        f'<div class="canlian-identity" style="display:flex;align-items:center;gap:.6rem;margin-bottom:.4rem">'
        f'<img src="{data.emblem_uri()}" alt="" style="height:{size}px;width:auto;flex:none">'
        f'<{tag} style="{style};color:#0B3D75;line-height:1.3">{html.escape(name())}</{tag}></div>'
    )


def sidebar() -> None:
    with st.sidebar:
        st.html(badge())
