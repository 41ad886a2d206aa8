"""AppTest runs what production runs, once: ``streamlit run app.py`` executes dashboard.py once a
rerun, never through Streamlit's old ``pages/`` multipage wrapper (app.py sets the flag before any
session). AppTest resets that flag before every run; tests/apptest_helpers.py has AppTest do what
app.py does (ui/internals/pages_manager.py). The spy counts the script's executions: the first
thing dashboard.py does after its start-up check is ``frame.restore_query()``."""

from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager

from tests.apptest_helpers import open_app
from ui import frame


def _spy(monkeypatch) -> list[bool]:
    runs: list[bool] = []
    real = frame.restore_query

    def counted() -> None:
        runs.append(bool(PagesManager.uses_pages_directory))  # in the old multipage wrapper?
        real()

    monkeypatch.setattr(frame, "restore_query", counted)
    return runs


def test_one_run_executes_the_script_once(app_env, monkeypatch):
    runs = _spy(monkeypatch)
    at = open_app()
    assert runs == [False], f"the first at.run() executed dashboard.py {len(runs)} times (in the old wrapper: {runs})"
    assert at.title and not at.exception
    runs.clear()
    at.run()
    assert runs == [False], f"a rerun executed dashboard.py {len(runs)} times"


def test_a_page_change_and_a_widget_executes_it_once_each(app_env, monkeypatch):
    runs = _spy(monkeypatch)
    at = open_app()
    runs.clear()
    at.switch_page("pages/service.py").run()
    assert runs == [False]
    assert not at.exception
    runs.clear()
    at.toggle[0].set_value(not at.toggle[0].value).run()
    assert runs == [False]
