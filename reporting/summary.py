"""The written year-end summary (年度工作总结, data paragraphs) in the seed's style: 一、二、三…
with （一）（二） under 三, 一是…二是… inside a section, 万 for large round figures
(1万人次), 共/累计/同比 as the seed uses them — for the selected year and scope, with the
change on the year before attached to the figure it belongs to.

Every figure printed is recorded as a :class:`Fact` (sentence, code, kind, value, text),
so tests check each one against its query and parse every "比上年增加…" back to the figure
it follows. Chinese prints figures without separators (``全市新增残疾人就业1000人``),
English with them and money in CNY (``CNY 20.36 million``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data_access.catalog import POST_KINDS
from words import fmt, vocab
from words import sections as sec

from .data import ReportData

POST_EN = {
    "centre_posts": "posts at the city service centre",
    "admin_posts": "administrative posts",
    "public_welfare_posts": "public-service unit posts",
    "paid_hires": "contracted staff (以钱养事)",
}


@dataclass(frozen=True)
class Fact:
    """One figure of the summary: where it is, what it is, and its value as printed.

    ``kind``: value (the year's figure), change (absolute change on the year before, points
    for a rate), change_pct (relative change, %), covered/total (coverage counts), staffing,
    cases, participants, events. ``code``: the indicator code (or ``coverage:KIND``,
    ``staffing:LEVEL:POST``, ``legal_aid_type:TYPE``, ``outreach:KIND``). ``value`` is in
    the dictionary's unit (万元 for money); ``text`` the token printed (``1万``, ``2036``,
    ``CNY 20.36 million``). ``county_code``: None for the summary's scope.
    """

    sentence: str
    code: str
    kind: str
    value: float
    text: str
    county_code: str | None = None


@dataclass
class Section:
    key: str
    heading: str
    lang: str = "zh"
    sentences: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    group: str | None = None  # the heading of the section this part belongs to (三、…)

    @property
    def paragraph(self) -> str:
        return ("" if self.lang == "zh" else " ").join(self.sentences)


@dataclass
class Summary:
    title: str
    lang: str
    sections: list[Section]

    @property
    def facts(self) -> list[Fact]:
        return [x for s in self.sections for x in s.facts]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def full_text(self) -> str:
        return self.text()

    def text(self) -> str:
        parts = [self.title, ""]
        group = None
        for s in self.sections:
            if s.group and s.group != group:
                parts += [s.group]
            group = s.group
            parts += [s.heading, s.paragraph, ""]
        return "\n".join(parts).rstrip() + "\n"


def num(v: float, decimals: int = 0, lang: str = "zh") -> str:
    """2036.00 → 2036, 10.0 → 10, 96.94 → 96.9 (1 decimal); English adds separators."""
    return fmt.plain(v, decimals, lang)


def parse_printed(text: str) -> float:
    """A printed token back to its value in the dictionary's unit: 1万 → 10000,
    1,000 → 1000, CNY 20.36 million → 2036 (万元), CNY 500,000 → 50."""
    t = text.strip()
    if t.startswith("CNY "):
        body = t[4:]
        if body.endswith(" million"):
            return float(body[: -len(" million")].replace(",", "")) * 100
        return float(body.replace(",", "")) / 10000
    if t.endswith("万"):
        return float(t[:-1]) * 10000
    return float(t.replace(",", ""))


class _Writer:
    """Builds one section's sentences while recording the facts in them."""

    def __init__(self, d: ReportData, lang: str, key: str) -> None:
        self.d, self.lang, self.en = d, lang, lang == "en"
        parent = sec.parent(key)
        self.section = Section(key, sec.heading(key, lang), lang, group=sec.heading(parent, lang) if parent else None)
        self._pending: list[tuple[str, str, float, str, str | None]] = []
        self.s = d.scope_label(lang)
        self.y = d.year

    def L(self, zh: str, en: str) -> str:
        return en if self.en else zh

    # ------------------------------------------------------------------ figures
    def fig(
        self, code: str, kind: str, value: float, decimals: int, county: str | None = None, wan: bool = False
    ) -> str:
        """A bare number as printed, recorded; ``wan``: 10000 → 1万 (Chinese counts only)."""
        text = fmt.wan_words(value, decimals) if wan and not self.en else fmt.plain(value, decimals, self.lang)
        self._pending.append((code, kind, round(float(value), decimals), text, county))
        return text

    def money(self, code: str, kind: str, value: float, decimals: int, county: str | None = None) -> str:
        """万元 with its unit: 2036万元 / CNY 20.36 million."""
        if not self.en:
            return self.fig(code, kind, value, decimals, county) + "万元"
        text = fmt.money_en(value, decimals)
        self._pending.append((code, kind, round(float(value), decimals), text, county))
        return text

    def _row(self, code: str) -> pd.Series:
        return self.d.row(code)

    def has(self, code: str) -> bool:
        return code in self.d.kpis.index and self.d.value(code) is not None

    def val(self, code: str) -> str:
        """The year's figure without its unit (counts of 10000 and more as 万 in Chinese)."""
        r = self._row(code)
        wan = r["unit_zh"] not in ("%", fmt.WAN)
        return self.fig(code, "value", float(r["value"]), int(r["decimals"]), wan=wan)

    def amt(self, code: str) -> str:
        """The year's figure with its unit, as a sentence prints it (2036万元, 1万人次, 10%)."""
        r = self._row(code)
        if r["unit_zh"] == fmt.WAN:
            return self.money(code, "value", float(r["value"]), int(r["decimals"]))
        v = self.val(code)
        if r["unit_zh"] == "%":
            return f"{v}%"
        return f"{v}{r['unit_zh']}" if not self.en else f"{v} {r['unit_en']}"

    def change(self, code: str, bracket: bool = False) -> str:
        """'，比上年增加60人、增长6.4%' / '，比上年提高3个百分点' / '，与上年持平', placed right
        after the figure it belongs to; '' without last year. ``bracket``: （比上年…）."""
        r = self._row(code)
        c = fmt.row_change(r)
        if c is None:
            return ""
        unit_zh, unit_en = r["unit_zh"], r["unit_en"]
        if not c.flat:
            if unit_zh == fmt.WAN and self.en:
                a = fmt.money_en(abs(c.delta), c.decimals)
            else:
                a = fmt.number(abs(c.delta), c.decimals, grouping=self.en)
            self._pending.append((code, "change", abs(c.delta), a, None))
            if c.pct is not None:
                p = fmt.number(abs(c.pct), fmt.PCT_DECIMALS)
                self._pending.append((code, "change_pct", abs(c.pct), p, None))
        words = fmt.change_words(c, "" if c.rate else unit_zh, "" if c.rate else unit_en, self.lang)
        if bracket:
            return f"（{words}）" if not self.en else " (" + words.replace(" (", ", ").replace(")", "") + ")"
        return f"，{words}" if not self.en else f", {words}"

    def leaders(self, code: str, n: int = 2) -> str:
        """A sentence of its own: '从县(区)看，A（x人）、B（y人）居前。' — only when several
        counties are compared (never a ranking of one)."""
        if self.d.area_level != "county" or (self.d.scope_codes is not None and len(self.d.scope_codes) < 2):
            return ""
        top = self.d.areas_of(code).head(n)
        top = top[top["value"] > 0]
        if len(top) < 2:
            return ""
        r = self._row(code)
        dec = int(r["decimals"])
        shown = []
        for a in top.itertuples():
            if r["unit_zh"] == fmt.WAN:
                v = self.money(code, "value", a.value, dec, a.area_code)
            else:
                v = self.fig(code, "value", a.value, dec, a.area_code, wan=True)
                v = f"{v}{r['unit_zh']}" if not self.en else f"{v} {r['unit_en']}"
            shown.append(f"{a.area_name}（{v}）" if not self.en else f"{a.area_name} ({v})")
        name = r["name_en"] if self.en else r["name_zh"]
        return self.L(
            f"从县(区)看，{name}{'、'.join(shown)}居前。",
            f"By county, {fmt.join(shown, 'en')} led in {name[:1].lower() + name[1:]}.",
        )

    def say(self, sentence: str) -> None:
        """Add a sentence; the figures written since the last one belong to it."""
        if not sentence:
            self._pending.clear()
            return
        for code, kind, value, text, county in self._pending:
            self.section.facts.append(Fact(sentence, code, kind, value, text, county))
        self._pending.clear()
        self.section.sentences.append(sentence)

    def drop(self) -> None:
        self._pending.clear()


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# ---------------------------------------------------------------------- sections


