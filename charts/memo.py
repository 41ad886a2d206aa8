"""Built figures kept by their inputs: a chart builder is pure, so the same frames and
arguments give the same figure, and building it again costs plotly's validation of every
property (20–40 ms a chart; a page has up to ten) on every rerun of every session.

``@memo`` keeps each builder's figure as a pickled dict, keyed by a digest of its inputs
(a DataFrame by its pickle: columns, dtypes, index and values), bounded in bytes; a hit is a fresh
``go.Figure`` made from the dict without validating again (it was validated when built),
so a caller may change it freely. Inputs it cannot digest (a function, say) build as before.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import ParamSpec

import plotly.graph_objects as go

from .plotly_internals import figure_from_state, figure_state

P = ParamSpec("P")
MAX_BYTES = 64 * 1024 * 1024  # every builder together

_lock = threading.Lock()
_store: OrderedDict[tuple, bytes] = OrderedDict()
_size = 0
stats = {"hits": 0, "misses": 0}


class _Undigestible(Exception):
    pass


def digest(args: tuple, kwargs: dict) -> str:
    """A digest of the inputs' pickle: equal pickles are equal inputs (a frame with the same
    columns, dtypes, index and values), and pickling a frame is several times faster than
    hashing it column by column. Two equal frames may pickle differently (another memory
    layout): then the figure is built once more, never wrongly reused."""
    try:
        raw = pickle.dumps((args, sorted(kwargs.items())), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        raise _Undigestible(str(exc)) from exc
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def memo(fn: Callable[P, go.Figure]) -> Callable[P, go.Figure]:
    """``fn`` whose figure is built once per distinct input (see the module's text)."""
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def call(*args: P.args, **kwargs: P.kwargs) -> go.Figure:
        global _size
        try:
            key = (name, digest(args, kwargs))
        except _Undigestible:
            return fn(*args, **kwargs)
        with _lock:
            kept = _store.get(key)
            if kept is not None:
                _store.move_to_end(key)
                stats["hits"] += 1
        if kept is not None:
            return figure_from_state(pickle.loads(kept))
        fig = fn(*args, **kwargs)
        # the figure's own values (numpy arrays stay arrays: to_dict would encode them for
        # the browser, and a caller reading fig.data[0].y would get the encoding)
        kept = pickle.dumps(figure_state(fig), protocol=pickle.HIGHEST_PROTOCOL)
        with _lock:
            stats["misses"] += 1
            if key not in _store and len(kept) <= MAX_BYTES // 8:
                _store[key] = kept
                _size += len(kept)
                while _size > MAX_BYTES:
                    _, old = _store.popitem(last=False)
                    _size -= len(old)
        return fig

    call.uncached = fn  # type: ignore[attr-defined]
    return call


def clear() -> None:
    global _size
    with _lock:
        _store.clear()
        _size = 0
