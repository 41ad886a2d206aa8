"""Checking every row of a file against its kind's definition, reporting every problem at once.

Each problem names the sheet, the row number as Excel shows it, the column (its
Chinese header) and says in Chinese what is wrong. Values are converted on the way
(text, whole numbers, numbers, dates, division codes), and the derived columns
(county, township, year, month) are computed, so what comes out is ready to write.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Connection, select

from ..config import year_range
from ..models import Area, AreaCodeChange, Indicator
from .definitions import KINDS, LEVELS, Col, Kind, Said, code_parent, header_map, norm_header
from .readers import RawFile, RawTable, Refused

MAX_PROBLEMS = 5000
PROBLEM_COLUMNS = ["工作表", "行号", "列", "问题"]
PROBLEM_COLUMNS_EN = ["Sheet", "Row", "Column", "Problem"]
FORMULA_GUARD = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str  # in Chinese, as stored and printed
    said: Said | None = None  # the same in either language, where the message has its words in words.texts

    def text(self, lang: str) -> str:
        return self.said.text(lang) if self.said is not None else self.message

    @classmethod
    def of(cls, sheet: str, row: int | None, column: str, msg: str | Said) -> Problem:
        if isinstance(msg, Said):
            return cls(sheet, row, column, msg.text("zh"), msg)
        return cls(sheet, row, column, msg)


@dataclass
class Checked:
    """A file checked against a kind: rows ready to write, and what is wrong."""

    kind: Kind
    records: list[dict] = field(default_factory=list)
    sources: list[tuple[str, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_with_problems: int = 0
    rows_skipped: int = 0  # rows of other cities in a national list
    city: str | None = None  # the city a city-scoped file was read for

    @property
    def ok(self) -> bool:
        return not self.problems


def problems_frame(problems: list[Problem], lang: str) -> pd.DataFrame:
    """The error table as users see and download it, its problems in ``lang`` where they have their words."""
    rows = [(p.sheet, p.row if p.row is not None else "", p.column, p.text(lang)) for p in problems]
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS_EN if lang == "en" else PROBLEM_COLUMNS)


# ---------------------------------------------------------------- which kind


def chosen_kind(raw: RawFile, kind: str) -> Kind:
    """The kind the user chose, unless the file is another kind's own template (its sheet named so):
    a clerk who downloaded the 组织机构 template while 数据类别 still said 行政区划 is told that,
    not given the areas' problems of an organisations file."""
    k = KINDS[kind]
    sheet = raw.tables[0].sheet.strip()
    named = next((o for o in KINDS.values() if sheet in (o.zh, o.name)), None)
    if named is not None and named is not k:
        raise Refused(
            f"所选数据类别为“{k.zh}”，但这是“{named.zh}”模板（工作表“{sheet}”）："
            f"请把“数据类别”改为“{named.zh}”或“自动判断”，再重新选择文件。",
            sheet=sheet,
        )
    return k


def detect_kind(raw: RawFile) -> Kind:
    """The kind whose columns a file's first sheet has: all required ones, most matches."""
    t = raw.tables[0]
    for k in KINDS.values():  # a sheet named like a kind (as the templates are)
        if t.sheet.strip() in (k.zh, k.name):
            return k
    heads = {norm_header(h) for h in t.headers}
    best: list[tuple[bool, int, Kind]] = []
    for k in KINDS.values():
        hm = header_map(k)
        found = {hm[h] for h in heads if h in hm}
        required = {c.name for c in k.columns if c.required}
        # all required columns first — counted only when at least two columns matched, so a kind
        # that requires one column alone (the gap ledger) does not win on a lone 区划代码 —;
        # then the most columns found (missing ones are reported)
        best.append((required <= found and len(found) >= 2, len(found), k))
    best.sort(key=lambda x: (not x[0], -x[1]))
    top = best[0]
    # two columns are enough when they are all a kind needs (区划代码 + 名称 of a published code list)
    if top[1] < (2 if top[0] else 3) or (best[1][:2] == top[:2]):
        raise Refused("无法判断这是哪一类数据：请使用本系统下载的模板，或在导入时选择数据类别。")
    return top[2]


