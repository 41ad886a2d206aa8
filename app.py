"""The server: ``streamlit run app.py`` serves ``dashboard.py`` on Streamlit's own server
(``st.App``) plus routes of ours: the two of ``ui.session_cookie`` that set and clear the
sign-in cookie HttpOnly (accounts mode), and plotly.js for the slides' charts
(``ui.client_assets``). ``streamlit run dashboard.py`` still works, but there a sign-in
does not survive a refresh and the slides' charts are rendered as PNGs on the server."""

import os
import sys

import streamlit as st

from ui import client_assets, session_cookie
from ui.internals import pages_manager

# Every session's script runs in a thread of this one process, under one interpreter lock.
# Python hands the lock to another thread every 5 ms by default: with many sessions busy at
# once, every run then advances a little at a time and all finish late (and caches thrash).
# Handing it over every 50 ms lets a run finish before the next takes the processor, so
# under load most clicks are answered sooner (benchmarks/many_users.py); a thread waiting
# on the database or the network releases the lock at once, as before.
sys.setswitchinterval(float(os.environ.get("CANLIAN_SWITCH_INTERVAL", "0.05")))

# The pages are declared by dashboard.py's st.navigation. Until a script has called it in this
# process, Streamlit takes a folder named pages/ for an old-style multipage app and runs the
# first session's page file on its own: the first visitor after a start lost their link's
# filters and slide (``/presentation?year=2022&slide=3`` opened slide 1 of the latest year).
# st.navigation sets this very flag to False on its first call; set here, before any session
# (Streamlit's PagesManager.uses_pages_directory, fenced in ui/internals/pages_manager.py).
pages_manager.use_navigation_only()

app = st.App("dashboard.py", routes=[*session_cookie.routes(), *client_assets.routes()])