def _org(w: _Writer) -> None:
    d, L, y, s = w.d, w.L, w.y, w.s
    cov = d.coverage
    t, v, vs = cov["township"], cov["village"], cov["village_staff"]
    if not t["total"]:
        return
    complete = t["covered"] == t["total"] and v["covered"] == v["total"] and vs["covered"] == v["total"]
    t_total = w.fig("coverage:township", "total", t["total"], 0)
    v_total = w.fig("coverage:village", "total", v["total"], 0)
    if complete:
        w.say(
            L(
                f"{y}年，{s}{t_total}个乡镇(街道)、{v_total}个村(社区)全部建立了残联组织，"
                "配备了乡、村两级残联专职工作人员，实现了“乡乡有机构、村村有服务”。",
                f"In {y}, all {t_total} townships and {v_total} villages of {s} had their disabled persons' "
                "organisation with full-time staff: an organisation in every township, a service in every village.",
            )
        )
    else:
        tc = w.fig("coverage:township", "covered", t["covered"], 0)
        vc = w.fig("coverage:village", "covered", v["covered"], 0)
        vsc = w.fig("coverage:village_staff", "covered", vs["covered"], 0)
        w.say(
            L(
                f"{y}年末，{s}{t_total}个乡镇(街道)中已有{tc}个建立残联组织，"
                f"{v_total}个村(社区)中已有{vc}个建立残协、{vsc}个配备专职委员。",
                f"At the end of {y}, {tc} of the {t_total} townships of {s} had a federation; of {v_total} villages, "
                f"{vc} had an association and {vsc} a full-time staff member.",
            )
        )
    rates = []
    for code, zh, en in (
        ("org_township_coverage", "乡镇(街道)残联覆盖率", "township coverage"),
        ("org_village_coverage", "村(社区)残协覆盖率", "village coverage"),
        ("org_village_staff_coverage", "村(社区)专职委员配备率", "villages with full-time staff"),
    ):
        if w.has(code):
            a, c = w.amt(code), w.change(code)
            rates.append(L(f"{zh}{a}{c}", f"{en} {a}{c}"))
    if rates:
        w.say(L("；".join(rates) + "。", _cap("; ".join(rates)) + "."))
    st = d.staffing
    if not st.empty:
        got = {(r.level, r.post_kind): int(r.count) for r in st.itertuples()}
        parts = []
        for level, lz, le in (("city", "市残联", "the city federation"), ("county", "县级残联", "county federations")):
            items = [
                (k, n) for (lv, k), n in got.items() if lv == level and k != "vice_chairs" and n > 0 and k in POST_KINDS
            ]
            if items:
                shown = [(k, w.fig(f"staffing:{level}:{k}", "staffing", n, 0)) for k, n in items]
                zh = "、".join(f"新增{POST_KINDS[k]}{n}名" for k, n in shown)
                parts.append(L(f"{lz}{zh}", f"{le} added {fmt.join([f'{n} {POST_EN[k]}' for k, n in shown], 'en')}"))
        vice = sum(n for (_, k), n in got.items() if k == "vice_chairs")
        if vice:
            vt = w.fig("staffing:vice_chairs", "staffing", vice, 0)
            parts.append(
                L(
                    f"配备市、县两级残联兼(挂)职副理事长{vt}名" if d.whole_city else f"配备兼(挂)职副理事长{vt}名",
                    f"{vt} part-time or seconded vice-chairs were appointed",
                )
            )
        if parts:
            w.say(L("；".join(parts) + "。", _cap("; ".join(parts)) + "."))


