"""Streamlit's page as the app's browser side knows it (Streamlit ``STREAMLIT_CHECKED``): the English
words its frontend draws that ui/a11y.py's script (assets/js/a11y.js) replaces in the UI's language,
and the places it looks for them. The ``data-testid`` names our style sheets and scripts select
(assets/theme/*.css, assets/css/*.css, assets/js/*.js, ui/figures.py's rules) are the other half.

None of this is an API: a new Streamlit may reword a label or rename a test id, and then English
comes back or a style stops applying, silently. tests/test_internals_contract.py reads Streamlit's
frontend bundle (``streamlit/static/static/js``) and fails, naming the word or the id, when one is
no longer there; ``ASSEMBLED`` says how the bundle spells the words it builds from parts.
"""

from __future__ import annotations

# accessible names Streamlit 1.67 draws in English, and our text keys for them
LABELS = {
    "Sidebar": "a11y_sidebar",
    "Collapse sidebar": "a11y_sidebar_collapse",
    "Expand sidebar": "a11y_sidebar_expand",
    "file upload": "a11y_file_input",
    # the toolbar of tables (st.dataframe)
    "Show/hide columns": "a11y_columns",
    "Download as CSV": "a11y_download_csv",
    "Search": "a11y_search",
    "Fullscreen": "a11y_fullscreen",
    "Close fullscreen": "a11y_fullscreen_close",
    # the ⋮ menu, headings' anchors, select boxes, notices, the running man
    "Main menu": "a11y_main_menu",
    "Link to heading": "a11y_heading_link",
    "Open": "a11y_open_options",
    "Selectbox options": "a11y_options",
    "Close": "a11y_close",
    "Dismiss": "a11y_dismiss",
    "Clear value": "a11y_clear_value",
    "Clear all": "a11y_clear_all",
    "Running...": "a11y_running",
    "Stop": "a11y_stop",
    "Stopping...": "a11y_stopping",
    "Vega visualization": "a11y_chart",
    # placeholders of select boxes and multiselects
    "Choose an option": "a11y_choose_one",
    "Choose options": "a11y_choose_many",
}
# Streamlit's English shown as text, where it draws it: the skip link, the lists of select boxes
# and their announcements, the ⋮ menu, the running / connection notices
TEXT_PLACES = (
    '[data-testid="stSkipToContent"], [data-baseweb="popover"], [data-testid="stMainMenuPopover"], '
    '[aria-live], [data-testid="stStatusWidget"], [role="dialog"], [data-testid="stSelectboxVirtualDropdown"], '
    '[data-testid="stMultiSelectDropdown"]'
)
TEXTS = {
    "Skip to main content": "a11y_skip",
    "No results": "a11y_no_results",
    "Select all": "a11y_select_all",
    "Print": "a11y_print",
    "Record screen": "a11y_record",
    "Made with Streamlit v": "a11y_made_with",  # the version follows in a text of its own
    "Connecting": "a11y_connecting",
    "Please wait...": "a11y_please_wait",
    "Connection error": "a11y_connection_error",
    "Stop": "a11y_stop",
}
# the same, with a count in them: (JavaScript pattern whose group is the count, text key with {n})
TEXT_PATTERNS = (
    (r"^Select (\d+) matches$", "a11y_select_matches"),
    (r"^(\d+) options? available\.?$", "a11y_options_available"),
)
# the file uploader's words (its limits line is rewritten by pattern: "20MB per file • XLSX, CSV")
UPLOADER_WORDS = {
    "Upload": "a11y_upload_button",
    "Drag and drop file here": "a11y_upload_drop",
    "Drag and drop files here": "a11y_upload_drop",
    "Drag and drop a file here": "a11y_upload_drop",
}

# words the bundle builds from parts (a regular expression over its source, per word or pattern)
ASSEMBLED = {
    "Drag and drop file here": r"Drag and drop \$\{[^}]*\} here",
    r"^Select (\d+) matches$": r"Select \$\{[^}]*\} matches",
    r"^(\d+) options? available\.?$": r"options`[^`]{0,40}available\.",
}
# what the script itself matches in Streamlit's words (assets/js/a11y.js): the tooltip's
# "Help for <label>" and "Help", the uploader's "<size> per file • <types>"
SCRIPT_WORDS = {
    "Help for <label>": r"Help for \$\{",
    "Help": r"`Help`",
    "<size> per file": r"\} per file`",
}