# ------------------------------------------------------------ value parsing


class Bad(ValueError):
    """A cell that cannot be converted; the message is the user's (in Chinese; ``said``: in either language)."""

    def __init__(self, message: str, said: Said | None = None) -> None:
        super().__init__(message)
        self.said = said

    @classmethod
    def told(cls, said: Said) -> Bad:
        return cls(said.text("zh"), said)


def text_of(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d") if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    s = str(v).strip()
    # undo the neutralising quote our exports put in front of formula-like text
    if len(s) > 1 and s[0] == "'" and s[1] in FORMULA_GUARD:
        s = s[1:]
    return s


_THOUSANDS = re.compile(r"[+-]?\d{1,3}([,，]\d{3})+(\.\d*)?")


def _number_text(v: object, what: str) -> str:
    """The text of a number with its thousands separators taken out. A comma anywhere
    else is refused: "1,5" is a decimal comma (1.5) or a typo, never fifteen."""
    s = text_of(v)
    if "," in s or "，" in s:
        if not _THOUSANDS.fullmatch(s):
            raise Bad(f"“{s}”不是{what}：逗号只能作千位分隔符（如 1,500）；小数请用小数点（如 1.5）")
        s = s.replace(",", "").replace("，", "")
    return s


def to_int(v: object) -> int:
    if isinstance(v, bool):
        raise Bad(f"“{v}”不是整数")
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        if v.is_integer():
            return int(v)
        raise Bad(f"“{text_of(v)}”不是整数")
    s = _number_text(v, "整数")
    try:
        f = float(s)
    except ValueError:
        raise Bad(f"“{text_of(v)}”不是整数") from None
    if not f.is_integer():
        raise Bad(f"“{text_of(v)}”不是整数")
    return int(f)


def to_float(v: object) -> float:
    if isinstance(v, bool):
        raise Bad(f"“{v}”不是数字")
    if isinstance(v, int | float):
        if v != v:  # NaN
            raise Bad("不是数字")
        return float(v)
    s = _number_text(v, "数字")
    try:
        f = float(s)
    except ValueError:
        raise Bad(f"“{text_of(v)}”不是数字") from None
    if f != f or f in (float("inf"), float("-inf")):
        raise Bad(f"“{text_of(v)}”不是数字")
    return f


_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


def to_date(v: object) -> dt.date:
    d = _to_date(v)
    lo, hi = year_range()
    if not lo <= d.year <= hi:
        raise Bad.told(Said.of("data_date_year_range", date=d.isoformat(), lo=lo, hi=hi))
    return d


def _to_date(v: object) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, int | float) and not isinstance(v, bool) and 20000 < v < 80000:
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(v))  # an Excel serial day
    s = text_of(v)
    m = _DATE_RE.match(s)
    if not m and re.fullmatch(r"\d{8}", s):
        m = re.match(r"(\d{4})(\d{2})(\d{2})", s)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    raise Bad.told(Said.of("data_date_invalid", value=s))


