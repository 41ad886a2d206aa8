"""Tables as shown: thousands separators, one decimal rule, "—" for a missing figure."""

from __future__ import annotations

import pandas as pd

from ui.tables import display


def _cells(df: pd.DataFrame, **kw) -> list[list[str]]:
    styled = display(df, **kw)
    ctx = styled._translate(False, False)
    return [[c["display_value"] for c in row[1:]] for row in ctx["body"]]


def test_separators_decimals_and_missing():
    df = pd.DataFrame(
        {
            "year": [2024, 2025],
            "county": ["青林县", None],
            "villages": [1434.0, 12345.0],
            "pct": [99.34, 100.0],
            "funds": [None, 2036.0],
            "county_code": [990103000000, 990104000000],
        }
    )
    assert _cells(df) == [
        ["2024", "青林县", "1,434", "99.3", "—", "990103000000"],
        ["2025", "—", "12,345", "100.0", "2,036", "990104000000"],
    ]
    assert "None" not in display(df).to_html() and "nan" not in display(df).to_html()


def test_named_decimals_win():
    df = pd.DataFrame({"funds": [467.014, 12.5]})
    assert _cells(df, decimals={"funds": 2}) == [["467.01"], ["12.50"]]
