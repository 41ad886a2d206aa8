"""openpyxl's private parts the .xlsx reader relies on, in one place (checked against openpyxl
``CHECKED``; tests/test_internals_contract.py fails, naming what to re-check, when they change).

openpyxl's read-only mode gives cell values, but not whether a row is hidden, and it reads a
formula cell without a saved value as empty. The reader therefore runs openpyxl's own sheet parser
(``openpyxl.worksheet._reader.WorkSheetParser``) on the sheet's XML source, with a subclass that
marks such a cell (``MISSING_VALUE``), and reads the row attributes the parser collects
(``row_dimensions``). What it uses:

- ``openpyxl.worksheet._reader.WorkSheetParser`` (its ``__init__(src, shared_strings, data_only,
  epoch, date_formats, timedelta_formats)``, ``parse()`` yielding ``(row index, cells)``,
  ``parse_cell(element)`` returning a dict with ``value``, ``column``, ``row_dimensions``) and
  ``FORMULA_TAG``;
- of a read-only worksheet: ``_get_source()`` and ``_shared_strings``; of its workbook:
  ``epoch``, ``_date_formats``, ``_timedelta_formats``.

If one of them goes, every .xlsx would be refused as "corrupt": the contract test says so first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

CHECKED = "3.1"  # the openpyxl minor version these internals were read in


def parser_class(missing_value: Callable[[str], object]) -> type:
    """openpyxl's sheet parser, giving ``missing_value(coordinate)`` for a formula cell whose
    file holds no computed value (openpyxl would give None: an empty cell)."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = missing_value(element.get("r") or "")
            return cell

    return Parser


def sheet_rows(ws, missing_value: Callable[[str], object]) -> Iterator[tuple[int, list[dict], dict]]:
    """Each row of a read-only worksheet as openpyxl's parser sees it: (row number, its cells as
    dicts with ``column`` and ``value``, the row's attributes such as ``hidden``)."""
    parser_cls = parser_class(missing_value)
    with ws._get_source() as src:
        parser = parser_cls(
            src,
            ws._shared_strings,
            data_only=True,
            epoch=ws.parent.epoch,
            date_formats=ws.parent._date_formats,
            timedelta_formats=ws.parent._timedelta_formats,
        )
        for idx, cells in parser.parse():
            yield idx, cells, parser.row_dimensions.get(str(idx), {})
