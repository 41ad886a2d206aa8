"""The data layer: the only code that knows the schema. Never imports Streamlit."""
