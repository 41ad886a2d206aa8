"""Named query functions: ``(connection, filters, …) -> small aggregated DataFrame``.

``core`` holds the indicator engine and what every page shares; each page's own
datasets live in a module of their own (``org``, ``service``, ``rights``, ``social``,
…) and are re-exported here, so ``queries.NAME`` finds any of them (the app's
cached facade looks them up by name). Each module lists its public functions in
``__all__``; a name defined twice is refused.
"""

from __future__ import annotations

import importlib
import pkgutil

__all__: list[str] = []


def _export_all() -> None:
    names = ["core"] + sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name != "core")
    for mod_name in names:
        mod = importlib.import_module(f"{__name__}.{mod_name}")
        for name in getattr(mod, "__all__", ()):
            if name in globals() and globals()[name] is not getattr(mod, name):
                raise ImportError(f"query name {name!r} defined twice (queries/{mod_name}.py)")
            globals()[name] = getattr(mod, name)
            __all__.append(name)


_export_all()
