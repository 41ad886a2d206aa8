"""Built figures kept like datasets: a chart or map built once per inputs and data version.

Building the organisation map of a province (1,600 township polygons with their
tooltips) costs seconds of Python on every rerun, although its inputs — the datasets
of the same filters — are already cached. ``built`` keeps the result of a pure builder
keyed by what its inputs depend on (the filters, which carry the scope, and the
language) and the data version, so a rerun with the same filters, any session, reuses
it and a load rebuilds it. The builder's arguments themselves are not hashed (names
with a leading underscore are skipped by ``st.cache_data``): ``key`` must name
everything they depend on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import streamlit as st
from pydeck.bindings.json_tools import default_serialize

from . import data

P = ParamSpec("P")
R = TypeVar("R")


@st.cache_data(ttl=data.RESULT_TTL, max_entries=300, show_spinner=False)
def _built(name: str, key: tuple, version: str, _build: Callable, _args: tuple, _kwargs: dict) -> object:
    return _build(*_args, **_kwargs)


def built(key: tuple, build: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``build(*args, **kwargs)``, reused while ``key`` and the data version stay the same."""
    name = f"{build.__module__}.{build.__qualname__}"
    return _built(name, key, data.data_version(), build, args, kwargs)  # type: ignore[return-value]


@st.cache_resource(ttl=data.RESULT_TTL, max_entries=64, show_spinner=False)
def _kept(name: str, key: tuple, version: str, _build: Callable, _args: tuple, _kwargs: dict) -> object:
    return _build(*_args, **_kwargs)


def kept(key: tuple, build: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Like :func:`built`, but every session gets the very object, not a copy — for a
    result that is only read, and costly to copy (the 汇报 deck with its figures: a copy
    would validate every figure again)."""
    name = f"{build.__module__}.{build.__qualname__}"
    return _kept(name, key, data.data_version(), build, args, kwargs)  # type: ignore[return-value]


class FrozenDeck:
    """A pydeck map already serialised, for ``st.pydeck_chart``.

    Streamlit turns a Deck into JSON on every rerun (seconds for a province's 1,600
    township polygons); this keeps the JSON built once, and compact: pydeck's own
    ``to_json`` indents, which makes Python's json fall back from its C encoder to the
    pure-Python one (5 s for a province's map) and sends a third more bytes. The JSON
    holds the same objects as pydeck's (:func:`deck_json`). It offers what
    ``st.pydeck_chart`` reads of a Deck: ``to_json()``, the tooltip, the width, no layers
    left to prepare and no map-provider key.
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


def _frozen(build: Callable, args: tuple, kwargs: dict) -> FrozenDeck:
    return FrozenDeck(build(*args, **kwargs))


def built_deck(key: tuple, build: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> FrozenDeck:
    """Like :func:`built` for a pydeck map: kept serialised, so a rerun sends it without rebuilding."""
    name = f"{build.__module__}.{build.__qualname__}:frozen"
    return _built(name, key, data.data_version(), _frozen, (build, args, kwargs), {})  # type: ignore[return-value]
