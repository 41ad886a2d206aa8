"""Event records, one by one: legal-aid and infringement cases, accessibility projects,
culture and sport events, campaigns and lectures, volunteer service, donations."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from .. import catalog, vocab
from .rows import DemoData
from .totals import CITY_CODE, MONTH_WEIGHTS, REPORT_YEAR, alloc, random_day, random_months, year_total


def _yearly_count(key: str, base: int, y: int, factor: float) -> int:
    return round(base * factor) if y == REPORT_YEAR else round(year_total(base, key, y, factor))


def _place(rng: random.Random, data: DemoData, county: dict) -> dict:
    towns = data.townships(county["code"])
    return rng.choices(towns, weights=[t["disabled_registered"] for t in towns])[0]


def _county_split(rng: random.Random, counties: list[dict], n: int) -> list[tuple[dict, int]]:
    w = [c["disabled_registered"] * rng.uniform(0.5, 1.5) for c in counties]
    return list(zip(counties, alloc(n, w), strict=True))


def _where(t: dict, y: int, m: int) -> dict:
    return dict(area_code=t["code"], county_code=t["county_code"], township_code=t["code"], year=y, month=m)


def build_events(data: DemoData, rng: random.Random) -> None:
    for kind, row in iter_events(data, rng):
        getattr(data, kind).append(row)


def iter_events(data: DemoData, rng: random.Random) -> Iterator[tuple[str, dict]]:
    """Event records as (kind, row), kind one of ``EVENT_KINDS``, one at a time."""
    sc = data.scale
    ef = sc.factor * sc.event_factor
    counties = data.counties()
    end = dt.date(REPORT_YEAR, 12, 31)
    for y in sc.years:
        # legal aid
        seq = 0
        for c, n in _county_split(rng, counties, _yearly_count("legal_aid", 100, y, ef)):
            for m in random_months(rng, n):
                seq += 1
                t = _place(rng, data, c)
                opened = random_day(rng, y, m)
                closed = opened + dt.timedelta(days=rng.randint(7, 120))
                done = closed <= end and rng.random() < 0.97
                yield (
                    "legal_aid",
                    (
                        _where(t, y, m)
                        | dict(
                            case_no=f"FY{y}{c['code'][2:6]}{seq:05d}",
                            case_type=rng.choices(catalog.LEGAL_AID_TYPES, weights=(34, 22, 18, 16, 10))[0],
                            service_kind=rng.choices(catalog.LEGAL_SERVICE_KINDS, weights=(45, 25, 30))[0],
                            opened_on=opened,
                            closed_on=closed if done else None,
                            status=vocab.LEGAL_AID_CLOSED if done else vocab.LEGAL_AID_OPEN,
                        )
                    ),
                )
        # infringement cases
        seq = 0
        for c, n in _county_split(rng, counties, _yearly_count("infringement", 20, y, ef)):
            for m in random_months(rng, n):
                seq += 1
                t = _place(rng, data, c)
                opened = random_day(rng, y, m)
                closed = opened + dt.timedelta(days=rng.randint(15, 90))
                done = closed <= end
                yield (
                    "infringement",
                    (
                        _where(t, y, m)
                        | dict(
                            case_no=f"QQ{y}{c['code'][2:6]}{seq:05d}",
                            partner_agency=rng.choices(catalog.PARTNER_AGENCIES, weights=(45, 30, 15, 10))[0],
                            case_type=rng.choice(("侵占财产", "虐待遗弃", "欺诈", "就业歧视")),
                            opened_on=opened,
                            closed_on=closed if done else None,
                            status=vocab.INFRINGEMENT_CLOSED if done else vocab.INFRINGEMENT_OPEN,
                        )
                    ),
                )
        # accessibility projects completed in y; at the end of the report year some are under way
        seq = 0
        n_done = _yearly_count("access", 50, y, ef)
        batches = [(True, n_done)] + ([(False, round(n_done * 0.3))] if y == REPORT_YEAR else [])
        for finished, count in batches:
            for c, n in _county_split(rng, counties, count):
                for m in random_months(rng, n):
                    seq += 1
                    t = _place(rng, data, c)
                    cat = rng.choices(catalog.ACCESS_CATEGORIES, weights=(35, 20, 15, 30))[0]
                    day = random_day(rng, y, m)  # completed on, or started on when under way
                    started = day - dt.timedelta(days=rng.randint(30, 240)) if finished else day
                    yield (
                        "access",
                        (
                            _where(t, y, m)
                            | dict(
                                project_no=f"WZA{y}{c['code'][2:6]}{seq:04d}",
                                name=f"{t['name']}{cat}改造",
                                category=cat,
                                cost_wan=round(rng.uniform(2, 80), 2),
                                started_on=started,
                                completed_on=day if finished else None,
                                status=vocab.ACCESS_DONE if finished else vocab.ACCESS_ONGOING,
                            )
                        ),
                    )
        # culture and sport events
        n_events = _yearly_count("culture", 50, y, ef)
        people = round(year_total(5000, "culture", y, ef)) if y != REPORT_YEAR else round(5000 * ef)
        evs = []
        for c, n in _county_split(rng, counties, n_events):
            evs += [(c, m) for m in random_months(rng, n)]
        for k, ((c, m), p) in enumerate(zip(evs, alloc(people, [rng.uniform(0.3, 2) for _ in evs]), strict=True)):
            t = _place(rng, data, c)
            title = rng.choice(
                ("残疾人书画展", "残疾人文艺汇演", "残疾人运动会", "残疾人象棋比赛", "特奥融合活动", "盲人诵读会")
            )
            yield (
                "activities",
                (
                    _where(t, y, m)
                    | dict(
                        activity_no=f"WT{y}{k + 1:05d}",
                        kind="culture_sport",
                        title=f"{c['name']}{title}",
                        speaker=None,
                        held_on=random_day(rng, y, m),
                        participants=p,
                    )
                ),
            )
        yield from _build_campaigns_lectures(data, rng, y)
        yield from _build_volunteers(data, rng, y, counties)
        yield from _build_donations(data, rng, y, counties)


def _city_event(y: int, m: int) -> dict:
    return dict(area_code=CITY_CODE, county_code=None, township_code=None, year=y, month=m)


def _build_campaigns_lectures(data: DemoData, rng: random.Random, y: int) -> Iterator[tuple[str, dict]]:
    # 全国助残日: the third Sunday of May; 国际残疾人日: 3 December
    may1 = dt.date(y, 5, 1)
    third_sunday = may1 + dt.timedelta(days=(6 - may1.weekday()) % 7 + 14)
    yield (
        "activities",
        (
            _city_event(y, 5)
            | dict(
                activity_no=f"XC{y}001",
                kind="campaign",
                title=f"第{y - 1990}次全国助残日主题宣传活动",
                speaker=None,
                held_on=third_sunday,
                participants=rng.randint(1500, 3000),
            )
        ),
    )
    yield (
        "activities",
        (
            _city_event(y, 12)
            | dict(
                activity_no=f"XC{y}002",
                kind="campaign",
                title="国际残疾人日主题宣传活动",
                speaker=None,
                held_on=dt.date(y, 12, 3),
                participants=rng.randint(800, 2000),
            )
        ),
    )
    if y == REPORT_YEAR:
        lectures = [
            (dt.date(y, 4, 18), "不断增强法治意识，加快推进残疾人事业高质量发展", "党组书记、理事长"),
            (dt.date(y, 10, 16), "学习贯彻习近平法治思想，落实残疾人保障法", "市委党校教授"),
        ]
    else:
        lectures = [
            (random_day(rng, y, rng.choice((3, 4, 6))), "残疾人保障法专题宣讲", "市残联领导"),
            (random_day(rng, y, rng.choice((9, 10, 11))), "残疾人事业发展专题宣讲", "特邀专家"),
        ]
    for k, (day, title, speaker) in enumerate(lectures, start=1):
        yield (
            "activities",
            (
                _city_event(y, day.month)
                | dict(
                    activity_no=f"XJ{y}{k:03d}",
                    kind="lecture",
                    title=title,
                    speaker=speaker,
                    held_on=day,
                    participants=rng.randint(120, 300),
                )
            ),
        )


def _build_volunteers(data: DemoData, rng: random.Random, y: int, counties: list[dict]) -> Iterator[tuple[str, dict]]:
    sc = data.scale
    ef = sc.factor * sc.event_factor
    n_vol = _yearly_count("volunteers", 500, y, ef)
    hours = _yearly_count("volunteer_hours", 10000, y, ef)
    # two teams per county (a province: per township); ``c`` is the team's area
    units = data.townships() if sc.township_teams else counties
    code_part = slice(2, 9) if sc.township_teams else slice(2, 6)
    teams = [(c, k) for c in units for k in (1, 2)]
    rosters = alloc(
        n_vol, [c["disabled_registered"] * random.Random(f"team{c['code']}{k}").uniform(0.5, 1.5) for c, k in teams]
    )
    cells, caps = [], []
    for (c, k), r in zip(teams, rosters, strict=True):
        if r == 0:
            continue
        peak = rng.randint(1, 12)
        for m in range(1, 13):
            people = r if m == peak else max(1, round(r * rng.uniform(0.4, 0.95)))
            cells.append((c, k, m, people))
            caps.append(people * MONTH_WEIGHTS[m - 1])
    partner = {(c["code"], k): random.Random(f"p{c['code']}{k}").choice(catalog.VOLUNTEER_PARTNERS) for c, k in teams}
    for (c, k, m, people), h in zip(cells, alloc(hours, caps), strict=True):
        yield (
            "volunteers",
            (
                dict(
                    area_code=c["code"],
                    county_code=c["county_code"],
                    township_code=c["code"] if sc.township_teams else None,
                    year=y,
                    month=m,
                    record_no=f"ZY{y}{c['code'][code_part]}{k}{m:02d}",
                    team=f"{c['name']}助残志愿服务{'一' if k == 1 else '二'}队",
                    partner_org=partner[(c["code"], k)],
                    volunteers=people,
                    hours=float(h),
                )
            ),
        )


def _build_donations(data: DemoData, rng: random.Random, y: int, counties: list[dict]) -> Iterator[tuple[str, dict]]:
    ef = data.scale.factor * data.scale.event_factor
    total = round(year_total(300, "donations", y, ef) * 100) if y != REPORT_YEAR else round(300 * ef * 100)
    n = max(1, round(total / 800))
    places = rng.choices(counties, weights=[c["disabled_registered"] for c in counties], k=n)
    for k, (c, units) in enumerate(zip(places, alloc(total, [rng.paretovariate(1.6) for _ in places]), strict=True)):
        goods = round(units * rng.choice((0, 0, 0.3, 0.6, 1.0)))
        m = random_months(rng, 1)[0]
        t = _place(rng, data, c)
        yield (
            "donations",
            (
                _where(t, y, m)
                | dict(
                    donation_no=f"JZ{y}{k + 1:05d}",
                    donor_kind=rng.choices(("企业", "个人", "社会组织"), weights=(5, 3, 2))[0],
                    purpose=rng.choice(catalog.DONATION_PURPOSES),
                    received_on=random_day(rng, y, m),
                    money_wan=(units - goods) / 100,
                    goods_wan=goods / 100,
                )
            ),
        )
