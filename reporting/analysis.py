"""The annual statistical analysis report (年度统计分析报告), drafted from the data.

CDPF's statistics regime asks each federation for one a year (≤ 3000 字): the main
progress, the achievements and the problems, and proposals. This module writes it for a
set of filters:

一、主要进展 — every section's figures with the change on last year;
二、目标完成情况 — against the plan's targets, only where a targets dataset is loaded
    (``plan_progress``; absent until the plan module is installed);
三、存在的问题 — counties that lag: coverage gaps, figures that fell, the lowest service
    per 1,000 registered disabled persons, missing reports and rule violations where the
    data-quality datasets exist; each with the figures behind it and a proposal
    "下一步，要…";
附：数据来源 — each figure's indicator code, so every number can be traced.

Every figure is recorded as a :class:`reporting.summary.Fact`, as the summary's are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from data_access import queries
from data_access.filters import Filters
from words import fmt, i18n
from words import sections as sec

from .data import CODES, SECTION_FIGURES, OnConnection, ReportData, assemble
from .summary import Fact

MAX_CHARS = 3000
# service figures compared per 1,000 registered disabled persons (amounts reported by county)
PER_1000_CODES = ("rehab_beneficiaries", "emp_new", "edu_students", "culture_participants", "social_volunteers")
# figures whose fall in a county is named (amounts, one per section)
FALL_CODES = tuple(
    c for c in CODES if not c.startswith("org_") and c not in ("emp_income_growth", "edu_enrol_rate")
)  # every amount (issue 27: the falls list covers every indicator)
TOP = 3  # at most this many counties named per problem


@dataclass
class Part:
    heading: str
    sentences: list[str] = field(default_factory=list)
    lang: str = field(kw_only=True)

    @property
    def paragraph(self) -> str:
        """One paragraph per item (（一）…, 一是…), as the report is read item by item."""
        return "\n".join(self.sentences)


@dataclass
class Analysis:
    title: str
    lang: str
    parts: list[Part]
    facts: list[Fact]
    sources: list[tuple[str, str]]  # (indicator code, name) of every figure used
    basis: list[str] = field(default_factory=list)  # 数据截至…, who has not reported, what is to be verified

    def text(self) -> str:
        out = [self.title, ""]
        if self.basis:
            out += [i18n.text("report_sentence_gap", self.lang).join(self.basis), ""]
        for p in self.parts:
            out += [p.heading, *([p.paragraph] if p.sentences else []), ""]
        return "\n".join(out).rstrip() + "\n"


# ----------------------------------------------------------------- the data


@dataclass
class AnalysisData:
    report: ReportData
    by_county: pd.DataFrame  # code, county_code, year, value (selected year and the one before)
    per_1000: dict[str, pd.DataFrame]  # code -> service_by_area frame (county level)
    coverage: pd.DataFrame  # org_coverage by county: county_code, measure, total, covered, gap, pct
    targets: pd.DataFrame | None  # plan_progress, None when no targets dataset exists
    missing: pd.DataFrame | None  # quality_missing, None when absent
    violations: pd.DataFrame | None  # quality_violations, None when absent


def _optional(read: Callable[[], pd.DataFrame]) -> pd.DataFrame | None:
    """Plan targets and data-quality datasets: None where the database cannot answer them
    (a partial database), so the report is written without that part instead of failing."""
    try:
        return read()
    except (SQLAlchemyError, KeyError):
        return None


class _Conn(OnConnection):
    def org_coverage(self, f: Filters, year: int | None = None, by_county: bool = False) -> pd.DataFrame:
        return queries.org_coverage(self.conn, f, year, by_county)

    def service_by_area(self, f: Filters, code: str, level: str = "county") -> pd.DataFrame:
        return queries.service_by_area(self.conn, f, code, level)

    def plan_progress(self, f: Filters) -> pd.DataFrame:
        return queries.plan_progress(self.conn, f)

    def quality_missing(self, f: Filters) -> pd.DataFrame:
        return queries.quality_missing(self.conn, f)

    def quality_violations(self, f: Filters) -> pd.DataFrame:
        return queries.quality_violations(self.conn, f)


def assemble_analysis(f: Filters, src: Any, report: ReportData | None = None) -> AnalysisData:
    """``src``: the app's cached facade (``ui.data``) or a connection adapter."""
    report = report or assemble(f, src)
    by_county = src.indicator_series(f, FALL_CODES, by=("county", "year"), years=(f.year - 1, f.year))
    per = {c: src.service_by_area(f, c, "county") for c in PER_1000_CODES}
    return AnalysisData(
        report=report,
        by_county=by_county,
        per_1000=per,
        coverage=src.org_coverage(f, None, True),
        targets=_optional(lambda: src.plan_progress(f)),
        missing=_optional(lambda: src.quality_missing(f)),
        violations=_optional(lambda: src.quality_violations(f)),
    )


