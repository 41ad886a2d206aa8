"""Every page in English, as a foreign delegation would read it: every title, sentence, caption,
tile, table header, button and chart title and axis is English, save proper names (the names of
places, the titles of lectures in 《》 as the data has them, and a term glossed in brackets), and
no count reads "1 <plural>"."""

from __future__ import annotations

import json
import re

import pytest
import streamlit as st
from sqlalchemy import select

from data_access.db import make_engine
from data_access.models import Area
from tests.apptest_helpers import open_app
from ui.filters import K_LANG

PAGES = [
    "pages/overview.py",
    "pages/organisation.py",
    "pages/service.py",
    "pages/rights.py",
    "pages/social.py",
    "pages/plan.py",
    "pages/presentation.py",
    "pages/quality.py",
]
CJK = re.compile(r"[\u4e00-\u9fff]")
TITLES = re.compile(r"《[^》]*》")
GLOSSES = ("(以钱养事)", "（以钱养事）", "(专职委员)")  # terms of the federation glossed once in English
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
ONE_PLURAL = re.compile(rf"(?<![\d.,:/–-])\b1 (?!(?:{MONTHS}|person|per|of|in)\b)([a-z][a-z-]*[^s\W]s)\b")


@pytest.fixture(autouse=True)
def _fresh_cache(app_env):
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def places(demo_sqlite_url) -> list[str]:
    with make_engine(demo_sqlite_url).connect() as conn:
        names = set(conn.execute(select(Area.name)).scalars())
    return sorted(names, key=len, reverse=True)  # 青林县 before a name it contains


def page_texts(at) -> list[str]:
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error"):
        out += [str(el.value) for el in getattr(at, kind)]
    for m in at.metric:
        out += [str(m.label), str(m.value), str(m.delta or "")]
    for d in at.dataframe:
        out += [str(c) for c in d.value.columns]
    out += [str(b.label) for b in at.button]
    out += [str(b.proto.label) for b in at.get("download_button")]
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        lay = spec.get("layout", {})
        for k, v in lay.items():
            if k == "title" or k.startswith(("xaxis", "yaxis")):
                out.append(json.dumps(v.get("title", "") if k != "title" else v, ensure_ascii=False))
        out += [str(t.get("name", "")) for t in spec.get("data", [])]
    return out


def foreign(text: str, places: list[str]) -> str:
    """What is left of ``text`` in Chinese once the proper names are taken out."""
    text = TITLES.sub("", text)
    for g in GLOSSES:
        text = text.replace(g, "")
    for p in places:
        text = text.replace(p, "")
    return "".join(CJK.findall(text))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_english(page, places):
    at = open_app(page=page, year=2025, state={K_LANG: "en"})
    texts = page_texts(at)
    assert len(texts) > 5
    chinese = [t for t in texts if foreign(t, places)]
    assert chinese == [], chinese[:5]
    ones = sorted({m.group(0) for t in texts for m in ONE_PLURAL.finditer(t)})
    assert ones == [], ones
