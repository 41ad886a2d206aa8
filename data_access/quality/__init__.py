"""Reporting and data quality (issue 19): the federation's reports and when they are due
(``periods``), the shipped reports and validation rules (``defaults``, imports only the
models, so ``db`` can seed them), the rules engine run on every load and on demand
(``rules``), and submissions with the city's approval, return and unlock (``approval``).
Import the modules themselves; this package imports nothing. Never imports Streamlit."""
