"""Charts to high-resolution PNG with kaleido 1.x on the machine's Chromium.

One browser for a whole deck: kaleido's ``Kaleido`` context starts Chromium once and
renders every figure in it (about 0.5 s a chart), instead of the 3.5–4 s a browser
start costs per image with ``fig.to_image``. MathJax is switched off (it would be
fetched from a CDN) and plotly.js comes from the installed plotly package, so this
works offline.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
from collections.abc import Sequence

import plotly.graph_objects as go

from .browser import chromium_path
from .figures import CHART_H, CHART_W

SCALE = 2  # 2200 × 1380 px for a 1100 × 690 chart: sharp on a projector and in print


def _browser_path() -> str | None:
    path = chromium_path()
    return path if os.path.exists(path) else None  # else kaleido looks for a browser itself


async def _render(figs: Sequence[go.Figure], width: int, height: int, scale: float) -> list[bytes]:
    from kaleido import Kaleido

    kw = {}
    if path := _browser_path():
        kw["path"] = path
    out = []
    async with Kaleido(n=1, mathjax=False, timeout=120, **kw) as k:
        for fig in figs:
            opts = {"format": "png", "width": width, "height": height, "scale": scale}
            out.append(await k.calc_fig(fig, opts=opts))
    return out


def render_pngs(
    figs: Sequence[go.Figure], width: int = CHART_W, height: int = CHART_H, scale: float = SCALE
) -> list[bytes]:
    """PNG bytes of each figure, all rendered in one browser session."""
    if not figs:
        return []
    coro = _render(list(figs), width, height, scale)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    # called from inside an event loop (e.g. a notebook): run in a thread of its own
    with concurrent.futures.ThreadPoolExecutor(1) as ex:
        return ex.submit(asyncio.run, coro).result()


def render_png(fig: go.Figure, width: int = CHART_W, height: int = CHART_H, scale: float = SCALE) -> bytes:
    return render_pngs([fig], width, height, scale)[0]
