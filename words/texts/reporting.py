"""Texts of the reports (reporting/: the deck, the work summary, the analysis, the documents they
go out as) that were chosen inline on the language: separators, scope and signature words, the
map's legend, the notes on what the figures rest on."""

TEXTS: dict[str, tuple[str, str]] = {
    # between the sentences of a paragraph, and the notes of a basis
    "report_sentence_gap": ("", " "),
    "report_full_stop": ("。", "."),
    "report_whole_city": ("全市", "the whole city"),
    "report_federation": ("{city}残疾人联合会", "{city} Disabled Persons' Federation"),
    "report_year": ("{year}年", "{year}"),
    # the deck: cover, list slides, what a screen reader says for a chart
    "report_scope": ("范围：{scope}", "Scope: {scope}"),
    "report_emblem": ("{federation}会徽", "Emblem of {federation}"),
    "report_item_gap": ("\u3000", "  "),
    "report_alt_join": ("；", "; "),
    "report_alt_label": ("{label}：{value}", "{label}: {value}"),
    "report_alt_sentence": ("。", ". "),
    "report_with_unit": ("{name}（{unit}）", "{name} ({unit})"),
    "report_lecture_county": ("（{county}）", ""),
    # the township coverage map beside the org slide
    "report_map_swatch": ("{name}（{count}个）", "{name} ({count})"),
    "report_map_border": ("县(区)界", "County border"),
    "report_map_counties_head": ("乡镇(街道)残联 已建/应建", "Township federations, built / all"),
    "report_map_counties_more": ("等{n}个县(区)", "… {n} counties in all"),
    "report_map_gaps_more": ("等{n}个", "… {n} in all"),
    # the work summary's sentences
    "report_figure_unit": ("{value}{unit_zh}", "{value} {unit_en}"),
    "report_area_figure": ("{area}（{value}）", "{area} ({value})"),
    "report_change_after": ("，{words}", ", {words}"),
    "report_title_summary": (
        "{scope}{year}年残疾人事业工作总结（数据部分）",
        "{scope}: the federation's work in {year} (figures)",
    ),
    # what the figures rest on (the summary's basis)
    "report_basis_as_of": ("数据截至{year}年{month}月", "Figures up to {month_label}"),
    "report_basis_yearly": ("数据为{year}年年报数", "Yearly figures of {year}"),
    "report_basis_silent": (
        "{names}尚未报送{year}年数据，合计数为其余{others}个县(区)（共{n}个）的数字，"
        "与上年的比较按两年都有数据的县(区)计算。",
        "{names} had not reported figures for {year}: totals cover the other {others} of {n} "
        "counties, and changes on the year before are computed over the counties present in both years.",
    ),
    "report_basis_left_out": (
        "以下指标{year}年尚无数据，未写入：{names}。",
        "No figure yet for {year}, left out: {names}.",
    ),
    "report_basis_doubted": (
        "标注“待核实”的数字经校验规则提示异常，尚未核实，未计算其与上年的比较。",
        "Figures marked “to be verified” are flagged by a validation rule and not yet confirmed; "
        "no change on the year before is stated for them.",
    ),
}
