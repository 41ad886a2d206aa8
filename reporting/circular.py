"""The 通报 (circular) a city federation sends its counties on the year's work: the ranking of the
county assessment (年度目标考核), who reported late or not at all, the figures that fell, the
targets at risk and the figures still to be verified — each named with its figure, in the
federation's register ("予以通报表扬", "请…认真分析原因，限期整改"), as a 公文 (reporting.gongwen).

Truth rules (the shared design §3a):
- ties named as ties ("并列第6位");
- missing is never 0: a county that did not submit a period is "未报", its figures are marked as
  resting on the periods it reported, its fall on the year before is not named (not like for like),
  and it is not praised while a report is missing;
- a figure a validation rule doubts is 待核实: named as such, never praised; a county whose assessed
  figure is doubted is not praised;
- the document states the date of the data and how many of the reports are approved.

``gather_circular`` reads the data (a connection), ``build_circular`` writes the text (pure), and
``circular_docx`` / ``circular_pdf`` make the document.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Connection

from data_access import queries
from data_access.filters import Filters
from data_access.quality.periods import period_end
from words import fmt

from .analysis import FALL_CODES

PRAISE_TOP = 3  # at most this many counties praised
FALLS_SHOWN = 5
SCORE_DEC = 2


@dataclass
class CircularData:
    city: str
    year: int
    through_month: int  # 12: the whole year; else the 通报 covers January to this month
    issued: dt.date
    ranking: pd.DataFrame  # assessment_ranking (empty for part of a year or without rules)
    rules: pd.DataFrame  # assessment_rules
    status: pd.DataFrame  # quality_status, periods ended by the end of through_month
    doubts: pd.DataFrame  # quality_doubts: severity, rule, county_code, county, indicator, …, message
    series: pd.DataFrame  # indicator_series of FALL_CODES by county and year (year, year − 1)
    indicators: pd.DataFrame  # indicator_dictionary
    targets: pd.DataFrame  # plan_progress


@dataclass
class Circular:
    title: str
    lines: list[str] = field(default_factory=list)  # 主送, paragraphs and headings, in order
    note: str = ""  # the 附注 under the 落款: date of the data and approval
    issuer: str = ""
    issued: dt.date | None = None
    praised: list[str] = field(default_factory=list)
    to_rectify: list[str] = field(default_factory=list)

    def text(self) -> str:
        body = "\n".join(self.lines)
        note = f"（{self.note}）\n" if self.note else ""
        return f"{self.title}\n\n{body}\n\n{self.issuer}\n{fmt_date(self.issued)}\n{note}"

    def document_text(self) -> str:
        """Title, body and the 附注 (gongwen sets the 落款 between them)."""
        return f"{self.title}\n\n" + "\n".join(self.lines) + (f"\n（{self.note}）" if self.note else "")


def fmt_date(d: dt.date | None) -> str:
    return "" if d is None else f"{d.year}年{d.month}月{d.day}日"


def _num(v: float, dec: int = SCORE_DEC) -> str:
    return fmt.plain(float(v), dec)


def _names(xs: list[str]) -> str:
    return "、".join(xs)


def _tight(s: str) -> str:
    """No spaces between Chinese and figures (the rules' and reasons' messages carry them)."""
    return re.sub(r"(?<=[\u4e00-\u9fff%）)]) +| +(?=[\u4e00-\u9fff（(])", "", s)


class _Conn:
    """The datasets of :func:`gather_circular` on an open connection (the app passes its cached
    facade ``ui.data``, whose functions have the same names and signatures without ``conn``)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def city_name(self) -> str:
        return queries.city_name(self.conn)

    def quality_status(self, f: Filters, report: str | None = None, as_of: dt.date | None = None) -> pd.DataFrame:
        return queries.quality_status(self.conn, f, report, as_of)

    def quality_doubts(self, f: Filters, as_of: dt.date | None = None) -> pd.DataFrame:
        return queries.quality_doubts(self.conn, f, as_of)

    def assessment_ranking(self, f: Filters) -> pd.DataFrame:
        return queries.assessment_ranking(self.conn, f)

    def assessment_rules(self, year: int) -> pd.DataFrame:
        return queries.assessment_rules(self.conn, year)

    def indicator_series(self, f: Filters, codes, by, years) -> pd.DataFrame:
        return queries.indicator_series(self.conn, f, codes, by, years)

    def indicator_dictionary(self) -> pd.DataFrame:
        return queries.indicator_dictionary(self.conn)

    def plan_progress(self, f: Filters) -> pd.DataFrame:
        return queries.plan_progress(self.conn, f)