def _political(w: _Writer) -> None:
    """二: the lectures (专题宣讲) of the year, as the seed tells them."""
    L, y = w.L, w.y
    ev = w.d.outreach
    if ev.empty:
        return
    cur = ev[ev["year"] == y].sort_values("held_on")
    lect = cur[cur["kind"] == "lecture"]
    if lect.empty:
        return
    n = w.fig("outreach:lecture", "events", len(lect), 0)
    p = w.fig("outreach:lecture", "participants", float(lect["participants"].sum()), 0, wan=True)
    w.say(
        L(
            f"{y}年，{w.s}共开展专题宣讲{n}场，累计{p}人次参加。",
            f"In {y}, {w.s} held {n} lectures (专题宣讲), attended {p} times in all.",
        )
    )
    items = []
    for r in lect.itertuples():
        when = pd.Timestamp(r.held_on)
        who = r.speaker if isinstance(r.speaker, str) and r.speaker else ""
        if w.en:
            items.append(
                f"on {when.day} {when.strftime('%B')}, {vocab.word(who, 'en') or 'a speaker'} spoke on 《{r.title}》"
            )
        else:
            items.append(f"{when.month}月{when.day}日，{who}作了题为《{r.title}》的专题宣讲")
    w.say(L("；".join(items) + "。", _cap("; ".join(items)) + "."))


