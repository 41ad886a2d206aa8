"""The outside internals the app relies on (ui/internals/, charts/plotly_internals.py,
data_access/loading/openpyxl_internals.py), each checked against the installed library: a change
fails here, with a message naming what to re-check, before it reaches users as English words come
back, a style that stops applying, or every .xlsx refused as corrupt.

The version tests fail on any other minor version than the one the internals were read in; the
others check the internals themselves (attributes, signatures, the frontend's words and test ids)."""

from __future__ import annotations

import ast
import glob
import inspect
import io
import json
import re
import tomllib
from functools import cache
from pathlib import Path

import openpyxl
import plotly
import plotly.graph_objects as go
import pydeck
import pytest
import streamlit

from charts import plotly_internals
from data_access.loading import openpyxl_internals
from ui.internals import STREAMLIT_CHECKED, dom, options, pages_manager, pydeck_chart

ROOT = Path(__file__).resolve().parents[1]
STREAMLIT_DIR = Path(streamlit.__file__).parent


def minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


# ------------------------------------------------------------------ versions


def test_streamlit_is_the_minor_the_internals_were_checked_against():
    assert minor(streamlit.__version__) == STREAMLIT_CHECKED, (
        f"Streamlit is {streamlit.__version__}; ui/internals/ was checked against {STREAMLIT_CHECKED}. "
        "Re-check each module of ui/internals/ (pages_manager: PagesManager.uses_pages_directory and the "
        "session's page intent; dom: the English words and data-testids; pydeck_chart: what st.pydeck_chart "
        "reads; options: runner.postScriptGC), the AppTest run count (tests/test_apptest_runs_once.py), "
        "then set STREAMLIT_CHECKED in ui/internals/__init__.py and the pin in requirements.txt."
    )


def test_plotly_is_the_minor_the_internals_were_checked_against():
    assert minor(plotly.__version__) == plotly_internals.CHECKED, (
        f"plotly is {plotly.__version__}; charts/plotly_internals.py was checked against "
        f"{plotly_internals.CHECKED}. Re-check fig._data, fig._layout, fig._frame_objs/_props and "
        "go.Figure(..., _validate=False), then set CHECKED there."
    )


def test_openpyxl_is_the_minor_the_internals_were_checked_against():
    assert minor(openpyxl.__version__) == openpyxl_internals.CHECKED, (
        f"openpyxl is {openpyxl.__version__}; data_access/loading/openpyxl_internals.py was checked against "
        f"{openpyxl_internals.CHECKED}. Re-check WorkSheetParser (its arguments, parse, parse_cell, "
        "row_dimensions), FORMULA_TAG and the read-only sheet's _get_source/_shared_strings, then set CHECKED."
    )


def test_pydeck_is_the_minor_the_internals_were_checked_against():
    assert minor(pydeck.__version__) == pydeck_chart.PYDECK_CHECKED, (
        f"pydeck is {pydeck.__version__}; ui/internals/pydeck_chart.py was checked against "
        f"{pydeck_chart.PYDECK_CHECKED}. Re-check pydeck.bindings.json_tools.default_serialize and Deck._tooltip, "
        "then set PYDECK_CHECKED there."
    )


# ------------------------------------------------------------------ Streamlit: PagesManager


def test_pages_manager_has_what_the_app_sets_and_reads():
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext, get_script_run_ctx

    where = "ui/internals/pages_manager.py (app.py, ui/frame.py, ui/nav.py)"
    assert "uses_pages_directory" in vars(PagesManager), f"PagesManager.uses_pages_directory is gone: re-check {where}"
    for name in ("intended_page_script_hash", "intended_page_name"):
        assert isinstance(inspect.getattr_static(PagesManager, name), property), (
            f"PagesManager.{name} is no longer a property: re-check {where}"
        )
    params = list(inspect.signature(PagesManager.set_script_intent).parameters)
    assert params[:3] == ["self", "page_script_hash", "page_name"], (
        f"PagesManager.set_script_intent takes {params}: re-check open_instead in {where}"
    )
    assert "pages_manager" in {f.name for f in __import__("dataclasses").fields(ScriptRunContext)}, (
        f"ScriptRunContext has no pages_manager: re-check requested_path in {where}"
    )
    assert callable(get_script_run_ctx)


def test_the_flag_is_set_and_read_through_the_fence():
    from streamlit.runtime.pages_manager import PagesManager

    before = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = True
        assert pages_manager.old_multipage_mode()
        pages_manager.use_navigation_only()
        assert PagesManager.uses_pages_directory is False and not pages_manager.old_multipage_mode()
    finally:
        PagesManager.uses_pages_directory = before