def to_code(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = text_of(v)
    if re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", s):
        raise Bad(f"“{s}”被 Excel 显示成了科学计数法，区划代码已丢失；请把该列设为“文本”后重新填写")
    return pad_code(s)


def pad_code(s: str) -> str:
    """A division code as published — 12 digits, or 4 (city), 6 (county), 9 (乡级) with the zeros left off — as 12."""
    if re.fullmatch(r"\d{4}|\d{6}|\d{9}|\d{12}", s):
        return s.ljust(12, "0")
    raise Bad(f"“{s}”不是区划代码（应为 12 位数字，或省略末尾 0 的 4 位市、6 位县、9 位乡级代码）")


_TRUE = ("是", "1", "true", "yes", "y", "计入", "显示")
_FALSE = ("否", "0", "false", "no", "n", "不计入", "不显示", "隐藏")


def to_bool(v: object) -> int:
    s = text_of(v).lower()
    if s in _TRUE:
        return 1
    if s in _FALSE:
        return 0
    raise Bad(f"“{text_of(v)}”应填“是”或“否”")


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _or(levels) -> str:
    return "或".join(LEVELS[x] for x in levels)


# ----------------------------------------------------------------- context


@dataclass
class Context:
    """What the database says: known areas (level, county, township) and reported indicators."""

    areas: dict[str, tuple[str, str | None, str | None]]
    indicators: dict[str, tuple[str, str]]  # code -> (name_zh, period)
    indicator_names: dict[str, str]  # name_zh -> code
    file_areas: dict[str, str] = field(default_factory=dict)  # areas met earlier in the file -> level
    all_indicators: dict[str, str] = field(default_factory=dict)  # every dictionary code -> source
    indicator_aggregations: dict[str, str] = field(default_factory=dict)
    file_indicators: dict[str, str] = field(default_factory=dict)  # indicators defined earlier in the file
    code_changes: dict[str, str] = field(default_factory=dict)  # old code -> new code
    remapped: dict[str, str] = field(default_factory=dict)  # old codes met in the file -> new code

    @classmethod
    def load(cls, conn: Connection, codes: set[str]) -> Context:
        areas: dict[str, tuple[str, str | None, str | None]] = {}
        cl = sorted(codes)
        for i in range(0, len(cl), 500):
            stmt = select(Area.code, Area.level, Area.county_code, Area.township_code).where(
                Area.code.in_(cl[i : i + 500])
            )
            for code, level, county, town in conn.execute(stmt):
                areas[code] = (level, county, town)
        inds = {
            code: (name, period)
            for code, name, period in conn.execute(
                select(Indicator.code, Indicator.name_zh, Indicator.period).where(Indicator.source == "values")
            )
        }
        ctx = cls(areas, inds, {name: code for code, (name, _) in inds.items()})
        for code, src, agg in conn.execute(select(Indicator.code, Indicator.source, Indicator.aggregation)):
            ctx.all_indicators[code] = src
            ctx.indicator_aggregations[code] = agg
        unknown = sorted(c for c in codes if c not in areas)
        for i in range(0, len(unknown), 500):
            changes = select(AreaCodeChange.old_code, AreaCodeChange.new_code).where(
                AreaCodeChange.old_code.in_(unknown[i : i + 500])
            )
            ctx.code_changes.update({old: new for old, new in conn.execute(changes)})
        new = sorted(set(ctx.code_changes.values()) - set(areas))
        for i in range(0, len(new), 500):
            stmt = select(Area.code, Area.level, Area.county_code, Area.township_code).where(
                Area.code.in_(new[i : i + 500])
            )
            for code, level, county, town in conn.execute(stmt):
                areas[code] = (level, county, town)
        return ctx


def city_of(code: str) -> str:
    return code[:4] + "0" * 8


def _pick_city(conn: Connection, kind: Kind, tables, idx_of, city: str | None, out: Checked) -> str | None:
    """The city a city-scoped file is read for: the one asked for, else the database's, else the file's only one."""
    if city:
        try:
            return city_of(pad_code(text_of(city)))
        except Bad as exc:
            out.problems.append(Problem("", None, "", f"所选的市 {exc}"))
            return None
    cities = list(conn.execute(select(Area.code).where(Area.level == "city")).scalars())
    if len(cities) == 1:
        return cities[0]
    found: set[str] = set()
    for t, idx in tables:
        i = idx_of(idx, "code")
        for _, vals in t.rows:
            s = text_of(vals[i]) if i is not None and i < len(vals) else ""
            if s.isdigit() and len(s) in (4, 6, 9, 12) and s[2:4] != "00":
                found.add(s[:4])
    if len(found) <= 1:
        return city_of(next(iter(found))) if found else None
    out.problems.append(
        Problem(
            tables[0][0].sheet,
            None,
            "",
            f"文件包含 {len(found)} 个市（州、盟）的区划代码：请选择本市（命令行 --city 代码，如 --city 1408；"
            "数据管理页“本市区划代码”），只导入本市的行。",
        )
    )
    return None


# ----------------------------------------------------------------- validate


def validate(conn: Connection, kind: Kind, raw: RawFile, city: str | None = None) -> Checked:
    """Check every row; ``city`` (a city-scoped kind such as areas) keeps only that city's rows."""
    out = Checked(kind)
    tables: list[tuple[RawTable, dict[int, str]]] = []
    hm = header_map(kind)
    for t in raw.tables:
        idx: dict[int, str] = {}
        for i, h in enumerate(t.headers):
            name = hm.get(norm_header(h))
            if name is None:
                if norm_header(h) and norm_header(h) not in {norm_header(x) for x in kind.ignore_headers}:
                    out.warnings.append(f"工作表“{t.sheet}”中未识别的列“{text_of(h)}”已忽略。")
                continue
            if name in idx.values():
                out.problems.append(Problem(t.sheet, t.header_row, text_of(h), f"列“{text_of(h)}”重复出现"))
            idx[i] = name
        for c in kind.columns:
            if c.required and c.name not in idx.values():
                out.problems.append(Problem(t.sheet, t.header_row, c.zh, f"缺少必填列“{c.zh}”"))
        tables.append((t, idx))
    if out.problems:  # without the columns, row checks would only repeat the same thing
        return out

    def idx_of(idx: dict[int, str], name: str) -> int | None:
        return next((i for i, n in idx.items() if n == name), None)

    if kind.city_scoped:
        out.city = _pick_city(conn, kind, tables, idx_of, city, out)
        if out.problems:
            return out
        if out.city:
            prefix, kept = out.city[:4], []
            for t, idx in tables:
                ci = idx_of(idx, "code")  # a city-scoped kind requires its code column (checked above)
                assert ci is not None
                rows = [(n, vals) for n, vals in t.rows if ci < len(vals) and text_of(vals[ci]).startswith(prefix)]
                out.rows_skipped += len(t.rows) - len(rows)
                kept.append((RawTable(t.sheet, t.headers, rows, t.header_row), idx))
            tables = kept
            if out.rows_skipped:
                out.warnings.append(f"只导入本市（{out.city}）的区划：其他地方的 {out.rows_skipped} 行已跳过。")

    codes: set[str] = set()
    code_cols = [c.name for c in kind.columns if c.type == "code"]
    for t, idx in tables:
        for _, vals in t.rows:
            for i, name in idx.items():
                if name in code_cols and i < len(vals):
                    s = text_of(vals[i])
                    if s.isdigit() and len(s) in (4, 6, 9, 12):
                        s = s.ljust(12, "0")
                        codes.add(s)
                        if not kind.col(name).known and s.isdigit():
                            p = code_parent(s)
                            if p:
                                codes.add(p)
    ctx = Context.load(conn, codes)
    seen: dict[tuple, tuple[str, int]] = {}
    key_desc = "、".join(kind.col(k).zh for k in kind.key)

    for t, idx in tables:
        for row_no, vals in t.rows:
            out.rows_read += 1
            before = len(out.problems)
            rec: dict[str, object] = {}

            def bad(col: Col, msg: str | Said, sheet=t.sheet, row_no=row_no) -> None:
                if len(out.problems) < MAX_PROBLEMS:
                    out.problems.append(Problem.of(sheet, row_no, col.zh, msg))

            cells = {name: (vals[i] if i < len(vals) else None) for i, name in idx.items()}
            for c in kind.columns:
                if not c.stored:
                    continue
                v = cells.get(c.name)
                if text_of(v) == "":
                    if c.required:
                        bad(c, f"“{c.zh}”不能为空")
                    rec[c.name] = None
                    continue
                try:
                    rec[c.name] = _convert(kind, c, v, ctx)
                except Bad as exc:
                    bad(c, exc.said or str(exc))
                    rec[c.name] = _INVALID
            if len(out.problems) == before and kind.infer:
                kind.infer(rec, ctx)
            if len(out.problems) == before:
                for rule in kind.checks:
                    for col_name, msg in rule(rec, ctx):
                        bad(kind.col(col_name), msg)
            if len(out.problems) == before:
                key = tuple(rec[k] for k in kind.key)
                if key in seen:
                    s_sheet, s_row = seen[key]
                    where = f"第 {s_row} 行" if s_sheet == t.sheet else f"工作表“{s_sheet}”第 {s_row} 行"
                    bad(kind.col(kind.key[0]), f"与{where}重复（{key_desc}相同）")
                else:
                    seen[key] = (t.sheet, row_no)
            if len(out.problems) == before:
                _derive(kind, rec, ctx)
                out.records.append(rec)
                out.sources.append((t.sheet, row_no))
            else:
                out.rows_with_problems += 1
    if out.rows_with_problems and len(out.problems) >= MAX_PROBLEMS:
        out.problems.append(Problem("", None, "", f"问题太多，只列出前 {MAX_PROBLEMS} 个；请先改正这些再导入。"))
    for old, new in sorted(ctx.remapped.items())[:20]:
        out.warnings.append(f"区划代码 {old} 已变更为 {new}（见区划代码变更），按新代码导入。")
    if out.rows_read == 0 and not out.problems:
        out.problems.append(Problem(raw.tables[0].sheet, None, "", "文件中没有数据行。"))
    return out


_INVALID = object()


def _convert(kind: Kind, c: Col, v: object, ctx: Context) -> object:
    x: float
    if c.type == "int":
        x = to_int(v)
    elif c.type == "float":
        x = to_float(v)
    elif c.type == "date":
        return to_date(v)
    elif c.type == "code":
        code = to_code(v)
        if not c.known:
            return code
        if code not in ctx.areas and code in ctx.code_changes and ctx.code_changes[code] in ctx.areas:
            ctx.remapped[code] = code = ctx.code_changes[code]
        if code not in ctx.areas:
            raise Bad(f"区划代码 {code} 不存在（请先导入行政区划）")
        level = ctx.areas[code][0]
        if c.levels and level not in c.levels:
            raise Bad(f"区划代码 {code} 是{LEVELS.get(level, level)}，此处应为{_or(c.levels)}")
        return code
    elif c.type == "bool":
        return to_bool(v)
    elif c.type == "indicator":
        s = text_of(v)
        if s in ctx.indicators:
            return s
        if s in ctx.indicator_names:
            return ctx.indicator_names[s]
        raise Bad(f"“{s}”不是可报送的指标（可填指标名称或代码，见模板的“选项”工作表）")
    else:
        s = text_of(v)
        if c.allowed is not None:
            if s in c.allowed:
                return s
            back = {label: stored for stored, label in c.allowed.items()}
            if s in back:
                return back[s]
            raise Bad(f"“{s}”不是允许的值（可选：{c.allowed_text()}）")
        n = kind.max_len(c.name)
        if n and len(s) > n:
            raise Bad(f"“{s[:20]}…”超过 {n} 个字")
        return s
    low, high = c.min is not None and x < c.min, c.max is not None and x > c.max
    if (low or high) and c.min is not None and c.max is not None:
        raise Bad(f"{_num(x)} 超出范围（应在 {_num(c.min)} 至 {_num(c.max)} 之间）")
    if low and c.min is not None:  # a bound on one side only: say that side
        raise Bad(f"{_num(x)} 超出范围（应不小于 {_num(c.min)}）")
    if high and c.max is not None:
        raise Bad(f"{_num(x)} 超出范围（应不大于 {_num(c.max)}）")
    return x


def _derive(kind: Kind, r: dict, ctx: Context) -> None:
    """The columns computed for the user: where (county, township) and when (year, month),
    then whatever the kind derives itself (its declaration's ``derive``)."""
    cols = kind.table.columns
    if kind.area_col:
        level, county, town = ctx.areas[r[kind.area_col]]
        if "county_code" in cols:
            r["county_code"] = county if level != "city" else None
        if "township_code" in cols:
            r["township_code"] = town if level in ("township", "village") else None
    if kind.date_col:
        day = next(r[c] for c in kind.date_col if r.get(c))
        r["year"], r["month"] = day.year, day.month
    if kind.derive:
        kind.derive(r, ctx)
    for c in kind.columns:  # optional amounts default to 0 where the table says so
        if c.stored and r.get(c.name) is None and c.type in ("float", "int"):
            col = cols.get(c.name)
            if col is not None and not col.nullable:
                r[c.name] = 0.0 if c.type == "float" else 0
