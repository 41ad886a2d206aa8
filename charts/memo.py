"""Built figures kept by their inputs: a chart builder is pure, so the same frames and
arguments give the same figure, and building it again costs plotly's validation of every
property (20–40 ms a chart; a page has up to ten) on every rerun of every session.

``@memo`` keeps each builder's figure as a pickled dict, keyed by a digest of its inputs
(a DataFrame by its columns, dtypes, index and values), bounded in bytes; a hit is a fresh
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

import numpy as np
import pandas as pd
import plotly.graph_objects as go

P = ParamSpec("P")
MAX_BYTES = 64 * 1024 * 1024  # every builder together

_lock = threading.Lock()
_store: OrderedDict[tuple, bytes] = OrderedDict()
_size = 0
stats = {"hits": 0, "misses": 0}


class _Undigestible(Exception):
    pass


def _feed(h, value: object) -> None:
    if isinstance(value, pd.DataFrame):
        h.update(b"F" + repr((list(value.columns), [str(d) for d in value.dtypes], value.shape)).encode())
        h.update(pd.util.hash_pandas_object(value.index).to_numpy().tobytes())
        for col in value.columns:  # column by column: a frame of mixed types hashes like its parts
            h.update(pd.util.hash_pandas_object(value[col], index=False).to_numpy().tobytes())
    elif isinstance(value, pd.Series):
        h.update(b"S" + repr((value.name, str(value.dtype), len(value))).encode())
        h.update(pd.util.hash_pandas_object(value.index).to_numpy().tobytes())
        if value.dtype == object:  # a row of mixed values (an indicator's definition)
            h.update(repr(value.tolist()).encode())
        else:
            h.update(pd.util.hash_pandas_object(value, index=False).to_numpy().tobytes())
    elif isinstance(value, np.ndarray):
        h.update(b"A" + repr((str(value.dtype), value.shape)).encode() + value.tobytes())
    elif isinstance(value, (str, int, float, bool, bytes, type(None))):
        h.update(b"V" + type(value).__name__.encode() + repr(value).encode())
    elif isinstance(value, (list, tuple)):
        h.update(b"L" + type(value).__name__.encode() + str(len(value)).encode())
        for v in value:
            _feed(h, v)
    elif isinstance(value, dict) or (hasattr(value, "keys") and hasattr(value, "__getitem__")):
        keys = list(value.keys())
        h.update(b"D" + str(len(keys)).encode())
        for k in keys:
            _feed(h, k)
            _feed(h, value[k])
    else:
        raise _Undigestible(type(value).__name__)


def digest(args: tuple, kwargs: dict) -> str:
    h = hashlib.blake2b(digest_size=20)
    _feed(h, args)
    _feed(h, sorted(kwargs.items()))
    return h.hexdigest()


def memo(fn: Callable[P, go.Figure]) -> Callable[P, go.Figure]:
    """``fn`` whose figure is built once per distinct input (see the module's text)."""
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def call(*args: P.args, **kwargs: P.kwargs) -> go.Figure:
        global _size
        try:
            key = (name, digest(args, kwargs))
        except (_Undigestible, TypeError, ValueError):
            return fn(*args, **kwargs)
        with _lock:
            kept = _store.get(key)
            if kept is not None:
                _store.move_to_end(key)
                stats["hits"] += 1
        if kept is not None:
            return go.Figure(pickle.loads(kept), _validate=False)
        fig = fn(*args, **kwargs)
        # the figure's own values (numpy arrays stay arrays: to_dict would encode them for
        # the browser, and a caller reading fig.data[0].y would get the encoding)
        raw = {"data": fig._data, "layout": fig._layout}
        if fig.frames:
            raw["frames"] = [frame._props for frame in fig._frame_objs]
        kept = pickle.dumps(raw, protocol=pickle.HIGHEST_PROTOCOL)
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