def gather_circular(src, year: int, through_month: int = 12, issued: dt.date | None = None) -> CircularData:
    """``src``: a connection, or the app's facade (``ui.data``). The 通报 is the whole city's:
    the filters are the year alone."""
    if isinstance(src, Connection):
        src = _Conn(src)
    issued = issued or dt.date.today()
    f = Filters(year)
    end = dt.date(year, through_month, calendar.monthrange(year, through_month)[1])
    status = src.quality_status(f, None, issued)
    if not status.empty:
        ends = [period_end(p, year, int(n)) for p, n in zip(status["period"], status["period_no"], strict=True)]
        status = status[[e <= end for e in ends]].reset_index(drop=True)
    whole = through_month == 12
    return CircularData(
        city=src.city_name(),
        year=year,
        through_month=through_month,
        issued=issued,
        ranking=src.assessment_ranking(f) if whole else pd.DataFrame(),
        rules=src.assessment_rules(year) if whole else pd.DataFrame(),
        status=status,
        doubts=src.quality_doubts(f, issued),
        series=src.indicator_series(f, FALL_CODES, ("county", "year"), (year - 1, year)) if whole else pd.DataFrame(),
        indicators=src.indicator_dictionary(),
        targets=src.plan_progress(f),
    )


class _Writer:
    def __init__(self, d: CircularData) -> None:
        self.d = d
        st = d.status
        self.missing = st[st["status"] == "missing"] if not st.empty else st
        self.late = st[st["status"] == "late"] if not st.empty else st
        self.missing_counties = list(dict.fromkeys(self.missing["county"])) if not st.empty else []
        self.late_counties = list(dict.fromkeys(self.late["county"])) if not st.empty else []
        dd = d.doubts
        self.doubted = set(zip(dd["county_code"], dd["indicator"], strict=True)) if len(dd) else set()

    def name(self, code: str) -> str:
        ind = self.d.indicators
        return str(ind.loc[code, "name_zh"]) if code in ind.index else code

    def figure(self, code: str, v: float) -> str:
        ind = self.d.indicators
        dec = int(ind.loc[code, "decimals"]) if code in ind.index else 0
        unit = str(ind.loc[code, "unit_zh"]) if code in ind.index else ""
        return f"{fmt.plain(float(v), dec)}{unit}"

    def missing_of(self, county: str) -> list[str]:
        m = self.missing[self.missing["county"] == county]
        return [f"{lab}{rep}" for lab, rep in zip(m["period_label"], m["report_zh"], strict=True)]