def _rehab(w: _Writer) -> None:
    L, y, s = w.L, w.y, w.s
    if not w.has("rehab_funds"):
        return
    f = w.amt("rehab_funds")
    ch = w.change("rehab_funds")
    c, b = w.val("rehab_centres"), w.val("rehab_beds")
    w.say(
        L(
            f"{y}年，{s}共投入康复专项资金{f}{ch}，用于残疾人康复设施建设及设备更新，"
            f"新建和改扩建康复中心{c}个，新增康复床位{b}张。",
            f"In {y}, {s} invested {f} of rehabilitation special funds in facilities and equipment{ch}; "
            f"{c} rehabilitation centres were built or expanded and {b} beds added.",
        )
    )
    if w.has("rehab_trainings"):
        tr, be = w.val("rehab_trainings"), w.val("rehab_beneficiaries")
        w.say(
            L(
                f"全年累计举办康复讲座和培训{tr}场次，受益人群达{be}人次。",
                f"In all, {tr} rehabilitation lectures and trainings reached {be} person-times.",
            )
        )
    w.say(w.leaders("rehab_funds"))


def _employment(w: _Writer) -> None:
    L, y, s = w.L, w.y, w.s
    if not w.has("emp_new"):
        return
    n = w.val("emp_new")
    ch = w.change("emp_new")
    tail = ""
    if w.has("emp_self"):
        se, sc = w.val("emp_self"), w.change("emp_self", bracket=True)
        tail = L(f"，其中自主创业{se}人{sc}", f", {se} of them self-employed{sc}")
    w.say(
        L(
            f"{y}年，{s}新增残疾人就业{n}人{ch}{tail}。",
            f"In {y}, {s} saw {n} disabled persons newly employed{ch}{tail}.",
        )
    )
    bits = []
    if w.has("emp_training"):
        tr = w.val("emp_training")
        bits.append(L(f"提供免费职业培训{tr}人次", f"free vocational training reached {tr} person-times"))
    if w.has("emp_income_growth"):
        gv = w.d.value("emp_income_growth") or 0.0
        g = w.fig("emp_income_growth", "value", abs(gv), int(w._row("emp_income_growth")["decimals"]))
        bits.append(
            L(
                f"实现残疾人家庭人均可支配收入同比{'增长' if gv >= 0 else '下降'}{g}%",
                f"household per-capita disposable income {'grew' if gv >= 0 else 'fell'} {g}% year on year",
            )
        )
    if bits:
        w.say(L("；".join(bits) + "。", _cap("; ".join(bits)) + "."))
    w.say(w.leaders("emp_new"))


def _education(w: _Writer) -> None:
    L, y, s = w.L, w.y, w.s
    if not w.has("edu_students"):
        return
    st = w.val("edu_students")
    ch = w.change("edu_students")
    aid = w.amt("edu_aid") if w.has("edu_aid") else None
    w.say(
        L(
            f"{y}年，{s}共资助残疾学生{st}人次{ch}" + (f"，发放助学金{aid}" if aid else "") + "。",
            f"In {y}, {s} aided disabled students {st} times{ch}"
            + (f", paying {aid} in student aid" if aid else "")
            + ".",
        )
    )
    if w.has("edu_enrol_rate"):
        r, rc = w.amt("edu_enrol_rate"), w.change("edu_enrol_rate")
        w.say(
            L(
                f"适龄残疾儿童少年义务教育入学率{r}{rc}。",
                f"The compulsory-education enrolment rate of school-age disabled children was {r}{rc}.",
            )
        )


