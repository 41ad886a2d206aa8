"""The server: ``streamlit run app.py`` serves ``dashboard.py`` on Streamlit's own server
(``st.App``) plus the two routes of ``ui.session_cookie`` that set and clear the sign-in
cookie HttpOnly (accounts mode). ``streamlit run dashboard.py`` still works, but there a
sign-in does not survive a refresh."""

import streamlit as st

from ui.session_cookie import routes

app = st.App("dashboard.py", routes=routes())