def _ranking_part(w: _Writer, out: list[str]) -> tuple[list[str], list[str]]:
    """一、考核: the rules, every county's points and place (ties as ties); returns the counties to
    praise and those asked to rectify."""
    d = w.d
    r = d.ranking
    rules = d.rules
    out.append("一、年度目标考核情况")
    if r.empty or rules.empty:
        out.append(f"{d.year}年度县(区)残联目标考核尚未开展（未载入考核细则），本通报不作排名。")
        return [], []
    items = "、".join(f"{n}（{_num(wt, 0)}分）" for n, wt in zip(rules["name_zh"], rules["weight"], strict=True))
    full = _num(rules["weight"].sum(), 0)
    out.append(
        f"{d.year}年度考核设{items}共{len(rules)}项指标，满分{full}分。全市{len(r)}个县(区)考核结果如下（按得分排列）："
    )
    groups: list[tuple[int, list[str], float]] = []
    for rank, g in r.groupby("rank", sort=True):
        groups.append((int(rank), list(g["county_name"]), float(g["total"].iloc[0])))
    bits = []
    for rank, names, total in groups:
        if len(names) > 1:
            bits.append(f"{_names(names)}均为{_num(total)}分，并列第{rank}位")
        else:
            bits.append(f"{names[0]}{_num(total)}分，居第{rank}位")
    out.append("；".join(bits) + "。")
    partial = [c for c in r["county_name"] if c in w.missing_counties]
    if partial:
        out.append(
            "其中，"
            + "；".join(f"{c}{_names(w.missing_of(c))}未报" for c in partial)
            + "，其得分按已报送的数据计算，待补报审核后重新核定。"
        )
    # praise: the best places, complete reports, no doubted assessed figure
    assessed = set(rules["code"])
    praised, withheld = [], []
    for _, row in r.iterrows():
        if int(row["rank"]) > PRAISE_TOP:
            break
        c = row["county_name"]
        why = []
        if c in w.missing_counties:
            why.append(f"{_names(w.missing_of(c))}未报")
        elif c in w.late_counties:
            why.append("有报表逾期报送")
        if any((row["county_code"], code) in w.doubted for code in assessed):
            why.append("考核数据待核实")
        if why:
            withheld.append(f"{c}考核得分居第{int(row['rank'])}位，但{'、'.join(why)}")
        else:
            praised.append(c)
    # the last two places (ties included) asked to rectify, when they are not among the best
    tail = [rk for rk in sorted({int(x) for x in r["rank"]})[-2:] if rk > PRAISE_TOP]
    bottom = [c for c, rk in zip(r["county_name"], r["rank"], strict=True) if int(rk) in tail]
    lost = {c: reason for c, reason in zip(r["county_name"], r["reasons"], strict=True) if reason}
    for c in bottom:
        if c in lost:
            out.append(f"{c}失分主要在：{_tight(lost[c])}。")
    for x in withheld:
        out.append(f"{x}，暂不予通报表扬，待{'补报' if '未报' in x else '核实'}后再行认定。")
    return praised, bottom


def _reporting_part(w: _Writer, out: list[str], number: str) -> list[str]:
    """二、数据报送: expected / on time / late / missing, each late and missing report named."""
    d = w.d
    st = d.status
    out.append(f"{number}、统计数据报送情况")
    if st.empty:
        out.append("本期无到期应报的报表。")
        return []
    exp = len(st)
    on_time = int((st["status"] == "on_time").sum())
    late, missing = w.late, w.missing
    pending = int((st["status"] == "pending").sum())
    by_report = st.groupby("report_zh", sort=False).size()
    kinds = "、".join(f"{rep}{n}份" for rep, n in by_report.items())
    pct = fmt.plain(on_time / exp * 100, 1) if exp else "—"
    s = f"截至{fmt_date(d.issued)}，各县(区)应报{kinds}，共{exp}份；按时报送{on_time}份，按时报送率{pct}%"
    s += f"；逾期报送{len(late)}份" if len(late) else ""
    s += f"；至今未报{len(missing)}份" if len(missing) else ""
    s += f"；{pending}份未到报送截止日期" if pending else ""
    out.append(s + "。")
    if len(late):
        items = [
            f"{c}{lab}{rep}（逾期{int(days)}天）"
            for c, lab, rep, days in zip(
                late["county"], late["period_label"], late["report_zh"], late["days_late"], strict=True
            )
        ]
        out.append(f"逾期报送的有：{_names(items)}。")
    if len(missing):
        items = [
            f"{c}{lab}{rep}（截止日期{fmt_date(due)}）"
            for c, lab, rep, due in zip(
                missing["county"], missing["period_label"], missing["report_zh"], missing["deadline"], strict=True
            )
        ]
        out.append(f"至今未报的有：{_names(items)}。")
    if not len(late) and not len(missing):
        out.append("各县(区)均按时报送，予以肯定。")
    return list(dict.fromkeys(list(missing["county"]) + list(late["county"])))


