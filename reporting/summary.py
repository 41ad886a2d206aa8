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
from words import fmt, i18n, vocab
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
    lang: str
    sentences: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    group: str | None = None  # the heading of the section this part belongs to (三、…)

    @property
    def paragraph(self) -> str:
        return i18n.text("report_sentence_gap", self.lang).join(self.sentences)


@dataclass
class Summary:
    title: str
    lang: str
    sections: list[Section]
    basis: list[str] = field(default_factory=list)  # 数据截至…, who has not reported, what was left out

    @property
    def facts(self) -> list[Fact]:
        return [x for s in self.sections for x in s.facts]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def full_text(self) -> str:
        return self.text()

    def text(self) -> str:
        parts = [self.title, ""]
        if self.basis:
            parts += [i18n.text("report_sentence_gap", self.lang).join(self.basis), ""]
        group = None
        for s in self.sections:
            if s.group and s.group != group:
                parts += [s.group]
            group = s.group
            parts += [s.heading, s.paragraph, ""]
        return "\n".join(parts).rstrip() + "\n"


def num(v: float, decimals: int, lang: str) -> str:
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
        self._told: tuple[str, ...] = ()  # the missing counties already named in this section
        self.left_out: list[str] = []  # figures of the section with no value this year (named in the basis)

    def name(self, code: str) -> str:
        r = self._row(code)
        return str(r["name_en"] if self.en else r["name_zh"])

    def county(self, code: str) -> str:
        return self.d.county_names.get(code, code)

    def not_reported(self, k) -> str:
        """'安平县尚未报送、永和县缺3月' / '安平县 not yet reported, 永和县 missing Mar'."""
        bits = []
        if k.missing:
            bits.append(self.L(f"{self.names(k.missing)}尚未报送", f"{self.names(k.missing)} not yet reported"))
        for c in k.partial:
            ms = fmt.month_span(k.gaps.get(c, ()), self.lang)
            bits.append(self.L(f"{self.county(c)}缺{ms}数据", f"{self.county(c)} missing {ms}"))
        return self.L("、".join(bits), ", ".join(bits))

    def names(self, counties) -> str:
        return fmt.join([self.county(c) for c in counties], self.lang)

    def doubt(self, code: str) -> str:
        """'（中江区12月数据待核实）' after a figure a validation rule flags; '' otherwise."""
        dd = self.d.doubts
        if dd is None or dd.empty or not (dd["code"] == code).any():
            return ""
        rows = dd[dd["code"] == code].drop_duplicates(["county_code", "month"])
        monthly = set(rows[rows["month"].notna() & (rows["month"] > 0)]["county_code"])
        rows = rows[(rows["month"].notna() & (rows["month"] > 0)) | ~rows["county_code"].isin(monthly)]
        where = []
        for r in rows.itertuples():
            c = self.county(r.county_code) if isinstance(r.county_code, str) else self.L("市本级", "city level")
            m = int(r.month) if pd.notna(r.month) and r.month else None
            if self.en:
                where.append(f"{c}'s {fmt.month_label(m, 'en')} figure" if m else f"{c}'s figure")
            else:
                where.append(c + (fmt.month_label(m, "zh") if m else ""))
        return self.L(f"（其中{'、'.join(where)}数据待核实）", f" ({fmt.join(where, 'en')} to be verified)")

    def need(self, *codes: str) -> bool:
        """True when every figure is there; else the missing ones are noted as left out."""
        gone = [c for c in codes if not self.has(c)]
        self.left_out += [self.name(c) for c in gone if c in self.d.kpis.index]
        return not gone

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
        return i18n.text("report_figure_unit", self.lang, value=v, unit_zh=r["unit_zh"], unit_en=r["unit_en"])

    def change(self, code: str, bracket: bool = False) -> str:
        """'，比上年增加60人、增长6.4%' / '，比上年提高3个百分点' / '，与上年持平', placed right
        after the figure it belongs to; '' without last year. ``bracket``: （比上年…）."""
        r = self._row(code)
        k = self.d.known_of(code)
        if self.d.doubted(code):
            return ""  # a change computed from a doubted figure is not stated (the figure is marked 待核实)
        if k.incomplete:
            return self._partial_change(code, r, k, bracket)
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
        return i18n.text("report_change_after", self.lang, words=words)

    def _partial_change(self, code: str, r: pd.Series, k, bracket: bool) -> str:
        """'，安平县尚未报送，其余7个县(区)比上年增加…' — the change over the counties present in
        both years; for a rate (not summable) only the missing counties are named."""
        who = self.not_reported(k)
        rest = k.compared
        if self._told == who:  # said once in the section; then only "the other N"
            who = ""
        else:
            self._told = who
        if k.like_value is None or k.like_previous is None or not rest:
            words = self.L(
                f"{who}，未与上年比较" if who else "未与上年比较",
                f"{who}, so no comparison with the year before" if who else "not compared",
            )
        else:
            c = fmt.change(k.like_value, k.like_previous, int(r["decimals"]), fmt.is_rate(r))
            if c is not None and not c.flat:
                a = (
                    fmt.money_en(abs(c.delta), c.decimals)
                    if self.en and r["unit_zh"] == fmt.WAN
                    else fmt.number(abs(c.delta), c.decimals, grouping=self.en)
                )
                self._pending.append((code, "like_change", abs(c.delta), a, None))
                if c.pct is not None:
                    self._pending.append((code, "like_change_pct", abs(c.pct), fmt.number(abs(c.pct), 1), None))
            rate = fmt.is_rate(r)
            cw = fmt.change_words(c, "" if rate else r["unit_zh"], "" if rate else r["unit_en"], self.lang)
            words = self.L(
                f"{who}，其余{rest}个县(区){cw}" if who else f"其余{rest}个县(区){cw}",
                f"{who}; the other {rest} count{'y was' if rest == 1 else 'ies were'} {cw}"
                if who
                else f"the other {rest}: {cw}",
            )
        if bracket:
            return self.L(f"（{words}）", f" ({words})")
        return self.L(f"，{words}", f"; {words}")

    def leaders(self, code: str, n: int = 2) -> str:
        """A sentence of its own: '从县(区)看，A（x人）、B（y人）居前。' — only when several
        counties are compared (never a ranking of one)."""
        if self.d.area_level != "county" or (self.d.scope_codes is not None and len(self.d.scope_codes) < 2):
            return ""
        a = self.d.areas_of(code)
        a = a[(a["value"] > 0) & ~a["area_code"].map(lambda c: self.d.doubted(code, c))]  # never a doubted winner
        if len(a) < 2:
            return ""
        top = a[a["value"] >= a["value"].iloc[n - 1]]  # a tie at the last place is named, not cut
        if len(top) > n + 1:
            return ""  # more than one county tied at the edge: no ranking to state
        r = self._row(code)
        dec = int(r["decimals"])
        shown = []
        for a in top.itertuples():
            if r["unit_zh"] == fmt.WAN:
                v = self.money(code, "value", a.value, dec, a.area_code)
            else:
                v = self.fig(code, "value", a.value, dec, a.area_code, wan=True)
                v = i18n.text("report_figure_unit", self.lang, value=v, unit_zh=r["unit_zh"], unit_en=r["unit_en"])
            shown.append(i18n.text("report_area_figure", self.lang, area=a.area_name, value=v))
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
    if not v["total"]:  # no villages loaded: the townships only (never "0个村(社区)中已有0个")
        tc = w.fig("coverage:township", "covered", t["covered"], 0)
        tt = w.fig("coverage:township", "total", t["total"], 0)
        w.say(
            L(
                f"{y}年末，{s}{tt}个乡镇(街道)中已有{tc}个建立残联组织；村(社区)数据尚未载入。",
                f"At the end of {y}, {tc} of the {tt} townships of {s} had a federation; villages are not loaded yet.",
            )
        )
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


