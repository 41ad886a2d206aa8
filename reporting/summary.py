"""The written summary: the data paragraphs of a year-end work summary, section by
section, in the style of the federation's own (一、基层组织建设 … 五、社会力量), with the
selected year's figures and scope, the change on the year before and the leading
counties.

Every figure printed is recorded as a :class:`Fact` (sentence, code, kind, value,
county) so tests can check each one against the query it came from. Figures are
printed the way such summaries print them: no thousands separators in Chinese
(``全市新增残疾人就业1000人``), trailing zeros dropped (``2036万元``, ``10%``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data_access.catalog import POST_KINDS

from .data import ReportData

POST_EN = {
    "centre_posts": "posts at the city service centre",
    "admin_posts": "administrative posts",
    "public_welfare_posts": "public-service unit posts",
    "paid_hires": "contracted staff",
}
HEADINGS = {
    "org": ("一、基层残疾人组织建设", "1. Grassroots organisation"),
    "rehab": ("三、（一）残疾人康复服务", "3.1 Rehabilitation"),
    "employment": ("三、（二）残疾人就业创业", "3.2 Employment"),
    "education": ("三、（三）残疾人教育扶持", "3.3 Education"),
    "culture": ("三、（四）残疾人文化体育", "3.4 Culture and sport"),
    "rights": ("四、残疾人权益保障", "4. Rights protection"),
    "social": ("五、动员社会力量", "5. Social mobilisation"),
}


@dataclass(frozen=True)
class Fact:
    """One figure of the summary: where it is, what it is, and its value as printed.

    ``kind``: value (the year's figure), change (absolute change on the year before),
    change_pct (relative change, %), covered/total (coverage counts), staffing, cases.
    ``code``: the indicator code (or ``coverage:KIND``, ``staffing:LEVEL:POST``,
    ``legal_aid_type:TYPE``). ``county_code``: None for the summary's scope.
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
        for s in self.sections:
            parts += [s.heading, s.paragraph, ""]
        return "\n".join(parts).rstrip() + "\n"


def num(v: float, decimals: int = 0, lang: str = "zh") -> str:
    """2036.00 → 2036, 10.0 → 10, 96.94 → 96.9 (1 decimal); English adds separators."""
    r = round(float(v), decimals)
    s = f"{r:,.{decimals}f}" if lang == "en" else f"{r:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


class _Writer:
    """Builds one section's sentences while recording the facts in them."""

    def __init__(self, d: ReportData, lang: str, key: str) -> None:
        self.d, self.lang = d, lang
        self.section = Section(key, HEADINGS[key][1 if lang == "en" else 0], lang)
        self._pending: list[tuple[str, str, float, str, str | None]] = []

    def L(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    def fig(self, code: str, kind: str, value: float, decimals: int, county: str | None = None) -> str:
        text = num(value, decimals, self.lang)
        self._pending.append((code, kind, round(float(value), decimals), text, county))
        return text

    def val(self, code: str) -> str | None:
        v = self.d.value(code)
        return None if v is None else self.fig(code, "value", v, int(self.d.row(code)["decimals"]))

    def unit(self, code: str) -> str:
        r = self.d.row(code)
        return r["unit_en"] if self.lang == "en" else r["unit_zh"]

    def change(self, code: str) -> str:
        """比上年增加60人、增长6.4% / 比上年提高3个百分点 / 与上年持平; '' without last year."""
        r = self.d.row(code)
        if pd.isna(r["value"]) or pd.isna(r["previous"]):
            return ""
        dec = int(r["decimals"])
        ch = float(r["change"])
        unit = self.unit(code)
        if round(ch, dec) == 0:
            return self.L("，与上年持平", ", unchanged on the year before")
        up = ch > 0
        if unit == "%":
            a = self.fig(code, "change", abs(ch), 1)
            return self.L(
                f"，比上年{'提高' if up else '下降'}{a}个百分点",
                f", {'up' if up else 'down'} {a} percentage points on the year before",
            )
        a = self.fig(code, "change", abs(ch), dec)
        pct = r["change_pct"]
        if pd.isna(pct):
            return self.L(
                f"，比上年{'增加' if up else '减少'}{a}{unit}",
                f", {'up' if up else 'down'} {a} {unit} on the year before",
            )
        p = self.fig(code, "change_pct", abs(float(pct)), 1)
        return self.L(
            f"，比上年{'增加' if up else '减少'}{a}{unit}、{'增长' if up else '下降'}{p}%",
            f", {'up' if up else 'down'} {a} {unit} ({'+' if up else '-'}{p}%) on the year before",
        )

    def leaders(self, code: str, n: int = 2) -> str:
        """'，A（x人）、B（y人）居前' — only when several counties are compared."""
        if self.d.area_level != "county" or (self.d.scope_codes is not None and len(self.d.scope_codes) < 2):
            return ""
        top = self.d.areas_of(code).head(n)
        top = top[top["value"] > 0]
        if len(top) < 2:
            return ""
        dec, unit = int(self.d.row(code)["decimals"]), self.unit(code)
        parts = [
            f"{r.area_name}（{self.fig(code, 'value', r.value, dec, r.area_code)}{unit}）"
            if self.lang == "zh"
            else f"{r.area_name} ({self.fig(code, 'value', r.value, dec, r.area_code)} {unit})"
            for r in top.itertuples()
        ]
        return self.L(f"，{'、'.join(parts)}居前", f"; the most in {' and '.join(parts)}")

    def say(self, sentence: str) -> None:
        """Add a sentence; the figures written since the last one belong to it."""
        for code, kind, value, text, county in self._pending:
            self.section.facts.append(Fact(sentence, code, kind, value, text, county))
        self._pending.clear()
        self.section.sentences.append(sentence)

    def drop(self) -> None:
        self._pending.clear()


def _org(w: _Writer) -> None:
    d, L = w.d, w.L
    cov = d.coverage
    t, v = cov["township"], cov["village"]
    if not t["total"]:
        return
    y, s = d.year, d.scope_label(w.lang)
    t_total = w.fig("coverage:township", "total", t["total"], 0)
    v_total = w.fig("coverage:village", "total", v["total"], 0)
    if t["covered"] == t["total"] and v["covered"] == v["total"]:
        w.say(
            L(
                f"{y}年，{s}{t_total}个乡镇(街道)、{v_total}个村(社区)全部建立了残联组织；",
                f"In {y}, all {t_total} townships and {v_total} villages of {s} had their disabled persons' organisation.",
            )
        )
    else:
        tc = w.fig("coverage:township", "covered", t["covered"], 0)
        vc = w.fig("coverage:village", "covered", v["covered"], 0)
        w.say(
            L(
                f"{y}年，{s}{t_total}个乡镇(街道)中已有{tc}个建立残联组织，{v_total}个村(社区)中已有{vc}个建立残协；",
                f"In {y}, {tc} of the {t_total} townships of {s} had a federation and {vc} of {v_total} villages an association.",
            )
        )
    tp = w.val("org_township_coverage")
    ch = w.change("org_township_coverage")
    vp, sp = w.val("org_village_coverage"), w.val("org_village_staff_coverage")
    sent = L(
        f"乡镇(街道)残联覆盖率{tp}%{ch}，村(社区)残协覆盖率{vp}%，村(社区)专职委员配备率{sp}%",
        f"Township coverage {tp}%{ch}, village coverage {vp}%, villages with full-time staff {sp}%",
    )
    if t["covered"] == t["total"] and v["covered"] == v["total"] and cov["village_staff"]["covered"] == v["total"]:
        sent += L(
            "，实现了“乡乡有机构、村村有服务”。", ' — "an organisation in every township, a service in every village".'
        )
    else:
        sent += L("。", ".")
    w.say(sent)
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
                parts.append(L(f"{lz}{zh}", f"{le} added {', '.join(f'{n} {POST_EN[k]}' for k, n in shown)}"))
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
            en = "; ".join(parts) + "."
            w.say(L("；".join(parts) + "。", en[:1].upper() + en[1:]))


def _rehab(w: _Writer) -> None:
    L, y, s = w.L, w.d.year, w.d.scope_label(w.lang)
    f, c, b = w.val("rehab_funds"), None, None
    if f is None:
        return
    ch = w.change("rehab_funds")
    lead = w.leaders("rehab_funds")
    c, b = w.val("rehab_centres"), w.val("rehab_beds")
    w.say(
        L(
            f"{y}年，{s}共投入康复专项资金{f}万元{ch}{lead}，用于残疾人康复设施建设及设备更新，"
            f"新建和改扩建康复中心{c}个，新增康复床位{b}张。",
            f"In {y}, {s} spent {f} (10k yuan) of rehabilitation special funds{ch}{lead}; "
            f"{c} rehabilitation centres were built or expanded and {b} beds added.",
        )
    )
    tr, be = w.val("rehab_trainings"), w.val("rehab_beneficiaries")
    if tr is not None:
        w.say(
            L(
                f"全年累计举办康复讲座和培训{tr}场次，受益人群达{be}人次。",
                f"{tr} rehabilitation lectures and trainings reached {be} person-times.",
            )
        )


def _employment(w: _Writer) -> None:
    L, y, s = w.L, w.d.year, w.d.scope_label(w.lang)
    n = w.val("emp_new")
    if n is None:
        return
    se = w.val("emp_self")
    ch = w.change("emp_new")
    lead = w.leaders("emp_new")
    w.say(
        L(
            f"{y}年，{s}新增残疾人就业{n}人，其中自主创业{se}人{ch}{lead}。",
            f"In {y}, {s} saw {n} disabled persons newly employed, {se} of them self-employed{ch}{lead}.",
        )
    )
    tr = w.val("emp_training")
    g = w.val("emp_income_growth")
    bits = []
    if tr is not None:
        bits.append(L(f"提供免费职业培训{tr}人次", f"free vocational training reached {tr} person-times"))
    if g is not None:
        gv = w.d.value("emp_income_growth")
        bits.append(
            L(
                f"实现残疾人家庭人均可支配收入同比{'增长' if gv >= 0 else '下降'}{g.lstrip('-')}%",
                f"household per-capita disposable income {'grew' if gv >= 0 else 'fell'} {g.lstrip('-')}%",
            )
        )
    if bits:
        w.say(L("；".join(bits) + "。", "; ".join(bits).capitalize() + "."))


def _education(w: _Writer) -> None:
    L, y, s = w.L, w.d.year, w.d.scope_label(w.lang)
    st = w.val("edu_students")
    if st is None:
        return
    ch = w.change("edu_students")
    aid = w.val("edu_aid")
    w.say(
        L(
            f"{y}年，{s}共资助残疾学生{st}人次{ch}，发放助学金{aid}万元。",
            f"In {y}, {s} aided {st} student-times{ch}, paying {aid} (10k yuan) in student aid.",
        )
    )
    r = w.val("edu_enrol_rate")
    if r is not None:
        w.say(
            L(
                f"适龄残疾儿童少年义务教育入学率{r}%。",
                f"The compulsory-education enrolment rate of school-age disabled children was {r}%.",
            )
        )


def _culture(w: _Writer) -> None:
    L, y, s = w.L, w.d.year, w.d.scope_label(w.lang)
    e = w.val("culture_events")
    if e is None:
        return
    ch = w.change("culture_events")
    p = w.val("culture_participants")
    w.say(
        L(
            f"{y}年，{s}共举办残疾人文化体育活动{e}场次{ch}，参与人数达{p}人次。",
            f"In {y}, {s} held {e} culture and sport events{ch}, with {p} participant-times.",
        )
    )


def _rights(w: _Writer) -> None:
    L, y, s = w.L, w.d.year, w.d.scope_label(w.lang)
    la = w.val("rights_legal_aid")
    if la is None:
        return
    ch = w.change("rights_legal_aid")
    types = [
        (r.case_type, w.fig(f"legal_aid_type:{r.case_type}", "cases", r.cases, 0))
        for r in w.d.legal_types.head(2).itertuples()
    ]
    tz = "、".join(f"{k}{n}件" for k, n in types)
    te = ", ".join(f"{k} ({n})" for k, n in types)
    w.say(
        L(
            f"{y}年，{s}共受理残疾人法律援助案件{la}件{ch}" + (f"，其中{tz}" if tz else "") + "。",
            f"In {y}, {s} accepted {la} legal-aid cases{ch}" + (f", the most of them {te}" if te else "") + ".",
        )
    )
    ap, inf = w.val("rights_access_projects"), w.val("rights_infringement")
    w.say(
        L(
            f"完成无障碍改造项目{ap}个，查处侵害残疾人权益案件{inf}起。",
            f"{ap} accessibility retrofit projects were completed and {inf} infringement cases investigated.",
        )
    )


def _social(w: _Writer) -> None:
    L, y, s = w.L, w.d.year, w.d.scope_label(w.lang)
    dn = w.val("social_donations")
    if dn is None:
        return
    ch = w.change("social_donations")
    w.say(
        L(
            f"{y}年，{s}共收到社会捐赠款物价值{dn}万元{ch}。",
            f"In {y}, {s} received donations worth {dn} (10k yuan){ch}.",
        )
    )
    v, h = w.val("social_volunteers"), w.val("social_volunteer_hours")
    lead = w.leaders("social_volunteer_hours")
    w.say(
        L(
            f"{s}共有{v}名志愿者参与助残服务，累计服务时间达{h}小时{lead}。",
            f"{v} volunteers served disabled persons for {h} hours in all{lead}.",
        )
    )


WRITERS = {
    "org": _org,
    "rehab": _rehab,
    "employment": _employment,
    "education": _education,
    "culture": _culture,
    "rights": _rights,
    "social": _social,
}


def build_summary(d: ReportData, lang: str = "zh") -> Summary:
    """The written summary for the data's filters, in Chinese (default) or English."""
    sections = []
    for key, writer in WRITERS.items():
        w = _Writer(d, lang, key)
        writer(w)
        w.drop()
        if w.section.sentences:
            sections.append(w.section)
    scope = d.city if d.whole_city else d.scope_label("zh")
    title = (
        f"{scope}{d.year}年残疾人事业工作总结（数据部分）"
        if lang == "zh"
        else f"{d.city if d.whole_city else d.scope_label('en')}: the federation's work in {d.year} (figures)"
    )
    return Summary(title=title, lang=lang, sections=sections)
