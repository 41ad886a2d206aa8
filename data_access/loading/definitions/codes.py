"""What a 12-digit division code (统计用区划代码) says by itself: its level, its parent and the
kind of unit its digits (and name) make it."""

from __future__ import annotations

from ... import vocab as v


def code_level(code: str) -> str:
    if code[4:] == "0" * 8:
        return "city"
    if code[6:] == "0" * 6:
        return "county"
    if code[9:] == "000":
        return "township"
    return "village"


def code_parent(code: str) -> str | None:
    return {
        "city": None,
        "county": code[:4] + "0" * 8,
        "township": code[:6] + "0" * 6,
        "village": code[:9] + "000",
    }[code_level(code)]


def township_kind(code: str, name: str = "") -> str:
    """统计用区划代码: 乡级 digits 001–099 街道, 100–199 镇, 200–399 乡, 400–599 类似乡级单位."""
    d = int(code[6:9])
    if 1 <= d <= 99:
        return v.STREET
    if 100 <= d <= 199:
        return v.TOWN
    if 200 <= d <= 399:
        return v.XIANG
    if 400 <= d <= 599:
        return v.TOWNSHIP_LIKE
    return next((k for k in v.TOWNSHIP_SUFFIXES if name.endswith(k)), v.TOWNSHIP_LIKE)


def village_kind(code: str, name: str = "") -> str:
    """Village digits 001–199 居民委员会 (社区), 200–399 村民委员会 (村); else the name says."""
    if name.endswith(("社区", "居委会", "居民委员会")):
        return v.COMMUNITY
    if name.endswith(("村", "村委会", "村民委员会")):
        return v.VILLAGE
    return v.COMMUNITY if int(code[9:]) < 200 else v.VILLAGE


def county_kind(name: str) -> str:
    for suffix, kind in (("区", v.DISTRICT), ("旗", v.BANNER), ("市", v.CITY), ("县", v.COUNTY)):
        if name.endswith(suffix):
            return kind
    return v.COUNTY


def infer_kind(code: str, name: str) -> str:
    level = code_level(code)
    if level == "city":
        return v.CITY
    if level == "county":
        return county_kind(name)
    if level == "township":
        return township_kind(code, name)
    return village_kind(code, name)
