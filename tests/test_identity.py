"""The federation's identity: its name (the county's own on a county deck) and its
emblem — configured, checked, with a neutral default — on the sidebar and login page."""

from __future__ import annotations

import base64

import pytest
import streamlit as st

from data_access import identity
from tests.apptest_helpers import open_app

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


@pytest.fixture(autouse=True)
def _own_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CANLIAN_IDENTITY_DIR", str(tmp_path / "identity"))
    monkeypatch.delenv("CANLIAN_EMBLEM", raising=False)
    monkeypatch.delenv("CANLIAN_FEDERATION_NAME", raising=False)


def test_names():
    assert identity.federation_name("示例市") == "示例市残疾人联合会"
    assert identity.federation_name("示例市", "青林县") == "青林县残疾人联合会"
    assert identity.federation_name("示例市", lang="en") == "示例市 Disabled Persons' Federation"


def test_configured_name_for_the_city(monkeypatch):
    monkeypatch.setenv("CANLIAN_FEDERATION_NAME", "某某市残疾人联合会")
    assert identity.federation_name("示例市") == "某某市残疾人联合会"
    assert identity.federation_name("示例市", "青林县") == "青林县残疾人联合会"  # a county keeps its own


def test_default_then_a_loaded_emblem():
    e = identity.emblem()
    assert e.default and e.mime == "image/svg+xml" and b"<svg" in e.data
    identity.save_emblem(PNG, "标志.PNG")
    e = identity.emblem()
    assert not e.default and e.mime == "image/png" and e.data.startswith(b"\x89PNG")  # encoded again (issue 30)
    assert e.data_uri().startswith("data:image/png;base64,")


@pytest.mark.parametrize(
    ("data", "name", "error"),
    [
        (PNG, "emblem.gif", "须为 SVG 或 PNG"),
        (b"GIF89a....", "emblem.png", "不是 PNG 图片"),
        (b"<html></html>", "emblem.svg", "找不到 <svg>"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "e.svg", "不能含有脚本"),
    ],
)
def test_a_bad_emblem_is_refused_and_nothing_is_kept(data, name, error):
    with pytest.raises(ValueError, match=error):
        identity.save_emblem(data, name)
    assert identity.emblem().default


def test_sidebar_and_login_carry_the_name_and_emblem(app_env, monkeypatch):
    st.cache_data.clear()
    at = open_app()
    html = " ".join(el.proto.body for el in at.get("html"))
    assert "示例市残疾人联合会" in html and 'src="data:image/svg+xml;base64,' in html
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "accounts")
    at = open_app()
    html = " ".join(el.proto.body for el in at.get("html"))
    assert "示例市残疾人联合会" in html and at.title[0].value  # the login page, before the password


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#0B4F9C"/></svg>'


@pytest.mark.parametrize(
    ("data", "name", "error"),
    [
        (b"", "e.png", "是空的"),
        (PNG + b"\0" * identity.MAX_BYTES, "e.png", "超过上限 2 MB"),
        (PNG, "emblem.svg", "内容却是 PNG 图片"),  # the type is told by the content, not the name
        (b"%PDF-1.7", "", "既不是 PNG 图片，也不是 SVG 图形"),
        (SVG.replace(b"<circle", b'<image href="http://example.org/x.png"/><circle'), "e.svg", "不能引用外部内容"),
        (SVG.replace(b'fill="#0B4F9C"', b'fill="url(https://cdn.example/p.svg#g)"'), "e.svg", "不能引用外部内容"),
        (SVG.replace(b"<circle", b'<circle onload="alert(1)"'), "e.svg", "不能含有事件脚本"),
        (SVG.replace(b"<circle", b"<foreignObject><p>x</p></foreignObject><circle"), "e.svg", "不能嵌入其他文档"),
        (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + SVG, "e.svg", "DOCTYPE"),
        (SVG.replace(b"<circle", b"<style>@import url(#x);</style><circle"), "e.svg", "@import"),
        (SVG[:-6], "e.svg", "不是完整的 XML"),
    ],
)
def test_refusals_say_why_in_chinese(data, name, error):
    with pytest.raises(ValueError, match=error):
        identity.check_emblem(data, name.rpartition(".")[2] and "." + name.rpartition(".")[2])


def test_a_clean_svg_with_inner_references_passes():
    inner = SVG.replace(b"<circle", b'<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><circle')
    assert identity.check_emblem(inner, ".svg") == "image/svg+xml"
    assert identity.check_emblem(PNG) == "image/png"  # no name at all: the content says PNG


def test_an_emblem_stored_in_the_database_shows_on_the_sidebar_then_goes_back(app_env):
    from data_access.db import make_engine

    engine = make_engine(app_env)
    with engine.begin() as conn:
        identity.store_emblem(conn, SVG, "本会标志.svg", "tester")
    try:
        with engine.connect() as conn:
            stored = identity.emblem(conn)
            assert stored.mime == "image/png" and not stored.default  # the SVG drawn to a PNG (issue 30)
            assert stored.data == identity.safe_emblem(SVG, ".svg").data
        st.cache_data.clear()
        at = open_app()
        html = " ".join(el.proto.body for el in at.get("html"))
        assert stored.data_uri() in html  # what every process reads
        with engine.connect() as conn:
            log = [e for e in identity_audit(conn) if e["action"] == "emblem"]
        assert log and "本会标志.svg" in log[0]["detail"]
    finally:
        with engine.begin() as conn:
            assert identity.reset_emblem(conn, "tester")
    with engine.connect() as conn:
        assert identity.emblem(conn).default
    st.cache_data.clear()
    at = open_app()
    html = " ".join(el.proto.body for el in at.get("html"))
    assert identity.emblem().data_uri() in html  # the neutral default again


def identity_audit(conn):
    from data_access.auth import audit_entries

    return audit_entries(conn, 20)
