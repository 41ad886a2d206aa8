"""The accessibility script ``ui/a11y.py`` sends with every run: Streamlit's ``st.html`` passes
it through DOMPurify, which silently drops a ``<script>`` whose text holds ``<`` before a
letter, ``/`` or ``!`` — and with it every Chinese name for Streamlit's English. (A comment
``<the chart's title>`` did exactly that once.) The browser tests check the words on the page;
this checks, cheaply and for both languages, that the script survives the sanitiser at all."""

from __future__ import annotations

import json
import re

import pytest

from ui import a11y
from words.i18n import text

# DOMPurify (SAFE_FOR_XML): an element without child elements is removed when both its
# innerHTML and its textContent match this
MARKUP_IN_TEXT = re.compile(r"<[/\w!]")


def _body() -> str:
    html = a11y.script_html(None)
    assert html.startswith("<script>") and html.endswith("</script>")
    return html[len("<script>") : -len("</script>")]


def _config(body: str) -> dict:
    return json.loads(re.search(r"const cfg = (\{.*?\});\n", body, re.S).group(1))


def _script(monkeypatch, language: str) -> str:
    monkeypatch.setattr(a11y, "lang", lambda: language)
    monkeypatch.setattr(a11y, "t", lambda key, **kw: text(key, language, **kw))
    return _body()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_script_survives_the_sanitiser(monkeypatch, language):
    body = _script(monkeypatch, language)
    found = [body[max(0, m.start() - 40) : m.end() + 40] for m in MARKUP_IN_TEXT.finditer(body)]
    assert not found, f"DOMPurify would drop the script: {found}"


def test_words_with_markup_are_escaped_not_dropped(monkeypatch):
    """A text with a tag-like ``<`` in it still reaches the page, escaped in the JSON."""
    monkeypatch.setitem(a11y._TEXTS, "Print", "a11y_print")
    monkeypatch.setattr(a11y, "lang", lambda: "zh")
    monkeypatch.setattr(a11y, "t", lambda key, **kw: "<b>打印</b>" if key == "a11y_print" else key)
    body = _body()
    assert not MARKUP_IN_TEXT.search(body)
    assert _config(body)["words"]["texts"]["Print"] == "<b>打印</b>"


def test_chinese_words_for_streamlits_english(monkeypatch):
    """What the script is told to put in place of Streamlit's words, in Chinese."""
    words = _config(_script(monkeypatch, "zh"))["words"]
    assert words["texts"]["Skip to main content"] == "跳到主要内容"
    assert words["texts"]["No results"] == "没有匹配的选项"
    assert words["texts"]["Select all"] == "全选"
    assert words["labels"]["Main menu"] == "主菜单"
    assert words["labels"]["Running..."] == "正在计算…"
    assert words["labels"]["Choose an option"] == "请选择"
    # the patterns are JavaScript's and, being plain, Python's too
    said = [
        word.replace("{n}", m.group(1))
        for p, word in words["text_patterns"]
        if (m := re.match(p, "9 options available."))
    ]
    assert said == ["共 9 个选项"]