def _items(w: _Writer, codes: tuple[str, ...]) -> list[str]:
    """'新建和改扩建康复中心8个，比上年…' for each figure that is there (the others are noted as left out)."""
    out = []
    for code in codes:
        if not w.need(code):
            continue
        a, dz, c = w.amt(code), w.doubt(code), w.change(code)
        out.append(w.L(f"{w.name(code)}{a}{dz}{c}", f"{w.name(code)[:1].lower() + w.name(code)[1:]} {a}{dz}{c}"))
    return out


def _say_items(w: _Writer, items: list[str], lead: str = "") -> None:
    if items:
        w.say(w.L(lead + "；".join(items) + "。", _cap(lead + "; ".join(items)) + "."))


def _rehab(w: _Writer) -> None:
    L, y, s = w.L, w.y, w.s
    if w.need("rehab_funds"):
        f, dz, ch = w.amt("rehab_funds"), w.doubt("rehab_funds"), w.change("rehab_funds")
        funds = w.name("rehab_funds")  # the indicator dictionary's name: Earmarked rehabilitation funds
        tail = []
        if w.need("rehab_centres"):
            c = w.val("rehab_centres")
            tail.append(L(f"新建和改扩建康复中心{c}个", f"{c} rehabilitation centres built or expanded"))
        if w.need("rehab_beds"):
            b = w.val("rehab_beds")
            tail.append(L(f"新增康复床位{b}张", f"{b} beds added"))
        w.say(
            L(
                f"{y}年，{s}共投入康复专项资金{f}{dz}{ch}，用于残疾人康复设施建设及设备更新"
                + "".join(f"，{t}" for t in tail)
                + "。",
                f"In {y}, {s} invested {f}{dz} of {funds[:1].lower() + funds[1:]} in facilities and equipment{ch}"
                + "".join(f"; {t}" for t in tail)
                + ".",
            )
        )
    else:
        _say_items(w, _items(w, ("rehab_centres", "rehab_beds")), L(f"{y}年，{s}", f"In {y}, {s}: "))
    if w.need("rehab_trainings", "rehab_beneficiaries"):
        tr, be = w.val("rehab_trainings"), w.val("rehab_beneficiaries")
        w.say(
            L(
                f"全年累计举办康复讲座和培训{tr}场次，受益人群达{be}人次。",
                f"In all, {tr} rehabilitation lectures and trainings reached {be} person-times.",
            )
        )
    else:
        _say_items(
            w, _items(w, tuple(c for c in ("rehab_trainings", "rehab_beneficiaries") if w.has(c))), L("全年", "")
        )
    w.say(w.leaders("rehab_funds"))


