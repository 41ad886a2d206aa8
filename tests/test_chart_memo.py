"""Built figures kept by their inputs (charts/memo.py): what a page shows is the figure its
data gives, never an earlier one, and a caller's change to a figure never reaches the next."""

import json

import pandas as pd
import pytest

from charts import basic, memo


@pytest.fixture(autouse=True)
def fresh():
    memo.clear()
    yield
    memo.clear()


def _drawn(fig):
    """What the browser is sent (plotly's JSON), as data."""
    return json.loads(fig.to_json())


def _frame(values):
    return pd.DataFrame({"county": ["青林县", "白河县", "清乐区"], "people": values})


def test_the_same_inputs_give_the_same_figure_built_once():
    first = basic.bar(_frame([3, 5, 8]), "county", "people", y_title="人数")
    again = basic.bar(_frame([3, 5, 8]), "county", "people", y_title="人数")
    assert _drawn(again) == _drawn(first)
    assert list(again.data[0].y) == [3, 5, 8]
    assert list(again.data[0].text) == ["3", "5", "8"]
    assert memo.stats["hits"] >= 1


@pytest.mark.parametrize(
    "change",
    [
        lambda: (_frame([3, 5, 9]), {}),  # one figure changed
        lambda: (_frame([3, 5, 8]), {"decimals": 1}),  # another number of decimals
        lambda: (_frame([3, 5, 8]).astype({"people": float}), {}),  # 3.0 is labelled like 3, but it is another frame
        lambda: (_frame([3, 5, 8]).iloc[::-1].reset_index(drop=True), {}),  # the same rows in another order
        lambda: (_frame([3, 5, 8]), {"y_title": "户数"}),  # another axis title
    ],
)
def test_other_inputs_give_their_own_figure(change):
    basic.bar(_frame([3, 5, 8]), "county", "people", y_title="人数")
    df, kw = change()
    got = basic.bar(df, "county", "people", **{"y_title": "人数", **kw})
    want = basic.bar.uncached(df, "county", "people", **{"y_title": "人数", **kw})
    assert _drawn(got) == _drawn(want)


def test_a_changed_figure_does_not_change_the_next():
    first = basic.bar(_frame([3, 5, 8]), "county", "people", y_title="人数")
    first.update_layout(title_text="改过的标题", height=999)
    first.data[0].marker.color = "red"
    again = basic.bar(_frame([3, 5, 8]), "county", "people", y_title="人数")
    assert again.layout.title.text is None
    assert again.layout.height != 999
    assert again.data[0].marker.color != "red"
    again.update_layout(title_text="又改了")
    assert basic.bar(_frame([3, 5, 8]), "county", "people", y_title="人数").layout.title.text is None


def test_inputs_it_cannot_digest_are_built_every_time():
    class Odd:
        pass

    assert memo.digest((_frame([1, 2, 3]),), {}) == memo.digest((_frame([1, 2, 3]),), {})
    with pytest.raises(memo._Undigestible):
        memo.digest((Odd(),), {})
