"""Streamlit's (and pydeck's) internals the app relies on, one module each, so that what may break
on an upgrade is in one folder and each has a contract test (tests/test_internals_contract.py)
that fails with a message naming what to re-check:

- ``pages_manager``: the ``pages/`` folder flag and the session's page intent (app.py, ui/frame.py,
  ui/nav.py);
- ``dom``: Streamlit's English words and ``data-testid`` names that ui/a11y.py, the style sheets and
  the slide show rewrite or select (the browser's side of the app);
- ``pydeck_chart``: what ``st.pydeck_chart`` reads of a Deck (ui/built.py's ``FrozenDeck``);
- ``options``: the hidden configuration options of ``.streamlit/config.toml``
  (``runner.postScriptGC``).

The non-Streamlit ones sit with their layer: charts/plotly_internals.py (plotly's ``_data`` and
``_layout``), data_access/loading/openpyxl_internals.py (openpyxl's sheet parser).

``STREAMLIT_CHECKED`` is the Streamlit minor version all of these were read in: requirements.txt
pins that minor, and the contract test fails on any other until each internal is re-checked.
"""

STREAMLIT_CHECKED = "1.67"
