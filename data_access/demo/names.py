"""Fictional Chinese place names, deterministic by the generator's random source."""

from __future__ import annotations

import random

FIRST = "东西南北青白红黄金银石桃李杏柳松竹梅兰安永长平和宁新丰福庆兴隆泰康乐清明阳云龙凤鹤鹿湖河山溪泉塘桥岭岗坪湾洲"
SECOND = "湖山河林溪源泉塘桥岭岗坪湾洲田庄园店坝堡集口沟港冲垸埠铺寨城阳安宁丰乐兴平和华盛新"
COUNTY_FIRST = "东西南北中"
COUNTY_SECOND = "湖城山江河林原川"
COUNTY_PLAIN = ("青林", "白河", "安平", "永和", "临江", "长宁", "丰泽", "清源", "兴隆", "凤台", "龙泉", "桃源")


def county_names(rng: random.Random, n: int, kinds: list[str]) -> list[str]:
    """Names for n counties; districts (区) get compass names, counties plain ones."""
    out: list[str] = []
    used: set[str] = set()
    plain = list(COUNTY_PLAIN)
    districts = [a + b for a in COUNTY_FIRST for b in COUNTY_SECOND]
    rng.shuffle(districts)
    for kind in kinds:
        if kind == "区" and districts:
            base = districts.pop()
        elif plain:
            base = plain.pop(0)
        else:
            base = _fresh(rng, used)
        used.add(base)
        out.append(base + kind)
    return out


def _fresh(rng: random.Random, used: set[str]) -> str:
    while True:
        name = rng.choice(FIRST) + rng.choice(SECOND)
        if name not in used and name[0] != name[1]:
            return name


def place_names(rng: random.Random, n: int, used: set[str]) -> list[str]:
    """n two-character names not in used (which is updated)."""
    out = []
    for _ in range(n):
        name = _fresh(rng, used)
        used.add(name)
        out.append(name)
    return out
