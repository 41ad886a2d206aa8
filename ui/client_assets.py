"""Files that the pages' own components load from this server, never from a CDN: plotly.js
of the installed plotly package, for the slides of 汇报, whose charts the browser draws
(an SVG each, as sharp on a 4K projector as on a laptop) instead of the server starting a
Chromium to render PNGs for every new deck — seconds of CPU per deck, which 20 sessions
opening 汇报 at once turned into a load of 50 on two cores (benchmarks/many_users.py).

``streamlit run app.py`` serves the route (``routes()``, beside the sign-in cookie's);
``MOUNTED`` says so. Under ``streamlit run dashboard.py`` nothing serves it, and the page
falls back to PNGs rendered on the server, as before.
"""

from __future__ import annotations

from pathlib import Path

import plotly

from ui.session_cookie import base_path

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
MOUNTED = False  # set by routes()


def _version() -> str:
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def plotly_js_url() -> str:
    """The address of plotly.js on this server; it names the version, so it is cached for good."""
    return f"{base_path()}_canlian/plotly-{_version()}.min.js"


async def _plotly_js(request):
    from starlette.responses import FileResponse

    return FileResponse(
        PLOTLY_JS,
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff"},
    )


def routes() -> list:
    """The route, for ``st.App(..., routes=[..., *client_assets.routes()])``."""
    from starlette.routing import Route

    global MOUNTED
    MOUNTED = True
    return [Route(plotly_js_url(), _plotly_js, methods=["GET"])]
