"""plotly's private parts the figure memo (charts/memo.py) relies on, in one place (checked against
plotly ``CHECKED``; tests/test_internals_contract.py fails, naming what to re-check, when they change).

A figure is kept as its own values and made again without validation, which is what makes a memo hit
cheap (plotly validates every property of a new figure: 20–40 ms a chart). What it uses:

- ``fig._data`` (the traces as plain dicts), ``fig._layout`` (the layout as a plain dict),
  ``fig._frame_objs`` and each frame's ``_props``: the figure's values as they are, numpy arrays
  left as arrays (``to_dict()`` would encode them for the browser);
- ``go.Figure(dict, _validate=False)``: a figure made from such a dict without validating it again.
"""

from __future__ import annotations

import plotly.graph_objects as go

CHECKED = "7.1"  # the plotly minor version these internals were read in


def figure_state(fig: go.Figure) -> dict:
    """The figure's own values: its traces, its layout and its frames, as plain dicts."""
    raw = {"data": fig._data, "layout": fig._layout}
    if fig.frames:
        raw["frames"] = [frame._props for frame in fig._frame_objs]
    return raw


def figure_from_state(raw: dict) -> go.Figure:
    """A new figure from :func:`figure_state`'s dict, not validated again (it was when built)."""
    return go.Figure(raw, _validate=False)