def _employment(w: _Writer) -> None:
    L, y, s = w.L, w.y, w.s
    if w.need("emp_new"):
        n, dz = w.val("emp_new"), w.doubt("emp_new")
        ch = w.change("emp_new")
        tail = ""
        if w.need("emp_self"):
            se, sd, sc = w.val("emp_self"), w.doubt("emp_self"), w.change("emp_self", bracket=True)
            tail = L(f"，其中自主创业{se}人{sd}{sc}", f", {se} of them self-employed{sd}{sc}")
        w.say(
            L(
                f"{y}年，{s}新增残疾人就业{n}人{dz}{ch}{tail}。",
                f"In {y}, {s} saw {n} disabled persons newly employed{dz}{ch}{tail}.",
            )
        )
    else:
        _say_items(w, _items(w, ("emp_self",)), L(f"{y}年，{s}", f"In {y}, {s}: "))
    bits = []
    if w.need("emp_training"):
        tr = w.val("emp_training")
        bits.append(
            L(
                f"提供免费职业培训{tr}人次{w.doubt('emp_training')}",
                f"free vocational training reached {tr} person-times",
            )
        )
    if w.need("emp_income_growth"):
        gv = w.d.value("emp_income_growth") or 0.0
        g = w.fig("emp_income_growth", "value", abs(gv), int(w._row("emp_income_growth")["decimals"]))
        k = w.d.known_of("emp_income_growth")
        part = (
            L(
                f"（{w.not_reported(k)}，按其余{k.compared}个县(区)计算）",
                f" ({w.not_reported(k)}; over the other {k.compared} count{'y' if k.compared == 1 else 'ies'})",
            )
            if k.incomplete
            else ""
        )
        bits.append(
            L(
                f"实现残疾人家庭人均可支配收入同比{'增长' if gv >= 0 else '下降'}{g}%{part}",
                f"disabled persons' household per-capita disposable income {'grew' if gv >= 0 else 'fell'} {g}% "
                f"year on year{part}",
            )
        )
    if bits:
        w.say(L("；".join(bits) + "。", _cap("; ".join(bits)) + "."))
    w.say(w.leaders("emp_new"))