def test_no_module_of_ours_reaches_past_the_fence():
    """Streamlit's runtime internals are imported in ui/internals/ only (and in tests)."""
    wrong = []
    for path in sorted(ROOT.glob("*.py")) + sorted(
        p for d in ("ui", "pages", "charts", "reporting") for p in (ROOT / d).rglob("*.py")
    ):
        if "internals" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("streamlit.runtime"):
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {node.module}")
    assert not wrong, "Streamlit's internals belong in ui/internals/:\n" + "\n".join(wrong)


# ------------------------------------------------------------------ Streamlit: the page's words and test ids


@cache
def bundle() -> str:
    files = glob.glob(str(STREAMLIT_DIR / "static" / "static" / "js" / "*.js"))
    assert files, (
        "Streamlit's frontend bundle (streamlit/static/static/js) is not where it was: re-check ui/internals/dom.py"
    )
    return "".join(Path(f).read_text(encoding="utf-8", errors="replace") for f in files)


def _words() -> list[str]:
    return sorted({*dom.LABELS, *dom.TEXTS, *dom.UPLOADER_WORDS})


@pytest.mark.parametrize("word", _words())
def test_streamlit_still_draws_the_english_we_replace(word):
    js = bundle()
    found = re.search(dom.ASSEMBLED[word], js) if word in dom.ASSEMBLED else word in js
    assert found, (
        f"Streamlit's frontend no longer says {word!r}: re-check ui/internals/dom.py (its new wording) and "
        "assets/js/a11y.js; until then the page shows it in English"
    )


@pytest.mark.parametrize("pattern", [p for p, _ in dom.TEXT_PATTERNS] + sorted(dom.SCRIPT_WORDS))
def test_streamlit_still_builds_the_words_the_script_matches(pattern):
    source = dom.ASSEMBLED.get(pattern) or dom.SCRIPT_WORDS[pattern]
    assert re.search(source, bundle()), (
        f"Streamlit's frontend no longer builds {pattern!r} as {source!r}: re-check ui/internals/dom.py and "
        "assets/js/a11y.js"
    )


def _test_ids() -> dict[str, set[str]]:
    """Every data-testid our style sheets, scripts and rules select, and where."""
    sources = [
        *sorted((ROOT / "assets").rglob("*.css")),
        *sorted((ROOT / "assets").rglob("*.js")),
        *sorted((ROOT / "ui").rglob("*.py")),
    ]
    found: dict[str, set[str]] = {}
    for path in sources:
        for op, name in re.findall(r'data-testid([\^]?)="?([A-Za-z][\w-]*)', path.read_text(encoding="utf-8")):
            found.setdefault(name + ("*" if op else ""), set()).add(str(path.relative_to(ROOT)))
    return found


TEST_IDS = _test_ids()


def test_the_test_ids_are_found():
    assert {"stSkipToContent", "stMetricValue", "stSidebar", "stPageLink-NavLink"} <= set(TEST_IDS)


@pytest.mark.parametrize("test_id", sorted(TEST_IDS))
def test_streamlit_still_has_the_test_ids_we_select(test_id):
    name = test_id.rstrip("*")
    js = bundle()
    quoted = re.search(r"[`\"']" + re.escape(name) + (r"" if test_id.endswith("*") else r"[`\"']"), js)
    # built from a prefix, as `stBaseButton-${kind}` gives stBaseButton-primary
    prefixes = [name[: i + 1] for i, c in enumerate(name) if c == "-"]
    built = any(re.search(r"[`\"']" + re.escape(prefix) + r"\$\{", js) for prefix in prefixes)
    assert quoted or built, (
        f'Streamlit no longer draws data-testid="{name}", selected in {", ".join(sorted(TEST_IDS[test_id]))}: '
        "find its new name in Streamlit's page (or drop the rule), then re-check ui/internals/dom.py"
    )


# ------------------------------------------------------------------ Streamlit: st.pydeck_chart


def test_st_pydeck_chart_reads_only_what_frozen_deck_offers():
    source = (STREAMLIT_DIR / "elements" / "deck_gl_json_chart.py").read_text(encoding="utf-8")
    reads = set(re.findall(r'getattr\(pydeck_obj, "(\w+)"', source)) | set(re.findall(r"pydeck_obj\.(\w+)", source))
    assert reads == pydeck_chart.READS, (
        f"st.pydeck_chart now reads {sorted(reads)} of a Deck (FrozenDeck offers {sorted(pydeck_chart.READS)}): "
        "re-check ui/internals/pydeck_chart.py's FrozenDeck"
    )
    frozen = pydeck_chart.FrozenDeck(pydeck.Deck(layers=[], tooltip={"text": "{name}"}))
    assert all(hasattr(frozen, name) for name in pydeck_chart.READS)
    assert frozen._tooltip == {"text": "{name}"}, "pydeck's Deck keeps its tooltip elsewhere: re-check FrozenDeck"