def gather_analysis(conn: Connection, f: Filters) -> AnalysisData:
    return assemble_analysis(f, _Conn(conn))


# ------------------------------------------------------------------ writing


class _Pen:
    def __init__(self, a: AnalysisData, lang: str) -> None:
        self.a, self.d, self.lang, self.en = a, a.report, lang, lang == "en"
        self.facts: list[Fact] = []
        self.sources: dict[str, str] = {}
        self._pending: list[tuple[str, str, float, str, str | None]] = []

    def L(self, zh: str, en: str) -> str:
        return en if self.en else zh

    def name(self, code: str) -> str:
        r = self.d.row(code) if code in self.d.kpis.index else None
        if r is None:
            return code
        return str(r["name_en"] if self.en else r["name_zh"])

    def rec(self, code: str, kind: str, value: float, text: str, county: str | None = None) -> str:
        self._pending.append((code, kind, float(value), text, county))
        if code in self.d.kpis.index:
            self.sources[code] = self.name(code)
        return text

    def figure(
        self,
        code: str,
        value: float,
        decimals: int,
        unit_zh: str,
        unit_en: str,
        county: str | None = None,
        kind: str = "value",
    ) -> str:
        """A figure with its unit as a sentence prints it: 2036万元 / 1万人次 / CNY 20.36 million."""
        v = round(float(value), decimals)
        if unit_zh == fmt.WAN:
            if self.en:
                return self.rec(code, kind, v, fmt.money_en(v, decimals), county)
            return self.rec(code, kind, v, fmt.plain(v, decimals), county) + "万元"
        if unit_zh == "%":
            return self.rec(code, kind, v, fmt.plain(v, decimals, self.lang), county) + "%"
        t = fmt.plain(v, decimals, self.lang) if self.en else fmt.wan_words(v, decimals)
        return self.rec(code, kind, v, t, county) + (f" {unit_en}" if self.en else unit_zh)

    def kpi(self, code: str) -> str:
        r = self.d.row(code)
        return self.figure(code, r["value"], int(r["decimals"]), r["unit_zh"], r["unit_en"])

    def change(self, code: str) -> str:
        r = self.d.row(code)
        k = self.d.known_of(code)
        if self.d.doubted(code):
            return self.L("（含待核实数据，未与上年比较）", " (includes figures to be verified; not compared)")
        if k.incomplete:
            if k.like_value is None or k.like_previous is None or not k.compared:
                return self.L("（未与上年比较）", " (not compared with the year before)")
            c = fmt.change(k.like_value, k.like_previous, int(r["decimals"]), fmt.is_rate(r))
            rate = fmt.is_rate(r)
            words = fmt.change_words(c, "" if rate else r["unit_zh"], "" if rate else r["unit_en"], self.lang)
            if c is not None and not c.flat:
                self.rec(code, "like_change", abs(c.delta), fmt.number(abs(c.delta), c.decimals, grouping=self.en))
                if c.pct is not None:
                    self.rec(code, "like_change_pct", abs(c.pct), fmt.number(abs(c.pct), fmt.PCT_DECIMALS))
            return self.L(
                f"，其余{k.compared}个县(区){words}",
                f"; the other {k.compared} count{'y' if k.compared == 1 else 'ies'} {words}",
            )
        c = fmt.row_change(r)
        if c is None:
            return ""
        if not c.flat:
            a = (
                fmt.money_en(abs(c.delta), c.decimals)
                if self.en and r["unit_zh"] == fmt.WAN
                else fmt.number(abs(c.delta), c.decimals, grouping=self.en)
            )
            self.rec(code, "change", abs(c.delta), a)
            if c.pct is not None:
                self.rec(code, "change_pct", abs(c.pct), fmt.number(abs(c.pct), fmt.PCT_DECIMALS))
        words = fmt.change_words(c, "" if c.rate else r["unit_zh"], "" if c.rate else r["unit_en"], self.lang)
        return self.L(f"，{words}", f", {words}")

    def say(self, part: Part, sentence: str) -> None:
        for code, kind, value, text, county in self._pending:
            self.facts.append(Fact(sentence, code, kind, value, text, county))
        self._pending.clear()
        part.sentences.append(sentence)