def _falls(w: _Writer) -> tuple[list[str], list[str]]:
    """Figures of a county below the year before (like for like: not for a county with a period
    missing this year), largest fall first; and the counties named."""
    d = w.d
    bc = d.series
    if bc.empty:
        return [], []
    cur = bc[bc["year"] == d.year].set_index(["code", "county_code"])["value"]
    prev = bc[bc["year"] == d.year - 1].set_index(["code", "county_code"])["value"]
    names = dict(zip(d.status["county_code"], d.status["county"], strict=False)) if not d.status.empty else {}
    if not d.ranking.empty:
        names.update(zip(d.ranking["county_code"], d.ranking["county_name"], strict=True))
    falls = []
    for key, v in cur.items():
        code, cc = key
        if cc is None or key not in prev.index or pd.isna(v) or pd.isna(prev[key]) or prev[key] <= 0:
            continue
        if names.get(cc) in w.missing_counties or (cc, code) in w.doubted:
            continue  # not like for like, or not a figure to stand on
        if v < prev[key]:
            falls.append((v / prev[key] - 1, code, cc, v, prev[key]))
    falls.sort()
    shown, counties = [], []
    for pct, code, cc, v, pv in falls[:FALLS_SHOWN]:
        c = names.get(cc, cc)
        shown.append(
            f"{c}{w.name(code)}{w.figure(code, v)}，比上年{w.figure(code, pv)}下降{fmt.plain(abs(pct) * 100, 1)}%"
        )
        counties.append(c)
    return shown, list(dict.fromkeys(counties))


def _targets(w: _Writer) -> tuple[list[str], list[str]]:
    """County targets of a plan in force this year, due this year and missed, or at risk."""
    d = w.d
    t = d.targets
    if t is None or t.empty:
        return [], []
    t = t[(t["level"] != "city") & (t["plan_first"] <= d.year) & (t["plan_last"] >= d.year)]
    shown, counties = [], []
    due = t[(t["target_year"] == d.year) & t["attainment"].notna() & (t["attainment"] < 100)]
    for _, r in due.sort_values("attainment").iterrows():
        dec = int(r["decimals"])
        shown.append(
            f"{r['area_name']}{r['name_zh']}目标{fmt.plain(r['target'], dec)}{r['unit_zh']}，{d.year}年为"
            f"{fmt.plain(r['latest'], dec)}{r['unit_zh']}，完成{fmt.plain(r['attainment'], 1)}%，未完成目标"
        )
        counties.append(r["area_name"])
    risk = t[(t["target_year"] > d.year) & (t["status"] == "at_risk")]
    for _, r in risk.iterrows():
        dec = int(r["decimals"])
        shown.append(
            f"{r['area_name']}{r['name_zh']}{r['target_year']}年目标{fmt.plain(r['target'], dec)}{r['unit_zh']}，"
            f"目前为{fmt.plain(r['latest'], dec)}{r['unit_zh']}，按现有进度难以按期完成"
        )
        counties.append(r["area_name"])
    return shown, list(dict.fromkeys(counties))


def _doubts(w: _Writer) -> list[str]:
    out = []
    for county, message in zip(w.d.doubts["county"], w.d.doubts["message"], strict=True):
        # the rule's arithmetic (修正Z分数, 阈值) belongs on the 数据质量 page, not in a 通报
        msg = re.sub(r"，修正\s*Z\s*分数[^，。]*", "", _tight(message.rstrip("。")))
        out.append(msg if msg.startswith(county) else f"{county}{msg}")
    return out