def test_deck_json_is_pydecks_json():
    layer = pydeck.Layer("ScatterplotLayer", [{"name": "示例镇", "lon": 112.3, "lat": 29.7}], get_position="[lon, lat]")
    deck = pydeck.Deck(layers=[layer], tooltip={"text": "{name}"})
    assert json.loads(pydeck_chart.deck_json(deck)) == json.loads(deck.to_json()), (
        "pydeck's default_serialize no longer gives what Deck.to_json gives: re-check ui/internals/pydeck_chart.py"
    )


# ------------------------------------------------------------------ Streamlit: hidden options


def test_every_option_of_config_toml_is_one_streamlit_defines():
    from streamlit import config

    conf = tomllib.loads(options.CONFIG_FILE.read_text(encoding="utf-8"))
    keys = [f"{section}.{key}" for section, values in conf.items() for key in values]
    unknown = []
    for key in keys:
        try:
            config.get_option(key)
        except RuntimeError:
            unknown.append(key)
    assert not unknown, (
        f"Streamlit does not define {unknown} (set in .streamlit/config.toml): re-check ui/internals/options.py"
    )
    for key, value in options.HIDDEN.items():
        assert key in keys and conf[key.split(".")[0]][key.split(".")[1]] == value
        assert isinstance(config.get_option(key), type(value)), (
            f"{key} changed its type: re-check ui/internals/options.py"
        )


# ------------------------------------------------------------------ plotly


def test_plotly_figure_state_round_trips():
    fig = go.Figure(go.Bar(x=["甲县", "乙县"], y=[3, 5]), layout={"title": {"text": "新增就业"}})
    fig.frames = [go.Frame(data=[go.Bar(y=[1, 2])], name="f1")]
    for name in ("_data", "_layout", "_frame_objs"):
        assert hasattr(fig, name), f"plotly's Figure has no {name}: re-check charts/plotly_internals.py"
    state = plotly_internals.figure_state(fig)
    assert isinstance(state["data"], list) and isinstance(state["layout"], dict)
    again = plotly_internals.figure_from_state(state)
    assert getattr(again, "_validate", True) is False, (
        "go.Figure(..., _validate=False) no longer skips validation: re-check charts/plotly_internals.py "
        "(a memo hit would validate every property again)"
    )
    assert again.to_dict() == fig.to_dict(), "a figure made from its state differs: re-check charts/plotly_internals.py"
    assert list(again.data[0].y) == [3, 5] and again.layout.title.text == "新增就业"


# ------------------------------------------------------------------ openpyxl


def test_openpyxl_sheet_parser_has_what_the_reader_uses():
    from openpyxl.worksheet import _reader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    where = "data_access/loading/openpyxl_internals.py"
    assert hasattr(_reader, "FORMULA_TAG") and hasattr(_reader, "WorkSheetParser"), f"re-check {where}"
    params = list(inspect.signature(_reader.WorkSheetParser.__init__).parameters)
    assert params[:3] == ["self", "src", "shared_strings"], f"WorkSheetParser takes {params}: re-check {where}"
    assert {"data_only", "epoch", "date_formats", "timedelta_formats"} <= set(params), f"re-check {where}"
    assert hasattr(_reader.WorkSheetParser, "parse_cell") and hasattr(_reader.WorkSheetParser, "parse")
    assert hasattr(ReadOnlyWorksheet, "_get_source"), f"ReadOnlyWorksheet._get_source is gone: re-check {where}"


def test_openpyxl_rows_hidden_rows_and_formulas_without_a_value():
    """What the reader gets through the fence: values by column, a hidden row, a formula without a saved value."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["区划代码", "数值"])
    ws.append(["990101000000", 5])
    ws.append(["990102000000", "=B2*2"])
    ws.row_dimensions[2].hidden = True
    buf = io.BytesIO()
    wb.save(buf)
    ro = openpyxl.load_workbook(io.BytesIO(buf.getvalue()), read_only=True, data_only=True)
    rows = list(openpyxl_internals.sheet_rows(ro.active, lambda coordinate: ("no value", coordinate)))
    ro.close()
    assert [r[0] for r in rows] == [1, 2, 3]
    assert [c["value"] for c in rows[1][1]] == ["990101000000", 5]
    assert str(rows[1][2].get("hidden", "")).lower() in ("1", "true"), (
        f"hidden rows not seen: re-check {openpyxl_internals.__name__}"
    )
    assert rows[2][1][1]["value"] == ("no value", "B3")
