"""Text stays text (issue 30, finding 7): a bare URL inside a loaded name — a county, a
township, a village, a lecture's title, a federation's own indicator — is never turned
into a link by the markdown Streamlit renders (GFM autolinks: ``https://…``, ``www.…``,
``name@host``), on any page, in either language."""

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
URL = "https://evil.example/x"
WWW = "www.evil.example"
MAIL = "help@evil.example"
# what GFM's autolink literals would make a link of: not taken apart by a backslash
LINK = re.compile(r"(?<!\\)(?:https?:(?!\\)//|(?<![\w\\])www\.(?=\w)|[\w.+-](?<!\\)@(?=[\w-]+\.\w))", re.I)
PAGES = [
    None, "pages/organisation.py", "pages/service.py", "pages/rights.py", "pages/social.py", "pages/plan.py",
    "pages/quality.py",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()  # the engine on this test's database must not serve the next test


@pytest.fixture(scope="module")
def linked_db(demo_sqlite_url, tmp_path_factory):
    dst = tmp_path_factory.mktemp("links") / "links.sqlite"
    shutil.copy(demo_sqlite_url.removeprefix("sqlite:///"), dst)
    eng = open_database(f"sqlite:///{dst}")
    with eng.begin() as c:
        c.execute(update(Area).where(Area.code == COUNTY).values(name=f"东林区 {URL}"))
        town = c.execute(
            select(Area.code).where(Area.county_code == COUNTY, Area.level == "township").order_by(Area.code)
        ).scalars()
        towns = list(town)
        for code in towns:  # every township: whichever a finding names, it carries a URL
            c.execute(update(Area).where(Area.code == code).values(name=f"{code[6:9]}街道 {WWW}"))
        c.execute(update(Area).where(Area.county_code == COUNTY, Area.level == "village").values(name=f"村 {MAIL}"))
        c.execute(
            update(Activity)
            .where(Activity.kind == "lecture", Activity.county_code == COUNTY)
            .values(title=f"宣讲 {URL} {WWW}")
        )
        bump_data_version(c)
    eng.dispose()
    return f"sqlite:///{dst}"


def _texts(at) -> list[str]:
    kinds = ("title", "markdown", "caption", "info", "success", "warning", "error", "subheader", "header")
    return [e.value for kind in kinds for e in at.get(kind)]


def test_plain_takes_every_autolink_apart():
    for s in (URL, WWW, MAIL, f"见{WWW}/a", "HTTP://X.Y", "ftp://x.y"):
        assert not LINK.search(plain(s)), plain(s)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_name_becomes_a_link(linked_db, monkeypatch, page, lang):
    monkeypatch.setenv("DATABASE_URL", linked_db)
    at = open_app(page, year=2025, counties=(COUNTY,), query={"lang": lang})
    texts = _texts(at)
    assert any("evil" in s for s in texts), "the page shows none of the names (the test would prove nothing)"
    linked = [s for s in texts if LINK.search(s)]
    assert not linked, linked
