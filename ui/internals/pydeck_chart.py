"""What ``st.pydeck_chart`` reads of a pydeck ``Deck``, imitated by :class:`FrozenDeck`, and pydeck's
serialiser (``pydeck.bindings.json_tools.default_serialize``) that :func:`deck_json` reuses.

``streamlit/elements/deck_gl_json_chart.py`` (Streamlit ``STREAMLIT_CHECKED``) reads ``to_json()``,
``mapbox_key``, ``width``, ``deck_widget``, ``_tooltip`` and ``layers`` (``READS``); the contract test
reads that file and fails when it reads anything else, and checks that :func:`deck_json` still gives
the same objects as pydeck's own ``to_json``.
"""

from __future__ import annotations

import json

from pydeck.bindings.json_tools import default_serialize

PYDECK_CHECKED = "0.9"  # the pydeck minor version default_serialize was read in
# every attribute of a Deck that st.pydeck_chart reads
READS = frozenset({"to_json", "mapbox_key", "width", "deck_widget", "_tooltip", "layers"})


class FrozenDeck:
    """A pydeck map already serialised, for ``st.pydeck_chart``.

    Streamlit turns a Deck into JSON on every rerun (seconds for a province's 1,600
    township polygons); this keeps the JSON built once, and compact: pydeck's own
    ``to_json`` indents, which makes Python's json fall back from its C encoder to the
    pure-Python one (5 s for a province's map) and sends a third more bytes. The JSON
    holds the same objects as pydeck's (:func:`deck_json`). It offers what
    ``st.pydeck_chart`` reads of a Deck (``READS``): ``to_json()``, the tooltip, the width, no
    layers left to prepare and no map-provider key.
    """

    def __init__(self, deck: object) -> None:
        self._json = deck_json(deck)
        self._tooltip = getattr(deck, "_tooltip", None)
        self.deck_widget = None
        self.width = getattr(deck, "width", None)
        self.mapbox_key = None
        self.layers: list = []

    def to_json(self) -> str:
        return self._json


def deck_json(deck: object) -> str:
    """pydeck's JSON of ``deck`` (same keys, same values), without indentation, and with
    Chinese as UTF-8 (3 bytes a character) rather than ``\\uXXXX`` escapes (6): the
    village names and tooltips of a city are most of the map's bytes."""
    return json.dumps(deck, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False)
