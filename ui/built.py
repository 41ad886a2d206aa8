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

from collections.abc import Callable
from typing import ParamSpec, TypeVar

import streamlit as st

from . import data
from .internals.pydeck_chart import FrozenDeck

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


def _frozen(build: Callable, args: tuple, kwargs: dict) -> FrozenDeck:
    return FrozenDeck(build(*args, **kwargs))


def built_deck(key: tuple, build: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> FrozenDeck:
    """Like :func:`built` for a pydeck map: kept serialised, so a rerun sends it without rebuilding."""
    name = f"{build.__module__}.{build.__qualname__}:frozen"
    return _built(name, key, data.data_version(), _frozen, (build, args, kwargs), {})  # type: ignore[return-value]
