"""A value outside a bound that exists on one side only gets a Chinese message naming that
bound (it used to crash while writing the message: mypy found it)."""

from __future__ import annotations

import dataclasses

import pytest

from data_access.loading import validate
from data_access.loading.definitions import KINDS


def _column(kind, name):
    return next(c for c in kind.columns if c.name == name)


@pytest.mark.parametrize(
    ("bounds", "value", "message"),
    [
        ({"min": None, "max": 10}, 12, "12 超出范围（应不大于 10）"),
        ({"min": 5, "max": None}, 3, "3 超出范围（应不小于 5）"),
        ({"min": 5, "max": 10}, 12, "12 超出范围（应在 5 至 10 之间）"),
    ],
)
def test_a_value_past_a_bound_is_refused_with_the_bound(bounds, value, message):
    kind = KINDS["staffing"]
    col = dataclasses.replace(_column(kind, "count"), **bounds)
    with pytest.raises(validate.Bad) as err:
        validate._convert(kind, col, value, validate.Context({}, {}, {}))
    assert str(err.value) == message
