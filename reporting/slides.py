"""The deck: for a set of filters, a cover and then one message per slide — a title that
states the finding (computed from the data), one large chart, the key figures — in the work
summary's order, then the plan and, if asked, the assessment and data-quality slides.

The page, the PPTX and the PDF all draw this same list, so what is said at the video
conference, what is sent ahead and what the dashboard shows agree to the unit. The parts:
``slide_model`` (the model and its words), ``slides_sections`` (一 … 五), ``slides_plan``
(六, assessment, data quality).
"""

from __future__ import annotations

from data_access import identity
from words import fmt

from .data import SECTION_FIGURES, ReportData
from .slide_model import _L, EXTRA_AFTER, SECTION_NAMES, Deck, KeyFigure, Slide, change_text, value_text
from .slides_plan import assessment_slide, plan_slide, quality_note, quality_slide, with_quality
from .slides_sections import BUILDERS, EXTRA_BUILDERS, staffing_figures
from .summary import Summary, build_summary

__all__ = [
    "SECTION_NAMES",
    "Deck",
    "KeyFigure",
    "Slide",
    "assessment_slide",
    "build_deck",
    "change_text",
    "data_date",
    "plan_slide",
    "quality_note",
    "quality_slide",
    "staffing_figures",
    "value_text",
    "with_quality",
]


RECORD_SLIDES = ("org",)  # built from the organisation records, which no county "reports late"


def build_deck(d: ReportData, lang: str, summary: Summary | None = None, assessment: bool = False) -> Deck:
    """The cover and one slide per section, then the plan (when one runs in the year) and,
    if asked, the county assessment; the summary's paragraphs as speaker notes."""
    summary = summary or build_summary(d, lang)
    one = d.scope_codes[0] if d.scope_codes is not None and len(d.scope_codes) == 1 else None
    federation = identity.federation_name(d.city, d.county_names.get(one) if one else None, lang)
    scope = d.scope_label(lang)
    date_text = data_date(d, lang)
    cover = Slide(
        "cover",
        federation,
        _L(
            lang,
            f"{d.city if d.whole_city else scope}{d.year}年残疾人事业发展情况汇报",
            f"{d.city if d.whole_city else scope}: the federation's work in {d.year}",
        ),
        subtitle=_L(lang, "全省残联系统电视电话会", "Provincial video conference of the federations"),
        notes=summary.text(),
    )
    slides = [cover]
    notes = {s.key: s.paragraph for s in summary.sections}
    dropped: list[str] = []
    for key, _codes in SECTION_FIGURES:
        built = [BUILDERS[key](d, lang)] + [EXTRA_BUILDERS[x](d, lang) for x in EXTRA_AFTER.get(key, ())]
        built[0].notes = notes.get(key, "")
        for s in built:
            # a slide with nothing to state is dropped, never shown empty or with a made-up title; the
            # organisations' slide stands on the organisation records, not on reported figures: a new
            # city where 2 of 13 counties reported still shows its coverage (a year nobody reported
            # at all carries no stock into it: issue 27)
            unreported = d.no_data and not (s.key in RECORD_SLIDES and d.reporting)
            if (
                unreported
                or not s.title
                or (s.figure is None and not s.items and all(k.raw is None for k in s.figures))
            ):
                dropped.append(s.section)
            else:
                slides.append(s)
    extra = [plan_slide(d, lang), assessment_slide(d, lang) if assessment else None]
    slides += [s for s in extra if s is not None]
    if dropped:
        cover.notes = (
            _L(lang, "以下部分无数据，未列入：", "Left out for want of data: ")
            + _L(lang, "；", "; ").join(dropped)
            + _L(lang, "。\n", ".\n")
            + "\n".join(summary.basis)
            + "\n"
            + cover.notes
        )
        cover.subtitle = cover.subtitle + _L(
            lang,
            f"（{len(dropped)}个部分无数据，未列入）",
            f" ({len(dropped)} part{'s' if len(dropped) != 1 else ''} without data left out)",
        )
    return Deck(federation, d.year, scope, date_text, lang, slides, summary, d.emblem or identity.emblem().data_uri())


def data_date(d: ReportData, lang: str) -> str:
    """The cover's date: the date of the data (数据截至2025年12月), not the day the deck was made;
    the counties not reported named."""
    last = (d.as_of or {}).get("last_month")
    if last:
        text = _L(lang, f"数据截至{d.year}年{last}月", f"Figures up to {fmt.year_month_label(d.year, last, 'en')}")
    elif last == 0:
        text = _L(lang, f"{d.year}年年报数据", f"Yearly figures of {d.year}")
    else:
        text = _L(lang, f"{d.year}年尚无数据", f"No figures for {d.year} yet")
    if d.silent and not d.no_data:
        names = fmt.join([d.county_names.get(c, c) for c in d.silent], lang)
        text += _L(lang, f"（{names}尚未报送）", f" ({names} not yet reported)")
    return text