def _culture(w: _Writer) -> None:
    L, y, s = w.L, w.y, w.s
    if not w.has("culture_events"):
        return
    e = w.val("culture_events")
    ch = w.change("culture_events")
    p = w.val("culture_participants") if w.has("culture_participants") else None
    w.say(
        L(
            f"{y}年，{s}共举办残疾人文化体育活动{e}场次{ch}" + (f"，参与人数达{p}人次" if p else "") + "。",
            f"In {y}, {s} held {e} culture and sport events{ch}" + (f", with {p} participant-times" if p else "") + ".",
        )
    )


def _rights(w: _Writer) -> None:
    L, y, s = w.L, w.y, w.s
    if not w.has("rights_legal_aid"):
        return
    k = 0
    la = w.val("rights_legal_aid")
    ch = w.change("rights_legal_aid")
    types = [
        (r.case_type, w.fig(f"legal_aid_type:{r.case_type}", "cases", r.cases, 0))
        for r in w.d.legal_types.head(2).itertuples()
    ]
    tz = "、".join(f"{t}{n}件" for t, n in types)
    te = fmt.join([f"{vocab.word(t, 'en')} ({n})" for t, n in types], "en")
    k += 1
    w.say(
        L(
            f"{sec.ordinal(k)}加强残疾人法律援助服务。{y}年，{s}共受理残疾人法律援助案件{la}件{ch}"
            + (f"，其中{tz}" if tz else "")
            + "。",
            f"{sec.ordinal(k, 'en')} legal aid: in {y}, {s} accepted {la} legal-aid cases{ch}"
            + (f", the most of them {te}" if te else "")
            + ".",
        )
    )
    if w.has("rights_access_projects"):
        k += 1
        ap, ac = w.val("rights_access_projects"), w.change("rights_access_projects")
        w.say(
            L(
                f"{sec.ordinal(k)}推进无障碍环境建设。全年共完成无障碍改造项目{ap}个{ac}。",
                f"{sec.ordinal(k, 'en')} accessibility: {ap} retrofit projects were completed{ac}.",
            )
        )
    if w.has("rights_infringement"):
        k += 1
        inf, ic = w.val("rights_infringement"), w.change("rights_infringement")
        w.say(
            L(
                f"{sec.ordinal(k)}加大对残疾人侵权行为的查处力度。会同相关部门共查处侵害残疾人权益案件{inf}起{ic}。",
                f"{sec.ordinal(k, 'en')} infringement: with partner agencies, {inf} cases of infringement of "
                f"disabled persons' rights were investigated{ic}.",
            )
        )


def _social(w: _Writer) -> None:
    L, y, s = w.L, w.y, w.s
    k = 0
    ev = w.d.outreach
    camp = ev[(ev["year"] == y) & (ev["kind"] == "campaign")].sort_values("held_on") if not ev.empty else ev
    if not camp.empty:
        k += 1
        p = w.fig("outreach:campaign", "participants", float(camp["participants"].sum()), 0, wan=True)
        titles = "".join(f"“{t}”" for t in camp["title"])
        w.say(
            L(
                f"{sec.ordinal(k)}加强宣传引导。{y}年，组织开展了{titles}等主题宣传活动，累计{p}人次参加。",
                f"{sec.ordinal(k, 'en')} publicity: in {y}, campaigns for {fmt.join([vocab.campaign(t, 'en') for t in camp['title']], 'en')} "
                f"reached {p} participant-times.",
            )
        )
    if w.has("social_donations"):
        k += 1
        dn, dc = w.amt("social_donations"), w.change("social_donations")
        w.say(
            L(
                f"{sec.ordinal(k)}鼓励社会捐赠。{y}年，{s}共收到社会捐赠款物价值{dn}{dc}。",
                f"{sec.ordinal(k, 'en')} donations: in {y}, {s} received donations in money and goods worth {dn}{dc}.",
            )
        )
    if w.has("social_volunteers"):
        k += 1
        v = w.val("social_volunteers")
        h = w.val("social_volunteer_hours") if w.has("social_volunteer_hours") else None
        hc = w.change("social_volunteer_hours") if h else ""
        w.say(
            L(
                f"{sec.ordinal(k)}支持志愿服务。{s}共有{v}名志愿者参与助残服务"
                + (f"，累计服务时间达{h}小时{hc}" if h else "")
                + "。",
                f"{sec.ordinal(k, 'en')} volunteering: {v} volunteers served disabled persons"
                + (f" for {h} hours in all{hc}" if h else "")
                + ".",
            )
        )
        w.say(w.leaders("social_volunteer_hours"))


