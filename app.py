"""The server: ``streamlit run app.py`` serves ``dashboard.py`` on Streamlit's own server
(``st.App``) plus routes of ours: the two of ``ui.session_cookie`` that set and clear the
sign-in cookie HttpOnly (accounts mode), and plotly.js for the slides' charts
(``ui.client_assets``). ``streamlit run dashboard.py`` still works, but there a sign-in
does not survive a refresh and the slides' charts are rendered as PNGs on the server."""

import streamlit as st

from ui import client_assets, session_cookie

app = st.App("dashboard.py", routes=[*session_cookie.routes(), *client_assets.routes()])
