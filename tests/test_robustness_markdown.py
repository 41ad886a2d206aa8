"""Values from data are shown as text, never rendered as markdown (issue 20): a county
called ``**粗体**[link](http://x)`` and a lecture titled ``![](http://x/img.png)`` appear
with their characters, as no bold text, link or image fetched from outside."""

from __future__ import annotations

import re
import shutil

import pytest
import streamlit as st
from sqlalchemy import select, update

from data_access.db import bump_data_version, open_database
from data_access.models import Activity, Area
from tests.apptest_helpers import open_app
from ui.components import plain

COUNTY = "990101000000"
NAME = "**粗体**[link](http://x)"
TITLE = "![](http://x/img.png)"
RAW = re.compile(r"(?<!\\)\]\(http")  # a link or image not taken apart by a backslash


@pytest.fixture(autouse=True)
def _fresh_caches():
    # another test's copy of the demo can have the same data version: its cached views must not show here
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def hostile_db(demo_sqlite_url, tmp_path_factory):
    dst = tmp_path_factory.mktemp("md") / "md.sqlite"
    shutil.copy(demo_sqlite_url.removeprefix("sqlite:///"), dst)
    eng = open_database(f"sqlite:///{dst}")
    with eng.begin() as c:
        c.execute(update(Area).where(Area.code == COUNTY).values(name=NAME))
        lecture = c.execute(
            select(Activity.id, Activity.year).where(Activity.kind == "lecture").order_by(Activity.year.desc())
        ).first()
        c.execute(
            update(Activity)
            .where(Activity.id == lecture.id)
            .values(title=TITLE, area_code=COUNTY, county_code=COUNTY, township_code=None)
        )
        bump_data_version(c)
    eng.dispose()
    return f"sqlite:///{dst}", lecture.year


def _texts(at) -> list[str]:
    return [e.value for kind in ("title", "markdown", "caption", "info", "success", "subheader") for e in at.get(kind)]


def test_plain_escapes_every_markup():
    assert plain(NAME) == r"\*\*粗体\*\*\[link\](http\://x)"
    assert plain(TITLE) == r"!\[\](http\://x/img.png)"
    assert plain("<img src=x>&amp;") == r"\<img src=x\>\&amp;"
    assert plain("1. 一") == r"1\. 一" and plain("- 二") == r"\- 二" and plain("县(区) 9.9%") == "县(区) 9.9%"


@pytest.mark.parametrize(
    "page", [None, "pages/organisation.py", "pages/service.py", "pages/rights.py", "pages/social.py"]
)
def test_a_county_name_with_markdown_is_shown_as_text(hostile_db, monkeypatch, page):
    url, year = hostile_db
    monkeypatch.setenv("DATABASE_URL", url)
    at = open_app(page, year=year, counties=(COUNTY,))
    texts = _texts(at)
    assert any(plain(NAME) in s for s in at.title.values), at.title.values
    raw = [s for s in texts if RAW.search(s) or NAME in s]
    assert not raw, raw


def test_a_lecture_title_with_an_image_is_shown_as_text(hostile_db, monkeypatch):
    url, year = hostile_db
    monkeypatch.setenv("DATABASE_URL", url)
    at = open_app("pages/social.py", year=year, counties=(COUNTY,))
    texts = _texts(at)
    assert any(f"《{plain(TITLE)}》" in s for s in texts), "the finding names the lecture"
    assert not [s for s in texts if RAW.search(s) or TITLE in s]
