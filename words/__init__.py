"""The words layer: Streamlit-free texts (zh, en), number and change formatting, vocabularies and
section metadata. ``charts/``, ``reporting/`` and ``ui/`` import it; it imports none of them."""
