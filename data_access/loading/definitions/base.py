"""The parts every kind is declared with: a column (`Col`), a kind (`Kind`), the row rules
several kinds share (`NotBefore`, `RequiredWhen`, `AtLevel`, `default`) and how a file's headers
are matched to columns. Imports no kind: the kinds import this."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from words.i18n import text

from ... import vocab as v
from ...config import year_range

if TYPE_CHECKING:
    from ..validate import Context

LEVELS = v.LEVELS
YEAR_RANGE = year_range()  # configurable: CANLIAN_YEAR_MIN / CANLIAN_YEAR_MAX


@dataclass(frozen=True)
class Col:
    """One column of a load file.

    ``type``: ``str``, ``int``, ``float``, ``date``, ``code`` (a 12-digit division code
    that must exist in ``areas`` at one of ``levels``; with ``known=False``, as in the
    areas kind itself, only its form is checked) or ``indicator`` (a reportable
    indicator, by code or Chinese name). ``allowed`` maps the stored value to the label shown to users;
    either is accepted on load, the label is written in templates and exports.
    ``stored=False``: shown in templates and exports for the reader (an area's name),
    ignored on load.
    """

    name: str
    zh: str
    type: str = "str"
    required: bool = True
    meaning: str = ""
    unit: str = ""
    allowed: dict[str, str] | None = None
    min: float | None = None
    max: float | None = None
    levels: tuple[str, ...] = ()
    example: object = None
    stored: bool = True
    known: bool = True
    aliases: tuple[str, ...] = ()  # other headers for the column, as published files spell them

    def allowed_text(self) -> str:
        if self.allowed:
            return "、".join(self.allowed.values())
        if self.min is not None or self.max is not None:
            lo = "" if self.min is None else _num(self.min)
            hi = "" if self.max is None else _num(self.max)
            return f"{lo} ~ {hi}"
        if self.type == "code" and self.levels:
            return "12 位区划代码，层级：" + "、".join(LEVELS[x] for x in self.levels)
        if self.type == "date":
            return "日期，如 2025-03-15"
        return ""


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


# A rule across the columns of one checked row: yields (column, Chinese message) per problem.
@dataclass(frozen=True)
class Said:
    """A problem told in either language: a key of ``words.texts`` and its values. The Chinese is
    what a problem stores (and the CLI prints); the Data page shows it in the user's language."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **params: object) -> Said:
        return cls(key, tuple(params.items()))

    def text(self, lang: str) -> str:
        return text(self.key, lang, **dict(self.params))


Rule = Callable[[dict, "Context"], Iterable[tuple[str, "str | Said"]]]
# Computes a kind's own derived columns in place (after the generic county/township/year/month).
Derive = Callable[[dict, "Context"], None]


@dataclass(frozen=True)
class Kind:
    """A kind of record a federation loads, and the table it goes to.

    ``checks`` are the kind's own rules across columns (run on rows whose cells all
    converted); ``derive`` fills the columns the kind computes for the user. Both are
    declared here with the columns, so a kind's whole contract is in one place.
    """

    name: str
    zh: str
    en: str
    model: type
    columns: tuple[Col, ...]
    key: tuple[str, ...]  # natural key: a re-load of the same key replaces the row
    date_col: tuple[str, ...] = ()  # first non-empty gives year and month
    area_col: str | None = "area_code"
    description: str = ""
    order: tuple[str, ...] = field(default=())  # export sort order
    checks: tuple[Rule, ...] = ()
    derive: Derive | None = None
    infer: Derive | None = None  # fills what the file may leave out, before the checks
    ignore_headers: tuple[str, ...] = ()  # columns of published files that are read past silently
    city_scoped: bool = False  # rows of other cities are skipped (a national list loads one city)

    @property
    def table(self):
        return self.model.__table__

    def col(self, name: str) -> Col:
        return next(c for c in self.columns if c.name == name)

    def stored_columns(self) -> tuple[Col, ...]:
        return tuple(c for c in self.columns if c.stored)

    def max_len(self, name: str) -> int | None:
        col = self.table.columns.get(name)
        return getattr(col.type, "length", None) if col is not None else None


def choices(values) -> dict[str, str]:
    return {v: v for v in values}


AREA_NAME = Col(
    "area_name", "区划名称", required=False, meaning="区划的名称，仅供核对，导入时以区划代码为准", stored=False
)


def area(levels: tuple[str, ...], example: str, meaning: str = "记录所属的区划") -> Col:
    return Col("area_code", "区划代码", "code", meaning=meaning, levels=levels, example=example)


# ------------------------------------------------------------------ rules shared by kinds


def or_levels(levels: Iterable[str]) -> str:
    return "或".join(LEVELS[x] for x in levels)


@dataclass(frozen=True)
class NotBefore:
    """A date that may not be earlier than another of the same row (closing after opening);
    ``message``: its key in ``words.texts``."""

    later: str
    earlier: str
    message: str

    def __call__(self, r: dict, ctx: Context) -> Iterable[tuple[str, str | Said]]:
        if r.get(self.later) and r.get(self.earlier) and r[self.later] < r[self.earlier]:
            yield self.later, Said(self.message)


@dataclass(frozen=True)
class RequiredWhen:
    """A column that must be filled when another has one of ``values`` (a closed case has a closing date);
    ``message``: its key in ``words.texts``, told the value (``{value}``)."""

    column: str
    when: str
    values: tuple[str, ...]
    message: str

    def __call__(self, r: dict, ctx: Context) -> Iterable[tuple[str, str | Said]]:
        if r.get(self.when) in self.values and not r.get(self.column):
            yield self.column, Said.of(self.message, value=r[self.when])


@dataclass(frozen=True)
class AtLevel:
    """The area a row points at sits at a level allowed for the row's type (``levels`` by type)."""

    type_col: str
    levels: dict[str, tuple[str, ...]]
    labels: dict[str, str]

    def __call__(self, r: dict, ctx: Context) -> Iterable[tuple[str, str]]:
        level = ctx.areas[r["area_code"]][0]
        want = self.levels[r[self.type_col]]
        if level not in want:
            label = self.labels[r[self.type_col]]
            yield "area_code", f"{label}应设在{or_levels(want)}，区划代码 {r['area_code']} 是{LEVELS[level]}"


def default(column: str, value: int) -> Derive:
    """An optional column left empty takes ``value`` (not the generic 0: a rule is active)."""

    def derive(r: dict, ctx: Context) -> None:
        if r.get(column) is None:
            r[column] = value

    return derive


def header_map(kind: Kind) -> dict[str, str]:
    """Every accepted header (Chinese, English, normalised) → column name."""
    out: dict[str, str] = {}
    for c in kind.columns:
        for h in (c.zh, c.name, c.zh.replace("(", "（").replace(")", "）"), *c.aliases):
            out[norm_header(h)] = c.name
    return out


def norm_header(h: object) -> str:
    s = "" if h is None else str(h)
    s = s.replace("（", "(").replace("）", ")").replace("\ufeff", "").replace("*", "")
    return "".join(s.split()).lower()
