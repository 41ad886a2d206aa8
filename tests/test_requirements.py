"""The lock file (requirements.lock, made by pip-compile from requirements.txt and
requirements-test.txt) is what CI installs: every requirement of ours must be in it, at a
version its range allows, so a dependency added without re-locking fails here in seconds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
RELOCK = "re-lock: pip-compile --strip-extras -o requirements.lock requirements.txt requirements-test.txt"


def _requirements(name: str) -> list[Requirement]:
    out = []
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            out.append(Requirement(line))
    return out


def _locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;\\]+)", line)
        if m:
            pins[canonicalize_name(m.group(1).split("[")[0])] = m.group(2)
    return pins


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-test.txt"])
def test_every_requirement_is_locked_within_its_range(name):
    pins = _locked()
    wrong = []
    for req in _requirements(name):
        pin = pins.get(canonicalize_name(req.name))
        if pin is None:
            wrong.append(f"{req.name}: not in requirements.lock")
        elif not req.specifier.contains(pin, prereleases=True):
            wrong.append(f"{req.name}: locked {pin}, outside {req.specifier}")
    assert not wrong, f"{name} and requirements.lock disagree ({RELOCK}):\n" + "\n".join(wrong)


def test_streamlit_is_pinned_to_one_minor_version():
    (req,) = [r for r in _requirements("requirements.txt") if r.name == "streamlit"]
    uppers = [s.version for s in req.specifier if s.operator == "<"]
    lowers = [s.version for s in req.specifier if s.operator == ">="]
    assert uppers and lowers, "streamlit needs a lower and an upper bound"
    lo, hi = (tuple(int(x) for x in v.split(".")[:2]) for v in (lowers[0], uppers[0]))
    assert hi == (lo[0], lo[1] + 1), f"streamlit must stay within one minor version (internals), not {req.specifier}"
