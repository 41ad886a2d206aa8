"""Streamlit's ``PagesManager``: the ``pages/`` folder flag and a session's page intent.

- ``PagesManager.uses_pages_directory`` (a class attribute in
  ``streamlit.runtime.pages_manager``): True until the first ``st.navigation`` call in the process;
  while True, Streamlit treats ``pages/`` as an old-style multipage app. app.py sets it False before
  any session (:func:`use_navigation_only`); ui/frame.py reads it (:func:`old_multipage_mode`).
- ``get_script_run_ctx().pages_manager`` (``streamlit.runtime.scriptrunner_utils.script_run_context``)
  with ``intended_page_script_hash``, ``intended_page_name`` and ``set_script_intent(hash, name)``:
  the path a session asked for, read and redirected by ui/nav.py before ``st.navigation`` resolves it
  (:func:`requested_path`, :func:`open_instead`).

Each reader degrades to "nothing to do" when the internal is gone (the app then behaves as plain
Streamlit: English "Page not found", a first visit's link losing its filters); the contract test
says so before users do.
"""

from __future__ import annotations

import contextlib


def _pages_manager_class():
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # the internal moved
        return None
    return PagesManager


def use_navigation_only() -> None:
    """app.py, before any session: the pages are ``st.navigation``'s, not the ``pages/`` folder's
    (``st.navigation`` sets the same flag on its first call, too late for the first visitor)."""
    pm = _pages_manager_class()
    if pm is not None:
        pm.uses_pages_directory = False


def old_multipage_mode() -> bool:
    """True while runs go through Streamlit's old multipage mode (no ``st.navigation`` call yet)."""
    pm = _pages_manager_class()
    return bool(getattr(pm, "uses_pages_directory", False)) if pm is not None else False


def _session_pages_manager():
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
    except ImportError:  # pragma: no cover - the internal moved
        return None
    return getattr(get_script_run_ctx(), "pages_manager", None)


def requested_path() -> str | None:
    """The url path this run was asked for by a typed address (no leading ``/``), or None when
    Streamlit already knows the page (a change inside the app) or the internal is gone."""
    pm = _session_pages_manager()
    if pm is None:
        return None
    try:
        if pm.intended_page_script_hash:
            return None
        return (pm.intended_page_name or "").strip("/")
    except (AttributeError, TypeError):
        return None


def open_instead(url_path: str) -> None:
    """Have ``st.navigation`` open ``url_path`` ("" for the default page) in this run."""
    pm = _session_pages_manager()
    if pm is not None:
        with contextlib.suppress(AttributeError, TypeError):
            pm.set_script_intent("", url_path)


def apptest_as_in_production() -> None:
    """For the tests: make Streamlit's AppTest run ``dashboard.py`` as ``streamlit run app.py`` does.

    AppTest (``streamlit.testing.v1.app_test``) resets ``PagesManager.uses_pages_directory`` to None
    before every run, and the new ``PagesManager`` then sets it True because ``pages/`` exists: every
    ``at.run()`` would execute the script inside Streamlit's old multipage wrapper, and again after
    ``st.navigation`` (``ui.frame.settle``) — twice, a path production never takes, since app.py sets
    the flag False before any session. Here AppTest's ``PagesManager`` does what app.py does, right
    after it is made: one ``at.run()``, one execution (tests/test_apptest_runs_once.py)."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import app_test

    if getattr(app_test.PagesManager, "_canlian_navigation_only", False):
        return

    class NavigationOnly(PagesManager):
        _canlian_navigation_only = True

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            use_navigation_only()  # on Streamlit's class, which its script runner reads

    app_test.PagesManager = NavigationOnly
