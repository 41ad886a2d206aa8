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
    assert not e.default and e.mime == "image/png" and e.data == PNG
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
