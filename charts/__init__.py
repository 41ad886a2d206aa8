"""Pure chart builders: DataFrame in, plotly Figure (or pydeck Deck) out. No Streamlit,
no database. Every builder is paired with a one-sentence text summary and its table."""