def _education(w: _Writer) -> None:
    L, y, s = w.L, w.y, w.s
    if w.need("edu_students"):
        st, dz = w.val("edu_students"), w.doubt("edu_students")
        ch = w.change("edu_students")
        aid = w.amt("edu_aid") + w.doubt("edu_aid") if w.need("edu_aid") else None
        w.say(
            L(
                f"{y}年，{s}共资助残疾学生{st}人次{dz}{ch}" + (f"，发放助学金{aid}" if aid else "") + "。",
                f"In {y}, {s} aided disabled students {st} times{dz}{ch}"
                + (f", paying {aid} in student aid" if aid else "")
                + ".",
            )
        )
    elif w.need("edu_aid"):
        aid = w.amt("edu_aid") + w.doubt("edu_aid")
        w.say(L(f"{y}年，{s}发放助学金{aid}。", f"In {y}, {s} paid {aid} in student aid."))
    if w.need("edu_enrol_rate"):
        r, rc = w.amt("edu_enrol_rate"), w.change("edu_enrol_rate")
        w.say(
            L(
                f"适龄残疾儿童少年义务教育入学率{r}{rc}。",
                f"The compulsory-education enrolment rate of school-age disabled children was {r}{rc}.",
            )
        )


def _culture(w: _Writer) -> None:
    L, y, s = w.L, w.y, w.s
    if w.need("culture_events"):
        e, dz = w.val("culture_events"), w.doubt("culture_events")
        ch = w.change("culture_events")
        p = w.val("culture_participants") if w.need("culture_participants") else None
        w.say(
            L(
                f"{y}年，{s}共举办残疾人文化体育活动{e}场次{dz}{ch}" + (f"，参与人数达{p}人次" if p else "") + "。",
                f"In {y}, {s} held {e} culture and sport events{dz}{ch}"
                + (f", with {p} participant-times" if p else "")
                + ".",
            )
        )
    elif w.need("culture_participants"):
        p = w.val("culture_participants")
        w.say(
            L(
                f"{y}年，{s}残疾人文化体育活动参与人数达{p}人次。",
                f"In {y}, culture and sport drew {p} participant-times in {s}.",
            )
        )