def _progress(p: _Pen) -> Part:
    d = p.d
    part = Part(p.L("一、主要进展", "1. Main progress"), lang=p.lang)
    k = 0
    for key, codes in SECTION_FIGURES:
        shown = [c for c in codes if c in d.kpis.index and d.value(c) is not None]
        if not shown:
            continue
        k += 1
        items = []
        for c in shown:
            a, ch = p.kpi(c), p.change(c)
            items.append(p.L(f"{p.name(c)}{a}{ch}", f"{p.name(c)} {a}{ch}"))
        title = sec.SECTION_HEADINGS[key]
        label = p.L(title.short_zh, title.short_en)
        p.say(
            part,
            p.L(
                f"（{sec.numeral(k)}）{label}。{'；'.join(items)}。",
                f"({k}) {label}: {'; '.join(items)}.",
            ),
        )
    return part


def _targets(p: _Pen) -> Part | None:
    t = p.a.targets
    if t is None or t.empty:
        return None
    year = p.d.year
    t = t[(t["plan_first"] <= year) & (t["plan_last"] >= year)]
    # a figure not reported for the year is not assessed on an earlier year's value
    if "latest_year" not in t.columns:
        t = t.assign(latest_year=year)
    old = t["latest_year"].isna() | (t["latest_year"] < year)
    stale, t = t[old], t[~old]
    counties = t[(t["level"] == "county") & (t["attainment"] < 100)].sort_values("attainment")
    if p.d.whole_city:
        t = t[t["level"] == "city"]
    elif len(p.d.scope_codes or ()) == 1:
        t = t[t["area_code"] == p.d.scope_codes[0]]
        counties = counties.iloc[0:0]  # its own targets are the ones above
    else:
        t = t.iloc[0:0]  # targets of counties are not added up
    counties = counties[counties["latest_year"] >= year] if "latest_year" in counties.columns else counties
    if t.empty and counties.empty and stale.empty:
        return None
    part = Part(p.L("二、目标完成情况", "2. Against the plan's targets"), lang=p.lang)
    met = t[t["attainment"] >= 100]
    risk = t[(t["attainment"] < 100) & (t["status"] != "on_track")]
    if len(t):
        n = p.rec("plan:targets", "count", len(t), str(len(t)))
        m = p.rec("plan:met", "count", len(met), str(len(met)))
        p.say(
            part,
            p.L(
                f"{year}年在实施的规划指标共{n}项，已达到目标值的{m}项。",
                f"{n} plan indicator{'s run' if len(t) != 1 else ' runs'} in {year}; {m} {'has' if len(met) == 1 else 'have'} "
                f"reached {'its' if len(met) == 1 else 'their'} target.",
            ),
        )
    for r in risk.head(TOP).itertuples():
        dec = int(r.decimals)
        latest = p.figure(r.code, r.latest, dec, r.unit_zh, r.unit_en)
        target = p.figure(r.code, r.target, dec, r.unit_zh, r.unit_en, kind="target")
        att = p.rec(r.code, "attainment", round(r.attainment, 1), fmt.plain(r.attainment, 1))
        nm = r.name_en if p.en else r.name_zh
        p.say(
            part,
            p.L(
                f"{nm}目标{target}（{r.target_year}年），{year}年为{latest}，完成{att}%，按当前进度难以如期完成。",
                f"{nm}: target {target} by {r.target_year}, {latest} in {year} ({att}% attained), behind schedule.",
            ),
        )
    if len(stale):
        st_names = list(
            dict.fromkeys(stale["area_name"] if not p.d.whole_city or (stale["level"] == "county").all() else [])
        )
        nm = list(dict.fromkeys(stale["name_en" if p.en else "name_zh"]))
        if p.d.whole_city:
            st_names = list(dict.fromkeys(stale[stale["level"] == "county"]["area_name"]))
        who = fmt.join(st_names, p.lang) if st_names else ""
        p.say(
            part,
            p.L(
                f"{who + '的' if who else ''}{'、'.join(nm[:TOP])}{'等' if len(nm) > TOP else ''}{len(stale)}项指标{year}年尚未报送，无法评估完成情况。",
                f"{len(stale)} target{'s' if len(stale) != 1 else ''}{' of ' + who if who else ''} cannot be assessed, "
                f"with no figure for {year} ({', '.join(nm[:TOP])}{', …' if len(nm) > TOP else ''}).",
            ),
        )
    if not counties.empty:
        shown = []
        for r in counties.head(TOP).itertuples():
            dec = int(r.decimals)
            latest = p.figure(r.code, r.latest, dec, r.unit_zh, r.unit_en, r.area_code)
            target = p.figure(r.code, r.target, dec, r.unit_zh, r.unit_en, r.area_code, kind="target")
            att = p.rec(r.code, "attainment", round(r.attainment, 1), fmt.plain(r.attainment, 1), r.area_code)
            nm = r.name_en if p.en else r.name_zh
            shown.append(
                p.L(
                    f"{r.area_name}{nm}目标{target}、{year}年为{latest}，完成{att}%",
                    f"{nm} in {r.area_name}: target {target}, {latest} in {year} ({att}%)",
                )
            )
        last = bool((counties.head(TOP)["plan_last"] == year).all())
        p.say(
            part,
            p.L(
                f"从县(区)看，{'未完成目标' if last else '进度滞后'}的有：{'；'.join(shown)}。",
                f"By county, {'targets missed' if last else 'behind schedule'}: {'; '.join(shown)}.",
            ),
        )
    return part


