"""Streamlit-side helpers shared by the pages: the cached data facade, the global
filters, language, and the accessible chart/table components."""