def _outlook(w: _Writer, fallen: list[str]) -> None:
    """六: the next steps, pointed at what the figures show (gaps, falls)."""
    L = w.L
    cov = w.d.coverage
    t, v, vs = cov["township"], cov["village"], cov["village_staff"]
    k = 1
    gaps_t, gaps_v = t["total"] - t["covered"], v["total"] - vs["covered"]
    if t["total"] and (gaps_t or gaps_v):
        gt = w.fig("coverage:township", "gap", gaps_t, 0)
        gv = w.fig("coverage:village_staff", "gap", gaps_v, 0)
        first = L(
            f"{sec.ordinal(k)}补齐基层组织短板，在尚未建立残联的{gt}个乡镇(街道)建立组织，"
            f"为{gv}个尚未配齐专职委员的村(社区)配齐人员。",
            f"{sec.ordinal(k, 'en')} close the gaps: set up a federation in the {gt} townships without one and "
            f"staff the {gv} villages without a full-time staff member.",
        )
    else:
        first = L(
            f"{sec.ordinal(k)}巩固“乡乡有机构、村村有服务”成果，提升基层残联组织规范化建设水平。",
            f"{sec.ordinal(k, 'en')} keep an organisation in every township and a service in every village, "
            "and make the grassroots federations work to standard.",
        )
    w.say(first)
    k += 1
    if fallen:
        names = L("、".join(fallen), fmt.join(fallen, "en"))
        w.say(
            L(
                f"{sec.ordinal(k)}针对{names}比上年下降的情况，查找原因，加强调度，推动回升。",
                f"{sec.ordinal(k, 'en')} find out why {names} fell on the year before, and follow them up.",
            )
        )
    else:
        w.say(
            L(
                f"{sec.ordinal(k)}不断创新服务方式，保持康复、就业、教育、文体各项服务稳定增长。",
                f"{sec.ordinal(k, 'en')} keep rehabilitation, employment, education, culture and sport growing.",
            )
        )
    k += 1
    w.say(
        L(
            f"{sec.ordinal(k)}持续加强残疾人权益保障，广泛动员社会力量，凝聚共识，形成合力。",
            f"{sec.ordinal(k, 'en')} strengthen rights protection and bring in more of society's help.",
        )
    )


WRITERS = {
    "org": _org,
    "political": _political,
    "rehab": _rehab,
    "employment": _employment,
    "education": _education,
    "culture": _culture,
    "rights": _rights,
    "social": _social,
}


def fallen_figures(d: ReportData, lang: str = "zh") -> list[str]:
    """Names of the amounts (not rates) that fell on the year before, as printed."""
    out = []
    for _code, r in d.kpis.iterrows():
        c = fmt.row_change(r)
        if c is not None and not c.rate and c.delta < 0:
            out.append(r["name_en"] if lang == "en" else r["name_zh"])
    return out


def build_summary(d: ReportData, lang: str = "zh") -> Summary:
    """The written summary for the data's filters, in Chinese (default) or English."""
    sections = []
    for key, writer in WRITERS.items():
        w = _Writer(d, lang, key)
        writer(w)
        w.drop()
        if w.section.sentences:
            sections.append(w.section)
    if sections:
        w = _Writer(d, lang, "outlook")
        _outlook(w, fallen_figures(d, lang))
        w.drop()
        sections.append(w.section)
    scope = d.city if d.whole_city else d.scope_label("zh")
    title = (
        f"{scope}{d.year}年残疾人事业工作总结（数据部分）"
        if lang == "zh"
        else f"{d.city if d.whole_city else d.scope_label('en')}: the federation's work in {d.year} (figures)"
    )
    return Summary(title=title, lang=lang, sections=sections)