def _county_name(p: _Pen, code: object) -> str:
    return p.d.county_names.get(str(code), str(code)) if isinstance(code, str) else p.L("市本级", "city level")


def _problems(p: _Pen, number: int) -> Part:
    d, a = p.d, p.a
    part = Part(
        p.L(f"{sec.numeral(number)}、存在的问题和建议", f"{number}. Problems and proposals"),
        lang=p.lang,
    )
    k = 0

    def item(problem: str, proposal_zh: str, proposal_en: str) -> None:
        nonlocal k
        k += 1
        p.say(
            part,
            p.L(
                f"{sec.ordinal(k)}{problem}下一步，要{proposal_zh}。",
                f"{sec.ordinal(k, 'en')} {problem[:1].lower() + problem[1:]} Next, {proposal_en}.",
            ),
        )

    # coverage gaps by county
    cov = a.coverage
    if not cov.empty:
        gaps = cov[(cov["gap"] > 0) & cov["measure"].isin(["township", "village", "village_staff"])]
        if not gaps.empty:
            worst = gaps.groupby("county_code")["gap"].sum().sort_values(ascending=False).head(TOP)
            parts = []
            for cc in worst.index:
                g = gaps[gaps["county_code"] == cc].set_index("measure")
                bits = []
                for m, zh, en in (
                    ("township", "个乡镇(街道)未建残联", "townships without a federation"),
                    ("village", "个村(社区)未建残协", "villages without an association"),
                    ("village_staff", "个村(社区)未配专职委员", "villages without full-time staff"),
                ):
                    if m in g.index and g.loc[m, "gap"] > 0:
                        n = p.rec(f"coverage:{m}", "gap", int(g.loc[m, "gap"]), str(int(g.loc[m, "gap"])), cc)
                        bits.append(p.L(f"{n}{zh}", f"{n} {en}"))
                parts.append(
                    p.L(f"{_county_name(p, cc)}{'、'.join(bits)}", f"{_county_name(p, cc)}: {', '.join(bits)}")
                )
            item(
                p.L(
                    f"基层组织覆盖仍有缺口：{'；'.join(parts)}。",
                    f"Grassroots coverage still has gaps ({'; '.join(parts)}).",
                ),
                "督促上述县(区)限期建立组织、配齐专职委员，逐村(社区)销号",
                "have these counties set up the missing organisations and staff them, village by village",
            )

    # figures that fell in a county
    bc = a.by_county
    if not bc.empty:
        y = d.year
        cur = bc[bc["year"] == y].set_index(["code", "county_code"])["value"]
        prev = bc[bc["year"] == y - 1].set_index(["code", "county_code"])["value"]
        falls = []
        # a county that reported the year without a row of a figure it had has 0 of it (a −100 % fall);
        # a county that has not reported the year is missing, not fallen; nor is one with months of the
        # figure not delivered (January of a begun year against the whole year before is no fall)
        for key, pv in prev.items():
            if key[1] is None or key[1] in d.silent or pd.isna(pv) or pv <= 0 or d.doubted(key[0], key[1]):
                continue
            known = d.known_of(key[0])
            if key[1] in known.partial or key[1] in known.missing:
                continue
            v = float(cur.get(key, 0.0)) if pd.notna(cur.get(key, 0.0)) else 0.0
            if v < pv:
                falls.append((v / pv - 1, key[0], key[1], v, pv))
        falls.sort()
        if falls:
            shown = []
            for _pct, code, cc, v, pv in falls[:TOP]:
                r = d.row(code)
                dec = int(r["decimals"])
                now = p.figure(code, v, dec, r["unit_zh"], r["unit_en"], cc)
                pct = p.rec(
                    code, "change_pct", round(abs(v / pv - 1) * 100, 1), fmt.plain(abs(v / pv - 1) * 100, 1), cc
                )
                shown.append(
                    p.L(
                        f"{_county_name(p, cc)}{p.name(code)}{now}，比上年下降{pct}%",
                        f"{p.name(code)} in {_county_name(p, cc)} {now}, down {pct}% on the year before",
                    )
                )
            item(
                p.L(f"部分指标比上年下降：{'；'.join(shown)}。", f"Some figures fell: {'; '.join(shown)}."),
                "逐项分析下降原因，加强对相关县(区)的调度和指导",
                "find out why each fell and follow these counties up",
            )

    # lowest service per 1,000 registered disabled persons
    lows = []
    for code, df in a.per_1000.items():
        if code not in d.kpis.index:
            continue
        x = df.dropna(subset=["per_1000"])
        known = d.known_of(code)
        # missing is not 0, and a county with months not delivered is not low: it is incomplete
        out = set(d.silent) | set(known.partial) | set(known.missing)
        out |= {c for c in x["county_code"].dropna() if d.doubted(code, c)}  # nor one whose figure is doubted
        x = x[x["county_code"].notna() & ~x["county_code"].isin(out)]
        if len(x) < 2:
            continue  # never a ranking of one
        lo = x.loc[x["per_1000"].idxmin()]
        if (x["per_1000"].round(1) == round(lo["per_1000"], 1)).sum() > 1:
            continue  # a tie for the lowest: no single county named
        reg = pd.to_numeric(x["disabled_registered"], errors="coerce").sum()
        city = x["value"].sum() / reg * 1000 if reg else None
        if city is None or lo["per_1000"] >= city * 0.75:
            continue  # name only a county well below the rest
        lows.append((lo["per_1000"] / city, code, lo, city, len(x)))
    lows.sort(key=lambda t: t[0])
    if lows:
        shown = []
        unit = {"zh": "每千名持证残疾人", "en": "per 1,000 registered disabled persons"}[p.lang]
        for _r, code, lo, city, n in lows[:TOP]:
            v = p.rec(
                code, "per_1000", round(lo["per_1000"], 1), fmt.plain(lo["per_1000"], 1, p.lang), lo["county_code"]
            )
            c = p.rec(code, "per_1000", round(city, 1), fmt.plain(city, 1, p.lang))
            # the comparison is over the counties with the year's figures complete: said so when some are not
            whole = n >= d.scope_size
            shown.append(
                p.L(
                    f"{lo['name']}{p.name(code)}{unit}{v}，"
                    + ("全部县(区)" if whole else f"数据完整的{n}个县(区)")
                    + f"合计为{c}",
                    f"{p.name(code)} in {lo['name']} {v} {unit}, against {c} for "
                    + ("all counties" if whole else f"the {n} counties with complete figures"),
                )
            )
        item(
            p.L(
                f"县(区)之间服务覆盖不均衡：{'；'.join(shown)}。",
                f"Service is uneven between counties: {'; '.join(shown)}.",
            ),
            "向服务覆盖偏低的县(区)倾斜资金和项目，推动服务向基层延伸",
            "direct funds and projects to the counties with the least service",
        )

    # data quality: missing reports and rule violations, where those datasets exist
    miss = a.missing
    if miss is not None and not miss.empty:
        n = p.rec("quality:missing", "count", len(miss), str(len(miss)))
        # every county that is late, the most overdue reports first; beyond TOP, counted ("等8个县(区)")
        per = miss.groupby("county", sort=False).size().sort_values(ascending=False, kind="stable")
        late = [str(x) for x in per.index]  # ties in the listing's order (by county code)
        who_zh = "、".join(late[:TOP]) + (f"等{len(late)}个县(区)" if len(late) > TOP else "")
        who_en = ", ".join(late[:TOP]) + (f" and {len(late) - TOP} more counties" if len(late) > TOP else "")
        item(
            p.L(
                f"数据报送不够及时：截至目前仍有{n}份报表逾期未报（{who_zh}）。", f"{n} reports are overdue ({who_en})."
            ),
            "督促相关县(区)限期补报，把报送及时率纳入年度考核",
            "have these counties submit them and count timeliness in the yearly assessment",
        )
    vio = a.violations
    if vio is not None and not vio.empty:
        n = p.rec("quality:violations", "count", len(vio), str(len(vio)))
        item(
            p.L(f"数据质量有待提高：全年数据有{n}处不符合校验规则。", f"{n} figures break the validation rules."),
            "逐条核实更正，严格执行数据审核制度",
            "check and correct each of them before the year's figures are final",
        )
    if d.silent:
        names = fmt.join([d.county_names.get(c, c) for c in d.silent], p.lang)
        item(
            p.L(
                f"数据尚不完整：{names}尚未报送{d.year}年数据，上述分析不含{'该县(区)' if len(d.silent) == 1 else '这些县(区)'}。",
                f"The data are incomplete: {names} had not reported figures for {d.year}, so this analysis leaves "
                f"{'it' if len(d.silent) == 1 else 'them'} out.",
            ),
            "督促尽快报送，报送后重新生成本报告",
            "have the figures submitted and draft this report again",
        )
    if k == 0:
        p.say(
            part,
            p.L(
                "从数据看，各项指标均未比上年下降，基层组织已全覆盖，县(区)之间服务水平较为均衡。"
                "下一步，要巩固成果，持续提升服务质量。",
                "The figures show no fall on the year before, full grassroots coverage and even service between "
                "counties. Next, keep these gains and raise the quality of service.",
            ),
        )
    return part


