"""The global filters (county, year, trend range, language): shown once in the sidebar
by ``dashboard.py``, kept in ``st.session_state`` across pages and mirrored in the URL
(``?county=990101000000,990102000000&year=2025&from=2019&lang=zh``)."""

from __future__ import annotations

import streamlit as st

from data_access.filters import Filters
from words import fmt
from words.i18n import LANGS, text

from . import data

K_COUNTIES, K_YEAR, K_FROM, K_LANG, K_INIT = "g_counties", "g_year", "g_year_from", "g_lang", "_g_init"
K_LANG_INIT = "_g_lang_init"
K_TABLES = "g_show_tables"  # every table on demand shown at once (ui.components.on_demand)
K_SCOPE = "user_scope"  # counties the signed-in user may see; absent = all (open mode)


def lang() -> str:
    return st.session_state.get(K_LANG, "zh")


def t(key: str, **values: object) -> str:
    return text(key, lang(), **values)


def scope() -> tuple[str, ...] | None:
    s = st.session_state.get(K_SCOPE)
    return tuple(s) if s is not None else None


@st.cache_data(ttl=data.RESULT_TTL, max_entries=256, show_spinner=False)
def _options_of(allowed: tuple[str, ...] | None, version: str) -> tuple[tuple[str, ...], tuple, tuple[int, ...]]:
    counties = data.all_counties(allowed)
    years = data.available_years() or [2025]
    return tuple(counties["code"]), tuple(zip(counties["code"], counties["name"], strict=True)), tuple(years)


def _options() -> tuple[list[str], dict[str, str], list[int]]:
    """The counties (codes, names) and years a user may choose: asked several times a run,
    so kept per scope and data version as small tuples (a hit unpickles no DataFrame)."""
    codes, names, years = _options_of(scope(), data.data_version())
    return list(codes), dict(names), list(years)


def language_from_link() -> None:
    """First thing of a session's first run: the language a shared link asks for (``?lang=en``),
    so the login page and the federation's name are already in it (the filters come later)."""
    if st.session_state.get(K_LANG_INIT):
        return
    if st.query_params.get("lang") in LANGS:
        st.session_state.setdefault(K_LANG, st.query_params.get("lang"))
    st.session_state[K_LANG_INIT] = True


def _init_from_url(codes: list[str], years: list[int]) -> None:
    """First run of a session: take the filters from the link, ignoring what is not valid."""
    if st.session_state.get(K_INIT):
        return
    qp = st.query_params
    raw = ",".join(qp.get_all("county"))
    chosen = [c for c in raw.replace("，", ",").split(",") if c in codes]
    st.session_state.setdefault(K_COUNTIES, chosen)

    def year_param(name: str, default: int) -> int:
        try:
            y = int(qp.get(name, default))
        except (TypeError, ValueError):
            return default
        return y if y in years else default

    st.session_state.setdefault(K_YEAR, year_param("year", years[-1]))
    st.session_state.setdefault(K_FROM, year_param("from", years[0]))
    if qp.get("lang") in LANGS:
        st.session_state.setdefault(K_LANG, qp.get("lang"))
    st.session_state[K_INIT] = True


def _sync_url(f: Filters) -> None:
    want = {"year": str(f.year), "from": str(f.first_year)}
    if f.counties:
        want["county"] = ",".join(f.counties)
    if lang() != "zh":
        want["lang"] = lang()
    for k in ("county", "year", "from", "lang"):
        if k not in want and k in st.query_params:
            del st.query_params[k]
    for k, v in want.items():
        if st.query_params.get(k) != v:
            st.query_params[k] = v


def sidebar() -> Filters:
    """Draw the filters in the sidebar and return them (``dashboard.py`` calls this once)."""
    codes, names, years = _options()
    _init_from_url(codes, years)
    lg = lang()  # taken now: a format function may be called after the run (AppTest does)

    def year_label(y: int) -> str:
        return fmt.year_label(y, lg)

    with st.sidebar:
        st.selectbox(text("language"), list(LANGS), format_func=LANGS.get, key=K_LANG)
        st.markdown(f"**{t('filters')}**")
        st.multiselect(
            t("county"),
            codes,
            format_func=lambda c: names.get(c, c),
            key=K_COUNTIES,
            placeholder=t("whole_city"),
            help=t("county_help"),
        )
        st.selectbox(t("year"), years[::-1], key=K_YEAR, format_func=year_label)
        _year_caption()
        st.selectbox(t("year_from"), years, key=K_FROM, format_func=year_label)
        st.toggle(t("show_all_tables"), key=K_TABLES, help=t("show_all_tables_help"))
        st.caption(t("share_link"))
    f = current()
    _sync_url(f)
    return f


def _year_caption() -> None:
    """Under the year: a plain word when the chosen year has no data yet or is under way."""
    ds = data.data_status(current())
    if ds.empty and ds.n_expected:
        st.caption(t("cmp_year_label_empty", year=ds.year))
    elif ds.n_present < ds.n_expected and ds.through < 12:
        st.caption(t("cmp_year_partial", year=ds.year, month=ds.through, n=ds.n_present, of=ds.n_expected))
    elif ds.n_present < ds.n_expected:
        # named as not reported: the counties with no figure of the year at all, as the summary and
        # the deck name them; a county that loaded its yearly figures but not the monthly report is
        # not "not reported" (a new city's 盐湖区 was named so beside its own figures)
        silent = [n for n in ds.missing if n in set(ds.no_figures)]
        if silent:
            sep = "、" if lang() == "zh" else ", "
            n = ds.n_expected - len(silent)
            st.caption(t("cmp_year_over_partial", year=ds.year, n=n, of=ds.n_expected, names=sep.join(silent)))


def current() -> Filters:
    """The filters as the session holds them, narrowed to valid values and the user's scope."""
    codes, _, years = _options()
    chosen = tuple(c for c in st.session_state.get(K_COUNTIES, []) if c in codes)
    year = st.session_state.get(K_YEAR, years[-1])
    year = year if year in years else years[-1]
    first = st.session_state.get(K_FROM, years[0])
    first = first if first in years and first <= year else years[0]
    return Filters(year=year, year_from=first, counties=chosen, scope=scope())


def scope_name(f: Filters) -> str:
    """How the chosen area reads in a title: 全市, or the county names."""
    _, names, _ = _options()
    shown = f.counties_in_scope()
    if shown is None:
        return data.city_name() if lang() == "zh" else t("whole_city")
    return fmt.items((names.get(c, c) for c in shown), lang())
