"""``python -m data_access init`` says what it did (issue 29): a brand-new file gets its schema
created (it was told the schema "is already the newest"); a second run finds it up to date."""

from __future__ import annotations

from data_access.__main__ import main


def test_init_on_a_new_file_says_it_created_the_schema(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    assert main(["init", "--db", url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("已创建数据库结构（") and "已是最新" not in out
    assert main(["init", "--db", url]) == 0
    assert capsys.readouterr().out.startswith("数据库结构已是最新（")