def build_analysis(a: AnalysisData, lang: str) -> Analysis:
    p = _Pen(a, lang)
    d = a.report
    parts = [_progress(p)]
    t = _targets(p)
    if t is not None:
        parts.append(t)
    parts.append(_problems(p, len(parts) + 1))
    appendix = Part(p.L("附：数据来源", "Annex: sources"), lang=lang)
    listed = list(p.sources.values())  # the indicators by name: a document sent upward carries no code names
    appendix.sentences.append(
        p.L(
            "本报告数字由残联工作数据看板按指标字典计算，涉及指标：" + "、".join(listed) + "。",
            "Figures computed by the dashboard from the indicator dictionary; indicators: " + ", ".join(listed) + ".",
        )
    )
    parts.append(appendix)
    scope = d.city if d.whole_city else d.scope_label("zh")
    title = p.L(
        f"{scope}{d.year}年残疾人事业统计分析报告",
        f"{d.city if d.whole_city else d.scope_label('en')}: statistical analysis of {d.year}",
    )
    from .summary import basis

    return Analysis(title, lang, parts, p.facts, list(p.sources.items()), basis(d, lang))


def make_analysis(conn: Connection, f: Filters, lang: str) -> Analysis:
    return build_analysis(gather_analysis(conn, f), lang)
