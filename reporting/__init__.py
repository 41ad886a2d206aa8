"""Reporting: the presentation deck (slides, PPTX, PDF) and the written year-end summary.

Never imports Streamlit: the page ``pages/presentation.py`` and the command line
``python -m reporting`` both build on these functions.
"""