def build_circular(d: CircularData) -> Circular:
    w = _Writer(d)
    whole = d.through_month == 12
    span = f"{d.year}年度" if whole else f"{d.year}年1—{d.through_month}月"
    subject = "县(区)残联工作目标考核和统计数据报送情况" if whole else "县(区)残联统计数据报送情况"
    c = Circular(
        title=f"{d.city}残疾人联合会关于{span}{subject}的通报", issuer=f"{d.city}残疾人联合会", issued=d.issued
    )
    out = c.lines
    out.append("各县(区)残联：")
    if whole:
        out.append(
            f"为全面掌握全市残疾人事业发展情况，推动年度目标任务落实，市残联对各县(区)残联{d.year}年度工作目标完成情况"
            "和统计数据报送情况进行了考核。现将有关情况通报如下："
        )
        praised, bottom = _ranking_part(w, out)
        n = "二"
    else:
        out.append(f"现将{span}各县(区)残联统计数据报送情况通报如下：")
        praised, bottom = [], []
        n = "一"
    reporters = _reporting_part(w, out, n)

    falls, fell = _falls(w)
    risks, risky = _targets(w)
    doubts = _doubts(w)
    problems = []
    if falls:
        problems.append(("部分指标比上年下降", "：" + "；".join(falls) + "。"))
    if risks:
        problems.append(("部分目标任务完成有差距", "：" + "；".join(risks) + "。"))
    if doubts:
        problems.append(("部分数据待核实", "：" + "；".join(doubts) + "。核实前，以上数据不作为表扬和宣传的依据。"))
    n2 = "三" if whole else "二"
    if problems:
        out.append(f"{n2}、需要关注的问题")
        for i, (head, body) in enumerate(problems):
            out.append(f"（{'一二三四五'[i]}）{head}{body.replace('：', '。', 1)}")
    n3 = "四" if problems and whole else "三" if (problems or whole) else "二"
    out.append(f"{n3}、有关要求")
    if praised:
        out.append(
            f"对{d.year}年度考核成绩突出、数据报送及时完整的{_names(praised)}予以通报表扬。希望受到表扬的县(区)再接再厉，再创佳绩。"
        )
    rectify = list(dict.fromkeys(bottom + reporters + risky))
    deadline = d.issued + dt.timedelta(days=30)
    if rectify:
        out.append(
            f"请{_names(rectify)}残联对照本通报指出的问题，认真分析原因，制定整改措施，限期整改，"
            f"于{fmt_date(deadline)}前将整改情况书面报市残联。"
        )
    if fell:
        out.append(f"请{_names(fell)}残联认真分析有关指标下降的原因，采取有效措施，推动各项工作稳中有进。")
    if len(w.missing):
        out.append(f"请{_names(w.missing_counties)}残联立即补报未报报表。")
    out.append(
        "各县(区)残联要进一步提高对统计工作的认识，严格执行统计报表制度，按时、准确、完整报送数据，"
        "确保数据真实可靠，为科学决策提供有力支撑。"
    )
    c.praised, c.to_rectify = praised, list(dict.fromkeys(rectify + fell))
    c.note = _note(d)
    return c


def _note(d: CircularData) -> str:
    """The date of the data and how much of it is approved (the shared design §3a)."""
    st = d.status
    if st.empty:
        return f"本通报数据截至{fmt_date(d.issued)}。"
    submitted = int(st["status"].isin(["on_time", "late"]).sum())
    approved = int((st["approval"] == "approved").sum())
    s = f"数据截至{fmt_date(d.issued)}，已报{submitted}份报表中已审核{approved}份"
    if approved < submitted:
        s += "，其余以审核结果为准"
    return s + "。"


def make_circular(conn: Connection, year: int, through_month: int = 12, issued: dt.date | None = None) -> Circular:
    return build_circular(gather_circular(conn, year, through_month, issued))


def circular_docx(c: Circular) -> bytes:
    from .gongwen import document

    return document(c.document_text(), "zh", issuer=c.issuer, date=c.issued)


def circular_pdf(c: Circular) -> bytes:
    from .convert import docx_to_pdf

    return docx_to_pdf(circular_docx(c))