def _rights(w: _Writer) -> None:
    L, y, s = w.L, w.y, w.s
    k = 0
    if w.need("rights_legal_aid"):
        la, dz = w.val("rights_legal_aid"), w.doubt("rights_legal_aid")
        ch = w.change("rights_legal_aid")
        lt = w.d.legal_types
        lt = lt[lt["cases"] > 0] if not lt.empty else lt
        types = []
        if len(lt) >= 2 and lt["cases"].iloc[1] > (lt["cases"].iloc[2] if len(lt) > 2 else -1):
            types = [
                (r.case_type, w.fig(f"legal_aid_type:{r.case_type}", "cases", r.cases, 0))
                for r in lt.head(2).itertuples()
            ]
        tz = "、".join(f"{t}{n}件" for t, n in types)
        te = fmt.join([f"{vocab.word(t, 'en')} ({n})" for t, n in types], "en")
        k += 1
        w.say(
            L(
                f"{sec.ordinal(k)}加强残疾人法律援助服务。{y}年，{s}共受理残疾人法律援助案件{la}件{dz}{ch}"
                + (f"，其中{tz}" if tz else "")
                + "。",
                f"{sec.ordinal(k, 'en')} legal aid: in {y}, {s} accepted {la} legal-aid cases{dz}{ch}"
                + (f", chiefly {te}" if te else "")
                + ".",
            )
        )
    if w.need("rights_access_projects"):
        k += 1
        ap, ac = w.val("rights_access_projects"), w.change("rights_access_projects")
        w.say(
            L(
                f"{sec.ordinal(k)}推进无障碍环境建设。全年共完成无障碍改造项目{ap}个{w.doubt('rights_access_projects')}{ac}。",
                f"{sec.ordinal(k, 'en')} accessibility: {ap} retrofit projects were completed{ac}.",
            )
        )
    if w.need("rights_infringement"):
        k += 1
        inf, ic = w.val("rights_infringement"), w.change("rights_infringement")
        w.say(
            L(
                f"{sec.ordinal(k)}加大对残疾人侵权行为的查处力度。会同相关部门共查处侵害残疾人权益案件{inf}起"
                f"{w.doubt('rights_infringement')}{ic}。",
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
    if w.need("social_donations"):
        k += 1
        dn, dc = w.amt("social_donations"), w.change("social_donations")
        w.say(
            L(
                f"{sec.ordinal(k)}鼓励社会捐赠。{y}年，{s}共收到社会捐赠款物价值{dn}{w.doubt('social_donations')}{dc}。",
                f"{sec.ordinal(k, 'en')} donations: in {y}, {s} received donations in money and goods worth {dn}{dc}.",
            )
        )
    v = w.val("social_volunteers") if w.need("social_volunteers") else None
    h = w.val("social_volunteer_hours") if w.need("social_volunteer_hours") else None
    hc = w.doubt("social_volunteer_hours") + w.change("social_volunteer_hours") if h else ""
    if v:
        k += 1
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
    elif h:
        k += 1
        w.say(
            L(
                f"{sec.ordinal(k)}支持志愿服务。{s}志愿者累计服务时间达{h}小时{hc}。",
                f"{sec.ordinal(k, 'en')} volunteering: volunteers served {h} hours in all{hc}.",
            )
        )
    if h:
        w.say(w.leaders("social_volunteer_hours"))


def _outlook(w: _Writer, fallen: list[str]) -> None:
    """六: the next steps, pointed at what the figures show (gaps, falls)."""
    L = w.L
    cov = w.d.coverage
    t, v, vs = cov["township"], cov["village"], cov["village_staff"]
    k = 1
    gaps_t, gaps_v = t["total"] - t["covered"], v["total"] - vs["covered"]
    if t["total"] and (gaps_t or gaps_v):
        zh, en = [], []
        if gaps_t:
            gt = w.fig("coverage:township", "gap", gaps_t, 0)
            zh.append(f"在尚未建立残联的{gt}个乡镇(街道)建立组织")
            en.append(f"set up a federation in the {gt} township{'s' if gaps_t != 1 else ''} without one")
        if gaps_v and v["total"]:
            gv = w.fig("coverage:village_staff", "gap", gaps_v, 0)
            zh.append(f"为{gv}个尚未配齐专职委员的村(社区)配齐人员")
            en.append(f"staff the {gv} village{'s' if gaps_v != 1 else ''} without a full-time staff member")
        first = L(
            f"{sec.ordinal(k)}补齐基层组织短板，{'，'.join(zh)}。",
            f"{sec.ordinal(k, 'en')} close the gaps: {' and '.join(en)}.",
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


def fallen_figures(d: ReportData, lang: str) -> list[str]:
    """Names of every figure that fell on the year before, as printed: amounts compared like
    for like (over the counties present in both years; a county that reported the year without a
    row of the figure has 0 of it, a −100 % fall), rates in points; a growth rate (a change
    already) and a figure a validation rule doubts are not listed; a figure of counties that have
    not reported is not a fall."""
    out = []
    for code, r in d.kpis.iterrows():
        if r.get("aggregation") == "growth" or d.doubted(code):
            continue
        k = d.known_of(code)
        if k.incomplete:
            fell = k.like_value is not None and k.like_previous is not None and k.like_value < k.like_previous
        else:
            c = fmt.row_change(r)
            fell = c is not None and c.delta < 0
        if fell:
            out.append(r["name_en"] if lang == "en" else r["name_zh"])
    return out


def approval_words(a: dict, year: int, lang: str) -> list[str]:
    """The year's reporting in the federation's words: 应报、已报、经市残联审核、未报 (periods)."""
    if not a.get("due"):
        return []
    due, sub, ok, miss = a["due"], a.get("submitted", 0), a.get("approved", 0), a.get("missing", 0)
    if lang == "en":
        s = (
            f"Of the {due} county report{'s' if due != 1 else ''} due for {year}, {sub} "
            f"{'was' if sub == 1 else 'were'} submitted and {ok} approved by the city federation"
        )
        s += f"; {miss} not yet submitted." if miss else "."
        return [s]
    s = f"{year}年各县(区)应报{due}期次，已报{sub}期次，经市残联审核{ok}期次"
    s += f"，尚有{miss}期次未报。" if miss else "。"
    return [s]


def basis(d: ReportData, lang: str, left_out: list[str] | None = None) -> list[str]:
    """What the figures rest on, in plain words: 数据截至 …, which counties have not reported
    (totals without them, changes like for like), what was left out, what is to be verified."""
    out = []
    a = d.as_of or {}
    last = a.get("last_month")
    if last:
        label = fmt.year_month_label(d.year, last, "en")
        out.append(i18n.text("report_basis_as_of", lang, year=d.year, month=last, month_label=label))
    elif last == 0:
        out.append(i18n.text("report_basis_yearly", lang, year=d.year))
    if out:
        out[-1] += i18n.text("report_full_stop", lang)
    out += approval_words(a, d.year, lang)
    silent = [d.county_names.get(c, c) for c in d.silent]
    if silent and not d.no_data:
        n = len(d.scope_codes) if d.scope_codes is not None else d.counties_total
        names = fmt.join(silent, lang)
        out.append(i18n.text("report_basis_silent", lang, names=names, year=d.year, others=n - len(silent), n=n))
    if left_out:
        gone = list(dict.fromkeys(left_out))
        out.append(i18n.text("report_basis_left_out", lang, year=d.year, names=fmt.join(gone, lang)))
    if d.doubts is not None and not d.doubts.empty:
        out.append(i18n.text("report_basis_doubted", lang))
    return out


def build_summary(d: ReportData, lang: str) -> Summary:
    """The written summary for the data's filters, in Chinese (default) or English."""
    sections = []
    left_out: list[str] = []
    if not d.no_data:  # a year (or a county) with no figures borrows none: the text says so and stops
        for key, writer in WRITERS.items():
            w = _Writer(d, lang, key)
            writer(w)
            w.drop()
            left_out += w.left_out
            if w.section.sentences:
                sections.append(w.section)
    if sections:
        w = _Writer(d, lang, "outlook")
        _outlook(w, fallen_figures(d, lang))
        w.drop()
        sections.append(w.section)
    _renumber(sections, lang)
    notes = basis(d, lang, left_out)
    if d.no_data:
        who = d.scope_label(lang)
        few = [d.county_names.get(c, c) for c in d.reporting]
        notes.insert(
            0,
            (
                f"Only {fmt.join(few, 'en')} of {who} reported figures for {d.year} so far; too few to write a summary."
                if few
                else f"No figures of {d.year} have been reported for {who} yet; this summary has nothing to state."
            )
            if lang == "en"
            else (
                f"{d.year}年{who}仅{'、'.join(few)}报送了部分数据，不足以成文。"
                if few
                else f"{who}{d.year}年尚无报送的数据，本总结暂无可写的数字。"
            ),
        )
    scope = d.city if d.whole_city else d.scope_label(lang)
    title = i18n.text("report_title_summary", lang, scope=scope, year=d.year)
    return Summary(title=title, lang=lang, sections=sections, basis=notes)


def _renumber(sections: list[Section], lang: str) -> None:
    """一、二、三… and （一）（二）… contiguous when a section was left out (no data)."""
    top, sub, last_parent = 0, 0, None
    for s in sections:
        parent = sec.parent(s.key)
        if parent is None:
            top += 1
            sub = 0
            s.heading = sec.heading(s.key, lang, number=top)
            last_parent = None
        else:
            if parent != last_parent:
                top += 1
                sub = 0
                s.group = sec.heading(parent, lang, number=top)
                last_parent = parent
            else:
                s.group = sec.heading(parent, lang, number=top)
            sub += 1
            s.heading = sec.heading(s.key, lang, number=top, sub=sub)
